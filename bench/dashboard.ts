// The dashboard's two figure requests, made as the dashboard page makes them: its filters from an
// empty address (the page as first opened) through its own dashboard-query.ts and the web client's
// queryString, parsed back by the routes' zod schemas, then answered by the analysis service as a
// bureau analyst (the dashboard's usual reader) and serialised to JSON, as the route would send it.
import { analysisQuery } from "../src/modules/analysis/schema.js";
import { ratesQuery } from "../src/modules/analysis/rates-schema.js";
import type { Services } from "../src/context.js";
import type { UserActor } from "../src/modules/auth/actor.js";
import { queryString } from "../src/web/api/query-string.js";
import { analysisQueryOf, dashboardFiltersOf, ratesQueryOf } from "../src/web/pages/dashboard/dashboard-query.js";

export interface DashboardRequest {
  name: string;
  kind: "counts" | "rates";
  /** The query string the page sends, e.g. "?basis=accepted&granularity=year". */
  query: string;
}

/** The page's address → the requests it makes: counts always, rates when the rate view is shown. */
function requestsOf(name: string, address: string): DashboardRequest[] {
  const filters = dashboardFiltersOf(new URLSearchParams(address));
  return [
    { name: `counts ${name}`, kind: "counts", query: queryString({ ...analysisQueryOf(filters) }) },
    { name: `rates ${name}`, kind: "rates", query: queryString({ ...ratesQueryOf({ ...filters, measure: "rate" }) }) },
  ];
}

export const DASHBOARD_REQUESTS: readonly DashboardRequest[] = [...requestsOf("(dashboard as opened)", ""), ...requestsOf("country=DE", "country=DE")];

/** One request answered through the service and serialised; returns the JSON text. */
export function dashboardCall(services: Services, reader: UserActor, request: DashboardRequest): () => Promise<string> {
  const params = Object.fromEntries(new URLSearchParams(request.query));
  if (request.kind === "counts") {
    const query = analysisQuery.parse(params);
    return async () => JSON.stringify(await services.analysis.counts(reader, query));
  }
  const query = ratesQuery.parse(params);
  return async () => JSON.stringify(await services.analysis.rates(reader, query));
}
