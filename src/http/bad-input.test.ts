// A corpus of bad requests against every write route and every list route's query string. Each
// story sends one bad request and checks three things: the answer is the 4xx it should be (never a
// 5xx), the body has exactly the API's error shape with `issues` naming the offending field, and
// the database is exactly as it was. Text that is merely unusual (SQL or script fragments) is
// legitimately accepted: those stories check it is stored verbatim, not executed, and searchable.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql, type Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/types.js";
import { todayUtc } from "../domain/clock.js";
import { addDays } from "../domain/dates.js";
import { incidentExample } from "../modules/incidents/schema.js";
import { reportRequest } from "../modules/reports/schema.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { caseOutcomeExample, caseOutcomeInput } from "../modules/stats/case-outcomes-schema.js";
import { caseOutcomeFileExample, caseOutcomeFileExampleMapping } from "../modules/stats/case-outcomes-import-schema.js";
import { notableCaseExample, notableCaseInput } from "../modules/stats/notable-cases-schema.js";
import { FIXTURES } from "../testing/stats-fixtures.js";
import { sourceExample } from "../modules/sources/schema.js";
import { forEachDatabase, TEST_APP_CONFIG, type TestUser } from "../testing/harness.js";
import { engagementFields, taskingFields } from "../testing/factories.js";
import { engagementInput } from "../modules/engagements/schema.js";
import { taskingInput } from "../modules/taskings/schema.js";

/** Every table a request could write to. */
const TABLES = [
  "incidents",
  "sources",
  "incident_sources",
  "incident_categories",
  "incident_perpetrator_groups",
  "audit_events",
  "users",
  "sessions",
  "incident_search",
  "api_tokens",
  "second_factors",
  "recovery_codes",
  "oidc_identities",
  "oidc_logins",
  "datasets",
  "series",
  "observations",
  "geos",
  "case_outcomes",
  "reports",
  "report_versions",
  "report_templates",
  "posts",
  "taskings",
  "tasking_targets",
  "tasking_versions",
  "tasking_responses",
  "tasking_answers",
  "tasking_links",
  "notifications",
  "notification_cursor",
  "notification_preferences",
  "email_deliveries",
  "engagements",
  "engagement_topics",
  "engagement_follow_ups",
  "engagement_attachments",
  "files",
  "notable_cases",
  "notable_case_outcomes",
  "notable_case_incidents",
] as const;

const JSON_TYPE = { "content-type": "application/json" };
const DEEP = 100_000;
const FUTURE = addDays(todayUtc(), 3);

interface Fixture {
  incidentId: string;
  sourceId: string;
  reporter: TestUser;
  bureau: TestUser;
  admin: TestUser;
  /** An account for the admin routes to (fail to) change. */
  userId: string;
  /** One of the reporter's API tokens. */
  tokenId: string;
  /** A statistics dataset (tps00001). */
  datasetId: string;
  /** A case outcome recorded by the reporter (post DE), at version 1. */
  caseOutcomeId: string;
  /** A report (a cable on DE, frozen by the bureau). */
  reportId: string;
  /** A tasking issued to DE and FR (by `editor`), which DE's reporter has not answered yet. */
  taskingId: string;
  editor: TestUser;
  /** A draft engagement of DE's reporter (version 1) with one open follow-up action. */
  engagementId: string;
  /** Three case outcomes of DE recorded by the reporter, and the reporter's notable case linking them (version 1). */
  notableOutcomeIds: string[];
  notableCaseId: string;
}

type Who = "reporter" | "bureau" | "editor" | "admin" | "nobody" | "stranger";

interface BadCase {
  /** The story: "when <this>, then …". */
  when: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  url: (f: Fixture) => string;
  who?: Who;
  /** A JSON body (sent as application/json), or how to make it from the fixture. */
  json?: unknown;
  /** A raw body, sent as it is with `headers`. */
  payload?: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** For validation errors: the issue paths the answer must name. */
  paths?: string[];
  /** false: a signed-in caller's change is sent without its session's CSRF token. */
  csrf?: false;
  /** A failed sign-in or password check is itself audited: this many events are added, and nothing else changes. */
  audits?: number;
}

// ---------------------------------------------------------------------------------------------
// Building bodies

const clone = <T>(value: T): T => structuredClone(value);

/** A copy of `base` with `path` ("victims.minors", "sources.0.url") set to `value`, or removed. */
const REMOVE = Symbol("remove");
function withField(base: unknown, path: string, value: unknown): Record<string, unknown> {
  const copy = clone(base) as Record<string, unknown>;
  const keys = path.split(".");
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === REMOVE) delete at[last];
  else at[last] = value;
  return copy;
}

const incident = (path: string, value: unknown) => withField(incidentExample, path, value);
const source = (path: string, value: unknown) => withField(sourceExample, path, value);
const incidentPatch = (fields: Record<string, unknown>) => ({ version: 1, ...fields });
const sourcePatch = (fields: Record<string, unknown>) => ({ version: 1, ...fields });
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

// ---------------------------------------------------------------------------------------------
// The routes

interface WriteRoute {
  /** As the OpenAPI document names it. */
  name: string;
  method: "POST" | "PATCH" | "PUT";
  url: (f: Fixture) => string;
  access: "user" | "public";
  /** A body the route accepts, to be spoiled (undefined: the route takes no body). */
  valid?: (f: Fixture) => Record<string, unknown>;
  /** A free-text field of the body ("sentence.other" for a nested one), with its length limit. */
  text?: { field: string; max: number };
}

const WRITE_ROUTES: WriteRoute[] = [
  {
    name: "POST /api/v1/incidents",
    method: "POST",
    url: () => "/api/v1/incidents",
    access: "user",
    valid: () => clone(incidentExample),
    text: { field: "title", max: 200 },
  },
  {
    name: "PATCH /api/v1/incidents/{id}",
    method: "PATCH",
    url: (f) => `/api/v1/incidents/${f.incidentId}`,
    access: "user",
    valid: () => incidentPatch({ title: "A corrected title for the incident" }),
    text: { field: "title", max: 200 },
  },
  {
    name: "POST /api/v1/incidents/{id}/sources",
    method: "POST",
    url: (f) => `/api/v1/incidents/${f.incidentId}/sources`,
    access: "user",
    valid: () => clone(sourceExample),
    text: { field: "title", max: 500 },
  },
  {
    name: "POST /api/v1/incidents/{id}/transitions",
    method: "POST",
    url: (f) => `/api/v1/incidents/${f.incidentId}/transitions`,
    access: "user",
    valid: () => ({ action: "submit", comment: "Ready for clearance.", version: 1 }),
    text: { field: "comment", max: 5000 },
  },
  {
    name: "POST /api/v1/incidents/{id}/comments",
    method: "POST",
    url: (f) => `/api/v1/incidents/${f.incidentId}/comments`,
    access: "user",
    valid: () => ({ body: "Which court heard the case?" }),
    text: { field: "body", max: 5000 },
  },
  {
    name: "POST /api/v1/sources",
    method: "POST",
    url: () => "/api/v1/sources",
    access: "user",
    valid: () => clone(sourceExample),
    text: { field: "publisher", max: 200 },
  },
  {
    name: "PATCH /api/v1/sources/{id}",
    method: "PATCH",
    url: (f) => `/api/v1/sources/${f.sourceId}`,
    access: "user",
    valid: () => sourcePatch({ title: "A corrected source title" }),
    text: { field: "title", max: 500 },
  },
  {
    name: "POST /api/v1/auth/login",
    method: "POST",
    url: () => "/api/v1/auth/login",
    access: "public",
    valid: (f) => ({ email: f.reporter.email, password: f.reporter.password }),
    text: { field: "email", max: 254 },
  },
  { name: "POST /api/v1/auth/logout", method: "POST", url: () => "/api/v1/auth/logout", access: "user" },
  {
    name: "POST /api/v1/auth/password",
    method: "POST",
    url: () => "/api/v1/auth/password",
    access: "user",
    valid: (f) => ({ current_password: f.reporter.password, new_password: "violet tractor harbour 47" }),
    text: { field: "new_password", max: 1024 },
  },
  {
    name: "POST /api/v1/auth/tokens",
    method: "POST",
    url: () => "/api/v1/auth/tokens",
    access: "user",
    valid: () => ({ name: "nightly export", expires_in_days: 30 }),
    text: { field: "name", max: 100 },
  },
  { name: "POST /api/v1/auth/tokens/{id}/revoke", method: "POST", url: (f) => `/api/v1/auth/tokens/${f.tokenId}/revoke`, access: "user" },
  ...(["verify", "enrolment/confirm", "disable"] as const).map(
    (step): WriteRoute => ({
      name: `POST /api/v1/auth/second-factor/${step}`,
      method: "POST",
      url: () => `/api/v1/auth/second-factor/${step}`,
      access: "user",
      valid: () => ({ code: "123456" }),
      text: { field: "code", max: 32 },
    }),
  ),
  { name: "POST /api/v1/auth/second-factor/enrolment", method: "POST", url: () => "/api/v1/auth/second-factor/enrolment", access: "user" },
  { name: "POST /api/v1/auth/second-factor/recovery-codes", method: "POST", url: () => "/api/v1/auth/second-factor/recovery-codes", access: "user" },
  { name: "POST /api/v1/users/{id}/reset-second-factor", method: "POST", url: (f) => `/api/v1/users/${f.userId}/reset-second-factor`, access: "user" },
  {
    name: "POST /api/v1/users",
    method: "POST",
    url: () => "/api/v1/users",
    access: "user",
    valid: () => ({ email: "new.user@example.org", name: "New User", role: "reporter", post: "DE" }),
    text: { field: "name", max: 120 },
  },
  {
    name: "PATCH /api/v1/users/{id}",
    method: "PATCH",
    url: (f) => `/api/v1/users/${f.userId}`,
    access: "user",
    valid: () => ({ name: "A corrected name" }),
    text: { field: "name", max: 120 },
  },
  {
    name: "POST /api/v1/posts",
    method: "POST",
    url: () => "/api/v1/posts",
    access: "user",
    valid: () => ({ country_code: "JP", name: "Embassy in Japan", city: "Tokyo" }),
    text: { field: "name", max: 200 },
  },
  {
    name: "POST /api/v1/posts/batch",
    method: "POST",
    url: () => "/api/v1/posts/batch",
    access: "user",
    valid: () => ({ posts: [{ country_code: "JP", name: "Embassy in Japan", city: "Tokyo" }] }),
    text: { field: "posts.0.name", max: 200 },
  },
  {
    name: "PATCH /api/v1/posts/{code}",
    method: "PATCH",
    url: () => "/api/v1/posts/DE",
    access: "user",
    valid: () => ({ city: "Bonn" }),
    text: { field: "city", max: 120 },
  },
  {
    name: "POST /api/v1/taxonomy/versions",
    method: "POST",
    url: () => "/api/v1/taxonomy/versions",
    access: "user",
    valid: () => ({ label: "Taxonomy 2026", effective_from: "2026-01-01", categories: [{ code: "GR", label: "Government response" }] }),
    text: { field: "label", max: 200 },
  },
  { name: "POST /api/v1/users/{id}/disable", method: "POST", url: (f) => `/api/v1/users/${f.userId}/disable`, access: "user" },
  { name: "POST /api/v1/users/{id}/enable", method: "POST", url: (f) => `/api/v1/users/${f.userId}/enable`, access: "user" },
  { name: "POST /api/v1/users/{id}/reset-password", method: "POST", url: (f) => `/api/v1/users/${f.userId}/reset-password`, access: "user" },
  {
    name: "POST /api/v1/case-outcomes",
    method: "POST",
    url: () => "/api/v1/case-outcomes",
    access: "user",
    valid: () => clone(caseOutcomeExample),
    text: { field: "sentence.other", max: 500 },
  },
  {
    name: "PATCH /api/v1/case-outcomes/{id}",
    method: "PATCH",
    url: (f) => `/api/v1/case-outcomes/${f.caseOutcomeId}`,
    access: "user",
    valid: () => ({ version: 1, court_level: "appeal", reason: "Decided on appeal." }),
    text: { field: "reason", max: 500 },
  },
  {
    name: "POST /api/v1/case-outcomes/{id}/withdraw",
    method: "POST",
    url: (f) => `/api/v1/case-outcomes/${f.caseOutcomeId}/withdraw`,
    access: "user",
    valid: () => ({ version: 1, reason: "Recorded twice." }),
    text: { field: "reason", max: 500 },
  },
  {
    name: "POST /api/v1/notable-cases",
    method: "POST",
    url: () => "/api/v1/notable-cases",
    access: "user",
    valid: (f) => notableCaseBody(f),
    text: { field: "title", max: 200 },
  },
  {
    name: "PATCH /api/v1/notable-cases/{id}",
    method: "PATCH",
    url: (f) => `/api/v1/notable-cases/${f.notableCaseId}`,
    access: "user",
    valid: () => ({ version: 1, title: "A better title for the case" }),
    text: { field: "title", max: 200 },
  },
  {
    name: "POST /api/v1/notable-cases/{id}/unlink",
    method: "POST",
    url: (f) => `/api/v1/notable-cases/${f.notableCaseId}/unlink`,
    access: "user",
    valid: (f) => ({ version: 1, case_outcome_id: f.notableOutcomeIds[2]!, reason: "Another case." }),
    text: { field: "reason", max: 500 },
  },
  {
    name: "POST /api/v1/notable-cases/{id}/withdraw",
    method: "POST",
    url: (f) => `/api/v1/notable-cases/${f.notableCaseId}/withdraw`,
    access: "user",
    valid: () => ({ version: 1, reason: "Recorded twice." }),
    text: { field: "reason", max: 500 },
  },
  // The body is a statistics file, not JSON: its own cases are UPLOAD_CASES.
  {
    name: "POST /api/v1/reports/preview",
    method: "POST",
    url: () => "/api/v1/reports/preview",
    access: "user",
    valid: () => ({ kind: "cable", countries: ["DE"], period: "2024", categories: [] }),
    text: { field: "period", max: 40 },
  },
  {
    name: "POST /api/v1/reports",
    method: "POST",
    url: () => "/api/v1/reports",
    access: "user",
    valid: () => ({ kind: "cable", countries: ["DE"], period: "2024", categories: [] }),
    text: { field: "period", max: 40 },
  },
  {
    name: "POST /api/v1/reports/templates",
    method: "POST",
    url: () => "/api/v1/reports/templates",
    access: "user",
    valid: () => ({ kind: "country", year: 2027, sections: [{ section: "limitations", heading: "Limitations" }] }),
    text: { field: "sections.0.heading", max: 200 },
  },
  { name: "POST /api/v1/reports/{id}/versions", method: "POST", url: (f) => `/api/v1/reports/${f.reportId}/versions`, access: "user" },
  { name: "POST /api/v1/stats/imports", method: "POST", url: () => "/api/v1/stats/imports", access: "user" },
  { name: "POST /api/v1/case-outcomes/import", method: "POST", url: () => "/api/v1/case-outcomes/import", access: "user" },
  { name: "POST /api/v1/stats/preview", method: "POST", url: () => "/api/v1/stats/preview", access: "user" },
  {
    name: "POST /api/v1/taskings",
    method: "POST",
    url: () => "/api/v1/taskings",
    access: "user",
    valid: () => taskingFields(),
    text: { field: "title", max: 200 },
  },
  {
    name: "PATCH /api/v1/taskings/{id}",
    method: "PATCH",
    url: (f) => `/api/v1/taskings/${f.taskingId}`,
    access: "user",
    valid: () => ({ title: "A better title", version: 1 }),
    text: { field: "title", max: 200 },
  },
  { name: "POST /api/v1/taskings/{id}/issue", method: "POST", url: (f) => `/api/v1/taskings/${f.taskingId}/issue`, access: "user" },
  {
    name: "POST /api/v1/taskings/{id}/amend",
    method: "POST",
    url: (f) => `/api/v1/taskings/${f.taskingId}/amend`,
    access: "user",
    valid: () => ({ due_date: "2026-08-15", note: "Due date extended.", version: 2 }),
    text: { field: "note", max: 2000 },
  },
  { name: "POST /api/v1/taskings/{id}/close", method: "POST", url: (f) => `/api/v1/taskings/${f.taskingId}/close`, access: "user" },
  {
    name: "POST /api/v1/taskings/{id}/responses/{post}",
    method: "POST",
    url: (f) => `/api/v1/taskings/${f.taskingId}/responses/DE`,
    access: "user",
    valid: () => ({ answers: [{ requirement: 1, narrative: "One case in Saxony." }] }),
    text: { field: "answers.0.narrative", max: 20_000 },
  },
  {
    name: "POST /api/v1/taskings/{id}/responses/{post}/transitions",
    method: "POST",
    url: (f) => `/api/v1/taskings/${f.taskingId}/responses/DE/transitions`,
    access: "user",
    valid: () => ({ action: "return", comment: "Please add the court's reference.", version: 1 }),
    text: { field: "comment", max: 5000 },
  },
  {
    name: "POST /api/v1/engagements",
    method: "POST",
    url: () => "/api/v1/engagements",
    access: "user",
    valid: () => engagementFields(),
    text: { field: "message", max: 20_000 },
  },
  {
    name: "PATCH /api/v1/engagements/{id}",
    method: "PATCH",
    url: (f) => `/api/v1/engagements/${f.engagementId}`,
    access: "user",
    valid: () => ({ message: "Delivered the concerns again.", version: 1 }),
    text: { field: "message", max: 20_000 },
  },
  {
    name: "POST /api/v1/engagements/{id}/transitions",
    method: "POST",
    url: (f) => `/api/v1/engagements/${f.engagementId}/transitions`,
    access: "user",
    valid: () => ({ action: "return", comment: "Please name the office.", version: 1 }),
    text: { field: "comment", max: 5000 },
  },
  {
    name: "POST /api/v1/engagements/{id}/follow-ups",
    method: "POST",
    url: (f) => `/api/v1/engagements/${f.engagementId}/follow-ups`,
    access: "user",
    valid: () => ({ version: 1, follow_up: { action: "Send the figures", owner_role: "the political section", due_date: "2026-05-01" } }),
    text: { field: "follow_up.action", max: 2000 },
  },
  {
    name: "POST /api/v1/engagements/{id}/follow-ups/{number}/complete",
    method: "POST",
    url: (f) => `/api/v1/engagements/${f.engagementId}/follow-ups/1/complete`,
    access: "user",
  },
  { name: "POST /api/v1/engagements/{id}/notable", method: "POST", url: (f) => `/api/v1/engagements/${f.engagementId}/notable`, access: "user" },
  // The body is the file itself: its own cases are ATTACHMENT_CASES.
  { name: "POST /api/v1/engagements/{id}/attachments", method: "POST", url: (f) => `/api/v1/engagements/${f.engagementId}/attachments`, access: "user" },
  {
    name: "POST /api/v1/engagements/{id}/attachments/{file}/remove",
    method: "POST",
    url: (f) => `/api/v1/engagements/${f.engagementId}/attachments/${NO_RECORD}/remove`,
    access: "user",
  },
  { name: "POST /api/v1/jobs/{id}/cancel", method: "POST", url: () => `/api/v1/jobs/${NO_JOB}/cancel`, access: "user" },
  { name: "POST /api/v1/jobs/{id}/retry", method: "POST", url: () => `/api/v1/jobs/${NO_JOB}/retry`, access: "user" },
  // A notification's body is one choice from a list: the stories are NOTIFICATION_CASES.
  { name: "POST /api/v1/notifications/read-all", method: "POST", url: () => "/api/v1/notifications/read-all", access: "user" },
  { name: "POST /api/v1/notifications/{id}/read", method: "POST", url: () => `/api/v1/notifications/${NO_JOB}/read`, access: "user" },
  { name: "PUT /api/v1/notifications/preferences", method: "PUT", url: () => "/api/v1/notifications/preferences", access: "user" },
];

