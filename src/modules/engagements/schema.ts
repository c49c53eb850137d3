// Zod schemas of the engagements API: a post's meeting, démarche, call or letter with the host
// government (the counterpart as an office, its level and type; the message; the response), its
// follow-up actions, its attachments (files: the files module), the review steps, the bureau's
// "notable" mark, and the list's filters.
import { z } from "zod";
import {
  COUNTERPART_LEVELS,
  ENGAGEMENT_INITIATORS,
  ENGAGEMENT_KINDS,
  ENGAGEMENT_RESPONSES,
  HANDLING_MARKINGS,
  OFFICE_TYPES,
  WORKFLOW_STATES,
} from "../../domain/vocabulary.js";
import { calendarDate, pastDate, postCode, reviewStep, searchText, text, uuid, version } from "../common/schema.js";

const categoryCode = z
  .string()
  .regex(/^[A-Z]{2,3}(\.[A-Z]+)?$/, "must be a taxonomy code such as SV or SV.RAPE")
  .meta({ example: "SE.ORGANISED" });

const counterpart = z
  .strictObject({
    office: text(1, 300).meta({
      description:
        'The office met, with the post held where it matters ("Federal Ministry of the Interior, State Secretary for migration"); never a private person (PRODUCT.md §8).',
      example: "Federal Ministry of the Interior",
    }),
    level: z.enum(COUNTERPART_LEVELS),
    office_type: z.enum(OFFICE_TYPES),
  })
  .meta({ description: "Who the post met: an office, its level and its kind." });

const followUpInput = z
  .strictObject({
    action: text(1, 2000),
    owner_user: uuid.optional().meta({ description: "A user of the engagement's post who owns the action." }),
    owner_role: text(1, 200).optional().meta({ description: 'Or the owner as a role in words ("the political section").' }),
    due_date: calendarDate,
  })
  .refine((f) => (f.owner_user === undefined) !== (f.owner_role === undefined), {
    path: ["owner_user"],
    message: "name the owner: a user of the post (owner_user) or a role in words (owner_role), not both",
  });
export type FollowUpInput = z.output<typeof followUpInput>;

const engagementFields = {
  date: pastDate.meta({ description: "The day it took place (or the letter was sent)." }),
  kind: z.enum(ENGAGEMENT_KINDS),
  counterpart,
  initiated_by: z.enum(ENGAGEMENT_INITIATORS),
  topics: z.array(categoryCode).max(20).meta({ description: "The taxonomy categories it was about." }),
  message: text(1, 20_000).meta({ description: "The message the post delivered." }),
  response: z.enum(ENGAGEMENT_RESPONSES),
  response_text: text(1, 20_000).nullable().meta({ description: "The response in the post's words (none while there is no response yet)." }),
  handling: z.enum(HANDLING_MARKINGS),
};

/** A response "no response yet" has no text. */
function responseConsistent(e: { response?: string | undefined; response_text?: string | null | undefined }): boolean {
  return !(e.response === "no_response_yet" && typeof e.response_text === "string");
}
const responseIssue = { path: ["response_text"], message: 'a response "no response yet" has no text: leave it out or choose how they responded' };

const engagementExample = {
  date: "2026-03-12",
  kind: "demarche",
  counterpart: { office: "Federal Ministry of the Interior", level: "senior_official", office_type: "interior" },
  initiated_by: "post",
  topics: ["SE.ORGANISED", "TIP"],
  message: "Delivered the bureau's concerns on organised sexual exploitation of girls and offered support for victim services.",
  response: "receptive",
  response_text: "The ministry shared its new action plan and asked for examples of victim-support programmes.",
  handling: "SBU",
  follow_ups: [{ action: "Send examples of victim-support programmes", owner_role: "the political section", due_date: "2026-04-15" }],
};

export const engagementInput = z
  .strictObject({
    ...engagementFields,
    topics: engagementFields.topics.default([]),
    response: engagementFields.response.default("no_response_yet"),
    response_text: engagementFields.response_text.default(null),
    handling: engagementFields.handling.default("UNCLASSIFIED"),
    follow_ups: z.array(followUpInput).max(50).default([]),
  })
  .refine(responseConsistent, responseIssue)
  .meta({ example: engagementExample });
export type EngagementInput = z.output<typeof engagementInput>;

export const engagementPatch = z
  .strictObject({ ...engagementFields, version })
  .partial()
  .required({ version: true })
  .refine(responseConsistent, responseIssue)
  .meta({ example: { response: "non_committal", response_text: "The ministry promised an answer after the elections.", version: 1 } });
