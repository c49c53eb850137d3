// Official statistics through the HTTP API, on each database: real files uploaded as request
// bodies and their values read back; the same file twice changes nothing; a corrupted copy keeps
// its good lines and reports the bad ones by number; duplicates are rejected wherever they fall;
// files in a wrong format, files that break half-way and files over the limit leave nothing
// behind; a refused upload is refused before a byte of it is read; the explorer's reads page
// through everything exactly once; the population denominator names its source or says null.
// Files of many countries, and denominators, are the bureau's to import (shared-figures.test.ts),
// so the analyst uploads them here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../lib/csv.js";
import { forEachDatabase, TEST_APP_CONFIG, type TestUser } from "../../testing/harness.js";
import { auditEventsFor } from "../audit/audit.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import type { DatasetDetail, DatasetSummary, ImportReport, ObservationPage, PopulationResponse } from "./schema.js";

const file = (name: string) => readFileSync(join(FIXTURES, name));
const text = (name: string) => file(name).toString("utf8");

/** Cells of the TSV that hold a value (not `:`), counted without the importer. */
function tsvValues(name: string): number {
  return text(name)
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== "")
    .flatMap((l) => l.split("\t").slice(1))
    .filter((c) => !c.trim().startsWith(":")).length;
}

/** Rows of an SDMX-CSV file with a non-empty OBS_VALUE. */
function sdmxValues(name: string): number {
  const [header, ...rows] = parseCsv(text(name));
  const v = header!.indexOf("OBS_VALUE");
  return rows.filter((r) => (r[v] ?? "").trim() !== "").length;
}

/** An SDMX-CSV 1.0 file with codes: one series per offence, a value per country and year. */
function sdmxRows(rows: { offence: string; geo: string; year: number; value: number }[]): string {
  return [
    "DATAFLOW,freq,iccs,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG",
    ...rows.map((r) => `ESTAT:TEST_DUPLICATES(1.0),A,${r.offence},${r.geo},${r.year},${r.value},`),
    "",
  ].join("\n");
}

const GEOS = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT"];

/** `count` distinct observations: offences × geos × years, in that nesting. */
function distinctRows(count: number, offences = 100) {
  const rows: { offence: string; geo: string; year: number; value: number }[] = [];
  for (let o = 0; o < offences && rows.length < count; o++)
    for (const geo of GEOS)
      for (let year = 2000; year < 2020 && rows.length < count; year++)
        rows.push({ offence: `ICCS${String(o).padStart(4, "0")}`, geo, year, value: rows.length + 1 });
  return rows;
}

/** A request body that counts how many chunks anyone pulled from it. */
function countedBody(bytes: number, chunk = 64 * 1024) {
  const pulled = { chunks: 0 };
  const stream = new Readable({
    read() {
      if (pulled.chunks * chunk >= bytes) return void this.push(null);
      pulled.chunks++;
      this.push(Buffer.alloc(chunk, "1,"));
    },
  });
  return { stream, pulled };
}

