// The housing and displacement indicators through GET /api/v1/analysis/housing, on each database,
// for Ireland (the country the tasking names): BIS's nominal residential property price index
// (the fixture's file, 2010 = 100) and Eurostat's asylum applicants (migr_asyappctza) as the files
// hold them, each with its publisher, unit and base year; and Ireland's accepted HD incidents by
// year, a draft and another country's left out. The values are read from the fixture files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { deskOf, recordIncident } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { loadCsvMapping } from "../stats/importers/mapping.js";
import type { AnalysisHousing } from "./housing-schema.js";

/** BIS's file, Ireland's rows: date,country_code,country,price. */
const bisIreland = readFileSync(join(FIXTURES, "bis_nominal_index.csv"), "utf8")
  .split("\n")
  .filter((line) => line.includes(",IE,"))
  .map((line) => line.split(","));

forEachDatabase("the housing indicators over HTTP", (env) => {
  let analyst: TestUser;

  beforeAll(async () => {
    const { stats } = env().context.services;
    await stats.importFile(CLI_ACTOR, {
      path: join(FIXTURES, "bis_nominal_index.csv"),
      mapping: loadCsvMapping(join(FIXTURES, "bis-house-prices.mapping.json")),
    });
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "asylum_applicants_total.csv"), format: "auto" });
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "genesis_22221-01-01-4_excerpt.csv"), format: "auto" });
    analyst = await env().user("analyst");
    const ireland = await deskOf(env(), "IE", { analyst, editor: await env().user("editor") });
    for (const from of ["2022-03-10", "2022-09-01", "2024-05-05"])
      await recordIncident(env().context, "accepted", ireland, { country: "IE", from, categories: ["HD.ACCOMMODATION"] });
    await recordIncident(env().context, "accepted", ireland, {
      country: "IE",
      from: "2023-01-01",
      to: "2023-12-31",
      precision: "year",
      categories: ["HD.PROTEST"],
    });
    await recordIncident(env().context, "draft", ireland, { country: "IE", from: "2023-02-02", categories: ["HD.EVICTION"] });
    await recordIncident(env().context, "accepted", ireland, { country: "IE", from: "2023-02-02", categories: ["SV"] });
  }, 120_000);

  const housing = async (query: string) => {
    const response = await env().request(analyst, { method: "GET", url: `/api/v1/analysis/housing?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AnalysisHousing>();
  };

  it("when Ireland is asked for, then the price index comes with its base year and publisher, and every value as the file holds it", async () => {
    const answer = await housing("country=IE");
    const prices = answer.series.find((s) => s.kind === "house_prices")!;
    expect(prices).toMatchObject({ unit: "Index, 2010 = 100", base_year: 2010, measure: "nominal", source: { publisher: "BIS", dataset: "RPP_NOMINAL" } });
    expect(prices.points).toHaveLength(bisIreland.length);
    expect(prices.points.at(-1)).toEqual({ period: "2025-Q4", value: 191.7735, flag: null });
    const [date, , , price] = bisIreland[0]!;
    expect(prices.points[0]).toEqual({ period: `${date!.slice(0, 4)}-Q${Math.ceil(Number(date!.slice(5, 7)) / 3)}`, value: Number(price), flag: null });

    const asylum = answer.series.find((s) => s.kind === "asylum_applications")!;
    expect(asylum).toMatchObject({ unit: "Persons", base_year: null, source: { publisher: "Eurostat", dataset: "migr_asyappctza" } });
    expect(asylum.points.every((p, i, all) => i === 0 || all[i - 1]!.period < p.period)).toBe(true);
    expect(answer.not_held).toEqual(["rents", "reception"]);
  });

  it("when Ireland is asked for, then its accepted HD incidents are counted by year, the loosely dated one in its year, a draft and other categories left out", async () => {
    const { incidents, note } = await housing("country=IE");
    expect(incidents.by_year).toEqual([
      { year: "2022", incidents: 2 },
      { year: "2023", incidents: 1 },
      { year: "2024", incidents: 1 },
    ]);
    expect(incidents.basis.name).toBe("accepted");
    expect(note).not.toMatch(/because|caus|due to|driv/i);
  });

  it("when Germany is asked for, then the reception series is the Länder offices' count of asylum seekers' benefit recipients, Germany's row of each year as the file holds it", async () => {
    const answer = await housing("country=DE");
    const reception = answer.series.find((s) => s.kind === "reception")!;
    expect(reception).toMatchObject({
      label: "People receiving standard benefits under the Asylum Seekers' Benefits Act (Asylbewerberleistungsgesetz) on 31 December",
      unit: "Anzahl (persons)",
      base_year: null,
      measure: null,
      source: { publisher: "Statistische Ämter des Bundes und der Länder", dataset: "22221-01-01-4" },
    });
    // The fixture's rows for DG (Germany), total column: 31.12.2013, 2014, 2015; the Länder and districts are not Germany's figure.
    expect(reception.points).toEqual([
      { period: "2013", value: 224993, flag: null },
      { period: "2014", value: 362850, flag: null },
      { period: "2015", value: 974551, flag: null },
    ]);
    expect(answer.series.find((s) => s.kind === "asylum_applications")?.points.some((p) => p.period === "2015")).toBe(true);
    expect(answer.not_held).toEqual(["rents"]);
  });

  it("when a country holds nothing, then every kind is said not held and no year is counted", async () => {
    const answer = await housing("country=AD");
    expect(answer.series).toEqual([]);
    expect(answer.not_held).toEqual(["house_prices", "rents", "asylum_applications", "reception"]);
    expect(answer.incidents.by_year).toEqual([]);
  });
});
