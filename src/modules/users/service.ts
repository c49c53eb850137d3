// User accounts: creation (the CLI, the admin API, the first administrator of a fresh install),
// reading them (admins and auditors), and the admin's changes: name, role and post, disabling and
// enabling, and resetting a forgotten password. Disabling and resetting end the user's sessions
// and revoke their API tokens at once. Every change is audited; no account is ever deleted.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import { BUREAU_POST, POST_ROLES, type Role } from "../../domain/vocabulary.js";
import type { Database, UserRow } from "../../db/types.js";
import type { Actor, SystemActor } from "../auth/actor.js";
import { endSessions, removeSecondFactor, revokeApiTokens } from "../auth/credentials.js";
import { assertAcceptablePassword } from "../auth/password-policy.js";
import { hashPassword, oneTimePassword } from "../auth/passwords.js";
import { authorize } from "../auth/policy.js";
import { recordAudit } from "../audit/audit.js";
import { findPost } from "../reference/index.js";
import { presentAdminUser, presentUser } from "./presenter.js";
import { anyUserExists, findUserByEmail, findUserById, insertUserRow, listUserRows, updateUserRow } from "./repo.js";
import type { AdminUserOutput, UserCreateInput, UserInput, UserListQuery, UserOutput, UserPatch, UserWithPassword } from "./schema.js";

interface CreateOptions {
  mustChangePassword?: boolean;
}

