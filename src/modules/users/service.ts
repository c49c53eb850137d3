// User accounts: creation (CLI now, admin API with the workflow issue) and the first
// administrator of a fresh install.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { ValidationError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import { BUREAU_POST, POST_ROLES, type Role } from "../../domain/vocabulary.js";
import type { Database, UserRow } from "../../db/types.js";
import type { Actor, SystemActor } from "../auth/actor.js";
import { hashPassword } from "../auth/passwords.js";
import { authorize } from "../auth/policy.js";
import { recordAudit } from "../audit/audit.js";
import type { UserInput, UserOutput } from "./schema.js";

export function presentUser(row: UserRow): UserOutput {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    post: row.post_code,
    must_change_password: Boolean(row.must_change_password),
    disabled: row.disabled_at !== null,
    created_at: row.created_at,
  };
}

export function userService(db: Kysely<Database>) {
  async function createUser(actor: Actor | null, input: UserInput, options: { mustChangePassword?: boolean } = {}): Promise<UserOutput> {
    authorize(actor, "user.manage");
    const post = await postForRole(input.role, input.post);
    if (await db.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst()) {
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
      await trx.insertInto("users").values(row).execute();
      await recordAudit(trx, actor!, { action: "user.create", entityType: "user", entityId: row.id, after: presentUser(row) });
    });
    return presentUser(row);
  }

  /** Post users belong to an embassy; bureau roles (analyst, editor, admin, auditor) to the bureau. */
  async function postForRole(role: Role, post: string | undefined): Promise<string> {
    if (POST_ROLES.includes(role)) {
      if (post === undefined || post === BUREAU_POST) {
        throw new ValidationError([{ path: "post", message: `a ${role} belongs to an embassy: give its code, such as DE` }]);
      }
      if (!(await db.selectFrom("posts").select("code").where("code", "=", post).executeTakeFirst())) {
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
    return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
  }

  /**
   * On a database with no users, create an administrator with a random one-time password and
   * return it (to be printed once); otherwise return null.
   */
  async function ensureFirstAdmin(email: string): Promise<{ email: string; password: string } | null> {
    const any = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
    if (any) return null;
    const password = randomBytes(18).toString("base64url");
    const bootstrap: SystemActor = { kind: "system", name: "bootstrap" };
    await createUser(bootstrap, { email, name: "Administrator", role: "admin", password }, { mustChangePassword: true });
    return { email, password };
  }

  return { createUser, findByEmail, ensureFirstAdmin };
}

export type UserService = ReturnType<typeof userService>;
