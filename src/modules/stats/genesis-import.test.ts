// A GENESIS table as the German statistical offices ship it (test/fixtures/stats/CREDITS.md: an
// excerpt of the Regionaldatenbank's table 22221-01-01-4, its rows copied unchanged, ISO-8859-1,
// semicolons, title and heading lines above the data, notes below), through the service on each
// database: recognised by its first line, every value cell stored (counted here from the file,
// not by the importer), spot values read back exactly, "." absent (never zero), "-" zero as the
// publisher's signs say, and a second import changing nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { forEachDatabase } from "../../testing/harness.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { observationQuery } from "./schema.js";

const FILE = join(FIXTURES, "genesis_22221-01-01-4_excerpt.csv");
/** The data rows, read here as plain Latin-1 text: date;region;name;ten value cells. */
const rows = readFileSync(FILE, "latin1")
  .split("\n")
  .filter((line) => /^\d{2}\.\d{2}\.\d{4};/.test(line))
  .map((line) => line.split(";"));
const cells = rows.flatMap((r) => r.slice(3));
const TOTAL = "breakdown=TOTAL,variable=REGELLEISTUNGSEMPFANGER";

forEachDatabase("a GENESIS table", (env) => {
  const stats = () => env().context.services.stats;
  const value = async (geo: string, period: string, series: string) =>
    (await stats().queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "22221-01-01-4", geo, period }))).find((o) => o.series === series);

  it("when the Regionaldatenbank's table of asylum seekers' benefit recipients is imported, then every value cell is stored and Germany's read back as the file holds them", async () => {
    const report = await stats().importFile(CLI_ACTOR, { path: FILE });
    expect(report).toMatchObject({
      imported: true,
      format: "genesis-csv",
      added: cells.filter((c) => c !== ".").length,
      missing: cells.filter((c) => c === ".").length,
      rejected: 0,
    });
    expect(report.dataset).toMatchObject({
      publisher: "Statistische Ämter des Bundes und der Länder",
      code: "22221-01-01-4",
      title:
        "Empfänger von Asylbewerberregelleistungen, Geschlecht, Art der Leistung, Altersgruppen - Stichtag 31.12. - regionale Tiefe: Kreise und krfr. Städte",
      last_update: "2017-10-10T18:22:35",
    });
    expect(await value("DE", "2015", TOTAL)).toMatchObject({
      value: 974551,
      flag: null,
      geo_kind: "country",
      unit: "Anzahl",
      labels: { variable: "Regelleistungsempfänger", breakdown: "Insgesamt" },
    });
    expect(await value("DE", "2014", "breakdown=WEIBLICH,variable=REGELLEISTUNGSEMPFANGER")).toMatchObject({ value: 132486 });
    expect(await value("DE", "2013", "breakdown=65_JAHRE_UND_MEHR,variable=REGELLEISTUNGSEMPFANGER")).toMatchObject({ value: 4290 });
  });

  it("when a Land or district row is read, then it is a region of Germany; '.' is absent, not zero, and '-' is zero, as the publisher's signs say", async () => {
    expect(await value("DE-AGS-05", "2014", TOTAL)).toMatchObject({ value: 86358, geo_kind: "region" });
    expect(await value("DE-AGS-06434", "2015", "breakdown=GRUNDLEISTUNGEN,variable=REGELLEISTUNGSEMPFANGER")).toBeUndefined();
    expect(await value("DE-AGS-06434", "2015", TOTAL)).toMatchObject({ value: 1942 });
    expect(await value("DE-AGS-03159", "2015", TOTAL)).toMatchObject({ value: 0 });
  });

  it("when the same file is imported again, then nothing changes: no value, no revision", async () => {
    const report = await stats().importFile(CLI_ACTOR, { path: FILE });
    expect(report).toMatchObject({ added: 0, updated: 0, withdrawn: 0, rejected: 0 });
    expect(report.dataset).toMatchObject({ revision: 1 });
  });
});
