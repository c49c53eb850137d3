// Analysis: request and response shapes of the rates (GET /analysis/rates, `analysis.rates`).
// PRODUCT.md §6: a rate per 100,000 carries its denominator (which population, which year, from
// which publisher's dataset and revision) and its exact interval; perpetrators are grouped by
// status as reported so each group meets the population it belongs to (citizens per citizen,
// foreign nationals per foreign resident); `unknown` is never a rate, but its share is always given.
import { z } from "zod";
import { todayUtc } from "../../domain/clock.js";
import { CONDITIONAL_METHOD, GARWOOD_METHOD, HOLM_METHOD, WILSON_METHOD } from "../../domain/stats/index.js";
import { unitsBetween } from "../figures/periods.js";
import { RATE_GROUPS } from "../figures/rules.js";
import { queryList } from "../common/schema.js";
import { analysisFilterFields, basisOutput, windowIssue } from "./schema.js";

export { RATE_GROUP_STATUSES } from "../figures/rules.js";

const RATE_GRANULARITIES = ["year", "quarter", "month", "total"] as const;
export type RateGranularity = (typeof RATE_GRANULARITIES)[number];

export const ratesQuery = z
  .strictObject({
    ...analysisFilterFields,
    granularity: z.enum(RATE_GRANULARITIES).default("year").meta({
      description:
        "`year` (default), `quarter` or `month`: one period per calendar unit, each over the population of its year, each compared with the one before when both are over and whole. `total`: the whole occurred_from..occurred_to window (both required) as one period, over the population of the window's first year.",
    }),
    group: queryList(z.enum(RATE_GROUPS)).optional().meta({
      description:
        "Groups of perpetrators' statuses as reported: `all`, `citizens`, `foreign_nationals`, `unknown` (counts and shares only, never a rate). All four when absent.",
    }),
  })
  .superRefine((query, ctx) => {
    for (const issue of ratesQueryIssues(query, todayUtc())) ctx.addIssue({ code: "custom", ...issue });
  });
export type RatesQuery = z.output<typeof ratesQuery>;

/** The most periods one answer lists (a window from the year 1 would otherwise list 2,000 years). */
const MAX_PERIODS = 60;

/** Rules across the rates' parameters, checked by the schema and again by the service for callers in code. */
export function ratesQueryIssues(
  query: { occurred_from?: string | undefined; occurred_to?: string | undefined; granularity?: RateGranularity },
  today: string,
): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const window = windowIssue(query);
  if (window) issues.push(window);
  const granularity = query.granularity ?? "year";
  if (granularity !== "total" && query.occurred_from && !window) {
    const units = unitsBetween(granularity, query.occurred_from, query.occurred_to ?? today);
    if (units > MAX_PERIODS)
      issues.push({
        path: ["occurred_from"],
        message: `gives ${units} periods; granularity ${granularity} lists at most ${MAX_PERIODS}: start later, or ask for a coarser granularity`,
      });
  }
  if (granularity === "total") {
    for (const end of ["occurred_from", "occurred_to"] as const) {
      if (!query[end]) issues.push({ path: [end], message: "is required when granularity is total: the window is the period" });
    }
  }
  return issues;
}

const citizen = z.enum(["TOTAL", "NAT", "FOR"]).meta({ description: "Eurostat's citizenship code: TOTAL (everyone), NAT (citizens), FOR (foreign citizens)." });
const interval = z.object({ low: z.number(), high: z.number() });
const rateFields = {
  period: z.string(),
  group: z.enum(RATE_GROUPS),
  incidents: z.number().int(),
  rate_per_100k: z.number().nullable(),
  ci95: interval.nullable().meta({ description: "Exact Poisson (Garwood) 95% interval of the rate; null with the rate." }),
  no_rate_reason: z
    .string()
    .nullable()
    .meta({ description: "Why there is no rate (no population figure held, or the `unknown` group); null when there is one." }),
};

/** Which figure a denominator is; the dataset's title and licence are in `sources`, once. */
const populationSource = z.object({
  publisher: z.string(),
  dataset: z.string(),
  series: z.string().meta({ description: "The series' key, e.g. `citizen=FOR,sex=T,...`." }),
  revision: z.number().int(),
  retrieved_at: z.string(),
});

const countryDenominator = z.object({
  value: z.number(),
  citizen,
  year: z.number().int(),
  reference: z.enum(["1 January", "mid-year"]).meta({ description: "The date the population refers to." }),
  flag: z.string().nullable().meta({ description: "The publisher's flag on the figure (b break, e estimated, p provisional, ...)." }),
  source: populationSource,
});

const combinedDenominator = z.object({
  value: z.number().meta({ description: "The sum of the countries' figures (each in `rows`)." }),
  citizen,
  year: z.number().int(),
  countries: z.array(z.string()),
  datasets: z.array(z.string()).meta({ description: "The datasets the figures come from, as `publisher dataset`." }),
});

const unknownShare = {
  period: z.string(),
  incidents: z.number().int().meta({ description: "n: every incident counted in the cell." }),
  unknown: z.number().int().meta({ description: "Of those, incidents with a perpetrator group of unknown status, or none recorded." }),
  share: z.number().nullable(),
  ci95: interval.nullable().meta({ description: "Wilson 95% interval of the share; null when n is 0." }),
};

