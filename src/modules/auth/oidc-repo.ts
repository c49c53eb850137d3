// Kysely queries on single sign-on's tables: sign-ins begun at the provider (oidc_logins, taken
// once by the callback, whichever app server receives it) and the provider's subjects linked to
// accounts (oidc_identities).
import type { Kysely } from "kysely";
import type { Database, OidcLoginTable } from "../../db/types.js";

type Db = Kysely<Database>;

export async function insertOidcLogin(db: Db, row: OidcLoginTable): Promise<void> {
  await db.insertInto("oidc_logins").values(row).execute();
}

/** Take a begun sign-in by its state's hash: it is deleted, so a state works once. */
export async function takeOidcLogin(db: Db, stateHash: string): Promise<OidcLoginTable | undefined> {
  return db.deleteFrom("oidc_logins").where("state_hash", "=", stateHash).returningAll().executeTakeFirst();
}

/** Forget sign-ins begun and never come back. */
export async function deleteExpiredOidcLogins(db: Db, at: string): Promise<void> {
  await db.deleteFrom("oidc_logins").where("expires_at", "<=", at).execute();
}

export async function findOidcIdentity(db: Db, issuer: string, subject: string): Promise<string | undefined> {
  const row = await db.selectFrom("oidc_identities").select("user_id").where("issuer", "=", issuer).where("subject", "=", subject).executeTakeFirst();
  return row?.user_id;
}

export async function insertOidcIdentity(db: Db, row: { issuer: string; subject: string; user_id: string; created_at: string }): Promise<void> {
  await db.insertInto("oidc_identities").values(row).execute();
}
