// Analysis routes: the dashboard's aggregates. Parse, call the service, return what it presents.
import { defineRoute, type RouteSpec } from "../../http/route.js";
import { analysisCounts, analysisQuery } from "./schema.js";
import type { AnalysisService } from "./service.js";

export function analysisRoutes(analysis: AnalysisService): RouteSpec[] {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/analysis/counts",
      summary:
        "Incident counts by month × top-level category × country × perpetrators' migration status as reported (`unknown` always present), over the records you may see; accepted and published records by default",
      tag: "analysis",
      access: "user",
      query: analysisQuery,
      response: analysisCounts,
      errors: [403],
      handler: ({ actor, query }) => analysis.counts(actor, query),
    }),
  ];
}