export function userService(db: Kysely<Database>) {
  async function createUser(actor: Actor | null, input: UserInput, options: CreateOptions = {}): Promise<UserOutput> {
    return presentUser(await insertUser(actor, input, options));
  }

  async function insertUser(actor: Actor | null, input: UserInput, options: CreateOptions): Promise<UserRow> {
    authorize(actor, "user.manage");
    const post = await postForRole(input.role, input.post);
    assertAcceptablePassword(input.password, { email: input.email, name: input.name }, "password");
    if (await findUserByEmail(db, input.email)) {
      throw new ValidationError([{ path: "email", message: "a user with this e-mail already exists" }]);
    }
    const now = nowIso();
    const row: UserRow = {
      id: newId(),
      email: input.email,
      name: input.name,
      role: input.role,
      post_code: post,
      password_hash: await hashPassword(input.password),
      must_change_password: options.mustChangePassword ?? false,
      disabled_at: null,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    };
    await db.transaction().execute(async (trx) => {
      await insertUserRow(trx, row);
      await recordAudit(trx, actor!, { action: "user.create", entityType: "user", entityId: row.id, after: presentAdminUser(row) });
    });
    return row;
  }

  /** An administrator's new user: with the admin's password or a one-time one, to be changed at first sign-in. */
  async function createAccount(actor: Actor | null, input: UserCreateInput): Promise<UserWithPassword> {
    authorize(actor, "user.manage");
    const generated = input.password === undefined ? oneTimePassword() : null;
    const row = await insertUser(actor, { ...input, password: input.password ?? generated! }, { mustChangePassword: true });
    return { user: presentAdminUser(row), one_time_password: generated };
  }

  /** Post users belong to an embassy; bureau roles (analyst, editor, admin, auditor) to the bureau. */
  async function postForRole(role: Role, post: string | undefined, trx: Kysely<Database> = db): Promise<string> {
    if (POST_ROLES.includes(role)) {
      if (post === undefined || post === BUREAU_POST) {
        throw new ValidationError([{ path: "post", message: `a ${role} belongs to an embassy: give its code, such as DE` }]);
      }
      if (!(await findPost(trx, post))) {
        throw new ValidationError([{ path: "post", message: `no post has the code ${post}` }]);
      }
      return post;
    }
    if (post !== undefined && post !== BUREAU_POST) {
      throw new ValidationError([{ path: "post", message: `a ${role} belongs to the bureau (post BUREAU)` }]);
    }
    return BUREAU_POST;
  }

  async function findByEmail(email: string): Promise<UserRow | undefined> {
    return findUserByEmail(db, email.toLowerCase());
  }

  async function rowOf(trx: Kysely<Database>, id: string): Promise<UserRow> {
    const row = await findUserById(trx, id);
    if (!row) throw new NotFoundError("User");
    return row;
  }

  async function listUsers(actor: Actor | null, query: UserListQuery): Promise<{ items: AdminUserOutput[] }> {
    authorize(actor, "user.read");
    const rows = await listUserRows(db, { roles: query.role, posts: query.post, disabled: query.disabled });
    return { items: rows.map(presentAdminUser) };
  }

  async function getUser(actor: Actor | null, id: string): Promise<AdminUserOutput> {
    authorize(actor, "user.read");
    return presentAdminUser(await rowOf(db, id));
  }

  /** Name, role, post. A change of role is logged as `user.role_change`, anything else as `user.update`. */
  async function updateUser(actor: Actor | null, id: string, patch: UserPatch): Promise<AdminUserOutput> {
    authorize(actor, "user.manage");
    return db.transaction().execute(async (trx) => {
      const before = await rowOf(trx, id);
      const role = patch.role ?? before.role;
      if (role !== before.role && actor?.kind === "user" && actor.id === id) {
        // So the last administrator cannot demote themself by accident; another admin can.
        throw new ForbiddenError("You may not change your own role; another administrator can.");
      }
      // Staying at the same kind of post keeps the post unless a new one is given; moving between
      // an embassy and the bureau needs the new one (or, for the bureau, implies it).
      const sameKind = POST_ROLES.includes(role) === POST_ROLES.includes(before.role);
      const post = await postForRole(role, patch.post ?? (sameKind ? before.post_code : undefined), trx);
      const after: UserRow = { ...before, name: patch.name ?? before.name, role, post_code: post, updated_at: nowIso() };
      if (after.name === before.name && after.role === before.role && after.post_code === before.post_code) return presentAdminUser(before);
      await updateUserRow(trx, id, { name: after.name, role: after.role, post_code: after.post_code, updated_at: after.updated_at });
      await recordAudit(trx, actor, {
        action: after.role !== before.role ? "user.role_change" : "user.update",
        entityType: "user",
        entityId: id,
        before: presentAdminUser(before),
        after: presentAdminUser(after),
      });
      return presentAdminUser(after);
    });
  }

  /** Disable an account: it can no longer sign in, and its sessions and API tokens end now. */
  async function disableUser(actor: Actor | null, id: string): Promise<AdminUserOutput> {
    authorize(actor, "user.manage");
    if (actor?.kind === "user" && actor.id === id) throw new ForbiddenError("You may not disable your own account; another administrator can.");
    return db.transaction().execute(async (trx) => {
      const before = await rowOf(trx, id);
      if (before.disabled_at !== null) return presentAdminUser(before);
      const now = nowIso();
      const after: UserRow = { ...before, disabled_at: now, updated_at: now };
      await updateUserRow(trx, id, { disabled_at: now, updated_at: now });
      const sessionsEnded = await endSessions(trx, id);
      const tokensRevoked = await revokeApiTokens(trx, id, now);
      await recordAudit(trx, actor, {
        action: "user.disable",
        entityType: "user",
        entityId: id,
        before: presentAdminUser(before),
        after: { ...presentAdminUser(after), sessions_ended: sessionsEnded, tokens_revoked: tokensRevoked },
      });
      return presentAdminUser(after);
    });
  }

  /** Enable a disabled account again (its old API tokens stay revoked; it signs in afresh). */
  async function enableUser(actor: Actor | null, id: string): Promise<AdminUserOutput> {
    authorize(actor, "user.manage");
    return db.transaction().execute(async (trx) => {
      const before = await rowOf(trx, id);
      if (before.disabled_at === null) return presentAdminUser(before);
      const after: UserRow = { ...before, disabled_at: null, failed_logins: 0, locked_until: null, updated_at: nowIso() };
      await updateUserRow(trx, id, { disabled_at: null, failed_logins: 0, locked_until: null, updated_at: after.updated_at });
      await recordAudit(trx, actor, {
        action: "user.enable",
        entityType: "user",
        entityId: id,
        before: presentAdminUser(before),
        after: presentAdminUser(after),
      });
      return presentAdminUser(after);
    });
  }

  /**
   * Reset a forgotten password: a one-time password, shown once, which the user must change at the
   * next sign-in. Their sessions and API tokens end (whoever had them is out), and a lockout is lifted.
   */
  async function resetPassword(actor: Actor | null, id: string): Promise<UserWithPassword> {
    authorize(actor, "user.manage");
    const password = oneTimePassword();
    const hash = await hashPassword(password);
    return db.transaction().execute(async (trx) => {
      const before = await rowOf(trx, id);
      assertAcceptablePassword(password, { email: before.email, name: before.name });
      const now = nowIso();
      const changes = { password_hash: hash, must_change_password: true, password_changed_at: now, failed_logins: 0, locked_until: null, updated_at: now };
      const after: UserRow = { ...before, ...changes };
      await updateUserRow(trx, id, changes);
      const sessionsEnded = await endSessions(trx, id);
      const tokensRevoked = await revokeApiTokens(trx, id, now);
      await recordAudit(trx, actor, {
        action: "user.password_reset",
        entityType: "user",
        entityId: id,
        before: presentAdminUser(before),
        after: { ...presentAdminUser(after), sessions_ended: sessionsEnded, tokens_revoked: tokensRevoked },
      });
      return { user: presentAdminUser(after), one_time_password: password };
    });
  }

  /**
   * Remove a user's second factor (a lost phone) and end their sessions: they set up a new one at
   * their next sign-in (where their role requires one) or when they choose to.
   */
  async function resetSecondFactor(actor: Actor | null, id: string): Promise<AdminUserOutput> {
    authorize(actor, "user.manage");
    return db.transaction().execute(async (trx) => {
      const before = await rowOf(trx, id);
      const removed = await removeSecondFactor(trx, id);
      if (!removed) throw new ValidationError([{ path: "id", message: "this user has no second factor to reset" }]);
      const now = nowIso();
      await updateUserRow(trx, id, { updated_at: now });
      const after: UserRow = { ...before, updated_at: now };
      const sessionsEnded = await endSessions(trx, id);
      await recordAudit(trx, actor, {
        action: "user.second_factor_reset",
        entityType: "user",
        entityId: id,
        before: presentAdminUser(before),
        after: { ...presentAdminUser(after), sessions_ended: sessionsEnded, tokens_revoked: 0 },
      });
      return presentAdminUser(after);
    });
  }

  /**
   * On a database with no users, create an administrator with a random one-time password and
   * return it (to be printed once); otherwise return null.
   */
  async function ensureFirstAdmin(email: string): Promise<{ email: string; password: string } | null> {
    if (await anyUserExists(db)) return null;
    const password = oneTimePassword();
    const bootstrap: SystemActor = { kind: "system", name: "bootstrap" };
    await createUser(bootstrap, { email, name: "Administrator", role: "admin", password }, { mustChangePassword: true });
    return { email, password };
  }

  return {
    createUser,
    createAccount,
    findByEmail,
    listUsers,
    getUser,
    updateUser,
    disableUser,
    enableUser,
    resetPassword,
    resetSecondFactor,
    ensureFirstAdmin,
  };
}

export type UserService = ReturnType<typeof userService>;