const LIST_ROUTES = [
  "GET /api/v1/jobs",
  "GET /api/v1/incidents",
  "GET /api/v1/sources",
  "GET /api/v1/users",
  "GET /api/v1/audit",
  "GET /api/v1/analysis/counts",
  "GET /api/v1/analysis/rates",
  "GET /api/v1/analysis/sentencing",
  "GET /api/v1/analysis/housing",
  "GET /api/v1/stats/datasets/{id}",
  "GET /api/v1/stats/observations",
  "GET /api/v1/stats/population",
  "GET /api/v1/case-outcomes",
  "GET /api/v1/notable-cases",
  "GET /api/v1/reports",
  "GET /api/v1/reports/{id}/versions/{version}/download",
  "GET /api/v1/reports/{id}/diff",
  "GET /api/v1/taskings",
  "GET /api/v1/taskings/{id}/responses/{post}/cable",
  "GET /api/v1/compliance",
  "GET /api/v1/compliance/export",
  "GET /api/v1/notifications",
  "GET /api/v1/engagements",
];

/** Bad requests every route with a JSON body must refuse. */
function bodyCorpus(route: WriteRoute): BadCase[] {
  const { name, method, url } = route;
  const valid = route.valid!;
  const text = route.text!;
  const at = (field: string) => `body.${field}`;
  /** `raw` JSON at the text field's place: {"sentence": {"other": RAW}} for "sentence.other", {"sections": [{"heading": RAW}]} for "sections.0.heading". */
  const atField = (raw: string) =>
    text.field.split(".").reduceRight((inner, key) => (/^\d+$/.test(key) ? `[${"null, ".repeat(Number(key))}${inner}]` : `{"${key}": ${inner}}`), raw);
  const raw = (
    when: string,
    payload: string | Buffer,
    status: number,
    code: string,
    paths?: string[],
    headers: Record<string, string> = JSON_TYPE,
  ): BadCase => ({
    when: `${name} gets ${when}`,
    method,
    url,
    payload,
    headers,
    status,
    code,
    ...(paths ? { paths } : {}),
  });
  const json = (when: string, body: (f: Fixture) => unknown, paths: string[]): BadCase => ({
    when: `${name} gets ${when}`,
    method,
    url,
    json: body,
    status: 400,
    code: "validation_failed",
    paths,
  });
  return [
    raw("malformed JSON", '{"title": "unterminated', 400, "malformed_json"),
    raw("JSON with a trailing comma", '{"version": 1,}', 400, "malformed_json"),
    raw("an empty body declared as JSON", "", 400, "malformed_json"),
    { when: `${name} gets no body at all`, method, url, status: 400, code: "validation_failed", paths: ["body"] },
    raw("a JSON array instead of an object", "[]", 400, "validation_failed", ["body"]),
    raw("a JSON string instead of an object", '"a string"', 400, "validation_failed", ["body"]),
    raw("a JSON number instead of an object", "42", 400, "validation_failed", ["body"]),
    raw("JSON null instead of an object", "null", 400, "validation_failed", ["body"]),
    raw("JSON true instead of an object", "true", 400, "validation_failed", ["body"]),
    raw("a JSON body sent as text/plain", JSON.stringify({ title: "x" }), 415, "unsupported_media_type", undefined, { "content-type": "text/plain" }),
    raw("a form-encoded body", "title=x&version=1", 415, "unsupported_media_type", undefined, {
      "content-type": "application/x-www-form-urlencoded",
    }),
    raw("a body without a content type", JSON.stringify({ title: "x" }), 415, "unsupported_media_type", undefined, {}),
    raw("a body over the 1 MiB limit", atField(JSON.stringify("x".repeat(1_100_000))), 413, "payload_too_large"),
    raw(`deeply nested JSON (${DEEP} levels) in ${text.field}`, atField(deepArray(DEEP)), 400, "validation_failed", [at(text.field)]),
    raw(
      `deeply nested objects (${DEEP / 10} levels) under an unknown key`,
      `{"nested": ${'{"a":'.repeat(DEEP / 10)}1${"}".repeat(DEEP / 10)}}`,
      400,
      "validation_failed",
      ["body.nested"],
    ),
    // Fastify's parser would quietly turn each bad byte into U+FFFD and store that.
    raw(`bytes that are not UTF-8 in ${text.field}`, Buffer.from(atField('"caf\u00e9 au lait"'), "latin1"), 400, "malformed_json"),
    raw("bytes that are not UTF-8 in a key", Buffer.concat([Buffer.from('{"k'), Buffer.from([0xff, 0xfe]), Buffer.from('": 1}')]), 400, "malformed_json"),
    raw("a truncated UTF-8 sequence at the end", Buffer.concat([Buffer.from('{"x": 1} '), Buffer.from([0xe2, 0x82])]), 400, "malformed_json"),
    raw("a __proto__ key at the top level", '{"__proto__": {"role": "admin"}}', 400, "malformed_json"),
    raw("a __proto__ key nested in an object", '{"location": {"__proto__": {"role": "admin"}}}', 400, "malformed_json"),
    raw("a __proto__ key deep inside nested arrays", `{"x": ${"[".repeat(1000)}{"__proto__": {"role": "admin"}}${"]".repeat(1000)}}`, 400, "malformed_json"),
    raw("a constructor.prototype key", '{"constructor": {"prototype": {"role": "admin"}}}', 400, "malformed_json"),
    json("a plain constructor key", (f) => ({ ...valid(f), constructor: "x" }), ["body.constructor"]),
    json("an unknown top-level field", (f) => ({ ...valid(f), is_admin: true }), ["body.is_admin"]),
    json(`a number for the text field ${text.field}`, (f) => withField(valid(f), text.field, 12345), [at(text.field)]),
    json(`an object for the text field ${text.field}`, (f) => withField(valid(f), text.field, { text: "x" }), [at(text.field)]),
    json(`${text.field} one character over its limit of ${text.max}`, (f) => withField(valid(f), text.field, "x".repeat(text.max + 1)), [at(text.field)]),
    json(`a NUL character in ${text.field}`, (f) => withField(valid(f), text.field, "Before\u0000after"), [at(text.field)]),
    json(`a bell control character in ${text.field}`, (f) => withField(valid(f), text.field, "Ring\u0007ring"), [at(text.field)]),
    json(`an escape sequence in ${text.field}`, (f) => withField(valid(f), text.field, "Red \u001b[31malert"), [at(text.field)]),
    json(`a DEL character in ${text.field}`, (f) => withField(valid(f), text.field, "Delete\u007fme"), [at(text.field)]),
    json(`an unpaired surrogate in ${text.field}`, (f) => withField(valid(f), text.field, "Broken \ud800 text"), [at(text.field)]),
  ];
}

const bodyOf = (c: BadCase, f: Fixture): unknown => (typeof c.json === "function" ? (c.json as (f: Fixture) => unknown)(f) : c.json);

/** Cases of a route that takes a file as its body (`subject` and the route's address without its query): one per bad upload. */
function fileUpload(subject: string, address: (f: Fixture) => string) {
  return (
    when: string,
    query: string,
    payload: string | Buffer | undefined,
    headers: Record<string, string>,
    status: number,
    code: string,
    paths?: string[],
    who?: Who,
  ): BadCase => ({
    when: `${subject} ${when}`,
    method: "POST",
    url: (f) => `${address(f)}${query}`,
    ...(payload === undefined ? {} : { payload }),
    headers,
    status,
    code,
    ...(paths ? { paths } : {}),
    ...(who ? { who } : {}),
  });
}

/** A validation case with a literal JSON body. */
function invalid(when: string, method: BadCase["method"], url: BadCase["url"], json: unknown, paths: string[], who: Who = "reporter"): BadCase {
  return { when, method, url, json, status: 400, code: "validation_failed", paths, who };
}

const incidentsUrl = () => "/api/v1/incidents";
const incidentUrl = (f: Fixture) => `/api/v1/incidents/${f.incidentId}`;
const attachUrl = (f: Fixture) => `/api/v1/incidents/${f.incidentId}/sources`;
const sourcesUrl = () => "/api/v1/sources";
const sourceUrl = (f: Fixture) => `/api/v1/sources/${f.sourceId}`;

const newIncident = (when: string, json: unknown, paths: string[], who: Who = "reporter") =>
  invalid(`a new incident has ${when}`, "POST", incidentsUrl, json, paths, who);
const patchIncident = (when: string, json: unknown, paths: string[]) => invalid(`an incident patch has ${when}`, "PATCH", incidentUrl, json, paths);
const newSource = (when: string, json: unknown, paths: string[]) => invalid(`a new source has ${when}`, "POST", sourcesUrl, json, paths);
const patchSource = (when: string, json: unknown, paths: string[]) => invalid(`a source patch has ${when}`, "PATCH", sourceUrl, json, paths);
const attach = (when: string, json: unknown, paths: string[]) => invalid(`a source to attach has ${when}`, "POST", attachUrl, json, paths);
const transitionUrl = (f: Fixture) => `/api/v1/incidents/${f.incidentId}/transitions`;
const transition = (when: string, json: unknown, paths: string[]) => invalid(`a workflow transition has ${when}`, "POST", transitionUrl, json, paths);

/** The fixture incident is the reporter's draft at version 1: only `submit` fits it. */
const TRANSITION_CASES: BadCase[] = [
  transition("an unknown action", { action: "approve", version: 1 }, ["body.action"]),
  transition("no action", { version: 1 }, ["body.action"]),
  transition("no version", { action: "submit" }, ["body.version"]),
  transition("a string version", { action: "submit", version: "1" }, ["body.version"]),
  transition("a return without a comment", { action: "return", version: 1 }, ["body.comment"]),
  transition("a retraction without a reason", { action: "retract", version: 1 }, ["body.reason"]),
  transition("a blank comment on a return", { action: "return", comment: "   ", version: 1 }, ["body.comment"]),
  transition("a state instead of an action", { state: "published", version: 1 }, ["body.state", "body.action"]),
  {
    when: "a workflow transition carries a stale version",
    method: "POST",
    url: transitionUrl,
    json: { action: "submit", version: 2 },
    status: 409,
    code: "version_conflict",
  },
  {
    when: "a reporter tries to accept their own draft",
    method: "POST",
    url: transitionUrl,
    json: { action: "accept", version: 1 },
    status: 403,
    code: "forbidden",
  },
  {
    when: "the bureau tries to clear a draft it cannot see",
    method: "POST",
    url: transitionUrl,
    json: { action: "clear", version: 1 },
    who: "bureau",
    status: 404,
    code: "not_found",
  },
];

const secondFactor = (when: string, step: string, json: unknown, status: number, code: string, paths?: string[]): BadCase => ({
  when,
  method: "POST",
  url: () => `/api/v1/auth/second-factor/${step}`,
  ...(json === undefined ? {} : { json }),
  status,
  code,
  ...(paths ? { paths } : {}),
});
const SECOND_FACTOR_CASES: BadCase[] = [
  secondFactor("a code is given for a sign-in that is not waiting for one", "verify", { code: "123456" }, 409, "second_factor_not_pending"),
  secondFactor("a code is a number, not text", "verify", { code: 123456 }, 400, "validation_failed", ["body.code"]),
  secondFactor("a code is too short", "verify", { code: "123" }, 400, "validation_failed", ["body.code"]),
  secondFactor("a code confirms an enrolment that was never started", "enrolment/confirm", { code: "123456" }, 409, "second_factor_not_started"),
  secondFactor("a second factor that is not on is turned off", "disable", { code: "123456" }, 409, "second_factor_not_enabled"),
  secondFactor("recovery codes are renewed without a second factor", "recovery-codes", undefined, 409, "second_factor_not_enabled"),
  secondFactor("an enrolment is started with a JSON body", "enrolment", { secret: "JBSWY3DPEHPK3PXP" }, 400, "validation_failed", ["body"]),
  {
    when: "an admin resets the second factor of a user who has none",
    method: "POST",
    url: (f) => `/api/v1/users/${f.userId}/reset-second-factor`,
    who: "admin",
    status: 400,
    code: "validation_failed",
    paths: ["params.id"],
  },
  {
    when: "a reporter resets someone's second factor",
    method: "POST",
    url: (f) => `/api/v1/users/${f.userId}/reset-second-factor`,
    status: 403,
    code: "forbidden",
  },
];

const commentUrl = (f: Fixture) => `/api/v1/incidents/${f.incidentId}/comments`;
const COMMENT_CASES: BadCase[] = [
  invalid("a comment has no body", "POST", commentUrl, {}, ["body.body"]),
  invalid("a comment has an empty body", "POST", commentUrl, { body: "" }, ["body.body"]),
  invalid("a comment names its author", "POST", commentUrl, { body: "Hello", author: "someone else" }, ["body.author"]),
  {
    when: "the bureau comments on a draft it cannot see",
    method: "POST",
    url: commentUrl,
    json: { body: "Peeking" },
    who: "bureau",
    status: 404,
    code: "not_found",
  },
];

const login = (when: string, json: unknown, paths: string[]) => invalid(`a login has ${when}`, "POST", () => "/api/v1/auth/login", json, paths, "nobody");

const INCIDENT_CASES: BadCase[] = [
  // wrong types, one per kind of field
  newIncident("a number for the country code", incident("country", 49), ["body.country"]),
  newIncident("a string for victims.count", incident("victims.count", "1"), ["body.victims.count"]),
  newIncident('a string for the boolean "synthetic"', incident("synthetic", "yes"), ["body.synthetic"]),
  newIncident("a string instead of the categories array", incident("categories", "SV.ASSAULT"), ["body.categories"]),
  newIncident("a string instead of the occurred object", incident("occurred", "2025-06-14"), ["body.occurred"]),
  newIncident("a number for the date occurred.from", incident("occurred.from", 20250614), ["body.occurred.from"]),
  newIncident("a string for location.latitude", incident("location.latitude", "52.5"), ["body.location.latitude"]),
  newIncident("an object instead of the perpetrator groups array", incident("perpetrators.groups", {}), ["body.perpetrators.groups"]),
  newIncident("an unknown legal_status", incident("legal_status", "suspected"), ["body.legal_status"]),
  newIncident("an unknown handling marking", incident("handling_marking", "TOP SECRET"), ["body.handling_marking"]),
  newIncident("an unknown verification status", incident("verification_status", 3), ["body.verification_status"]),
  newIncident("a string instead of the sources array", incident("sources", "Example Daily"), ["body.sources"]),
  newIncident("a number for a perpetrator group's nationality", incident("perpetrators.groups.0.nationality", 276), ["body.perpetrators.groups.0.nationality"]),
  // unknown fields, nested
  newIncident("an unknown field in location", incident("location.street", "Hauptstraße 1"), ["body.location.street"]),
  newIncident("an unknown field in victims", incident("victims.adults", 0), ["body.victims.adults"]),
  newIncident("an unknown field in a perpetrator group", incident("perpetrators.groups.0.religion", "x"), ["body.perpetrators.groups.0.religion"]),
  newIncident("an unknown field in a new source", incident("sources.0.author", "A. Writer"), ["body.sources.0.author"]),
  newIncident("a state (set by the workflow, not the author)", incident("state", "published"), ["body.state"]),
  // missing required fields
  newIncident("no title", incident("title", REMOVE), ["body.title"]),
  newIncident("no country", incident("country", REMOVE), ["body.country"]),
  newIncident("no occurred.from", incident("occurred.from", REMOVE), ["body.occurred.from"]),
  newIncident("no categories", incident("categories", REMOVE), ["body.categories"]),
  newIncident("an empty categories list", incident("categories", []), ["body.categories"]),
  newIncident("a new source without a reliability grade", incident("sources.0.reliability", REMOVE), ["body.sources.0.reliability"]),
  newIncident("a null title", incident("title", null), ["body.title"]),
  // out-of-range numbers
  newIncident("a negative victims.count", incident("victims.count", -1), ["body.victims.count"]),
  newIncident("more minors than victims", incident("victims.minors", 5), ["body.victims.minors"]),
  newIncident("more victims by sex than victims", incident("victims.male", 3), ["body.victims"]),
  newIncident("a fractional victims.count", incident("victims.count", 1.5), ["body.victims.count"]),
  newIncident("an implausibly large victims.count", withField(incident("victims.count", 10_000_000), "victims.minors", 0), ["body.victims.count"]),
  newIncident("a negative perpetrators.count", incident("perpetrators.count", -3), ["body.perpetrators.count"]),
  newIncident("more perpetrators in groups than in total", incident("perpetrators.groups.0.count", 3), ["body.perpetrators.groups"]),
  newIncident("latitude 200", withField(incident("location.latitude", 200), "location.longitude", 13.4), ["body.location.latitude"]),
  newIncident("longitude -181", withField(incident("location.latitude", 52.5), "location.longitude", -181), ["body.location.longitude"]),
  newIncident("a latitude without a longitude", incident("location.latitude", 52.5), ["body.location"]),
  newIncident("a sentence of 5000 months", withField(incident("legal_status", "convicted"), "sentence", { custodial_months: 5000 }), [
    "body.sentence.custodial_months",
  ]),
  newIncident("a negative fine", withField(incident("legal_status", "convicted"), "sentence", { fine: { amount: -5, currency: "EUR" } }), [
    "body.sentence.fine.amount",
  ]),
  newIncident("a fine in a made-up currency", withField(incident("legal_status", "convicted"), "sentence", { fine: { amount: 500, currency: "euro" } }), [
    "body.sentence.fine.currency",
  ]),
  newIncident("a new source with credibility 7", incident("sources.0.credibility", 7), ["body.sources.0.credibility"]),
  // impossible dates
  newIncident("occurred.from 2025-02-30", incident("occurred.from", "2025-02-30"), ["body.occurred.from"]),
  newIncident("occurred.from written 14.06.2025", incident("occurred.from", "14.06.2025"), ["body.occurred.from"]),
  newIncident("occurred.from in the year 0000", withField(incident("occurred.from", "0000-01-01"), "reported_date", null), ["body.occurred.from"]),
  newIncident("occurred.to before occurred.from", incident("occurred", { from: "2025-06-14", to: "2025-06-10" }), ["body.occurred.to"]),
  newIncident("a month-precision window not starting on the 1st", incident("occurred", { from: "2025-06-14", to: "2025-06-30", precision: "month" }), [
    "body.occurred.precision",
  ]),
  newIncident("a week-precision window not starting on a Monday", incident("occurred", { from: "2025-06-14", to: "2025-06-20", precision: "week" }), [
    "body.occurred.precision",
  ]),
  newIncident("occurred.from in the future", withField(incident("occurred.from", FUTURE), "reported_date", null), ["body.occurred.from"]),
  newIncident("occurred.from in the year 2999", withField(incident("occurred.from", "2999-01-01"), "reported_date", null), ["body.occurred.from"]),
  newIncident("a reported_date before the incident", incident("reported_date", "2025-06-01"), ["body.reported_date"]),
  newIncident("a new source published in the future", incident("sources.0.published_date", FUTURE), ["body.sources.0.published_date"]),
  // unknown codes
  newIncident("an unknown country code", incident("country", "ZZ"), ["body.country"]),
  newIncident("a lowercase country code", incident("country", "de"), ["body.country"]),
  newIncident("an unknown category", incident("categories", ["SV.NOPE"]), ["body.categories.0"]),
  newIncident("a malformed category code", incident("categories", ["sv assault"]), ["body.categories.0"]),
  newIncident("a repeated category", incident("categories", ["SV.ASSAULT", "SV.ASSAULT"]), ["body.categories"]),
  newIncident("an unknown perpetrator nationality", incident("perpetrators.groups.0.nationality", "ZZ"), ["body.perpetrators.groups.0.nationality"]),
  newIncident("eu_efta_national outside the EU and EFTA", withField(incident("country", "US"), "perpetrators.groups.0.migration_status", "eu_efta_national"), [
    "body.perpetrators.groups.0.migration_status",
  ]),
  newIncident("bias motivations without a hate-crime category", incident("bias_motivations", ["anti_migrant"]), ["body.bias_motivations"]),
  newIncident("a sentence while only investigated", incident("sentence", { court: "Amtsgericht Tiergarten" }), ["body.sentence"]),
  newIncident("an unknown post (from a bureau user)", incident("post", "ZZ"), ["body.post"], "bureau"),
  newIncident("a malformed post code (from a bureau user)", incident("post", "Embassy Berlin"), ["body.post"], "bureau"),
  newIncident("another post (from an embassy reporter)", incident("post", "FR"), ["body.post"]),
  newIncident("a citation of an unknown source id", incident("sources", [{ source_id: randomUUID() }]), ["body.sources.0.source_id"]),
  newIncident("a citation of a source id that is not a UUID", incident("sources", [{ source_id: "source-1" }]), ["body.sources.0.source_id"]),
  // URLs and lengths
  newIncident("a javascript: URL for a source", incident("sources.0.url", "javascript:alert(1)"), ["body.sources.0.url"]),
  newIncident("a title of two characters", incident("title", "ab"), ["body.title"]),
  newIncident("a blank title", incident("title", "     "), ["body.title"]),
  newIncident("a summary over 10000 characters", incident("summary", "s".repeat(10_001)), ["body.summary"]),
  newIncident("a city over 120 characters", incident("location.city", "c".repeat(121)), ["body.location.city"]),
  newIncident("eleven categories", incident("categories", ["SV", "SV.RAPE", "SV.ASSAULT", "SV.OTHER", "SE", "SE.CHILD", "TIP", "TIP.SEX", "HC", "VE", "VP"]), [
    "body.categories",
  ]),
  newIncident(
    "51 sources",
    incident(
      "sources",
      Array.from({ length: 51 }, () => sourceExample),
    ),
    ["body.sources"],
  ),
  newIncident("a NUL character in the summary", incident("summary", "Line one\u0000line two"), ["body.summary"]),
  newIncident("a NUL character in a new source's title", incident("sources.0.title", "Title\u0000"), ["body.sources.0.title"]),
  newIncident("a NUL character in a source URL", incident("sources.0.url", "https://news.example.org/a\u0000b"), ["body.sources.0.url"]),
];

