// Analysis: request and response shapes of the sentencing comparison (GET /analysis/sentencing,
// "two-tiered justice"). PRODUCT.md §6: for the same offence and court level, sentences of
// defendants reported as citizens and as foreign nationals side by side — n, median and IQR of
// custodial months, shares suspended and fined, a Mann–Whitney test — and a refusal with its
// reason when either group is below the minimum n. The rule itself is figures/sentencing.ts.
import { z } from "zod";
import { COURT_LEVELS, MIGRATION_STATUSES } from "../../domain/vocabulary.js";
import { SENTENCING_GROUPS } from "../figures/sentencing.js";
import { countryCode, pastDate, queryBoolean, queryList } from "../common/schema.js";

const offenceCategory = z
  .string()
  .regex(/^[A-Z]{2,3}(\.[A-Z]+)?$/, "must be a taxonomy code such as SV or SV.RAPE")
  .meta({ example: "SV.ASSAULT" });
const iccsCode = z
  .string()
  .regex(/^\d{2,6}$/, "must be an ICCS code such as 03011")
  .meta({ example: "03012" });

export const sentencingQuery = z
  .strictObject({
    country: queryList(countryCode).optional(),
    iccs: queryList(iccsCode).optional().meta({ description: "Offences by ICCS code (exactly; 0301 does not take in 03011)." }),
    offence_category: queryList(offenceCategory).optional().meta({ description: "A taxonomy code matches itself and its subcategories (SV matches SV.RAPE)." }),
    court_level: queryList(z.enum(COURT_LEVELS)).optional(),
    decided_from: pastDate.optional().meta({ description: "Outcomes decided on or after this date." }),
    decided_to: pastDate.optional().meta({ description: "Outcomes decided on or before this date." }),
    synthetic: queryBoolean.optional().meta({ description: "Only synthetic (`true`) or only real (`false`) outcomes; both when absent." }),
  })
  .superRefine((q, ctx) => {
    if (q.decided_from !== undefined && q.decided_to !== undefined && q.decided_to < q.decided_from) {
      ctx.addIssue({ code: "custom", path: ["decided_to"], message: "must not be before decided_from" });
    }
  });
export type SentencingQuery = z.output<typeof sentencingQuery>;

const interval = z.object({ low: z.number(), high: z.number() });
const share = z.object({ count: z.number().int(), share: z.number(), ci95: interval.meta({ description: "Wilson 95% interval." }) });

const groupSummary = z.object({
  group: z.enum(SENTENCING_GROUPS),
  label: z.string(),
  statuses: z.array(z.enum(MIGRATION_STATUSES)).meta({ description: "The defendants' statuses as reported that make the group." }),
  n: z.number().int().meta({ description: "Sentenced defendants in the group." }),
  custodial_months: z
    .object({ median: z.number(), q1: z.number(), q3: z.number(), iqr: z.number(), min: z.number(), max: z.number() })
    .nullable()
    .meta({ description: "Null when the comparison is refused: no figures below the minimum n." }),
  suspended: share.nullable(),
  fined: share.nullable(),
});

const stratum = z.object({
  country: z.string(),
  offence: z.object({ iccs: z.string().nullable(), categories: z.array(z.string()) }),
  court_level: z.enum(COURT_LEVELS),
  outcomes: z.number().int().meta({ description: "Every outcome in this country, offence and court level, whatever its defendant's status." }),
  acquitted: z.number().int(),
  sentence_not_recorded: z.number().int().meta({ description: "Convictions with no sentence recorded: counted, not compared." }),
  sentenced_by_status: z
    .array(z.object({ migration_status: z.enum(MIGRATION_STATUSES), n: z.number().int() }))
    .meta({ description: "Sentenced defendants by status as reported, every status listed (`unknown` always)." }),
  groups: z.array(groupSummary),
  rank_test: z
    .object({
      name: z.string(),
      method: z.string(),
      u: z.number().meta({ description: "U of the citizens' group; the foreign nationals' is n₁·n₂ − U." }),
      p_value: z.number().meta({ description: "Two-sided." }),
      z: z.number().nullable(),
    })
    .nullable(),
  refused: z.boolean(),
  refusal_reason: z.string().nullable().meta({ description: "Why there is no comparison (a group below the minimum n); null when there is one." }),
  synthetic_outcomes: z.number().int(),
});

export const analysisSentencing = z.object({
  as_of: z.string().meta({ description: "When the figures were taken (ISO 8601, UTC)." }),
  rule: z.string().meta({ description: "Which outcomes are compared, and how they are grouped." }),
  minimum_n: z.number().int().meta({ description: "The fewest sentenced defendants a group needs to be compared (SENTENCING_MINIMUM_N, default 10)." }),
  quantile_definition: z.string(),
  rank_test_method: z.string(),
  strata: z.array(stratum),
  synthetic_outcomes: z.number().int().meta({ description: "Synthetic outcomes among those counted: any output with one is watermarked." }),
});
export type AnalysisSentencing = z.infer<typeof analysisSentencing>;
