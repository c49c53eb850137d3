// The incident list's filters live in the URL (?q=…&country=DE&category=SV,HC&state=…&sort=…), so a
// view can be bookmarked, shared, reloaded and reached from the dashboard's drill-downs.
import type { IncidentQuery } from "../api/types.js";
import { MIGRATION_STATUSES, VERIFICATION_STATUSES, WORKFLOW_STATES } from "../../domain/vocabulary.js";

/** The list facets: several values each, comma-separated in the URL. */
const LIST_FACETS = ["country", "category", "state", "verification_status", "migration_status"] as const;
type Facet = (typeof LIST_FACETS)[number];

export type ListFilters = Required<Pick<IncidentQuery, Facet>> &
  Pick<IncidentQuery, "q" | "occurred_from" | "occurred_to" | "synthetic"> & { sort: NonNullable<IncidentQuery["sort"]> };

const SORTS = ["-created", "created", "-occurred", "occurred"] as const;

const list = (query: URLSearchParams, key: string) => (query.get(key) ?? "").split(",").filter((v) => v.length > 0);
/** Values of a closed vocabulary: anything else in a hand-edited URL is dropped rather than sent to fail. */
export const known = <T extends string>(values: readonly string[], vocabulary: readonly T[]): T[] =>
  values.filter((v): v is T => (vocabulary as readonly string[]).includes(v));

export function filtersFromQuery(query: URLSearchParams): ListFilters {
  const sort = query.get("sort");
  const synthetic = query.get("synthetic");
  return {
    q: query.get("q") ?? undefined,
    country: list(query, "country"),
    category: list(query, "category"),
    state: known(list(query, "state"), WORKFLOW_STATES),
    verification_status: known(list(query, "verification_status"), VERIFICATION_STATUSES),
    migration_status: known(list(query, "migration_status"), MIGRATION_STATUSES),
    occurred_from: query.get("occurred_from") ?? undefined,
    occurred_to: query.get("occurred_to") ?? undefined,
    synthetic: synthetic === "true" ? true : synthetic === "false" ? false : undefined,
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as ListFilters["sort"]) : "-created",
  };
}

/** How many filters are set (the search counts as one, each facet as one however many values it has). */
export function activeFilterCount(filters: ListFilters): number {
  const facets = LIST_FACETS.filter((key) => filters[key].length > 0).length;
  const single = [filters.q, filters.occurred_from, filters.occurred_to, filters.synthetic].filter((v) => v !== undefined && v !== "").length;
  return facets + single;
}

/** The URL of the incident list with these filters (defaults left out). */
export function incidentListHref(filters: Partial<ListFilters>): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  for (const key of LIST_FACETS) {
    const values = filters[key];
    if (values && values.length > 0) params.set(key, values.join(","));
  }
  if (filters.occurred_from) params.set("occurred_from", filters.occurred_from);
  if (filters.occurred_to) params.set("occurred_to", filters.occurred_to);
  if (filters.synthetic !== undefined) params.set("synthetic", String(filters.synthetic));
  if (filters.sort && filters.sort !== "-created") params.set("sort", filters.sort);
  const text = params.toString();
  return text ? `/incidents?${text}` : "/incidents";
}

/** The first and last day of a month ("2025-06" → 2025-06-01, 2025-06-30). */
export function monthRange(period: string): { from: string; to: string } {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, "0")}` };
}
