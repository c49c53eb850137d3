// Who may do what: one table, one function. Every service calls `authorize` before it reads or
// writes. Until the workflow issue defines per-role rights and post scoping, every signed-in user
// may use the incident and source routes (issue 2), and only the CLI (a system actor) manages users.
import { ForbiddenError, UnauthenticatedError } from "../../domain/errors.js";
import { ROLES, type Role } from "../../domain/vocabulary.js";
import type { Actor } from "./actor.js";

export const ACTIONS = [
  "incident.create",
  "incident.read",
  "incident.update",
  "source.create",
  "source.read",
  "source.update",
  "reference.read",
  "user.create",
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERY_ROLE: readonly Role[] = ROLES;

/** role × action. The system actor (CLI) may do everything: it already holds the database. */
export const POLICY: Record<Action, readonly Role[]> = {
  "incident.create": EVERY_ROLE,
  "incident.read": EVERY_ROLE,
  "incident.update": EVERY_ROLE,
  "source.create": EVERY_ROLE,
  "source.read": EVERY_ROLE,
  "source.update": EVERY_ROLE,
  "reference.read": EVERY_ROLE,
  "user.create": [],
};

export function can(actor: Actor | null, action: Action): boolean {
  if (actor === null) return false;
  if (actor.kind === "system") return true;
  return POLICY[action].includes(actor.role);
}

export function authorize(actor: Actor | null, action: Action): void {
  if (actor === null) throw new UnauthenticatedError();
  if (!can(actor, action)) throw new ForbiddenError();
}