const INCIDENT_PATCH_CASES: BadCase[] = [
  {
    when: "an incident patch carries a stale version",
    method: "PATCH",
    url: incidentUrl,
    json: incidentPatch({ version: 2, title: "Someone else's change" }),
    status: 409,
    code: "version_conflict",
  },
  patchIncident("no version", { title: "A new title here" }, ["body.version"]),
  patchIncident("version 0", { version: 0 }, ["body.version"]),
  patchIncident('version "1" as a string', { version: "1" }, ["body.version"]),
  patchIncident("version 1.5", { version: 1.5 }, ["body.version"]),
  patchIncident("version null", { version: null }, ["body.version"]),
  patchIncident("a state (not patchable)", incidentPatch({ state: "published" }), ["body.state"]),
  patchIncident("a post (not patchable)", incidentPatch({ post: "FR" }), ["body.post"]),
  patchIncident("an id (not patchable)", incidentPatch({ id: randomUUID() }), ["body.id"]),
  patchIncident("synthetic (not patchable)", incidentPatch({ synthetic: true }), ["body.synthetic"]),
  patchIncident("an unknown nested field", incidentPatch({ location: { street: "Hauptstraße 1" } }), ["body.location.street"]),
  patchIncident("a null title", incidentPatch({ title: null }), ["body.title"]),
  patchIncident("an empty categories list", incidentPatch({ categories: [] }), ["body.categories"]),
  patchIncident("an unknown category", incidentPatch({ categories: ["SV.NOPE"] }), ["body.categories.0"]),
  patchIncident("an unknown country", incidentPatch({ country: "ZZ" }), ["body.country"]),
  patchIncident("occurred.to before occurred.from", incidentPatch({ occurred: { from: "2025-06-14", to: "2025-06-10" } }), ["body.occurred.to"]),
  patchIncident("occurred.from 2025-02-30", incidentPatch({ occurred: { from: "2025-02-30" } }), ["body.occurred.from"]),
  patchIncident("a month window not starting on the 1st", incidentPatch({ occurred: { from: "2025-06-14", to: "2025-06-30", precision: "month" } }), [
    "body.occurred.precision",
  ]),
  patchIncident("a reported_date before the stored occurred.from", incidentPatch({ reported_date: "2025-06-01" }), ["body.reported_date"]),
  patchIncident("a future reported_date", incidentPatch({ reported_date: FUTURE }), ["body.reported_date"]),
  patchIncident("more minors than victims", incidentPatch({ victims: { count: 1, minors: 2 } }), ["body.victims.minors"]),
  patchIncident("a negative victims.count", incidentPatch({ victims: { count: -1 } }), ["body.victims.count"]),
  patchIncident("latitude 200", incidentPatch({ location: { latitude: 200, longitude: 13.4 } }), ["body.location.latitude"]),
  patchIncident("a latitude without a longitude", incidentPatch({ location: { latitude: 52.5 } }), ["body.location"]),
  patchIncident("a sentence while the stored legal status is not convicted", incidentPatch({ sentence: { court: "Landgericht" } }), ["body.sentence"]),
  patchIncident("bias motivations on a category that is not a hate crime", incidentPatch({ bias_motivations: ["anti_migrant"] }), ["body.bias_motivations"]),
  patchIncident("more perpetrators in groups than in total", incidentPatch({ perpetrators: { count: 1, groups: [{ count: 2 }] } }), [
    "body.perpetrators.groups",
  ]),
  patchIncident(
    "eu_efta_national after moving the incident to the US",
    incidentPatch({ country: "US", perpetrators: { groups: [{ migration_status: "eu_efta_national" }] } }),
    ["body.perpetrators.groups.0.migration_status"],
  ),
  patchIncident("a title over 200 characters", incidentPatch({ title: "t".repeat(201) }), ["body.title"]),
];

const SOURCE_CASES: BadCase[] = [
  newSource("an unknown kind", source("kind", "blog"), ["body.kind"]),
  newSource("reliability G", source("reliability", "G"), ["body.reliability"]),
  newSource("credibility 0", source("credibility", 0), ["body.credibility"]),
  newSource("credibility 7", source("credibility", 7), ["body.credibility"]),
  newSource("credibility 2.5", source("credibility", 2.5), ["body.credibility"]),
  newSource('credibility "2" as a string', source("credibility", "2"), ["body.credibility"]),
  newSource("a language written out", source("language", "German"), ["body.language"]),
  newSource("an uppercase SHA-256", source("archived_sha256", "A".repeat(64)), ["body.archived_sha256"]),
  newSource('a string for the boolean "synthetic"', source("synthetic", "false"), ["body.synthetic"]),
  newSource("no kind", source("kind", REMOVE), ["body.kind"]),
  newSource("no title", source("title", REMOVE), ["body.title"]),
  newSource("an empty publisher", source("publisher", ""), ["body.publisher"]),
  newSource("a blank publisher", source("publisher", " \t\n "), ["body.publisher"]),
  newSource("a title over 500 characters", source("title", "t".repeat(501)), ["body.title"]),
  newSource("a javascript: URL", source("url", "javascript:alert(1)"), ["body.url"]),
  newSource("a data: URL carrying a script", source("url", "data:text/html,<script>alert(1)</script>"), ["body.url"]),
  newSource("an ftp: URL", source("url", "ftp://files.example.org/report.pdf"), ["body.url"]),
  newSource("an https URL without a host", source("url", "https://"), ["body.url"]),
  newSource("a relative URL", source("url", "/2025/06/15/article"), ["body.url"]),
  newSource("a URL over 2000 characters", source("url", `https://example.org/${"a".repeat(2000)}`), ["body.url"]),
  newSource("a URL with a NUL character", source("url", "https://example.org/a\u0000b"), ["body.url"]),
  newSource("a URL with a line break", source("url", "https://example.org/a\nb"), ["body.url"]),
  newSource("a URL with spaces around it", source("url", " https://example.org/article "), ["body.url"]),
  newSource("published_date 2025-02-30", source("published_date", "2025-02-30"), ["body.published_date"]),
  newSource("a published_date in the future", source("published_date", FUTURE), ["body.published_date"]),
  newSource("a published_date in the year 0000", source("published_date", "0000-06-15"), ["body.published_date"]),
];

const SOURCE_PATCH_CASES: BadCase[] = [
  {
    when: "a source patch carries a stale version",
    method: "PATCH",
    url: sourceUrl,
    json: sourcePatch({ version: 2, title: "Someone else's change" }),
    status: 409,
    code: "version_conflict",
  },
  patchSource("no version", { title: "A new title" }, ["body.version"]),
  patchSource("version -1", { version: -1 }, ["body.version"]),
  patchSource("a javascript: URL", sourcePatch({ url: "javascript:alert(1)" }), ["body.url"]),
  patchSource("a URL with a NUL character", sourcePatch({ url: "https://example.org/\u0000" }), ["body.url"]),
  patchSource("a null kind", sourcePatch({ kind: null }), ["body.kind"]),
  patchSource("synthetic (not patchable)", sourcePatch({ synthetic: true }), ["body.synthetic"]),
  patchSource("an id (not patchable)", sourcePatch({ id: randomUUID() }), ["body.id"]),
  patchSource("credibility 7", sourcePatch({ credibility: 7 }), ["body.credibility"]),
  patchSource("an empty title", sourcePatch({ title: "" }), ["body.title"]),
  patchSource("a language written out", sourcePatch({ language: "Deutsch" }), ["body.language"]),
  patchSource("published_date 2025-02-30", sourcePatch({ published_date: "2025-02-30" }), ["body.published_date"]),
];

const ATTACH_CASES: BadCase[] = [
  attach("an unknown source id", { source_id: "0193a1a2-0000-7000-8000-000000000000" }, ["body.source_id"]),
  attach("a source id that is not a UUID", { source_id: "1 OR 1=1" }, ["body.source_id"]),
  attach("no fields at all", {}, ["body.source_id"]),
  attach("both a source id and a new source's fields", { ...sourceExample, source_id: randomUUID() }, ["body.source_id"]),
  attach("a javascript: URL", source("url", "javascript:alert(1)"), ["body.url"]),
  attach("credibility 9", source("credibility", 9), ["body.credibility"]),
  attach("an unknown field", source("author", "A. Writer"), ["body.author"]),
];

const LOGIN_CASES: BadCase[] = [
  login("no password", { email: "someone@example.org" }, ["body.password"]),
  login("no e-mail", { password: "secret" }, ["body.email"]),
  login("a number for the e-mail", { email: 12345, password: "secret" }, ["body.email"]),
  login("an empty password", { email: "someone@example.org", password: "" }, ["body.password"]),
  login("an e-mail over 254 characters", { email: `${"a".repeat(250)}@example.org`, password: "secret" }, ["body.email"]),
  login("an unknown field", { email: "someone@example.org", password: "secret", remember_me: true }, ["body.remember_me"]),
  login("a NUL character in the e-mail", { email: "someone\u0000@example.org", password: "secret" }, ["body.email"]),
  {
    when: "a login has a wrong password for a real user",
    method: "POST",
    url: () => "/api/v1/auth/login",
    who: "nobody",
    json: (f: Fixture) => ({ email: f.reporter.email, password: `${f.reporter.password}-wrong` }),
    status: 401,
    code: "invalid_credentials",
    audits: 1,
  },
  {
    when: "a login names no such user",
    method: "POST",
    url: () => "/api/v1/auth/login",
    who: "nobody",
    json: { email: "nobody@example.org", password: "whatever it is" },
    status: 401,
    code: "invalid_credentials",
    audits: 1,
  },
];

const passwordUrl = () => "/api/v1/auth/password";
const changePassword = (when: string, json: (f: Fixture) => unknown, paths: string[], extra: Partial<BadCase> = {}): BadCase => ({
  when: `a password change has ${when}`,
  method: "POST",
  url: passwordUrl,
  json,
  status: 400,
  code: "validation_failed",
  paths,
  ...extra,
});
const newToken = (when: string, json: unknown, paths: string[]) => invalid(`a new API token has ${when}`, "POST", () => "/api/v1/auth/tokens", json, paths);

const ACCOUNT_CASES: BadCase[] = [
  changePassword(
    "a wrong current password",
    (f) => ({ current_password: `${f.reporter.password}-wrong`, new_password: "violet tractor harbour 47" }),
    ["body.current_password"],
    { audits: 1 },
  ),
  changePassword("a new password under 12 characters", (f) => ({ current_password: f.reporter.password, new_password: "short pw" }), ["body.new_password"]),
  changePassword("one of the most common passwords as the new one", (f) => ({ current_password: f.reporter.password, new_password: "Password1234!" }), [
    "body.new_password",
  ]),
  changePassword("a keyboard walk as the new one", (f) => ({ current_password: f.reporter.password, new_password: "1qaz2wsx3edc4rfv" }), ["body.new_password"]),
  changePassword("one character repeated as the new one", (f) => ({ current_password: f.reporter.password, new_password: "zzzzzzzzzzzzzzzz" }), [
    "body.new_password",
  ]),
  changePassword("the user's own e-mail as the new one", (f) => ({ current_password: f.reporter.password, new_password: f.reporter.email }), [
    "body.new_password",
  ]),
  changePassword("the current password as the new one", (f) => ({ current_password: f.reporter.password, new_password: f.reporter.password }), [
    "body.new_password",
  ]),
  changePassword("no current password", () => ({ new_password: "violet tractor harbour 47" }), ["body.current_password"]),
  {
    when: "a password change comes without the session's CSRF token",
    method: "POST",
    url: passwordUrl,
    json: (f: Fixture) => ({ current_password: f.reporter.password, new_password: "violet tractor harbour 47" }),
    csrf: false,
    status: 403,
    code: "csrf_failed",
  },
  {
    when: "a password change carries a CSRF token of another session",
    method: "POST",
    url: passwordUrl,
    json: (f: Fixture) => ({ current_password: f.reporter.password, new_password: "violet tractor harbour 47" }),
    headers: { "x-csrf-token": "A".repeat(43) },
    status: 403,
    code: "csrf_failed",
  },
  newToken("no name", { expires_in_days: 30 }, ["body.name"]),
  newToken("a blank name", { name: "   " }, ["body.name"]),
  newToken("a lifetime of 0 days", { name: "export", expires_in_days: 0 }, ["body.expires_in_days"]),
  newToken("a lifetime over a year", { name: "export", expires_in_days: 367 }, ["body.expires_in_days"]),
  newToken("a fractional lifetime", { name: "export", expires_in_days: 1.5 }, ["body.expires_in_days"]),
  newToken("a lifetime as a string", { name: "export", expires_in_days: "30" }, ["body.expires_in_days"]),
  newToken("a secret of its own choosing", { name: "export", token: "rpt_mine" }, ["body.token"]),
  {
    when: "an API token is made without the session's CSRF token",
    method: "POST",
    url: () => "/api/v1/auth/tokens",
    json: { name: "export" },
    csrf: false,
    status: 403,
    code: "csrf_failed",
  },
  invalid("a token id that is not a UUID is revoked", "POST", () => "/api/v1/auth/tokens/not-a-uuid/revoke", undefined, ["params.id"]),
  {
    when: "an unknown token id (a random UUID) is revoked",
    method: "POST",
    url: () => `/api/v1/auth/tokens/${randomUUID()}/revoke`,
    status: 404,
    code: "not_found",
  },
  {
    when: "another user's token is revoked",
    method: "POST",
    url: (f) => `/api/v1/auth/tokens/${f.tokenId}/revoke`,
    who: "bureau",
    status: 404,
    code: "not_found",
  },
  invalid("a token revocation carries a JSON body", "POST", (f) => `/api/v1/auth/tokens/${f.tokenId}/revoke`, { reason: "leaked" }, ["body"]),
];

