// The mapping editor's preview of an uploaded table (POST /api/v1/stats/preview): its header and
// first rows, read by the import's own readers (importers/table.ts: CSV with its encoding, gzip,
// zip, or an XLSX worksheet), so the columns the user maps are the columns the import will read.
// The delimiter is guessed from the first line when not given. Nothing is stored.
import { firstLine, TextFileError } from "../../lib/csv.js";
import { isXlsx } from "../../lib/xlsx.js";
import { ValidationError } from "../../domain/errors.js";
import { readTableRows } from "./importers/table.js";
import type { PreviewOutput, PreviewQuery } from "./schema.js";

/** Rows shown after the header. */
const PREVIEW_ROWS = 20;
const DELIMITERS = [",", ";", "\t", "|"] as const;

/** The delimiter that splits the line most (a comma when none does). */
function guessDelimiter(line: string): string {
  let best: string = ",";
  let most = 0;
  for (const d of DELIMITERS) {
    const n = line.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

export async function previewTable(path: string, query: PreviewQuery): Promise<PreviewOutput> {
  try {
    const spreadsheet = await isXlsx(path);
    const delimiter = spreadsheet ? null : (query.delimiter ?? guessDelimiter(await firstLine(path, { encoding: query.encoding })));
    const before: PreviewOutput["before"] = [];
    const rows: PreviewOutput["rows"] = [];
    let header: string[] | null = null;
    for await (const record of readTableRows(path, {
      delimiter: delimiter ?? ",",
      encoding: query.encoding,
      sheet: query.sheet,
      headerRow: query.header_row,
    })) {
      if (record.line < query.header_row) {
        if (before.length < PREVIEW_ROWS) before.push({ line: record.line, cells: record.fields });
      } else if (header === null) header = record.fields;
      else if (!record.blank) rows.push({ line: record.line, cells: record.fields });
      if (rows.length >= PREVIEW_ROWS) break;
    }
    if (header === null) throw new ValidationError([{ path: "header_row", message: `the file has no line ${query.header_row}` }]);
    return { kind: spreadsheet ? "xlsx" : "csv", delimiter, sheet: query.sheet ?? null, before, header, rows };
  } catch (error) {
    if (error instanceof TextFileError) throw new ValidationError([{ path: "file", message: error.message }], "The file cannot be previewed.");
    throw error;
  }
}
