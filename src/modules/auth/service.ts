// Sign-in and sessions. A session is a random 256-bit token held by the browser in an HttpOnly
// cookie; the database keeps only its SHA-256, so a copy of the database opens no session.
// Sessions end after an idle period and, whatever happens, after an absolute lifetime.
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { AppError } from "../../domain/errors.js";
import type { Role } from "../../domain/vocabulary.js";
import type { Database } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import { presentUser } from "../users/service.js";
import type { UserOutput } from "../users/schema.js";
import type { UserActor } from "./actor.js";
import { decoyHash, verifyPassword } from "./passwords.js";

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** Don't write last_seen_at on every request: once a minute is precise enough for idle expiry. */
const TOUCH_INTERVAL_MS = 60_000;

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function authService(db: Kysely<Database>, policy: SessionPolicy) {
  async function login(email: string, password: string): Promise<{ token: string; user: UserOutput; expiresAt: string }> {
    const user = await db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
    const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
    if (!user || !ok || user.disabled_at !== null) {
      throw new AppError(401, "invalid_credentials", "The e-mail or password is wrong, or the account is disabled.");
    }
    const token = randomBytes(32).toString("base64url");
    const now = new Date();
    const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("sessions")
        .values({ token_hash: tokenHash(token), user_id: user.id, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: expiresAt })
        .execute();
      const actor: UserActor = { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role as Role, postCode: user.post_code };
      await recordAudit(trx, actor, { action: "auth.login", entityType: "user", entityId: user.id });
    });
    return { token, user: presentUser(user), expiresAt };
  }

  /** The user a session token belongs to, or null when it is unknown, expired or disabled. */
  async function authenticate(token: string): Promise<UserActor | null> {
    const hash = tokenHash(token);
    const found = await db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.last_seen_at",
        "sessions.expires_at",
        "users.id",
        "users.email",
        "users.name",
        "users.role",
        "users.post_code",
        "users.disabled_at",
      ])
      .where("sessions.token_hash", "=", hash)
      .executeTakeFirst();
    if (!found) return null;
    const now = Date.now();
    const idleDeadline = Date.parse(found.last_seen_at) + policy.idleMinutes * 60_000;
    if (found.disabled_at !== null || now >= Date.parse(found.expires_at) || now >= idleDeadline) {
      await db.deleteFrom("sessions").where("token_hash", "=", hash).execute();
      return null;
    }
    if (now - Date.parse(found.last_seen_at) > TOUCH_INTERVAL_MS) {
      await db.updateTable("sessions").set({ last_seen_at: nowIso() }).where("token_hash", "=", hash).execute();
    }
    return { kind: "user", id: found.id, email: found.email, name: found.name, role: found.role as Role, postCode: found.post_code };
  }

  async function logout(actor: UserActor, token: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("sessions").where("token_hash", "=", tokenHash(token)).execute();
      await recordAudit(trx, actor, { action: "auth.logout", entityType: "user", entityId: actor.id });
    });
  }

  async function me(actor: UserActor): Promise<UserOutput> {
    const row = await db.selectFrom("users").selectAll().where("id", "=", actor.id).executeTakeFirstOrThrow();
    return presentUser(row);
  }

  return { login, authenticate, logout, me };
}

export type AuthService = ReturnType<typeof authService>;
