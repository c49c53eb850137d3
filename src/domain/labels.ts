// Words for the vocabulary's codes, as a person reads them: one place for the web app and the
// documents alike. The codes come from domain/vocabulary.ts, so a new code is a type error here
// until it has a label.
import type {
  BIAS_MOTIVATIONS,
  COMPLIANCE_STATUSES,
  COUNTERPART_LEVELS,
  COURT_LEVELS,
  DATE_PRECISIONS,
  ENGAGEMENT_INITIATORS,
  ENGAGEMENT_KINDS,
  ENGAGEMENT_RESPONSES,
  GEO_PRECISIONS,
  JOB_KINDS,
  JOB_STATES,
  LEGAL_STATUSES,
  MIGRATION_STATUS_BASES,
  MIGRATION_STATUSES,
  OFFICE_TYPES,
  ROLES,
  SOURCE_KINDS,
  SOURCE_RELIABILITY,
  TASKING_RECURRENCES,
  TASKING_STATES,
  VERIFICATION_STATUSES,
  WORKFLOW_STATES,
} from "./vocabulary.js";
import type { WORKFLOW_ACTIONS } from "./workflow.js";

type Labels<T extends readonly (string | number)[]> = Record<T[number], string>;

export const STATE_LABELS: Labels<typeof WORKFLOW_STATES> = {
  draft: "Draft",
  submitted: "Submitted",
  cleared: "Cleared by post",
  accepted: "Accepted",
  published: "Published",
  returned: "Returned",
  retracted: "Retracted",
};

export const ACTION_LABELS: Labels<typeof WORKFLOW_ACTIONS> = {
  submit: "Submit for clearance",
  clear: "Clear",
  accept: "Accept",
  publish: "Publish",
  return: "Return to post",
  retract: "Retract",
};

export const ROLE_LABELS: Labels<typeof ROLES> = {
  reporter: "Reporter",
  approver: "Approver",
  analyst: "Analyst",
  editor: "Editor",
  admin: "Administrator",
  auditor: "Auditor",
};

export const MIGRATION_STATUS_LABELS: Labels<typeof MIGRATION_STATUSES> = {
  citizen_by_birth: "Citizen by birth",
  citizen_naturalised: "Naturalised citizen",
  eu_efta_national: "EU/EFTA national",
  third_country_resident: "Third-country resident",
  asylum_seeker: "Asylum seeker",
  refugee_or_protected: "Refugee or protected",
  tolerated_stay: "Tolerated stay",
  irregular: "Irregular",
  unknown: "Unknown",
};

export const BASIS_LABELS: Labels<typeof MIGRATION_STATUS_BASES> = {
  court_record: "Court record",
  official_statement: "Official statement",
  credible_media: "Credible media",
  other: "Other",
};

export const BIAS_LABELS: Labels<typeof BIAS_MOTIVATIONS> = {
  antisemitic: "Antisemitic",
  anti_christian: "Anti-Christian",
  anti_muslim: "Anti-Muslim",
  racist_xenophobic: "Racist or xenophobic",
  anti_migrant: "Anti-migrant",
  anti_lgbti: "Anti-LGBTI",
  other: "Other",
};

export const LEGAL_STATUS_LABELS: Labels<typeof LEGAL_STATUSES> = {
  reported: "Reported",
  investigated: "Under investigation",
  charged: "Charged",
  tried: "Tried",
  convicted: "Convicted",
  acquitted: "Acquitted",
  dismissed: "Dismissed",
};

export const VERIFICATION_LABELS: Labels<typeof VERIFICATION_STATUSES> = {
  unverified: "Unverified",
  corroborated: "Corroborated",
  confirmed_by_authorities: "Confirmed by authorities",
  disputed: "Disputed",
  retracted: "Retracted by source",
};

export const SOURCE_KIND_LABELS: Labels<typeof SOURCE_KINDS> = {
  news: "News",
  court_record: "Court record",
  police_or_prosecutor_statement: "Police or prosecutor statement",
  official_statistics: "Official statistics",
  ngo_report: "NGO report",
  parliamentary_record: "Parliamentary record",
  social_media: "Social media",
  official_meeting: "Official meeting",
};

/** Admiralty code, source reliability. */
export const RELIABILITY_LABELS: Labels<typeof SOURCE_RELIABILITY> = {
  A: "A — completely reliable",
  B: "B — usually reliable",
  C: "C — fairly reliable",
  D: "D — not usually reliable",
  E: "E — unreliable",
  F: "F — cannot be judged",
};

/** Admiralty code, information credibility. */
export const CREDIBILITY_LABELS: Record<1 | 2 | 3 | 4 | 5 | 6, string> = {
  1: "1 — confirmed by other sources",
  2: "2 — probably true",
  3: "3 — possibly true",
  4: "4 — doubtful",
  5: "5 — improbable",
  6: "6 — cannot be judged",
};

export const COURT_LEVEL_LABELS: Labels<typeof COURT_LEVELS> = {
  first_instance: "First instance",
  appeal: "Appeal",
  supreme: "Supreme court",
  other: "Other court",
};
export const DATE_PRECISION_LABELS: Labels<typeof DATE_PRECISIONS> = { day: "Day", week: "Week", month: "Month", year: "Year" };
export const GEO_PRECISION_LABELS: Labels<typeof GEO_PRECISIONS> = { exact: "Exact", locality: "Locality", region: "Region", country: "Country" };

export const JOB_KIND_LABELS: Labels<typeof JOB_KINDS> = { "stats.import": "Statistics import", "tasking.recur": "Recurring tasking" };
export const JOB_STATE_LABELS: Labels<typeof JOB_STATES> = {
  queued: "Waiting",
  running: "Running",
  succeeded: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const TASKING_STATE_LABELS: Labels<typeof TASKING_STATES> = { draft: "Draft", issued: "Issued", closed: "Closed" };
export const TASKING_RECURRENCE_LABELS: Labels<typeof TASKING_RECURRENCES> = {
  none: "Once, not recurring",
  monthly: "Every month",
  quarterly: "Every quarter",
};
export const COMPLIANCE_STATUS_LABELS: Labels<typeof COMPLIANCE_STATUSES> = {
  not_started: "Not started",
  draft: "Draft",
  returned: "Returned to the post",
  submitted: "Submitted",
  cleared: "Cleared by the post",
  accepted: "Accepted",
  overdue: "Overdue",
};

export const ENGAGEMENT_KIND_LABELS: Labels<typeof ENGAGEMENT_KINDS> = { meeting: "Meeting", demarche: "Démarche", call: "Call", letter: "Letter" };
export const COUNTERPART_LEVEL_LABELS: Labels<typeof COUNTERPART_LEVELS> = {
  minister: "Minister",
  senior_official: "Senior official",
  working_level: "Working level",
};
export const OFFICE_TYPE_LABELS: Labels<typeof OFFICE_TYPES> = {
  interior: "Interior",
  justice: "Justice",
  police: "Police",
  immigration: "Immigration",
  housing: "Housing",
  parliament: "Parliament",
  local_authority: "Local authority",
  other: "Other",
};
export const ENGAGEMENT_INITIATOR_LABELS: Labels<typeof ENGAGEMENT_INITIATORS> = {
  post: "The post",
  host_government: "The host government",
  other: "Someone else",
};
export const ENGAGEMENT_RESPONSE_LABELS: Labels<typeof ENGAGEMENT_RESPONSES> = {
  receptive: "Receptive",
  non_committal: "Non-committal",
  rejected: "Rejected",
  no_response_yet: "No response yet",
};