export type EngagementPatch = z.output<typeof engagementPatch>;

export const engagementTransition = reviewStep("an engagement");
export type EngagementTransition = z.output<typeof engagementTransition>;

export const followUpAdd = z.strictObject({ version, follow_up: followUpInput }).meta({
  example: {
    version: 1,
    follow_up: { action: "Ask for the ministry's figures on reception places", owner_role: "the political section", due_date: "2026-05-01" },
  },
});
export const followUpComplete = z.strictObject({ version }).meta({ example: { version: 1 } });
export const notableInput = z
  .strictObject({ version, notable: z.boolean().meta({ description: "Name it among the notable engagements of the country report." }) })
  .meta({ example: { version: 4, notable: true } });

export const engagementParams = z.strictObject({ id: uuid });
export const attachmentParams = z.strictObject({ id: uuid, file: uuid });
export const attachmentQuery = z.strictObject({
  filename: text(1, 255).optional().meta({
    description: "The file's name as you know it; kept sanitised (no folders, no reserved characters, an extension of its kind).",
    example: "meeting-notes.txt",
  }),
});
/** The attachment the OpenAPI document shows (a plain-text note of the meeting). */
export const attachmentExample = "Notes of the démarche of 12 March 2026 at the Federal Ministry of the Interior.\n";
export const followUpParams = z.strictObject({
  id: uuid,
  number: z.coerce.number("must be a whole number").int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50"),
});

const FOLLOW_UP_FILTERS = ["open", "due", "overdue"] as const;

export const engagementListQuery = z.strictObject({
  post: postCode.optional(),
  from: calendarDate.optional().meta({ description: "Engagements on or after this day." }),
  to: calendarDate.optional().meta({ description: "... and on or before this one." }),
  kind: z.enum(ENGAGEMENT_KINDS).optional(),
  level: z.enum(COUNTERPART_LEVELS).optional(),
  office_type: z.enum(OFFICE_TYPES).optional(),
  response: z.enum(ENGAGEMENT_RESPONSES).optional(),
  state: z.enum(WORKFLOW_STATES).optional(),
  category: categoryCode.optional().meta({ description: "About this category (or one of its subcategories)." }),
  follow_up: z
    .enum(FOLLOW_UP_FILTERS)
    .optional()
    .meta({ description: "With an open follow-up action: any (open), due within 7 days (due), past its due date (overdue)." }),
  q: searchText.optional().meta({ description: "Words in the office, the message or the response." }),
  limit: z.coerce.number("must be a whole number").int("must be a whole number").min(1, "must be at least 1").max(500, "must be at most 500").default(100),
  offset: z.coerce.number("must be a whole number").int("must be a whole number").min(0, "must not be negative").max(1_000_000).default(0),
});
export type EngagementListQuery = z.output<typeof engagementListQuery>;

const followUpOutput = z.object({
  number: z.number().int(),
  action: z.string(),
  owner_user: z.object({ id: z.string(), name: z.string() }).nullable(),
  owner_role: z.string().nullable(),
  due_date: z.string(),
  done: z.boolean(),
  completed_at: z.string().nullable(),
});

export const engagementOutput = z.object({
  id: z.string(),
  post: z.string(),
  post_name: z.string(),
  country: z.string(),
  date: z.string(),
  kind: z.enum(ENGAGEMENT_KINDS),
  counterpart: z.object({ office: z.string(), level: z.enum(COUNTERPART_LEVELS), office_type: z.enum(OFFICE_TYPES) }),
  initiated_by: z.enum(ENGAGEMENT_INITIATORS),
  topics: z.array(z.string()),
  message: z.string(),
  response: z.enum(ENGAGEMENT_RESPONSES),
  response_text: z.string().nullable(),
  handling: z.enum(HANDLING_MARKINGS),
  synthetic: z.boolean().meta({ description: "A demo record: every output that shows it is watermarked as synthetic." }),
  notable: z.boolean(),
  follow_ups: z.array(followUpOutput),
  state: z.enum(WORKFLOW_STATES),
  version: z.number().int(),
  return_comment: z.string().nullable(),
  allowed_actions: z.array(z.string()),
  editable: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  submitted_at: z.string().nullable(),
  cleared_at: z.string().nullable(),
  accepted_at: z.string().nullable(),
});
export type EngagementOutput = z.output<typeof engagementOutput>;
export const engagementList = z.object({ items: z.array(engagementOutput), total: z.number().int() });

/** Who may own a follow-up action of an engagement: the active users of its post, by name. */
export const followUpOwners = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });
