// Kysely queries for the tables this module owns: sessions, API tokens and the sign-in rate
// limit's counters. The accounts they
// belong to are the users module's (read through users/index.ts). Other modules end a user's
// credentials through credentials.ts, never through this file.
import { sql, type Kysely } from "kysely";
import type { ApiTokenTable, Database, SessionTable } from "../../db/types.js";

type Db = Kysely<Database>;

export async function insertSession(db: Db, row: SessionTable): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

export async function findSession(db: Db, tokenHash: string): Promise<SessionTable | undefined> {
  return db.selectFrom("sessions").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function touchSession(db: Db, tokenHash: string, at: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: at }).where("token_hash", "=", tokenHash).execute();
}

/** End the user's sessions, but for the one whose hash is `keep`. Returns how many ended. */
export async function endSessions(db: Db, userId: string, keep?: string): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keep !== undefined) query = query.where("token_hash", "<>", keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertApiToken(db: Db, row: ApiTokenTable): Promise<void> {
  await db.insertInto("api_tokens").values(row).execute();
}

/** The user's tokens, newest first. */
export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenTable[]> {
  return db.selectFrom("api_tokens").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").orderBy("id", "desc").execute();
}

export async function findUserApiToken(db: Db, userId: string, id: string): Promise<ApiTokenTable | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
}

export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenTable | undefined> {
  return db.selectFrom("api_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function updateApiToken(db: Db, id: string, changes: Partial<Pick<ApiTokenTable, "revoked_at" | "last_used_at">>): Promise<void> {
  await db.updateTable("api_tokens").set(changes).where("id", "=", id).execute();
}

/** Revoke the user's live API tokens (revoked, not deleted: the list keeps showing them). */
export async function revokeApiTokens(db: Db, userId: string, at: string): Promise<number> {
  const result = await db.updateTable("api_tokens").set({ revoked_at: at }).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Count one sign-in attempt from `address` at `at` (ms since the epoch) in one statement, so app
 * servers counting at once never lose an attempt: a new row, or the next attempt of a live window,
 * or the first of a new window when the last one has ended. Returns the count and when the window ends.
 */
export async function countLoginAttempt(db: Db, address: string, at: number, windowMs: number): Promise<{ count: number; windowEndsAt: number }> {
  const ended = sql<boolean>`login_attempts.window_ends_at <= ${at}`;
  const row = await db
    .insertInto("login_attempts")
    .values({ address, count: 1, window_ends_at: at + windowMs })
    .onConflict((conflict) =>
      conflict.column("address").doUpdateSet({
        count: sql<number>`CASE WHEN ${ended} THEN 1 ELSE login_attempts.count + 1 END`,
        window_ends_at: sql<number>`CASE WHEN ${ended} THEN excluded.window_ends_at ELSE login_attempts.window_ends_at END`,
      }),
    )
    .returning(["count", "window_ends_at"])
    .executeTakeFirstOrThrow();
  return { count: row.count, windowEndsAt: row.window_ends_at };
}

/** Forget the windows that ended before `at`. */
export async function deleteEndedLoginWindows(db: Db, at: number): Promise<void> {
  await db.deleteFrom("login_attempts").where("window_ends_at", "<=", at).execute();
}