const usersUrl = () => "/api/v1/users";
const accountUrl = (f: Fixture) => `/api/v1/users/${f.userId}`;
const newUser = (fields: Record<string, unknown>) => ({ email: "new.user@example.org", name: "New User", role: "reporter", post: "DE", ...fields });
const postsUrl = () => "/api/v1/posts";
const POST_CASES: BadCase[] = [
  invalid(
    "a new post names a country that does not exist",
    "POST",
    postsUrl,
    { country_code: "XX", name: "Embassy in Nowhere", city: "Nowhere" },
    ["body.country_code"],
    "admin",
  ),
  invalid("a new post has no city", "POST", postsUrl, { country_code: "JP", name: "Embassy in Japan" }, ["body.city"], "admin"),
  invalid(
    "a new post tries to set its kind",
    "POST",
    postsUrl,
    { country_code: "JP", name: "Embassy in Japan", city: "Tokyo", kind: "bureau" },
    ["body.kind"],
    "admin",
  ),
  {
    when: "a second post is opened in a country that has one",
    method: "POST",
    url: postsUrl,
    json: { country_code: "DE", name: "Another embassy", city: "Bonn" },
    who: "admin",
    status: 409,
    code: "post_exists",
  },
  {
    when: "a reporter opens a post",
    method: "POST",
    url: postsUrl,
    json: { country_code: "JP", name: "Embassy in Japan", city: "Tokyo" },
    status: 403,
    code: "forbidden",
  },
  {
    when: "a post that does not exist is renamed",
    method: "PATCH",
    url: () => "/api/v1/posts/ZZ",
    json: { name: "Ghost" },
    who: "admin",
    status: 404,
    code: "not_found",
  },
  invalid("a post code in the path is lower case", "PATCH", () => "/api/v1/posts/de", { name: "x" }, ["params.code"], "admin"),
  invalid("a post patch changes nothing (an empty object)", "PATCH", () => "/api/v1/posts/DE", {}, ["body"], "admin"),
];

const taxonomyUrl = () => "/api/v1/taxonomy/versions";
const publish = (when: string, categories: unknown, paths: string[]) =>
  invalid(`a taxonomy version has ${when}`, "POST", taxonomyUrl, { label: "Taxonomy 2026", effective_from: "2026-01-01", categories }, paths, "admin");
const TAXONOMY_CASES: BadCase[] = [
  publish("no categories", [], ["body.categories"]),
  publish(
    "a code listed twice",
    [
      { code: "GR", label: "A" },
      { code: "GR", label: "B" },
    ],
    ["body.categories.1.code"],
  ),
  publish("a subcategory without its parent", [{ code: "SV.RAPE", label: "Rape" }], ["body.categories.0.code"]),
  publish("a lower-case code", [{ code: "gr", label: "A" }], ["body.categories.0.code"]),
  publish("an ICCS code that is not one", [{ code: "GR", label: "A", iccs: "DROP TABLE" }], ["body.categories.0.iccs"]),
  invalid(
    "a taxonomy version has an impossible date",
    "POST",
    taxonomyUrl,
    { label: "T", effective_from: "2026-02-30", categories: [{ code: "GR", label: "A" }] },
    ["body.effective_from"],
    "admin",
  ),
];

const createUser = (when: string, json: unknown, paths: string[]) => invalid(`a new user has ${when}`, "POST", usersUrl, json, paths, "admin");
const patchUser = (when: string, json: unknown, paths: string[]) => invalid(`a user patch has ${when}`, "PATCH", accountUrl, json, paths, "admin");

const USER_CASES: BadCase[] = [
  createUser("an unknown role", newUser({ role: "king" }), ["body.role"]),
  createUser("no e-mail", newUser({ email: undefined }), ["body.email"]),
  createUser("an e-mail that is not one", newUser({ email: "new.user at example.org" }), ["body.email"]),
  createUser("a reporter without an embassy", newUser({ post: undefined }), ["body.post"]),
  createUser("a reporter at the bureau", newUser({ post: "BUREAU" }), ["body.post"]),
  createUser("an analyst at an embassy", newUser({ role: "analyst", post: "DE" }), ["body.post"]),
  createUser("an unknown post", newUser({ post: "ZZ" }), ["body.post"]),
  createUser("an e-mail that is taken", (f: Fixture) => newUser({ email: f.reporter.email }), ["body.email"]),
  createUser("a password under 12 characters", newUser({ password: "short pw" }), ["body.password"]),
  createUser("one of the most common passwords", newUser({ password: "qwerty123456" }), ["body.password"]),
  createUser("a common word with a year and symbols as the password", newUser({ password: "Welcome2025!!" }), ["body.password"]),
  createUser("the user's e-mail as the password", newUser({ password: "new.user@example.org" }), ["body.password"]),
  createUser("the user's name with digits as the password", newUser({ password: "NewUser123456" }), ["body.password"]),
  createUser("a must_change_password flag (always set by the server)", newUser({ must_change_password: false }), ["body.must_change_password"]),
  { when: "a reporter tries to create a user", method: "POST", url: usersUrl, json: newUser({}), status: 403, code: "forbidden" },
  { when: "a reporter asks for the list of users", method: "GET", url: usersUrl, status: 403, code: "forbidden" },
  patchUser("nothing to change", {}, ["body"]),
  patchUser("an unknown role", { role: "king" }, ["body.role"]),
  patchUser("a move to the bureau's analyst role with an embassy post", { role: "analyst", post: "DE" }, ["body.post"]),
  patchUser("an unknown post", { post: "ZZ" }, ["body.post"]),
  patchUser("an e-mail (not changeable)", { email: "other@example.org" }, ["body.email"]),
  patchUser("a password (reset it instead)", { password: "violet tractor harbour 47" }, ["body.password"]),
  { when: "a reporter tries to rename a user", method: "PATCH", url: accountUrl, json: { name: "Renamed" }, status: 403, code: "forbidden" },
  { when: "a reporter tries to disable a user", method: "POST", url: (f) => `${accountUrl(f)}/disable`, status: 403, code: "forbidden" },
  { when: "a reporter tries to reset a user's password", method: "POST", url: (f) => `${accountUrl(f)}/reset-password`, status: 403, code: "forbidden" },
  {
    when: "an admin disables their own account",
    method: "POST",
    url: (f) => `/api/v1/users/${f.admin.actor.id}/disable`,
    who: "admin",
    status: 403,
    code: "forbidden",
  },
  {
    when: "an admin changes their own role",
    method: "PATCH",
    url: (f) => `/api/v1/users/${f.admin.actor.id}`,
    json: { role: "auditor" },
    who: "admin",
    status: 403,
    code: "forbidden",
  },
  { when: "an unknown user (a random UUID) is read", method: "GET", url: () => `/api/v1/users/${randomUUID()}`, who: "admin", status: 404, code: "not_found" },
  {
    when: "an unknown user (a random UUID) is disabled",
    method: "POST",
    url: () => `/api/v1/users/${randomUUID()}/disable`,
    who: "admin",
    status: 404,
    code: "not_found",
  },
  {
    when: "an unknown user (a random UUID) has their password reset",
    method: "POST",
    url: () => `/api/v1/users/${randomUUID()}/reset-password`,
    who: "admin",
    status: 404,
    code: "not_found",
  },
  invalid("a user id that is not a UUID is read", "GET", () => "/api/v1/users/1%20OR%201=1", undefined, ["params.id"], "admin"),
  invalid("a user id that is not a UUID is enabled", "POST", () => "/api/v1/users/not-a-uuid/enable", undefined, ["params.id"], "admin"),
  invalid("a disable carries a JSON body", "POST", (f) => `${accountUrl(f)}/disable`, { reason: "left the post" }, ["body"], "admin"),
  {
    when: "an admin's change comes without the session's CSRF token",
    method: "POST",
    url: (f) => `${accountUrl(f)}/disable`,
    who: "admin",
    csrf: false,
    status: 403,
    code: "csrf_failed",
  },
];

const listUsers = (when: string, query: string, paths: string[]) =>
  invalid(`the user list is asked for ${when}`, "GET", () => `/api/v1/users?${query}`, undefined, paths, "admin");
const USER_QUERY_CASES: BadCase[] = [
  listUsers("with an unknown parameter", "email=someone", ["query.email"]),
  listUsers("with an unknown role", "role=king", ["query.role.0"]),
  listUsers("with a post written out", "post=Berlin", ["query.post.0"]),
  listUsers('with disabled "yes"', "disabled=yes", ["query.disabled"]),
  listUsers("with a NUL character in the role", "role=admin%00", ["query.role.0"]),
];

const LOGOUT_CASES: BadCase[] = [
  invalid("a logout carries a JSON body", "POST", () => "/api/v1/auth/logout", { everywhere: true }, ["body"]),
  invalid("a logout carries a JSON array", "POST", () => "/api/v1/auth/logout", [], ["body"]),
  {
    when: "a logout carries malformed JSON",
    method: "POST",
    url: () => "/api/v1/auth/logout",
    payload: "{",
    headers: JSON_TYPE,
    status: 400,
    code: "malformed_json",
  },
  {
    when: "a logout carries text/plain",
    method: "POST",
    url: () => "/api/v1/auth/logout",
    payload: "bye",
    headers: { "content-type": "text/plain" },
    status: 415,
    code: "unsupported_media_type",
  },
];

const randomId = () => randomUUID();
/** The health probes are public and read-only: changes are refused as routes that do not exist, for anybody. */
const HEALTH_CASES: BadCase[] = [
  {
    when: "the liveness probe is sent a POST",
    method: "POST",
    url: () => "/api/health/live",
    json: { status: "ok" },
    who: "nobody",
    status: 404,
    code: "not_found",
  },
  {
    when: "the readiness probe is sent a PATCH",
    method: "PATCH",
    url: () => "/api/health/ready",
    json: { status: "ready" },
    who: "nobody",
    status: 404,
    code: "not_found",
  },
  { when: "the health report is sent a DELETE", method: "DELETE", url: () => "/api/health", who: "nobody", status: 404, code: "not_found" },
  {
    when: "the readiness probe is asked with a malformed percent-escape",
    method: "GET",
    url: () => "/api/health/ready%E0%A4%A",
    who: "nobody",
    status: 400,
    code: "bad_url",
  },
];

const ID_CASES: BadCase[] = [
  { when: "an unknown incident id (a random UUID) is read", method: "GET", url: () => `/api/v1/incidents/${randomId()}`, status: 404, code: "not_found" },
  {
    when: "an unknown incident id (a random UUID) is patched",
    method: "PATCH",
    url: () => `/api/v1/incidents/${randomId()}`,
    json: incidentPatch({ title: "A new title" }),
    status: 404,
    code: "not_found",
  },
  {
    when: "a source is attached to an unknown incident id",
    method: "POST",
    url: () => `/api/v1/incidents/${randomId()}/sources`,
    json: sourceExample,
    status: 404,
    code: "not_found",
  },
  { when: "an unknown source id (a random UUID) is read", method: "GET", url: () => `/api/v1/sources/${randomId()}`, status: 404, code: "not_found" },
  {
    when: "an unknown source id (a random UUID) is patched",
    method: "PATCH",
    url: () => `/api/v1/sources/${randomId()}`,
    json: sourcePatch({ title: "A new title" }),
    status: 404,
    code: "not_found",
  },
  invalid("an incident id that is not a UUID is read", "GET", () => "/api/v1/incidents/not-a-uuid", undefined, ["params.id"]),
  invalid("an incident id that is not a UUID is patched", "PATCH", () => "/api/v1/incidents/not-a-uuid", incidentPatch({ title: "A new title" }), [
    "params.id",
  ]),
  invalid("a source is attached to an incident id that is not a UUID", "POST", () => "/api/v1/incidents/42/sources", sourceExample, ["params.id"]),
  invalid("a source id that is not a UUID is read", "GET", () => "/api/v1/sources/1%20OR%201=1", undefined, ["params.id"]),
  invalid("a source id that is not a UUID is patched", "PATCH", () => "/api/v1/sources/not-a-uuid", sourcePatch({ title: "A new title" }), ["params.id"]),
  invalid("an incident id with a NUL character is read", "GET", () => "/api/v1/incidents/%00", undefined, ["params.id"]),
  { when: "an incident id with a malformed percent-escape is read", method: "GET", url: () => "/api/v1/incidents/%E0%A4%A", status: 400, code: "bad_url" },
  { when: "an incident id of 300 characters is read", method: "GET", url: () => `/api/v1/incidents/${"a".repeat(300)}`, status: 414, code: "uri_too_long" },
  { when: "a route that does not exist is asked for", method: "GET", url: () => "/api/v1/nothing-here", status: 404, code: "not_found" },
  { when: "an incident is DELETEd (no such route)", method: "DELETE", url: incidentUrl, status: 404, code: "not_found" },
];

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const listIncidents = (when: string, query: string, paths: string[]) =>
  invalid(`the incident list is asked for ${when}`, "GET", () => `/api/v1/incidents?${query}`, undefined, paths);
const listSources = (when: string, query: string, paths: string[]) =>
  invalid(`the source list is asked for ${when}`, "GET", () => `/api/v1/sources?${query}`, undefined, paths);
const countIncidents = (when: string, query: string, paths: string[]) =>
  invalid(`the analysis counts are asked for ${when}`, "GET", () => `/api/v1/analysis/counts?${query}`, undefined, paths);
const rateIncidents = (when: string, query: string, paths: string[]) =>
  invalid(`the analysis rates are asked for ${when}`, "GET", () => `/api/v1/analysis/rates?${query}`, undefined, paths);
const listAudit = (when: string, query: string, paths: string[]) =>
  invalid(`the audit log is asked for ${when}`, "GET", () => `/api/v1/audit?${query}`, undefined, paths);

const report = (when: string, json: unknown, paths: string[], who: Who = "bureau") =>
  invalid(`a report request has ${when}`, "POST", () => "/api/v1/reports/preview", json, paths, who);
/** An id no record has. */
const NO_RECORD = "0193a1a2-0000-7000-8000-0000000000aa";
const taskingsUrl = () => "/api/v1/taskings";
const responseUrl = (f: Fixture) => `/api/v1/taskings/${f.taskingId}/responses/DE`;
const tasking = (when: string, overrides: Record<string, unknown>, paths: string[], who: Who = "editor") =>
  invalid(`a tasking has ${when}`, "POST", taskingsUrl, taskingFields(undefined, overrides), paths, who);
const answer = (when: string, body: unknown, paths: string[]) => invalid(`a response has ${when}`, "POST", responseUrl, body, paths);

const TASKING_CASES: BadCase[] = [
  invalid("posts are opened with none named", "POST", () => "/api/v1/posts/batch", { posts: [] }, ["body.posts"], "admin"),
  invalid(
    "posts are opened naming one country twice",
    "POST",
    () => "/api/v1/posts/batch",
    {
      posts: [
        { country_code: "JP", name: "Embassy in Japan", city: "Tokyo" },
        { country_code: "JP", name: "Embassy in Japan", city: "Osaka" },
      ],
    },
    ["body.posts.1.country_code"],
    "admin",
  ),
  invalid(
    "posts are opened where one is open already (none of them is opened)",
    "POST",
    () => "/api/v1/posts/batch",
    {
      posts: [
        { country_code: "JP", name: "Embassy in Japan", city: "Tokyo" },
        { country_code: "DE", name: "Embassy in Germany", city: "Berlin" },
        { country_code: "QQ", name: "Embassy in nowhere", city: "Nowhere" },
      ],
    },
    ["body.posts.1.country_code", "body.posts.2.country_code"],
    "admin",
  ),
  tasking("a reference that is not a cable's", { reference: "state-123" }, ["body.reference"]),
  tasking("a due date that is not a date", { due_date: "2026-02-30" }, ["body.due_date"]),
  tasking("a period that ends before it begins", { period: { from: "2026-06-30", to: "2026-01-01" } }, ["body.period.to"]),
  tasking("no requirements", { requirements: [] }, ["body.requirements"]),
  tasking("no target posts", { targets: { posts: [], groups: [] } }, ["body.targets.posts"]),
  tasking("a group nobody defined", { targets: { groups: ["nordics"] } }, ["body.targets.groups.0"]),
  tasking("the bureau as a target", { targets: { posts: ["BUREAU"] } }, ["body.targets.posts.0"]),
  tasking("a post that is not open", { targets: { posts: ["JP"] } }, ["body.targets.posts.0"]),
  tasking("a category the taxonomy does not have", { requirements: [{ text: "Anything", categories: ["ZZ.TOP"] }] }, ["body.requirements.0.categories.0"]),
  tasking("a recurrence nobody defined", { recurrence: "weekly" }, ["body.recurrence"]),
  tasking("the reference of a tasking that exists", { reference: "STATE 999999" }, ["body.reference"]),
  invalid(
    "a tasking is issued with a version in words",
    "POST",
    (f) => `/api/v1/taskings/${f.taskingId}/issue`,
    { version: "one" },
    ["body.version"],
    "editor",
  ),
  invalid(
    "a tasking is amended without a note",
    "POST",
    (f) => `/api/v1/taskings/${f.taskingId}/amend`,
    { due_date: "2026-08-15", version: 2 },
    ["body.note"],
    "editor",
  ),
  invalid("a tasking is closed without its version", "POST", (f) => `/api/v1/taskings/${f.taskingId}/close`, {}, ["body.version"], "editor"),
  answer("a narrative and also nothing to report", { answers: [{ requirement: 1, narrative: "x", nothing_to_report: true }] }, ["body.answers.0.narrative"]),
  answer("neither a narrative nor nothing to report", { answers: [{ requirement: 1 }] }, ["body.answers.0.narrative"]),
  answer("a requirement 0", { answers: [{ requirement: 0, nothing_to_report: true }] }, ["body.answers.0.requirement"]),
  answer("a requirement the tasking does not have", { answers: [{ requirement: 9, nothing_to_report: true }] }, ["body.answers.0.requirement"]),
  answer(
    "a requirement answered twice",
    {
      answers: [
        { requirement: 1, nothing_to_report: true },
        { requirement: 1, narrative: "x" },
      ],
    },
    ["body.answers.1.requirement"],
  ),
  answer("a link to a kind of record nobody defined", { answers: [], links: [{ requirement: 1, kind: "meeting", id: NO_RECORD }] }, ["body.links.0.kind"]),
  answer("a link to an incident that does not exist", { answers: [], links: [{ requirement: 1, kind: "incident", id: NO_RECORD }] }, ["body.links.0.id"]),
  answer("a link to a dataset that does not exist", { answers: [], links: [{ requirement: 2, kind: "dataset", id: NO_RECORD }] }, ["body.links.0.id"]),
  invalid("a response is returned without a comment", "POST", (f) => `${responseUrl(f)}/transitions`, { action: "return", version: 1 }, ["body.comment"]),
  invalid("a response is published", "POST", (f) => `${responseUrl(f)}/transitions`, { action: "publish", version: 1 }, ["body.action"]),
  invalid("taskings are listed by a state nobody defined", "GET", () => "/api/v1/taskings?state=open", undefined, ["query.state"]),
  invalid("a cable is asked for as HTML", "GET", (f) => `${responseUrl(f)}/cable?format=html`, undefined, ["query.format"]),
  invalid("the compliance matrix is filtered by a status nobody defined", "GET", () => "/api/v1/compliance?status=late", undefined, ["query.status"], "bureau"),
  invalid("the compliance matrix is filtered by the bureau as a post", "GET", () => "/api/v1/compliance?post=BUREAU", undefined, ["query.post"], "bureau"),
  invalid("the compliance matrix is asked for as PDF", "GET", () => "/api/v1/compliance/export?format=pdf", undefined, ["query.format"], "bureau"),
  invalid("the on-time rate is asked from a date that is not one", "GET", () => "/api/v1/compliance?from=2026-13-01", undefined, ["query.from"], "bureau"),
];

