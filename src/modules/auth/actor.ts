// Who is acting: a signed-in user (through the API) or the system itself (the CLI, migrations,
// the demo generator acting for its synthetic authors). Services take an actor, never a request.
import { ValidationError } from "../../domain/errors.js";
import type { Role } from "../../domain/vocabulary.js";

export interface UserActor {
  kind: "user";
  id: string;
  email: string;
  name: string;
  role: Role;
  postCode: string;
}

export interface SystemActor {
  kind: "system";
  /** What acted, for the audit log: "cli", "bootstrap". */
  name: string;
}

export type Actor = UserActor | SystemActor;

export const CLI_ACTOR: SystemActor = { kind: "system", name: "cli" };

/** The user id written to audit events and authorship columns; null for the system. */
/** For use cases that record authorship: a user must act (the CLI names one with --as EMAIL). */
export function requireUser(actor: Actor | null): UserActor {
  if (actor?.kind !== "user") {
    throw new ValidationError([{ path: "actor", message: "this is recorded by a user (on the CLI, name one with --as EMAIL)" }]);
  }
  return actor;
}
