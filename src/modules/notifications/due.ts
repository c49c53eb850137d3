// The notifications a date makes rather than an event: a tasking due within seven days, or overdue,
// for each target post that has not yet submitted its response; and, through a hook the context
// wires, the follow-up actions of engagements that fall due. Each is keyed by what it is about and
// the due date, so a daily check (or one every few seconds, on every server) makes it once; a due
// date moved by an amendment is a new reminder.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { addDays, dayText } from "../../domain/dates.js";
import { openFollowUpsDueBefore } from "../engagements/index.js";
import { listTaskingRows, responseRows, targetsOf } from "../taskings/index.js";
import { postStaff, type NotificationSpec } from "./derive.js";

/** How many days before its due date a tasking is announced as due soon. */
const DUE_SOON_DAYS = 7;

/** A response in one of these states has been sent on by the post: no reminder. */
const ANSWERED = new Set(["submitted", "cleared", "accepted", "published"]);

/**
 * A follow-up action that is due, as the module that owns it words it (the engagements module,
 * wired in context.ts): `key` names the action and its due date, so it is announced once.
 */
interface FollowUpDue {
  key: string;
  recipientId: string;
  entityType: string;
  entityId: string;
  /** A sentence for people: what is due, and when (no identifiers). */
  text: string;
  link: string;
}

/** The follow-up actions due on `today` or before that are still open. */
export type FollowUpsDue = (db: Kysely<Database>, today: string) => Promise<FollowUpDue[]>;

export async function dueDateNotifications(db: Kysely<Database>, today: string, followUpsDue?: FollowUpsDue): Promise<NotificationSpec[]> {
  const made: NotificationSpec[] = [];
  const taskings = (await listTaskingRows(db, { state: "issued" })).filter((t) => today >= addDays(t.due_date, -DUE_SOON_DAYS));
  if (taskings.length > 0) {
    const ids = taskings.map((t) => t.id);
    const [targets, responses] = await Promise.all([targetsOf(db, ids), responseRows(db, ids)]);
    for (const tasking of taskings) {
      const overdue = today > tasking.due_date;
      const kind = overdue ? "tasking.overdue" : "tasking.due_soon";
      const answered = new Set(responses.filter((r) => r.tasking_id === tasking.id && ANSWERED.has(r.state)).map((r) => r.post_code));
      const waiting = (targets.get(tasking.id) ?? []).filter((post) => !answered.has(post));
      const text = overdue
        ? `Your post's response to tasking ${tasking.reference} was due on ${dayText(tasking.due_date)} and has not been submitted.`
        : `Your post's response to tasking ${tasking.reference} is due on ${dayText(tasking.due_date)}.`;
      for (const user of await postStaff(db, waiting)) {
        made.push({
          key: `${kind}:${tasking.id}:${tasking.due_date}:${user.post_code}:${user.id}`,
          recipientId: user.id,
          kind,
          entityType: "tasking",
          entityId: tasking.id,
          text,
          link: `/taskings/${tasking.id}/responses/${user.post_code}`,
          auditEventId: null,
        });
      }
    }
  }
  for (const due of followUpsDue ? await followUpsDue(db, today) : []) {
    made.push({ ...due, key: `follow_up.due:${due.key}:${due.recipientId}`, kind: "follow_up.due", auditEventId: null });
  }
  return made;
}

/**
 * The engagements' open follow-up actions due today or before (engagements/index.ts
 * `openFollowUpsDueBefore`), each to its owner, or, when the owner is a role in words rather than
 * a user, to the post's staff. Wired as `followUpsDue` in context.ts.
 */
export const engagementFollowUpsDue: FollowUpsDue = async (db, today) => {
  const actions = await openFollowUpsDueBefore(db, addDays(today, 1));
  const staff = await postStaff(db, [...new Set(actions.filter((a) => a.owner_user_id === null).map((a) => a.post_code))]);
  return actions.flatMap((action) => {
    const recipients = action.owner_user_id !== null ? [action.owner_user_id] : staff.filter((u) => u.post_code === action.post_code).map((u) => u.id);
    const when = action.due_date < today ? `was due on ${dayText(action.due_date)}` : "is due today";
    const text = `A follow-up to the engagement with ${action.office} on ${dayText(action.date)} ${when}: ${action.action}`;
    return recipients.map((recipientId) => ({
      key: `${action.engagement_id}:${action.number}:${action.due_date}`,
      recipientId,
      entityType: "engagement",
      entityId: action.engagement_id,
      text,
      link: `/engagements/${action.engagement_id}`,
    }));
  });
};
