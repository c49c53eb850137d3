// Sign-in, sessions and your own password. A session is a random 256-bit token held by the browser
// in an HttpOnly cookie; the database keeps only its SHA-256, so a copy of the database opens no
// session. Each session has its own CSRF token (see http/route.ts). Sessions end after an idle
// period and, whatever happens, after an absolute lifetime.
//
// Guessing is slowed twice: per client address in memory (rate-limit.ts, in the login route) and
// per account in the database: after `lockoutThreshold` wrong passwords in a row the account is
// locked for `lockoutMinutes`, during which even the right password is refused with the same
// answer as a wrong one, so an attacker learns nothing from it. Every attempt is audited.
//
// A user with a second factor gets, after the password (or single sign-on), a session that is
// pending: it can only give a TOTP or recovery code (verifySecondFactor), and wrong codes count
// towards the same lockout as wrong passwords. A role that requires a second factor
// (SECOND_FACTOR_ROLES) and has none may only set one up (second-factor.ts) until it has.
import type { Kysely } from "kysely";
import { z } from "zod";
import { nowIso } from "../../domain/clock.js";
import { AppError, ValidationError } from "../../domain/errors.js";
import type { Database, UserRow } from "../../db/types.js";
import { DEFAULT_SECOND_FACTOR_ROLES, type Role } from "../../domain/vocabulary.js";
import type { LoginFailure } from "../audit/actions.js";
import { recordAudit, type AuditEntry } from "../audit/audit.js";
import { countFailedLogin, findUserByEmail, findUserById, presentUser, updateUserRow } from "../users/index.js";
import type { UserOutput } from "../users/schema.js";
import { actorOf, type UserActor } from "./actor.js";
import { randomSecret, sha256 } from "./credentials.js";
import { deleteSession, endSessions, findSession, insertSession, touchSession } from "./repo.js";
import { assertAcceptablePassword } from "./password-policy.js";
import { decoyHash, hashPassword, verifyPassword } from "./passwords.js";
import { authorize } from "./policy.js";
import type { PasswordChangeInput } from "./schema.js";
import type { AccountOutput } from "./sign-in-schema.js";
import { findSecondFactor, hasSecondFactor, takeStep, spendRecoveryCode } from "./second-factor-repo.js";
import { looksLikeRecoveryCode, normaliseRecoveryCode, totpStep } from "./totp.js";

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
  /** Wrong passwords in a row that lock the account... */
  lockoutThreshold: number;
  /** ...for this long. */
  lockoutMinutes: number;
  /** Roles that must sign in with a second factor (DEFAULT_SECOND_FACTOR_ROLES unless given). */
  secondFactorRoles?: readonly Role[];
}

/** A new session: its secrets (for the cookies), when it ends and who it is for. */
export interface SignedIn {
  token: string;
  csrfToken: string;
  user: AccountOutput;
  expiresAt: string;
}

/** Who is trying to sign in, for the audit log. */
export interface Client {
  ip: string;
}

/**
 * Don't write last_seen_at on every request: once a minute at most, and at least ten times per idle
 * period, so the recorded activity lags the real one by a tenth of the period at most. (With a
 * fixed minute, SESSION_IDLE_MINUTES=1 signed out a user active every 40 seconds.)
 */
function touchIntervalMs(idleMinutes: number): number {
  return Math.min(60_000, (idleMinutes * 60_000) / 10);
}

/** One answer for every failed sign-in, whatever the reason, so none of them leaks. */
function invalidCredentials(): AppError {
  return new AppError(
    401,
    "invalid_credentials",
    "The e-mail or password is wrong, or the account is disabled or locked for a while after too many wrong passwords.",
  );
}

const isEmail = (value: string) => z.email().safeParse(value).success;

