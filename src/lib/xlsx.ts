// The reader of spreadsheets (XLSX) the product takes in, beside csv.ts and in its shape: one
// worksheet (the first, or one named) as records of strings with the row they are on, streamed
// with exceljs's WorkbookReader (the sheet is parsed as it is unzipped; only the shared strings are
// held whole). Cells are written as a CSV of the same table would hold them: numbers as their plain
// decimal text (1234.5, never 1.2345e3), dates as ISO dates (2023-01-31, with the time when there
// is one), formulas as their last computed result, empty cells as "". Rows missing from the sheet
// come as blank records, so a record's `line` is the spreadsheet's row number.
//
// A file is an XLSX by its content (a zip holding xl/workbook.xml), never by its name.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { TextFileError, type CsvRecord, type ProgressReport } from "./csv.js";
import { zipEntryNames } from "./zip.js";

export interface XlsxOptions {
  /** The worksheet's name (as its tab shows it); the first worksheet when absent. */
  sheet?: string;
  onProgress?: (progress: ProgressReport) => void;
}

export interface XlsxRecord extends CsvRecord {
  /** Which fields were numbers in the sheet (their text is plain decimal, whatever the file's locale). */
  numeric: boolean[];
}

/** Whether the file is an XLSX workbook (a zip holding xl/workbook.xml), by its content. */
export async function isXlsx(path: string): Promise<boolean> {
  return (await zipEntryNames(path))?.includes("xl/workbook.xml") ?? false;
}

/** A number as plain decimal text: 1e21 → "1000000000000000000000", 1.5e-7 → "0.00000015". */
export function plainNumber(n: number): string {
  const text = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([-+]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, whole, fraction = "", exponent] = m;
  const digits = whole! + fraction;
  const point = whole!.length + Number(exponent);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A spreadsheet date (exceljs gives it as UTC): the ISO date, with the time when it has one. */
function isoDate(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const seconds = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return seconds === 0 ? date : `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** One cell as text, and whether it was a number. */
function cellText(value: unknown): { text: string; numeric: boolean } {
  if (value === null || value === undefined) return { text: "", numeric: false };
  if (typeof value === "number") return { text: Number.isFinite(value) ? plainNumber(value) : "", numeric: true };
  if (typeof value === "string") return { text: value, numeric: false };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", numeric: false };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? "" : isoDate(value), numeric: false };
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; result?: unknown; error?: string; text?: unknown; formula?: string };
    if (Array.isArray(v.richText)) return { text: v.richText.map((r) => r.text ?? "").join(""), numeric: false };
    if ("formula" in v || "sharedFormula" in v) return cellText(v.result);
    if (typeof v.error === "string") return { text: v.error, numeric: false };
    if ("text" in v) return cellText(v.text);
  }
  return { text: String(value), numeric: false };
}

/**
 * The worksheet's rows, one at a time, each with its row number. A file that is not an XLSX, a
 * damaged one, or a sheet it does not have, is refused with a TextFileError saying so.
 */
export async function* readXlsxRows(path: string, options: XlsxOptions = {}): AsyncGenerator<XlsxRecord> {
  const names = await zipEntryNames(path);
  if (names === null || !names.includes("xl/workbook.xml"))
    throw new TextFileError(
      names === null
        ? "the file is not an XLSX spreadsheet (it is not a zip archive)"
        : "the file is a zip archive but not an XLSX spreadsheet (it has no xl/workbook.xml)",
    );
  const totalBytes = (await stat(path)).size;
  // Loaded when a spreadsheet is read (it is large): every command line run would load it otherwise.
  const { default: ExcelJS } = await import("exceljs");
  // Progress is the stream's own count of bytes read. Nothing here listens for "data": a listener
  // sets the stream flowing at once, and whatever flowed before the reader took hold of it (while
  // it was still starting up, slowly on a busy machine) was lost to it: the zip's first entries,
  // the workbook among them ("Cannot read properties of undefined (reading 'sheets')").
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore" });
  let nextLine = 1;
  const seen: string[] = [];
  try {
    for await (const sheet of workbook) {
      const name = (sheet as unknown as { name: string }).name;
      seen.push(name);
      if (options.sheet !== undefined && name.trim().toLowerCase() !== options.sheet.trim().toLowerCase()) continue;
      for await (const row of sheet) {
        for (; nextLine < row.number; nextLine++) yield { line: nextLine, fields: [""], numeric: [false], blank: true };
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        const fields: string[] = [];
        const numeric: boolean[] = [];
        for (let c = 1; c < Math.max(values.length, 2); c++) {
          const cell = cellText(values[c]);
          fields.push(cell.text);
          numeric.push(cell.numeric);
        }
        nextLine = row.number + 1;
        yield { line: row.number, fields, numeric, blank: fields.every((f) => f.trim() === "") };
        options.onProgress?.({ bytes: input.bytesRead, totalBytes, lines: row.number });
      }
      options.onProgress?.({ bytes: totalBytes, totalBytes, lines: nextLine - 1 });
      return;
    }
  } catch (error) {
    if (error instanceof TextFileError) throw error;
    throw new TextFileError(`the spreadsheet is damaged and cannot be read (${(error as Error).message})`);
  } finally {
    input.destroy();
  }
  throw new TextFileError(
    options.sheet === undefined
      ? "the spreadsheet has no worksheet"
      : `the spreadsheet has no worksheet "${options.sheet}"; it has ${seen.map((s) => `"${s}"`).join(", ") || "none"}`,
  );
}
