// Rates per 100,000 (`analysis.rates`, GET /analysis/rates): distinct-incident counts by country ×
// top-level category × period × group of perpetrators' statuses as reported, over the records the
// caller may see, with the population each group belongs to. Every number comes from the figures
// engine (figures/), the same that reports use, so an answer and a report of the same scope agree;
// this file only shapes the answer. Where no population figure is held, there is no rate and the
// row says why; nothing is drawn as 0.
import type { Kysely } from "kysely";
import { nowIso, todayUtc } from "../../domain/clock.js";
import { laterDate } from "../../domain/dates.js";
import { ValidationError } from "../../domain/errors.js";
import { CONDITIONAL_METHOD, GARWOOD_METHOD, HOLM_METHOD, WILSON_METHOD } from "../../domain/stats/index.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import type { Comparison } from "../figures/compare.js";
import {
  computeFigures,
  computeProjectedFigures,
  type FigureCell,
  type Figures,
  type PopulationFigure,
  type Populations,
  type UnknownShare,
} from "../figures/engine.js";
import { countedIncidentGroups, factsFilterOf, populationsFor, talliedRateFacts, type TalliedFacts } from "../figures/facts.js";
import { calendarPeriods, makePeriod, periodText, PLACEMENT_RULE, placeIncident, rateUnit, unitPeriod, type FigurePeriod } from "../figures/periods.js";
import {
  COUNTING,
  GROUP_TEXTS,
  incidentCount,
  RATE_GROUP_POPULATION,
  RATE_GROUP_STATUSES,
  RATE_GROUPS,
  type CountedIncident,
  type RateGroup,
} from "../figures/rules.js";
import { ratesQueryIssues, type AnalysisRates, type RatesQuery } from "./rates-schema.js";
import { denominatorsText } from "./rates-text.js";
import type { PopulationOrder } from "../stats/population.js";
import { basisOf } from "./schema.js";

type Row = AnalysisRates["rows"][number];
type CombinedRow = AnalysisRates["combined"]["rows"][number];
type ComparisonOut = Omit<AnalysisRates["comparisons"][number], "country" | "category">;
type Share = Omit<AnalysisRates["unknown_shares"][number], "country" | "category">;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const MULTIPLE_COMPARISONS =
  "Each comparison here is a single test at 5%: among many comparisons, about one in twenty is called significant by chance alone. A document that makes several comparisons (a report) adjusts them together by Holm's method before calling any significant.";

export function analysisRates(db: Kysely<Database>, populationOrder?: PopulationOrder) {
  return async function rates(actor: Actor | null, query: RatesQuery): Promise<AnalysisRates> {
    authorize(actor, "analysis.read");
    // Denominators are official statistics: whoever reads rates reads those too.
    authorize(actor, "stats.read");
    const today = todayUtc();
    const problems = ratesQueryIssues(query, today);
    if (problems.length > 0) throw new ValidationError(problems.map((p) => ({ path: p.path.join("."), message: p.message })));

    // The tallies answer unless the window is not on months' edges or categories are filtered.
    const filter = factsFilterOf(visibilityOf(actor, "analysis.read"), query);
    const facts = (await talliedRateFacts(db, filter)) ?? (await countedIncidentGroups(db, filter));
    const { periods, countries, citizens } = ratesScope(query, wholeOf(facts), today);
    const populations = await populationsFor(
      db,
      countries,
      periods.map((p) => p.denominator_year),
      citizens,
      populationOrder,
    );
    return ratesAnswer(query, facts, populations, today, nowIso(), populationOrder);
  };
}

/** What an answer covers: its periods, its countries and the populations its groups need. */
function ratesScope(query: RatesQuery, facts: readonly CountedIncident[], today: string) {
  const groups = RATE_GROUPS.filter((g) => !query.group || query.group.includes(g));
  const periods = periodsOf(query, facts, today);
  const placed = facts.filter((f) => placeIncident(f, periods) >= 0);
  const countries = [...new Set(query.country ?? placed.map((f) => f.country))].sort(compare);
  const citizens = [...new Set(groups.map((g) => RATE_GROUP_POPULATION[g]).filter((c) => c !== null))];
  return { groups, periods, countries, citizens };
}

type RatesFacts = readonly CountedIncident[] | TalliedFacts;

/** Each counted incident once: the facts themselves, or the tallies' projection that holds them so. */
const wholeOf = (facts: RatesFacts): readonly CountedIncident[] => ("whole" in facts ? facts.whole : facts);

/**
 * The answer from the counted incidents (or the tallies' two projections of them) and the
 * population figures: pure, so it can be checked against a report's figures.
 */
