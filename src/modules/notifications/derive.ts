// What an audit event means for whom: the notifications one event makes. The audit log already
// records every change, in chain order, with who made it; this reads the record it is about
// (through its owner's index.ts) and words the news for each person whose turn it is or whose
// record moved. Who may take the next review step is the policy's answer (TRANSITION_ROLES and
// `allowedTransitions`), so the inbox never tells someone of a step they could not take.
import type { Kysely, Selectable } from "kysely";
import type { AuditEventTable, Database, UserRow } from "../../db/types.js";
import { dayText } from "../../domain/dates.js";
import type { NotificationKind, WorkflowState } from "../../domain/vocabulary.js";
import type { WorkflowAction } from "../../domain/workflow.js";
import { actorOf } from "../auth/actor.js";
import { allowedTransitions, transitionRoles, type ReviewedRecord, type ScopedRecord } from "../auth/policy.js";
import { findIncidentRow } from "../incidents/index.js";
import { findEngagementRow } from "../engagements/index.js";
import { findPost } from "../reference/index.js";
import { findResponseById, findTaskingRow, targetsOf } from "../taskings/index.js";
import { findUserById, listUserRows, userSummaries } from "../users/index.js";

type Db = Kysely<Database>;
type AuditEventRow = Selectable<AuditEventTable>;

/** One notification to make (its key makes it once). */
export interface NotificationSpec {
  key: string;
  recipientId: string;
  kind: NotificationKind;
  entityType: string;
  entityId: string;
  text: string;
  link: string;
  auditEventId: number | null;
}

/** The post's staff, who answer its taskings (enabled accounts only). */
export async function postStaff(db: Db, posts: readonly string[]): Promise<UserRow[]> {
  if (posts.length === 0) return [];
  return listUserRows(db, { posts: [...posts], roles: ["reporter", "approver"], disabled: false });
}

/** The enabled users who may take `action` on this record now, by the policy. */
async function whoseTurn(db: Db, record: ScopedRecord & { state: WorkflowState }, action: WorkflowAction, kind: ReviewedRecord): Promise<UserRow[]> {
  const roles = transitionRoles(action, record.state);
  if (roles.length === 0) return [];
  const candidates = await listUserRows(db, { roles: [...roles], disabled: false });
  return candidates.filter((user) => allowedTransitions(actorOf(user), record, kind).includes(action));
}

const quoted = (text: string) => `“${text}”`;

/** A record under review as notifications word it. */
interface Reviewed {
  kind: ReviewedRecord;
  id: string;
  record: ScopedRecord & { state: WorkflowState };
  author: string;
  /** "Your incident No. 12, “Title”," / "Your post's response to tasking STATE 1". */
  yours: string;
  /** "Incident No. 12, “Title”, from the Embassy in Germany" / "The response of the Embassy in Germany to tasking STATE 1". */
  theirs: string;
  link: string;
}

async function postName(db: Db, code: string): Promise<string> {
  return (await findPost(db, code))?.name ?? code;
}

async function reviewed(db: Db, event: AuditEventRow): Promise<Reviewed | undefined> {
  if (event.entity_type === "incident") {
    const row = await findIncidentRow(db, event.entity_id);
    if (!row) return undefined;
    const name = `incident No. ${row.number}, ${quoted(row.title)},`;
    return {
      kind: "incident",
      id: row.id,
      record: { post_code: row.post_code, state: row.state, author_post_code: row.author_post_code },
      author: row.created_by,
      yours: `Your ${name}`,
      theirs: `Incident No. ${row.number}, ${quoted(row.title)}, from the ${await postName(db, row.post_code)},`,
      link: `/incidents/${row.id}`,
    };
  }
  if (event.entity_type === "engagement") {
    const row = await findEngagementRow(db, event.entity_id);
    if (!row) return undefined;
    const name = `engagement with ${row.office} on ${dayText(row.date)}`;
    return {
      kind: "engagement",
      id: row.id,
      record: { post_code: row.post_code, state: row.state, author_post_code: row.author_post_code },
      author: row.created_by,
      yours: `Your ${name}`,
      theirs: `The ${await postName(db, row.post_code)}'s ${name}`,
      link: `/engagements/${row.id}`,
    };
  }
  if (event.entity_type === "tasking_response") {
    const row = await findResponseById(db, event.entity_id);
    const tasking = row ? await findTaskingRow(db, row.tasking_id) : undefined;
    if (!row || !tasking) return undefined;
    return {
      kind: "tasking_response",
      id: row.id,
      record: { post_code: row.post_code, state: row.state, author_post_code: row.post_code },
      author: row.created_by,
      yours: `Your post's response to tasking ${tasking.reference}`,
      theirs: `The response of the ${await postName(db, row.post_code)} to tasking ${tasking.reference}`,
      link: `/taskings/${tasking.id}/responses/${row.post_code}`,
    };
  }
  return undefined;
}

