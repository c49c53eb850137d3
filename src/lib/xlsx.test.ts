// The XLSX reader against spreadsheets written by exceljs here: what each kind of cell reads as,
// which worksheet is read, and files that are no spreadsheet.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { isXlsx, plainNumber, readXlsxRows } from "./xlsx.js";

const dir = mkdtempSync(join(tmpdir(), "rapporteur-xlsx-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function workbook(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const book = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(sheetName);
    rows.forEach((row, i) => {
      if (row.length > 0) sheet.getRow(i + 1).values = row as ExcelJS.CellValue[];
    });
    sheet.getColumn(3).numFmt = "yyyy-mm-dd";
  }
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

async function rows(path: string, sheet?: string) {
  const out: { line: number; fields: string[]; blank: boolean; numeric: boolean[] }[] = [];
  for await (const r of readXlsxRows(path, { sheet })) out.push(r);
  return out;
}

describe("reading an XLSX worksheet", () => {
  it("when cells hold text, numbers, dates, formulas and nothing, then each reads as a CSV of the table would hold it", async () => {
    const path = await workbook("cells.xlsx", {
      Cases: [
        ["Country", "Cases", "Date", "Share"],
        ["Ireland", 1234.5, new Date(Date.UTC(2023, 0, 31)), { formula: "B2/10", result: 123.45 }],
        [],
        ["Éire – Ireland", 1e21, null, 0.00000015],
      ],
    });
    const read = await rows(path);
    expect(read.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(read[0]!.fields).toEqual(["Country", "Cases", "Date", "Share"]);
    expect(read[1]!.fields).toEqual(["Ireland", "1234.5", "2023-01-31", "123.45"]);
    expect(read[1]!.numeric).toEqual([false, true, false, true]);
    expect(read[2]!.blank).toBe(true);
    expect(read[3]!.fields).toEqual(["Éire – Ireland", "1000000000000000000000", "", "0.00000015"]);
  });

  it("when a worksheet is named, then that one is read; a name it lacks is refused naming those it has", async () => {
    const path = await workbook("sheets.xlsx", {
      Notes: [["read me first"]],
      Data: [
        ["geo", "value"],
        ["IE", 7],
      ],
    });
    expect((await rows(path)).map((r) => r.fields)).toEqual([["read me first"]]);
    expect((await rows(path, "data")).map((r) => r.fields)).toEqual([
      ["geo", "value"],
      ["IE", "7"],
    ]);
    await expect(rows(path, "Totals")).rejects.toThrow('the spreadsheet has no worksheet "Totals"; it has "Notes", "Data"');
  });

  it("when the file is not an XLSX, then it is refused in words, whatever its name", async () => {
    const csv = join(dir, "table.xlsx");
    writeFileSync(csv, "geo,value\nIE,7\n");
    expect(await isXlsx(csv)).toBe(false);
    await expect(rows(csv)).rejects.toThrow("the file is not an XLSX spreadsheet (it is not a zip archive)");
    const spreadsheet = await workbook("named-as.csv", { S: [["a"]] });
    expect(await isXlsx(spreadsheet)).toBe(true);
    expect(await isXlsx(join(import.meta.dirname, "../../test/fixtures/stats/estat_crim_off_cat_codes.zip"))).toBe(false);
    await expect(rows(join(import.meta.dirname, "../../test/fixtures/stats/estat_crim_off_cat_codes.zip"))).rejects.toThrow(
      "the file is a zip archive but not an XLSX spreadsheet",
    );
  });

  it("when a sheet of many rows is read, then progress counts the file's bytes up to its size, and every row arrives", async () => {
    const path = await workbook("progress.xlsx", { Data: Array.from({ length: 3_000 }, (_, i) => [`row ${i}`, i, i * 1.5]) });
    const seen: { bytes: number; totalBytes: number }[] = [];
    let count = 0;
    for await (const record of readXlsxRows(path, { onProgress: (p) => seen.push({ bytes: p.bytes, totalBytes: p.totalBytes }) })) if (!record.blank) count++;
    expect(count).toBe(3_000);
    expect(seen.every((p, i) => p.bytes > 0 && p.bytes <= p.totalBytes && (i === 0 || p.bytes >= seen[i - 1]!.bytes))).toBe(true);
    expect(seen.at(-1)).toEqual({ bytes: seen[0]!.totalBytes, totalBytes: seen[0]!.totalBytes });
  });

  it("when a number would print with an exponent, then its plain decimal text is given", () => {
    expect(plainNumber(1.5e-7)).toBe("0.00000015");
    expect(plainNumber(-2.5e22)).toBe("-25000000000000000000000");
    expect(plainNumber(123.45)).toBe("123.45");
    expect(plainNumber(1.2345e-5)).toBe("0.000012345");
  });
});
