// The closed vocabularies of PRODUCT.md §2–§3. Each is a tuple so zod, the database checks and
// the OpenAPI document all read the same list.

export const ROLES = ["reporter", "approver", "analyst", "editor", "admin", "auditor"] as const;
export type Role = (typeof ROLES)[number];
/** Roles that belong to a post (embassy); the others belong to the bureau. */
export const POST_ROLES: readonly Role[] = ["reporter", "approver"];
export const BUREAU_POST = "BUREAU";
/** Roles that must sign in with a second factor unless configured otherwise (SECOND_FACTOR_ROLES). */
export const DEFAULT_SECOND_FACTOR_ROLES: readonly Role[] = ["admin", "editor", "auditor"];

export const WORKFLOW_STATES = ["draft", "submitted", "cleared", "accepted", "published", "returned", "retracted"] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export const GEO_PRECISIONS = ["exact", "locality", "region", "country"] as const;
export type GeoPrecision = (typeof GEO_PRECISIONS)[number];
export const DATE_PRECISIONS = ["day", "week", "month", "year"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** Migration status as reported by a source; never inferred from names or appearance. */
export const MIGRATION_STATUSES = [
  "citizen_by_birth",
  "citizen_naturalised",
  "eu_efta_national",
  "third_country_resident",
  "asylum_seeker",
  "refugee_or_protected",
  "tolerated_stay",
  "irregular",
  "unknown",
] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];
export const MIGRATION_STATUS_BASES = ["court_record", "official_statement", "credible_media", "other"] as const;

/** ODIHR grouping of bias motivations; a property of the offence, never of a person. */
export const BIAS_MOTIVATIONS = ["antisemitic", "anti_christian", "anti_muslim", "racist_xenophobic", "anti_migrant", "anti_lgbti", "other"] as const;

export const LEGAL_STATUSES = ["reported", "investigated", "charged", "tried", "convicted", "acquitted", "dismissed"] as const;
export const VERIFICATION_STATUSES = ["unverified", "corroborated", "confirmed_by_authorities", "disputed", "retracted"] as const;
export const HANDLING_MARKINGS = ["UNCLASSIFIED", "SBU"] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export type HandlingMarking = (typeof HANDLING_MARKINGS)[number];

export const SOURCE_KINDS = [
  "news",
  "court_record",
  "police_or_prosecutor_statement",
  "official_statistics",
  "ngo_report",
  "parliamentary_record",
  "social_media",
  "official_meeting",
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** Admiralty code: reliability of the source (A completely reliable … F cannot be judged). */
export const SOURCE_RELIABILITY = ["A", "B", "C", "D", "E", "F"] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];
/** Admiralty code: credibility of the information (1 confirmed … 6 cannot be judged). */
export const INFORMATION_CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;

/** The court that decided a case outcome. */
export const COURT_LEVELS = ["first_instance", "appeal", "supreme", "other"] as const;
export type CourtLevel = (typeof COURT_LEVELS)[number];
export type MigrationStatusBasis = (typeof MIGRATION_STATUS_BASES)[number];

/** What a report is: a post's cable, the country report's section, a comparative brief. */
export const REPORT_KINDS = ["cable", "country", "brief"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Where a tasking stands: drafted by the bureau, issued to its posts (amendments keep it issued), closed. */
export const TASKING_STATES = ["draft", "issued", "closed"] as const;
export type TaskingState = (typeof TASKING_STATES)[number];

/** How often a tasking repeats itself: once, or issued again each month or quarter by a job. */
export const TASKING_RECURRENCES = ["none", "monthly", "quarterly"] as const;
export type TaskingRecurrence = (typeof TASKING_RECURRENCES)[number];

/** Where a post stands on a tasking in the compliance matrix (modules/taskings/compliance.ts decides). */
export const COMPLIANCE_STATUSES = ["not_started", "draft", "returned", "submitted", "cleared", "accepted", "overdue"] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** The kinds of record a tasking response may link to a requirement. */
export const LINKED_RECORD_KINDS = ["incident", "dataset", "engagement"] as const;
export type LinkedRecordKind = (typeof LINKED_RECORD_KINDS)[number];

/** What a job does (modules/jobs/): the closed list of kinds a runner has a handler for. */
export const JOB_KINDS = ["stats.import", "tasking.recur"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Where a job stands: queued → running → succeeded | failed | cancelled (a failed attempt goes back to queued until max_attempts). */
export const JOB_STATES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

/** What a notification tells someone (modules/notifications/): it is their turn, or something they wrote moved on. */
export const NOTIFICATION_KINDS = [
  "tasking.issued",
  "tasking.amended",
  "tasking.due_soon",
  "tasking.overdue",
  "record.returned",
  "record.cleared",
  "record.accepted",
  "record.awaiting_clearance",
  "record.awaiting_acceptance",
  "follow_up.due",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a user wants their notifications by e-mail: each at once, one digest a day, or only in the inbox. */
export const EMAIL_PREFERENCES = ["immediate", "daily_digest", "none"] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];

/** Where an e-mail stands in the outbox: queued (waiting, or to be tried again), sent, failed (given up). */
const EMAIL_DELIVERY_STATES = ["queued", "sent", "failed"] as const;
export type EmailDeliveryState = (typeof EMAIL_DELIVERY_STATES)[number];
/** An engagement with the host government (modules/engagements/): how the post's message was delivered. */
export const ENGAGEMENT_KINDS = ["meeting", "demarche", "call", "letter"] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];
/** The counterpart's level: an office and its level, never a private person. */
export const COUNTERPART_LEVELS = ["minister", "senior_official", "working_level"] as const;
export type CounterpartLevel = (typeof COUNTERPART_LEVELS)[number];
/** What the counterpart office does. */
export const OFFICE_TYPES = ["interior", "justice", "police", "immigration", "housing", "parliament", "local_authority", "other"] as const;
export type OfficeType = (typeof OFFICE_TYPES)[number];
/** Who asked for the engagement. */
export const ENGAGEMENT_INITIATORS = ["post", "host_government", "other"] as const;
export type EngagementInitiator = (typeof ENGAGEMENT_INITIATORS)[number];
/** How the host government answered the message; `no_response_yet` until it does. */
export const ENGAGEMENT_RESPONSES = ["receptive", "non_committal", "rejected", "no_response_yet"] as const;
export type EngagementResponse = (typeof ENGAGEMENT_RESPONSES)[number];
