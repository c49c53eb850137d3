// The database as Kysely sees it: one interface per table. Column types are what both dialects
// return after src/db/connection.ts has set its parsers and plugins: dates and timestamps are
// strings, int8 is a number, booleans are booleans (SQLite's 0/1 are turned into them by
// rows.ts), and the columns holding a closed vocabulary have its type.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type {
  CourtLevel,
  DatePrecision,
  EmailDeliveryState,
  EmailPreference,
  NotificationKind,
  GeoPrecision,
  HandlingMarking,
  JobKind,
  JobState,
  LinkedRecordKind,
  CounterpartLevel,
  EngagementInitiator,
  EngagementKind,
  EngagementResponse,
  OfficeType,
  TaskingRecurrence,
  TaskingState,
  LegalStatus,
  MigrationStatus,
  ReportKind,
  MigrationStatusBasis,
  Role,
  SourceKind,
  SourceReliability,
  VerificationStatus,
  WorkflowState,
} from "../domain/vocabulary.js";

interface CountryTable {
  code: string; // ISO 3166-1 alpha-2
  alpha3: string;
  numeric_code: string;
  name: string;
  region: string | null; // UN M49 region (null for Antarctica)
  sub_region: string | null;
  region_code: string | null;
  sub_region_code: string | null;
}

export interface PostTable {
  code: string; // host country alpha-2 for embassies, BUREAU for the bureau
  name: string;
  kind: "embassy" | "bureau";
  country_code: string | null;
  city: string;
  created_at: string;
}

interface TaxonomyVersionTable {
  version: number;
  label: string;
  effective_from: string;
  created_at: string;
}

export interface TaxonomyCategoryTable {
  version: number;
  code: string;
  parent_code: string | null;
  label: string;
  iccs: string | null;
}

interface UserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  post_code: string;
  password_hash: string;
  must_change_password: boolean;
  disabled_at: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  csrf_token: string | null;
  /** 'second_factor' while the session waits for its TOTP or recovery code (migration 008). */
  pending_step: "second_factor" | null;
}

export interface SecondFactorTable {
  user_id: string;
  /** The TOTP secret, base32. */
  secret: string;
  created_at: string;
  /** Null while enrolment waits for its first code. */
  confirmed_at: string | null;
  /** The last 30-second step accepted (no code is accepted twice). */
  last_step: number | null;
}

interface RecoveryCodeTable {
  code_hash: string;
  user_id: string;
  created_at: string;
  used_at: string | null;
}

interface OidcIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: string;
}

export interface OidcLoginTable {
  state_hash: string;
  code_verifier: string;
  nonce: string;
  expires_at: string;
}

interface SequenceTable {
  name: string;
  value: number;
}

