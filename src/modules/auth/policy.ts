// Who may do what: one table (role × action → scope), one function that answers it (`authorize`),
// and the post-scoping rule for records (`canSee`, `visibilityOf`). Every service calls these
// before it reads or writes; the authorization matrix test checks every route against them.
//
// Scopes: `all` — any record; `own_post` — records of the actor's own post; `bureau` — what the
// bureau may see: records posts have submitted (any state but draft) and the bureau's own drafts.
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError } from "../../domain/errors.js";
import { BUREAU_CORRECTABLE_STATES, nextState, POST_EDITABLE_STATES, type WorkflowAction } from "../../domain/workflow.js";
import { BUREAU_POST, type Role, type WorkflowState } from "../../domain/vocabulary.js";
import type { Actor } from "./actor.js";

const ACTIONS = [
  "incident.create",
  "incident.read",
  "incident.update",
  "incident.comment",
  "incident.submit",
  "incident.clear",
  "incident.accept",
  "incident.publish",
  "incident.return",
  "incident.retract",
  "source.create",
  "source.read",
  "source.update",
  "reference.read",
  /** Aggregates (counts, rates) over the records the actor may see. */
  "analysis.read",
  /**
   * Official statistics: import datasets (files), read datasets, series and denominators. A post
   * imports figures for its own host country only (`own_post`); the bureau any country's.
   */
  "stats.import",
  /** Import a population denominator dataset (population.ts POPULATION_SOURCES): every country's rates divide by it. */
  "stats.import_denominator",
  "stats.read",
  /** Case outcomes for sentencing comparisons. */
  "case_outcome.create",
  "case_outcome.read",
  /** Correct or withdraw a case outcome, one by one or by re-importing it: a post's staff those their post recorded, the bureau any. */
  "case_outcome.update",
  /**
   * Notable cases: a few case outcomes of one country side by side. Recorded and read as case
   * outcomes are; changed, unlinked or withdrawn by the post that recorded one, or by the bureau.
   */
  "notable_case.create",
  "notable_case.read",
  "notable_case.update",

  /** Reports: preview and create (post staff for their host country), freeze versions, read them. */
  "report.create",
  "report.freeze",
  "report.read",
  /** The annual country report's template for a report year. */
  "report_template.manage",
  "user.read",
  "user.manage",
  "post.manage",
  "taxonomy.manage",
  "audit.read",
  /** Sign the audit chain's head as a checkpoint: the system only (the CLI and the server's timer). */
  "audit.checkpoint",
  /** Your own account: who am I, change my password, my API tokens. */
  "account.self",
  /** Jobs (long work run off the request thread): read the jobs you asked for; admins see, cancel and retry every job. */
  "job.read",
  "job.manage",
  /** Taskings: read those issued to your post (the bureau: all); the bureau's editors draft, issue, amend and close them. */
  "tasking.read",
  "tasking.manage",
  /** A post's response to a tasking, reviewed like an incident (submit, clear, return, accept). */
  "tasking_response.read",
  "tasking_response.update",
  "tasking_response.submit",
  "tasking_response.clear",
  "tasking_response.return",
  "tasking_response.accept",
  /** Your own notifications: read them, mark them read, choose how they are e-mailed. */
  "notification.self",
  /**
   * A post's engagements with the host government, scoped and reviewed like incidents; follow-up
   * actions added and completed by the post; the bureau marks accepted ones notable.
   */
  "engagement.create",
  "engagement.read",
  "engagement.update",
  "engagement.follow_up",
  "engagement.submit",
  "engagement.clear",
  "engagement.return",
  "engagement.accept",
  "engagement.mark_notable",
] as const;
export type Action = (typeof ACTIONS)[number];

type Scope = "all" | "own_post" | "bureau";
type Grants = Partial<Record<Role, Scope>>;

const POST_STAFF: Grants = { reporter: "own_post", approver: "own_post" };
const BUREAU_DESK: Grants = { analyst: "bureau", editor: "bureau" };
const EVERYONE: Grants = { reporter: "all", approver: "all", analyst: "all", editor: "all", admin: "all", auditor: "all" };

