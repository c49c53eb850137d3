// The audit log: every state change writes one event, inside the same transaction as the change,
// so a change without its event (or an event without its change) cannot be committed. Events are
// hash-chained (chain.ts): appending claims the chain head, which takes the write lock on SQLite
// and a row lock on PostgreSQL until the transaction ends, so events chain in commit order.
//
// That lock is the one thing every write in the system queues on, so it is taken as late and held
// as briefly as we can: call `recordAudit` last in a transaction (then the lock is held for the
// append and the COMMIT only). On PostgreSQL the append is one statement: it locks the head,
// works out each event's id and hash from it in SQL (chain.ts `chainHashSql`), inserts the events
// and moves the head, so no round trip to this process (and no wait on its busy event loop) falls
// between taking the lock and the COMMIT. SQLite, one connection in one process, appends in three
// statements with the hashes made here; so does PostgreSQL for a long append (ONE_STATEMENT_EVENTS).
import { sql, type Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { dialectOf } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import type { AuditEntry } from "./actions.js";
import { chainHash, chainHashSql, chainTail, type ChainedEvent } from "./chain.js";

// What may be recorded, and with which payload, is the closed list in actions.ts.
export type { AuditEntry } from "./actions.js";

type UnchainedEvent = Omit<ChainedEvent, "id">;

export async function recordAudit(trx: Kysely<Database>, actor: Actor | null, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const at = nowIso();
  const events = list.map((e): UnchainedEvent => {
    // Some actions carry no before, or no after (actions.ts); stored as NULL either way.
    const { before, after } = e as { before?: unknown; after?: unknown };
    return {
      at,
      actor_user_id: actor?.kind === "user" ? actor.id : null,
      actor_system: actor?.kind === "system" ? actor.name : null,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before_json: before === undefined ? null : JSON.stringify(before),
      after_json: after === undefined ? null : JSON.stringify(after),
    };
  });
  if (dialectOf(trx) === "postgres" && events.length <= ONE_STATEMENT_EVENTS) await appendInOneStatement(trx, events);
  else await appendInSteps(trx, events);
}

/**
 * Up to this many events, PostgreSQL appends in one statement. Its recursive part reads each
 * event's element out of the arrays of all of them, and once the arrays are large enough to be
 * stored compressed apart (TOAST) every read unpacks the whole array again: 1,250 events took
 * 155 ms and 2,500 took 2.8 s. Longer appends (a batch of incidents, an import) are made in
 * steps, as on SQLite, in a few tens of milliseconds; the lock is held a little longer, and only
 * by writes that are long anyway.
 */
const ONE_STATEMENT_EVENTS = 50;

/**
 * PostgreSQL: lock the head, chain the events from it and insert them, move the head, in one
 * statement. The recursive part walks the events in order, each hash from the one before; the
 * head is read FOR UPDATE, so a concurrent append waits here and then sees the head it left.
 */
async function appendInOneStatement(trx: Kysely<Database>, events: UnchainedEvent[]): Promise<void> {
  const column = (pick: (e: UnchainedEvent) => string | null) => sql`${events.map(pick)}::text[]`;
  const { rows } = await sql<{ appended: number; moved: number }>`
    WITH RECURSIVE
      head AS (SELECT last_event_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE),
      input AS (
        SELECT ${column(chainTail)} AS tails, ${column((e) => e.at)} AS ats, ${column((e) => e.actor_user_id)} AS users,
          ${column((e) => e.actor_system)} AS systems, ${column((e) => e.action)} AS actions, ${column((e) => e.entity_type)} AS types,
          ${column((e) => e.entity_id)} AS entities, ${column((e) => e.before_json)} AS befores, ${column((e) => e.after_json)} AS afters
      ),
      chain (n, id, prev_hash, hash) AS (
        SELECT 1, h.last_event_id + 1, h.last_hash, ${chainHashSql(sql`h.last_hash`, sql`(h.last_event_id + 1)`, sql`i.tails[1]`)}
          FROM head h CROSS JOIN input i
        UNION ALL
        SELECT c.n + 1, c.id + 1, c.hash, ${chainHashSql(sql`c.hash`, sql`(c.id + 1)`, sql`i.tails[c.n + 1]`)}
          FROM chain c CROSS JOIN input i WHERE c.n < ${events.length}
      ),
      inserted AS (
        INSERT INTO audit_events (id, at, actor_user_id, actor_system, action, entity_type, entity_id, before_json, after_json, prev_hash, hash)
        SELECT c.id, i.ats[c.n], i.users[c.n], i.systems[c.n], i.actions[c.n], i.types[c.n], i.entities[c.n], i.befores[c.n], i.afters[c.n], c.prev_hash, c.hash
          FROM chain c CROSS JOIN input i
        RETURNING id
      ),
      moved AS (
        UPDATE audit_chain_head SET last_event_id = last.id, last_hash = last.hash
          FROM (SELECT id, hash FROM chain WHERE n = ${events.length}) last
          WHERE audit_chain_head.id = 1
        RETURNING 1
      )
    SELECT (SELECT count(*) FROM inserted)::int AS appended, (SELECT count(*) FROM moved)::int AS moved`.execute(trx);
  const result = rows[0];
  if (result?.appended !== events.length || result.moved !== 1) throw new Error("the audit chain head is missing: events cannot be appended");
}

/**
 * SQLite, and PostgreSQL for long appends: claim the head (SQLite's write lock; on PostgreSQL the
 * UPDATE takes the head row's lock, so a concurrent append waits, then reads the head this one
 * left), insert the events chained here, move the head.
 */
async function appendInSteps(trx: Kysely<Database>, events: UnchainedEvent[]): Promise<void> {
  const head = await trx
    .updateTable("audit_chain_head")
    .set((eb) => ({ last_event_id: eb.ref("last_event_id") }))
    .where("id", "=", 1)
    .returning(["last_event_id", "last_hash"])
    .executeTakeFirstOrThrow();
  let id = Number(head.last_event_id);
  let previous = head.last_hash;
  const rows = events.map((e) => {
    const event = { ...e, id: ++id };
    const hash = chainHash(previous, event);
    const row = { ...event, prev_hash: previous, hash };
    previous = hash;
    return row;
  });
  // 2,000 rows of 11 values stay under both engines' limits of bound parameters.
  for (let i = 0; i < rows.length; i += 2_000)
    await trx
      .insertInto("audit_events")
      .values(rows.slice(i, i + 2_000))
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