const comparison = {
  group: z.enum(RATE_GROUPS),
  before: z.string(),
  after: z.string(),
  basis: z
    .enum(["rates", "counts"])
    .nullable()
    .meta({ description: "Rates per person-day, or counts over the days for a category that takes no rate; null when not compared." }),
  verdict: z.enum(["increase", "decrease", "no significant change"]).nullable().meta({
    description:
      "As a single test: an increase or a decrease only when p < 0.05 (the rate ratio's whole interval on one side of 1); null with `reason` when the periods cannot be compared. A document that makes several comparisons adjusts them together (Holm), so its verdicts may be more cautious.",
  }),
  p_value: z.number().nullable().meta({ description: "Two-sided p-value of the exact conditional test, unadjusted; null when not compared." }),
  rate_ratio: z
    .number()
    .nullable()
    .meta({ description: "after / before; null when not compared, when neither period had an incident, or when only `after` had any (infinite: see notes)." }),
  ci95: z
    .object({ low: z.number(), high: z.number().nullable().meta({ description: "null: no upper bound (no incident in the earlier period)." }) })
    .nullable(),
  notes: z.array(z.string()),
  reason: z.string().nullable().meta({ description: "Why the periods were not compared; null when they were." }),
};

export const analysisRates = z.object({
  as_of: z.string().meta({ description: "When the figures were taken (ISO 8601, UTC)." }),
  basis: basisOutput,
  counting: z.string().meta({ description: "How an incident is counted across categories and groups." }),
  granularity: z.enum(RATE_GRANULARITIES),
  window: z.object({ from: z.string().nullable(), to: z.string().nullable() }).meta({ description: "occurred_from and occurred_to as asked." }),
  periods: z.array(
    z.object({
      period: z
        .string()
        .meta({ description: "A year (`2024`), quarter (`2024-Q3`), month (`2024-07`), or the window as `from/to` when granularity is total." }),
      label: z.string().meta({ description: 'The period in words; one not over, or cut by the window, by its days ("1 January to 30 November 2026").' }),
      from: z.string(),
      to: z.string().meta({ description: "The last day counted: the period's end, today when it has not ended, or occurred_to." }),
      days: z.number().int(),
      whole_year: z.boolean().meta({ description: "Whether the period is one whole calendar year that has ended." }),
      complete: z.boolean().meta({ description: "Whether the period is whole and has ended: only complete periods are compared." }),
      rate_unit: z.string().meta({ description: "What a rate over this period is: per 100,000 a year for a complete year, else over its days." }),
      denominator_year: z.number().int(),
    }),
  ),
  denominators: z.string().meta({ description: "How the denominators are chosen, and what a rate over a partial or multi-year period means." }),
  groups: z.array(
    z.object({
      group: z.enum(RATE_GROUPS),
      statuses: z.array(z.string()),
      population: citizen.nullable(),
      description: z.string(),
      caveats: z.array(z.string()).meta({ description: "Where the group and its population do not fit; to be shown with its rates." }),
    }),
  ),
  confidence: z.literal(0.95),
  methods: z.object({
    rate: z.literal(GARWOOD_METHOD),
    share: z.literal(WILSON_METHOD),
    comparison: z.literal(CONDITIONAL_METHOD),
    family: z.literal(HOLM_METHOD),
  }),
  totals: z.object({
    incidents: z.number().int(),
    synthetic: z.number().int().meta({ description: "How many of the counted incidents are synthetic (demo) records." }),
    not_placed: z.number().int().meta({ description: "Incidents in the window dated too loosely to place in one of the periods (see counting); in no row." }),
  }),
  multiple_comparisons: z
    .string()
    .meta({ description: "How many comparisons a reader should expect to be called significant by chance, and how documents adjust for it." }),
  dimensions: z.object({
    countries: z.array(z.string()).meta({ description: "The countries: those named by `country`, or else those with at least one counted incident." }),
    categories: z.array(z.string()).meta({ description: "Top-level categories with at least one counted incident." }),
    periods: z.array(z.string()),
    groups: z.array(z.enum(RATE_GROUPS)),
  }),
  rows: z
    .array(
      z.object({
        country: z.string(),
        category: z.string().nullable().meta({ description: "null: every category, each incident once." }),
        ...rateFields,
        denominator: countryDenominator.nullable(),
      }),
    )
    .meta({
      description:
        "By country × category × group × period: for each country its whole count (category null) and every category it has an incident in, every period and asked-for group, zeros included.",
    }),
  unknown_shares: z.array(z.object({ country: z.string(), category: z.string().nullable(), ...unknownShare })),
  comparisons: z.array(z.object({ country: z.string(), category: z.string().nullable(), ...comparison })).meta({
    description: "Each period against the one before, per country × category × group (granularity year; never for `unknown`).",
  }),
  combined: z
    .object({
      countries: z.array(z.string()),
      scope: z.string(),
      rows: z.array(z.object({ category: z.string().nullable(), ...rateFields, denominator: combinedDenominator.nullable() })),
      unknown_shares: z.array(z.object({ category: z.string().nullable(), ...unknownShare })),
      comparisons: z.array(z.object({ category: z.string().nullable(), ...comparison })),
    })
    .meta({ description: "The same figures over all the countries together: their incidents over the sum of their populations." }),
  sources: z
    .array(
      z.object({
        publisher: z.string(),
        dataset: z.string(),
        title: z.string(),
        licence: z.string().nullable(),
        revision: z.number().int(),
        retrieved_at: z.string(),
        series: z.array(z.string()),
      }),
    )
    .meta({ description: "Every dataset a denominator came from, to credit wherever these rates are shown." }),
});
export type AnalysisRates = z.infer<typeof analysisRates>;
