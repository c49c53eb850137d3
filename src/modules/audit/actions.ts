// The closed list of what the audit log records: every action, the kind of entity it is about,
// and, where the payload is the log's own (not a presented record), its shape. recordAudit takes
// only these, so a misspelt action or a payload that drifts from the readers' expectations fails
// the type check. Presented records (a user, an incident, a source) are `unknown` here: their
// shapes belong to their modules, which import this one.
import type { WorkflowAction } from "../../domain/workflow.js";
import type { WorkflowState } from "../../domain/vocabulary.js";

/** Why a sign-in (or a password change's check of the current password) failed. */
export type LoginFailure = "unknown_email" | "disabled" | "locked" | "wrong_password" | "wrong_current_password" | "wrong_second_factor";

/** Why single sign-on refused someone the provider vouched for. */
export type SsoRefusal = "failed" | "disabled" | "locked" | "no_account" | "email_unverified" | "unknown_post";

/** A record presented by its module, as it was before or after the change. */
type Presented = unknown;

/** The user's sessions and API tokens ended with the change (disable, reset). */
interface CredentialsEnded {
  sessions_ended: number;
  tokens_revoked: number;
}

interface AuditEvents {
  "auth.login": { entityType: "user"; after: { ip: string; via?: "password" | "sso"; second_factor_pending?: boolean } };
  /** A pending sign-in completed with a TOTP code or a recovery code. */
  "auth.second_factor": { entityType: "user"; after: { ip: string; with: "totp" | "recovery_code" } };
  "auth.second_factor_enable": { entityType: "user"; after: { recovery_codes: number } };
  "auth.second_factor_disable": { entityType: "user" };
  "auth.recovery_codes_regenerate": { entityType: "user"; after: { recovery_codes: number } };
  /** The identity provider's subject linked to the account it signed in (matched by verified e-mail). */
  "auth.sso_link": { entityType: "user"; after: { issuer: string; subject: string; email: string } };
  /** An account made at the first single sign-on, with the role the provider granted. */
  "auth.sso_create": { entityType: "user"; after: Presented & { issuer: string; subject: string; granted: string } };
  "auth.sso_refused": {
    entityType: "login";
    after: { reason: SsoRefusal; issuer: string; subject: string | null; email: string | null; ip: string; detail?: string };
  };
  /** An administrator removed a user's second factor (they set one up again at the next sign-in). */
  "user.second_factor_reset": { entityType: "user"; before: Presented; after: Presented & CredentialsEnded };
  /** An unknown e-mail is logged against the `login` it tried (or "(not an e-mail address)"). */
  "auth.login_failed": { entityType: "user" | "login"; after: { reason: LoginFailure; ip: string; failed_logins?: number } };
  "auth.lockout": { entityType: "user"; after: { locked_until: string; failed_logins: number; ip: string } };
  "auth.logout": { entityType: "user" };
  "auth.password_change": { entityType: "user"; before: Presented; after: Presented & { other_sessions_ended: number } };
  "api_token.create": { entityType: "api_token"; after: Presented & { user_id: string } };
  "api_token.revoke": { entityType: "api_token"; before: Presented; after: Presented };
  "user.create": { entityType: "user"; after: Presented };
  "user.update": { entityType: "user"; before: Presented; after: Presented };
  "user.role_change": { entityType: "user"; before: Presented; after: Presented };
  "user.disable": { entityType: "user"; before: Presented; after: Presented & CredentialsEnded };
  "user.enable": { entityType: "user"; before: Presented; after: Presented };
  "user.password_reset": { entityType: "user"; before: Presented; after: Presented & CredentialsEnded };
  "post.create": { entityType: "post"; after: Presented };
  "post.update": { entityType: "post"; before: Presented; after: Presented };
  "taxonomy.publish": { entityType: "taxonomy"; after: { label: string; effective_from: string; categories: unknown[] } };
  "source.create": { entityType: "source"; after: Presented };
  "source.update": { entityType: "source"; before: Presented; after: Presented };
  "incident.create": { entityType: "incident"; after: Presented & { categories: unknown[]; perpetrator_groups: unknown[]; sources: string[] } };
  "incident.update": { entityType: "incident"; before: Presented; after: Presented };
  /** A change to a record the bureau has accepted. */
  "incident.correct": { entityType: "incident"; before: Presented; after: Presented };
  "incident.source_attach": { entityType: "incident"; before: { sources: string[] }; after: { sources: string[] } };
  "incident.comment": { entityType: "incident"; after: { comment_id: string; body: string } };
  "case_outcome.create": { entityType: "case_outcome"; after: Presented };
  /** A correction, with the corrector's reason (by hand, or an import's changed row: "imported from FILE, line N"). */
  "case_outcome.update": { entityType: "case_outcome"; before: Presented; after: Presented & { reason: string } };
  /** Withdrawn (never deleted), with its reason. */
  "case_outcome.withdraw": { entityType: "case_outcome"; before: Presented; after: Presented };
  "notable_case.create": { entityType: "notable_case"; after: Presented };
  "notable_case.update": { entityType: "notable_case"; before: Presented; after: Presented };
  /** One outcome's link removed (kept, marked), with the reason. */
  "notable_case.unlink": { entityType: "notable_case"; before: Presented; after: Presented & { case_outcome_id: string; reason: string } };
  /** Withdrawn (never deleted), with its reason. */
  "notable_case.withdraw": { entityType: "notable_case"; before: Presented; after: Presented };

