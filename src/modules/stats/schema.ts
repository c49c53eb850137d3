// Shapes of the statistics module: queries over observations, what an import reports, the
// population denominator's answer, and case outcomes (PRODUCT.md §3) for sentencing comparisons.
import { z } from "zod";
import { MIGRATION_STATUS_BASES, MIGRATION_STATUSES } from "../../domain/vocabulary.js";
import { calendarDate, countryCode, pastDate, text, uuid } from "../common/schema.js";

export const geoCode = z.string().regex(/^[A-Z0-9][A-Za-z0-9_-]{1,19}$/, "must be a geo code such as DE, EU27_2020 or UKC-L");
export const periodText = z.string().regex(/^\d{4}(-(Q[1-4]|S[12]|W\d{2}|\d{2}|\d{2}-\d{2}))?$/, "must be a period such as 2011, 2011-Q1 or 2011-01");

export const observationQuery = z.strictObject({
  dataset: text(1, 100),
  publisher: text(1, 100).optional(),
  geo: geoCode.optional(),
  period: periodText.optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(1000),
});
export type ObservationQuery = z.infer<typeof observationQuery>;

export interface ObservationOutput {
  dataset: string;
  series: string;
  dimensions: Record<string, string>;
  labels: Record<string, string>;
  unit: string | null;
  geo: string;
  geo_kind: string;
  period: string;
  value: number;
  flag: string | null;
}

export interface DatasetSummary {
  id: string;
  publisher: string;
  code: string;
  title: string;
  licence: string | null;
  url: string | null;
  retrieved_at: string;
  revision: number;
  last_update: string | null;
  series: number;
  observations: number;
}

export interface Rejection {
  at: string;
  reason: string;
}

export interface ImportReport {
  file: string;
  format: string;
  dataset: { id: string; publisher: string; code: string; title: string; revision: number; previous_revision: number | null; last_update: string | null } | null;
  added: number;
  updated: number;
  unchanged: number;
  /** Rows without a value (`:` or empty): not stored, never zero. */
  missing: number;
  rejected: number;
  /** The first rejections (at most MAX_REPORTED_REJECTIONS), each with where and why. */
  rejections: Rejection[];
  /** Whether anything was accepted; when not, nothing was written. */
  imported: boolean;
}

export const MAX_REPORTED_REJECTIONS = 1000;

export interface PopulationAnswer {
  geo: string;
  year: number;
  citizen: string;
  value: number;
  flag: string | null;
  /** Which figure: Eurostat's population on 1 January, or the World Bank's mid-year estimate. */
  reference: "1 January" | "mid-year";
  source: { publisher: string; dataset: string; title: string; licence: string | null; series: string; revision: number; retrieved_at: string };
}

export const COURT_LEVELS = ["first_instance", "appeal", "supreme", "other"] as const;

export const caseOutcomeInput = z.strictObject({
  country: countryCode,
  offence: z.strictObject({
    category: z.string().regex(/^[A-Z]{2,3}(\.[A-Z]+)?$/, "must be a taxonomy code such as SV.RAPE"),
    iccs: z.string().regex(/^\d{2,6}$/, "must be an ICCS code such as 03011").optional().meta({ description: "Defaults to the category's ICCS code." }),
  }),
  court_level: z.enum(COURT_LEVELS),
  decision_date: pastDate,
  defendant: z.strictObject({
    migration_status: z.enum(MIGRATION_STATUSES).default("unknown").meta({ description: "As reported; never inferred." }),
    basis: z.enum(MIGRATION_STATUS_BASES).nullable().default(null),
  }),
  convicted: z.boolean(),
  sentence: z
    .strictObject({
      custodial_months: z.number().min(0).max(1200).nullable().default(null),
      suspended: z.boolean().nullable().default(null),
      fine: z.strictObject({ amount: z.number().min(0).max(1e9), currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR") }).nullable().default(null),
      other: text(1, 500).nullable().default(null),
    })
    .nullable()
    .default(null),
  incident_id: uuid.nullable().default(null),
  synthetic: z.boolean().default(false),
}).refine((v) => v.convicted || v.sentence === null, { message: "an acquittal has no sentence", path: ["sentence"] });
export type CaseOutcomeInput = z.input<typeof caseOutcomeInput>;

export const caseOutcomeQuery = z.strictObject({
  country: countryCode.optional(),
  offence_category: z.string().optional(),
  court_level: z.enum(COURT_LEVELS).optional(),
  decided_from: calendarDate.optional(),
  decided_to: calendarDate.optional(),
});
export type CaseOutcomeQuery = z.infer<typeof caseOutcomeQuery>;

export interface CaseOutcomeOutput {
  id: string;
  country: string;
  offence: { category: string; iccs: string | null };
  court_level: string;
  decision_date: string;
  defendant: { migration_status: string; basis: string | null };
  convicted: boolean;
  sentence: { custodial_months: number | null; suspended: boolean | null; fine: { amount: number; currency: string } | null; other: string | null } | null;
  incident_id: string | null;
  synthetic: boolean;
  created_by: string;
  created_at: string;
}
