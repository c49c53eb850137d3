// Tests only: tampering with the audit log as someone with write access to the database would,
// in SQL behind the application's back, and putting the log back afterwards. Such a person can
// also change the schema, so each helper first drops the triggers that keep the audit tables
// append-only (db/audit-guards.ts) and puts them back after.
import { sql, type Kysely, type Selectable } from "kysely";
import { createAuditGuards, dropAuditGuards } from "../db/audit-guards.js";
import type { AuditChainHeadTable, AuditCheckpointTable, AuditEventTable, Database } from "../db/types.js";
import { chainHash } from "../modules/audit/chain.js";

export interface LogSnapshot {
  events: Selectable<AuditEventTable>[];
  head: Selectable<AuditChainHeadTable>;
  checkpoints: Selectable<AuditCheckpointTable>[];
}

/** Run `tamper` with the append-only triggers out of the way. */
export async function withoutGuards<T>(db: Kysely<Database>, tamper: () => Promise<T>): Promise<T> {
  await dropAuditGuards(db);
  try {
    return await tamper();
  } finally {
    await createAuditGuards(db);
  }
}

export async function snapshotLog(db: Kysely<Database>): Promise<LogSnapshot> {
  const events = await db.selectFrom("audit_events").selectAll().orderBy("id").execute();
  const head = await db.selectFrom("audit_chain_head").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
  const checkpoints = await db.selectFrom("audit_checkpoints").selectAll().orderBy("sequence").execute();
  return { events, head, checkpoints };
}

/** Put the log, its head and its checkpoints back exactly as snapshotted, whatever was done to them. */
export async function restoreLog(db: Kysely<Database>, snapshot: LogSnapshot): Promise<void> {
  await withoutGuards(db, () =>
    db.transaction().execute(async (trx) => {
      await trx.deleteFrom("audit_events").execute();
      for (let i = 0; i < snapshot.events.length; i += 200)
        await trx
          .insertInto("audit_events")
          .values(snapshot.events.slice(i, i + 200))
          .execute();
      await trx.deleteFrom("audit_chain_head").execute();
      await trx.insertInto("audit_chain_head").values(snapshot.head).execute();
      await trx.deleteFrom("audit_checkpoints").execute();
      if (snapshot.checkpoints.length > 0) await trx.insertInto("audit_checkpoints").values(snapshot.checkpoints).execute();
    }),
  );
}

export async function eventIds(db: Kysely<Database>): Promise<number[]> {
  return (await db.selectFrom("audit_events").select("id").orderBy("id").execute()).map((r) => Number(r.id));
}

/** Rewrite what an event says happened (its `after`), leaving its stored hash alone. */
export async function alterEvent(db: Kysely<Database>, id: number): Promise<void> {
  await withoutGuards(db, () => sql`UPDATE audit_events SET after_json = ${JSON.stringify({ rewritten: true })} WHERE id = ${id}`.execute(db));
}

/** Rewrite an event and recompute its own hash from its stored prev_hash, as a careful forger would. */
export async function alterEventAndRehash(db: Kysely<Database>, id: number): Promise<void> {
  const row = await db.selectFrom("audit_events").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const after_json = JSON.stringify({ rewritten: true });
  const hash = chainHash(row.prev_hash!, { ...row, after_json });
  await withoutGuards(db, () => sql`UPDATE audit_events SET after_json = ${after_json}, hash = ${hash} WHERE id = ${id}`.execute(db));
}

export async function deleteEvent(db: Kysely<Database>, id: number): Promise<void> {
  await withoutGuards(db, () => sql`DELETE FROM audit_events WHERE id = ${id}`.execute(db));
}

/** Move two events' contents (everything but the id, hashes included) to each other's ids. */
export async function swapEvents(db: Kysely<Database>, a: number, b: number): Promise<void> {
  const rows = await db.selectFrom("audit_events").selectAll().where("id", "in", [a, b]).execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  await withoutGuards(db, () =>
    db.transaction().execute(async (trx) => {
      for (const [target, from] of [
        [a, byId.get(b)!],
        [b, byId.get(a)!],
      ] as const) {
        const { id: _, ...content } = from;
        void _;
        await trx.updateTable("audit_events").set(content).where("id", "=", target).execute();
      }
    }),
  );
}

/** Add an event chained onto the newest one, without moving the head (written outside recordAudit). */
export async function appendBehindTheHead(db: Kysely<Database>): Promise<number> {
  const last = await db.selectFrom("audit_events").selectAll().orderBy("id", "desc").limit(1).executeTakeFirstOrThrow();
  const event = { ...last, id: Number(last.id) + 1, action: "user.create", after_json: JSON.stringify({ forged: true }) };
  const row = { ...event, prev_hash: last.hash, hash: chainHash(last.hash!, event) };
  await db.insertInto("audit_events").values(row).execute();
  return row.id;
}

/** Point the head at the event before the newest, as if the newest had never been appended. */
export async function moveHeadBack(db: Kysely<Database>): Promise<void> {
  const [, previous] = await db.selectFrom("audit_events").select(["id", "hash"]).orderBy("id", "desc").limit(2).execute();
  await withoutGuards(db, () =>
    db
      .updateTable("audit_chain_head")
      .set({ last_event_id: Number(previous!.id), last_hash: previous!.hash! })
      .where("id", "=", 1)
      .execute(),
  );
}

/**
 * The attack of issue 12: delete every event after `survivor` and point the head at the
 * survivor's stored hash, leaving a chain that is intact from the genesis to its new head.
 */
export async function cutTail(db: Kysely<Database>, survivor: number): Promise<void> {
  const row = await db.selectFrom("audit_events").select("hash").where("id", "=", survivor).executeTakeFirstOrThrow();
  await withoutGuards(db, async () => {
    await sql`DELETE FROM audit_events WHERE id > ${survivor}`.execute(db);
    await db.updateTable("audit_chain_head").set({ last_event_id: survivor, last_hash: row.hash! }).where("id", "=", 1).execute();
  });
}

/**
 * Rewrite event `id` and recompute every hash from it to the head, the head included: a chain
 * that verifies on its own, as a forger who knows the chain's format would leave it.
 */
export async function rewriteAndRechain(db: Kysely<Database>, id: number): Promise<void> {
  const rows = await db.selectFrom("audit_events").selectAll().where("id", ">=", id).orderBy("id").execute();
  await withoutGuards(db, async () => {
    let previous = rows[0]!.prev_hash!;
    for (const row of rows) {
      const after_json = Number(row.id) === id ? JSON.stringify({ rewritten: true }) : row.after_json;
      const hash = chainHash(previous, { ...row, after_json });
      await sql`UPDATE audit_events SET after_json = ${after_json}, prev_hash = ${previous}, hash = ${hash} WHERE id = ${row.id}`.execute(db);
      previous = hash;
    }
    await db.updateTable("audit_chain_head").set({ last_hash: previous }).where("id", "=", 1).execute();
  });
}
