// Statistics from an XLSX spreadsheet (written by exceljs here) with a column mapping, from the
// command line's service call and as an HTTP upload, told by its content whatever its name; and a
// dry run of an upload: the report of what would be added, updated and withdrawn by line, with
// nothing written, then the import itself giving the same counts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { csvMapping, type CsvMapping } from "./importers/mapping.js";
import { observationQuery, XLSX_MEDIA_TYPE, type ImportReport, type PreviewOutput } from "./schema.js";

const dir = mkdtempSync(join(tmpdir(), "rapporteur-xlsx-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A national table as a police office ships it: a title row, then the header; no geo column. */
async function nationalWorkbook(name: string, rows: (string | number | null)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Notes").getCell("A1").value = "Recorded offences, Ireland";
  const sheet = book.addWorksheet("Table 1");
  sheet.getCell("A1").value = "Recorded offences by year (provisional)";
  sheet.getRow(3).values = ["Year", "Offence", "Cases", "Solved"];
  rows.forEach((row, i) => {
    sheet.getRow(4 + i).values = row;
  });
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

const mapping = (code: string): CsvMapping =>
  csvMapping.parse({
    dataset: { publisher: "An Garda Síochána", code, title: "Recorded offences" },
    sheet: "Table 1",
    header_row: 3,
    // Separators for text cells; the spreadsheet's numbers are numbers whatever they say.
    decimal: ",",
    thousands: ".",
    constants: { geo: "IE" },
    columns: { period: "Year" },
    dimension_columns: { offence: "Offence" },
    values: [
      { column: "Cases", dimensions: { measure: { code: "CASES", label: "Recorded cases" } } },
      { column: "Solved", dimensions: { measure: { code: "SOLVED", label: "Solved cases" } } },
    ],
    geo_codes: "iso2",
  });

forEachDatabase("statistics from XLSX", (env) => {
  let analyst: TestUser;
  beforeAll(async () => {
    analyst = await env().user("analyst");
  });
  const stats = () => env().context.services.stats;
  const value = async (dataset: string, period: string, series: string) =>
    (await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset, geo: "IE", period }))).find((o) => o.series === series);
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ["datasets", "series", "observations", "observation_revisions"])
      out[table] = Number((await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(env().context.db)).rows[0]!.n);
    return out;
  };
  const upload = (body: Buffer, query: Record<string, string>) =>
    env()
      .request(analyst, {
        method: "POST",
        url: `/api/v1/stats/imports?${new URLSearchParams(query).toString()}`,
        payload: body,
        headers: { "content-type": XLSX_MEDIA_TYPE },
      })
      .then((r) => env().finished(analyst, r));

  it("when an XLSX named .csv is imported as the CLI does (format auto, a mapping), then its worksheet's values read back exactly", async () => {
    const path = await nationalWorkbook("garda.csv", [
      [2022, "Burglary", 10234, 1499.5],
      [2023, "Burglary", "12.345", null],
      [2023, "Assault", 7, 3],
    ]);
    const report = await stats().importFile(CLI_ACTOR, { path, mapping: mapping("garda_xlsx") });
    expect(report).toMatchObject({ format: "csv", imported: true, added: 5, missing: 1, rejected: 0, dry_run: false });
    expect(report.changes).toBeUndefined();
    expect(await value("garda_xlsx", "2022", "measure=CASES,offence=Burglary")).toMatchObject({ value: 10234, labels: { measure: "Recorded cases" } });
    // A number cell is plain decimal (1499.5, not 14995 by the mapping's "." thousands); a text cell follows the mapping.
    expect(await value("garda_xlsx", "2022", "measure=SOLVED,offence=Burglary")).toMatchObject({ value: 1499.5 });
    expect(await value("garda_xlsx", "2023", "measure=CASES,offence=Burglary")).toMatchObject({ value: 12345 });
    expect(await value("garda_xlsx", "2023", "measure=SOLVED,offence=Burglary")).toBeUndefined();
    expect(await value("garda_xlsx", "2023", "measure=SOLVED,offence=Assault")).toMatchObject({ value: 3 });
  });

  it("when an XLSX is uploaded with its mapping, then it is imported as the CLI imports it; without one, the mapping is asked for", async () => {
    const body = readFileSync(await nationalWorkbook("upload.xlsx", [[2021, "Theft", 501, 77]]));
    const refused = await upload(body, { filename: "upload.xlsx" });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.body).toContain("mapping");
    const response = await upload(body, { filename: "upload.xlsx", mapping: JSON.stringify(mapping("garda_upload")) });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ImportReport>()).toMatchObject({ format: "csv", imported: true, added: 2, dry_run: false });
    expect(await value("garda_upload", "2021", "measure=SOLVED,offence=Theft")).toMatchObject({ value: 77 });
  });

  it("when an upload asks for a dry run, then its report lists by line what would be added, updated and withdrawn, and nothing is written", async () => {
    const first = readFileSync(
      await nationalWorkbook("v1.xlsx", [
        [2020, "Fraud", 40, 10],
        [2021, "Fraud", 50, 12],
      ]),
    );
    const query = { filename: "v1.xlsx", mapping: JSON.stringify(mapping("garda_dry")) };
    const before = await counts();
    const dry = await upload(first, { ...query, dry_run: "true" });
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json<ImportReport>();
    expect(report).toMatchObject({ dry_run: true, imported: true, added: 4, updated: 0, withdrawn: 0 });
    expect(report.changes!.map((c) => `${c.kind} ${c.at} ${c.period} ${c.labels["measure"]} ${c.after?.value}`).sort()).toEqual([
      "add 4 2020 Recorded cases 40",
      "add 4 2020 Solved cases 10",
      "add 5 2021 Recorded cases 50",
      "add 5 2021 Solved cases 12",
    ]);
    expect(await counts()).toEqual(before);

    expect((await upload(first, query)).json<ImportReport>()).toMatchObject({ dry_run: false, added: 4 });
    const second = readFileSync(
      await nationalWorkbook("v2.xlsx", [
        [2020, "Fraud", 41, 10],
        [2021, "Fraud", 50, ":"],
      ]),
    );
    const stored = await counts();
    const revised = (await upload(second, { ...query, dry_run: "true" })).json<ImportReport>();
    expect(revised).toMatchObject({ dry_run: true, added: 0, updated: 1, unchanged: 2, withdrawn: 1 });
    expect(revised.changes!.map((c) => [c.kind, c.at, c.period, c.before?.value ?? null, c.after?.value ?? null])).toEqual([
      ["update", "4", "2020", 40, 41],
      ["withdraw", "5", "2021", 12, null],
    ]);
    expect(await counts()).toEqual(stored);
  });

  const preview = (body: Buffer, query: string, type = XLSX_MEDIA_TYPE) =>
    env().request(analyst, { method: "POST", url: `/api/v1/stats/preview${query}`, payload: body, headers: { "content-type": type } });

  it("when the mapping editor previews an XLSX with its header on row 3, then it gets the title above, the header and the rows, and nothing is stored", async () => {
    const before = await counts();
    const response = await preview(readFileSync(await nationalWorkbook("preview.xlsx", [[2022, "Burglary", 10234, 1499.5]])), "?sheet=Table%201&header_row=3");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<PreviewOutput>()).toEqual({
      kind: "xlsx",
      delimiter: null,
      sheet: "Table 1",
      before: [
        { line: 1, cells: ["Recorded offences by year (provisional)"] },
        { line: 2, cells: [""] },
      ],
      header: ["Year", "Offence", "Cases", "Solved"],
      rows: [{ line: 4, cells: ["2022", "Burglary", "10234", "1499.5"] }],
    });
    expect(await counts()).toEqual(before);
  });

  it("when the editor previews a gzip Latin-1 CSV split by semicolons, then the delimiter is guessed and the text decoded, at most 20 rows", async () => {
    const lines = ["Jahr;Straftat;Fälle", ...Array.from({ length: 30 }, (_, i) => `${2000 + i};Körperverletzung;${i}`)];
    const response = await preview(gzipSync(Buffer.from(`${lines.join("\n")}\n`, "latin1")), "", "application/octet-stream");
    expect(response.statusCode, response.body).toBe(200);
    const got = response.json<PreviewOutput>();
    expect(got).toMatchObject({ kind: "csv", delimiter: ";", header: ["Jahr", "Straftat", "Fälle"] });
    expect(got.rows.length).toBe(20);
    expect(got.rows[0]).toEqual({ line: 2, cells: ["2000", "Körperverletzung", "0"] });
  });
});