const engagementsUrl = () => "/api/v1/engagements";
const engagementUrl = (f: Fixture) => `/api/v1/engagements/${f.engagementId}`;
const engagement = (when: string, overrides: Record<string, unknown>, paths: string[]) =>
  invalid(`an engagement has ${when}`, "POST", engagementsUrl, engagementFields(overrides), paths);
const listEngagements = (when: string, query: string, paths: string[]) =>
  invalid(`the engagement list is asked for ${when}`, "GET", () => `/api/v1/engagements?${query}`, undefined, paths);
const followUp = (when: string, followUp: Record<string, unknown>, paths: string[]) =>
  invalid(`a follow-up action has ${when}`, "POST", (f) => `${engagementUrl(f)}/follow-ups`, { version: 1, follow_up: followUp }, paths);

const attachmentUpload = fileUpload("an attachment", (f) => `/api/v1/engagements/${f.engagementId}/attachments`);
const BYTES = { "content-type": "application/octet-stream" };
const NOTE = "Notes of the meeting.\n";

const ATTACHMENT_CASES: BadCase[] = [
  attachmentUpload("is named with a control character", "?filename=a%07b.txt", NOTE, BYTES, 400, "validation_failed", ["query.filename"]),
  attachmentUpload("is named with an empty name", "?filename=", NOTE, BYTES, 400, "validation_failed", ["query.filename"]),
  attachmentUpload("has a parameter nobody defined", "?folder=evidence", NOTE, BYTES, 400, "validation_failed", ["query.folder"]),
  attachmentUpload("has no body at all", "", undefined, {}, 400, "validation_failed", ["body"]),
  attachmentUpload("is an empty file", "", "", BYTES, 400, "validation_failed", ["body"]),
  attachmentUpload(
    "is a GIF image declared as a PNG",
    "?filename=photo.png",
    "GIF89a\u0001\u0000\u0001\u0000;",
    { "content-type": "image/png" },
    400,
    "validation_failed",
    ["body"],
  ),
  attachmentUpload(
    "is a program declared as a PDF",
    "?filename=report.pdf",
    Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62)]),
    { "content-type": "application/pdf" },
    400,
    "validation_failed",
    ["body"],
  ),
  attachmentUpload("is text that is not UTF-8", "", Buffer.from("Caf\xe9", "latin1"), { "content-type": "text/plain" }, 400, "validation_failed", ["body"]),
  attachmentUpload("is over ATTACHMENT_LIMIT_BYTES", "", "x".repeat(TEST_APP_CONFIG.ATTACHMENT_LIMIT_BYTES + 1), BYTES, 413, "payload_too_large"),
  attachmentUpload("is sent as HTML", "", "<p>hello</p>", { "content-type": "text/html" }, 415, "unsupported_media_type"),
  attachmentUpload("is sent as multipart form data", "", NOTE, { "content-type": "multipart/form-data; boundary=x" }, 415, "unsupported_media_type"),
  attachmentUpload("is sent to a draft the bureau does not see", "", NOTE, BYTES, 404, "not_found", undefined, "bureau"),
  attachmentUpload("is sent by an admin", "", NOTE, BYTES, 403, "forbidden", undefined, "admin"),
  { ...attachmentUpload("comes without the session's CSRF token", "", NOTE, BYTES, 403, "csrf_failed"), csrf: false },
  {
    ...attachmentUpload("is sent to an engagement id that is not a UUID", "", NOTE, BYTES, 400, "validation_failed", ["params.id"]),
    url: () => "/api/v1/engagements/42/attachments",
  },
  invalid("an attachment is downloaded by an id that is not a UUID", "GET", (f) => `${engagementUrl(f)}/attachments/notes.txt`, undefined, ["params.file"]),
  invalid("an attachment is removed by an id that is not a UUID", "POST", (f) => `${engagementUrl(f)}/attachments/notes.txt/remove`, undefined, [
    "params.file",
  ]),
  {
    when: "an attachment nobody added is downloaded",
    method: "GET",
    url: (f) => `${engagementUrl(f)}/attachments/${NO_RECORD}`,
    status: 404,
    code: "not_found",
  },
  {
    when: "an attachment nobody added is removed",
    method: "POST",
    url: (f) => `${engagementUrl(f)}/attachments/${NO_RECORD}/remove`,
    status: 404,
    code: "not_found",
  },
  {
    when: "an attachment is removed with a body",
    method: "POST",
    url: (f) => `${engagementUrl(f)}/attachments/${NO_RECORD}/remove`,
    json: { reason: "not needed" },
    status: 400,
    code: "validation_failed",
    paths: ["body"],
  },
];

const ENGAGEMENT_CASES: BadCase[] = [
  engagement("a kind nobody defined", { kind: "dinner" }, ["body.kind"]),
  engagement("a date that is not one", { date: "2026-02-30" }, ["body.date"]),
  engagement("a date in the future", { date: FUTURE }, ["body.date"]),
  engagement("no counterpart", { counterpart: undefined }, ["body.counterpart"]),
  engagement("a counterpart level nobody defined", { counterpart: { office: "Ministry", level: "king", office_type: "interior" } }, ["body.counterpart.level"]),
  engagement("an office type nobody defined", { counterpart: { office: "Ministry", level: "minister", office_type: "army" } }, [
    "body.counterpart.office_type",
  ]),
  engagement("a blank office", { counterpart: { office: "   ", level: "minister", office_type: "interior" } }, ["body.counterpart.office"]),
  engagement("an initiator nobody defined", { initiated_by: "press" }, ["body.initiated_by"]),
  engagement("a response nobody defined", { response: "furious" }, ["body.response"]),
  engagement("a text for no response yet", { response: "no_response_yet", response_text: "They agreed." }, ["body.response_text"]),
  engagement("a topic the taxonomy does not have", { topics: ["ZZ.TOP"] }, ["body.topics.0"]),
  engagement("a topic in lower case", { topics: ["sv"] }, ["body.topics.0"]),
  engagement("a follow-up with two owners", { follow_ups: [{ action: "x", owner_user: NO_RECORD, owner_role: "desk", due_date: "2026-05-01" }] }, [
    "body.follow_ups.0.owner_user",
  ]),
  engagement("a follow-up without an owner", { follow_ups: [{ action: "x", due_date: "2026-05-01" }] }, ["body.follow_ups.0.owner_user"]),
  engagement("a follow-up owned by nobody's id", { follow_ups: [{ action: "x", owner_user: NO_RECORD, due_date: "2026-05-01" }] }, [
    "body.follow_ups.0.owner_user",
  ]),
  engagement("a follow-up due on no date", { follow_ups: [{ action: "x", owner_role: "desk", due_date: "soon" }] }, ["body.follow_ups.0.due_date"]),
  engagement("a handling marking nobody defined", { handling: "SECRET" }, ["body.handling"]),
  engagement("a synthetic flag (only the demo sets it)", { synthetic: true }, ["body.synthetic"]),
  invalid("an engagement is edited without its version", "PATCH", engagementUrl, { message: "x" }, ["body.version"]),
  invalid("an engagement is edited to a text for no response yet", "PATCH", engagementUrl, { version: 1, response_text: "They agreed." }, [
    "body.response_text",
  ]),
  invalid("an engagement is returned without a comment", "POST", (f) => `${engagementUrl(f)}/transitions`, { action: "return", version: 1 }, ["body.comment"]),
  invalid("an engagement is published", "POST", (f) => `${engagementUrl(f)}/transitions`, { action: "publish", version: 1 }, ["body.action"]),
  followUp("no action", { owner_role: "desk", due_date: "2026-05-01" }, ["body.follow_up.action"]),
  invalid(
    "a follow-up action has an owner of another post",
    "POST",
    (f) => `${engagementUrl(f)}/follow-ups`,
    (f: Fixture) => ({ version: 1, follow_up: { action: "x", owner_user: f.userId, due_date: "2026-05-01" } }),
    ["body.follow_up.owner_user"],
  ),
  invalid("follow-up action 0 is completed", "POST", (f) => `${engagementUrl(f)}/follow-ups/0/complete`, { version: 1 }, ["params.number"]),
  invalid('follow-up action "one" is completed', "POST", (f) => `${engagementUrl(f)}/follow-ups/one/complete`, { version: 1 }, ["params.number"]),
  invalid(
    "an engagement is marked notable with a word",
    "POST",
    (f) => `${engagementUrl(f)}/notable`,
    { version: 1, notable: "yes" },
    ["body.notable"],
    "bureau",
  ),
  listEngagements("a level nobody defined", "level=king", ["query.level"]),
  listEngagements("an office type nobody defined", "office_type=army", ["query.office_type"]),
  listEngagements("a response nobody defined", "response=furious", ["query.response"]),
  listEngagements("a state nobody defined", "state=open", ["query.state"]),
  listEngagements("a follow-up filter nobody defined", "follow_up=soon", ["query.follow_up"]),
  listEngagements("a date that is not one", "from=2026-13-01", ["query.from"]),
  listEngagements("a category in lower case", "category=sv", ["query.category"]),
  listEngagements("the bureau as a post in lower case", "post=bureau", ["query.post"]),
  listEngagements("no rows", "limit=0", ["query.limit"]),
  listEngagements("a search with a control character", `q=${encodeURIComponent("a\u0001b")}`, ["query.q"]),
  listEngagements("a filter nobody defined", "mood=good", ["query.mood"]),
];

const REPORT_CASES: BadCase[] = [
  report("an unknown kind", { kind: "memo", countries: ["DE"], period: "2024" }, ["body.kind"]),
  report("no countries", { kind: "brief", countries: [], period: "2024" }, ["body.countries"]),
  report("a lower-case country code", { kind: "cable", countries: ["de"], period: "2024" }, ["body.countries.0"]),
  report("a country code nobody has", { kind: "cable", countries: ["QQ"], period: "2024" }, ["body.countries.0"]),
  report("two countries for a cable", { kind: "cable", countries: ["DE", "FR"], period: "2024" }, ["body.countries"]),
  report("one country for a brief", { kind: "brief", countries: ["DE"], period: "2024" }, ["body.countries"]),
  report("the same country twice", { kind: "brief", countries: ["DE", "DE"], period: "2024" }, ["body.countries"]),
  report("a country report over a quarter", { kind: "country", countries: ["DE"], period: "2024-Q1" }, ["body.period"]),
  report("a period in words", { kind: "cable", countries: ["DE"], period: "last year" }, ["body.period"]),
  report("a 13th month", { kind: "cable", countries: ["DE"], period: "2024-13" }, ["body.period"]),
  report("a range that ends before it starts", { kind: "cable", countries: ["DE"], period: "2024-03-01..2024-02-01" }, ["body.period"]),
  report("a range with 30 February", { kind: "cable", countries: ["DE"], period: "2024-02-30..2024-03-01" }, ["body.period"]),
  report("a subcategory", { kind: "cable", countries: ["DE"], period: "2024", categories: ["SV.RAPE"] }, ["body.categories.0"]),
  report("a category nobody has", { kind: "cable", countries: ["DE"], period: "2024", categories: ["ZZ"] }, ["body.categories.0"]),
  {
    when: "a post asks for a cable on another country",
    method: "POST",
    url: () => "/api/v1/reports/preview",
    json: { kind: "cable", countries: ["FR"], period: "2024" },
    status: 403,
    code: "forbidden",
  },
  {
    when: "a reporter freezes a report",
    method: "POST",
    url: () => "/api/v1/reports",
    json: { kind: "cable", countries: ["DE"], period: "2024" },
    status: 403,
    code: "forbidden",
  },
  invalid(
    "a template for a year before 2000",
    "POST",
    () => "/api/v1/reports/templates",
    { kind: "country", year: 1999, sections: [{ section: "limitations", heading: "L" }] },
    ["body.year"],
    "admin",
  ),
  invalid(
    "a template for the cable",
    "POST",
    () => "/api/v1/reports/templates",
    { kind: "cable", year: 2027, sections: [{ section: "limitations", heading: "L" }] },
    ["body.kind"],
    "admin",
  ),
  invalid(
    "a template with an unknown section",
    "POST",
    () => "/api/v1/reports/templates",
    { kind: "country", year: 2027, sections: [{ section: "gossip", heading: "G" }] },
    ["body.sections.0.section"],
    "admin",
  ),
  invalid(
    "a template without its limitations",
    "POST",
    () => "/api/v1/reports/templates",
    { kind: "country", year: 2027, sections: [{ section: "figures", heading: "F" }] },
    ["body.sections"],
    "admin",
  ),
  invalid(
    "a country template with a comparison",
    "POST",
    () => "/api/v1/reports/templates",
    {
      kind: "country",
      year: 2027,
      sections: [
        { section: "comparison", heading: "C" },
        { section: "limitations", heading: "L" },
      ],
    },
    ["body.sections.0.section"],
    "admin",
  ),
  invalid(
    "a template with a section twice",
    "POST",
    () => "/api/v1/reports/templates",
    {
      kind: "country",
      year: 2027,
      sections: [
        { section: "limitations", heading: "L" },
        { section: "limitations", heading: "M" },
      ],
    },
    ["body.sections.1.section"],
    "admin",
  ),
  invalid("the report list asked for an unknown kind", "GET", () => "/api/v1/reports?kind=memo", undefined, ["query.kind"]),
  invalid("the report list asked with an unknown parameter", "GET", () => "/api/v1/reports?country=DE", undefined, ["query.country"]),
  invalid("a report id that is not a UUID", "GET", () => "/api/v1/reports/not-a-uuid", undefined, ["params.id"], "bureau"),
  invalid("a version 0", "GET", (f) => `/api/v1/reports/${f.reportId}/versions/0`, undefined, ["params.version"], "bureau"),
  invalid("a version that is not a number", "GET", (f) => `/api/v1/reports/${f.reportId}/versions/latest`, undefined, ["params.version"], "bureau"),
  {
    when: "a version that does not exist",
    method: "GET",
    url: (f) => `/api/v1/reports/${f.reportId}/versions/9`,
    who: "bureau",
    status: 404,
    code: "not_found",
  },
  {
    when: "an unknown report id (a random UUID) is read",
    method: "GET",
    url: () => `/api/v1/reports/${randomId()}`,
    who: "bureau",
    status: 404,
    code: "not_found",
  },
  invalid(
    "a download in an unknown format",
    "GET",
    (f) => `/api/v1/reports/${f.reportId}/versions/1/download?format=html`,
    undefined,
    ["query.format"],
    "bureau",
  ),
  invalid("a diff without versions", "GET", (f) => `/api/v1/reports/${f.reportId}/diff`, undefined, ["query.from", "query.to"], "bureau"),
  invalid("a diff of a version with itself", "GET", (f) => `/api/v1/reports/${f.reportId}/diff?from=1&to=1`, undefined, ["query.to"], "bureau"),
  {
    when: "a diff with a version that does not exist",
    method: "GET",
    url: (f) => `/api/v1/reports/${f.reportId}/diff?from=1&to=7`,
    who: "bureau",
    status: 404,
    code: "not_found",
  },
];

const QUERY_CASES: BadCase[] = [
  listIncidents("with an unknown parameter", "colour=red", ["query.colour"]),
  listIncidents("with a __proto__ parameter", "__proto__=1", ["query.__proto__"]),
  listIncidents("with a constructor parameter", "constructor=1", ["query.constructor"]),
  listIncidents("with limit 0", "limit=0", ["query.limit"]),
  listIncidents("with a negative limit", "limit=-5", ["query.limit"]),
  listIncidents("with limit 201", "limit=201", ["query.limit"]),
  listIncidents("with limit abc", "limit=abc", ["query.limit"]),
  listIncidents("with limit 1.5", "limit=1.5", ["query.limit"]),
  listIncidents("with limit given twice", "limit=1&limit=2", ["query.limit"]),
  listIncidents("with an unknown sort", "sort=newest", ["query.sort"]),
  listIncidents("with a country written out", "country=Germany", ["query.country.0"]),
  listIncidents("with a malformed category", "category=sv", ["query.category.0"]),
  listIncidents("with an unknown state", "state=open", ["query.state.0"]),
  listIncidents("with occurred_from 2025-02-30", "occurred_from=2025-02-30", ["query.occurred_from"]),
  listIncidents("with occurred_from in the year 0000", "occurred_from=0000-01-01", ["query.occurred_from"]),
  listIncidents("with occurred_to in the future", `occurred_to=${FUTURE}`, ["query.occurred_to"]),
  listIncidents('with synthetic "yes"', "synthetic=yes", ["query.synthetic"]),
  listIncidents("with a search text over 200 characters", `q=${"q".repeat(201)}`, ["query.q"]),
  listIncidents("with a NUL character in the search text", "q=abc%00def", ["query.q"]),
  listIncidents("with number abc", "number=abc", ["query.number"]),
  listIncidents("with number 0", "number=0", ["query.number"]),
  listIncidents("with number 1.5", "number=1.5", ["query.number"]),
  listIncidents("with a garbage cursor", "cursor=%21%21not-a-cursor%21%21", ["query.cursor"]),
  listIncidents("with an empty cursor", "cursor=", ["query.cursor"]),
  listIncidents("with a cursor over 200 characters", `cursor=${"c".repeat(201)}`, ["query.cursor"]),
  listIncidents("with a cursor of another sort order", `cursor=${cursor({ s: "created", k: 1, n: 1 })}`, ["query.cursor"]),
  listIncidents("with a cursor encoding null", `cursor=${cursor(null)}`, ["query.cursor"]),
  listIncidents("with a cursor encoding an array", `cursor=${cursor([1, 2])}`, ["query.cursor"]),
  listIncidents("with a cursor whose number is 1e308", `cursor=${cursor({ s: "-created", k: 1e308, n: 1e308 })}`, ["query.cursor"]),
  listIncidents("with a cursor whose number is negative", `cursor=${cursor({ s: "-created", k: -1, n: -1 })}`, ["query.cursor"]),
  listIncidents("with a cursor holding an impossible date", `sort=-occurred&cursor=${cursor({ s: "-occurred", k: "2025-13-45", n: 1 })}`, ["query.cursor"]),
  listIncidents("with a cursor holding SQL", `sort=-occurred&cursor=${cursor({ s: "-occurred", k: "2025-01-01' OR '1'='1", n: 1 })}`, ["query.cursor"]),
  listSources("with an unknown parameter", "publisher=Example", ["query.publisher"]),
  listSources("with limit 0", "limit=0", ["query.limit"]),
  listSources("with limit 1000", "limit=1000", ["query.limit"]),
  listSources("with a cursor that is not a source id", "cursor=1%20OR%201%3D1", ["query.cursor"]),
  listSources("with a search text over 200 characters", `q=${"q".repeat(201)}`, ["query.q"]),
  listSources("with a NUL character in the search text", "q=abc%00def", ["query.q"]),
  listSources("with a control character in the search text", "q=abc%07def", ["query.q"]),
  countIncidents("with an unknown parameter", "limit=10", ["query.limit"]),
  countIncidents("with an unknown basis", "basis=everything", ["query.basis"]),
  countIncidents("with cells that is neither true nor false", "cells=yes", ["query.cells"]),
  countIncidents("with an unknown migration status", "migration_status=foreign", ["query.migration_status.0"]),
  countIncidents("with a country written out", "country=France", ["query.country.0"]),
  countIncidents("with a malformed category", "category=sv.rape", ["query.category.0"]),
  countIncidents("with occurred_to before occurred_from", "occurred_from=2025-05-01&occurred_to=2025-04-01", ["query.occurred_to"]),
  countIncidents("with occurred_from 2025-02-30", "occurred_from=2025-02-30", ["query.occurred_from"]),
  countIncidents('with synthetic "yes"', "synthetic=yes", ["query.synthetic"]),
  rateIncidents("with an unknown parameter", "limit=10", ["query.limit"]),
  rateIncidents("with a migration-status filter (rates group statuses instead)", "migration_status=unknown", ["query.migration_status"]),
  rateIncidents("with an unknown group", "group=all,migrants", ["query.group.1"]),
  rateIncidents("with an empty group list", "group=,", ["query.group"]),
  rateIncidents("with a granularity of week", "granularity=week", ["query.granularity"]),
  rateIncidents("with an unknown basis", "basis=all", ["query.basis"]),
  rateIncidents("with occurred_to before occurred_from", "occurred_from=2025-05-01&occurred_to=2025-04-01", ["query.occurred_to"]),
  rateIncidents("with granularity total but no window", "granularity=total", ["query.occurred_from", "query.occurred_to"]),
  rateIncidents("with granularity total and no end", "granularity=total&occurred_from=2024-01-01", ["query.occurred_to"]),
  rateIncidents("by year over more than fifty years", "occurred_from=1900-01-01&occurred_to=2024-12-31", ["query.occurred_from"]),
  rateIncidents("with a country written out", "country=Austria", ["query.country.0"]),
  rateIncidents("with a malformed category", "category=sv", ["query.category.0"]),
  rateIncidents("with occurred_from 2025-02-30", "occurred_from=2025-02-30", ["query.occurred_from"]),
  listAudit("with an unknown parameter", "user=someone", ["query.user"]),
  listAudit("with an actor that is not a user id", "actor_user_id=1%20OR%201%3D1", ["query.actor_user_id"]),
  listAudit("with limit 201", "limit=201", ["query.limit"]),
  listAudit("with a cursor that is not an event id", "cursor=1%20OR%201%3D1", ["query.cursor"]),
  listAudit("with at_from 2025-02-30", "at_from=2025-02-30", ["query.at_from"]),
  listAudit("with a timestamp without its zone", "at_to=2025-06-14T10:00:00", ["query.at_to"]),
  listAudit("with at_to before at_from", "at_from=2025-06-15&at_to=2025-06-14", ["query.at_to"]),
  listAudit("with a NUL character in entity_id", "entity_id=abc%00def", ["query.entity_id"]),
];

