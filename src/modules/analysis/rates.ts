// Rates per 100,000 (`analysis.rates`, GET /analysis/rates): distinct-incident counts by country ×
// top-level category × period × group of perpetrators' statuses as reported, over the records the
// caller may see, joined with the population each group belongs to (findPopulations: the best
// figure held, with its source). The statistics are the domain's, never re-derived here: exact
// Poisson intervals, Wilson shares of `unknown`, and period comparisons by the exact rate ratio.
// Where no population figure is held, there is no rate and the row says why; nothing is drawn as 0.
import type { Kysely } from "kysely";
import { todayUtc, nowIso } from "../../domain/clock.js";
import { ValidationError } from "../../domain/errors.js";
import { CONDITIONAL_METHOD, comparePeriods, GARWOOD_METHOD, rateWithInterval, shareWithInterval, WILSON_METHOD } from "../../domain/stats/index.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { findPopulations, type PopulationCitizenship } from "../stats/population.js";
import type { PopulationAnswer } from "../stats/schema.js";
import { countIncidents, type CountFilters, type Dimension } from "./repo.js";
import { MAX_YEARS, RATE_GROUP_POPULATION, RATE_GROUPS, ratesQueryIssues, type AnalysisRates, type RateGroup, type RatesQuery } from "./rates-schema.js";
import { COUNTING, denominatorsText, GROUP_TEXTS, missingPopulation, NO_RATE_FOR_UNKNOWN } from "./rates-text.js";
import { BASIS_STATES, basisOf } from "./schema.js";

type Period = AnalysisRates["periods"][number];
type Row = AnalysisRates["rows"][number];
type CombinedRow = AnalysisRates["combined"]["rows"][number];
type Comparison = Omit<AnalysisRates["comparisons"][number], "country" | "category">;
type Share = Omit<AnalysisRates["unknown_shares"][number], "country" | "category">;

