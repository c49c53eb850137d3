// The facts counting needs, read once for the API and the reports alike: the incidents a caller
// may see in the states a basis counts, under the filters asked, each with its top-level
// categories and perpetrators' statuses; and the population figures for the countries and years
// the figures divide by. The rows come from their owners (incidents/index.ts, stats/population.ts);
// this file shapes them.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { MigrationStatus } from "../../domain/vocabulary.js";
import type { Visibility } from "../auth/policy.js";
import { countedIncidentFacts, countedIncidentGroups as countedIncidentGroups_, tallied, TALLY_CODE_SEPARATOR, type TallyFacet } from "../incidents/index.js";
import type { StatusGroup } from "../../domain/rate-groups.js";
import { findPopulations, type PopulationOrder } from "../stats/population.js";
import type { PopulationFigure, Populations } from "./engine.js";
import { monthAligned, monthBounds } from "./periods.js";
import { BASIS_STATES, type AnalysisBasis, type Citizenship, type CountedIncident } from "./rules.js";

export interface FactsFilter {
  visibility: Visibility;
  basis: AnalysisBasis;
  /** Incidents whose occurrence window overlaps from..to (placement then decides the period). */
  from?: string | undefined;
  to?: string | undefined;
  countries?: readonly string[] | undefined;
  posts?: readonly string[] | undefined;
  /** Category codes: a code matches itself and its subcategories; only matching categories are kept. */
  categories?: readonly string[] | undefined;
  synthetic?: boolean | undefined;
}

/** The counting filter of an analysis request (counts, rates) as its reader may see. */
export function factsFilterOf(
  visibility: Visibility,
  query: {
    basis: AnalysisBasis;
    occurred_from?: string | undefined;
    occurred_to?: string | undefined;
    country?: readonly string[] | undefined;
    post?: readonly string[] | undefined;
    category?: readonly string[] | undefined;
    synthetic?: boolean | undefined;
  },
): FactsFilter {
  return {
    visibility,
    basis: query.basis,
    from: query.occurred_from,
    to: query.occurred_to,
    countries: query.country,
    posts: query.post,
    categories: query.category,
    synthetic: query.synthetic,
  };
}

/** The incidents counted under a filter, oldest first then by number. */
export async function countedIncidents(db: Kysely<Database>, filter: FactsFilter): Promise<CountedIncident[]> {
  const { basis, ...rest } = filter;
  const found = await countedIncidentFacts(db, { ...rest, states: BASIS_STATES[basis] });

  const byId = new Map<string, CountedIncident & { categories: string[]; statuses: MigrationStatus[] }>();
  for (const row of found) {
    let incident = byId.get(row.id);
    if (!incident) {
      incident = {
        id: row.id,
        number: row.number,
        country: row.country_code,
        occurred_from: row.occurred_from,
        occurred_to: row.occurred_to,
        precision: row.date_precision,
        categories: [],
        statuses: [],
        synthetic: row.synthetic,
      };
      byId.set(row.id, incident);
    }
    if (!incident.categories.includes(row.category)) incident.categories.push(row.category);
    const status = row.migration_status;
    if (status && !incident.statuses.includes(status)) incident.statuses.push(status);
  }
  const incidents = [...byId.values()];
  for (const i of incidents) {
    i.categories.sort();
    i.statuses.sort();
  }
  return incidents.sort((a, b) => (a.occurred_from < b.occurred_from ? -1 : a.occurred_from > b.occurred_from ? 1 : a.number - b.number));
}

/**
 * The same incidents as `countedIncidents`, grouped: incidents alike in everything counting looks at
 * (country, occurrence window, precision, synthetic, top-level categories, statuses) are one fact
 * whose `weight` says how many they are, so the engine folds thousands of facts, not a million rows.
 * When the window's bounds are on months' edges (`monthAligned`), dates are read cut to their months,
 * which places every incident where its own dates would; otherwise they are read to the day. Each
 * fact's `id` is its group's key and its `number` 0: grouped facts are for counting, not for listing
 * records (reports, which list them, read `countedIncidents`). A property test
 * (figures/grouped-facts.test.ts) holds every count, rate and share of both to the same answer.
 */
export async function countedIncidentGroups(db: Kysely<Database>, filter: FactsFilter): Promise<CountedIncident[]> {
  const { basis, ...rest } = filter;
  const months = monthAligned(filter.from, filter.to);
  const found = await countedIncidentGroups_(db, { ...rest, states: BASIS_STATES[basis] }, { months });
  const byKey = new Map<string, CountedIncident & { weight: number }>();
  for (const row of found) {
    const categories = (row.categories ?? "")
      .split(",")
      .filter((c) => c !== "")
      .sort();
    const statuses = (row.statuses ?? "")
      .split(",")
      .filter((c) => c !== "")
      .sort() as MigrationStatus[];
    const from = months ? monthBounds(row.occurred_from)[0] : row.occurred_from;
    const to = months ? monthBounds(row.occurred_to)[1] : row.occurred_to;
    const id = [row.country_code, from, to, row.date_precision, row.synthetic, categories.join(","), statuses.join(",")].join("|");
    const known = byKey.get(id);
    if (known) known.weight += Number(row.incidents);
    else
      byKey.set(id, {
        id,
        number: 0,
        country: row.country_code,
        occurred_from: from,
        occurred_to: to,
        precision: row.date_precision,
        categories,
        statuses,
        synthetic: row.synthetic,
        weight: Number(row.incidents),
      });
  }
  return [...byKey.values()].sort((a, b) => (a.occurred_from < b.occurred_from ? -1 : a.occurred_from > b.occurred_from ? 1 : a.id < b.id ? -1 : 1));
}

