// Kysely queries for the `users` table, which this module owns. Other modules read and change
// accounts through the functions re-exported by ./index.ts (sign-in counts failures and sets
// passwords there), never through this file.
import type { Kysely } from "kysely";
import type { Database, UserRow } from "../../db/types.js";
import type { Role } from "../../domain/vocabulary.js";

type Db = Kysely<Database>;

export type UserChanges = Partial<Omit<UserRow, "id" | "email" | "created_at">>;

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** `email` as stored: lower case. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function anyUserExists(db: Db): Promise<boolean> {
  return (await db.selectFrom("users").select("id").limit(1).executeTakeFirst()) !== undefined;
}

export async function listUserRows(db: Db, filter: { roles?: Role[]; posts?: string[]; disabled?: boolean }): Promise<UserRow[]> {
  let select = db.selectFrom("users").selectAll().orderBy("email");
  if (filter.roles) select = select.where("role", "in", filter.roles);
  if (filter.posts) select = select.where("post_code", "in", filter.posts);
  if (filter.disabled !== undefined) select = select.where("disabled_at", filter.disabled ? "is not" : "is", null);
  return select.execute();
}

export async function insertUserRow(db: Db, row: UserRow): Promise<void> {
  await db.insertInto("users").values(row).execute();
}

export async function updateUserRow(db: Db, id: string, changes: UserChanges): Promise<void> {
  await db.updateTable("users").set(changes).where("id", "=", id).execute();
}

/** Adds one wrong password to the account's count and returns the new count. */
export async function countFailedLogin(db: Db, id: string): Promise<number> {
  const counted = await db
    .updateTable("users")
    .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1) }))
    .where("id", "=", id)
    .returning("failed_logins")
    .executeTakeFirstOrThrow();
  return counted.failed_logins;
}

/** Name and post of each of these users (ids that name no user are left out). */
export async function userSummaries(db: Db, ids: readonly string[]): Promise<Map<string, { name: string; post_code: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "post_code"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, post_code: r.post_code }]));
}
