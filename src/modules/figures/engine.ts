// The figures engine: counts, rates, unknown shares and comparisons from counted incidents and
// population figures, by the rules of rules.ts, periods.ts and compare.ts. The API's rates and
// counts and every report take their numbers from here, so the same scope gives the same figures
// wherever it is asked. Pure: the incidents and populations are read by facts.ts.
import { rateWithInterval, shareWithInterval, type RateEstimate, type ShareEstimate, type UndefinedShare } from "../../domain/stats/index.js";
import { comparePeriodSides, type Comparison, type ComparisonSide } from "./compare.js";
import { placeIncident, type FigurePeriod } from "./periods.js";
import {
  incidentCount,
  inGroup,
  isUnknown,
  RATE_GROUP_POPULATION,
  takesRate,
  usablePopulation,
  type Citizenship,
  type CountedIncident,
  type RateGroup,
} from "./rules.js";
import { listText, countryName } from "./words.js";

/** A population figure and where it comes from (stats/population's answer). */
export interface PopulationFigure {
  geo: string;
  year: number;
  citizen: Citizenship;
  value: number;
  flag: string | null;
  reference: "1 January" | "mid-year";
  source: { publisher: string; dataset: string; title: string; licence: string | null; series: string; revision: number; retrieved_at: string };
}

export interface Populations {
  get(country: string, year: number, citizen: Citizenship): PopulationFigure | null;
}

export interface FigureScope {
  /** The countries figures are given for, and whose populations are summed for `null` (all together). */
  countries: readonly string[];
  /** Top-level categories broken down (each incident also counts once under null, every category). */
  categories: readonly string[];
  periods: readonly FigurePeriod[];
  groups: readonly RateGroup[];
  /** Country names for reasons in words ("no population figure held for Germany 2025"). */
  countryName?: (code: string) => string;
}

/** One cell: a country (null: all counted together) × category (null: every category) × period × group. */
export interface FigureCell {
  country: string | null;
  category: string | null;
  period: FigurePeriod;
  group: RateGroup;
  /** The incidents counted, oldest first then by number (grouped facts, when the facts were grouped). */
  incidents: CountedIncident[];
  /** How many incidents: the sum of the facts' weights. */
  count: number;
  /** The population divided by: one country's figure, or the sum over the countries together. */
  denominator: { value: number; citizen: Citizenship; year: number; flag: string | null; figures: PopulationFigure[] } | null;
  rate: RateEstimate | null;
  /** Why there is no rate; null when there is one. */
  no_rate_reason: string | null;
}

export interface UnknownShare {
  incidents: number;
  unknown: number;
  estimate: ShareEstimate | UndefinedShare;
}

const NO_RATE_FOR_UNKNOWN = "never a rate: no population has an unknown status; its share of all incidents is given instead";