/** The policy table. A role missing from an action's row may not take it. */
const POLICY: Record<Action, Grants> = {
  // Bureau users may record an incident for any post; post users only for their own.
  "incident.create": { ...POST_STAFF, analyst: "all", editor: "all" },
  "incident.read": { ...POST_STAFF, ...BUREAU_DESK, auditor: "all" },
  "incident.update": { ...POST_STAFF, ...BUREAU_DESK },
  "incident.comment": { ...POST_STAFF, ...BUREAU_DESK },
  "incident.submit": { ...POST_STAFF, ...BUREAU_DESK },
  "incident.clear": { approver: "own_post" },
  "incident.return": { approver: "own_post", ...BUREAU_DESK },
  "incident.accept": { analyst: "bureau" },
  "incident.publish": { editor: "bureau" },
  "incident.retract": { ...BUREAU_DESK },
  "source.create": { ...POST_STAFF, analyst: "all", editor: "all" },
  "source.read": { ...POST_STAFF, ...BUREAU_DESK, auditor: "all" },
  "source.update": { ...POST_STAFF, ...BUREAU_DESK },
  "reference.read": EVERYONE,
  "analysis.read": { ...POST_STAFF, ...BUREAU_DESK, auditor: "all" },
  "stats.import": { ...POST_STAFF, analyst: "all", editor: "all" },
  // Shared figures: a post may not move the denominators of the bureau's analyses of other countries.
  "stats.import_denominator": { analyst: "all", editor: "all" },
  "stats.read": { reporter: "all", approver: "all", analyst: "all", editor: "all", auditor: "all" },
  "case_outcome.create": { reporter: "all", approver: "all", analyst: "all", editor: "all" },
  "case_outcome.read": { reporter: "all", approver: "all", analyst: "all", editor: "all", auditor: "all" },
  "case_outcome.update": { ...POST_STAFF, analyst: "all", editor: "all" },
  "notable_case.create": { reporter: "all", approver: "all", analyst: "all", editor: "all" },
  "notable_case.read": { reporter: "all", approver: "all", analyst: "all", editor: "all", auditor: "all" },
  "notable_case.update": { ...POST_STAFF, analyst: "all", editor: "all" },

  // A post reports on its own host country from its own records; the bureau on any country.
  "report.create": { ...POST_STAFF, analyst: "all", editor: "all" },
  // Freezing is the post's clearance (its approver) or the bureau's.
  "report.freeze": { approver: "own_post", analyst: "all", editor: "all" },
  "report.read": { ...POST_STAFF, analyst: "all", editor: "all", auditor: "all" },
  "report_template.manage": { editor: "all", admin: "all" },
  "user.read": { admin: "all", auditor: "all" },
  "user.manage": { admin: "all" },
  "post.manage": { admin: "all" },
  "taxonomy.manage": { admin: "all" },
  "audit.read": { admin: "all", auditor: "all" },
  "audit.checkpoint": {},
  "account.self": EVERYONE,
  // A job is its requester's to follow (the service checks whose it is); admins run the queue.
  "job.read": EVERYONE,
  "job.manage": { admin: "all" },
  // A post reads the taskings issued to it (the service checks the targets); the bureau reads all.
  "tasking.read": { ...POST_STAFF, analyst: "all", editor: "all", auditor: "all" },
  "tasking.manage": { editor: "all" },
  // A post sees its own responses; the bureau sees every post's, drafts included (compliance shows them).
  "tasking_response.read": { ...POST_STAFF, analyst: "all", editor: "all", auditor: "all" },
  "tasking_response.update": POST_STAFF,
  "tasking_response.submit": POST_STAFF,
  "tasking_response.clear": { approver: "own_post" },
  "tasking_response.return": { approver: "own_post", analyst: "all", editor: "all" },
  "tasking_response.accept": { analyst: "all" },
  // Everyone has an inbox of their own; the service reads only the caller's.
  "notification.self": EVERYONE,
  // An engagement is its post's record: the post's staff record it; the bureau sees what posts submitted (the incidents' rule).
  "engagement.create": POST_STAFF,
  "engagement.read": { ...POST_STAFF, ...BUREAU_DESK, auditor: "all" },
  "engagement.update": POST_STAFF,
  "engagement.follow_up": POST_STAFF,
  "engagement.submit": POST_STAFF,
  "engagement.clear": { approver: "own_post" },
  "engagement.return": { approver: "own_post", ...BUREAU_DESK },
  "engagement.accept": { analyst: "bureau" },
  "engagement.mark_notable": BUREAU_DESK,
};

/** The kinds of record that go through the review workflow, by the prefix of their policy actions. */
export type ReviewedRecord = "incident" | "tasking_response" | "engagement";

function workflowAction(record: ReviewedRecord, action: WorkflowAction): Action | null {
  const name = `${record}.${action}`;
  return (ACTIONS as readonly string[]).includes(name) ? (name as Action) : null;
}

/**
 * Which role may take a workflow action from which state. `return` means different things at the
 * two desks: the post's approver returns a submission, the bureau returns a cleared one.
 */
const TRANSITION_ROLES: Record<WorkflowAction, Partial<Record<WorkflowState, readonly Role[]>>> = {
  submit: { draft: ["reporter", "approver", "analyst", "editor"], returned: ["reporter", "approver", "analyst", "editor"] },
  clear: { submitted: ["approver"] },
  return: { submitted: ["approver"], cleared: ["analyst", "editor"] },
  accept: { cleared: ["analyst"] },
  publish: { accepted: ["editor"] },
  retract: { accepted: ["analyst", "editor"], published: ["analyst", "editor"] },
};

/** The roles that may take `action` on a record in `state` (whose turn a waiting record is: notifications). */
export function transitionRoles(action: WorkflowAction, state: WorkflowState): readonly Role[] {
  return TRANSITION_ROLES[action][state] ?? [];
}

/** What decides whether an actor may see a record: its post, its state and who recorded it. */
export interface ScopedRecord {
  post_code: string;
  state?: string;
  /** The post of the user who recorded it (BUREAU for bureau authors). */
  author_post_code: string | null;
}

