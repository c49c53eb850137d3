// Users as the API shows them: the account (to everyone who may see it) and the administrator's
// view with the lockout and password dates. Never the password hash.
import type { UserRow } from "../../db/types.js";
import type { AdminUserOutput, UserOutput } from "./schema.js";

export function presentUser(row: UserRow): UserOutput {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    post: row.post_code,
    must_change_password: row.must_change_password,
    disabled: row.disabled_at !== null,
    created_at: row.created_at,
  };
}

export function presentAdminUser(row: UserRow): AdminUserOutput {
  return {
    ...presentUser(row),
    disabled_at: row.disabled_at,
    locked_until: row.locked_until,
    failed_logins: row.failed_logins,
    password_changed_at: row.password_changed_at,
    updated_at: row.updated_at,
  };
}