/** The counted incidents as projections of the incidents' tallies (`talliedCountFacts`, `talliedRateFacts`). */
export interface TalliedFacts {
  /** Each incident once, with no category and the groups of statuses it is in. */
  whole: CountedIncident[];
  /** Each incident once per top-level category it is filed under, that category alone. */
  byCategory: CountedIncident[];
}

/**
 * The counted incidents as the incidents' tallies hold them (incidents/tallies-repo.ts), each
 * projection counting exactly what the full facts count for the breakdowns it keeps, from
 * thousands of rows where grouping the incidents reads every one. Null where the tallies cannot
 * answer: a window not on months' edges (they hold months) or a category filter (they hold no
 * incident's set of categories, so an incident under two of the filter's categories could not be
 * counted once). Dates are a month's first and last day; precision is "day" for a date pinned to
 * a day or a week and "month" otherwise, all that placement asks of it (periods.ts placeIncident).
 */
function talliable(filter: FactsFilter): boolean {
  return monthAligned(filter.from, filter.to) && !(filter.categories && filter.categories.length > 0);
}

/**
 * For counts (analysis/service.ts countsOfProjections): `whole` (each incident once), `byCategory`
 * (once per category, without statuses) and `byStatus` (once per status as reported, that status
 * alone, none recorded as none). No projection holds an incident's statuses together, so a status
 * filter or the cube is not answered from them.
 */
export async function talliedCountFacts(db: Kysely<Database>, filter: FactsFilter): Promise<(TalliedFacts & { byStatus: CountedIncident[] }) | null> {
  if (!talliable(filter)) return null;
  const [whole, byCategory, byStatus] = await Promise.all([
    readTallies(db, "groups", filter),
    readTallies(db, "category", filter),
    readTallies(db, "status", filter),
  ]);
  return { whole, byCategory, byStatus };
}

/**
 * For rates (analysis/rates.ts, figures/engine.ts computeProjectedFigures): `whole` and
 * `byCategory`, each with the groups of statuses its incidents are in, so every rate group and
 * the unknown share are counted as over the incidents themselves.
 */
export async function talliedRateFacts(db: Kysely<Database>, filter: FactsFilter): Promise<TalliedFacts | null> {
  if (!talliable(filter)) return null;
  const [whole, byCategory] = await Promise.all([readTallies(db, "groups", filter), readTallies(db, "category_groups", filter)]);
  return { whole, byCategory };
}

async function readTallies(db: Kysely<Database>, facet: TallyFacet, filter: FactsFilter): Promise<CountedIncident[]> {
  const { basis, categories: _none, ...rest } = filter;
  // Tens of thousands of rows share a few dozen months and codes: each is worked out once.
  const months = new Map<string, [string, string]>();
  const bounds = (month: string) => months.get(month) ?? months.set(month, monthBounds(month)).get(month)!;
  const codes = new Map<string, { categories: string[]; statuses: MigrationStatus[]; groups?: StatusGroup[] }>();
  const parts = (code: string) => {
    const known = codes.get(code);
    if (known) return known;
    const [category, groups] =
      facet === "groups"
        ? [null, code]
        : facet === "category_groups"
          ? splitOnce(code, TALLY_CODE_SEPARATOR)
          : facet === "category"
            ? [code, null]
            : [null, null];
    const made = {
      categories: category === null ? [] : [category],
      statuses: facet === "status" && code !== "unknown" ? [code as MigrationStatus] : [],
      ...(groups === null ? {} : { groups: groups.split(",").filter((g) => g !== "") as StatusGroup[] }),
    };
    codes.set(code, made);
    return made;
  };
  return (await tallied(db, facet, { ...rest, states: BASIS_STATES[basis] })).map((row): CountedIncident & { weight: number } => {
    const { categories, statuses, groups } = parts(row.code);
    return {
      id: [facet, row.country_code, row.window_from, row.window_to, row.pinned, row.synthetic, row.code].join("|"),
      number: 0,
      country: row.country_code,
      occurred_from: bounds(row.window_from)[0],
      occurred_to: bounds(row.window_to)[1],
      precision: row.pinned ? "day" : "month",
      categories,
      statuses,
      ...(groups === undefined ? {} : { groups }),
      synthetic: row.synthetic,
      weight: Number(row.incidents),
    };
  });
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** The population figures of countries × years × citizenships, each looked up once (the best source held). */
export async function populationsFor(
  db: Kysely<Database>,
  countries: readonly string[],
  years: readonly number[],
  citizens: readonly Citizenship[],
  order?: PopulationOrder,
): Promise<Populations & { all(): PopulationFigure[] }> {
  const k = (country: string, year: number, citizen: string) => `${country}|${year}|${citizen}`;
  const wanted = [...new Set(countries)].flatMap((geo) =>
    [...new Set(years)].flatMap((year) => [...new Set(citizens)].map((citizen) => ({ geo, year, citizen }))),
  );
  const found = await findPopulations(db, wanted, order);
  const answers = new Map<string, PopulationFigure>();
  wanted.forEach((w, i) => {
    const answer = found[i];
    if (answer) answers.set(k(w.geo, w.year, w.citizen), answer as PopulationFigure);
  });
  return {
    get: (country, year, citizen) => answers.get(k(country, year, citizen)) ?? null,
    all: () => [...answers.values()],
  };
}
