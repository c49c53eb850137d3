// The review workflow on incidents: transitions (submit, clear, accept, publish, return, retract),
// the comment thread, and the record's history from the audit log. The state machine is in
// domain/workflow.ts; who may take which step is in the policy (TRANSITION_ROLES).
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { VersionConflictError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { Database } from "../../db/types.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { authorize, authorizeTransition } from "../auth/policy.js";
import { recordAudit } from "../audit/audit.js";
import { eventsAbout } from "../audit/index.js";
import { userSummaries } from "../users/index.js";
import { commentsOf, findIncidentRow, insertComment, updateIncidentRow } from "./repo.js";
import type { CommentOutput, IncidentOutput, TransitionInput } from "./schema.js";
import { presentIncidents, viewOf, visibleIncident } from "./access.js";

export function incidentWorkflow(db: Kysely<Database>) {
  async function transition(actor: Actor | null, id: string, input: TransitionInput): Promise<IncidentOutput> {
    const user = requireUser(actor);
    const before = await visibleIncident(db, actor, id);
    const scoped = { post_code: before.post, state: before.state, author_post_code: before.author_post };
    const to = authorizeTransition(actor, scoped, input.action, "incident", { one: "incident", many: "incidents", what: "Incident" });
    if (input.version !== before.version) throw new VersionConflictError("This incident", before.version);

    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const saved = await updateIncidentRow(trx, id, input.version, {
        state: to,
        ...(input.action === "retract" ? { retraction_reason: input.reason ?? null } : {}),
        updated_by: user.id,
        updated_at: now,
      });
      if (!saved) throw new VersionConflictError("This incident", (await findIncidentRow(trx, id))?.version ?? input.version);
      const note = input.action === "retract" ? input.reason : input.comment;
      if (note !== undefined) {
        const kind = input.action === "return" ? "return" : input.action === "retract" ? "retract" : "comment";
        await insertComment(trx, { id: newId(), incident_id: id, author_user_id: user.id, kind, body: note, created_at: now });
      }
      await recordAudit(trx, user, {
        action: `incident.${input.action}`,
        entityType: "incident",
        entityId: id,
        before: { state: before.state, version: before.version },
        after: { state: to, version: input.version + 1, ...(note === undefined ? {} : { note }) },
      });
    });
    return viewOf(actor, (await presentIncidents(db, [id]))[0]!);
  }

  async function listComments(actor: Actor | null, id: string): Promise<{ items: CommentOutput[] }> {
    await visibleIncident(db, actor, id);
    const rows = await commentsOf(db, id);
    // Every author is a user (a foreign key says so), and accounts are never deleted.
    const authors = await userSummaries(
      db,
      rows.map((r) => r.author_user_id),
    );
    return {
      items: rows.map((r) => {
        const author = authors.get(r.author_user_id)!;
        return { id: r.id, kind: r.kind, body: r.body, author: { id: r.author_user_id, name: author.name, post: author.post_code }, created_at: r.created_at };
      }),
    };
  }

  async function addComment(actor: Actor | null, id: string, body: string): Promise<CommentOutput> {
    const user = requireUser(actor);
    const incident = await visibleIncident(db, actor, id);
    authorize(actor, "incident.comment", { post_code: incident.post, state: incident.state, author_post_code: incident.author_post }, "Incident");
    const comment = { id: newId(), incident_id: id, author_user_id: user.id, kind: "comment" as const, body, created_at: nowIso() };
    await db.transaction().execute(async (trx) => {
      await insertComment(trx, comment);
      await recordAudit(trx, user, { action: "incident.comment", entityType: "incident", entityId: id, after: { comment_id: comment.id, body } });
    });
    return { id: comment.id, kind: "comment", body, author: { id: user.id, name: user.name, post: user.postCode }, created_at: comment.created_at };
  }

  /** The record's audit events, oldest first, with the fields each one changed. */
  async function history(actor: Actor | null, id: string) {
    await visibleIncident(db, actor, id);
    const events = await eventsAbout(db, "incident", id);
    const actors = await userSummaries(
      db,
      events.flatMap((e) => (e.actor_user_id === null ? [] : [e.actor_user_id])),
    );
    return {
      items: events.map((e) => ({
        id: e.id,
        at: e.at,
        action: e.action,
        actor: { user_id: e.actor_user_id, name: e.actor_user_id === null ? null : (actors.get(e.actor_user_id)?.name ?? null), system: e.actor_system },
        changes: changedFields(parse(e.before_json), parse(e.after_json)),
      })),
    };
  }

  return { transition, listComments, addComment, history };
}

function parse(json: string | null): Record<string, unknown> {
  const value: unknown = json === null ? null : JSON.parse(json);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const BOOKKEEPING = new Set(["version", "updated_at", "updated_by", "created_at", "created_by"]);

/** Top-level fields whose value differs between before and after (bookkeeping fields left out). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !BOOKKEEPING.has(f));
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
