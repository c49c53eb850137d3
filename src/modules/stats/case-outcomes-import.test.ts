// The bulk import of case outcomes, on each database: a national export (title lines, `;`,
// decimal comma, German words) read through its mapping with the values the file holds; every
// bad row named by line and column; a dry run writes nothing; all-or-nothing writes nothing when a
// row is rejected; a re-import changes only what changed (idempotent by external id); incidents
// named by number through their own visibility; the upload over HTTP answers the same report.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { auditEventsFor } from "../audit/audit.js";
import { incidentExample } from "../incidents/schema.js";
import type { CaseOutcomeImportReport } from "./case-outcomes-import-schema.js";
import { caseOutcomeMapping, type CaseOutcomeMapping } from "./case-outcomes-mapping.js";
import type { CaseOutcomeList, CaseOutcomeOutput } from "./case-outcomes-schema.js";

const FIXTURES = resolve(import.meta.dirname, "../../../test/fixtures/case-outcomes");
const FILE = join(FIXTURES, "urteile-2025.csv");
const MAPPING: CaseOutcomeMapping = caseOutcomeMapping.parse(JSON.parse(readFileSync(join(FIXTURES, "urteile.mapping.json"), "utf8")));
const scratch = mkdtempSync(join(tmpdir(), "case-outcome-import-"));

