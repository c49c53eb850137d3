// Case outcomes (PRODUCT.md §3), the raw material of sentencing comparisons: what a court decided
// about one defendant, with the offence, the court level and the defendant's migration status as
// reported. Request and response shapes, and the list's cursor.
import { z } from "zod";
import { COURT_LEVELS, MIGRATION_STATUS_BASES, MIGRATION_STATUSES } from "../../domain/vocabulary.js";
import { calendarDate, countryCode, isStorableDate, pastDate, queryBoolean, queryList, sentenceShape, text, uuid, version } from "../common/schema.js";

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

const sentenceFields = z.strictObject(sentenceShape);

/** The fields a case outcome is recorded with and corrected in (a correction names the top-level ones it changes). */
const caseOutcomeFields = {
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
  sentence: sentenceFields.nullable(),
  incident_id: uuid.nullable().meta({ description: "The incident the case arose from, when there is one." }),
};

/** The rule across fields, for a new outcome and for one as a correction leaves it. */
export function caseOutcomeIssues(v: { convicted: boolean; sentence: unknown }): { path: string[]; message: string }[] {
  return !v.convicted && v.sentence !== null ? [{ path: ["sentence"], message: "an acquittal has no sentence" }] : [];
}

export const caseOutcomeInput = z
  .strictObject({
    ...caseOutcomeFields,
    sentence: caseOutcomeFields.sentence.default(null),
    incident_id: caseOutcomeFields.incident_id.default(null),
    synthetic: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    for (const issue of caseOutcomeIssues(v)) ctx.addIssue({ code: "custom", ...issue });
  })
  .meta({ example: caseOutcomeExample });
export type CaseOutcomeInput = z.output<typeof caseOutcomeInput>;

const reason = text(1, 500).meta({ description: "Why, in a sentence: kept in the audit log with the change." });

/** A correction replaces the top-level fields it names; `version` is the version it was based on. */
export const caseOutcomeCorrection = z
  .strictObject(caseOutcomeFields)
  .partial()
  .extend({ version, reason })
  .meta({ example: { version: 1, sentence: { custodial_months: 10, suspended: true }, reason: "The court's written judgment gives ten months." } });
export type CaseOutcomeCorrection = z.output<typeof caseOutcomeCorrection>;

export const caseOutcomeWithdrawal = z
  .strictObject({ version, reason })
  .meta({ example: { version: 1, reason: "Recorded twice: the same judgment is the outcome recorded the day before." } });
export type CaseOutcomeWithdrawal = z.output<typeof caseOutcomeWithdrawal>;

export const caseOutcomeIdParams = z.strictObject({ id: uuid });

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
    withdrawn: queryBoolean.optional().meta({ description: "Only withdrawn (`true`) or only standing (`false`) outcomes; both when absent." }),
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
  external_id: z.string().nullable().meta({ description: "The id an import names it by (unique per country)." }),
  post: z.string().meta({ description: "The post that recorded it (BUREAU for the bureau): its staff and the bureau may correct it." }),
  version: z.number().int(),
  withdrawn: z
    .object({ at: z.string(), reason: z.string() })
    .nullable()
    .meta({ description: "Withdrawn outcomes are kept, and left out of every comparison." }),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string().nullable(),
});
export type CaseOutcomeOutput = z.infer<typeof caseOutcomeOutput>;

export const caseOutcomeList = z.object({ items: z.array(caseOutcomeOutput), next_cursor: z.string().nullable() });
export type CaseOutcomeList = z.infer<typeof caseOutcomeList>;
