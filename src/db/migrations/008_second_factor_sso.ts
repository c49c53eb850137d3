// 008: a second factor (TOTP with recovery codes) and single sign-on (OpenID Connect).
// - second_factors: one TOTP secret per user; `confirmed_at` is null while enrolment awaits its
//   first code; `last_step` is the last 30-second step accepted, so no code is accepted twice.
// - recovery_codes: the SHA-256 of each one-time recovery code, and when it was used.
// - oidc_identities: the provider's subject (issuer + sub) linked to an account.
// - oidc_logins: a sign-in begun at the provider and not yet come back (its state, nonce and PKCE
//   verifier), in the database so that any app server may receive the provider's answer.
// - sessions.pending_step: 'second_factor' while a session waits for its code.
import type { Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("second_factors")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_step", t.bigint)
    .execute();
  await db.schema
    .createTable("recovery_codes")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_codes_user_idx").on("recovery_codes").column("user_id").execute();
  await db.schema
    .createTable("oidc_identities")
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("oidc_identities_pk", ["issuer", "subject"])
    .execute();
  await db.schema
    .createTable("oidc_logins")
    .addColumn("state_hash", "text", (c) => c.primaryKey())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("sessions").addColumn("pending_step", "text").execute();
}
