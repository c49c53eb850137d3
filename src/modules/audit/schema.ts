// Audit log: the list query, the event and the verification result as the API shows them.
import { z } from "zod";
import { isStorableDate, text, uuid } from "../common/schema.js";
import { CHAIN_PROBLEMS } from "./verify.js";

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+ -]\d{2}:\d{2}))?$/;
const FIRST_INSTANT = utcDay(1, 1, 1);
const LAST_INSTANT = utcDay(9999, 12, 31) + 86_400_000 - 1;

/** Midnight UTC of a day, in milliseconds (`Date.UTC` would read the years 0-99 as 1900-1999). */
function utcDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/**
 * The time window a date or timestamp names, in milliseconds: a date is its whole UTC day, a
 * timestamp its millisecond. Computed here rather than by `Date.parse`, which rolls 2025-02-30
 * over into March and reads a timestamp without a zone in the host's zone.
 */
function instantWindow(value: string): { start: number; end: number } | null {
  const m = INSTANT.exec(value);
  if (!m || !isStorableDate(m[1]!)) return null;
  const [y, mo, d] = m[1]!.split("-").map(Number) as [number, number, number];
  const day = utcDay(y, mo, d);
  if (m[2] === undefined) return { start: day, end: day + 86_400_000 - 1 };
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  let offset = 0;
  if (m[6] !== "Z") {
    const [oh, om] = m[6]!.slice(1).split(":").map(Number) as [number, number];
    if (oh > 23 || om > 59) return null;
    offset = (m[6]!.startsWith("-") ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const ms = Number((m[5] ?? "0").padEnd(3, "0").slice(0, 3));
  const at = day + ((hh * 60 + mm) * 60 + ss) * 1000 + ms - offset;
  return { start: at, end: at };
}

// Stored `at` values are toISOString() text, which sorts like time for four-digit years.
const iso = (ms: number) => new Date(Math.min(Math.max(ms, FIRST_INSTANT), LAST_INSTANT)).toISOString();

const INSTANT_MESSAGE = "must be a date (YYYY-MM-DD, a whole UTC day) or an ISO 8601 timestamp with its zone, such as 2025-06-14T09:30:00Z";

/** A date or timestamp in a query string. A `+` in an offset arrives as a space unless encoded, so a space is read as `+`. */
const instant = z
  .string()
  .refine((v) => instantWindow(v) !== null, INSTANT_MESSAGE)
  .transform((v) => instantWindow(v)!)
  .meta({ example: "2025-06-14" });

const actionName = z
  .string()
  .max(100, "must be at most 100 characters")
  .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/, "must be an action name such as incident.create");

export const auditListQuery = z
  .strictObject({
    actor_user_id: uuid.optional().meta({ description: "Events by this user." }),
    action: actionName.optional().meta({ description: "Events of this action, such as `incident.update`." }),
    entity_type: z
      .string()
      .regex(/^[a-z][a-z_]{0,49}$/, "must be an entity type such as incident")
      .optional(),
    entity_id: text(1, 200).optional(),
    at_from: instant.optional().meta({ description: "Events at or after this time (a date: from the start of that UTC day)." }),
    at_to: instant.optional().meta({ description: "Events at or before this time (a date: to the end of that UTC day)." }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,14}$/, "is not a cursor from this listing; start again without it")
      .transform(Number)
      .optional()
      .meta({ description: "`next_cursor` of the previous page." }),
  })
  .superRefine((query, ctx) => {
    if (query.at_from && query.at_to && query.at_to.end < query.at_from.start) {
      ctx.addIssue({ code: "custom", path: ["at_to"], message: "must not be before at_from" });
    }
  })
  .transform(({ at_from, at_to, ...rest }) => ({
    ...rest,
    ...(at_from ? { at_from: iso(at_from.start) } : {}),
    ...(at_to ? { at_to: iso(at_to.end) } : {}),
  }));
/** Filters with `at_from`/`at_to` as inclusive ISO timestamps, as stored. */
export type AuditListQuery = z.output<typeof auditListQuery>;

const auditEventOutput = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z
    .object({ user_id: z.string().nullable(), system: z.string().nullable() })
    .meta({ description: "The user who acted, or the part of the system that did (`cli`, `bootstrap`)." }),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string(),
  before: z.unknown().meta({ description: "The record before the change (null for a creation)." }),
  after: z.unknown().meta({ description: "The record after the change, or what the action recorded." }),
  hash: z.string().nullable(),
  prev_hash: z.string().nullable(),
});
export type AuditEventOutput = z.infer<typeof auditEventOutput>;

export const auditList = z.object({ items: z.array(auditEventOutput), next_cursor: z.string().nullable() });
export type AuditList = z.infer<typeof auditList>;

export const chainVerificationOutput = z.object({
  ok: z.boolean(),
  checked: z.number().int().meta({ description: "Events found intact (before the first bad one, if any)." }),
  first_bad: z
    .object({
      id: z.number().int(),
      kind: z.enum(CHAIN_PROBLEMS),
      reason: z.string(),
      checkpoint: z.number().int().nullable().meta({ description: "The signed checkpoint the log contradicts (kind `checkpoint`)." }),
    })
    .nullable()
    .meta({ description: "The first event, by id, where the chain breaks." }),
  checkpoints: z.number().int().meta({ description: "Signed checkpoints the log was checked against." }),
  latest_checkpoint: z
    .object({ sequence: z.number().int(), last_event_id: z.number().int() })
    .nullable()
    .meta({ description: "The newest checkpoint: every event up to this one is proven complete." }),
});
export type ChainVerificationOutput = z.infer<typeof chainVerificationOutput>;
