// Population denominators from imported series: for a geo and a year, the best figure available,
// with the source it came from (rates per 100,000 must name their denominator).
//
// The order of preference (the first source holding the country-year wins):
//   1. Eurostat tps00001, population on 1 January (indic_de = JAN)
//   2. Eurostat demo_pjan, population on 1 January (sex T, age TOTAL)
//   3. Eurostat migr_pop1ctz, population on 1 January by citizenship (citizen TOTAL, sex T, age TOTAL)
//   4. World Bank SP.POP.TOTL, mid-year total population
// Eurostat's figures are official registers and censuses on a fixed date; the World Bank's are
// mid-year estimates that fill the countries and years Eurostat does not cover.
// By citizenship (citizen NAT = citizens of the reporting country, FOR = foreign citizens) only
// migr_pop1ctz answers.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { observationsFor } from "./repo.js";
import type { PopulationAnswer } from "./schema.js";

interface PopulationSource {
  publisher: string;
  dataset: string;
  /** Dimension values the series must have (other dimensions, such as freq, may be anything). */
  dimensions: Record<string, string>;
  reference: PopulationAnswer["reference"];
  citizenship: boolean;
}

export const POPULATION_SOURCES: PopulationSource[] = [
  { publisher: "Eurostat", dataset: "tps00001", dimensions: { indic_de: "JAN" }, reference: "1 January", citizenship: false },
  { publisher: "Eurostat", dataset: "demo_pjan", dimensions: { sex: "T", age: "TOTAL" }, reference: "1 January", citizenship: false },
  { publisher: "Eurostat", dataset: "migr_pop1ctz", dimensions: { sex: "T", age: "TOTAL" }, reference: "1 January", citizenship: true },
  { publisher: "World Bank", dataset: "SP.POP.TOTL", dimensions: {}, reference: "mid-year", citizenship: false },
];

/** Citizenship codes as Eurostat's `citizen` dimension writes them. */
export const POPULATION_CITIZENSHIPS = ["TOTAL", "NAT", "FOR"] as const;
export type PopulationCitizenship = (typeof POPULATION_CITIZENSHIPS)[number];

export async function findPopulation(db: Kysely<Database>, geo: string, year: number, citizen: PopulationCitizenship = "TOTAL"): Promise<PopulationAnswer | null> {
  for (const source of POPULATION_SOURCES) {
    if (citizen !== "TOTAL" && !source.citizenship) continue;
    const wanted: Record<string, string> = { ...source.dimensions, ...(source.citizenship ? { citizen } : {}) };
    const rows = await observationsFor(db, source.publisher, source.dataset, geo, String(year));
    const match = rows.find((r) => {
      const dims = JSON.parse(r.dimensions) as Record<string, string>;
      // A series with a unit must count persons (NR), not a rate or a share.
      return Object.entries(wanted).every(([d, v]) => dims[d] === v) && (dims["unit"] === undefined || dims["unit"] === "NR");
    });
    if (match) {
      return {
        geo,
        year,
        citizen,
        value: Number(match.value),
        flag: match.flag,
        reference: source.reference,
        source: { publisher: match.publisher, dataset: match.code, title: match.title, licence: match.licence, series: match.key, revision: match.revision, retrieved_at: match.retrieved_at },
      };
    }
  }
  return null;
}
