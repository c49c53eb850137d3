// The notifications module's tables (its own only): notifications, the derivation's cursor, the
// e-mail outbox and the users' preferences. A notification and a delivery are inserted with
// ON CONFLICT DO NOTHING on their unique key, so making one twice makes it once; a delivery is
// claimed with a lease in one statement, so two servers never send the same one.
import type { Insertable, Kysely, Selectable } from "kysely";
import { lockedForClaim, type DialectName } from "../../db/dialect.js";
import type { Database, EmailDeliveryTable, NotificationTable } from "../../db/types.js";
import type { EmailPreference } from "../../domain/vocabulary.js";

type Db = Kysely<Database>;
export type NotificationRow = Selectable<NotificationTable>;
export type DeliveryRow = Selectable<EmailDeliveryTable>;

/** The derivation's place in the audit log, locked for this transaction; undefined when another server holds it now. */
export async function lockCursor(db: Db, dialect: DialectName): Promise<number | undefined> {
  const row = await lockedForClaim(dialect, db.selectFrom("notification_cursor").select("last_event_id").where("id", "=", 1)).executeTakeFirst();
  return row === undefined ? undefined : Number(row.last_event_id);
}

export async function moveCursor(db: Db, lastEventId: number, now: string): Promise<void> {
  await db.updateTable("notification_cursor").set({ last_event_id: lastEventId, updated_at: now }).where("id", "=", 1).execute();
}

/** Insert the notification unless one with its key exists; true when it was new. */
export async function insertNotification(db: Db, row: Insertable<NotificationTable>): Promise<boolean> {
  const inserted = await db
    .insertInto("notifications")
    .values(row)
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The keys of these that exist already (the due-date check makes only the missing ones). */
export async function existingKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom("notifications")
      .select("dedupe_key")
      .where("dedupe_key", "in", keys.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.dedupe_key);
  }
  return found;
}

/** A page of the user's inbox: unread first, newest first within each; `phase` 0 is the unread part, 1 the read. */
export async function inboxPage(db: Db, recipientId: string, phase: 0 | 1, after: { created_at: string; id: string } | undefined, limit: number) {
  let q = db.selectFrom("notifications").selectAll().where("recipient_id", "=", recipientId);
  q = phase === 0 ? q.where("read_at", "is", null) : q.where("read_at", "is not", null);
  if (after) q = q.where((eb) => eb.or([eb("created_at", "<", after.created_at), eb.and([eb("created_at", "=", after.created_at), eb("id", "<", after.id)])]));
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
}

export async function countUnread(db: Db, recipientId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("recipient_id", "=", recipientId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findNotification(db: Db, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom("notifications").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Mark read (one, or all of the user's); how many changed. */
export async function markRead(db: Db, recipientId: string, now: string, id?: string): Promise<number> {
  let q = db.updateTable("notifications").set({ read_at: now }).where("recipient_id", "=", recipientId).where("read_at", "is", null);
  if (id !== undefined) q = q.where("id", "=", id);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** The user's notifications made in (from, to] (a daily digest's day). */
export async function notificationsBetween(db: Db, recipientId: string, from: string, to: string): Promise<NotificationRow[]> {
  return db
    .selectFrom("notifications")
    .selectAll()
    .where("recipient_id", "=", recipientId)
    .where("created_at", ">", from)
    .where("created_at", "<=", to)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function preferenceOf(db: Db, userId: string): Promise<EmailPreference | undefined> {
  return (await db.selectFrom("notification_preferences").select("email").where("user_id", "=", userId).executeTakeFirst())?.email;
}

export async function usersWithPreference(db: Db, email: EmailPreference): Promise<string[]> {
  return (await db.selectFrom("notification_preferences").select("user_id").where("email", "=", email).execute()).map((r) => r.user_id);
}

export async function savePreference(db: Db, userId: string, email: EmailPreference, now: string): Promise<void> {
  await db
    .insertInto("notification_preferences")
    .values({ user_id: userId, email, updated_at: now })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ email, updated_at: now }))
    .execute();
}

/** Queue an e-mail unless one with its key exists. */
export async function queueDelivery(db: Db, row: Insertable<EmailDeliveryTable>): Promise<boolean> {
  const inserted = await db
    .insertInto("email_deliveries")
    .values(row)
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Take one due e-mail: queued, its next attempt come, and no other server's lease running on it.
 * One statement (FOR UPDATE SKIP LOCKED on PostgreSQL, SQLite's single writer elsewhere), as the
 * jobs module claims a job, so two servers never take the same one.
 */
export async function claimDelivery(db: Db, dialect: DialectName, claim: { owner: string; now: string; leaseUntil: string }): Promise<DeliveryRow | undefined> {
  const due = lockedForClaim(
    dialect,
    db
      .selectFrom("email_deliveries")
      .select("id")
      .where("state", "=", "queued")
      .where("next_attempt_at", "<=", claim.now)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", claim.now)]))
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(1),
  );
  return db
    .updateTable("email_deliveries")
    .set((eb) => ({ attempts: eb("attempts", "+", 1), lease_owner: claim.owner, lease_until: claim.leaseUntil }))
    .where("id", "=", (eb) => eb.selectFrom(due.as("due")).select("due.id"))
    .where("state", "=", "queued")
    .returningAll()
    .executeTakeFirst();
}

/** Settle a delivery this server holds: sent, given up, or queued again for later. */
export async function settleDelivery(
  db: Db,
  held: { id: string; owner: string },
  fields: Pick<EmailDeliveryTable, "state"> & Partial<Pick<EmailDeliveryTable, "sent_at" | "next_attempt_at" | "last_error">>,
): Promise<boolean> {
  const result = await db
    .updateTable("email_deliveries")
    .set({ ...fields, lease_owner: null, lease_until: null })
    .where("id", "=", held.id)
    .where("lease_owner", "=", held.owner)
    .where("state", "=", "queued")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom("email_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function deliveriesTo(db: Db, recipientId: string): Promise<DeliveryRow[]> {
  return db.selectFrom("email_deliveries").selectAll().where("recipient_id", "=", recipientId).orderBy("created_at").orderBy("id").execute();
}
