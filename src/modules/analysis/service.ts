// Analysis use cases: counts and rates. Permission first (`analysis.read`), then figures over the
// records the caller may see, by default only the bureau's analysis basis (accepted and published,
// never retracted). Counts carry no rates and point to `rates` (rates.ts), which joins the same
// counts with population denominators and reports intervals.
import type { Kysely } from "kysely";
import { nowIso, todayUtc } from "../../domain/clock.js";
import { earlierDate, laterDate } from "../../domain/dates.js";
import { MIGRATION_STATUSES, type MigrationStatus } from "../../domain/vocabulary.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { analysisRates } from "./rates.js";
import type { PopulationOrder } from "../stats/population.js";
import { analysisSentencing } from "./sentencing.js";
import { analysisHousing } from "./housing.js";
import { DEFAULT_SENTENCING_MINIMUM_N } from "../../domain/stats/sentencing.js";
import { countedIncidentGroups, factsFilterOf, talliedCountFacts, type TalliedFacts } from "../figures/facts.js";
import { calendarPeriods, makePeriod, PLACEMENT_RULE, placeIncident, unitPeriod } from "../figures/periods.js";
import { COUNTING as RULES_COUNTING, hasStatus, incidentCount, type CountedIncident } from "../figures/rules.js";
import { topLevelCategories } from "../reference/index.js";
import { basisOf, type AnalysisCounts, type AnalysisQuery } from "./schema.js";

const COUNTING = `${RULES_COUNTING} The totals and the breakdowns by category, country and status count every incident placed in the window asked for; the monthly figures (periods, cells) count each incident in the month that holds it, so an incident dated only to the year, or to a span of months, is in the totals but in no month (the totals say how many). ${PLACEMENT_RULE}`;

const RATES_NOTE =
  "Counts carry no rates. A rate per 100,000 needs a population for its country and year and a group of perpetrators that population fits (citizens per citizen, foreign nationals per foreign resident), which monthly counts by single status do not have; GET /api/v1/analysis/rates gives rates with their denominators, sources and exact intervals.";

export function analysisService(
  db: Kysely<Database>,
  { sentencingMinimumN = DEFAULT_SENTENCING_MINIMUM_N, populationOrder }: { sentencingMinimumN?: number; populationOrder?: PopulationOrder } = {},
) {
  async function counts(actor: Actor | null, query: AnalysisQuery): Promise<AnalysisCounts> {
    authorize(actor, "analysis.read");
    const filter = factsFilterOf(visibilityOf(actor, "analysis.read"), query);
    const categories = await topLevelCategories(db);
    const [today, asOf] = [todayUtc(), nowIso()];
    // The tallies answer where no breakdown needs an incident's categories and statuses together
    // (the cube, a status filter), the window is on months' edges and no category is filtered;
    // otherwise every counted incident is grouped.
    const projections = query.cells || query.migration_status ? null : await talliedCountFacts(db, filter);
    if (projections) return countsOfProjections(query, projections, categories, today, asOf);
    return countsAnswer(query, await countedIncidentGroups(db, filter), categories, today, asOf);
  }

  return {
    counts,
    /** Rates per 100,000 by country × top-level category × period × group of statuses (rates.ts). */
    rates: analysisRates(db, populationOrder),
    /** Sentences by defendants' status as reported, per country × offence × court level (sentencing.ts). */
    sentencing: analysisSentencing(db, { minimumN: sentencingMinimumN }),
    /** House prices, rents, asylum applications and housing events of one country, on one time axis (housing.ts). */
    housing: analysisHousing(db),
  };
}

export type AnalysisService = ReturnType<typeof analysisService>;