export function ratesAnswer(
  query: RatesQuery,
  facts: RatesFacts,
  populations: Populations,
  today: string,
  asOf: string,
  populationOrder?: PopulationOrder,
): AnalysisRates {
  const { groups, periods, countries } = ratesScope(query, wholeOf(facts), today);
  // What is filed under categories: each incident with its categories, or once per category.
  const filed = ("byCategory" in facts ? facts.byCategory : facts).filter((f) => placeIncident(f, periods) >= 0);
  const categories = [...new Set(filed.flatMap((f) => f.categories))].sort(compare);
  const scope = { countries, categories, periods, groups };
  const figures = "whole" in facts ? computeProjectedFigures(facts, scope, populations) : computeFigures(facts, scope, populations);
  const compared = query.granularity !== "total";

  const rows: Row[] = [];
  const used: PopulationFigure[] = [];
  const shares: AnalysisRates["unknown_shares"] = [];
  const comparisons: AnalysisRates["comparisons"] = [];
  const filedIn = new Map<string, Set<string>>();
  for (const f of filed) {
    const own = filedIn.get(f.country) ?? new Set<string>();
    for (const c of f.categories) own.add(c);
    filedIn.set(f.country, own);
  }
  for (const country of countries) {
    const own = [...(filedIn.get(country) ?? [])].sort(compare);
    for (const category of [null, ...own]) {
      for (const group of groups) {
        for (let i = 0; i < periods.length; i++) {
          const cell = figures.cell(country, category, i, group);
          if (cell.denominator) used.push(...cell.denominator.figures);
          rows.push({ country, ...rowOf(cell) });
        }
        if (compared && group !== "unknown") comparisons.push(...comparisonsOf(figures, country, category, group).map((c) => ({ country, category, ...c })));
      }
      shares.push(...periods.map((p, i) => ({ country, category, ...shareOf(p, figures.unknownShare(country, category, i)) })));
    }
  }

  const combinedRows: CombinedRow[] = [];
  const combinedShares: AnalysisRates["combined"]["unknown_shares"] = [];
  const combinedComparisons: AnalysisRates["combined"]["comparisons"] = [];
  for (const category of [null, ...categories]) {
    for (const group of groups) {
      combinedRows.push(...periods.map((_, i) => combinedRowOf(figures.cell(null, category, i, group))));
      if (compared && group !== "unknown") combinedComparisons.push(...comparisonsOf(figures, null, category, group).map((c) => ({ category, ...c })));
    }
    combinedShares.push(...periods.map((p, i) => ({ category, ...shareOf(p, figures.unknownShare(null, category, i)) })));
  }

  return {
    as_of: asOf,
    basis: basisOf(query.basis),
    counting: `${COUNTING} ${PLACEMENT_RULE}`,
    granularity: query.granularity,
    window: { from: query.occurred_from ?? null, to: query.occurred_to ?? null },
    periods: periods.map((p) => ({
      period: p.key,
      label: periodText(p),
      from: p.from,
      to: p.until,
      days: p.days,
      whole_year: p.complete && (p.kind === "year" || (p.from.slice(0, 4) === p.to.slice(0, 4) && p.from.endsWith("-01-01") && p.to.endsWith("-12-31"))),
      complete: p.complete,
      rate_unit: rateUnit(p),
      denominator_year: p.denominator_year,
    })),
    denominators: denominatorsText(query.granularity, periods[0] ?? null, populationOrder),
    groups: groups.map((group) => ({
      group,
      statuses: group === "all" ? [] : [...RATE_GROUP_STATUSES[group]],
      description: GROUP_TEXTS[group].description,
      caveats: GROUP_TEXTS[group].caveats,
      population: RATE_GROUP_POPULATION[group],
    })),
    confidence: 0.95,
    methods: { rate: GARWOOD_METHOD, share: WILSON_METHOD, comparison: CONDITIONAL_METHOD, family: HOLM_METHOD },
    totals: {
      incidents: incidentCount(figures.placed),
      synthetic: incidentCount(figures.placed.filter((f) => f.synthetic)),
      not_placed: incidentCount(figures.unplaced),
    },
    multiple_comparisons: MULTIPLE_COMPARISONS,
    dimensions: { countries, categories, periods: periods.map((p) => p.key), groups },
    rows,
    unknown_shares: shares,
    comparisons,
    combined: {
      countries,
      scope: query.country
        ? "The countries named in the country filter, each with its whole population, whether or not an incident was counted there."
        : "The countries with at least one incident counted under these filters; a country with none is not in the combined population. Name countries with the country filter to fix the set.",
      rows: combinedRows,
      unknown_shares: combinedShares,
      comparisons: combinedComparisons,
    },
    sources: sourcesOf(used),
  };
}

