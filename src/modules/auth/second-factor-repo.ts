// Kysely queries on the second factor's tables (second_factors, recovery_codes) and a session's
// pending step. Accepting a code is one conditional UPDATE, so two app servers given the same code
// at once accept it once.
import type { Kysely } from "kysely";
import type { Database, SecondFactorTable } from "../../db/types.js";

type Db = Kysely<Database>;

export async function findSecondFactor(db: Db, userId: string): Promise<SecondFactorTable | undefined> {
  return db.selectFrom("second_factors").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

/** Whether the user has a confirmed second factor. */
export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom("second_factors").select("user_id").where("user_id", "=", userId).where("confirmed_at", "is not", null).executeTakeFirst();
  return row !== undefined;
}

/** Start (or restart) an enrolment with a new secret, unconfirmed. */
export async function putPendingSecondFactor(db: Db, userId: string, secret: string, at: string): Promise<void> {
  await db
    .insertInto("second_factors")
    .values({ user_id: userId, secret, created_at: at, confirmed_at: null, last_step: null })
    .onConflict((conflict) => conflict.column("user_id").doUpdateSet({ secret, created_at: at, confirmed_at: null, last_step: null }))
    .execute();
}

export async function confirmSecondFactor(db: Db, userId: string, at: string): Promise<void> {
  await db.updateTable("second_factors").set({ confirmed_at: at }).where("user_id", "=", userId).execute();
}

/** Take `step` as used, unless it (or a later one) already was: true when this call took it. */
export async function takeStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable("second_factors")
    .set({ last_step: step })
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Remove the user's second factor and recovery codes; true when there was one. */
export async function removeSecondFactor(db: Db, userId: string): Promise<boolean> {
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  const result = await db.deleteFrom("second_factors").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[], at: string): Promise<void> {
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("recovery_codes")
    .values(hashes.map((code_hash) => ({ code_hash, user_id: userId, created_at: at, used_at: null })))
    .execute();
}

/** Use a recovery code once: true when it was the user's and unused. */
export async function spendRecoveryCode(db: Db, userId: string, hash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("recovery_codes")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