/** The counts from the counted incidents (grouped or one by one, the same answer): pure, so the two can be held together. */
export function countsAnswer(query: AnalysisQuery, facts: readonly CountedIncident[], categories: string[], today: string, asOf: string): AnalysisCounts {
  // The window as one period: an incident must be placed in it to count at all.
  const starts = facts.map((f) => f.occurred_from).sort();
  const from = query.occurred_from ?? starts[0] ?? today;
  const to = query.occurred_to ?? facts.map((f) => f.occurred_to).reduce(laterDate, from);
  const window = [makePeriod("range", "window", from, to, today)];
  const inWindow = facts.filter((f) => placeIncident(f, window) === 0);
  // The breakdown by status is taken without the status filter, so `unknown` is never hidden.
  const statuses = query.migration_status;
  const counted = statuses ? inWindow.filter((f) => statuses.some((s) => hasStatus(f, s))) : inWindow;

  // Whole months from the first incident's to the last one's, gaps included, over the incidents a
  // month can hold (one known only to the year belongs to none, and does not stretch the range).
  const inAMonth = counted.filter((f) => placeIncident(f, [unitPeriod("month", f.occurred_from, today)]) === 0);
  const firstStart = inAMonth.map((f) => f.occurred_from).reduce(earlierDate, "9999-12-31");
  const lastStart = inAMonth.map((f) => f.occurred_from).reduce(laterDate, "0000-01-01");
  const months =
    inAMonth.length === 0 ? [] : calendarPeriods("month", unitPeriod("month", firstStart, today).from, unitPeriod("month", lastStart, today).to, today);
  const monthOf = new Map(counted.map((f) => [f.id, placeIncident(f, months)] as const));
  const monthly = counted.filter((f) => monthOf.get(f.id)! >= 0);
  const periods = months.map((m) => m.key);
  const countBy = (list: readonly CountedIncident[], keysOf: (f: CountedIncident) => string[]) => {
    const map = new Map<string, number>();
    for (const f of list) for (const k of new Set(keysOf(f))) map.set(k, (map.get(k) ?? 0) + (f.weight ?? 1));
    return map;
  };
  const statusesOf = (f: CountedIncident) => (f.statuses.length === 0 ? ["unknown"] : [...f.statuses]);
  const monthKey = (f: CountedIncident) => months[monthOf.get(f.id)!]!.key;
  const byPeriod = countBy(monthly, (f) => [monthKey(f)]);
  const byPeriodCategory = countBy(monthly, (f) => f.categories.map((c) => `${monthKey(f)}|${c}`));
  const byCategory = countBy(counted, (f) => [...f.categories]);
  const byCountry = countBy(counted, (f) => [f.country]);
  const byStatus = countBy(inWindow, statusesOf);
  const unknown = byStatus.get("unknown") ?? 0;

  return {
    as_of: asOf,
    basis: basisOf(query.basis),
    counting: COUNTING,
    period: "month",
    rates: { endpoint: "/api/v1/analysis/rates", note: RATES_NOTE },
    dimensions: {
      periods,
      categories,
      countries: [...byCountry.keys()].sort(compare),
      migration_statuses: [...MIGRATION_STATUSES],
    },
    totals: {
      incidents: incidentCount(counted),
      synthetic: incidentCount(counted.filter((f) => f.synthetic)),
      not_placed_by_month: incidentCount(counted) - incidentCount(monthly),
    },
    migration_status: {
      incidents: incidentCount(inWindow),
      unknown,
      unknown_share: inWindow.length === 0 ? null : unknown / incidentCount(inWindow),
    },
    // The whole cube only when asked for: over a large database it is most of the answer.
    ...(query.cells
      ? { cells: cubeOf(countBy(monthly, (f) => f.categories.flatMap((c) => statusesOf(f).map((s) => `${monthKey(f)}|${c}|${f.country}|${s}`)))) }
      : {}),
    // Every month of the range, empty ones as 0: a chart must not close gaps by itself.
    by_period: periods.map((period) => ({ period, incidents: byPeriod.get(period) ?? 0 })),
    by_period_category: [...byPeriodCategory.entries()]
      .map(([k, incidents]) => {
        const [period, category] = k.split("|") as [string, string];
        return { period, category, incidents };
      })
      .sort((a, b) => compare(a.period, b.period) || compare(a.category, b.category)),
    by_category: [...byCategory.entries()].map(([category, incidents]) => ({ category, incidents })).sort((a, b) => compare(a.category, b.category)),
    by_country: [...byCountry.entries()]
      .map(([country, incidents]) => ({ country, incidents }))
      .sort((a, b) => b.incidents - a.incidents || compare(a.country, b.country)),
    // Every status, `unknown` first and always there, even at 0.
    by_migration_status: ["unknown" as const, ...MIGRATION_STATUSES.filter((s) => s !== "unknown")].map((status) => ({
      migration_status: status,
      incidents: byStatus.get(status) ?? 0,
    })),
  };
}

/**
 * The counts from the three projections of the tallies (figures/facts.ts `talliedCountFacts`): the
 * same `countsAnswer` over each, each breakdown taken from the projection that keeps what it
 * breaks down by. Every projection holds the same incidents with the same dates, so the window and
 * the months are the same in all three. For the answer's parts without a status filter or the cube
 * only (the caller sends the others to `countsAnswer` over the full facts); the test holds both to
 * one answer (analysis/tallied-figures.test.ts).
 */
function countsOfProjections(
  query: AnalysisQuery,
  projections: TalliedFacts & { byStatus: readonly CountedIncident[] },
  categories: string[],
  today: string,
  asOf: string,
): AnalysisCounts {
  const whole = countsAnswer(query, projections.whole, categories, today, asOf);
  const byCategory = countsAnswer(query, projections.byCategory, categories, today, asOf);
  const byStatus = countsAnswer(query, projections.byStatus, categories, today, asOf);
  const incidents = whole.migration_status.incidents;
  const unknown = byStatus.migration_status.unknown;
  return {
    ...whole,
    migration_status: { incidents, unknown, unknown_share: incidents === 0 ? null : unknown / incidents },
    by_period_category: byCategory.by_period_category,
    by_category: byCategory.by_category,
    by_migration_status: byStatus.by_migration_status,
  };
}

/** The month × category × country × status counts as rows, in that order. */
function cubeOf(cells: Map<string, number>): NonNullable<AnalysisCounts["cells"]> {
  return [...cells.entries()]
    .map(([k, incidents]) => {
      const [period, category, country, status] = k.split("|") as [string, string, string, MigrationStatus];
      return { period, category, country, migration_status: status, incidents };
    })
    .sort(
      (a, b) =>
        compare(a.period, b.period) || compare(a.category, b.category) || compare(a.country, b.country) || compare(a.migration_status, b.migration_status),
    );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
