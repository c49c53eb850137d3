// The dashboard's filters, kept in the URL like the incident list's, and the drill-down from a
// figure to the incident list showing the records behind it.
import type { AnalysisQuery } from "../../api/endpoints.js";
import type { AnalysisCounts } from "../../api/types.js";
import { incidentListHref, monthRange } from "../../lib/incident-query.js";

export interface DashboardFilters {
  occurred_from?: string;
  occurred_to?: string;
  country: string[];
  category: string[];
  migration_status: string[];
  synthetic?: boolean;
  basis: "accepted" | "visible";
  map: "europe" | "world";
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
  const text = params.toString();
  return text ? `/?${text}` : "/";
}

export function analysisQueryOf(filters: DashboardFilters): AnalysisQuery {
  return {
    occurred_from: filters.occurred_from,
    occurred_to: filters.occurred_to,
    country: filters.country,
    category: filters.category,
    migration_status: filters.migration_status,
    synthetic: filters.synthetic,
    basis: filters.basis,
  };
}

/**
 * The incident list of the records behind a figure: the dashboard's filters (the migration-status
 * filter included) narrowed to one country, one month and category, or one migration status.
 */
export function drillDownHref(
  filters: DashboardFilters,
  counts: AnalysisCounts | null,
  narrow: { country?: string; period?: string; category?: string; migration_status?: string },
): string {
  const range = narrow.period ? monthRange(narrow.period) : null;
  const later = (a: string | undefined, b: string | undefined) => (a && b ? (a > b ? a : b) : (a ?? b));
  const earlier = (a: string | undefined, b: string | undefined) => (a && b ? (a < b ? a : b) : (a ?? b));
  return incidentListHref({
    country: narrow.country ? [narrow.country] : filters.country,
    category: narrow.category ? [narrow.category] : filters.category,
    state: counts ? counts.basis.states : [],
    migration_status: narrow.migration_status ? [narrow.migration_status] : filters.migration_status,
    occurred_from: later(filters.occurred_from, range?.from),
    occurred_to: earlier(filters.occurred_to, range?.to),
    synthetic: filters.synthetic,
  });
}