forEachDatabase("official statistics over HTTP", (env) => {
  let reporter: TestUser;
  let analyst: TestUser;
  let auditor: TestUser;
  let admin: TestUser;
  const db = () => env().context.db;

  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
    analyst = await env().user("analyst");
    auditor = await env().user("auditor");
    admin = await env().user("admin");
  });

  const upload = (
    user: TestUser | null,
    body: string | Buffer | Readable,
    options: { type?: string; query?: string; csrf?: false; headers?: Record<string, string> } = {},
  ) =>
    env()
      .request(user, {
        method: "POST",
        url: `/api/v1/stats/imports${options.query ? `?${options.query}` : ""}`,
        payload: body,
        headers: { "content-type": options.type ?? "text/csv", ...(options.headers ?? {}) },
        ...(options.csrf === false ? { csrf: false } : {}),
      })
      .then((response) => env().finished(user, response));
  const get = <T>(user: TestUser, url: string) =>
    env()
      .request(user, { method: "GET", url })
      .then((r) => {
        expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
        return r.json<T>();
      });
  const datasets = () => get<{ items: DatasetSummary[] }>(analyst, "/api/v1/stats/datasets").then((r) => r.items);
  const dataset = async (code: string) => (await datasets()).find((d) => d.code === code);
  /** Every stored row of the statistics tables and the audit log, counted. */
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ["datasets", "series", "observations", "geos", "audit_events"]) {
      // The import's own events: the job that ran it records its steps too.
      const where = table === "audit_events" ? sql`WHERE entity_type <> 'job'` : sql``;
      out[table] = Number((await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)} ${where}`.execute(db())).rows[0]!.n);
    }
    return out;
  };
  /** Every page of a query, following next_cursor. */
  async function allObservations(query: string, limit: number) {
    const items: ObservationPage["items"] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ObservationPage = await get<ObservationPage>(
        analyst,
        `/api/v1/stats/observations?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      cursor = page.next_cursor;
      pages++;
    } while (cursor !== null && pages < 10_000);
    return { items, pages };
  }

  describe("uploading real files", () => {
    let tps: DatasetSummary;

    it("when an analyst uploads the tps00001 TSV with its file name, then every value is counted, AD 2011 reads back as 78115 flagged b, and the import is audited", async () => {
      const response = await upload(analyst, file("tps00001.tsv"), { type: "text/tab-separated-values", query: "filename=tps00001.tsv" });
      expect(response.statusCode, response.body).toBe(200);
      const report = response.json<ImportReport>();
      expect(report).toMatchObject({
        file: "tps00001.tsv",
        format: "eurostat-tsv",
        imported: true,
        added: tsvValues("tps00001.tsv"),
        updated: 0,
        unchanged: 0,
        missing: 28,
        rejected: 0,
        rejections: [],
      });
      expect(report.dataset).toMatchObject({ publisher: "Eurostat", code: "tps00001", title: "Population on 1 January", revision: 1, previous_revision: null });

      tps = (await dataset("tps00001"))!;
      expect(tps).toMatchObject({ id: report.dataset!.id, series: 1, observations: tsvValues("tps00001.tsv"), revision: 1 });
      expect(tps.licence).toMatch(/CC BY 4\.0/);

      const ad = await get<ObservationPage>(analyst, `/api/v1/stats/observations?dataset=${tps.id}&geo=AD&period_from=2011&period_to=2012`);
      expect(ad.items.map(({ period, value, flag }) => ({ period, value, flag }))).toEqual([
        { period: "2011", value: 78115, flag: "b" },
        { period: "2012", value: 78115, flag: null },
      ]);
      expect(ad.series).toEqual([{ id: ad.items[0]!.series_id, key: "indic_de=JAN", dimensions: { indic_de: "JAN" }, labels: expect.any(Object), unit: null }]);
      expect(ad.geos).toEqual([{ code: "AD", kind: "country", label: "Andorra" }]);
      expect(ad.dataset).toMatchObject({ id: tps.id, publisher: "Eurostat", code: "tps00001", revision: 1 });
      expect(ad.next_cursor).toBeNull();
      // A ':' cell is not stored at all: no value, not zero.
      const gap = await get<ObservationPage>(analyst, `/api/v1/stats/observations?dataset=${tps.id}&geo=AD&period_from=2014&period_to=2014`);
      expect(gap.items).toEqual([]);

      const events = await auditEventsFor(db(), "dataset", tps.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "stats.import", actor_user_id: analyst.actor.id });
      expect(events[0]!.after).toMatchObject({ file: "tps00001.tsv", format: "eurostat-tsv", added: tsvValues("tps00001.tsv"), revision: 1 });
    });

    it("when the dataset is read, then it lists its dimension, its series with coverage and its geos, countries before aggregates", async () => {
      const detail = await get<DatasetDetail>(auditor, `/api/v1/stats/datasets/${tps.id}`);
      expect(detail.dataset).toEqual(tps);
      expect(detail.dimensions).toEqual([{ id: "indic_de", values: [{ code: "JAN", label: expect.any(String), series: 1 }] }]);
      expect(detail.series).toHaveLength(1);
      expect(detail.series[0]).toMatchObject({ key: "indic_de=JAN", observations: tps.observations, first_period: "2008", last_period: "2019" });
      expect(detail.series[0]!.geos).toContain("AD");
      expect(detail.series[0]!.geos).toContain("EU27_2020");
      expect(detail.series[0]!.geos).not.toContain("EL"); // stored as Greece's ISO code
      // Andorra: 12 years, of which 2014, 2015 and 2017 have no value.
      expect(detail.geos.find((g) => g.code === "AD")).toEqual({
        code: "AD",
        kind: "country",
        label: "Andorra",
        observations: 9,
        first_period: "2008",
        last_period: "2019",
      });
      const kinds = detail.geos.map((g) => g.kind);
      expect(kinds.indexOf("aggregate")).toBeGreaterThan(kinds.lastIndexOf("country"));
      expect(detail.geos.find((g) => g.code === "EU27_2020")?.kind).toBe("aggregate");
      expect(detail.geos.reduce((n, g) => n + g.observations, 0)).toBe(tps.observations);
      expect(detail.next_cursor).toBeNull();
    });

    it("when the same file is uploaded again, then nothing is added or updated, the revision stays and every value reads as before", async () => {
      const before = await allObservations(`dataset=${tps.id}`, 10_000);
      const stored = await counts();
      const response = await upload(analyst, file("tps00001.tsv"), { type: "text/tab-separated-values", query: "filename=tps00001.tsv" });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<ImportReport>()).toMatchObject({
        added: 0,
        updated: 0,
        unchanged: tps.observations,
        rejected: 0,
        dataset: { id: tps.id, revision: 1, previous_revision: 1 },
      });
      expect((await allObservations(`dataset=${tps.id}`, 10_000)).items).toEqual(before.items);
      expect(await counts()).toEqual({ ...stored, audit_events: stored["audit_events"]! + 1 });
      expect(await dataset("tps00001")).toMatchObject({ revision: 1, observations: tps.observations });
    });

    it("when a corrupted copy is uploaded, then each bad line is reported by its number and every other line is imported", async () => {
      const lines = text("estat_crim_just_ctz_en.csv").split("\n");
      lines[2] = lines[2]!.replace(",11309,", ",11x09,"); // Austria 2009: a bad number
      lines[4] = lines[4]!.split(",").slice(0, 9).join(","); // a wrong column count
      lines[6] = lines[6]!.replace(",Austria,", ",Atlantis,"); // an unknown geo label
      lines[8] = ""; // an empty line
      const response = await upload(analyst, lines.join("\n"), { query: "dataset=crim_corrupt&filename=crim.csv" });
      expect(response.statusCode, response.body).toBe(200);
      const report = response.json<ImportReport>();
      expect(report.rejections).toEqual([
        { at: "3", reason: 'value "11x09" is not a number' },
        { at: "5", reason: "expected 11 columns, found 9" },
        { at: "7", reason: 'unknown geo label "Atlantis"' },
        { at: "9", reason: "empty line" },
      ]);
      expect(report).toMatchObject({ imported: true, added: sdmxValues("estat_crim_just_ctz_en.csv") - 4, rejected: 4, dataset: { code: "crim_corrupt" } });

      const detail = await get<DatasetDetail>(analyst, `/api/v1/stats/datasets/${report.dataset!.id}`);
      expect(detail.dataset.observations).toBe(report.added);
      expect(detail.series).toHaveLength(18);
      const convicted = detail.series.find((s) => s.key === "citizen=FOR,freq=A,leg_stat=PER_CNV,unit=NR")!;
      expect(convicted.labels).toMatchObject({ leg_stat: "Convicted person", citizen: "Foreign country" });
      const austria = await get<ObservationPage>(
        analyst,
        `/api/v1/stats/observations?dataset=${detail.dataset.id}&series=${convicted.id}&geo=AT&period_from=2008&period_to=2009`,
      );
      expect(austria.items.map((o) => [o.period, o.value])).toEqual([["2008", 10991]]); // line 2 kept, line 3 rejected
      expect(detail.dimensions.map((d) => d.id)).toEqual(["citizen", "freq", "leg_stat", "unit"]);
      expect(detail.dimensions.find((d) => d.id === "leg_stat")!.values).toEqual([
        { code: "PER_CNV", label: "Convicted person", series: 6 },
        { code: "PER_PRSC", label: "Prosecuted person", series: 6 },
        { code: "PER_SUSP", label: "Suspected person", series: 6 },
      ]);
    });

    it("when a World Bank CSV is uploaded with its mapping in the query, then alpha-3 codes become countries, and the population falls back to it where Eurostat has no value", async () => {
      const mapping = text("worldbank-population.mapping.json");
      const response = await upload(analyst, file("population.csv"), { query: `format=csv&filename=population.csv&mapping=${encodeURIComponent(mapping)}` });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<ImportReport>()).toMatchObject({ format: "csv", imported: true, added: parseCsv(text("population.csv")).length - 1, rejected: 0 });

      const ad2011 = await get<PopulationResponse>(analyst, "/api/v1/stats/population?geo=AD&year=2011");
      expect(ad2011).toMatchObject({
        geo: "AD",
        year: 2011,
        citizen: "TOTAL",
        population: { value: 78115, flag: "b", reference: "1 January", source: { publisher: "Eurostat", dataset: "tps00001", revision: 1 } },
      });
      // Eurostat has ':' for Andorra in 2014: the World Bank's mid-year estimate answers, and says so.
      const ad2014 = await get<PopulationResponse>(analyst, "/api/v1/stats/population?geo=AD&year=2014");
      expect(ad2014.population).toMatchObject({ reference: "mid-year", source: { publisher: "World Bank", dataset: "SP.POP.TOTL" } });
      expect(ad2014.population!.value).toBeGreaterThan(70_000);
      // Nothing held for 1800: a clear null, not an error.
      expect(await get<PopulationResponse>(analyst, "/api/v1/stats/population?geo=AT&year=1800")).toEqual({
        geo: "AT",
        year: 1800,
        citizen: "TOTAL",
        population: null,
      });
    });

    it("when JSON-stat is uploaded as application/json, then foreign citizens are a denominator of their own", async () => {
      const response = await upload(analyst, file("migr_pop1ctz_sample.jsonstat.json"), { type: "application/json" });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<ImportReport>()).toMatchObject({ format: "jsonstat", added: 35, rejected: 0, file: "upload", dataset: { code: "migr_pop1ctz" } });
      const foreign = await get<PopulationResponse>(auditor, "/api/v1/stats/population?geo=AT&year=2021&citizen=FOR");
      expect(foreign.population).toMatchObject({ value: 8931064 - 7422154, source: { dataset: "migr_pop1ctz" } });
      expect((await get<PopulationResponse>(auditor, "/api/v1/stats/population?geo=GR&year=2022&citizen=FOR")).population).toBeNull();
    });

    it("when any file is sent as application/octet-stream, then its format is recognised by its first line", async () => {
      const response = await upload(analyst, file("asylum_applicants_total.csv"), { type: "application/octet-stream" });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<ImportReport>()).toMatchObject({ format: "sdmx-csv", added: sdmxValues("asylum_applicants_total.csv"), rejected: 0 });
    });

    it("when an upload is an ISO-8859-1 labels file, then its encoding is detected, or taken as the upload says", async () => {
      const latin1 = Buffer.from(
        "DATAFLOW,LAST UPDATE,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nESTAT:TPS00001$DEFAULTVIEW(1.0),01/07/25 23:00:00,Annual,Population on 1 January - total,T\u00fcrkiye,2024,85372377,\n",
        "latin1",
      );
      const detected = await upload(analyst, latin1, { query: "dataset=latin1_detected" });
      expect(detected.statusCode, detected.body).toBe(200);
      const forced = await upload(analyst, latin1, { query: "dataset=latin1_forced&encoding=iso-8859-1" });
      expect(forced.statusCode, forced.body).toBe(200);
      for (const code of ["latin1_detected", "latin1_forced"]) {
        const rows = await env().context.services.stats.queryObservations(analyst.actor, { dataset: code, limit: 10 });
        expect(rows).toEqual([expect.objectContaining({ geo: "TR", period: "2024", value: 85372377, dimensions: { freq: "A", indic_de: "JAN" } })]);
      }
    });
  });

  describe("duplicates in a file", () => {
    it("when a file holds the same series, geo and period twice, in the same batch and 1,200 lines apart, then the first is kept and each later one is reported as its duplicate, on every import", async () => {
      const rows = distinctRows(1200);
      const duplicates = [
        { ...rows[0]!, value: -1 }, // line 1203: the first row again, two batches later, with another value
        { ...rows[1]! }, // line 1204: the second row again, same value
      ];
      const body = sdmxRows([rows[0]!, { ...rows[0]!, value: -2 }, ...rows.slice(1), ...duplicates]);
      const where = (r: (typeof rows)[number]) => `(same series, geo ${r.geo} and period ${r.year})`;
      const expected = [
        { at: "3", reason: `duplicate of line 2 ${where(rows[0]!)}` },
        { at: "1203", reason: `duplicate of line 2 ${where(rows[0]!)}` },
        { at: "1204", reason: `duplicate of line 4 ${where(rows[1]!)}` },
      ];

      const first = await upload(analyst, body, { query: "dataset=duplicates" });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json<ImportReport>()).toMatchObject({ added: 1200, updated: 0, unchanged: 0, rejected: 3, rejections: expected });
      const id = first.json<ImportReport>().dataset!.id;
      const kept = await get<ObservationPage>(
        analyst,
        `/api/v1/stats/observations?dataset=${id}&geo=${rows[0]!.geo}&period_from=${rows[0]!.year}&period_to=${rows[0]!.year}`,
      );
      expect(kept.items.find((o) => kept.series.find((s) => s.id === o.series_id)?.dimensions["iccs"] === rows[0]!.offence)?.value).toBe(rows[0]!.value);

      // Again: the duplicates are duplicates again, not "updates" of what the first run wrote.
      const second = await upload(analyst, body, { query: "dataset=duplicates" });
      expect(second.json<ImportReport>()).toMatchObject({ added: 0, updated: 0, unchanged: 1200, rejected: 3, rejections: expected, dataset: { revision: 1 } });
      expect((await dataset("duplicates"))!.observations).toBe(1200);
    });
  });

  describe("reading page by page", () => {
    it("when a dataset's observations are read 97 at a time, then every value comes exactly once, in series, geo and period order", async () => {
      const crim = (await dataset("crim_corrupt"))!;
      const { items, pages } = await allObservations(`dataset=${crim.id}`, 97);
      expect(items).toHaveLength(crim.observations);
      expect(pages).toBe(Math.ceil(crim.observations / 97));
      const whole = await allObservations(`dataset=${crim.id}`, 10_000);
      expect(whole.pages).toBe(1);
      expect(items).toEqual(whole.items);
      expect(new Set(items.map((o) => `${o.series_id}|${o.geo}|${o.period}`)).size).toBe(items.length);
    });

    it("when observations are filtered, then only the series, geos and periods asked for come back; a year's bound takes in its quarters", async () => {
      const bis = await upload(analyst, file("bis_nominal_index.csv"), { query: `mapping=${encodeURIComponent(text("bis-house-prices.mapping.json"))}` });
      expect(bis.statusCode, bis.body).toBe(200);
      const id = bis.json<ImportReport>().dataset!.id;
      const page = await get<ObservationPage>(analyst, `/api/v1/stats/observations?dataset=${id}&geo=IT,FR&period_from=1927-Q1&period_to=1927`);
      expect(page.items.length).toBeGreaterThan(0);
      for (const o of page.items) {
        expect(["IT", "FR"]).toContain(o.geo);
        expect(o.period).toMatch(/^1927-Q[1-4]$/);
      }
      expect(page.items.find((o) => o.geo === "IT" && o.period === "1927-Q1")?.value).toBe(0.0189);
    });

    it("when a dataset's series are read one at a time, then the pages hold every series once, in key order", async () => {
      const crim = (await dataset("crim_corrupt"))!;
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const page: DatasetDetail = await get<DatasetDetail>(analyst, `/api/v1/stats/datasets/${crim.id}?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.series.length).toBeLessThanOrEqual(1);
        expect(page.dimensions.find((d) => d.id === "leg_stat")!.values).toHaveLength(3); // always over all series
        keys.push(...page.series.map((s) => s.key));
        cursor = page.next_cursor;
      } while (cursor !== null);
      expect(keys).toHaveLength(18);
      expect(keys).toEqual((await get<DatasetDetail>(analyst, `/api/v1/stats/datasets/${crim.id}`)).series.map((s) => s.key));
      expect([...keys].sort()).toEqual(keys);
    });

    it("when a series of another dataset or an unknown dataset is asked for, then 400 naming the series, and 404", async () => {
      const crim = (await dataset("crim_corrupt"))!;
      const tps = await get<DatasetDetail>(analyst, `/api/v1/stats/datasets/${(await dataset("tps00001"))!.id}`);
      const foreign = await env().request(analyst, { method: "GET", url: `/api/v1/stats/observations?dataset=${crim.id}&series=${tps.series[0]!.id}` });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json()).toMatchObject({
        error: { code: "validation_failed", issues: [{ path: "query.series.0", message: "is not a series of this dataset" }] },
      });
      const unknown = await env().request(analyst, { method: "GET", url: "/api/v1/stats/observations?dataset=0193a1a2-0000-7000-8000-000000000000" });
      expect(unknown.statusCode).toBe(404);
      expect((await env().request(analyst, { method: "GET", url: "/api/v1/stats/datasets/0193a1a2-0000-7000-8000-000000000000" })).statusCode).toBe(404);
    });
  });

  describe("files that cannot be imported leave nothing behind", () => {
    it("when a TSV is sent as SDMX-CSV, then 400 names the body and says why, and nothing is written", async () => {
      const before = await counts();
      const response = await upload(analyst, file("tps00001.tsv"), { query: "format=sdmx-csv&filename=tps00001.tsv" });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: "validation_failed", issues: [{ path: "body", message: expect.stringMatching(/SDMX-CSV header needs a geo/) }] },
      });
      expect(await counts()).toEqual(before);
    });

    it("when a file breaks half-way (bytes that are not UTF-8 after several batches were written), then 400 and none of it is kept", async () => {
      const good = sdmxRows(distinctRows(8000, 400)); // ~350 KB: the first 256 KiB decode, and are written, before the bad bytes
      const body = Buffer.concat([Buffer.from(good.replaceAll("TEST_DUPLICATES", "HALF_WAY")), Buffer.from([0xff, 0xfe, 0x0a])]);
      expect(body.length).toBeGreaterThan(300 * 1024);
      const before = await counts();
      const response = await upload(analyst, body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: "validation_failed", issues: [{ path: "body", message: expect.stringMatching(/not valid UTF-8/) }] },
      });
      expect(await counts()).toEqual(before);
      expect(await dataset("half_way")).toBeUndefined();
    });

    it("when an upload's SDMX-CSV names no dataset the importer can read, then the error says what the upload should carry, not a command-line flag", async () => {
      const response = await upload(analyst, "DATAFLOW,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE\nsomething else,A,JAN,AD,2011,1\n");
      expect(response.statusCode).toBe(400);
      const issues = (response.json() as { error: { issues: { message: string }[] } }).error.issues;
      expect(issues[0]!.message).toContain("give its code with the upload's dataset parameter (?dataset=CODE)");
      expect(response.body).not.toContain("--dataset");
    });

    it("when no line of a file can be read, then 400 nothing_imported lists each line and why, and nothing is written", async () => {
      const before = await counts();
      const response = await upload(
        analyst,
        "DATAFLOW,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE\nESTAT:TPS00001(1.0),A,JAN,QQ,2011,1\nESTAT:TPS00001(1.0),A,JAN,AD,2011,many\n",
      );
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: {
          code: "nothing_imported",
          message: expect.stringMatching(/^Nothing was imported/),
          issues: [
            { path: "body", message: 'line 2: unknown geo code "QQ"' },
            { path: "body", message: 'line 3: value "many" is not a number' },
          ],
        },
      });
      expect(await counts()).toEqual(before);
    });

    it("when a CSV that is none of the known formats comes without a mapping, or a Eurostat TSV without a name, then 400 names the missing parameter", async () => {
      const csv = await upload(analyst, file("population.csv"));
      expect(csv.statusCode).toBe(400);
      expect(csv.json()).toMatchObject({ error: { issues: [{ path: "query.mapping" }] } });
      const tsv = await upload(analyst, file("tps00001.tsv"), { type: "text/tab-separated-values" });
      expect(tsv.statusCode).toBe(400);
      expect(tsv.json()).toMatchObject({ error: { issues: [{ path: "query.dataset" }] } });
      const named = await upload(analyst, file("tps00001.tsv"), { type: "text/tab-separated-values", query: "dataset=tps00001" });
      expect(named.statusCode, named.body).toBe(200);
    });

    it("when a file is over UPLOAD_LIMIT_BYTES, declared or sent in chunks, then 413 and nothing is written", async () => {
      const before = await counts();
      const limit = TEST_APP_CONFIG.UPLOAD_LIMIT_BYTES;
      const declared = await upload(reporter, Buffer.alloc(limit + 1, "a"));
      expect(declared.statusCode).toBe(413);
      expect(declared.json()).toMatchObject({ error: { code: "payload_too_large" } });
      expect(declared.headers["connection"]).toBe("close");
      const { stream, pulled } = countedBody(limit + 256 * 1024);
      const chunked = await upload(reporter, stream);
      expect(chunked.statusCode, chunked.body).toBe(413);
      expect(chunked.json()).toMatchObject({ error: { code: "payload_too_large" } });
      expect(pulled.chunks * 64 * 1024).toBeGreaterThan(limit); // it was read up to the limit, not buffered whole first
      expect(await counts()).toEqual(before);
    });
  });

  describe("refusals come before the upload is read", () => {
    const cases: [string, () => TestUser | null, { type?: string; query?: string; csrf?: false }, number, string][] = [
      ["nobody is signed in", () => null, {}, 401, "unauthenticated"],
      ["the CSRF token is missing", () => reporter, { csrf: false }, 403, "csrf_failed"],
      ["an auditor (who may read, not import) sends it", () => auditor, {}, 403, "forbidden"],
      ["an administrator sends it", () => admin, {}, 403, "forbidden"],
      ["the format is unknown", () => reporter, { query: "format=xlsx" }, 400, "validation_failed"],
      ["it is sent as multipart form data", () => reporter, { type: "multipart/form-data; boundary=x" }, 415, "unsupported_media_type"],
    ];
    for (const [when, who, options, status, code] of cases) {
      it(`when ${when}, then ${status} ${code} and not a byte of the body was read`, async () => {
        const before = await counts();
        const { stream, pulled } = countedBody(10 * 1024 * 1024);
        const response = await upload(who(), stream, options);
        expect(response.statusCode, response.body).toBe(status);
        expect(response.json()).toMatchObject({ error: { code } });
        expect(pulled.chunks).toBe(0);
        expect(await counts()).toEqual(before);
      });
    }

    it("when a script uploads with an API token, then no CSRF token is needed", async () => {
      const token = await env().context.services.tokens.create(analyst.actor, { name: "statistics loader", expires_in_days: 1 }, "session");
      const response = await env().request(null, {
        method: "POST",
        url: "/api/v1/stats/imports?dataset=tps00001",
        payload: file("tps00001.tsv"),
        headers: { "content-type": "text/tab-separated-values", authorization: `Bearer ${token.token}` },
      });
      expect(response.statusCode, response.body).toBe(202);
      expect(response.headers["location"]).toBe(`/api/v1/jobs/${response.json<{ id: string }>().id}`);
      const finished = await env().finished(null, response, { authorization: `Bearer ${token.token}` });
      expect(finished.statusCode, finished.body).toBe(200);
      expect(finished.json<ImportReport>()).toMatchObject({
        format: "eurostat-tsv",
        file: "upload",
        unchanged: tsvValues("tps00001.tsv"),
        dataset: { code: "tps00001", revision: 1 },
      });
    });
  });
});