const REVIEW_STEP = /^(incident|tasking_response|engagement)\.(submit|clear|accept|return)$/;

/** The notifications one audit event makes (none for most events). */
export async function notificationsOf(db: Db, event: AuditEventRow): Promise<NotificationSpec[]> {
  const made: NotificationSpec[] = [];
  const add = (kind: NotificationKind, recipients: readonly UserRow[] | readonly string[], about: { type: string; id: string; text: string; link: string }) => {
    for (const recipient of recipients) {
      const id = typeof recipient === "string" ? recipient : recipient.id;
      // Nobody is told of what they did themselves.
      if (id === event.actor_user_id) continue;
      made.push({
        key: `${kind}:${event.id}:${id}`,
        recipientId: id,
        kind,
        entityType: about.type,
        entityId: about.id,
        text: about.text,
        link: about.link,
        auditEventId: event.id,
      });
    }
  };
  const after = event.after_json === null ? {} : (JSON.parse(event.after_json) as { note?: string; posts?: string[] });

  if (event.action === "tasking.issue" || event.action === "tasking.amend") {
    const tasking = await findTaskingRow(db, event.entity_id);
    if (!tasking) return [];
    const posts = event.action === "tasking.issue" ? (after.posts ?? []) : ((await targetsOf(db, [tasking.id])).get(tasking.id) ?? []);
    const about = { type: "tasking", id: tasking.id, link: `/taskings/${tasking.id}` };
    const text =
      event.action === "tasking.issue"
        ? `Tasking ${tasking.reference}, ${quoted(tasking.title)}, was issued to your post. It is due on ${dayText(tasking.due_date)}.`
        : `Tasking ${tasking.reference}, ${quoted(tasking.title)}, was amended${after.note ? `: ${after.note}` : "."} It is due on ${dayText(tasking.due_date)}.`;
    add(event.action === "tasking.issue" ? "tasking.issued" : "tasking.amended", await postStaff(db, posts), { ...about, text });
    return made;
  }

  const step = REVIEW_STEP.exec(event.action);
  if (!step) return [];
  const record = await reviewed(db, event);
  if (!record) return [];
  const action = step[2] as "submit" | "clear" | "accept" | "return";
  const about = { type: record.kind, id: record.id, link: record.link };
  const by = event.actor_user_id === null ? undefined : (await userSummaries(db, [event.actor_user_id])).get(event.actor_user_id)?.name;
  const byWhom = by ? ` by ${by}` : "";
  const author = await findUserById(db, record.author);
  const authors = author && author.disabled_at === null ? [author] : [];
  // The state the step led to (the record may have moved on since: the event says where this step left it).
  const state = (JSON.parse(event.after_json ?? "{}") as { state?: WorkflowState }).state ?? record.record.state;
  const atStep = { ...record.record, state };
  if (action === "submit") {
    add("record.awaiting_clearance", await whoseTurn(db, atStep, "clear", record.kind), { ...about, text: `${record.theirs} is waiting for your clearance.` });
  } else if (action === "clear") {
    add("record.cleared", authors, { ...about, text: `${record.yours} was cleared${byWhom}.` });
    add("record.awaiting_acceptance", await whoseTurn(db, atStep, "accept", record.kind), {
      ...about,
      text: `${record.theirs} was cleared and is waiting for your acceptance.`,
    });
  } else if (action === "accept") {
    add("record.accepted", authors, { ...about, text: `${record.yours} was accepted${byWhom}.` });
  } else {
    const comment = after.note ? `: ${quoted(after.note)}` : ".";
    add("record.returned", authors, { ...about, text: `${record.yours} was returned${byWhom}${comment}` });
  }
  return made;
}