// ---------------------------------------------------------------------------------------------
// Official statistics and case outcomes

const caseOutcome = (path: string, value: unknown) => withField(caseOutcomeExample, path, value);
const caseOutcomesUrl = () => "/api/v1/case-outcomes";
const newCaseOutcome = (when: string, json: unknown, paths: string[]) => invalid(`a new case outcome has ${when}`, "POST", caseOutcomesUrl, json, paths);
const caseOutcomeUrl = (f: Fixture) => `/api/v1/case-outcomes/${f.caseOutcomeId}`;
/** Corrections and withdrawals of the fixture's case outcome that must change nothing. */
function correctionCases(): BadCase[] {
  const correction = (fields: Record<string, unknown>) => ({ version: 1, reason: "A correction.", ...fields });
  const corrected = (when: string, json: unknown, paths: string[], who: Who = "reporter") =>
    invalid(`a case outcome is corrected with ${when}`, "PATCH", caseOutcomeUrl, json, paths, who);
  const withdrawUrl = (f: Fixture) => `${caseOutcomeUrl(f)}/withdraw`;
  return [
    corrected("no reason", { version: 1, court_level: "appeal" }, ["body.reason"]),
    corrected("no version", { court_level: "appeal", reason: "Appeal." }, ["body.version"]),
    corrected("an unknown field", correction({ judge: "J. Doe" }), ["body.judge"]),
    corrected("synthetic (set when recorded, never corrected)", correction({ synthetic: true }), ["body.synthetic"]),
    corrected("an unknown country", correction({ country: "ZZ" }), ["body.country"]),
    corrected("an offence category that is not in the taxonomy", correction({ offence: { category: "SV.NOPE" } }), ["body.offence.category"]),
    corrected("an acquittal that keeps its sentence", correction({ convicted: false }), ["body.sentence"]),
    corrected("a negative custodial sentence", correction({ sentence: { custodial_months: -1 } }), ["body.sentence.custodial_months"]),
    corrected("a decision_date in the future", correction({ decision_date: FUTURE }), ["body.decision_date"]),
    corrected("an incident id nobody has", correction({ incident_id: "0193a1a2-0000-7000-8000-000000000000" }), ["body.incident_id"]),
    invalid("a case outcome id that is not a UUID is corrected", "PATCH", () => "/api/v1/case-outcomes/not-a-uuid", correction({}), ["params.id"]),
    {
      when: "an unknown case outcome is corrected",
      method: "PATCH",
      url: () => `/api/v1/case-outcomes/${randomId()}`,
      json: correction({}),
      status: 404,
      code: "not_found",
    },
    {
      when: "a case outcome is corrected from a stale version",
      method: "PATCH",
      url: caseOutcomeUrl,
      json: correction({ version: 2 }),
      status: 409,
      code: "version_conflict",
    },
    { when: "an admin corrects a case outcome", method: "PATCH", url: caseOutcomeUrl, json: correction({}), who: "admin", status: 403, code: "forbidden" },
    invalid("a case outcome is withdrawn without a reason", "POST", withdrawUrl, { version: 1 }, ["body.reason"]),
    {
      when: "a case outcome is withdrawn from a stale version",
      method: "POST",
      url: withdrawUrl,
      json: { version: 2, reason: "Twice." },
      status: 409,
      code: "version_conflict",
    },
    { when: "an unknown case outcome is read", method: "GET", url: () => `/api/v1/case-outcomes/${randomId()}`, status: 404, code: "not_found" },
  ];
}
const CASE_OUTCOME_CASES: BadCase[] = [
  newCaseOutcome("an unknown field", caseOutcome("judge", "J. Doe"), ["body.judge"]),
  newCaseOutcome("an unknown field in the offence", caseOutcome("offence.label", "Assault"), ["body.offence.label"]),
  newCaseOutcome("an unknown field in the defendant", caseOutcome("defendant.nationality", "DE"), ["body.defendant.nationality"]),
  newCaseOutcome("an unknown field in the sentence", caseOutcome("sentence.years", 2), ["body.sentence.years"]),
  newCaseOutcome("no country", caseOutcome("country", REMOVE), ["body.country"]),
  newCaseOutcome("an unknown country", caseOutcome("country", "ZZ"), ["body.country"]),
  newCaseOutcome("a country written out", caseOutcome("country", "Germany"), ["body.country"]),
  newCaseOutcome("an offence category that is not in the taxonomy", caseOutcome("offence.category", "SV.NOPE"), ["body.offence.category"]),
  newCaseOutcome("a malformed offence category", caseOutcome("offence.category", "sv assault"), ["body.offence.category"]),
  newCaseOutcome("an ICCS code that is not one", caseOutcome("offence.iccs", "DROP TABLE"), ["body.offence.iccs"]),
  newCaseOutcome("an unknown court level", caseOutcome("court_level", "district"), ["body.court_level"]),
  newCaseOutcome("an unknown migration status", caseOutcome("defendant.migration_status", "foreign"), ["body.defendant.migration_status"]),
  newCaseOutcome("an unknown basis for the status", caseOutcome("defendant.basis", "rumour"), ["body.defendant.basis"]),
  newCaseOutcome("decision_date 2024-02-30", caseOutcome("decision_date", "2024-02-30"), ["body.decision_date"]),
  newCaseOutcome("decision_date written 12.03.2025", caseOutcome("decision_date", "12.03.2025"), ["body.decision_date"]),
  newCaseOutcome("a decision_date in the future", caseOutcome("decision_date", FUTURE), ["body.decision_date"]),
  newCaseOutcome('a string for the boolean "convicted"', caseOutcome("convicted", "yes"), ["body.convicted"]),
  newCaseOutcome("a sentence for an acquittal", caseOutcome("convicted", false), ["body.sentence"]),
  newCaseOutcome("a negative custodial sentence", caseOutcome("sentence.custodial_months", -1), ["body.sentence.custodial_months"]),
  newCaseOutcome("a fine in a made-up currency", caseOutcome("sentence.fine", { amount: 500, currency: "euro" }), ["body.sentence.fine.currency"]),
  newCaseOutcome("an incident id that is not a UUID", caseOutcome("incident_id", "incident-1"), ["body.incident_id"]),
  newCaseOutcome("an incident id nobody has", caseOutcome("incident_id", "0193a1a2-0000-7000-8000-000000000000"), ["body.incident_id"]),
  { when: "an admin records a case outcome", method: "POST", url: caseOutcomesUrl, json: caseOutcomeExample, who: "admin", status: 403, code: "forbidden" },
  ...correctionCases(),
  {
    when: "a case outcome comes without the session's CSRF token",
    method: "POST",
    url: caseOutcomesUrl,
    json: caseOutcomeExample,
    csrf: false,
    status: 403,
    code: "csrf_failed",
  },
];

/** A notable case of the fixture's first two outcomes, as it could be recorded. */
function notableCaseBody(f: Fixture, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...clone(notableCaseExample),
    outcomes: f.notableOutcomeIds.slice(0, 2).map((id, i) => ({ case_outcome_id: id, role: i === 0 ? "the original offence" : "the related prosecution" })),
    ...fields,
  };
}
const notableCasesUrl = () => "/api/v1/notable-cases";
const notableCaseUrl = (f: Fixture) => `/api/v1/notable-cases/${f.notableCaseId}`;
const newNotableCase = (when: string, fields: (f: Fixture) => Record<string, unknown>, paths: string[], who: Who = "reporter") =>
  invalid(`a new notable case has ${when}`, "POST", notableCasesUrl, (f: Fixture) => notableCaseBody(f, fields(f)), paths, who);
const NOTABLE_CASE_CASES: BadCase[] = [
  newNotableCase("one case outcome only", (f) => ({ outcomes: [{ case_outcome_id: f.notableOutcomeIds[0], role: "the offence" }] }), ["body.outcomes"]),
  newNotableCase("no outcomes", () => ({ outcomes: [] }), ["body.outcomes"]),
  newNotableCase("the same outcome twice", (f) => ({ outcomes: [0, 0].map((i) => ({ case_outcome_id: f.notableOutcomeIds[i], role: "the offence" })) }), [
    "body.outcomes.1.case_outcome_id",
  ]),
  newNotableCase(
    "an outcome nobody recorded",
    (f) => ({
      outcomes: [
        { case_outcome_id: randomId(), role: "the offence" },
        { case_outcome_id: f.notableOutcomeIds[1], role: "the related prosecution" },
      ],
    }),
    ["body.outcomes.0.case_outcome_id"],
  ),
  newNotableCase("outcomes of another country than its own", () => ({ country: "FR" }), ["body.outcomes.0.case_outcome_id", "body.outcomes.1.case_outcome_id"]),
  newNotableCase(
    "an outcome id that is not a UUID",
    () => ({
      outcomes: [
        { case_outcome_id: "outcome-1", role: "a" },
        { case_outcome_id: "outcome-2", role: "b" },
      ],
    }),
    ["body.outcomes.0.case_outcome_id", "body.outcomes.0.role"],
  ),
  newNotableCase("an outcome without its role", (f) => ({ outcomes: f.notableOutcomeIds.slice(0, 2).map((id) => ({ case_outcome_id: id })) }), [
    "body.outcomes.0.role",
  ]),
  newNotableCase("an unknown country", () => ({ country: "ZZ" }), ["body.country"]),
  newNotableCase("no title", () => ({ title: REMOVE }), ["body.title"]),
  newNotableCase("an empty description", () => ({ description: "" }), ["body.description"]),
  newNotableCase("an incident id nobody has", () => ({ incident_ids: [randomId()] }), ["body.incident_ids.0"]),
  newNotableCase("an incident id that is not a UUID", () => ({ incident_ids: ["incident-1"] }), ["body.incident_ids.0"]),
  newNotableCase(
    "an unknown field in a link",
    (f) => ({ outcomes: f.notableOutcomeIds.slice(0, 2).map((id) => ({ case_outcome_id: id, role: "a part", victim: "X" })) }),
    ["body.outcomes.0.victim"],
  ),
  {
    when: "an admin records a notable case",
    method: "POST",
    url: notableCasesUrl,
    json: (f: Fixture) => notableCaseBody(f),
    who: "admin",
    status: 403,
    code: "forbidden",
  },
  invalid("a notable case is edited without a version", "PATCH", notableCaseUrl, { title: "A title" }, ["body.version"]),
  invalid(
    "a notable case is edited with one outcome",
    "PATCH",
    notableCaseUrl,
    (f: Fixture) => ({ version: 1, outcomes: [{ case_outcome_id: f.notableOutcomeIds[0], role: "a" }] }),
    ["body.outcomes"],
  ),
  invalid("a notable case is edited to change its country", "PATCH", notableCaseUrl, { version: 1, country: "FR" }, ["body.country"]),
  {
    when: "a notable case is edited from a stale version",
    method: "PATCH",
    url: notableCaseUrl,
    json: { version: 2, title: "A title" },
    status: 409,
    code: "version_conflict",
  },
  {
    when: "an unknown notable case is edited",
    method: "PATCH",
    url: () => `/api/v1/notable-cases/${randomId()}`,
    json: { version: 1, title: "A title" },
    status: 404,
    code: "not_found",
  },
  { when: "an unknown notable case is read", method: "GET", url: () => `/api/v1/notable-cases/${randomId()}`, status: 404, code: "not_found" },
  invalid("a notable case id that is not a UUID is read", "GET", () => "/api/v1/notable-cases/not-a-uuid", undefined, ["params.id"]),
  invalid(
    "a link is removed that the notable case does not have",
    "POST",
    (f) => `${notableCaseUrl(f)}/unlink`,
    { version: 1, case_outcome_id: randomId(), reason: "No." },
    ["body.case_outcome_id"],
  ),
  invalid(
    "a link is removed without a reason",
    "POST",
    (f) => `${notableCaseUrl(f)}/unlink`,
    (f: Fixture) => ({ version: 1, case_outcome_id: f.notableOutcomeIds[2] }),
    ["body.reason"],
  ),
  invalid("a notable case is withdrawn without a reason", "POST", (f) => `${notableCaseUrl(f)}/withdraw`, { version: 1 }, ["body.reason"]),
  {
    when: "a notable case is withdrawn from a stale version",
    method: "POST",
    url: (f) => `${notableCaseUrl(f)}/withdraw`,
    json: { version: 2, reason: "Twice." },
    status: 409,
    code: "version_conflict",
  },
  {
    when: "an admin withdraws a notable case",
    method: "POST",
    url: (f) => `${notableCaseUrl(f)}/withdraw`,
    json: { version: 1, reason: "No." },
    who: "admin",
    status: 403,
    code: "forbidden",
  },
  invalid("the notable cases are listed for a country written out", "GET", () => "/api/v1/notable-cases?country=Germany", undefined, ["query.country"]),
  invalid("the notable cases are listed with withdrawn=maybe", "GET", () => "/api/v1/notable-cases?withdrawn=maybe", undefined, ["query.withdrawn"]),
  invalid("the notable cases are listed with an unknown parameter", "GET", () => "/api/v1/notable-cases?victim=X", undefined, ["query.victim"]),
];

const compareSentencing = (when: string, query: string, paths: string[]) =>
  invalid(`the sentencing comparison is asked for ${when}`, "GET", () => `/api/v1/analysis/sentencing?${query}`, undefined, paths);
const listCaseOutcomes = (when: string, query: string, paths: string[]) =>
  invalid(`the case outcomes are asked for ${when}`, "GET", () => `/api/v1/case-outcomes?${query}`, undefined, paths);
const observations = (when: string, query: (f: Fixture) => string, paths: string[]): BadCase => ({
  when: `observations are asked for ${when}`,
  method: "GET",
  url: (f) => `/api/v1/stats/observations?${query(f)}`,
  status: 400,
  code: "validation_failed",
  paths,
});
const ofDataset = (query: string) => (f: Fixture) => `dataset=${f.datasetId}&${query}`;
const population = (when: string, query: string, paths: string[]) =>
  invalid(`a population is asked for ${when}`, "GET", () => `/api/v1/stats/population?${query}`, undefined, paths);
const datasetDetail = (when: string, query: string, paths: string[]): BadCase => ({
  when: `a dataset is read with ${when}`,
  method: "GET",
  url: (f) => `/api/v1/stats/datasets/${f.datasetId}?${query}`,
  status: 400,
  code: "validation_failed",
  paths,
});
const fiftyOneGeos = Array.from({ length: 51 }, (_, i) => `G${String(i).padStart(2, "0")}`).join(",");

/** A job id nobody was given. */
const NO_JOB = "0193a1a2-0000-7000-8000-000000000000";
const jobs = (when: string, url: string, paths: string[], method: BadCase["method"] = "GET") =>
  invalid(`jobs are asked for ${when}`, method, () => url, undefined, paths, "admin");

const JOB_CASES: BadCase[] = [
  jobs("by a state that does not exist", "/api/v1/jobs?state=lost", ["query.state"]),
  jobs("with limit 0", "/api/v1/jobs?limit=0", ["query.limit"]),
  jobs("with limit 201", "/api/v1/jobs?limit=201", ["query.limit"]),
  jobs("with a cursor that is not a job id", "/api/v1/jobs?cursor=page2", ["query.cursor"]),
  jobs("with an unknown parameter", "/api/v1/jobs?kind=stats.import", ["query.kind"]),
  jobs("by an id that is not a UUID", "/api/v1/jobs/42", ["params.id"]),
  jobs("to be cancelled by an id that is not a UUID", "/api/v1/jobs/42/cancel", ["params.id"], "POST"),
  jobs("to be retried by an id that is not a UUID", "/api/v1/jobs/42/retry", ["params.id"], "POST"),
  { when: "a job nobody asked for is read", method: "GET", url: () => `/api/v1/jobs/${NO_JOB}`, status: 404, code: "not_found", who: "admin" },
  { when: "a job nobody asked for is cancelled", method: "POST", url: () => `/api/v1/jobs/${NO_JOB}/cancel`, status: 404, code: "not_found", who: "admin" },
  { when: "the job list is asked for by a reporter", method: "GET", url: () => "/api/v1/jobs", status: 403, code: "forbidden", who: "reporter" },
];

