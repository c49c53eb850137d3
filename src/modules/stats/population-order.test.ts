// The population denominators' order of preference (POPULATION_ORDER, population.ts): each of the
// five sources can serve, the first held in a country's order answers and is named, a country may
// have its own order, and a source left out is never used. The World Bank's SP.POP.TOTL is read as
// the World Bank ships it: four lines before the header, then Country Name, Country Code (ISO
// alpha-3), Indicator Name, Indicator Code and one column per year (periods_across). The figures
// are constructed for the test (one apart per source, so the answer shows which one served).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase } from "../../testing/harness.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { csvMapping } from "./importers/mapping.js";
import { DEFAULT_POPULATION_ORDER, findPopulation, findPopulations, parsePopulationOrder, type PopulationOrder } from "./population.js";
import { observationQuery } from "./schema.js";

const dir = mkdtempSync(join(tmpdir(), "rapporteur-population-order-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const written = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const EUROSTAT_FILES: Record<string, string> = {
  "tps00001.csv": "DATAFLOW,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE\nESTAT:TPS00001(1.0),A,JAN,IE,2023,5271001\nESTAT:TPS00001(1.0),A,JAN,DE,2023,84358845\n",
  "demo_pjan.csv":
    "DATAFLOW,freq,unit,age,sex,geo,TIME_PERIOD,OBS_VALUE\nESTAT:DEMO_PJAN(1.0),A,NR,TOTAL,T,IE,2023,5271002\nESTAT:DEMO_PJAN(1.0),A,NR,TOTAL,F,IE,2023,2600000\n",
  "demo_gind.csv":
    "DATAFLOW,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE\nESTAT:DEMO_GIND(1.0),A,JAN,IE,2023,5271003\nESTAT:DEMO_GIND(1.0),A,LBIRTH,IE,2023,54000\n",
  "migr_pop1ctz.csv":
    "DATAFLOW,freq,unit,citizen,age,sex,geo,TIME_PERIOD,OBS_VALUE\nESTAT:MIGR_POP1CTZ(1.0),A,NR,TOTAL,TOTAL,T,IE,2023,5271004\nESTAT:MIGR_POP1CTZ(1.0),A,NR,FOR,TOTAL,T,IE,2023,661000\n",
};

/** SP.POP.TOTL as the World Bank's download holds it (API_SP.POP.TOTL_DS2_en_csv_v2.csv), with a BOM. */
const WORLD_BANK = [
  '\uFEFF"Data Source","World Development Indicators",',
  "",
  '"Last Updated Date","2024-06-28",',
  "",
  '"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022","2023",',
  '"Ireland","IRL","Population, total","SP.POP.TOTL","5033165","5127170","5271005",',
  '"World","WLD","Population, total","SP.POP.TOTL","7888963821","7951150369","",',
  "",
].join("\n");

const WORLD_BANK_MAPPING = csvMapping.parse({
  dataset: {
    publisher: "World Bank",
    code: "SP.POP.TOTL",
    title: "Population, total",
    licence: "CC BY 4.0",
    url: "https://data.worldbank.org/indicator/SP.POP.TOTL",
  },
  header_row: 5,
  columns: { geo: "Country Code", geo_label: "Country Name" },
  periods_across: true,
  geo_codes: "iso3",
  dimensions: { indicator: { code: "SP.POP.TOTL", label: "Population, total" } },
  unit: "PER",
});

const order = (text: string): PopulationOrder => {
  const parsed = parsePopulationOrder(text);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed;
};

describe("the order of preference as configured", () => {
  it("when POPULATION_ORDER gives an order for every country and one for Great Britain, then both are read; the rest keep theirs", () => {
    expect(order("SP.POP.TOTL, tps00001; GB=demo_pjan")).toEqual({ global: ["SP.POP.TOTL", "tps00001"], countries: { GB: ["demo_pjan"] } });
    expect(order("XK=sp.pop.totl")).toEqual({ global: DEFAULT_POPULATION_ORDER.global, countries: { XK: ["SP.POP.TOTL"] } });
    expect(DEFAULT_POPULATION_ORDER.global).toEqual(["tps00001", "demo_pjan", "demo_gind", "migr_pop1ctz", "SP.POP.TOTL"]);
  });

  it("when it names an unknown source, a source twice, or a country badly, then the problem is said in words", () => {
    expect(parsePopulationOrder("tps00001,census")).toEqual({ problem: expect.stringContaining('"census" is not a population source') });
    expect(parsePopulationOrder("tps00001,TPS00001")).toEqual({ problem: expect.stringContaining("names a source twice") });
    expect(parsePopulationOrder("tps00001; ireland=demo_pjan")).toEqual({ problem: expect.stringContaining("must be a country's order") });
    expect(parsePopulationOrder("IE=tps00001; IE=demo_pjan")).toEqual({ problem: "IE is given twice" });
  });
});

forEachDatabase("population denominators in their order of preference", (env) => {
  const db = () => env().context.db;
  beforeAll(async () => {
    for (const [name, text] of Object.entries(EUROSTAT_FILES))
      expect(await env().context.services.stats.importFile(CLI_ACTOR, { path: written(name, text) })).toMatchObject({ imported: true, rejected: 0 });
  });

  it("when the World Bank's SP.POP.TOTL is imported as shipped (preamble, years across), then every year reads back exactly and the empty one is absent", async () => {
    const report = await env().context.services.stats.importFile(CLI_ACTOR, { path: written("API_SP.POP.TOTL.csv", WORLD_BANK), mapping: WORLD_BANK_MAPPING });
    expect(report).toMatchObject({ imported: true, added: 5, missing: 1, rejected: 0, dataset: { publisher: "World Bank", code: "SP.POP.TOTL" } });
    const values = await env().context.services.stats.queryObservations(CLI_ACTOR, observationQuery.parse({ dataset: "SP.POP.TOTL" }));
    expect(values.map((v) => `${v.geo} ${v.geo_kind} ${v.period} ${v.value}`).sort()).toEqual([
      "IE country 2021 5033165",
      "IE country 2022 5127170",
      "IE country 2023 5271005",
      "WLD aggregate 2021 7888963821",
      "WLD aggregate 2022 7951150369",
    ]);
  });

  it("when each source alone is the order, then each serves as Ireland's denominator and is named in the answer", async () => {
    const served: Record<string, [number, string]> = {
      tps00001: [5271001, "1 January"],
      demo_pjan: [5271002, "1 January"],
      demo_gind: [5271003, "1 January"],
      migr_pop1ctz: [5271004, "1 January"],
      "SP.POP.TOTL": [5271005, "mid-year"],
    };
    for (const [dataset, [value, reference]] of Object.entries(served)) {
      const answer = await findPopulation(db(), "IE", 2023, "TOTAL", order(dataset));
      expect(answer, dataset).toMatchObject({ value, reference });
      expect(answer!.source.dataset.toLowerCase()).toBe(dataset.toLowerCase());
    }
  });

  it("when the default order holds, then tps00001 answers; a country's own order answers for it alone; a source left out is never used", async () => {
    expect((await findPopulation(db(), "IE", 2023))?.value).toBe(5271001);
    const configured = order("demo_gind,tps00001; IE=SP.POP.TOTL,tps00001");
    const [ireland, germany, foreigners] = await findPopulations(
      db(),
      [
        { geo: "IE", year: 2023, citizen: "TOTAL" },
        { geo: "DE", year: 2023, citizen: "TOTAL" },
        { geo: "IE", year: 2023, citizen: "FOR" },
      ],
      configured,
    );
    expect(ireland).toMatchObject({ value: 5271005, source: { publisher: "World Bank", dataset: "SP.POP.TOTL" } });
    // Germany is in no demo_gind row held: the next in the order for every country.
    expect(germany).toMatchObject({ value: 84358845 });
    expect(germany!.source.dataset.toLowerCase()).toBe("tps00001");
    // Foreign citizens come only from migr_pop1ctz, which Ireland's order leaves out.
    expect(foreigners).toBeNull();
    expect((await findPopulation(db(), "IE", 2023, "FOR"))?.value).toBe(661000);
    expect(await findPopulation(db(), "IE", 2022, "TOTAL", order("tps00001"))).toBeNull();
  });
});
