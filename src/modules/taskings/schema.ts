// Zod schemas of the taskings API: a tasking (drafted, issued, amended, closed), its versions, a
// post's response with its answers and linked records, the review steps, and the compliance matrix.
import { z } from "zod";
import { COMPLIANCE_STATUSES, HANDLING_MARKINGS, LINKED_RECORD_KINDS, TASKING_RECURRENCES, TASKING_STATES, WORKFLOW_STATES } from "../../domain/vocabulary.js";
import { calendarDate, postCode, reviewStep, text, uuid, version } from "../common/schema.js";
import { RENDER_FORMATS } from "../reports/schema.js";
import { TARGET_GROUPS } from "./targets.js";

const categoryCode = z
  .string()
  .regex(/^[A-Z]{2,3}(\.[A-Z]+)?$/, "must be a taxonomy code such as SV or SV.RAPE")
  .meta({ example: "SE.ORGANISED" });

const embassy = postCode.refine((v) => v !== "BUREAU", "must be an embassy, not the bureau");

const requirementInput = z.strictObject({
  text: text(1, 4000),
  categories: z.array(categoryCode).max(30).default([]).meta({ description: "The categories the requirement asks about." }),
  statistics: z
    .array(text(1, 200))
    .max(20)
    .default([])
    .meta({ description: "The official statistics it asks for, in words (e.g. convictions by citizenship)." }),
});

const targetsInput = z
  .strictObject({
    posts: z.array(embassy).max(300).default([]),
    groups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length).default([]),
  })
  .refine((t) => t.posts.length + t.groups.length > 0, { path: ["posts"], message: "name at least one post or group of posts" });

const period = z.strictObject({ from: calendarDate, to: calendarDate }).refine((p) => p.from <= p.to, { path: ["to"], message: "must not be before `from`" });

const reference = z
  .string()
  .regex(/^[A-Z]{2,12} \d{1,8}$/, "must be a cable reference such as STATE 123456")
  .meta({ example: "STATE 123456" });

const taskingFields = {
  reference,
  title: text(1, 200),
  handling: z.enum(HANDLING_MARKINGS),
  body: text(1, 20_000).meta({ description: "The tasking's text as sent to posts." }),
  requirements: z.array(requirementInput).min(1, "a tasking asks for at least one thing").max(50),
  period,
  due_date: calendarDate,
  recurrence: z.enum(TASKING_RECURRENCES),
  targets: targetsInput,
};

const taskingExample = {
  reference: "STATE 123456",
  title: "Reporting on crimes and abuses linked to migration",
  handling: "SBU",
  body: "Posts are asked to report on the concerns below for the period covered.",
  requirements: [
    { text: "Organised sexual exploitation of girls: cases, prosecutions, outcomes.", categories: ["SE.ORGANISED"] },
    { text: "Housing acquired or requisitioned for migrant accommodation.", categories: ["HD.ACCOMMODATION"], statistics: ["accommodation capacity"] },
  ],
  period: { from: "2026-01-01", to: "2026-06-30" },
  due_date: "2026-07-31",
  targets: { posts: ["CA"], groups: ["eu"] },
};

// A new tasking's marking and recurrence have defaults; an edit or an amendment changes only what it names.
export const taskingInput = z
  .strictObject({ ...taskingFields, handling: taskingFields.handling.default("UNCLASSIFIED"), recurrence: taskingFields.recurrence.default("none") })
  .meta({ example: taskingExample });
export type TaskingInput = z.output<typeof taskingInput>;

export const taskingPatch = z
  .strictObject({ ...taskingFields, version })
  .partial()
  .required({ version: true })
  .meta({ example: { title: "Reporting on migration-linked crimes (revised)", version: 1 } });
export type TaskingPatch = z.output<typeof taskingPatch>;

export const amendInput = z
  .strictObject({ ...taskingFields, version, note: text(1, 2000).meta({ description: "What the amendment changes, for the posts." }) })
  .partial()
  .required({ version: true, note: true })
  .omit({ reference: true })
  .meta({ example: { due_date: "2026-08-15", note: "Due date extended by two weeks.", version: 2 } });
export type AmendInput = z.output<typeof amendInput>;

export const stepInput = z.strictObject({ version }).meta({ example: { version: 1 } });

const requirementOutput = z.object({ number: z.number().int(), text: z.string(), categories: z.array(z.string()), statistics: z.array(z.string()) });
export type Requirement = z.output<typeof requirementOutput>;

const taskingContent = z.object({
  reference: z.string(),
  title: z.string(),
  handling: z.enum(HANDLING_MARKINGS),
  body: z.string(),
  requirements: z.array(requirementOutput),
  period: z.object({ from: z.string(), to: z.string() }),
  due_date: z.string(),
  recurrence: z.enum(TASKING_RECURRENCES),
  targets: z.array(z.object({ post: z.string(), name: z.string() })),
});
export type TaskingContent = z.output<typeof taskingContent>;