const preferences = (when: string, json: unknown, paths: string[]) =>
  invalid(`notification preferences are set with ${when}`, "PUT", () => "/api/v1/notifications/preferences", json, paths);
const inbox = (when: string, query: string, paths: string[]) =>
  invalid(`the inbox is asked for ${when}`, "GET", () => `/api/v1/notifications?${query}`, undefined, paths);

const NOTIFICATION_CASES: BadCase[] = [
  preferences("a choice nobody defined", { email: "weekly" }, ["body.email"]),
  preferences("no choice", {}, ["body.email"]),
  preferences("an unknown field", { email: "none", sms: true }, ["body.sms"]),
  preferences("a list for a body", [{ email: "none" }], ["body"]),
  preferences("no body at all", undefined, ["body"]),
  preferences("a number for the choice", { email: 1 }, ["body.email"]),
  inbox("with limit 0", "limit=0", ["query.limit"]),
  inbox("with limit 101", "limit=101", ["query.limit"]),
  inbox("with a cursor it never gave", "cursor=page2", ["query.cursor"]),
  inbox("with a cursor holding SQL", `cursor=${encodeURIComponent("0~x' OR '1'='1~0193a1a2-0000-7000-8000-000000000000")}`, ["query.cursor"]),
  inbox("with an unknown parameter", "unread=true", ["query.unread"]),
  invalid("a notification is marked read by an id that is not a UUID", "POST", () => "/api/v1/notifications/42/read", undefined, ["params.id"]),
  { when: "a notification nobody was sent is marked read", method: "POST", url: () => `/api/v1/notifications/${NO_JOB}/read`, status: 404, code: "not_found" },
  {
    when: "notification preferences are set without the session's CSRF token",
    method: "PUT",
    url: () => "/api/v1/notifications/preferences",
    json: { email: "none" },
    status: 403,
    code: "csrf_failed",
    csrf: false,
  },
];

const STATS_QUERY_CASES: BadCase[] = [
  invalid("the housing indicators are asked for without a country", "GET", () => "/api/v1/analysis/housing", undefined, ["query.country"]),
  invalid("the housing indicators are asked for a country written out", "GET", () => "/api/v1/analysis/housing?country=Ireland", undefined, ["query.country"]),
  invalid("the housing indicators are asked for two countries", "GET", () => "/api/v1/analysis/housing?country=IE,DE", undefined, ["query.country"]),
  invalid("the housing indicators are asked for with an unknown parameter", "GET", () => "/api/v1/analysis/housing?country=IE&year=2020", undefined, [
    "query.year",
  ]),
  compareSentencing("with an unknown parameter", "minimum_n=3", ["query.minimum_n"]),
  compareSentencing("with an ICCS code of letters", "iccs=SV", ["query.iccs.0"]),
  compareSentencing("with an unknown court level", "court_level=district", ["query.court_level.0"]),
  compareSentencing("with a malformed offence category", "offence_category=sv.rape", ["query.offence_category.0"]),
  compareSentencing("with a country written out", "country=Germany", ["query.country.0"]),
  compareSentencing("with decided_to before decided_from", "decided_from=2024-05-01&decided_to=2024-04-01", ["query.decided_to"]),
  compareSentencing("with a decision date in the future", "decided_from=2999-01-01", ["query.decided_from"]),
  compareSentencing('with synthetic "yes"', "synthetic=yes", ["query.synthetic"]),
  listCaseOutcomes("with an unknown parameter", "judge=someone", ["query.judge"]),
  listCaseOutcomes("with limit 0", "limit=0", ["query.limit"]),
  listCaseOutcomes("with limit 201", "limit=201", ["query.limit"]),
  listCaseOutcomes("with a country written out", "country=Germany", ["query.country.0"]),
  listCaseOutcomes("with an unknown court level", "court_level=district", ["query.court_level.0"]),
  listCaseOutcomes("with an unknown migration status", "defendant_migration_status=foreign", ["query.defendant_migration_status.0"]),
  listCaseOutcomes("with a malformed offence category", "offence_category=sv", ["query.offence_category.0"]),
  listCaseOutcomes("with decided_from 2024-02-30", "decided_from=2024-02-30", ["query.decided_from"]),
  listCaseOutcomes("with decided_to before decided_from", "decided_from=2024-05-01&decided_to=2024-04-01", ["query.decided_to"]),
  listCaseOutcomes('with synthetic "yes"', "synthetic=yes", ["query.synthetic"]),
  listCaseOutcomes("with a garbage cursor", "cursor=%21%21not-a-cursor%21%21", ["query.cursor"]),
  listCaseOutcomes("with a cursor holding an impossible date", `cursor=${cursor(["2025-13-45", "0193a1a2-0000-7000-8000-000000000000"])}`, ["query.cursor"]),
  listCaseOutcomes("with a cursor holding SQL", `cursor=${cursor(["2025-01-01' OR '1'='1", "x"])}`, ["query.cursor"]),
  observations("without a dataset", () => "geo=AD", ["query.dataset"]),
  observations("with a dataset code instead of its id", () => "dataset=tps00001", ["query.dataset"]),
  observations("with an unknown parameter", ofDataset("colour=red"), ["query.colour"]),
  observations("with a lower-case geo", ofDataset("geo=de"), ["query.geo.0"]),
  observations("with a geo holding SQL", ofDataset("geo=DE'%20OR%20'1'%3D'1"), ["query.geo.0"]),
  observations("with 51 geos", ofDataset(`geo=${fiftyOneGeos}`), ["query.geo"]),
  observations("with a series id that is not a UUID", ofDataset("series=indic_de%3DJAN"), ["query.series.0"]),
  observations("with a series nobody has", ofDataset("series=0193a1a2-0000-7000-8000-000000000000"), ["query.series.0"]),
  observations("from month 13", ofDataset("period_from=2011-13"), ["query.period_from"]),
  observations("from a period written 11/2011", ofDataset("period_from=11%2F2011"), ["query.period_from"]),
  observations("to a period before the first", ofDataset("period_from=2012&period_to=2011"), ["query.period_to"]),
  observations("with limit 0", ofDataset("limit=0"), ["query.limit"]),
  observations("with limit 10001", ofDataset("limit=10001"), ["query.limit"]),
  observations("with a garbage cursor", ofDataset("cursor=%21%21not-a-cursor%21%21"), ["query.cursor"]),
  observations("with a cursor holding a control character", ofDataset(`cursor=${cursor(["indic_de=JAN\u0000", "AD", "2011"])}`), ["query.cursor"]),
  {
    when: "observations of a dataset nobody has are asked for",
    method: "GET",
    url: () => `/api/v1/stats/observations?dataset=${randomUUID()}`,
    status: 404,
    code: "not_found",
  },
  population("without a geo", "year=2011", ["query.geo"]),
  population("without a year", "geo=AD", ["query.year"]),
  population("with a year that is not a number", "geo=AD&year=last", ["query.year"]),
  population("with a fractional year", "geo=AD&year=2011.5", ["query.year"]),
  population("with year 0", "geo=AD&year=0", ["query.year"]),
  population("with an unknown citizenship", "geo=AD&year=2011&citizen=ALL", ["query.citizen"]),
  population("with a lower-case geo", "geo=ad&year=2011", ["query.geo"]),
  population("with an unknown parameter", "geo=AD&year=2011&sex=F", ["query.sex"]),
  datasetDetail("limit 0", "limit=0", ["query.limit"]),
  datasetDetail("limit 5001", "limit=5001", ["query.limit"]),
  datasetDetail("a garbage cursor", "cursor=%21%21not-a-cursor%21%21", ["query.cursor"]),
  datasetDetail("an unknown parameter", "geo=AD", ["query.geo"]),
  invalid("a dataset id that is not a UUID is read", "GET", () => "/api/v1/stats/datasets/tps00001", undefined, ["params.id"]),
  { when: "a dataset nobody has is read", method: "GET", url: () => `/api/v1/stats/datasets/${randomUUID()}`, status: 404, code: "not_found" },
];

const WORLD_BANK_MAPPING = JSON.parse(readFileSync(`${FIXTURES}/worldbank-population.mapping.json`, "utf8")) as Record<string, unknown>;
const TPS_TSV = readFileSync(`${FIXTURES}/tps00001.tsv`, "utf8");
const TWO_FILE_ZIP = readFileSync(`${FIXTURES}/two_files.zip`);
const mappingQuery = (mapping: unknown, format = "csv") =>
  `?format=${format}&mapping=${encodeURIComponent(typeof mapping === "string" ? mapping : JSON.stringify(mapping))}`;
const upload = fileUpload("a statistics upload", () => "/api/v1/stats/imports");
const CSV = { "content-type": "text/csv" };
const badUpload = (when: string, query: string, payload: string | Buffer | undefined, paths: string[], headers: Record<string, string> = CSV) =>
  upload(when, query, payload, headers, 400, "validation_failed", paths);

const UPLOAD_CASES: BadCase[] = [
  badUpload("names a format that does not exist", "?format=xlsx", TPS_TSV, ["query.format"]),
  badUpload("has an unknown parameter", "?sheet=1", TPS_TSV, ["query.sheet"]),
  badUpload("has a mapping that is not JSON", mappingQuery("{not json"), TPS_TSV, ["query.mapping"]),
  badUpload("asks for a dry run in other words than true or false", "?dry_run=yes", TPS_TSV, ["query.dry_run"]),
  badUpload("has a mapping naming an empty worksheet", mappingQuery({ ...WORLD_BANK_MAPPING, sheet: " " }), TPS_TSV, ["query.mapping.sheet"]),
  badUpload("has a mapping with an unknown field", mappingQuery({ ...WORLD_BANK_MAPPING, colour: "red" }), TPS_TSV, ["query.mapping.colour"]),
  badUpload("has a mapping with an unknown way of coding geos", mappingQuery({ ...WORLD_BANK_MAPPING, geo_codes: "names" }), TPS_TSV, [
    "query.mapping.geo_codes",
  ]),
  badUpload("has a mapping without its columns", mappingQuery({ ...WORLD_BANK_MAPPING, columns: undefined }), TPS_TSV, [
    "query.mapping.columns.geo",
    "query.mapping.columns.period",
    "query.mapping.values",
  ]),
  badUpload("has a mapping with both a geo column and a constant geo", mappingQuery({ ...WORLD_BANK_MAPPING, constants: { geo: "DE" } }), TPS_TSV, [
    "query.mapping.columns.geo",
  ]),
  badUpload("has a mapping with both one value column and a list of them", mappingQuery({ ...WORLD_BANK_MAPPING, values: [{ column: "Value" }] }), TPS_TSV, [
    "query.mapping.values",
  ]),
  badUpload(
    "has a mapping whose dataset title holds a control character",
    mappingQuery(withField(WORLD_BANK_MAPPING, "dataset.title", "Population\u0007")),
    TPS_TSV,
    ["query.mapping.dataset.title"],
  ),
  badUpload("has a mapping for an SDMX-CSV file", mappingQuery(WORLD_BANK_MAPPING, "sdmx-csv"), TPS_TSV, ["query.mapping"]),
  badUpload("is a generic CSV without a mapping", "?format=csv", "a,b\n1,2\n", ["query.mapping"]),
  badUpload("is a file that none of the formats recognises, without a mapping", "", "country;year;value\nDE;2011;1\n", ["query.mapping"]),
  badUpload("names its file with a path", "?filename=..%2F..%2Fetc%2Fpasswd", TPS_TSV, ["query.filename"]),
  badUpload("names its dataset with a NUL character", "?dataset=a%00b", TPS_TSV, ["query.dataset"]),
  badUpload("names an encoding the importers do not read", "?encoding=utf-16", TPS_TSV, ["query.encoding"]),
  badUpload("is a Eurostat TSV without a name or a dataset code", "", TPS_TSV, ["query.dataset"], { "content-type": "text/tab-separated-values" }),
  badUpload("has no body at all", "", undefined, ["body"], {}),
  badUpload("has an empty body", "", "", ["body"]),
  badUpload("is a TSV declared as SDMX-CSV", "?format=sdmx-csv&filename=tps00001.tsv", TPS_TSV, ["body"]),
  badUpload("is a JSON document that is not JSON-stat", "?dataset=x", '{"rows": [1, 2, 3]}', ["body"], { "content-type": "application/json" }),
  badUpload("is malformed JSON", "?dataset=x", '{"class": "dataset", ', ["body"], { "content-type": "application/json" }),
  // Text that is not UTF-8 is read as Windows-1252 (the publishers' other encoding); binary is not text.
  badUpload("is binary (a NUL byte in its first line)", "?dataset=x", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]), ["body"]),
  badUpload("is a gzip file cut short", "?dataset=x", Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]), ["body"]),
  badUpload("is a zip of several files", "?dataset=x", TWO_FILE_ZIP, ["body"]),
  upload(
    "holds no line that can be read",
    "",
    "DATAFLOW,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE\nESTAT:TPS00001(1.0),A,JAN,Atlantis,2011,1\n",
    CSV,
    400,
    "nothing_imported",
    ["body"],
    "bureau",
  ),
  // Shared figures: a post (the reporter's, DE) imports neither a denominator nor another country's rows.
  upload(
    "by a post is a population denominator",
    "",
    "DATAFLOW,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE\nESTAT:TPS00001(1.0),A,JAN,DE,2011,1\n",
    CSV,
    403,
    "forbidden",
  ),
  upload(
    "by a post holds another country's rows",
    "",
    "DATAFLOW,freq,iccs,geo,TIME_PERIOD,OBS_VALUE\nESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,DE,2011,1\nESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,FR,2011,1\n",
    CSV,
    403,
    "forbidden",
    ["body"],
  ),
  upload("is over UPLOAD_LIMIT_BYTES", "", "x".repeat(TEST_APP_CONFIG.UPLOAD_LIMIT_BYTES + 1), CSV, 413, "payload_too_large"),
  upload("is sent as text/plain", "", TPS_TSV, { "content-type": "text/plain" }, 415, "unsupported_media_type"),
  upload("is sent as multipart form data", "", TPS_TSV, { "content-type": "multipart/form-data; boundary=x" }, 415, "unsupported_media_type"),
  upload("is sent as an image", "", "\x89PNG", { "content-type": "image/png" }, 415, "unsupported_media_type"),
  upload("has a body without a content type", "", TPS_TSV, {}, 415, "unsupported_media_type"),
  upload("is sent by an admin", "?dataset=tps00001", TPS_TSV, { "content-type": "text/tab-separated-values" }, 403, "forbidden", undefined, "admin"),
  {
    ...upload("comes without the session's CSRF token", "?dataset=tps00001", TPS_TSV, { "content-type": "text/tab-separated-values" }, 403, "csrf_failed"),
    csrf: false,
  },
  // The mapping editor's preview reads the file as the import does, and keeps nothing.
  preview("names a delimiter the importers do not split by", "?delimiter=%23", "a#b\n1#2\n", ["query.delimiter"]),
  preview("asks for a header row of 0", "?header_row=0", "a,b\n1,2\n", ["query.header_row"]),
  preview("asks for a header row past the end of the file", "?header_row=9", "a,b\n1,2\n", ["query.header_row"]),
  preview("names a worksheet of a file that is no spreadsheet", "?sheet=%20", "a,b\n1,2\n", ["query.sheet"]),
  preview("is binary", "", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]), ["body"]),
  preview("is a zip of several files", "", TWO_FILE_ZIP, ["body"]),
  { ...preview("is sent by an admin", "", "a,b\n", []), status: 403, code: "forbidden", paths: undefined, who: "admin" },
  {
    ...preview("is sent as text/plain", "", "a,b\n", []),
    headers: { "content-type": "text/plain" },
    status: 415,
    code: "unsupported_media_type",
    paths: undefined,
  },
];

const caseOutcomeMappingText = (mapping: unknown) => encodeURIComponent(JSON.stringify(mapping));
const caseOutcomeUpload = (
  when: string,
  query: string,
  payload: string | Buffer,
  status: number,
  code: string,
  paths?: string[],
  extra: Partial<BadCase> = {},
): BadCase => ({
  when: `a case-outcome upload ${when}`,
  method: "POST",
  url: () => `/api/v1/case-outcomes/import${query}`,
  payload,
  headers: { "content-type": "text/csv" },
  status,
  code,
  ...(paths ? { paths } : {}),
  ...extra,
});
const withMapping = (mapping: unknown) => `?mapping=${caseOutcomeMappingText(mapping)}`;
const CASE_OUTCOME_UPLOAD_CASES: BadCase[] = [
  caseOutcomeUpload("has no mapping", "", caseOutcomeFileExample, 400, "validation_failed", ["query.mapping"]),
  caseOutcomeUpload("has a mapping that is not JSON", "?mapping=%7Bcolumns", caseOutcomeFileExample, 400, "validation_failed", ["query.mapping"]),
  caseOutcomeUpload(
    "has a mapping without the offence column",
    withMapping({ ...caseOutcomeFileExampleMapping, columns: { external_id: "Aktenzeichen", decision_date: "Datum" } }),
    caseOutcomeFileExample,
    400,
    "validation_failed",
    ["query.mapping.columns.offence"],
  ),
  caseOutcomeUpload(
    "has a mapping with an unknown court level word",
    withMapping({ ...caseOutcomeFileExampleMapping, labels: { court_level: { Amtsgericht: "district" } } }),
    caseOutcomeFileExample,
    400,
    "validation_failed",
    ["query.mapping.labels.court_level.Amtsgericht"],
  ),
  caseOutcomeUpload(
    "has a mapping with the country twice",
    withMapping({ ...caseOutcomeFileExampleMapping, columns: { ...caseOutcomeFileExampleMapping.columns, country: "Land" } }),
    caseOutcomeFileExample,
    400,
    "validation_failed",
    ["query.mapping.columns.country"],
  ),
  caseOutcomeUpload(
    "names a column the file lacks",
    withMapping({ ...caseOutcomeFileExampleMapping, columns: { ...caseOutcomeFileExampleMapping.columns, offence: "Straftat" } }),
    caseOutcomeFileExample,
    400,
    "validation_failed",
    ["query.mapping.columns.offence"],
  ),
  caseOutcomeUpload("is a binary file", withMapping(caseOutcomeFileExampleMapping), Buffer.from([0x41, 0x00, 0x42, 0x0a]), 400, "validation_failed", ["body"]),
  caseOutcomeUpload(
    "has no header row",
    `${withMapping({ ...caseOutcomeFileExampleMapping, header_row: 5 })}`,
    caseOutcomeFileExample,
    400,
    "validation_failed",
    ["body"],
  ),
  caseOutcomeUpload("with dry_run=maybe", `${withMapping(caseOutcomeFileExampleMapping)}&dry_run=maybe`, caseOutcomeFileExample, 400, "validation_failed", [
    "query.dry_run",
  ]),
  caseOutcomeUpload("is sent by an admin", withMapping(caseOutcomeFileExampleMapping), caseOutcomeFileExample, 403, "forbidden", undefined, { who: "admin" }),
  caseOutcomeUpload(
    "comes without the session's CSRF token",
    withMapping(caseOutcomeFileExampleMapping),
    caseOutcomeFileExample,
    403,
    "csrf_failed",
    undefined,
    { csrf: false },
  ),
];
function preview(when: string, query: string, payload: string | Buffer, paths: string[]): BadCase {
  return { ...badUpload(when, query, payload, paths), when: `a preview for the mapping editor ${when}`, url: () => `/api/v1/stats/preview${query}` };
}

