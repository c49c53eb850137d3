// The dashboard's filters and view (counts or rates, and the year the map shows rates for), kept in
// the URL like the incident list's, and the drill-down from a figure to the incident list showing
// the records behind it.
import type { AnalysisQuery, RatesQuery } from "../../api/types.js";
import { MIGRATION_STATUSES, WORKFLOW_STATES } from "../../../domain/vocabulary.js";
import { incidentListHref, known, monthRange } from "../../lib/incident-query.js";

export interface DashboardFilters {
  occurred_from?: string;
  occurred_to?: string;
  country: string[];
  category: string[];
  migration_status: string[];
  synthetic?: boolean;
  basis: "accepted" | "visible";
  map: "europe" | "world";
  /** Counts, or rates per 100,000 with their intervals. */
  measure: "count" | "rate";
  /** The year the map, the country table and the group table show rates for (the latest with a rate when absent). */
  year?: string;
}

const list = (query: URLSearchParams, key: string) => (query.get(key) ?? "").split(",").filter((v) => v.length > 0);

export function dashboardFiltersOf(query: URLSearchParams): DashboardFilters {
  const synthetic = query.get("synthetic");
  return {
    occurred_from: query.get("occurred_from") ?? undefined,
    occurred_to: query.get("occurred_to") ?? undefined,
    country: list(query, "country"),
    category: list(query, "category"),
    migration_status: list(query, "migration_status"),
    synthetic: synthetic === "true" ? true : synthetic === "false" ? false : undefined,
    basis: query.get("basis") === "visible" ? "visible" : "accepted",
    map: query.get("map") === "world" ? "world" : "europe",
    measure: query.get("measure") === "rate" ? "rate" : "count",
    year: /^\d{4}$/.test(query.get("year") ?? "") ? query.get("year")! : undefined,
  };
}

export function dashboardHref(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  if (filters.occurred_from) params.set("occurred_from", filters.occurred_from);
  if (filters.occurred_to) params.set("occurred_to", filters.occurred_to);
  for (const key of ["country", "category", "migration_status"] as const) if (filters[key].length > 0) params.set(key, filters[key].join(","));
  if (filters.synthetic !== undefined) params.set("synthetic", String(filters.synthetic));
  if (filters.basis !== "accepted") params.set("basis", filters.basis);
  if (filters.map !== "europe") params.set("map", filters.map);
  if (filters.measure !== "count") params.set("measure", filters.measure);
  if (filters.year && filters.measure === "rate") params.set("year", filters.year);
  const text = params.toString();
  return text ? `/?${text}` : "/";
}

export function analysisQueryOf(filters: DashboardFilters): AnalysisQuery {
  return {
    occurred_from: filters.occurred_from,
    occurred_to: filters.occurred_to,
    country: filters.country,
    category: filters.category,
    migration_status: known(filters.migration_status, MIGRATION_STATUSES),
    synthetic: filters.synthetic,
    basis: filters.basis,
  };
}

/** The rates behind the rate view: by year, every group (the migration-status filter is for counts). */
export function ratesQueryOf(filters: DashboardFilters): RatesQuery {
  return {
    occurred_from: filters.occurred_from,
    occurred_to: filters.occurred_to,
    country: filters.country,
    category: filters.category,
    synthetic: filters.synthetic,
    basis: filters.basis,
    granularity: "year",
  };
}

/**
 * The incident list of the records behind a figure: the dashboard's filters (the migration-status
 * filter included) narrowed to one country, one month or year and category, or migration statuses.
 * `figures` is the answer the figure came from, whose basis names the workflow states counted.
 */
export function drillDownHref(
  filters: DashboardFilters,
  figures: { basis: { states: readonly string[] } } | null,
  narrow: { country?: string; period?: string; year?: string; category?: string; migration_status?: string | readonly string[] },
): string {
  const range = narrow.period ? monthRange(narrow.period) : narrow.year ? { from: `${narrow.year}-01-01`, to: `${narrow.year}-12-31` } : null;
  const statuses =
    narrow.migration_status === undefined
      ? filters.migration_status
      : typeof narrow.migration_status === "string"
        ? [narrow.migration_status]
        : [...narrow.migration_status];
  const later = (a: string | undefined, b: string | undefined) => (a && b ? (a > b ? a : b) : (a ?? b));
  const earlier = (a: string | undefined, b: string | undefined) => (a && b ? (a < b ? a : b) : (a ?? b));
  return incidentListHref({
    country: narrow.country ? [narrow.country] : filters.country,
    category: narrow.category ? [narrow.category] : filters.category,
    state: figures ? known(figures.basis.states, WORKFLOW_STATES) : [],
    migration_status: known(statuses, MIGRATION_STATUSES),
    occurred_from: later(filters.occurred_from, range?.from),
    occurred_to: earlier(filters.occurred_to, range?.to),
    synthetic: filters.synthetic,
  });
}
