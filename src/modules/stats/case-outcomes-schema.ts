// Case outcomes (PRODUCT.md §3), the raw material of sentencing comparisons: what a court decided
// about one defendant, with the offence, the court level and the defendant's migration status as
// reported. Request and response shapes, and the list's cursor.
import { z } from "zod";
import { COURT_LEVELS, MIGRATION_STATUS_BASES, MIGRATION_STATUSES } from "../../domain/vocabulary.js";
import { calendarDate, countryCode, isStorableDate, pastDate, queryBoolean, queryList, text, uuid } from "../common/schema.js";

const offenceCategory = z
  .string()
  .regex(/^[A-Z]{2,3}(\.[A-Z]+)?$/, "must be a taxonomy code such as SV or SV.RAPE")
  .meta({ example: "SV.ASSAULT" });

export const caseOutcomeExample = {
  country: "DE",
  offence: { category: "SV.ASSAULT" },
  court_level: "first_instance",
  decision_date: "2025-03-12",
  defendant: { migration_status: "unknown", basis: null },
  convicted: true,
  sentence: { custodial_months: 8, suspended: true, fine: null, other: "Two years' probation" },
  incident_id: null,
  synthetic: false,
};

export const caseOutcomeInput = z
  .strictObject({
    country: countryCode,
    offence: z.strictObject({
      category: offenceCategory,
      iccs: z
        .string()
        .regex(/^\d{2,6}$/, "must be an ICCS code such as 03011")
        .optional()
        .meta({ description: "Defaults to the category's ICCS code." }),
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
        fine: z
          .strictObject({ amount: z.number().min(0).max(1e9), currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR") })
          .nullable()
          .default(null),
        other: text(1, 500).nullable().default(null),
      })
      .nullable()
      .default(null),
    incident_id: uuid.nullable().default(null).meta({ description: "The incident the case arose from, when there is one." }),
    synthetic: z.boolean().default(false),
  })
  .refine((v) => v.convicted || v.sentence === null, { message: "an acquittal has no sentence", path: ["sentence"] })
  .meta({ example: caseOutcomeExample });
export type CaseOutcomeInput = z.output<typeof caseOutcomeInput>;

/** The list's order is decision date then id, newest first; a cursor is the last item's pair. */
export interface CaseOutcomeCursor {
  date: string;
  id: string;
}

export function encodeCaseOutcomeCursor(c: CaseOutcomeCursor): string {
  return Buffer.from(JSON.stringify([c.date, c.id]), "utf8").toString("base64url");
}

export function decodeCaseOutcomeCursor(cursor: string): CaseOutcomeCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [date, id] = parsed as unknown[];
  if (typeof date !== "string" || !isStorableDate(date) || typeof id !== "string" || !uuid.safeParse(id).success) return null;
  return { date, id };
}

export const caseOutcomeListQuery = z
  .strictObject({
    country: queryList(countryCode).optional(),
    offence_category: queryList(offenceCategory).optional().meta({ description: "A code matches itself and its subcategories (SV matches SV.RAPE)." }),
    court_level: queryList(z.enum(COURT_LEVELS)).optional(),
    defendant_migration_status: queryList(z.enum(MIGRATION_STATUSES)).optional().meta({ description: "The defendant's migration status as reported." }),
    decided_from: calendarDate.optional(),
    decided_to: calendarDate.optional(),
    synthetic: queryBoolean.optional().meta({ description: "Only synthetic (`true`) or only real (`false`) outcomes; both when absent." }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().meta({ description: "`next_cursor` of the previous page, with the same filters." }),
  })
  .superRefine((q, ctx) => {
    if (q.decided_from !== undefined && q.decided_to !== undefined && q.decided_to < q.decided_from) {
      ctx.addIssue({ code: "custom", path: ["decided_to"], message: "must not be before decided_from" });
    }
    if (q.cursor !== undefined && decodeCaseOutcomeCursor(q.cursor) === null) {
      ctx.addIssue({ code: "custom", path: ["cursor"], message: "is not a cursor from this listing; start again without it" });
    }
  });
export type CaseOutcomeListQuery = z.output<typeof caseOutcomeListQuery>;

export const caseOutcomeOutput = z.object({
  id: z.string(),
  country: z.string(),
  offence: z.object({ category: z.string(), iccs: z.string().nullable() }),
  court_level: z.enum(COURT_LEVELS),
  decision_date: z.string(),
  defendant: z.object({ migration_status: z.enum(MIGRATION_STATUSES), basis: z.enum(MIGRATION_STATUS_BASES).nullable() }),
  convicted: z.boolean(),
  sentence: z
    .object({
      custodial_months: z.number().nullable(),
      suspended: z.boolean().nullable(),
      fine: z.object({ amount: z.number(), currency: z.string() }).nullable(),
      other: z.string().nullable(),
    })
    .nullable(),
  incident_id: z.string().nullable(),
  synthetic: z.boolean(),
  created_by: z.string(),
  created_at: z.string(),
});
export type CaseOutcomeOutput = z.infer<typeof caseOutcomeOutput>;

export const caseOutcomeList = z.object({ items: z.array(caseOutcomeOutput), next_cursor: z.string().nullable() });
export type CaseOutcomeList = z.infer<typeof caseOutcomeList>;
