// Official statistics through the service, on each database: the real files import completely
// (counted independently here), spot values read back exactly, a second import changes nothing,
// broken lines are reported while the rest come in, a newer edition bumps the revision, and the
// population denominator names its source. Case outcomes are recorded with their audit event.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { parseCsv } from "../../lib/csv.js";
import { forEachDatabase } from "../../testing/harness.js";
import { auditEventsFor } from "../audit/audit.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { observationQuery } from "./schema.js";
import { caseOutcomeInput } from "./case-outcomes-schema.js";
import { loadCsvMapping } from "./importers/mapping.js";

const dir = mkdtempSync(join(tmpdir(), "rapporteur-stats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => join(FIXTURES, name);
const read = (name: string) => readFileSync(fixture(name), "utf8");

/** Rows of an SDMX-CSV file with a non-empty OBS_VALUE, counted without the importer. */
function sdmxValues(name: string): number {
  const [header, ...rows] = parseCsv(read(name));
  const v = header!.indexOf("OBS_VALUE");
  return rows.filter((r) => (r[v] ?? "").trim() !== "").length;
}

/** Cells of the TSV that are not `:`. */
function tsvValues(name: string): number {
  return read(name)
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== "")
    .flatMap((l) => l.split("\t").slice(1))
    .filter((c) => !c.trim().startsWith(":")).length;
}

forEachDatabase("official statistics", (env) => {
  const stats = () => env().context.services.stats;
  const value = async (dataset: string, geo: string, period: string, series: string) =>
    (await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset, geo, period }))).find((o) => o.series === series);

  it("when the crim_just_ctz SDMX-CSV 1.0 labels file is imported, then every value is stored with codes and Austria 2008 reads 10991", async () => {
    const report = await stats().importFile(CLI_ACTOR, { path: fixture("estat_crim_just_ctz_en.csv") });
    expect(report).toMatchObject({ imported: true, added: sdmxValues("estat_crim_just_ctz_en.csv"), updated: 0, rejected: 0, format: "sdmx-csv" });
    expect(report.dataset).toMatchObject({ publisher: "Eurostat", code: "crim_just_ctz", revision: 1, last_update: "2024-07-16T23:00:00" });
    const at = await value("crim_just_ctz", "AT", "2008", "citizen=FOR,freq=A,leg_stat=PER_CNV,unit=NR");
    expect(at).toMatchObject({ value: 10991, flag: null, labels: { leg_stat: "Convicted person", citizen: "Foreign country", unit: "Number" } });
    const kosovo = await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "crim_just_ctz", geo: "XK" }));
    expect(kosovo.length).toBe(84);
    expect((await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "crim_just_ctz", geo: "UKC-L" })))[0]?.geo_kind).toBe("region");
  });

  it("when the tps00001 TSV is imported, then AD 2011 is 78115 flagged b and ':' cells are absent, not zero", async () => {
    const report = await stats().importFile(CLI_ACTOR, { path: fixture("tps00001.tsv") });
    expect(report).toMatchObject({ added: tsvValues("tps00001.tsv"), missing: 28, rejected: 0 });
    expect(await value("tps00001", "AD", "2011", "indic_de=JAN")).toMatchObject({ value: 78115, flag: "b" });
    expect(await value("tps00001", "AD", "2014", "indic_de=JAN")).toBeUndefined();
    expect((await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "tps00001" }))).every((o) => o.value !== 0)).toBe(true);
    expect(await value("tps00001", "GR", "2019", "indic_de=JAN")).toBeDefined(); // EL is Greece
    expect((await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "tps00001", geo: "EU27_2020", period: "2019" })))[0]?.geo_kind).toBe(
      "aggregate",
    );
  });

  it("when the asylum SDMX-CSV 2.0 file is imported, then AT 2008 is 12750", async () => {
    const report = await stats().importFile(CLI_ACTOR, { path: fixture("asylum_applicants_total.csv") });
    expect(report).toMatchObject({ added: sdmxValues("asylum_applicants_total.csv"), rejected: 0 });
    expect(await value("migr_asyappctza", "AT", "2008", "age=TOTAL,asyl_app=ASY_APP,citizen=TOTAL,freq=A,sex=T,unit=PER")).toMatchObject({ value: 12750 });
  });

  it("when the same file is imported again, then nothing is added, every value is unchanged and the revision stays", async () => {
    const before = (await stats().listDatasets(CLI_ACTOR)).find((d) => d.code === "crim_just_ctz")!;
    const report = await stats().importFile(CLI_ACTOR, { path: fixture("estat_crim_just_ctz_en.csv") });
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: before.observations, imported: true });
    expect(report.dataset).toMatchObject({ revision: 1, previous_revision: 1 });
    const after = (await stats().listDatasets(CLI_ACTOR)).find((d) => d.code === "crim_just_ctz")!;
    expect(after).toMatchObject({ observations: before.observations, series: before.series, revision: 1 });
    const events = await auditEventsFor(env().context.db, "dataset", after.id);
    expect(events.map((e) => e.action)).toEqual(["stats.import", "stats.import"]);
    expect(events[1]!.after).toMatchObject({ added: 0, unchanged: before.observations, revision: 1 });
  });

  it("when a copy has corrupted lines, then the rest is imported and each bad line is reported by number", async () => {
    const lines = read("estat_crim_just_ctz_en.csv").split("\n");
    lines[2] = lines[2]!.replace(",11309,", ",11x09,"); // bad number
    lines[4] = lines[4]!.split(",").slice(0, 9).join(","); // wrong column count
    lines[6] = lines[6]!.replace(",Austria,", ",Atlantis,"); // unknown geo label
    lines[8] = ""; // empty line
    const path = join(dir, "crim_corrupt.csv");
    writeFileSync(path, lines.join("\n"));
    const report = await stats().importFile(CLI_ACTOR, { path, datasetCode: "crim_corrupt" });
    expect(report.rejections).toEqual([
      { at: "3", reason: 'value "11x09" is not a number' },
      { at: "5", reason: "expected 11 columns, found 9" },
      { at: "7", reason: 'unknown geo label "Atlantis"' },
      { at: "9", reason: "empty line" },
    ]);
    expect(report).toMatchObject({ imported: true, added: sdmxValues("estat_crim_just_ctz_en.csv") - 4, rejected: 4 });
  });

  it("when a file has nothing importable, then nothing is written and the report says so", async () => {
    const path = join(dir, "nothing.csv");
    writeFileSync(
      path,
      `${read("estat_crim_just_ctz_en.csv").split("\n")[0]}\nESTAT:CRIM_JUST_CTZ(1.0),16/07/24 23:00:00,Annual,Convicted person,Foreign country,Number,Atlantis,2008,1,,\n`,
    );
    const report = await stats().importFile(CLI_ACTOR, { path, datasetCode: "nothing" });
    expect(report).toMatchObject({ imported: false, rejected: 1, dataset: null });
    expect((await stats().listDatasets(CLI_ACTOR)).some((d) => d.code === "nothing")).toBe(false);
  });

  it("when a newer edition changes values or the publisher's LAST UPDATE, then values are updated and the revision goes up", async () => {
    const text = read("tps00001.tsv").replace("78115 \t76246", "78200 e\t76246");
    const path = join(dir, "tps00001.tsv");
    writeFileSync(path, text);
    const report = await stats().importFile(CLI_ACTOR, { path });
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: tsvValues("tps00001.tsv") - 1 });
    expect(report.dataset).toMatchObject({ revision: 2, previous_revision: 1 });
    expect(await value("tps00001", "AD", "2012", "indic_de=JAN")).toMatchObject({ value: 78200, flag: "e" });
    const events = await auditEventsFor(env().context.db, "dataset", report.dataset!.id);
    expect(events.at(-1)!.after).toMatchObject({
      updated: 1,
      revision: 2,
      changed_values: [{ geo: "AD", period: "2012", before: 78115, after: 78200, flag_before: null, flag_after: "e" }],
    });

    const relabelled = join(dir, "crim_next.csv");
    writeFileSync(relabelled, read("estat_crim_just_ctz_en.csv").replaceAll("16/07/24 23:00:00", "20/08/24 23:00:00"));
    const next = await stats().importFile(CLI_ACTOR, { path: relabelled });
    expect(next).toMatchObject({ added: 0, updated: 0 });
    expect(next.dataset).toMatchObject({ revision: 2, last_update: "2024-08-20T23:00:00" });
  });

  it("when generic CSVs are imported with a mapping, then World Bank alpha-3 codes become alpha-2 and aggregates stay aggregates", async () => {
    const wb = await stats().importFile(CLI_ACTOR, { path: fixture("population.csv"), mapping: loadCsvMapping(fixture("worldbank-population.mapping.json")) });
    expect(wb).toMatchObject({ imported: true, added: parseCsv(read("population.csv")).length - 1, rejected: 0 });
    const world = await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "SP.POP.TOTL", geo: "WLD", period: "2020" }));
    expect(world[0]).toMatchObject({ geo_kind: "aggregate" });
    expect((await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "SP.POP.TOTL", geo: "XK" }))).length).toBeGreaterThan(0);
    const bis = await stats().importFile(CLI_ACTOR, {
      path: fixture("bis_nominal_index.csv"),
      mapping: loadCsvMapping(fixture("bis-house-prices.mapping.json")),
    });
    expect(bis).toMatchObject({ added: parseCsv(read("bis_nominal_index.csv")).length - 1, rejected: 0 });
    expect((await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "RPP_NOMINAL", geo: "IT", period: "1927-Q1" })))[0]).toMatchObject({
      value: 0.0189,
    });
  });

  it("when JSON-stat is imported, then values keep their status flags and missing cells are absent", async () => {
    const report = await stats().importFile(CLI_ACTOR, { path: fixture("migr_pop1ctz_sample.jsonstat.json") });
    expect(report).toMatchObject({ format: "jsonstat", added: 35, rejected: 0 });
    expect(report.dataset).toMatchObject({ code: "migr_pop1ctz", last_update: "2024-03-28T23:00:00+0100" });
    const de = await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "migr_pop1ctz", geo: "DE", period: "2020" }));
    expect(de.find((o) => o.dimensions["citizen"] === "FOR")).toMatchObject({ value: 83166711 - 72932014, flag: "b" });
    expect(await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "migr_pop1ctz", geo: "GR", period: "2022" }))).toHaveLength(2);
  });

  it("when a population is asked for, then the best source answers and names itself, falling back in order", async () => {
    const ad = await stats().populationFor(CLI_ACTOR, "AD", 2011);
    expect(ad).toMatchObject({ value: 78115, flag: "b", reference: "1 January", source: { publisher: "Eurostat", dataset: "tps00001" } });
    // tps00001 has ':' for Andorra in 2014, so the World Bank's mid-year estimate answers.
    const gap = await stats().populationFor(CLI_ACTOR, "AD", 2014);
    expect(gap).toMatchObject({ reference: "mid-year", source: { publisher: "World Bank", dataset: "SP.POP.TOTL" } });
    expect(gap!.value).toBeGreaterThan(70000);
    const foreign = await stats().populationFor(CLI_ACTOR, "AT", 2021, { citizen: "FOR" });
    expect(foreign).toMatchObject({ citizen: "FOR", value: 8931064 - 7422154, source: { dataset: "migr_pop1ctz" } });
    expect(await stats().populationFor(CLI_ACTOR, "GR", 2022, { citizen: "FOR" })).toBeNull();
    expect(await stats().populationFor(CLI_ACTOR, "AT", 1800)).toBeNull();
  });

  it("when a reporter records a case outcome, then it is stored with its ICCS code and audited; an auditor may read but not record", async () => {
    const reporter = await env().user("reporter", "DE");
    const outcome = await stats().recordCaseOutcome(
      reporter.actor,
      caseOutcomeInput.parse({
        country: "DE",
        offence: { category: "SV.RAPE" },
        court_level: "first_instance",
        decision_date: "2024-05-02",
        defendant: { migration_status: "asylum_seeker", basis: "court_record" },
        convicted: true,
        sentence: { custodial_months: 30, suspended: false },
      }),
    );
    expect(outcome).toMatchObject({
      offence: { category: "SV.RAPE", iccs: "03011" },
      convicted: true,
      sentence: { custodial_months: 30, suspended: false, fine: null },
      synthetic: false,
    });
    const events = await auditEventsFor(env().context.db, "case_outcome", outcome.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "case_outcome.create", actor_user_id: reporter.actor.id });
    const auditor = await env().user("auditor");
    expect(await stats().listCaseOutcomes(auditor.actor, { country: ["DE"] })).toEqual({ items: [outcome], next_cursor: null });
    const acquittal = {
      country: "DE",
      offence: { category: "SV" },
      court_level: "appeal",
      decision_date: "2024-01-01",
      defendant: {},
      convicted: false,
    } as const;
    await expect(stats().recordCaseOutcome(auditor.actor, caseOutcomeInput.parse(acquittal))).rejects.toThrow(/may not/);
    // The service takes checked input and names what only the database can refute, within its input.
    await expect(
      stats().recordCaseOutcome(reporter.actor, caseOutcomeInput.parse({ ...acquittal, country: "ZZ", offence: { category: "XX.NOPE" } })),
    ).rejects.toMatchObject({
      issues: [
        { path: "offence.category", message: "XX.NOPE is not a category of the current taxonomy" },
        { path: "country", message: "no country has the code ZZ" },
      ],
    });
  });
});
