// Notable cases (issue 13 item 5): a few case outcomes of one country shown side by side — the
// briefing's example is an offence and a related prosecution of someone else for an online insult —
// with each outcome's part in the case in words. Side by side, not compared: one pair of cases
// proves nothing about sentencing in general (NOTABLE_CASE_CAVEAT, which every page and report
// showing one prints: domain/case-words.ts). Request and response shapes.
import { z } from "zod";
import { NOTABLE_CASE_CAVEAT, NOTABLE_CASE_TITLE_RULE } from "../../domain/case-words.js";
import { countryCode, queryBoolean, text, uuid, version } from "../common/schema.js";
import { caseOutcomeOutput } from "./case-outcomes-schema.js";

const linkedOutcome = z.strictObject({
  case_outcome_id: uuid,
  role: text(3, 200).meta({
    description: "The outcome's part in the case, in words: “the original offence”, “the related prosecution”.",
    example: "the original offence",
  }),
});

const outcomes = z
  .array(linkedOutcome)
  .min(2, "a notable case links at least two case outcomes")
  .max(10, "a notable case links at most ten case outcomes")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((o, i) => {
      if (seen.has(o.case_outcome_id)) ctx.addIssue({ code: "custom", path: [i, "case_outcome_id"], message: "is linked twice" });
      seen.add(o.case_outcome_id);
    });
  })
  .meta({ description: "Two or more case outcomes of the notable case's country, in the order they are shown." });

const incidentIds = z
  .array(uuid)
  .max(20, "a notable case links at most twenty incidents")
  .superRefine((list, ctx) => {
    list.forEach((id, i) => {
      if (list.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: [i], message: "is linked twice" });
    });
  })
  .meta({ description: "Incidents the case arose from (only ones the caller may see)." });

const fields = {
  title: text(3, 200).meta({ description: `${NOTABLE_CASE_TITLE_RULE} (PRODUCT.md §8)` }),
  description: text(1, 2000),
  outcomes,
  incident_ids: incidentIds,
};

/** Made-up ids: the OpenAPI test and the matrix put real outcomes of the country in their place. */
export const notableCaseExample = {
  country: "DE",
  title: "Assault at a tram stop and the prosecution of an online insult about it",
  description: "A man was convicted of assault at a tram stop; weeks later a woman was prosecuted for insulting the victim online.",
  outcomes: [
    { case_outcome_id: "0193a1a2-0000-7000-8000-000000000001", role: "the original offence" },
    { case_outcome_id: "0193a1a2-0000-7000-8000-000000000002", role: "the related prosecution" },
  ],
  incident_ids: [],
  synthetic: false,
};

export const notableCaseInput = z
  .strictObject({
    country: countryCode,
    ...fields,
    incident_ids: incidentIds.default([]),
    synthetic: z.boolean().default(false),
  })
  .meta({ example: notableCaseExample });
export type NotableCaseInput = z.output<typeof notableCaseInput>;

/** An edit replaces the fields it names (the outcomes as a whole list); `version` is the one it was based on. */
export const notableCaseEdit = z
  .strictObject(fields)
  .partial()
  .extend({ version })
  .meta({ example: { version: 1, title: "Assault at a tram stop and the later prosecution of an online insult" } });
export type NotableCaseEdit = z.output<typeof notableCaseEdit>;

const reason = text(1, 500).meta({ description: "Why, in a sentence: kept in the audit log with the change." });

export const notableCaseWithdrawal = z
  .strictObject({ version, reason })
  .meta({ example: { version: 1, reason: "Recorded twice: the same case was recorded the day before." } });
export type NotableCaseWithdrawal = z.output<typeof notableCaseWithdrawal>;

/** Removing one outcome's link (kept, marked removed); at least two stay linked. */
export const notableCaseLinkRemoval = z
  .strictObject({ version, case_outcome_id: uuid, reason })
  .meta({ example: { version: 1, case_outcome_id: "0193a1a2-0000-7000-8000-000000000003", reason: "This judgment belongs to another case." } });
export type NotableCaseLinkRemoval = z.output<typeof notableCaseLinkRemoval>;

export const notableCaseIdParams = z.strictObject({ id: uuid });

export const notableCaseListQuery = z.strictObject({
  country: countryCode.optional(),
  withdrawn: queryBoolean.optional().meta({ description: "Only withdrawn (`true`) or only standing (`false`) notable cases; both when absent." }),
});
export type NotableCaseListQuery = z.output<typeof notableCaseListQuery>;

export const notableCaseOutput = z.object({
  id: z.string(),
  country: z.string(),
  title: z.string(),
  description: z.string(),
  outcomes: z.array(
    z.object({
      role: z.string(),
      offence_label: z.string().meta({ description: "The offence's category in words, with its ICCS code." }),
      case_outcome: caseOutcomeOutput.meta({ description: "As it stands: a withdrawn outcome stays linked and is shown as withdrawn." }),
    }),
  ),
  incident_ids: z.array(z.string()).meta({ description: "The linked incidents the caller may see." }),
  synthetic: z.boolean().meta({ description: "True when the case or any outcome it links is synthetic." }),
  caveat: z.string().meta({ description: NOTABLE_CASE_CAVEAT }),
  post: z.string(),
  version: z.number().int(),
  withdrawn: z.object({ at: z.string(), reason: z.string() }).nullable(),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string().nullable(),
});
export type NotableCaseOutput = z.infer<typeof notableCaseOutput>;

export const notableCaseList = z.object({ items: z.array(notableCaseOutput) });
export type NotableCaseList = z.infer<typeof notableCaseList>;