/** A cell's key; `*` stands for "every country" or "every category". */
const cellKey = (country: string | null, category: string | null, period: string, group: RateGroup) => `${country ?? "*"}|${category ?? "*"}|${period}|${group}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function analysisRates(db: Kysely<Database>) {
  return async function rates(actor: Actor | null, query: RatesQuery): Promise<AnalysisRates> {
    authorize(actor, "analysis.read");
    // Denominators are official statistics: whoever reads rates reads those too.
    authorize(actor, "stats.read");
    const problems = ratesQueryIssues(query, todayUtc());
    if (problems.length > 0) throw new ValidationError(problems.map((p) => ({ path: `query.${p.path.join(".")}`, message: p.message })));

    const groups = RATE_GROUPS.filter((g) => !query.group || query.group.includes(g));
    const filters: CountFilters = { visibility: visibilityOf(actor, "analysis.read"), states: BASIS_STATES[query.basis], query };
    const byYear = query.granularity === "year";
    const [cells, [total], [synthetic]] = await Promise.all([
      countCells(db, filters, byYear),
      countIncidents(db, filters, []),
      countIncidents(db, { ...filters, syntheticOnly: true }, []),
    ]);

    const periods = periodsOf(query, cells.map((c) => c.row.year).filter((y): y is string => y !== undefined));
    const first = periods[0];
    // An incident that started before occurred_from is placed in the window's first year.
    const periodOf = (year: string | undefined) => (!byYear ? first!.period : first && year! < first.period ? first.period : year!);
    const counts = new Map<string, number>();
    const countriesSeen = new Set<string>();
    const categoriesSeen = new Set<string>();
    const categoriesOf = new Map<string, Set<string>>();
    for (const { shape, row } of cells) {
      const key = cellKey(shape.country ? row.country! : null, shape.category ? row.category! : null, periodOf(row.year), shape.group ? (row.status_group as RateGroup) : "all");
      counts.set(key, (counts.get(key) ?? 0) + row.incidents);
      if (shape.country && shape.category && !shape.group) {
        countriesSeen.add(row.country!);
        categoriesSeen.add(row.category!);
        categoriesOf.set(row.country!, (categoriesOf.get(row.country!) ?? new Set()).add(row.category!));
      }
    }
    const count = (country: string | null, category: string | null, period: string, group: RateGroup) => counts.get(cellKey(country, category, period, group)) ?? 0;

    const countries = [...new Set(query.country ?? countriesSeen)].sort(compare);
    const categories = [...categoriesSeen].sort(compare);
    const population = await populationsFor(db, countries, [...new Set(periods.map((p) => p.denominator_year))], groups);

    const rateOf = (incidents: number, value: number | null) => {
      const estimate = value === null ? null : rateWithInterval(incidents, value);
      return estimate ? { rate_per_100k: estimate.rate, ci95: { low: estimate.lower, high: estimate.upper } } : { rate_per_100k: null, ci95: null };
    };

    const rows: Row[] = [];
    const shares: AnalysisRates["unknown_shares"] = [];
    const comparisons: AnalysisRates["comparisons"] = [];
    for (const country of countries) {
      for (const category of [null, ...[...(categoriesOf.get(country) ?? [])].sort(compare)]) {
        for (const group of groups) {
          const series = periods.map((period): Row => {
            const incidents = count(country, category, period.period, group);
            const citizen = RATE_GROUP_POPULATION[group];
            const answer = citizen === null ? null : population.get(country, period.denominator_year, citizen);
            const base = { country, category, period: period.period, group, incidents };
            if (citizen === null) return { ...base, denominator: null, rate_per_100k: null, ci95: null, no_rate_reason: NO_RATE_FOR_UNKNOWN };
            if (!answer) return { ...base, denominator: null, rate_per_100k: null, ci95: null, no_rate_reason: missingPopulation([country], period.denominator_year, citizen) };
            return { ...base, denominator: presentDenominator(answer), ...rateOf(incidents, answer.value), no_rate_reason: null };
          });
          rows.push(...series);
          if (byYear && group !== "unknown") comparisons.push(...compareSeries(periods, series).map((c) => ({ country, category, ...c })));
        }
        shares.push(...periods.map((p) => ({ country, category, ...unknownShare(count(country, category, p.period, "all"), count(country, category, p.period, "unknown"), p.period) })));
      }
    }

    const combinedRows: CombinedRow[] = [];
    const combinedShares: AnalysisRates["combined"]["unknown_shares"] = [];
    const combinedComparisons: AnalysisRates["combined"]["comparisons"] = [];
    for (const category of [null, ...categories]) {
      for (const group of groups) {
        const series = periods.map((period): CombinedRow => {
          const incidents = count(null, category, period.period, group);
          const citizen = RATE_GROUP_POPULATION[group];
          const base = { category, period: period.period, group, incidents };
          if (citizen === null) return { ...base, denominator: null, rate_per_100k: null, ci95: null, no_rate_reason: NO_RATE_FOR_UNKNOWN };
          if (countries.length === 0) return { ...base, denominator: null, rate_per_100k: null, ci95: null, no_rate_reason: "no country is counted, so there is no population to take a rate over" };
          const answers = countries.map((c) => [c, population.get(c, period.denominator_year, citizen)] as const);
          const missing = answers.filter(([, a]) => a === null).map(([c]) => c);
          if (missing.length > 0) {
            return { ...base, denominator: null, rate_per_100k: null, ci95: null, no_rate_reason: `${missingPopulation(missing, period.denominator_year, citizen)}, so there is no rate over the countries together` };
          }
          const value = answers.reduce((sum, [, a]) => sum + a!.value, 0);
          const datasets = [...new Set(answers.map(([, a]) => `${a!.source.publisher} ${a!.source.dataset}`))].sort(compare);
          return { ...base, denominator: { value, citizen, year: period.denominator_year, countries, datasets }, ...rateOf(incidents, value), no_rate_reason: null };
        });
        combinedRows.push(...series);
        if (byYear && group !== "unknown") combinedComparisons.push(...compareSeries(periods, series).map((c) => ({ category, ...c })));
      }
      combinedShares.push(...periods.map((p) => ({ category, ...unknownShare(count(null, category, p.period, "all"), count(null, category, p.period, "unknown"), p.period) })));
    }

    return {
      as_of: nowIso(),
      basis: basisOf(query.basis),
      counting: COUNTING,
      granularity: query.granularity,
      window: { from: query.occurred_from ?? null, to: query.occurred_to ?? null },
      periods,
      denominators: denominatorsText(query.granularity, first ?? null),
      groups: groups.map((group) => ({ group, ...GROUP_TEXTS[group], population: RATE_GROUP_POPULATION[group] })),
      confidence: 0.95,
      methods: { rate: GARWOOD_METHOD, share: WILSON_METHOD, comparison: CONDITIONAL_METHOD },
      totals: { incidents: total?.incidents ?? 0, synthetic: synthetic?.incidents ?? 0 },
      dimensions: { countries, categories, periods: periods.map((p) => p.period), groups },
      rows,
      unknown_shares: shares,
      comparisons,
      combined: {
        countries,
        scope: query.country
          ? "The countries named in the `country` filter, each with its whole population, whether or not an incident was counted there."
          : "The countries with at least one incident counted under these filters; a country with none is not in the combined population. Name countries with `country` to fix the set.",
        rows: combinedRows,
        unknown_shares: combinedShares,
        comparisons: combinedComparisons,
      },
      sources: population.sources(rows),
    };
  };
}

/**
 * Distinct incidents in every grouping the answer needs: by country or over all countries, by
 * category or over all categories, by group of statuses or all (each by year when `byYear`).
 */
async function countCells(db: Kysely<Database>, filters: CountFilters, byYear: boolean) {
  const shapes = [true, false].flatMap((country) => [true, false].flatMap((category) => [true, false].map((group) => ({ country, category, group }))));
  const grouped = await Promise.all(
    shapes.map(async (shape) => {
      const dims: Dimension[] = [
        ...(shape.country ? (["country"] as const) : []),
        ...(shape.category ? (["category"] as const) : []),
        ...(byYear ? (["year"] as const) : []),
        ...(shape.group ? (["status_group"] as const) : []),
      ];
      const rows = await countIncidents(db, filters, dims);
      return rows.map((row) => ({ shape, row: row as Partial<Record<Dimension, string>> & { incidents: number } }));
    }),
  );
  return grouped.flat();
}

/** The periods of the answer: calendar years (see MAX_YEARS) or the whole window. */
export function periodsOf(query: Pick<RatesQuery, "granularity" | "occurred_from" | "occurred_to">, countedYears: string[]): Period[] {
  const today = todayUtc();
  if (query.granularity === "total") {
    const from = query.occurred_from!;
    const to = query.occurred_to!;
    const year = Number(from.slice(0, 4));
    return [{ period: `${from}/${to}`, from, to, whole_year: from === `${from.slice(0, 4)}-01-01` && to === `${from.slice(0, 4)}-12-31`, denominator_year: year }];
  }
  const years = countedYears.map(Number);
  const firstYear = query.occurred_from ? Number(query.occurred_from.slice(0, 4)) : years.length > 0 ? Math.min(...years) : null;
  const lastYear = query.occurred_to ? Number(query.occurred_to.slice(0, 4)) : years.length > 0 ? Math.max(...years) : firstYear;
  if (firstYear === null || lastYear === null) return [];
  if (lastYear - firstYear + 1 > MAX_YEARS) {
    const message = `the incidents counted run from ${firstYear} to ${lastYear}, more than ${MAX_YEARS} years: set occurred_from, or ask for granularity total`;
    throw new ValidationError([{ path: "query.occurred_from", message }]);
  }
  const periods: Period[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const label = String(year).padStart(4, "0");
    const from = [`${label}-01-01`, query.occurred_from ?? ""].sort(compare)[1]!;
    const end = [`${label}-12-31`, query.occurred_to ?? today].sort(compare)[0]!;
    const to = end < from ? from : end;
    periods.push({ period: label, from, to, whole_year: from === `${label}-01-01` && to === `${label}-12-31`, denominator_year: year });
  }
  return periods;
}

/** Each period against the one before: only two whole years that both have a rate are compared. */
function compareSeries(periods: Period[], series: (Row | CombinedRow)[]): Comparison[] {
  return series.slice(1).map((after, i) => {
    const before = series[i]!;
    const [p0, p1] = [periods[i]!, periods[i + 1]!];
    const base = { group: after.group, before: before.period, after: after.period };
    const refused = (reason: string): Comparison => ({ ...base, verdict: null, rate_ratio: null, ci95: null, notes: [], reason });
    const partial = [p0, p1].find((p) => !p.whole_year);
    if (partial) return refused(`${partial.period} is not a whole year here (${partial.from} to ${partial.to}), so it is not compared`);
    if (!before.denominator || !after.denominator) return refused((before.no_rate_reason ?? after.no_rate_reason)!);
    const result = comparePeriods({ count: before.incidents, population: before.denominator.value }, { count: after.incidents, population: after.denominator.value });
    const notes = [...result.notes];
    const sourcesOf = (row: Row | CombinedRow) => ("source" in row.denominator! ? [`${row.denominator.source.publisher} ${row.denominator.source.dataset}`] : row.denominator!.datasets).join(", ");
    if (sourcesOf(before) !== sourcesOf(after)) notes.push(`the two years' populations come from different sources (${sourcesOf(before)}; ${sourcesOf(after)})`);
    return {
      ...base,
      verdict: result.verdict,
      rate_ratio: result.ratio !== null && Number.isFinite(result.ratio) ? result.ratio : null,
      ci95: { low: result.lower, high: Number.isFinite(result.upper) ? result.upper : null },
      notes,
      reason: null,
    };
  });
}