/** A copy of the fixture with its country changed, so each test's external ids are its own. */
function fixtureFor(country: string, edit: (text: string) => string = (t) => t): { path: string; mapping: CaseOutcomeMapping } {
  const path = join(scratch, `urteile-${country}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, edit(readFileSync(FILE, "utf8")));
  return { path, mapping: { ...MAPPING, constants: { ...MAPPING.constants, country } } };
}

forEachDatabase("case outcome imports", (env) => {
  let reporter: TestUser;
  let analyst: TestUser;
  const stats = () => env().context.services.stats;
  const outcomesOf = async (country: string) =>
    (await stats().listCaseOutcomes(analyst.actor, { country: [country], limit: 200 })).items.sort((a, b) => (a.external_id! < b.external_id! ? -1 : 1));
  const run = (country: string, options: { dryRun?: boolean; allOrNothing?: boolean; edit?: (t: string) => string; user?: TestUser } = {}) => {
    const { path, mapping } = fixtureFor(country, options.edit);
    return stats().importCaseOutcomeFile((options.user ?? reporter).actor, path, {
      file: "urteile-2025.csv",
      mapping,
      dryRun: options.dryRun,
      allOrNothing: options.allOrNothing,
    });
  };

  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
    analyst = await env().user("analyst");
  });

  it("when the national export is imported, then the file's values read back, and each bad row is named by line and column", async () => {
    const report = await run("AT");
    expect(report).toMatchObject({ rows: 6, added: 4, updated: 0, unchanged: 0, rejected: 2, written: true });
    expect(report.rejections).toEqual([
      { line: 8, column: "Entscheidungsdatum", reason: '"31.02.2025" is not a date written DD.MM.YYYY' },
      { line: 8, column: "Freiheitsstrafe (Monate)", reason: '"acht" is not a number' },
      { line: 9, column: "Delikt (ICCS)", reason: "ICCS 0401 (Robbery) falls under no category of the current taxonomy" },
    ]);
    const outcomes = await outcomesOf("AT");
    expect(outcomes.map((o) => o.external_id)).toEqual(["12 Ls 45/24", "14 Cs 112/24", "3 KLs 7/24", "5 Ns 9/25"]);
    const [assault, exploitation, rape, acquittal] = outcomes as [CaseOutcomeOutput, CaseOutcomeOutput, CaseOutcomeOutput, CaseOutcomeOutput];
    expect(assault).toMatchObject({
      country: "AT",
      offence: { category: "SV.ASSAULT", iccs: "03012" },
      court_level: "first_instance",
      decision_date: "2025-03-12",
      defendant: { migration_status: "citizen_by_birth", basis: "court_record" },
      convicted: true,
      sentence: { custodial_months: 8, suspended: true, fine: null, other: null },
      post: "DE",
      incident_id: null,
      synthetic: false,
    });
    expect(rape).toMatchObject({
      offence: { category: "SV.RAPE", iccs: "03011" },
      decision_date: "2024-05-02",
      sentence: { custodial_months: 30.5, suspended: false },
    });
    expect(rape.defendant.migration_status).toBe("asylum_seeker");
    // 0302 is both SE and SE.ORGANISED in the taxonomy: the parent takes it. The fine's "1.200" is 1,200.
    expect(exploitation).toMatchObject({
      offence: { category: "SE", iccs: "0302" },
      sentence: { custodial_months: null, fine: { amount: 1200, currency: "EUR" } },
    });
    expect(exploitation.defendant.migration_status).toBe("unknown");
    expect(acquittal).toMatchObject({ court_level: "appeal", convicted: false, sentence: null, defendant: { migration_status: "third_country_resident" } });
    const events = await auditEventsFor(env().context.db, "case_outcome", assault.id);
    expect(events.map((e) => e.action)).toEqual(["case_outcome.create"]);
  });

  it("when a file is imported as a dry run, then the report is the real run's and nothing is written", async () => {
    const dry = await run("BE", { dryRun: true });
    expect(dry).toMatchObject({ dry_run: true, written: false, added: 4, rejected: 2 });
    expect(dry.changes.map((c) => [c.line, c.kind, c.id])).toEqual([
      [4, "add", null],
      [5, "add", null],
      [6, "add", null],
      [7, "add", null],
    ]);
    expect(await outcomesOf("BE")).toEqual([]);
    const real = await run("BE");
    expect({ ...real, changes: [], dry_run: true, written: false }).toEqual({ ...dry, changes: [] });
  });

  it("when all or nothing is asked and a row is rejected, then nothing is written; without the bad rows everything is", async () => {
    const refused = await run("NL", { allOrNothing: true });
    expect(refused).toMatchObject({ written: false, added: 4, rejected: 2 });
    expect(await outcomesOf("NL")).toEqual([]);
    const clean = await run("NL", { allOrNothing: true, edit: (t) => t.split("\n").slice(0, 7).join("\n") });
    expect(clean).toMatchObject({ written: true, added: 4, rejected: 0 });
    expect(await outcomesOf("NL")).toHaveLength(4);
  });

  it("when the same file is imported again, then nothing changes; a changed row corrects its outcome, audited with the file and line", async () => {
    await run("LU");
    const first = await outcomesOf("LU");
    const again = await run("LU");
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 4, written: false });
    expect(await outcomesOf("LU")).toEqual(first);
    const changed = await run("LU", {
      edit: (t) =>
        t.replace("12 Ls 45/24;12.03.2025;03012;Amtsgericht;Deutsche;verurteilt;8;ja", "12 Ls 45/24;12.03.2025;03012;Amtsgericht;Deutsche;verurteilt;10;ja"),
    });
    expect(changed).toMatchObject({ added: 0, updated: 1, unchanged: 3 });
    const after = await outcomesOf("LU");
    const corrected = after.find((o) => o.external_id === "12 Ls 45/24")!;
    expect(corrected).toMatchObject({ version: 2, sentence: { custodial_months: 10 } });
    expect(after.filter((o) => o.external_id !== "12 Ls 45/24")).toEqual(first.filter((o) => o.external_id !== "12 Ls 45/24"));
    const events = await auditEventsFor(env().context.db, "case_outcome", corrected.id);
    expect(events.map((e) => e.action)).toEqual(["case_outcome.create", "case_outcome.update"]);
    expect(events[1]!.after).toMatchObject({ reason: "imported from urteile-2025.csv, line 4" });
  });

  it("when another post re-imports a changed row of outcomes DE recorded, then that row is rejected; the bureau may", async () => {
    await run("PT");
    const edit = (t: string) => t.replace(";8;ja;;", ";9;ja;;");
    const reporterFr = await env().user("reporter", "FR");
    const byFr = await run("PT", { edit, user: reporterFr });
    expect(byFr).toMatchObject({ updated: 0, unchanged: 3 });
    expect(byFr.rejections.find((r) => r.line === 4)).toMatchObject({ column: "Aktenzeichen", reason: expect.stringContaining("recorded by another post") });
    expect(await run("PT", { edit, user: analyst })).toMatchObject({ updated: 1 });
  });

  it("when rows name incidents by number, then one the importer may see is linked and another post's draft reads as no incident", async () => {
    const own = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    const reporterFr = await env().user("reporter", "FR");
    const other = await env().request(reporterFr, { method: "POST", url: "/api/v1/incidents", json: { ...incidentExample, country: "FR" } });
    const [ownNumber, otherNumber] = [own.json<{ number: number }>().number, other.json<{ number: number }>().number];
    const report = await run("SI", {
      edit: (t) =>
        t
          .replace("Deutsche;verurteilt;8;ja;;", `Deutsche;verurteilt;8;ja;;${ownNumber}`)
          .replace("Asylbewerber;verurteilt;30,5;nein;;", `Asylbewerber;verurteilt;30,5;nein;;${otherNumber}`),
    });
    expect(report.rejections.find((r) => r.line === 5)).toEqual({ line: 5, column: "Vorgang", reason: `no incident has the number ${otherNumber}` });
    const madeUp = await run("HR", { edit: (t) => t.replace("Asylbewerber;verurteilt;30,5;nein;;", "Asylbewerber;verurteilt;30,5;nein;;99999999") });
    expect(madeUp.rejections.find((r) => r.line === 5)).toEqual({ line: 5, column: "Vorgang", reason: "no incident has the number 99999999" });
    const linked = (await outcomesOf("SI")).find((o) => o.external_id === "12 Ls 45/24")!;
    expect((await stats().getCaseOutcome(reporter.actor, linked.id)).incident_id).toBe(own.json<{ id: string }>().id);
  });

  it("when the mapping names a column the file lacks, then 400 names the mapping's field, and nothing is written", async () => {
    const { path, mapping } = fixtureFor("SK");
    const wrong = { ...mapping, columns: { ...mapping.columns, offence: "Straftat" } };
    await expect(stats().importCaseOutcomeFile(reporter.actor, path, { file: "x.csv", mapping: wrong })).rejects.toMatchObject({
      status: 400,
      issues: [{ path: "mapping.columns.offence", message: expect.stringContaining('the file has no column "Straftat"') }],
    });
    expect(await outcomesOf("SK")).toEqual([]);
  });

  it("when the file is a spreadsheet, then its rows import as the CSV's do", async () => {
    // The same rows written as an XLSX worksheet (exceljs), read through lib/xlsx.ts, told by content.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Urteile");
    for (const line of readFileSync(FILE, "utf8").trimEnd().split("\n")) sheet.addRow(line.split(";"));
    const path = join(scratch, "urteile.data");
    await book.xlsx.writeFile(path);
    const report = await stats().importCaseOutcomeFile(reporter.actor, path, {
      file: "urteile.data",
      mapping: { ...MAPPING, sheet: "Urteile", constants: { ...MAPPING.constants, country: "CZ" } },
    });
    expect(report).toMatchObject({ added: 4, rejected: 2 });
    expect((await outcomesOf("CZ")).find((o) => o.external_id === "3 KLs 7/24")?.sentence?.custodial_months).toBe(30.5);
  });

  it("when the file is uploaded over HTTP with its mapping, then the answer is the import's report; a dry run writes nothing", async () => {
    const { mapping } = fixtureFor("DK");
    const upload = (query: string) =>
      env().request(reporter, {
        method: "POST",
        url: `/api/v1/case-outcomes/import?mapping=${encodeURIComponent(JSON.stringify(mapping))}&filename=urteile-2025.csv${query}`,
        payload: readFileSync(FILE),
        headers: { "content-type": "text/csv" },
      });
    const dry = await upload("&dry_run=true");
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<CaseOutcomeImportReport>()).toMatchObject({ dry_run: true, written: false, added: 4, rejected: 2, file: "urteile-2025.csv" });
    expect((await env().request(analyst, { method: "GET", url: "/api/v1/case-outcomes?country=DK" })).json<CaseOutcomeList>().items).toEqual([]);
    const real = await upload("");
    expect(real.json<CaseOutcomeImportReport>()).toMatchObject({ written: true, added: 4 });
    expect((await env().request(analyst, { method: "GET", url: "/api/v1/case-outcomes?country=DK" })).json<CaseOutcomeList>().items).toHaveLength(4);
    const badMapping = await env().request(reporter, {
      method: "POST",
      url: `/api/v1/case-outcomes/import?mapping=${encodeURIComponent(JSON.stringify({ ...mapping, columns: { ...mapping.columns, offence: "Straftat" } }))}`,
      payload: readFileSync(FILE),
      headers: { "content-type": "text/csv" },
    });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path)).toEqual(["query.mapping.columns.offence"]);
  });
});
