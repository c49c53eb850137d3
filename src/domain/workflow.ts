// The review workflow of PRODUCT.md §5 as a state machine: which action moves a record from which
// state to which, and what each action needs (a comment, a reason). Who may take an action is
// the policy's business (modules/auth/policy.ts); this file knows only states.
import type { WorkflowState } from "./vocabulary.js";

export const WORKFLOW_ACTIONS = ["submit", "clear", "accept", "publish", "return", "retract"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

interface Transition {
  from: readonly WorkflowState[];
  to: WorkflowState;
  /** `return` needs a comment for the post; `retract` a reason that stays on the record. */
  needs?: "comment" | "reason";
}

const TRANSITIONS: Record<WorkflowAction, Transition> = {
  submit: { from: ["draft", "returned"], to: "submitted" },
  clear: { from: ["submitted"], to: "cleared" },
  accept: { from: ["cleared"], to: "accepted" },
  publish: { from: ["accepted"], to: "published" },
  return: { from: ["submitted", "cleared"], to: "returned", needs: "comment" },
  retract: { from: ["accepted", "published"], to: "retracted", needs: "reason" },
};

export function nextState(state: WorkflowState, action: WorkflowAction): WorkflowState | null {
  const transition = TRANSITIONS[action];
  return transition.from.includes(state) ? transition.to : null;
}

/** The dates a review step sets on a record (`now`), or, for a return, the comment it carries. */
export function stepColumns(action: "submit" | "clear" | "accept" | "return", now: string, comment?: string) {
  return action === "submit"
    ? { submitted_at: now }
    : action === "clear"
      ? { cleared_at: now }
      : action === "accept"
        ? { accepted_at: now }
        : { return_comment: comment ?? null };
}

/** States in which the post that owns a record may still edit it. */
export const POST_EDITABLE_STATES: readonly WorkflowState[] = ["draft", "returned"];

/** States the bureau may correct (each correction audited). */
export const BUREAU_CORRECTABLE_STATES: readonly WorkflowState[] = ["accepted"];