function unknownShare(incidents: number, unknown: number, period: string): Share {
  const share = shareWithInterval(unknown, incidents);
  return { period, incidents, unknown, share: share.share, ci95: share.share === null ? null : { low: share.lower, high: share.upper } };
}

function presentDenominator(answer: PopulationAnswer): NonNullable<Row["denominator"]> {
  const { publisher, dataset, series, revision, retrieved_at } = answer.source;
  return {
    value: answer.value,
    citizen: answer.citizen as PopulationCitizenship,
    year: answer.year,
    reference: answer.reference,
    flag: answer.flag,
    source: { publisher, dataset, series, revision, retrieved_at },
  };
}

/** The population figures for every country × year × citizenship the groups need, each looked up once. */
async function populationsFor(db: Kysely<Database>, countries: string[], years: number[], groups: RateGroup[]) {
  const citizens = [...new Set(groups.map((g) => RATE_GROUP_POPULATION[g]).filter((c) => c !== null))];
  const key = (country: string, year: number, citizen: string) => `${country}|${year}|${citizen}`;
  const wanted = countries.flatMap((country) => years.flatMap((year) => citizens.map((citizen) => ({ country, year, citizen }))));
  const answers = new Map<string, PopulationAnswer | null>();
  const found = await findPopulations(
    db,
    wanted.map(({ country, year, citizen }) => ({ geo: country, year, citizen: citizen as PopulationCitizenship })),
  );
  wanted.forEach(({ country, year, citizen }, i) => {
    const answer = found[i]!;
    // A population of 0 (a bad file) gives no rate at all rather than an infinite one.
    answers.set(key(country, year, citizen), answer && answer.value > 0 ? answer : null);
  });
  return {
    get: (country: string, year: number, citizen: string) => answers.get(key(country, year, citizen)) ?? null,
    /** The datasets behind the rows' denominators, each with the series used, for the credits. */
    sources(rows: Row[]): AnalysisRates["sources"] {
      const used = new Set(rows.flatMap((row) => (row.denominator ? [`${row.denominator.source.publisher}|${row.denominator.source.dataset}|${row.denominator.source.series}`] : [])));
      const byDataset = new Map<string, AnalysisRates["sources"][number]>();
      for (const answer of answers.values()) {
        if (!answer || !used.has(`${answer.source.publisher}|${answer.source.dataset}|${answer.source.series}`)) continue;
        const { series, publisher, dataset, title, licence, revision, retrieved_at } = answer.source;
        const id = `${publisher}|${dataset}`;
        const entry = byDataset.get(id) ?? { publisher, dataset, title, licence, revision, retrieved_at, series: [] };
        if (!entry.series.includes(series)) entry.series.push(series);
        byDataset.set(id, entry);
      }
      return [...byDataset.values()].map((s) => ({ ...s, series: s.series.sort(compare) })).sort((a, b) => compare(`${a.publisher} ${a.dataset}`, `${b.publisher} ${b.dataset}`));
    },
  };
}
