// The audit log: every state change writes one event, inside the same transaction as the change,
// so a change without its event (or an event without its change) cannot be committed. Events are
// hash-chained (chain.ts): appending first claims the chain head with an UPDATE, which takes the
// write lock on SQLite and a row lock on PostgreSQL, so events chain in commit order.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import type { AuditEntry } from "./actions.js";
import { chainHash } from "./chain.js";

// What may be recorded, and with which payload, is the closed list in actions.ts.
export type { AuditEntry } from "./actions.js";

export async function recordAudit(trx: Kysely<Database>, actor: Actor | null, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const head = await trx
    .updateTable("audit_chain_head")
    .set((eb) => ({ last_event_id: eb.ref("last_event_id") }))
    .where("id", "=", 1)
    .returning(["last_event_id", "last_hash"])
    .executeTakeFirstOrThrow();
  let id = Number(head.last_event_id);
  let previous = head.last_hash;
  const at = nowIso();
  const rows = list.map((e) => {
    // Some actions carry no before, or no after (actions.ts); stored as NULL either way.
    const { before, after } = e as { before?: unknown; after?: unknown };
    const event = {
      id: ++id,
      at,
      actor_user_id: actor?.kind === "user" ? actor.id : null,
      actor_system: actor?.kind === "system" ? actor.name : null,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before_json: before === undefined ? null : JSON.stringify(before),
      after_json: after === undefined ? null : JSON.stringify(after),
    };
    const hash = chainHash(previous, event);
    const row = { ...event, prev_hash: previous, hash };
    previous = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto("audit_events")
      .values(rows.slice(i, i + 200))
      .execute();
  await trx.updateTable("audit_chain_head").set({ last_event_id: id, last_hash: previous }).where("id", "=", 1).execute();
}

export async function auditEventsFor(db: Kysely<Database>, entityType: string, entityId: string) {
  const rows = await db.selectFrom("audit_events").selectAll().where("entity_type", "=", entityType).where("entity_id", "=", entityId).orderBy("id").execute();
  return rows.map((r) => ({
    ...r,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  }));
}
