// Analysis: request and response shapes of the counts (GET /analysis/counts). Counts carry no
// rates: a rate needs a population by country, year and citizenship, a group of statuses that
// population fits, and an interval, which is what GET /analysis/rates answers (rates-schema.ts).
import { z } from "zod";
import { MIGRATION_STATUSES, WORKFLOW_STATES } from "../../domain/vocabulary.js";
import { ANALYSIS_BASES, BASIS_DESCRIPTIONS, BASIS_STATES, type AnalysisBasis } from "../figures/rules.js";
import { countryCode, pastDate, postCode, queryBoolean, queryList } from "../common/schema.js";

const categoryCode = z
  .string()
  .regex(/^[A-Z]{2,3}(\.[A-Z]+)?$/, "must be a taxonomy code such as SV or SV.RAPE")
  .meta({ example: "SV" });

export type { AnalysisBasis } from "../figures/rules.js";

/** The basis as a response states it: its name, the states it counts and what that means. */
export function basisOf(name: AnalysisBasis) {
  return { name, states: [...BASIS_STATES[name]], description: BASIS_DESCRIPTIONS[name] };
}

export const basisOutput = z.object({
  name: z.enum(ANALYSIS_BASES),
  states: z.array(z.enum(WORKFLOW_STATES)),
  description: z.string(),
});

/** The filters counts and rates share: which incidents are counted. */
export const analysisFilterFields = {
  occurred_from: pastDate.optional().meta({ description: "Incidents whose window ends on or after this date." }),
  occurred_to: pastDate.optional().meta({ description: "Incidents whose window starts on or before this date." }),
  country: queryList(countryCode).optional(),
  post: queryList(postCode).optional(),
  category: queryList(categoryCode).optional().meta({ description: "A code matches itself and its subcategories (SV matches SV.RAPE)." }),
  synthetic: queryBoolean.optional().meta({ description: "Only synthetic (`true`) or only real (`false`) records; both when absent." }),
  basis: z.enum(ANALYSIS_BASES).default("accepted").meta({
    description:
      "`accepted` (default): accepted and published records, retracted ones excluded — the bureau's analysis basis. `visible`: every record you may see in any state but retracted.",
  }),
};

/** An occurrence window that ends before it starts is refused, naming `occurred_to`. */
export function windowIssue(query: { occurred_from?: string | undefined; occurred_to?: string | undefined }): { path: string[]; message: string } | null {
  return query.occurred_from && query.occurred_to && query.occurred_to < query.occurred_from
    ? { path: ["occurred_to"], message: "must not be before occurred_from" }
    : null;
}

export const analysisQuery = z
  .strictObject({
    ...analysisFilterFields,
    migration_status: queryList(z.enum(MIGRATION_STATUSES)).optional().meta({
      description:
        "Perpetrators' migration status as reported: incidents with at least one perpetrator group of these statuses (an incident with no group counts as `unknown`). The breakdown by status ignores this filter, so `unknown` is always shown.",
    }),
    cells: queryBoolean.default(false).meta({
      description:
        "`true`: also answer `cells`, the whole month × category × country × status cube (one row for each combination with at least one incident: tens of thousands of rows over a large database). Left out by default; the breakdowns cover what the dashboard shows.",
    }),
  })
  .superRefine((query, ctx) => {
    const issue = windowIssue(query);
    if (issue) ctx.addIssue({ code: "custom", ...issue });
  });
export type AnalysisQuery = z.output<typeof analysisQuery>;

const countRow = { incidents: z.number().int() };

export const analysisCounts = z.object({
  as_of: z.string().meta({ description: "When the counts were taken (ISO 8601, UTC)." }),
  basis: basisOutput,
  counting: z.string().meta({ description: "How an incident is counted across categories and perpetrator groups." }),
  period: z.literal("month"),
  rates: z
    .object({ endpoint: z.literal("/api/v1/analysis/rates"), note: z.string() })
    .meta({ description: "Counts carry no rates; rates per 100,000 with their denominators and intervals are at `endpoint`." }),
  dimensions: z.object({
    periods: z.array(z.string()).meta({ description: "Every month (YYYY-MM) from the first to the last counted, gaps included." }),
    categories: z.array(z.string()).meta({ description: "Top-level categories of the current taxonomy." }),
    countries: z.array(z.string()).meta({ description: "Countries with at least one counted incident." }),
    migration_statuses: z.array(z.enum(MIGRATION_STATUSES)).meta({ description: "Every status, `unknown` included." }),
  }),
  totals: z.object({
    incidents: z.number().int(),
    synthetic: z.number().int().meta({ description: "How many of the counted incidents are synthetic (demo) records." }),
    not_placed_by_month: z.number().int().meta({
      description: "Counted incidents dated too loosely to place in one month (only to the year, or to a span of months): in the totals, in no monthly figure.",
    }),
  }),
  migration_status: z
    .object({
      incidents: z.number().int().meta({ description: "Incidents counted under every filter but `migration_status`." }),
      unknown: z.number().int().meta({ description: "Of those, incidents with a perpetrator group of unknown status, or none recorded." }),
      unknown_share: z.number().nullable().meta({ description: "unknown / incidents; null when nothing is counted." }),
    })
    .meta({ description: "How much is unknown, whatever statuses are selected: `by_migration_status` is taken the same way." }),
  cells: z
    .array(z.object({ period: z.string(), category: z.string(), country: z.string(), migration_status: z.enum(MIGRATION_STATUSES), ...countRow }))
    .optional()
    .meta({ description: "Only when asked for with `cells=true`: counts by month × category × country × status, combinations with no incident left out." }),
  by_period: z.array(z.object({ period: z.string(), ...countRow })),
  by_period_category: z.array(z.object({ period: z.string(), category: z.string(), ...countRow })),
  by_category: z.array(z.object({ category: z.string(), ...countRow })),
  by_country: z.array(z.object({ country: z.string(), ...countRow })),
  by_migration_status: z.array(z.object({ migration_status: z.enum(MIGRATION_STATUSES), ...countRow })),
});
export type AnalysisCounts = z.infer<typeof analysisCounts>;