export const taskingOutput = taskingContent.extend({
  id: z.string(),
  state: z.enum(TASKING_STATES),
  synthetic: z.boolean().meta({ description: "A demo tasking: its responses' cables are watermarked as synthetic." }),
  issued_version: z.number().int().meta({ description: "The version posts were sent: 0 for a draft, 1 when issued, one more per amendment." }),
  version: z.number().int(),
  series_of: z.string().nullable(),
  issued_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TaskingOutput = z.output<typeof taskingOutput>;

export const taskingList = z.object({ items: z.array(taskingOutput) });
export const taskingListQuery = z.strictObject({ state: z.enum(TASKING_STATES).optional() });

const taskingVersionOutput = z.object({
  version: z.number().int(),
  note: z.string().nullable(),
  issued_at: z.string(),
  issued_by: z.string(),
  content: taskingContent,
  changed: z.array(z.string()).meta({ description: "The fields this version changed from the one before it (empty for the first)." }),
});
export const taskingVersionList = z.object({ items: z.array(taskingVersionOutput) });

export const taskingIdParams = z.strictObject({ id: uuid });
export const responseParams = z.strictObject({ id: uuid, post: embassy });

const answerInput = z
  .strictObject({
    requirement: z.number().int("must be a whole number").min(1, "must be at least 1").max(50),
    nothing_to_report: z.boolean().default(false),
    narrative: text(1, 20_000).optional(),
  })
  .refine((a) => a.nothing_to_report !== (a.narrative !== undefined), {
    path: ["narrative"],
    message: 'give a narrative, or say "nothing to report" (not both)',
  });

const linkInput = z.strictObject({
  requirement: z.number().int("must be a whole number").min(1, "must be at least 1").max(50),
  kind: z.enum(LINKED_RECORD_KINDS),
  id: uuid,
});

export const responseInput = z
  .strictObject({
    version: version.optional().meta({ description: "The version you read; leave out to start the post's response." }),
    answers: z.array(answerInput).max(50),
    links: z.array(linkInput).max(500).default([]),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<number>();
    r.answers.forEach((a, i) => {
      if (seen.has(a.requirement)) ctx.addIssue({ code: "custom", path: ["answers", i, "requirement"], message: "is answered twice" });
      seen.add(a.requirement);
    });
  })
  .meta({
    example: {
      answers: [
        { requirement: 1, narrative: "Two prosecutions opened in Bavaria; see the linked incidents." },
        { requirement: 2, nothing_to_report: true },
      ],
      links: [{ requirement: 1, kind: "incident", id: "01950000-0000-7000-8000-000000000001" }],
    },
  });
export type ResponseInput = z.output<typeof responseInput>;

export const responseTransition = reviewStep("a response");
export type ResponseTransition = z.output<typeof responseTransition>;

export const responseOutput = z.object({
  id: z.string(),
  tasking_id: z.string(),
  post: z.string(),
  post_name: z.string(),
  state: z.enum(WORKFLOW_STATES),
  version: z.number().int(),
  return_comment: z.string().nullable(),
  answers: z.array(
    z.object({
      requirement: z.number().int(),
      nothing_to_report: z.boolean(),
      narrative: z.string().nullable(),
      links: z.array(z.object({ kind: z.enum(LINKED_RECORD_KINDS), id: z.string() })),
    }),
  ),
  allowed_actions: z.array(z.string()),
  editable: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  submitted_at: z.string().nullable(),
  cleared_at: z.string().nullable(),
  accepted_at: z.string().nullable(),
});
export type ResponseOutput = z.output<typeof responseOutput>;
export const responseList = z.object({ items: z.array(responseOutput) });

export const cableQuery = z.strictObject({ format: z.enum(RENDER_FORMATS).default("txt") });

export const complianceQuery = z.strictObject({
  tasking: uuid.optional(),
  post: embassy.optional(),
  status: z.enum(COMPLIANCE_STATUSES).optional(),
  from: calendarDate.optional().meta({ description: "The on-time rate counts taskings due on or after this date." }),
  to: calendarDate.optional().meta({ description: "... and on or before this one." }),
});
export type ComplianceQuery = z.output<typeof complianceQuery>;

export const complianceOutput = z.object({
  today: z.string(),
  rows: z.array(
    z.object({
      tasking_id: z.string(),
      reference: z.string(),
      title: z.string(),
      due_date: z.string(),
      post: z.string(),
      post_name: z.string(),
      status: z.enum(COMPLIANCE_STATUSES),
      submitted_at: z.string().nullable(),
      cleared_at: z.string().nullable(),
      accepted_at: z.string().nullable(),
      on_time: z.boolean().nullable().meta({ description: "Submitted by the due date; null while neither submitted nor overdue." }),
    }),
  ),
  posts: z.array(
    z.object({
      post: z.string(),
      post_name: z.string(),
      due: z.number().int(),
      on_time: z.number().int(),
      rate: z.number().nullable().meta({ description: "on_time / due, null when nothing was due." }),
    }),
  ),
});
export type ComplianceOutput = z.output<typeof complianceOutput>;

export const complianceExportQuery = complianceQuery.extend({ format: z.enum(["csv", "xlsx"]).default("csv") });
