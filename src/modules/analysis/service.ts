// Analysis use cases: counts and rates. Permission first (`analysis.read`), then figures over the
// records the caller may see, by default only the bureau's analysis basis (accepted and published,
// never retracted). Counts carry no rates and point to `rates` (rates.ts), which joins the same
// counts with population denominators and reports intervals.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { MIGRATION_STATUSES } from "../../domain/vocabulary.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { analysisRates } from "./rates.js";
import { countIncidents, topLevelCategories, type CountFilters } from "./repo.js";
import { BASIS_STATES, basisOf, type AnalysisCounts, type AnalysisQuery } from "./schema.js";

const COUNTING =
  "Each figure counts distinct incidents. An incident filed under several top-level categories counts once under each, and one whose perpetrator groups have several statuses counts once under each status, so rows of a breakdown may add up to more than the total. An incident with no perpetrator group recorded counts as `unknown`.";

const RATES_NOTE =
  "Counts carry no rates. A rate per 100,000 needs a population for its country and year and a group of perpetrators that population fits (citizens per citizen, foreign nationals per foreign resident), which monthly counts by single status do not have; GET /api/v1/analysis/rates gives rates by year with their denominators, sources and exact intervals.";

export function analysisService(db: Kysely<Database>) {
  async function counts(actor: Actor | null, query: AnalysisQuery): Promise<AnalysisCounts> {
    authorize(actor, "analysis.read");
    const filters: CountFilters = { visibility: visibilityOf(actor, "analysis.read"), states: BASIS_STATES[query.basis], query };
    const anyStatus: CountFilters = { ...filters, ignoreMigrationStatus: true };
    const [cells, byPeriod, byPeriodCategory, byCategory, byCountry, [total], [synthetic], byStatus, [statusTotal], categories] = await Promise.all([
      countIncidents(db, filters, ["period", "category", "country", "migration_status"] as const),
      countIncidents(db, filters, ["period"] as const),
      countIncidents(db, filters, ["period", "category"] as const),
      countIncidents(db, filters, ["category"] as const),
      countIncidents(db, filters, ["country"] as const),
      countIncidents(db, filters, []),
      countIncidents(db, { ...filters, syntheticOnly: true }, []),
      countIncidents(db, anyStatus, ["migration_status"] as const),
      countIncidents(db, anyStatus, []),
      topLevelCategories(db),
    ]);
    const statusCount = new Map(byStatus.map((r) => [r.migration_status, r.incidents]));
    const unknown = statusCount.get("unknown") ?? 0;
    const statusIncidents = statusTotal?.incidents ?? 0;
    const periods = monthsBetween(byPeriod.map((r) => r.period));
    const byPeriodCount = new Map(byPeriod.map((r) => [r.period, r.incidents]));

    return {
      as_of: nowIso(),
      basis: basisOf(query.basis),
      counting: COUNTING,
      period: "month",
      rates: { endpoint: "/api/v1/analysis/rates", note: RATES_NOTE },
      dimensions: {
        periods,
        categories,
        countries: byCountry.map((r) => r.country).sort(),
        migration_statuses: [...MIGRATION_STATUSES],
      },
      totals: { incidents: total?.incidents ?? 0, synthetic: synthetic?.incidents ?? 0 },
      migration_status: {
        incidents: statusIncidents,
        unknown,
        unknown_share: statusIncidents === 0 ? null : unknown / statusIncidents,
      },
      cells: cells
        .map((r) => ({ ...r, migration_status: r.migration_status as (typeof MIGRATION_STATUSES)[number] }))
        .sort((a, b) => compare(a.period, b.period) || compare(a.category, b.category) || compare(a.country, b.country) || compare(a.migration_status, b.migration_status)),
      // Every month of the range, empty ones as 0: a chart must not close gaps by itself.
      by_period: periods.map((period) => ({ period, incidents: byPeriodCount.get(period) ?? 0 })),
      by_period_category: byPeriodCategory.sort((a, b) => compare(a.period, b.period) || compare(a.category, b.category)),
      by_category: byCategory.sort((a, b) => compare(a.category, b.category)),
      by_country: byCountry.sort((a, b) => b.incidents - a.incidents || compare(a.country, b.country)),
      // Every status, `unknown` first and always there, even at 0.
      by_migration_status: ["unknown" as const, ...MIGRATION_STATUSES.filter((s) => s !== "unknown")].map((status) => ({
        migration_status: status,
        incidents: statusCount.get(status) ?? 0,
      })),
    };
  }

  return {
    counts,
    /** Rates per 100,000 by country × top-level category × period × group of statuses (rates.ts). */
    rates: analysisRates(db),
  };
}

export type AnalysisService = ReturnType<typeof analysisService>;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every month (YYYY-MM) from the earliest to the latest given, in order. */
export function monthsBetween(months: string[]): string[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const [firstYear, firstMonth] = sorted[0]!.split("-").map(Number) as [number, number];
  const last = sorted[sorted.length - 1]!;
  const result: string[] = [];
  for (let year = firstYear, month = firstMonth; ; ) {
    const label = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    result.push(label);
    if (label >= last || result.length > 12 * 200) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}
