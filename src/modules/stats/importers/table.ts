// The rows of a table file, whichever it is, told by its content: a CSV (or TSV, gzip, zip; read by
// lib/csv.ts) or an XLSX worksheet (lib/xlsx.ts). The mapped import and the mapping editor's
// preview read through here, so what a user maps is what the import reads.
import { readCsvRecords, type CsvRecord, type TextEncodingName, type ProgressReport } from "../../../lib/csv.js";
import { isXlsx, readXlsxRows, type XlsxRecord } from "../../../lib/xlsx.js";

export interface TableOptions {
  delimiter: string;
  encoding?: TextEncodingName;
  /** An XLSX's worksheet, by name; the first when absent. */
  sheet?: string;
  /** The 1-based row of the header: a worksheet's rows from it on are as wide as the header. */
  headerRow: number;
  onProgress?: (progress: ProgressReport) => void;
}

export type TableRecord = CsvRecord & Partial<Pick<XlsxRecord, "numeric">>;

/**
 * The file's rows. A worksheet's rows are as wide as their last filled cell: from the header on
 * they are padded to the header's width (and cells past it left off when empty), so a short row
 * of a spreadsheet is not a CSV's short line.
 */
export async function* readTableRows(path: string, options: TableOptions): AsyncGenerator<TableRecord> {
  if (!(await isXlsx(path))) {
    yield* readCsvRecords(path, { delimiter: options.delimiter, encoding: options.encoding, onProgress: options.onProgress });
    return;
  }
  let width: number | null = null;
  for await (const row of readXlsxRows(path, { sheet: options.sheet, onProgress: options.onProgress })) {
    if (row.line >= options.headerRow && !row.blank) {
      let end = row.fields.length;
      while (end > 0 && row.fields[end - 1]!.trim() === "") end--;
      width ??= end;
      const fields = row.fields.slice(0, Math.max(end, width));
      while (fields.length < width) fields.push("");
      yield { ...row, fields };
    } else yield row;
  }
}