/** The rows an actor may see, as data the repositories turn into SQL. */
export type Visibility = { kind: "all" } | { kind: "post"; post: string } | { kind: "bureau" } | { kind: "none" };

export function visibilityOf(actor: Actor | null, action: Action = "incident.read"): Visibility {
  if (actor === null) return { kind: "none" };
  if (actor.kind === "system") return { kind: "all" };
  const scope = POLICY[action][actor.role];
  if (scope === undefined) return { kind: "none" };
  if (scope === "all") return { kind: "all" };
  if (scope === "own_post") return { kind: "post", post: actor.postCode };
  return { kind: "bureau" };
}

/** The same rule as `visibilityOf`, for one record in memory. */
export function canSee(actor: Actor | null, record: ScopedRecord, action: Action = "incident.read"): boolean {
  const visibility = visibilityOf(actor, action);
  switch (visibility.kind) {
    case "all":
      return true;
    case "none":
      return false;
    case "post":
      return record.post_code === visibility.post;
    case "bureau":
      return record.state !== "draft" || record.author_post_code === BUREAU_POST;
  }
}

export function can(actor: Actor | null, action: Action, record?: ScopedRecord): boolean {
  if (actor === null) return false;
  if (actor.kind === "system") return true;
  if (POLICY[action][actor.role] === undefined) return false;
  return record === undefined || canSee(actor, record, action);
}

/**
 * Throw unless the actor may take `action` (on `record`, when given): 401 without an actor,
 * 403 when the role may never take the action, 404 when the record is outside the actor's scope
 * (so its existence does not leak).
 */
export function authorize(actor: Actor | null, action: Action, record?: ScopedRecord, what = "Record"): void {
  if (actor === null) throw new UnauthenticatedError();
  if (actor.kind === "system") return;
  if (POLICY[action][actor.role] === undefined) throw new ForbiddenError(`A ${actor.role} may not do this (${action}).`);
  if (record !== undefined && !canSee(actor, record, action)) throw new NotFoundError(what);
}

/** Workflow actions this actor may take on this record now (for the 409 message and the web app). */
export function allowedTransitions(actor: Actor | null, record: ScopedRecord & { state: WorkflowState }, kind: ReviewedRecord = "incident"): WorkflowAction[] {
  if (actor === null) return [];
  return (Object.keys(TRANSITION_ROLES) as WorkflowAction[]).filter((action) => {
    const roles = TRANSITION_ROLES[action][record.state];
    const policyAction = workflowAction(kind, action);
    if (!roles || policyAction === null) return false;
    if (actor.kind === "system") return true;
    if (!roles.includes(actor.role) || !can(actor, policyAction, record)) return false;
    // The bureau submits only what the bureau itself recorded; a post's drafts are the post's to submit.
    return action !== "submit" || actor.postCode !== BUREAU_POST || record.author_post_code === BUREAU_POST;
  });
}

/**
 * Throw unless the actor may take `action` on this reviewed record now, and give the state it leads
 * to: 403 when the role may never take the step, 409 (with the steps that are open) when the step
 * does not fit the record's state or this desk, 404 when the record is outside the actor's scope.
 * Incidents, tasking responses and engagements share it, as they share the review path.
 */
export function authorizeTransition(
  actor: Actor | null,
  record: ScopedRecord & { state: WorkflowState },
  action: WorkflowAction,
  kind: ReviewedRecord,
  noun: { one: string; many: string; what: string },
): WorkflowState {
  if (actor === null) throw new UnauthenticatedError();
  const allowed = allowedTransitions(actor, record, kind);
  const to = nextState(record.state, action);
  if (to === null || !allowed.includes(action)) {
    if (actor.kind !== "system") {
      const role = actor.role;
      const roleMayEver = Object.values(TRANSITION_ROLES[action]).some((roles) => roles.includes(role));
      if (!roleMayEver) throw new ForbiddenError(`A ${role} may not ${action} ${noun.many}.`);
    }
    throw new AppError(
      409,
      "illegal_transition",
      allowed.length > 0
        ? `You cannot ${action} this ${record.state} ${noun.one}; you may: ${allowed.join(", ")}.`
        : `You cannot ${action} this ${record.state} ${noun.one}, and no workflow action is open to you on it now.`,
      [],
      { state: record.state, allowed_actions: allowed },
    );
  }
  authorize(actor, workflowAction(kind, action)!, record, noun.what);
  return to;
}

/**
 * Whether the actor may edit this record now (given they may update records at all and can see it):
 * the post edits its drafts and returned records; the bureau edits its own drafts and returned
 * records and corrects accepted ones (each correction audited as such).
 */
export function mayEdit(actor: Actor | null, record: ScopedRecord & { state: WorkflowState }, kind: ReviewedRecord = "incident"): boolean {
  if (!can(actor, `${kind}.update`, record)) return false;
  const state = record.state;
  if (actor!.kind === "system") return true;
  if (actor!.postCode !== BUREAU_POST) return POST_EDITABLE_STATES.includes(state);
  return BUREAU_CORRECTABLE_STATES.includes(state) || (record.author_post_code === BUREAU_POST && POST_EDITABLE_STATES.includes(state));
}
