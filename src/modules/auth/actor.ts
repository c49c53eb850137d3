// Who is acting: a signed-in user (through the API) or the system itself (the CLI, migrations,
// the demo generator acting for its synthetic authors). Services take an actor, never a request.
import { ValidationError } from "../../domain/errors.js";
import type { Role } from "../../domain/vocabulary.js";
import type { UserRow } from "../../db/types.js";

export interface UserActor {
  kind: "user";
  id: string;
  email: string;
  name: string;
  role: Role;
  postCode: string;
  /**
   * Set when the user signed in with a one-time password (a new account, an admin's reset): until
   * they choose their own, they may only see who they are, change the password or sign out.
   */
  mustChangePassword?: boolean;
  /**
   * `pending`: the session waits for its second factor (a TOTP or recovery code), and only that
   * step is open. `enrolment_required`: the role must have a second factor and the user has none
   * yet: only enrolment is open (after a required password change).
   */
  secondFactor?: "pending" | "enrolment_required";
}

export interface SystemActor {
  kind: "system";
  /** What acted, for the audit log: "cli", "bootstrap". */
  name: string;
}

export type Actor = UserActor | SystemActor;

export const CLI_ACTOR: SystemActor = { kind: "system", name: "cli" };

/** For use cases that record authorship: a user must act (the CLI names one with --as EMAIL). */
export function requireUser(actor: Actor | null): UserActor {
  if (actor?.kind !== "user") {
    throw new ValidationError([{ path: "actor", message: "this is recorded by a user (on the CLI, name one with --as EMAIL)" }]);
  }
  return actor;
}

/** The actor a signed-in account acts as (its role and post as they are now). */
export function actorOf(user: UserRow): UserActor {
  return {
    kind: "user",
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    postCode: user.post_code,
    mustChangePassword: user.must_change_password,
  };
}