interface IncidentTable {
  id: string;
  number: number; // human reference, allocated from `sequences`; also the search index key
  post_code: string;
  country_code: string;
  admin_region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  geo_precision: GeoPrecision;
  occurred_from: string;
  occurred_to: string;
  date_precision: DatePrecision;
  reported_date: string | null;
  title: string;
  summary: string;
  victims_count: number | null;
  victims_minors: number | null;
  victims_female: number | null;
  victims_male: number | null;
  victims_sex_unknown: number | null;
  perpetrators_count: number | null;
  bias_motivations: string; // JSON array of codes
  legal_status: LegalStatus;
  sentence_custodial_months: number | null;
  sentence_suspended: boolean | null;
  sentence_fine_amount: number | null;
  sentence_fine_currency: string | null;
  sentence_other: string | null;
  sentence_court: string | null;
  sentence_date: string | null;
  verification_status: VerificationStatus;
  handling_marking: HandlingMarking;
  synthetic: boolean;
  state: WorkflowState;
  version: number;
  taxonomy_version: number;
  author_post_code: string | null; // the post of the user who recorded it (BUREAU for the bureau)
  retraction_reason: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

interface IncidentCategoryTable {
  incident_id: string;
  taxonomy_version: number;
  category_code: string;
}

export interface PerpetratorGroupTable {
  incident_id: string;
  ordinal: number;
  count: number | null;
  migration_status: MigrationStatus;
  basis: MigrationStatusBasis | null;
  nationality: string | null;
}

interface SourceTable {
  id: string;
  kind: SourceKind;
  publisher: string;
  title: string;
  url: string | null;
  language: string | null;
  published_date: string | null;
  archived_sha256: string | null;
  reliability: SourceReliability;
  credibility: number;
  synthetic: boolean;
  version: number;
  author_post_code: string | null; // the post of the user who recorded it
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

interface IncidentSourceTable {
  incident_id: string;
  source_id: string;
  /** Order of citation within the incident, from 0. */
  position: number;
  added_by: string;
  added_at: string;
}

export interface AuditEventTable {
  id: number; // allocated from audit_chain_head, so the chain and the ids agree
  at: string;
  actor_user_id: string | null;
  actor_system: string | null; // set when the system acted (CLI, bootstrap), else null
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string | null; // null only before migration 002 chained the log
  hash: string | null;
}

export interface AuditChainHeadTable {
  id: number;
  last_event_id: number;
  last_hash: string;
}

/** A signed checkpoint of the audit chain (a copy of a line of the checkpoint file). */
export interface AuditCheckpointTable {
  sequence: number;
  last_event_id: number;
  chain_hash: string;
  at: string;
  signature: string;
}

/** A sign-in rate-limit window: the attempts from one address until window_ends_at (ms since the epoch). */
interface LoginAttemptTable {
  address: string;
  count: number;
  window_ends_at: number;
}

export interface IncidentCommentTable {
  id: string;
  incident_id: string;
  author_user_id: string;
  kind: "comment" | "return" | "retract";
  body: string;
  created_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Official statistics (migration 003). */
interface GeoTable {
  code: string; // ISO alpha-2 for countries; the publisher's code for aggregates and regions
  kind: "country" | "aggregate" | "region";
  label: string;
  country_code: string | null;
}

export interface DatasetTable {
  id: string;
  publisher: string;
  code: string;
  title: string;
  licence: string | null;
  url: string | null;
  retrieved_at: string;
  revision: number;
  last_update: string | null;
  created_at: string;
  updated_at: string;
}

interface SeriesTable {
  id: string;
  dataset_id: string;
  key: string;
  dimensions: string; // JSON {dim: code}
  dimension_labels: string | null; // JSON {dim: label}
  unit: string | null;
}

export interface ObservationTable {
  series_id: string;
  geo: string;
  period: string;
  value: number;
  flag: string | null;
}

/** What a value became at a revision of its dataset (migration 010); value null: withdrawn. */
interface ObservationRevisionTable {
  series_id: string;
  geo: string;
  period: string;
  revision: number;
  value: number | null;
  flag: string | null;
}

/** A few case outcomes of one country shown side by side, without a statistical claim (018). */
export interface NotableCaseTable {
  id: string;
  /** The post that recorded it (BUREAU for the bureau): its staff and the bureau change it. */
  post_code: string;
  country_code: string;
  title: string;
  description: string;
  synthetic: boolean;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string | null;
  updated_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
}

/** An outcome's part in a notable case; a removed link is kept (removed_at set). */
export interface NotableCaseOutcomeTable {
  notable_case_id: string;
  case_outcome_id: string;
  role: string;
  position: number;
  removed_at: string | null;
  removed_by: string | null;
  removed_reason: string | null;
}

interface NotableCaseIncidentTable {
  notable_case_id: string;
  incident_id: string;
}

export interface CaseOutcomeTable {
  id: string;
  country_code: string;
  offence_category: string;
  iccs_code: string | null;
  court_level: CourtLevel;
  decision_date: string;
  defendant_migration_status: MigrationStatus;
  defendant_status_basis: MigrationStatusBasis | null;
  convicted: boolean;
  custodial_months: number | null;
  suspended: boolean | null;
  fine_amount: number | null;
  fine_currency: string | null;
  sentence_other: string | null;
  incident_id: string | null;
  synthetic: boolean;
  created_by: string;
  created_at: string;
  /** Optimistic concurrency of corrections. */
  version: number;
  /** The post that recorded it (BUREAU for the bureau): its staff and the bureau correct it. */
  post_code: string;
  /** The id an import names it by (unique per country). */
  external_id: string | null;
  updated_by: string | null;
  updated_at: string | null;
  /** Withdrawn (never deleted): out of every comparison, kept with its reason. */
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
}

export interface ReportTemplateTable {
  kind: string;
  year: number;
  revision: number;
  sections: string; // JSON [{section, heading}]
  updated_by: string;
  updated_at: string;
}

export interface ReportTable {
  id: string;
  kind: ReportKind;
  title: string;
  parameters: string; // JSON
  post_code: string;
  created_by: string;
  created_at: string;
}

export interface ReportVersionTable {
  report_id: string;
  version: number;
  as_of: string;
  template_id: string;
  template_version: string;
  content: string; // ReportDocument, canonical JSON
  sha256: string;
  synthetic: boolean;
  frozen_by: string;
  frozen_at: string;
  /** The latest audit checkpoint when the version was frozen (null before the first). */
  audit_checkpoint: number | null;
}

/** Long work run off the request thread (modules/jobs/); payload, result and error are JSON text. */
export interface JobTable {
  id: string;
  kind: JobKind;
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_after: string;
  host: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  progress_done: number;
  progress_total: number | null;
  progress_message: string | null;
  result: string | null;
  error: string | null;
  requested_by: string | null;
  requested_post: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** A tally of incidents sharing a key (migrations 009 and 017, modules/incidents/tallies-repo.ts). */
interface IncidentTallyTable {
  facet: "groups" | "category" | "status" | "category_groups";
  state: WorkflowState;
  post_code: string;
  /** '' for a record without one. */
  author_post_code: string;
  country_code: string;
  /** YYYY-MM. */
  window_from: string;
  window_to: string;
  /** Dated to a day or a week. */
  pinned: boolean;
  synthetic: boolean;
  /** '' (all), a top-level category, or a migration status. */
  code: string;
  incidents: number;
}

export interface TaskingTable {
  id: string;
  reference: string;
  title: string;
  handling: HandlingMarking;
  body: string;
  requirements: string; // JSON
  period_from: string;
  period_to: string;
  due_date: string;
  recurrence: TaskingRecurrence;
  state: TaskingState;
  synthetic: boolean;
  issued_version: number;
  version: number;
  series_of: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  issued_at: string | null;
  closed_at: string | null;
}

interface TaskingTargetTable {
  tasking_id: string;
  post_code: string;
}

interface TaskingVersionTable {
  tasking_id: string;
  version: number;
  content: string; // JSON
  note: string | null;
  issued_by: string;
  issued_at: string;
}

export interface TaskingResponseTable {
  id: string;
  tasking_id: string;
  post_code: string;
  state: WorkflowState;
  version: number;
  return_comment: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  first_submitted_at: string | null;
  submitted_at: string | null;
  cleared_at: string | null;
  accepted_at: string | null;
}

interface TaskingAnswerTable {
  response_id: string;
  requirement: number;
  nothing_to_report: boolean;
  narrative: string | null;
}

interface TaskingLinkTable {
  response_id: string;
  requirement: number;
  record_kind: LinkedRecordKind;
  record_id: string;
}

export interface NotificationTable {
  id: string;
  dedupe_key: string;
  recipient_id: string;
  kind: NotificationKind;
  entity_type: string;
  entity_id: string;
  text: string;
  link: string;
  audit_event_id: number | null;
  created_at: string;
  read_at: string | null;
}

interface NotificationCursorTable {
  id: number;
  last_event_id: number;
  updated_at: string;
}

export interface EmailDeliveryTable {
  id: string;
  dedupe_key: string;
  recipient_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  state: EmailDeliveryState;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

interface NotificationPreferenceTable {
  user_id: string;
  email: EmailPreference;
  updated_at: string;
}

export interface EngagementTable {
  id: string;
  post_code: string;
  author_post_code: string;
  country_code: string;
  date: string;
  kind: EngagementKind;
  office: string;
  level: CounterpartLevel;
  office_type: OfficeType;
  initiated_by: EngagementInitiator;
  message: string;
  response: EngagementResponse;
  response_text: string | null;
  handling: HandlingMarking;
  synthetic: boolean;
  notable: boolean;
  state: WorkflowState;
  version: number;
  return_comment: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  submitted_at: string | null;
  cleared_at: string | null;
  accepted_at: string | null;
}

interface EngagementTopicTable {
  engagement_id: string;
  category_code: string;
}

export interface EngagementFollowUpTable {
  engagement_id: string;
  number: number;
  action: string;
  owner_user_id: string | null;
  owner_role: string | null;
  due_date: string;
  completed_at: string | null;
  completed_by: string | null;
}

/** A stored file (the files module): its bytes and what is known of them; no person. */
export interface FileTable {
  id: string;
  sha256: string;
  size_bytes: number;
  media_type: string;
  filename: string;
  content: Buffer;
  created_at: string;
}

export interface EngagementAttachmentTable {
  file_id: string;
  engagement_id: string;
  added_at: string;
}

export interface Database {
  countries: CountryTable;
  posts: PostTable;
  taxonomy_versions: TaxonomyVersionTable;
  taxonomy_categories: TaxonomyCategoryTable;
  users: UserTable;
  sessions: SessionTable;
  second_factors: SecondFactorTable;
  recovery_codes: RecoveryCodeTable;
  oidc_identities: OidcIdentityTable;
  oidc_logins: OidcLoginTable;
  sequences: SequenceTable;
  incidents: IncidentTable;
  incident_categories: IncidentCategoryTable;
  incident_perpetrator_groups: PerpetratorGroupTable;
  incident_tallies: IncidentTallyTable;
  sources: SourceTable;
  incident_sources: IncidentSourceTable;
  audit_events: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  audit_checkpoints: AuditCheckpointTable;
  login_attempts: LoginAttemptTable;
  incident_comments: IncidentCommentTable;
  api_tokens: ApiTokenTable;
  geos: GeoTable;
  datasets: DatasetTable;
  series: SeriesTable;
  observations: ObservationTable;
  observation_revisions: ObservationRevisionTable;
  case_outcomes: CaseOutcomeTable;
  notable_cases: NotableCaseTable;
  notable_case_outcomes: NotableCaseOutcomeTable;
  notable_case_incidents: NotableCaseIncidentTable;
  report_templates: ReportTemplateTable;
  reports: ReportTable;
  report_versions: ReportVersionTable;
  jobs: JobTable;
  taskings: TaskingTable;
  tasking_targets: TaskingTargetTable;
  tasking_versions: TaskingVersionTable;
  tasking_responses: TaskingResponseTable;
  tasking_answers: TaskingAnswerTable;
  tasking_links: TaskingLinkTable;
  notifications: NotificationTable;
  notification_cursor: NotificationCursorTable;
  email_deliveries: EmailDeliveryTable;
  notification_preferences: NotificationPreferenceTable;
  engagements: EngagementTable;
  engagement_topics: EngagementTopicTable;
  engagement_follow_ups: EngagementFollowUpTable;
  files: FileTable;
  engagement_attachments: EngagementAttachmentTable;
}

export type IncidentRow = Selectable<IncidentTable>;
export type NewIncidentRow = Insertable<IncidentTable>;
export type IncidentUpdate = Updateable<IncidentTable>;
export type SourceRow = Selectable<SourceTable>;
export type NewSourceRow = Insertable<SourceTable>;
export type UserRow = Selectable<UserTable>;