export function authService(db: Kysely<Database>, sessionPolicy: SessionPolicy) {
  const policy = { ...sessionPolicy, secondFactorRoles: sessionPolicy.secondFactorRoles ?? DEFAULT_SECOND_FACTOR_ROLES };
  const isLocked = (user: UserRow, now = Date.now()) => user.locked_until !== null && Date.parse(user.locked_until) > now;

  /** Record a failed attempt. Wrong passwords count towards the lockout; other failures don't. */
  async function failed(user: UserRow | undefined, email: string, reason: LoginFailure, client: Client) {
    await db.transaction().execute(async (trx) => {
      if (!user) {
        // The attempted e-mail identifies what was tried; anything that is not an e-mail address
        // may be a password typed into the wrong field, so it is not kept.
        const entityId = isEmail(email) ? email : "(not an e-mail address)";
        await recordAudit(trx, null, { action: "auth.login_failed", entityType: "login", entityId, after: { reason, ip: client.ip } });
        return;
      }
      const entries: AuditEntry[] = [];
      let failedLogins = user.failed_logins;
      if (reason === "wrong_password" || reason === "wrong_current_password" || reason === "wrong_second_factor") {
        failedLogins = await countFailedLogin(trx, user.id);
      }
      entries.push({ action: "auth.login_failed", entityType: "user", entityId: user.id, after: { reason, failed_logins: failedLogins, ip: client.ip } });
      // The count is kept when the lock ends, so each further wrong password locks the account
      // again; only a successful sign-in (or an admin's reset) clears it.
      if (failedLogins >= policy.lockoutThreshold && reason !== "locked" && reason !== "disabled") {
        const lockedUntil = new Date(Date.now() + policy.lockoutMinutes * 60_000).toISOString();
        await updateUserRow(trx, user.id, { locked_until: lockedUntil });
        entries.push({
          action: "auth.lockout",
          entityType: "user",
          entityId: user.id,
          after: { locked_until: lockedUntil, failed_logins: failedLogins, ip: client.ip },
        });
      }
      await recordAudit(trx, null, entries);
    });
  }

  /** The signed-in actor's account (it exists: authentication just read it). */
  async function accountRow(actor: UserActor): Promise<UserRow> {
    const user = await findUserById(db, actor.id);
    if (!user) throw new Error(`the account of a signed-in actor is missing`);
    return user;
  }

  async function login(email: string, password: string, client: Client): Promise<SignedIn> {
    const normalised = email.trim().toLowerCase();
    const user = await findUserByEmail(db, normalised);
    // Verify first, whatever happens next, so that every answer takes as long.
    const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
    if (!user) {
      await failed(undefined, normalised, "unknown_email", client);
      throw invalidCredentials();
    }
    const reason = user.disabled_at !== null ? "disabled" : isLocked(user) ? "locked" : ok ? null : "wrong_password";
    if (reason !== null) {
      await failed(user, normalised, reason, client);
      throw invalidCredentials();
    }
    return openSession(user, client, "password");
  }

  /**
   * A session for a user who has proved who they are (a password, or the identity provider's word):
   * pending its second factor when the user has one. `extra` is recorded in the same transaction
   * (single sign-on links a subject to the account).
   */
  async function openSession(
    user: UserRow,
    client: Client,
    via: "password" | "sso",
    extra?: (trx: Kysely<Database>) => Promise<AuditEntry[]>,
  ): Promise<SignedIn> {
    const token = randomSecret();
    const csrfToken = randomSecret();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString();
    const pending = await hasSecondFactor(db, user.id);
    await db.transaction().execute(async (trx) => {
      const entries = extra ? await extra(trx) : [];
      await insertSession(trx, {
        token_hash: sha256(token),
        user_id: user.id,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt,
        csrf_token: csrfToken,
        pending_step: pending ? "second_factor" : null,
      });
      // A sign-in still waiting for its code has not succeeded yet: the count of wrong attempts stays.
      if (!pending && (user.failed_logins !== 0 || user.locked_until !== null)) {
        await updateUserRow(trx, user.id, { failed_logins: 0, locked_until: null });
      }
      entries.push({ action: "auth.login", entityType: "user", entityId: user.id, after: { ip: client.ip, via, second_factor_pending: pending } });
      await recordAudit(trx, actorOf(user), entries);
    });
    const row = pending ? user : { ...user, failed_logins: 0, locked_until: null };
    return { token, csrfToken, user: await accountOf(row, pending ? "pending" : undefined), expiresAt };
  }

  /** Whether the user's role requires a second factor they have not set up. */
  async function enrolmentRequired(user: UserRow): Promise<boolean> {
    return policy.secondFactorRoles.includes(user.role) && !(await hasSecondFactor(db, user.id));
  }

  /** The account as its user sees it, with the sign-in step still open, if any. */
  async function accountOf(user: UserRow, secondFactor?: UserActor["secondFactor"]): Promise<AccountOutput> {
    const enabled = await hasSecondFactor(db, user.id);
    const required = policy.secondFactorRoles.includes(user.role);
    const step = secondFactor === "pending" ? "second_factor" : required && !enabled ? "second_factor_enrolment" : null;
    return { ...presentUser(user), sign_in_step: step, second_factor: { enabled, required } };
  }

  /**
   * Complete a pending sign-in with a TOTP code (each 30-second step accepted once) or one of the
   * recovery codes (each once). A wrong code counts towards the lockout like a wrong password; a
   * locked account's pending session ends.
   */
  /**
   * The code step of a sign-in. A passed code opens a new session in place of the waiting one (new
   * token, new CSRF token, the same absolute end): whoever saw the waiting session's token, which
   * had passed only the password, holds nothing that is signed in.
   */
  async function verifySecondFactor(actor: UserActor, sessionToken: string, code: string, client: Client): Promise<SignedIn> {
    const user = await accountRow(actor);
    if (actor.secondFactor !== "pending") {
      throw new AppError(409, "second_factor_not_pending", "This session has already passed its second factor.");
    }
    if (isLocked(user)) {
      await deleteSession(db, sha256(sessionToken));
      throw invalidCredentials();
    }
    const factor = await findSecondFactor(db, user.id);
    let accepted = false;
    if (factor?.confirmed_at) {
      if (looksLikeRecoveryCode(code)) {
        accepted = await spendRecoveryCode(db, user.id, sha256(normaliseRecoveryCode(code)), nowIso());
      } else {
        const step = totpStep(factor.secret, code);
        accepted = step !== null && (await takeStep(db, user.id, step));
      }
    }
    if (!accepted) {
      await failed(user, user.email, "wrong_second_factor", client);
      throw new ValidationError([{ path: "code", message: "is not right, or was used already: type the code your authenticator app shows now" }]);
    }
    const token = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = await db.transaction().execute(async (trx) => {
      const waiting = await findSession(trx, sha256(sessionToken));
      if (!waiting) throw new AppError(409, "second_factor_not_pending", "This sign-in has ended: sign in again.");
      await deleteSession(trx, waiting.token_hash);
      const now = nowIso();
      await insertSession(trx, {
        token_hash: sha256(token),
        user_id: user.id,
        created_at: waiting.created_at,
        last_seen_at: now,
        expires_at: waiting.expires_at,
        csrf_token: csrfToken,
        pending_step: null,
      });
      if (user.failed_logins !== 0 || user.locked_until !== null) await updateUserRow(trx, user.id, { failed_logins: 0, locked_until: null });
      await recordAudit(trx, actor, {
        action: "auth.second_factor",
        entityType: "user",
        entityId: user.id,
        after: { ip: client.ip, with: looksLikeRecoveryCode(code) ? "recovery_code" : "totp" },
      });
      return waiting.expires_at;
    });
    return { token, csrfToken, user: await accountOf({ ...user, failed_logins: 0, locked_until: null }), expiresAt };
  }

  /**
   * The user a session token belongs to and the session's CSRF token, or null when the session is
   * unknown, expired or its user disabled.
   */
  async function authenticate(token: string): Promise<{ actor: UserActor; csrfToken: string | null } | null> {
    const hash = sha256(token);
    const found = await findSession(db, hash);
    if (!found) return null;
    const user = await findUserById(db, found.user_id);
    const now = Date.now();
    const idleDeadline = Date.parse(found.last_seen_at) + policy.idleMinutes * 60_000;
    if (!user || user.disabled_at !== null || now >= Date.parse(found.expires_at) || now >= idleDeadline) {
      await deleteSession(db, hash);
      return null;
    }
    if (now - Date.parse(found.last_seen_at) >= touchIntervalMs(policy.idleMinutes)) await touchSession(db, hash, nowIso());
    const actor = actorOf(user);
    if (found.pending_step === "second_factor") actor.secondFactor = "pending";
    else if (await enrolmentRequired(user)) actor.secondFactor = "enrolment_required";
    return { actor, csrfToken: found.csrf_token };
  }

  async function logout(actor: UserActor, token: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await deleteSession(trx, sha256(token));
      await recordAudit(trx, actor, { action: "auth.logout", entityType: "user", entityId: actor.id });
    });
  }

  async function me(actor: UserActor): Promise<AccountOutput> {
    return accountOf(await accountRow(actor), actor.secondFactor);
  }

  /**
   * Change your own password, knowing the current one. Your other sessions end (whoever else was
   * signed in as you is signed out); the one making the change, if any, goes on. API tokens stay:
   * revoke them separately if they may have leaked too.
   */
  async function changePassword(actor: UserActor, input: PasswordChangeInput, client: Client, sessionToken?: string): Promise<UserOutput> {
    authorize(actor, "account.self");
    const user = await accountRow(actor);
    const locked = isLocked(user);
    const ok = await verifyPassword(user.password_hash, input.current_password);
    if (locked || !ok) {
      if (!locked) await failed(user, user.email, "wrong_current_password", client);
      throw new ValidationError([
        {
          path: "current_password",
          message: locked ? `too many wrong passwords: try again after ${user.locked_until}` : "is not your current password",
        },
      ]);
    }
    assertAcceptablePassword(input.new_password, { email: user.email, name: user.name }, "new_password");
    if (input.new_password === input.current_password) {
      throw new ValidationError([{ path: "new_password", message: "must differ from the current password" }]);
    }
    const hash = await hashPassword(input.new_password);
    const now = nowIso();
    const changes = { password_hash: hash, must_change_password: false, password_changed_at: now, updated_at: now, failed_logins: 0, locked_until: null };
    await db.transaction().execute(async (trx) => {
      await updateUserRow(trx, user.id, changes);
      const ended = await endSessions(trx, user.id, sessionToken === undefined ? undefined : sha256(sessionToken));
      await recordAudit(trx, actor, {
        action: "auth.password_change",
        entityType: "user",
        entityId: user.id,
        before: presentUser(user),
        after: { ...presentUser({ ...user, ...changes }), other_sessions_ended: ended },
      });
    });
    return presentUser({ ...user, ...changes });
  }

  return { login, openSession, verifySecondFactor, authenticate, logout, me, changePassword };
}

export type AuthService = ReturnType<typeof authService>;