/** Figures over a scope: every cell the scope names, zeros included, computed once when first asked. */
export function computeFigures(facts: readonly CountedIncident[], scope: FigureScope, populations: Populations) {
  const name = scope.countryName ?? countryName;
  const groups: RateGroup[] = [...new Set<RateGroup>(["all", "unknown", ...scope.groups])];
  // Each cell's place in one array: country (the scope's, then null for all together) × category
  // (null first, then the scope's) × period × group. A rates answer asks for thousands of cells
  // over tens of thousands of facts, so no key text is made per fact and cell.
  const countryAt = new Map(scope.countries.map((c, i) => [c, i]));
  const categoryAt = new Map(scope.categories.map((c, i) => [c, i + 1]));
  const together = scope.countries.length;
  const slot = (country: number, category: number, period: number, group: number) =>
    ((country * (scope.categories.length + 1) + category) * scope.periods.length + period) * groups.length + group;
  const counted: CountedIncident[][] = [];
  const unplaced: CountedIncident[] = [];
  const placed: CountedIncident[] = [];
  // Sorted once, so every cell's list is in order as it fills.
  for (const incident of [...facts].sort(byOccurrence)) {
    const own = countryAt.get(incident.country);
    if (own === undefined) continue;
    const at = placeIncident(incident, scope.periods);
    if (at < 0) {
      unplaced.push(incident);
      continue;
    }
    placed.push(incident);
    const categories = [0];
    for (const c of incident.categories) {
      const k = categoryAt.get(c);
      if (k !== undefined) categories.push(k);
    }
    const memberOf: number[] = [];
    for (let g = 0; g < groups.length; g++) if (inGroup(incident, groups[g]!)) memberOf.push(g);
    for (const country of [own, together]) {
      for (const category of categories) {
        for (const group of memberOf) (counted[slot(country, category, at, group)] ??= []).push(incident);
      }
    }
  }

  const cells: FigureCell[] = [];
  // A cell outside the scope (a country, category or group it does not break down) counts nothing.
  const outside = new Map<string, FigureCell>();
  function cell(country: string | null, category: string | null, periodIndex: number, group: RateGroup): FigureCell {
    const c = country === null ? together : countryAt.get(country);
    const k = category === null ? 0 : categoryAt.get(category);
    const g = groups.indexOf(group);
    const make = (incidents: CountedIncident[]): FigureCell => {
      const base = { country, category, period: scope.periods[periodIndex]!, group, incidents, count: incidentCount(incidents) };
      return { ...base, ...rateOf(base) };
    };
    if (c === undefined || k === undefined || g < 0) {
      // Keyed by text only here, off the path every answer's cells take.
      const key = `${country}|${category}|${periodIndex}|${group}`;
      return outside.get(key) ?? outside.set(key, make([])).get(key)!;
    }
    const at = slot(c, k, periodIndex, g);
    return (cells[at] ??= make(counted[at] ?? []));
  }

  function rateOf(base: Pick<FigureCell, "country" | "category" | "period" | "group" | "count">): Pick<FigureCell, "denominator" | "rate" | "no_rate_reason"> {
    const none = (reason: string) => ({ denominator: null, rate: null, no_rate_reason: reason });
    const citizen = RATE_GROUP_POPULATION[base.group];
    if (citizen === null) return none(NO_RATE_FOR_UNKNOWN);
    if (!takesRate(base.category)) return none("counts only: this category is not an offence by residents, so it takes no rate per 100,000");
    const countries = base.country === null ? [...scope.countries] : [base.country];
    if (countries.length === 0) return none("no country is counted, so there is no population to take a rate over");
    const year = base.period.denominator_year;
    const figures = countries.map((c) => [c, populations.get(c, year, citizen)] as const);
    const missing = figures.filter(([, f]) => !f || !usablePopulation(f.value)).map(([c]) => name(c));
    if (missing.length > 0) {
      const reason = `no population figure${CITIZEN_WORDS[citizen]} held for ${listText(missing)} ${year}`;
      return none(base.country === null && countries.length > 1 ? `${reason}, so there is no rate over the countries together` : reason);
    }
    const held = figures.map(([, f]) => f!);
    const value = held.reduce((sum, f) => sum + f.value, 0);
    const flags = [...new Set(held.flatMap((f) => (f.flag ? [...f.flag] : [])))].sort().join("");
    return { denominator: { value, citizen, year, flag: flags || null, figures: held }, rate: rateWithInterval(base.count, value), no_rate_reason: null };
  }

  /** The share of `unknown` among a cell's incidents, with its Wilson interval. */
  function unknownShare(country: string | null, category: string | null, periodIndex: number): UnknownShare {
    const all = cell(country, category, periodIndex, "all");
    const unknown = incidentCount(all.incidents.filter(isUnknown));
    return { incidents: all.count, unknown, estimate: shareWithInterval(unknown, all.count) };
  }

  /** Period i against period i − 1, unadjusted (documents adjust their family with adjustFamily). */
  function comparison(country: string | null, category: string | null, periodIndex: number, group: RateGroup): Comparison {
    const side = (c: FigureCell): ComparisonSide => ({
      period: c.period,
      count: c.count,
      population: c.denominator ? { value: c.denominator.value, flag: c.denominator.flag } : null,
      ...(c.no_rate_reason ? { missing: c.no_rate_reason.replace(/, so there is no rate.*$/, "") } : {}),
    });
    return comparePeriodSides(side(cell(country, category, periodIndex - 1, group)), side(cell(country, category, periodIndex, group)), category);
  }

  return { cell, unknownShare, comparison, placed, unplaced, periods: scope.periods };
}

export type Figures = ReturnType<typeof computeFigures>;

/**
 * Figures from the two projections of the incidents' tallies (facts.ts `talliedFacts`): the cells
 * of every category together from `whole` (each incident once), those of one category from
 * `byCategory` (each incident once per category). Each side counts exactly what the full facts
 * count for the cells taken from it, so the figures are the same (analysis/tallied-rates.test.ts).
 */
export function computeProjectedFigures(
  facts: { whole: readonly CountedIncident[]; byCategory: readonly CountedIncident[] },
  scope: FigureScope,
  populations: Populations,
): Figures {
  const whole = computeFigures(facts.whole, { ...scope, categories: [] }, populations);
  const split = computeFigures(facts.byCategory, scope, populations);
  const side = (category: string | null) => (category === null ? whole : split);
  return {
    cell: (country, category, periodIndex, group) => side(category).cell(country, category, periodIndex, group),
    unknownShare: (country, category, periodIndex) => side(category).unknownShare(country, category, periodIndex),
    comparison: (country, category, periodIndex, group) => side(category).comparison(country, category, periodIndex, group),
    placed: whole.placed,
    unplaced: whole.unplaced,
    periods: scope.periods,
  };
}

const CITIZEN_WORDS: Record<Citizenship, string> = { TOTAL: "", NAT: " of citizens", FOR: " of foreign citizens" };

function byOccurrence(a: CountedIncident, b: CountedIncident): number {
  return a.occurred_from < b.occurred_from ? -1 : a.occurred_from > b.occurred_from ? 1 : a.number - b.number;
}
/** Whether an incident counts under a category in these figures (re-exported for sections that list records). */
