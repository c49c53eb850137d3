// Analysis routes: counts and rates, for the dashboard and reports. Parse, call the service, return what it presents.
import { defineRoute, type RouteTable } from "../../http/route.js";
import { analysisRates, ratesQuery } from "./rates-schema.js";
import { analysisCounts, analysisQuery } from "./schema.js";
import { analysisSentencing, sentencingQuery } from "./sentencing-schema.js";
import { analysisHousing, housingQuery } from "./housing-schema.js";
import type { AnalysisService } from "./service.js";

export function analysisRoutes(analysis: AnalysisService) {
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
    defineRoute({
      method: "GET",
      url: "/api/v1/analysis/rates",
      summary:
        "Incidents per 100,000 by country × top-level category × year, quarter or month (or the whole window) × group of perpetrators' statuses as reported (all, citizens, foreign nationals; `unknown` as counts and shares), each with its population denominator and source, an exact Poisson 95% interval, the unknown share with its Wilson interval, and each complete period compared with the one before (with its p-value)",
      tag: "analysis",
      access: "user",
      query: ratesQuery,
      response: analysisRates,
      errors: [403],
      handler: ({ actor, query }) => analysis.rates(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/analysis/sentencing",
      summary:
        "Sentences compared by defendants' migration status as reported (citizens and foreign nationals), per country × offence (ICCS) × court level: n, median and interquartile range of custodial months, shares suspended and fined with Wilson intervals, a two-sided Mann–Whitney test; refused, with the reason, when either group has fewer sentenced defendants than the minimum n",
      tag: "analysis",
      access: "user",
      query: sentencingQuery,
      response: analysisSentencing,
      errors: [403],
      handler: ({ actor, query }) => analysis.sentencing(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/analysis/housing",
      summary:
        "Housing and displacement indicators of one country on one time axis: house-price and rent indices held (nominal or real, each with its base year), asylum applications and reception figures where held, each in its own unit with its publisher; and the country's housing and displacement (HD) incidents by year, accepted and published. No series is related to another",
      tag: "analysis",
      access: "user",
      query: housingQuery,
      response: analysisHousing,
      errors: [403],
      handler: ({ actor, query }) => analysis.housing(actor, query),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type AnalysisRoutes = RouteTable<ReturnType<typeof analysisRoutes>>;