  "stats.import": { entityType: "dataset"; before?: Presented; after: Presented };
  "report.create": { entityType: "report"; after: Presented };
  "report.freeze": { entityType: "report"; after: Presented };
  "report_template.update": { entityType: "report_template"; before?: Presented; after: Presented };
  /** Jobs (modules/jobs/): asked for, taken by a runner (each attempt), tried again later, ended; an admin's cancel and retry. */
  "job.enqueue": { entityType: "job"; after: { kind: string; max_attempts: number; host: string | null } };
  "job.start": { entityType: "job"; after: { attempt: number; runner: string } };
  "job.retry_later": { entityType: "job"; after: { attempt: number; run_after: string; error: string } };
  "job.succeed": { entityType: "job"; after: { attempt: number } };
  "job.fail": { entityType: "job"; after: { attempt: number; error: string } };
  "job.cancel": { entityType: "job"; before: { state: string } };
  "job.requeue": { entityType: "job"; before: { state: string; attempts: number } };
  /** Taskings: drafted, edited as a draft, issued (version 1), amended (a new version posts see), closed. */
  "tasking.create": { entityType: "tasking"; after: Presented };
  "tasking.update": { entityType: "tasking"; before: Presented; after: Presented };
  "tasking.issue": { entityType: "tasking"; after: { version: number; posts: string[]; recurring_from?: string } };
  "tasking.amend": { entityType: "tasking"; before: Presented; after: Presented & { note: string } };
  "tasking.close": { entityType: "tasking"; before: { state: string } };
  /** A post's response: started, edited (answers and links), and its review steps. */
  "tasking_response.create": { entityType: "tasking_response"; after: Presented };
  "tasking_response.update": { entityType: "tasking_response"; before: Presented; after: Presented };
  /** A user chose how their notifications are e-mailed (immediate, daily_digest, none). */
  "notification.preferences_update": { entityType: "user"; before: { email: string }; after: { email: string } };
  /** Engagements with the host government: recorded, edited, follow-up actions added and completed, marked notable by the bureau. */
  "engagement.create": { entityType: "engagement"; after: Presented };
  "engagement.update": { entityType: "engagement"; before: Presented; after: Presented };
  "engagement.follow_up_add": { entityType: "engagement"; after: Presented };
  "engagement.follow_up_complete": { entityType: "engagement"; before: Presented; after: Presented };
  "engagement.notable": { entityType: "engagement"; before: { notable: boolean }; after: { notable: boolean } };
  /** A file attached to an engagement (what the files module keeps of it: name, kind, size, SHA-256), and one removed (its bytes go; this stays). */
  "engagement.attachment_add": { entityType: "engagement"; after: Presented };
  "engagement.attachment_remove": { entityType: "engagement"; before: Presented };
  /** The chain head signed at this checkpoint's sequence number (the event itself is covered by it). */
  "audit.checkpoint": { entityType: "audit_checkpoint"; after: { sequence: number } };
}

/** A workflow step on an incident: its state and version before and after, and the note it carried. */
type WorkflowEvents = {
  [A in WorkflowAction as `incident.${A}`]: {
    entityType: "incident";
    before: { state: WorkflowState; version: number };
    after: { state: WorkflowState; version: number; note?: string };
  };
};

/** A review step on a tasking response, like an incident's. */
type ResponseWorkflowEvents = {
  [A in "submit" | "clear" | "accept" | "return" as `tasking_response.${A}`]: {
    entityType: "tasking_response";
    before: { state: WorkflowState; version: number };
    after: { state: WorkflowState; version: number; note?: string };
  };
};

/** A review step on an engagement, like an incident's. */
type EngagementWorkflowEvents = {
  [A in "submit" | "clear" | "accept" | "return" as `engagement.${A}`]: {
    entityType: "engagement";
    before: { state: WorkflowState; version: number };
    after: { state: WorkflowState; version: number; note?: string };
  };
};

type AllEvents = AuditEvents & WorkflowEvents & ResponseWorkflowEvents & EngagementWorkflowEvents;

type AuditAction = keyof AllEvents;

/** One event to record: its action, what it is about, and the payload that action carries. */
export type AuditEntry = { [A in AuditAction]: { action: A; entityId: string } & AllEvents[A] }[AuditAction];
