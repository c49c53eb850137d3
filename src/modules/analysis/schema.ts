// Analysis: request and response shapes of the dashboard's aggregates. Counts only for now; every
// row carries `rate_per_100k` (null) and the response says why, so rates can be added when the
// population denominators are imported without changing the shape clients read.
import { z } from "zod";
import { MIGRATION_STATUSES, WORKFLOW_STATES } from "../../domain/vocabulary.js";
import { countryCode, pastDate, postCode, queryBoolean, queryList } from "../common/schema.js";

const categoryCode = z
  .string()
  .regex(/^[A-Z]{2,3}(\.[A-Z]+)?$/, "must be a taxonomy code such as SV or SV.RAPE")
  .meta({ example: "SV" });

/** Which records are counted: the bureau's analysis basis, or everything the caller may see. */
export const ANALYSIS_BASES = ["accepted", "visible"] as const;
export type AnalysisBasis = (typeof ANALYSIS_BASES)[number];

/** The states each basis counts. Retracted records are never counted; drafts only on `visible`. */
export const BASIS_STATES: Record<AnalysisBasis, readonly (typeof WORKFLOW_STATES)[number][]> = {
  accepted: ["accepted", "published"],
  visible: ["draft", "submitted", "cleared", "accepted", "published", "returned"],
};

export const analysisQuery = z
  .strictObject({
    occurred_from: pastDate.optional().meta({ description: "Incidents whose window ends on or after this date." }),
    occurred_to: pastDate.optional().meta({ description: "Incidents whose window starts on or before this date." }),
    country: queryList(countryCode).optional(),
    post: queryList(postCode).optional(),
    category: queryList(categoryCode).optional().meta({ description: "A code matches itself and its subcategories (SV matches SV.RAPE)." }),
    migration_status: queryList(z.enum(MIGRATION_STATUSES)).optional().meta({
      description: "Perpetrators' migration status as reported: incidents with at least one perpetrator group of these statuses (an incident with no group counts as `unknown`). The breakdown by status ignores this filter, so `unknown` is always shown.",
    }),
    synthetic: queryBoolean.optional().meta({ description: "Only synthetic (`true`) or only real (`false`) records; both when absent." }),
    basis: z.enum(ANALYSIS_BASES).default("accepted").meta({
      description: "`accepted` (default): accepted and published records, retracted ones excluded — the bureau's analysis basis. `visible`: every record you may see in any state but retracted.",
    }),
  })
  .superRefine((query, ctx) => {
    if (query.occurred_from && query.occurred_to && query.occurred_to < query.occurred_from) {
      ctx.addIssue({ code: "custom", path: ["occurred_to"], message: "must not be before occurred_from" });
    }
  });
export type AnalysisQuery = z.output<typeof analysisQuery>;

const rate = z.number().nullable().meta({ description: "Incidents per 100,000 residents; null until population denominators are imported." });

const countRow = { incidents: z.number().int(), rate_per_100k: rate };

export const analysisCounts = z.object({
  as_of: z.string().meta({ description: "When the counts were taken (ISO 8601, UTC)." }),
  basis: z.object({
    name: z.enum(ANALYSIS_BASES),
    states: z.array(z.enum(WORKFLOW_STATES)),
    description: z.string(),
  }),
  counting: z.string().meta({ description: "How an incident is counted across categories and perpetrator groups." }),
  period: z.literal("month"),
  rates: z.object({
    available: z.boolean(),
    reason: z.string().nullable(),
  }),
  dimensions: z.object({
    periods: z.array(z.string()).meta({ description: "Every month (YYYY-MM) from the first to the last counted, gaps included." }),
    categories: z.array(z.string()).meta({ description: "Top-level categories of the current taxonomy." }),
    countries: z.array(z.string()).meta({ description: "Countries with at least one counted incident." }),
    migration_statuses: z.array(z.enum(MIGRATION_STATUSES)).meta({ description: "Every status, `unknown` included." }),
  }),
  totals: z.object({
    incidents: z.number().int(),
    synthetic: z.number().int().meta({ description: "How many of the counted incidents are synthetic (demo) records." }),
  }),
  migration_status: z
    .object({
      incidents: z.number().int().meta({ description: "Incidents counted under every filter but `migration_status`." }),
      unknown: z.number().int().meta({ description: "Of those, incidents with a perpetrator group of unknown status, or none recorded." }),
      unknown_share: z.number().nullable().meta({ description: "unknown / incidents; null when nothing is counted." }),
    })
    .meta({ description: "How much is unknown, whatever statuses are selected: `by_migration_status` is taken the same way." }),
  cells: z.array(
    z.object({ period: z.string(), category: z.string(), country: z.string(), migration_status: z.enum(MIGRATION_STATUSES), ...countRow }),
  ),
  by_period: z.array(z.object({ period: z.string(), ...countRow })),
  by_period_category: z.array(z.object({ period: z.string(), category: z.string(), ...countRow })),
  by_category: z.array(z.object({ category: z.string(), ...countRow })),
  by_country: z.array(z.object({ country: z.string(), ...countRow })),
  by_migration_status: z.array(z.object({ migration_status: z.enum(MIGRATION_STATUSES), ...countRow })),
});
export type AnalysisCounts = z.infer<typeof analysisCounts>;
