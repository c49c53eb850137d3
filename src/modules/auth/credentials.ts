// What sessions and API tokens share: random secrets, stored only as their SHA-256, and ending
// them all at once when an account's password is reset or the account is disabled.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";

/** 256 random bits, URL-safe (43 characters). */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Compare two secrets in constant time (a CSRF token against the session's). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** End the user's sessions, but for the one whose hash is `keep`. Returns how many ended. */
export async function endSessions(trx: Kysely<Database>, userId: string, keep?: string): Promise<number> {
  let query = trx.deleteFrom("sessions").where("user_id", "=", userId);
  if (keep !== undefined) query = query.where("token_hash", "<>", keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Revoke the user's live API tokens (revoked, not deleted: the list keeps showing them). */
export async function revokeApiTokens(trx: Kysely<Database>, userId: string, at: string): Promise<number> {
  const result = await trx.updateTable("api_tokens").set({ revoked_at: at }).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