/** Each write route and each documented user operation, without a session or with a bogus one. */
function unauthenticatedCases(operations: { method: string; path: string }[]): BadCase[] {
  return operations.flatMap(({ method, path }) => {
    const url = (f: Fixture) => path.replace("{id}", path.startsWith("/api/v1/sources") ? f.sourceId : f.incidentId).replace("{number}", "1");
    const route = WRITE_ROUTES.find((r) => r.name === `${method} ${path}`);
    const base = { method: method as BadCase["method"], url, status: 401, code: "unauthenticated" };
    const body = route?.valid ? { json: route.valid } : {};
    return [
      { ...base, ...body, when: `${method} ${path} is asked without a session`, who: "nobody" as Who },
      { ...base, ...body, when: `${method} ${path} is asked with a session cookie nobody issued`, who: "stranger" as Who },
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// Checking

type Snapshot = Record<string, unknown>;

async function snapshot(db: Kysely<Database>, f: Fixture): Promise<Snapshot> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    // An upload refused by its import job leaves that job's record and its steps in the audit log.
    const where = table === "audit_events" ? sql`WHERE entity_type <> 'job'` : sql``;
    const { rows } = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)} ${where}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  const incident = await db.selectFrom("incidents").selectAll().where("id", "=", f.incidentId).executeTakeFirstOrThrow();
  const categories = await db.selectFrom("incident_categories").selectAll().where("incident_id", "=", f.incidentId).orderBy("category_code").execute();
  const groups = await db.selectFrom("incident_perpetrator_groups").selectAll().where("incident_id", "=", f.incidentId).orderBy("ordinal").execute();
  const links = await db.selectFrom("incident_sources").selectAll().where("incident_id", "=", f.incidentId).orderBy("source_id").execute();
  const sourceRow = await db.selectFrom("sources").selectAll().where("id", "=", f.sourceId).executeTakeFirstOrThrow();
  const sequences = await db.selectFrom("sequences").selectAll().orderBy("name").execute();
  const account = await db.selectFrom("users").selectAll().where("id", "=", f.userId).executeTakeFirstOrThrow();
  const token = await db.selectFrom("api_tokens").selectAll().where("id", "=", f.tokenId).executeTakeFirstOrThrow();
  const caseOutcome = await db.selectFrom("case_outcomes").selectAll().where("id", "=", f.caseOutcomeId).executeTakeFirstOrThrow();
  const notableCase = await db.selectFrom("notable_cases").selectAll().where("id", "=", f.notableCaseId).executeTakeFirstOrThrow();
  const notableLinks = await db.selectFrom("notable_case_outcomes").selectAll().where("notable_case_id", "=", f.notableCaseId).orderBy("position").execute();
  return JSON.parse(
    JSON.stringify({ counts, incident, categories, groups, links, source: sourceRow, sequences, account, token, caseOutcome, notableCase, notableLinks }),
  ) as Snapshot;
}

/** Exactly {"error": {code, message, issues: [{path, message}]}}; a version conflict adds current_version. */
function expectErrorShape(status: number, body: unknown): { code: string; issues: { path: string; message: string }[] } {
  expect(body).toBeTypeOf("object");
  expect(Object.keys(body as object)).toEqual(["error"]);
  const error = (body as { error: Record<string, unknown> }).error;
  const versionConflict = status === 409 && error["code"] === "version_conflict";
  const keys = versionConflict ? ["code", "current_version", "issues", "message"] : ["code", "issues", "message"];
  expect(Object.keys(error).sort()).toEqual(keys);
  expect(error["code"]).toBeTypeOf("string");
  expect(error["message"]).toBeTypeOf("string");
  expect((error["message"] as string).length).toBeGreaterThan(0);
  expect(Array.isArray(error["issues"])).toBe(true);
  for (const issue of error["issues"] as unknown[]) {
    expect(Object.keys(issue as object).sort()).toEqual(["message", "path"]);
    expect((issue as { path: unknown }).path).toBeTypeOf("string");
    expect((issue as { message: unknown }).message).toBeTypeOf("string");
  }
  if (versionConflict) expect(error["current_version"]).toBeTypeOf("number");
  return error as { code: string; issues: { path: string; message: string }[] };
}

forEachDatabase("bad input", (env) => {
  let f: Fixture;
  let documented: { method: string; path: string; operation: { security?: unknown[]; parameters?: { in: string }[] } }[] = [];

  beforeAll(async () => {
    const reporter = await env().user("reporter", "DE");
    const bureau = await env().user("analyst");
    const created = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    expect(created.statusCode, created.body).toBe(201);
    const src = await env().request(reporter, { method: "POST", url: "/api/v1/sources", json: sourceExample });
    expect(src.statusCode, src.body).toBe(201);
    const admin = await env().user("admin");
    const account = await env().user("reporter", "FR");
    const token = await env().request(reporter, { method: "POST", url: "/api/v1/auth/tokens", json: { name: "bad-input fixture" } });
    expect(token.statusCode, token.body).toBe(201);
    f = {
      incidentId: created.json().id as string,
      sourceId: src.json().id as string,
      reporter,
      bureau,
      admin,
      userId: account.actor.id,
      tokenId: token.json().id as string,
      datasetId: (await env().context.services.stats.importFile(CLI_ACTOR, { path: `${FIXTURES}/tps00001.tsv` })).dataset!.id,
      reportId: (await env().context.services.reports.create(bureau.actor, reportRequest.parse({ kind: "cable", countries: ["DE"], period: "2024" }))).report
        .id,
      taskingId: "",
      editor: await env().user("editor"),
      engagementId: "",
      caseOutcomeId: (await env().context.services.stats.recordCaseOutcome(reporter.actor, caseOutcomeInput.parse(caseOutcomeExample))).id,
      notableOutcomeIds: [],
      notableCaseId: "",
    };
    for (let i = 0; i < 3; i++)
      f.notableOutcomeIds.push((await env().context.services.stats.recordCaseOutcome(reporter.actor, caseOutcomeInput.parse(caseOutcomeExample))).id);
    f.notableCaseId = (
      await env().context.services.stats.recordNotableCase(
        reporter.actor,
        notableCaseInput.parse({
          ...notableCaseExample,
          outcomes: f.notableOutcomeIds.map((id, i) => ({ case_outcome_id: id, role: `part ${i + 1} of the case` })),
        }),
      )
    ).id;
    f.engagementId = (
      await env().context.services.engagements.create(
        reporter.actor,
        engagementInput.parse(engagementFields({ follow_ups: [{ action: "Send the figures", owner_role: "the political section", due_date: "2026-05-01" }] })),
      )
    ).id;
    const { taskings } = env().context.services;
    const drafted = await taskings.createTasking(f.editor.actor, taskingInput.parse(taskingFields(undefined, { reference: "STATE 999999" })));
    f.taskingId = (await taskings.issueTasking(f.editor.actor, drafted.id, drafted.version)).id;
    const doc = (await env().request(null, { method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, { security?: unknown[]; parameters?: { in: string }[] }>>;
    };
    documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
  });

  it("when the corpus is compared with the OpenAPI document, then it covers every write route and every list route", () => {
    const writes = documented.filter((o) => o.method === "POST" || o.method === "PATCH" || o.method === "PUT").map((o) => `${o.method} ${o.path}`);
    expect(writes.sort()).toEqual(WRITE_ROUTES.map((r) => r.name).sort());
    const lists = documented
      .filter((o) => o.method === "GET" && (o.operation.parameters ?? []).some((p) => p.in === "query"))
      .map((o) => `${o.method} ${o.path}`);
    expect(lists.sort()).toEqual([...LIST_ROUTES].sort());
  });

  const send = async (c: BadCase) => {
    const who: Record<Who, TestUser | null> = {
      reporter: f.reporter,
      bureau: f.bureau,
      editor: f.editor,
      admin: f.admin,
      nobody: null,
      stranger: { ...f.reporter, cookie: "rapporteur_session=this-session-was-never-issued" },
    };
    const json = bodyOf(c, f);
    const user = who[c.who ?? "reporter"];
    const response = await env().request(user, {
      method: c.method,
      url: c.url(f),
      ...(json !== undefined ? { json } : {}),
      ...(c.payload !== undefined ? { payload: c.payload } : {}),
      ...(c.headers ? { headers: c.headers } : {}),
      ...(c.csrf === false ? { csrf: false } : {}),
    });
    // An upload whose file is refused by its import job: the job's error is the answer.
    return env().finished(user, response);
  };

  const story = (c: BadCase) => `when ${c.when}, then it answers ${c.status} ${c.code}${c.paths ? ` naming ${c.paths.join(", ")}` : ""} and changes nothing`;

  const check = async (c: BadCase) => {
    const before = await snapshot(env().context.db, f);
    const response = await send(c);
    const after = await snapshot(env().context.db, f);
    expect(response.statusCode, `${c.method} ${c.url(f).slice(0, 120)} → ${response.body.slice(0, 500)}`).toBeLessThan(500);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(c.status);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const error = expectErrorShape(c.status, response.json());
    expect(error.code).toBe(c.code);
    if (c.code === "validation_failed") expect(error.issues.length).toBeGreaterThan(0);
    const paths = error.issues.map((i) => i.path);
    for (const path of c.paths ?? []) expect(paths, `issues: ${JSON.stringify(error.issues).slice(0, 500)}`).toContain(path);
    if (c.code === "version_conflict") expect((response.json() as { error: { current_version: number } }).error.current_version).toBe(1);
    if (c.audits !== undefined) {
      const counts = (before as { counts: Record<string, number> }).counts;
      counts["audit_events"] = counts["audit_events"]! + c.audits;
    }
    expect(after, "the database changed").toEqual(before);
  };

  const groups: [string, () => BadCase[]][] = [
    ...WRITE_ROUTES.filter((r) => r.valid).map((r): [string, () => BadCase[]] => [`any body sent to ${r.name}`, () => bodyCorpus(r)]),
    ["new incidents", () => INCIDENT_CASES],
    ["incident patches", () => INCIDENT_PATCH_CASES],
    ["new sources", () => SOURCE_CASES],
    ["source patches", () => SOURCE_PATCH_CASES],
    ["sources attached to an incident", () => ATTACH_CASES],
    ["workflow transitions", () => TRANSITION_CASES],
    ["comments", () => COMMENT_CASES],
    ["logins", () => LOGIN_CASES],
    ["logouts", () => LOGOUT_CASES],
    ["password changes and API tokens", () => ACCOUNT_CASES],
    ["second factors", () => SECOND_FACTOR_CASES],
    ["user administration", () => USER_CASES],
    ["posts administration", () => POST_CASES],
    ["taxonomy versions", () => TAXONOMY_CASES],
    ["user list query strings", () => USER_QUERY_CASES],
    ["ids in the path", () => ID_CASES],
    ["health probes", () => HEALTH_CASES],
    ["list query strings", () => QUERY_CASES],
    ["new case outcomes", () => CASE_OUTCOME_CASES],
    ["statistics and case-outcome query strings", () => STATS_QUERY_CASES],
    ["statistics uploads", () => UPLOAD_CASES],
    ["case-outcome uploads", () => CASE_OUTCOME_UPLOAD_CASES],
    ["jobs", () => JOB_CASES],
    ["reports", () => REPORT_CASES],
    ["taskings and responses", () => TASKING_CASES],
    ["notifications", () => NOTIFICATION_CASES],
    ["engagements", () => ENGAGEMENT_CASES],
    ["engagement attachments", () => ATTACHMENT_CASES],
    ["notable cases", () => NOTABLE_CASE_CASES],
  ];
  for (const [title, cases] of groups) {
    describe(title, () => {
      for (const c of cases()) it(story(c), () => check(c));
    });
  }

  describe("requests without a valid session", () => {
    it("when each documented user operation is asked without a session or with a bogus one, then it answers 401 and changes nothing", async () => {
      const userOperations = documented.filter((o) => (o.operation.security ?? []).length > 0);
      expect(userOperations.length).toBeGreaterThan(5);
      for (const c of unauthenticatedCases(userOperations)) {
        await check(c);
      }
    });
  });

  describe("text that looks like SQL or script", () => {
    const SQL = "'; DROP TABLE incidents; --";
    const SQL2 = "1 OR 1=1";
    const SCRIPT = "<script>alert(1)</script>";
    const BOBBY = "Robert'); DROP TABLE sources;--";

    it("when an incident's text fields carry SQL and script fragments, then they are stored verbatim, not executed, and found by search", async () => {
      const db = env().context.db;
      const before = (await snapshot(db, f)).counts as Record<string, number>;
      const body = withField(withField(withField(incident("title", SQL), "summary", `${SCRIPT} ${SQL2}`), "location.city", BOBBY), "sources", [
        withField(source("title", SQL2), "publisher", SCRIPT),
      ]);
      const response = await env().request(f.reporter, { method: "POST", url: "/api/v1/incidents", json: body });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      const created = response.json() as {
        id: string;
        title: string;
        summary: string;
        location: { city: string };
        sources: { id: string; title: string; publisher: string }[];
      };
      expect(created.title).toBe(SQL);
      expect(created.summary).toBe(`${SCRIPT} ${SQL2}`);
      expect(created.location.city).toBe(BOBBY);
      expect(created.sources[0]!.title).toBe(SQL2);
      expect(created.sources[0]!.publisher).toBe(SCRIPT);

      // Stored as given, and the tables named in the fragments are all still there.
      const row = await db.selectFrom("incidents").select(["title", "summary", "city"]).where("id", "=", created.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ title: SQL, summary: `${SCRIPT} ${SQL2}`, city: BOBBY });
      const sourceRow = await db.selectFrom("sources").select(["title", "publisher"]).where("id", "=", created.sources[0]!.id).executeTakeFirstOrThrow();
      expect(sourceRow).toEqual({ title: SQL2, publisher: SCRIPT });
      const after = (await snapshot(db, f)).counts as Record<string, number>;
      expect(after["incidents"]).toBe(before["incidents"]! + 1);
      expect(after["sources"]).toBe(before["sources"]! + 1);
      expect(after["incident_sources"]).toBe(before["incident_sources"]! + 1);
      expect(after["users"]).toBe(before["users"]);

      const read = await env().request(f.reporter, { method: "GET", url: `/api/v1/incidents/${created.id}` });
      expect(read.statusCode).toBe(200);
      expect((read.json() as { title: string }).title).toBe(SQL);

      // Search with the same fragments (the searchable ones: title, summary, source titles): plain
      // text, no 5xx, and the SQL-looking words find the record.
      for (const q of [SQL, SQL2]) {
        const found = await env().request(f.reporter, { method: "GET", url: `/api/v1/incidents?q=${encodeURIComponent(q)}` });
        expect(found.statusCode, `q=${q}: ${found.body.slice(0, 300)}`).toBe(200);
        expect(
          (found.json() as { items: { id: string }[] }).items.map((i) => i.id),
          `q=${q}`,
        ).toContain(created.id);
      }
      // Markup is searched as text too, without a 5xx. (Whether it is found differs: PostgreSQL's
      // text-search parser drops "<script>…</script>" as an HTML tag; SQLite indexes its words.)
      const markup = await env().request(f.reporter, { method: "GET", url: `/api/v1/incidents?q=${encodeURIComponent(SCRIPT)}` });
      expect(markup.statusCode, markup.body.slice(0, 300)).toBe(200);
      expect(Array.isArray((markup.json() as { items: unknown }).items)).toBe(true);
    });

    it("when an incident is patched with SQL and script fragments, then they are stored verbatim", async () => {
      const created = await env().request(f.reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
      expect(created.statusCode).toBe(201);
      const id = (created.json() as { id: string }).id;
      const patched = await env().request(f.reporter, {
        method: "PATCH",
        url: `/api/v1/incidents/${id}`,
        json: incidentPatch({ title: SCRIPT, summary: SQL }),
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const row = await env().context.db.selectFrom("incidents").select(["title", "summary", "version"]).where("id", "=", id).executeTakeFirstOrThrow();
      expect(row).toEqual({ title: SCRIPT, summary: SQL, version: 2 });
    });

    it("when the search text is SQL or script, then the lists answer 200 and match only as text", async () => {
      const cited = await env().request(f.reporter, { method: "POST", url: "/api/v1/sources", json: source("title", `Report: ${SQL2}`) });
      expect(cited.statusCode, cited.body).toBe(201);
      const incidentsTotal = ((await env().request(f.reporter, { method: "GET", url: "/api/v1/incidents?limit=200" })).json() as { items: unknown[] }).items
        .length;
      expect(incidentsTotal).toBeGreaterThan(0);
      for (const q of [
        "zzqx' OR '1'='1",
        'zzqx" OR ""="',
        "zzqx'); DROP TABLE incidents; --",
        "zzqx <script>alert(1)</script>",
        "zzqx NEAR(a b)",
        "zzqx* OR *",
        "%",
        "_",
        "\\",
      ]) {
        for (const list of ["incidents", "sources"]) {
          const response = await env().request(f.reporter, { method: "GET", url: `/api/v1/${list}?q=${encodeURIComponent(q)}` });
          expect(response.statusCode, `${list} q=${q}: ${response.body.slice(0, 300)}`).toBe(200);
          // Nothing holds these texts: an injected "OR true" would return everything.
          expect((response.json() as { items: unknown[] }).items, `${list} q=${q}`).toEqual([]);
        }
      }
      const sources = await env().request(f.reporter, { method: "GET", url: `/api/v1/sources?q=${encodeURIComponent(SQL2)}` });
      expect(sources.statusCode).toBe(200);
      const titles = (sources.json() as { items: { title: string }[] }).items.map((s) => s.title);
      expect(titles.length).toBeGreaterThan(0);
      for (const title of titles) expect(title.toLowerCase()).toContain(SQL2.toLowerCase());
      // Every table is still there.
      const counts = (await snapshot(env().context.db, f)).counts as Record<string, number>;
      expect(counts["incidents"]).toBe(incidentsTotal);
    });
  });
});