/** The periods of the answer: calendar units from the window's start (or the first incident's) to its end (or the last incident's). */
function periodsOf(query: RatesQuery, facts: readonly CountedIncident[], today: string): FigurePeriod[] {
  if (query.granularity === "total") {
    const from = query.occurred_from!;
    const to = query.occurred_to!;
    return [makePeriod("range", `${from}/${to}`, from, to, today)];
  }
  if (facts.length === 0 && !query.occurred_from) return [];
  const starts = facts.map((f) => f.occurred_from).sort(compare);
  const from = query.occurred_from ?? unitPeriod(query.granularity, starts[0]!, today).from;
  const to = query.occurred_to ?? (query.occurred_from && facts.length === 0 ? today : unitPeriod(query.granularity, starts.at(-1)!, today).to);
  const periods = calendarPeriods(query.granularity, from, laterDate(from, to), today);
  return periods;
}

function rowOf(cell: FigureCell): Omit<Row, "country"> {
  const base = { category: cell.category, period: cell.period.key, group: cell.group, incidents: cell.count };
  if (!cell.rate || !cell.denominator) return { ...base, denominator: null, rate_per_100k: null, ci95: null, no_rate_reason: cell.no_rate_reason };
  const figure = cell.denominator.figures[0]!;
  const { publisher, dataset, series, revision, retrieved_at } = figure.source;
  return {
    ...base,
    denominator: {
      value: figure.value,
      citizen: figure.citizen,
      year: figure.year,
      reference: figure.reference,
      flag: figure.flag,
      source: { publisher, dataset, series, revision, retrieved_at },
    },
    rate_per_100k: cell.rate.rate,
    ci95: { low: cell.rate.lower, high: cell.rate.upper },
    no_rate_reason: null,
  };
}

function combinedRowOf(cell: FigureCell): CombinedRow {
  const base = { category: cell.category, period: cell.period.key, group: cell.group, incidents: cell.count };
  if (!cell.rate || !cell.denominator) return { ...base, denominator: null, rate_per_100k: null, ci95: null, no_rate_reason: cell.no_rate_reason };
  const d = cell.denominator;
  return {
    ...base,
    denominator: {
      value: d.value,
      citizen: d.citizen,
      year: d.year,
      countries: d.figures.map((f) => f.geo),
      datasets: [...new Set(d.figures.map((f) => `${f.source.publisher} ${f.source.dataset}`))].sort(compare),
    },
    rate_per_100k: cell.rate.rate,
    ci95: { low: cell.rate.lower, high: cell.rate.upper },
    no_rate_reason: null,
  };
}

function comparisonsOf(figures: Figures, country: string | null, category: string | null, group: RateGroup): ComparisonOut[] {
  return figures.periods.slice(1).map((after, i) => {
    const before = figures.periods[i]!;
    const c = figures.comparison(country, category, i + 1, group);
    return { group, before: before.key, after: after.key, ...comparisonOut(c, figures, country, category, i + 1, group) };
  });
}

function comparisonOut(c: Comparison, figures: Figures, country: string | null, category: string | null, at: number, group: RateGroup) {
  const notes = [...c.notes];
  const before = figures.cell(country, category, at - 1, group).denominator;
  const after = figures.cell(country, category, at, group).denominator;
  const sourcesOf = (d: FigureCell["denominator"]) => [...new Set(d!.figures.map((f) => `${f.source.publisher} ${f.source.dataset}`))].sort(compare).join(", ");
  if (c.basis === "rates" && sourcesOf(before) !== sourcesOf(after))
    notes.push(`the two periods' populations come from different sources (${sourcesOf(before)}; ${sourcesOf(after)})`);
  return {
    basis: c.basis,
    verdict: c.verdict,
    p_value: c.p_value,
    rate_ratio: c.ratio !== null && Number.isFinite(c.ratio) ? c.ratio : null,
    ci95: c.low === null ? null : { low: c.low, high: c.high },
    notes,
    reason: c.reason,
  };
}

function shareOf(period: FigurePeriod, share: UnknownShare): Share {
  const e = share.estimate;
  return {
    period: period.key,
    incidents: share.incidents,
    unknown: share.unknown,
    share: e.share,
    ci95: e.share === null ? null : { low: e.lower, high: e.upper },
  };
}

/** The datasets behind the rows' denominators, each with the series used, for the credits. */
function sourcesOf(used: readonly PopulationFigure[]): AnalysisRates["sources"] {
  const byDataset = new Map<string, AnalysisRates["sources"][number]>();
  for (const figure of used) {
    const { publisher, dataset, title, licence, series, revision, retrieved_at } = figure.source;
    const id = `${publisher}|${dataset}`;
    const entry = byDataset.get(id) ?? { publisher, dataset, title, licence, revision, retrieved_at, series: [] };
    if (!entry.series.includes(series)) entry.series.push(series);
    byDataset.set(id, entry);
  }
  return [...byDataset.values()]
    .map((s) => ({ ...s, series: s.series.sort(compare) }))
    .sort((a, b) => compare(`${a.publisher} ${a.dataset}`, `${b.publisher} ${b.dataset}`));
}
