// Population denominators from imported series: for a geo and a year, the best figure available,
// with the source it came from (rates per 100,000 must name their denominator).
//
// The order of preference (the first source holding the country-year wins) is configurable, for
// every country and for single countries (POPULATION_ORDER, config.ts; parsePopulationOrder
// below); a source left out of a country's order is never used for it. By default:
//   1. Eurostat tps00001, population on 1 January (indic_de = JAN)
//   2. Eurostat demo_pjan, population on 1 January (sex T, age TOTAL)
//   3. Eurostat demo_gind, the demographic balance's population on 1 January (indic_de = JAN)
//   4. Eurostat migr_pop1ctz, population on 1 January by citizenship (citizen TOTAL, sex T, age TOTAL)
//   5. World Bank SP.POP.TOTL, mid-year total population
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
  { publisher: "Eurostat", dataset: "demo_gind", dimensions: { indic_de: "JAN" }, reference: "1 January", citizenship: false },
  { publisher: "Eurostat", dataset: "migr_pop1ctz", dimensions: { sex: "T", age: "TOTAL" }, reference: "1 January", citizenship: true },
  { publisher: "World Bank", dataset: "SP.POP.TOTL", dimensions: {}, reference: "mid-year", citizenship: false },
];

/**
 * Whether a dataset is one of the population denominators above: the bureau's rates for every
 * country divide by it, so only the bureau may change it (policy: stats.import_denominator).
 */
export function isPopulationSource(publisher: string, dataset: string): boolean {
  return POPULATION_SOURCES.some((s) => s.publisher.toLowerCase() === publisher.toLowerCase() && s.dataset.toLowerCase() === dataset.toLowerCase());
}

/** Which sources, in which order, serve as denominators: for every country, and for some countries their own. */
export interface PopulationOrder {
  global: readonly string[];
  countries: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_POPULATION_ORDER: PopulationOrder = { global: POPULATION_SOURCES.map((s) => s.dataset), countries: {} };

/**
 * POPULATION_ORDER's text: datasets by code separated by commas, for every country; then, after
 * semicolons, a country's own order: "tps00001,demo_pjan,SP.POP.TOTL; GB=SP.POP.TOTL; XK=SP.POP.TOTL,demo_pjan".
 * An order for some countries only keeps the default for the rest. A problem is said in words.
 */
export function parsePopulationOrder(text: string): PopulationOrder | { problem: string } {
  const known = new Map(POPULATION_SOURCES.map((s) => [s.dataset.toLowerCase(), s.dataset]));
  const list = (part: string): string[] | { problem: string } => {
    const names = part.split(",").map((n) => n.trim());
    const unknown = names.filter((n) => !known.has(n.toLowerCase()));
    if (unknown.length > 0) return { problem: `${unknown.map((u) => `"${u}"`).join(", ")} is not a population source (${[...known.values()].join(", ")})` };
    const datasets = names.map((n) => known.get(n.toLowerCase())!);
    if (new Set(datasets).size !== datasets.length) return { problem: `"${part.trim()}" names a source twice` };
    return datasets;
  };
  let global: readonly string[] = DEFAULT_POPULATION_ORDER.global;
  const countries: Record<string, string[]> = {};
  for (const [i, raw] of text.split(";").entries()) {
    const part = raw.trim();
    if (part === "") continue;
    const m = /^([A-Z]{2})\s*=\s*(.+)$/.exec(part);
    if (m === null && (i > 0 || part.includes("="))) return { problem: `"${part}" must be a country's order, such as GB=SP.POP.TOTL,tps00001` };
    const datasets = list(m ? m[2]! : part);
    if (!Array.isArray(datasets)) return datasets;
    if (m) {
      if (countries[m[1]!]) return { problem: `${m[1]} is given twice` };
      countries[m[1]!] = datasets;
    } else global = datasets;
  }
  return { global, countries };
}

/** The sources a country's denominators come from, in its order of preference. */
function populationSourcesFor(order: PopulationOrder, geo: string): PopulationSource[] {
  return (order.countries[geo] ?? order.global).map((d) => POPULATION_SOURCES.find((s) => s.dataset === d)!);
}

/** Citizenship codes as Eurostat's `citizen` dimension writes them. */
export const POPULATION_CITIZENSHIPS = ["TOTAL", "NAT", "FOR"] as const;
export type PopulationCitizenship = (typeof POPULATION_CITIZENSHIPS)[number];

export interface PopulationRequest {
  geo: string;
  year: number;
  citizen: PopulationCitizenship;
}

/** The population of a geo in a year (by citizenship), from the best source held; null when none holds it. */
export async function findPopulation(
  db: Kysely<Database>,
  geo: string,
  year: number,
  citizen: PopulationCitizenship = "TOTAL",
  order: PopulationOrder = DEFAULT_POPULATION_ORDER,
): Promise<PopulationAnswer | null> {
  return (await findPopulations(db, [{ geo, year, citizen }], order))[0]!;
}

/**
 * Many populations at once, in the order asked: at each rank of preference, one query per source
 * (in chunks of geos) for the requests whose country prefers it there, however many countries,
 * years and citizenships a rates table or a report needs.
 */
export async function findPopulations(
  db: Kysely<Database>,
  requests: readonly PopulationRequest[],
  order: PopulationOrder = DEFAULT_POPULATION_ORDER,
): Promise<(PopulationAnswer | null)[]> {
  const answers: (PopulationAnswer | null)[] = requests.map(() => null);
  const periods = [...new Set(requests.map((r) => String(r.year)))];
  const ranked = requests.map((r) => populationSourcesFor(order, r.geo));
  const ranks = Math.max(0, ...ranked.map((r) => r.length));
  for (let rank = 0; rank < ranks; rank++)
    for (const source of POPULATION_SOURCES) {
      const open = requests.flatMap((r, i) => (answers[i] === null && ranked[i]![rank] === source && (r.citizen === "TOTAL" || source.citizenship) ? [i] : []));
      if (open.length === 0) continue;
      const geos = [...new Set(open.map((i) => requests[i]!.geo))];
      const rows: Awaited<ReturnType<typeof observationsFor>> = [];
      for (let at = 0; at < geos.length; at += GEO_CHUNK)
        rows.push(...(await observationsFor(db, source.publisher, source.dataset, geos.slice(at, at + GEO_CHUNK), periods)));
      const parsed = rows.map((r) => ({ row: r, dims: JSON.parse(r.dimensions) as Record<string, string> }));
      for (const i of open) {
        const { geo, year, citizen } = requests[i]!;
        const wanted: Record<string, string> = { ...source.dimensions, ...(source.citizenship ? { citizen } : {}) };
        // A series with a unit must count persons (NR), not a rate or a share; rows come in series-key order.
        const match = parsed.find(
          ({ row, dims }) =>
            row.geo === geo &&
            row.period === String(year) &&
            Object.entries(wanted).every(([d, v]) => dims[d] === v) &&
            (dims["unit"] === undefined || dims["unit"] === "NR"),
        )?.row;
        if (!match) continue;
        answers[i] = {
          geo,
          year,
          citizen,
          value: match.value,
          flag: match.flag,
          reference: source.reference,
          source: {
            publisher: match.publisher,
            dataset: match.code,
            title: match.title,
            licence: match.licence,
            series: match.key,
            revision: match.revision,
            retrieved_at: match.retrieved_at,
          },
        };
      }
    }
  return answers;
}

/** Geos per query (each a bound parameter). */
const GEO_CHUNK = 200;
