// The authorization matrix: every route in /api/openapi.json × every kind of caller, asserted
// against the table below. A route the table does not know fails the test, so no new route can
// skip the policy. Callers: a post's reporter and approver (the record's own post, and another
// post), the bureau's analyst and editor, an admin, an auditor, and nobody (no session).
// Record routes run against a fresh draft and a fresh submitted record of post FR each time.
import { Readable } from "node:stream";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../testing/harness.js";
import { incidentExample } from "../modules/incidents/schema.js";
import { reportRequest, templateInput } from "../modules/reports/schema.js";
import { recordIncident, taskingFields } from "../testing/factories.js";
import { responseInput, taskingInput } from "../modules/taskings/schema.js";
import { engagementInput } from "../modules/engagements/schema.js";
import { engagementFields } from "../testing/factories.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { FIXTURES } from "../testing/stats-fixtures.js";
import { caseOutcomeExample, caseOutcomeInput } from "../modules/stats/case-outcomes-schema.js";
import { caseOutcomeFileExampleMapping } from "../modules/stats/case-outcomes-import-schema.js";
import { notableCaseExample, notableCaseInput } from "../modules/stats/notable-cases-schema.js";
import type { Role } from "../domain/vocabulary.js";

const CALLERS = ["reporter_own", "reporter_other", "approver_own", "approver_other", "analyst", "editor", "admin", "auditor", "anonymous"] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = "ok" | 400 | 401 | 403 | 404 | 409;
type Row = Record<Caller, Outcome>;

/** Shorthand: who gets `ok`; everyone else signed in gets `otherwise`; nobody gets 401. */
function row(ok: readonly Caller[], otherwise: Outcome, exceptions: Partial<Row> = {}): Row {
  return Object.fromEntries(CALLERS.map((c) => [c, c === "anonymous" ? 401 : (exceptions[c] ?? (ok.includes(c) ? "ok" : otherwise))])) as Row;
}
const SIGNED_IN: Caller[] = CALLERS.filter((c) => c !== "anonymous");
const POST_AND_BUREAU_DESKS: Caller[] = ["reporter_own", "reporter_other", "approver_own", "approver_other", "analyst", "editor"];
const REPORT_READERS: Caller[] = ["reporter_own", "approver_own", "analyst", "editor", "auditor"];
const TASKING_READERS: Caller[] = ["reporter_own", "approver_own", "analyst", "editor", "auditor"];
const INCIDENT_READERS_OF_DRAFT: Caller[] = ["reporter_own", "approver_own", "auditor"];
const INCIDENT_READERS_OF_SUBMITTED: Caller[] = ["reporter_own", "approver_own", "analyst", "editor", "auditor"];
/** Outside the record's scope: 404, so its existence does not leak; admins may not read incidents: 403. */
const hidden = (readers: readonly Caller[], writers: readonly Caller[], extra: Partial<Row> = {}) =>
  row(writers, 403, {
    ...Object.fromEntries(POST_AND_BUREAU_DESKS.filter((c) => !readers.includes(c)).map((c) => [c, 404])),
    ...extra,
  });

/** Collection routes: one row. Record routes: a row for a draft and a row for a submitted record. */
const EXPECTED: Record<string, Row | { draft: Row; submitted: Row }> = {
  "GET /api/health": Object.fromEntries(CALLERS.map((c) => [c, "ok"])) as Row,
  // For orchestrators: public, like /api/health (they answer nothing about records or users).
  "GET /api/health/live": Object.fromEntries(CALLERS.map((c) => [c, "ok"])) as Row,
  "GET /api/health/ready": Object.fromEntries(CALLERS.map((c) => [c, "ok"])) as Row,
  "POST /api/v1/auth/login": row(SIGNED_IN, 403), // anonymous sends unknown credentials: 401
  "POST /api/v1/auth/logout": row(SIGNED_IN, 403),
  "GET /api/v1/auth/me": row(SIGNED_IN, 403),
  // Your own account: everyone signed in, for themself (a token's {id} is one of the caller's own).
  "POST /api/v1/auth/password": row(SIGNED_IN, 403),
  "POST /api/v1/auth/tokens": row(SIGNED_IN, 403),
  "GET /api/v1/auth/tokens": row(SIGNED_IN, 403),
  "POST /api/v1/auth/tokens/{id}/revoke": row(SIGNED_IN, 403),
  "GET /api/v1/auth/sign-in-options": Object.fromEntries(CALLERS.map((c) => [c, "ok"])) as Row,
  // Single sign-on is not configured on this server: 404 for anyone (auth/oidc.test.ts has a provider).
  "GET /api/v1/auth/oidc/start": Object.fromEntries(CALLERS.map((c) => [c, 404])) as Row,
  "GET /api/v1/auth/oidc/callback": Object.fromEntries(CALLERS.map((c) => [c, 404])) as Row,
  // Your own second factor: everyone signed in. Nobody's sign-in waits for a code here (409); the
  // example's code is not the caller's (400); nobody has one to turn off or renew codes of (409).
  "POST /api/v1/auth/second-factor/verify": row([], 409),
  "GET /api/v1/auth/second-factor": row(SIGNED_IN, 403),
  "POST /api/v1/auth/second-factor/enrolment": row(SIGNED_IN, 403),
  "POST /api/v1/auth/second-factor/enrolment/confirm": row([], 400),
  "POST /api/v1/auth/second-factor/disable": row([], 409),
  "POST /api/v1/auth/second-factor/recovery-codes": row([], 409),
  // Accounts: admins manage them, auditors may read them ({id} is an account none of the callers uses).
  "GET /api/v1/users": row(["admin", "auditor"], 403),
  "POST /api/v1/users": row(["admin"], 403),
  "GET /api/v1/users/{id}": row(["admin", "auditor"], 403),
  "PATCH /api/v1/users/{id}": row(["admin"], 403),
  "POST /api/v1/users/{id}/disable": row(["admin"], 403),
  "POST /api/v1/users/{id}/enable": row(["admin"], 403),
  "POST /api/v1/users/{id}/reset-password": row(["admin"], 403),
  // The account has no second factor: the admin's reset is refused as such (400), the others may not ask (403).
  "POST /api/v1/users/{id}/reset-second-factor": row([], 403, { admin: 400 }),
  "GET /api/v1/countries": row(SIGNED_IN, 403),
  "GET /api/v1/posts": row(SIGNED_IN, 403),
  "GET /api/v1/taxonomy": row(SIGNED_IN, 403),
  "POST /api/v1/incidents": row(POST_AND_BUREAU_DESKS, 403),
  "GET /api/v1/incidents": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "POST /api/v1/sources": row(POST_AND_BUREAU_DESKS, 403),
  "GET /api/v1/sources": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "GET /api/v1/audit": row(["admin", "auditor"], 403),
  "POST /api/v1/posts": row(["admin"], 403),
  "POST /api/v1/posts/batch": row(["admin"], 403),
  "GET /api/v1/taxonomy/versions": row(SIGNED_IN, 403),
  "POST /api/v1/taxonomy/versions": row(["admin"], 403),
  "PATCH /api/v1/posts/{code}": row(["admin"], 403),
  "GET /api/v1/audit/verify": row(["admin", "auditor"], 403),
  // Counts over what each caller may see; admins manage accounts, not records.
  "GET /api/v1/analysis/counts": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  // Official statistics and case outcomes: the desks import and record, auditors read, admins neither.
  // A post imports its own host country's figures only, and never a population denominator (see the test after the matrix).
  "POST /api/v1/stats/imports": row(POST_AND_BUREAU_DESKS, 403),
  "GET /api/v1/stats/mapping-schema": row(POST_AND_BUREAU_DESKS, 403),
  "POST /api/v1/stats/preview": row(POST_AND_BUREAU_DESKS, 403),
  // Jobs: {id} is a job post FR's reporter asked for (a new one for each call, waiting to run). Its
  // requester and admins follow it, to anyone else it is not found; admins list, cancel and retry.
  "GET /api/v1/jobs": row(["admin"], 403),
  "GET /api/v1/jobs/{id}": row(["reporter_own", "admin"], 404),
  "POST /api/v1/jobs/{id}/cancel": row(["admin"], 403),
  "POST /api/v1/jobs/{id}/retry": row(["admin"], 403),
  "GET /api/v1/stats/datasets": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "GET /api/v1/stats/datasets/{id}": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "GET /api/v1/stats/observations": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "GET /api/v1/stats/population": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "POST /api/v1/case-outcomes": row(POST_AND_BUREAU_DESKS, 403),
  "GET /api/v1/case-outcomes": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  // {id} is a fresh outcome recorded by post FR's reporter: every desk reads it; its post and the
  // bureau correct or withdraw it, another post may not (403: the outcome is no secret).
  // A dry run of the example file (the others' uploads are in stats-api and case-outcomes-import tests).
  "POST /api/v1/case-outcomes/import": row(POST_AND_BUREAU_DESKS, 403),
  "GET /api/v1/case-outcomes/mapping-schema": row(POST_AND_BUREAU_DESKS, 403),
  "GET /api/v1/case-outcomes/{id}": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "PATCH /api/v1/case-outcomes/{id}": row(["reporter_own", "approver_own", "analyst", "editor"], 403),
  "POST /api/v1/case-outcomes/{id}/withdraw": row(["reporter_own", "approver_own", "analyst", "editor"], 403),
  // Notable cases as case outcomes: every desk records and reads them; {id} is a fresh one recorded
  // by post FR's reporter (three outcomes of FR), which its post and the bureau change.
  "POST /api/v1/notable-cases": row(POST_AND_BUREAU_DESKS, 403),
  "GET /api/v1/notable-cases": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "GET /api/v1/notable-cases/{id}": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "PATCH /api/v1/notable-cases/{id}": row(["reporter_own", "approver_own", "analyst", "editor"], 403),
  "POST /api/v1/notable-cases/{id}/unlink": row(["reporter_own", "approver_own", "analyst", "editor"], 403),
  "POST /api/v1/notable-cases/{id}/withdraw": row(["reporter_own", "approver_own", "analyst", "editor"], 403),
  // Rates: the same counts over population figures (which every one of these may read too).
  "GET /api/v1/analysis/rates": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  // Sentencing: whoever may read the case outcomes may read their comparison.
  "GET /api/v1/analysis/sentencing": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  // Housing: series and the HD incidents the caller may see, as the counts.
  "GET /api/v1/analysis/housing": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  // Reports. Post staff report on their host country (the bodies name FR, post "own"'s country),
  // the bureau on any; freezing is the post approver's or the bureau's. {id} is a country report on
  // FR frozen by FR's approver, in two versions (so the diff has two to compare).
  "POST /api/v1/reports/preview": row(["reporter_own", "approver_own", "analyst", "editor"], 403),
  "POST /api/v1/reports": row(["approver_own", "analyst", "editor"], 403),
  "GET /api/v1/reports": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "GET /api/v1/reports/templates": row([...POST_AND_BUREAU_DESKS, "auditor", "admin"], 403),
  "POST /api/v1/reports/templates": row(["editor", "admin"], 403),
  "GET /api/v1/reports/{id}": row(REPORT_READERS, 403, { reporter_other: 404, approver_other: 404 }),
  "POST /api/v1/reports/{id}/versions": row(["approver_own", "analyst", "editor"], 403, { reporter_other: 404, approver_other: 404 }),
  "GET /api/v1/reports/{id}/versions/{version}": row(REPORT_READERS, 403, { reporter_other: 404, approver_other: 404 }),
  "GET /api/v1/reports/{id}/versions/{version}/download": row(REPORT_READERS, 403, { reporter_other: 404, approver_other: 404 }),
  "GET /api/v1/reports/{id}/diff": row(REPORT_READERS, 403, { reporter_other: 404, approver_other: 404 }),
  "GET /api/v1/incidents/{id}": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, INCIDENT_READERS_OF_DRAFT),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, INCIDENT_READERS_OF_SUBMITTED),
  },
  "PATCH /api/v1/incidents/{id}": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    // Submitted: nobody may edit (the post no longer, the bureau not yet).
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, [], { reporter_own: 409, approver_own: 409, analyst: 409, editor: 409 }),
  },
  "POST /api/v1/incidents/{id}/sources": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, [], { reporter_own: 409, approver_own: 409, analyst: 409, editor: 409 }),
  },
  // The draft is submitted; the submitted record is cleared (only its own post's approver may).
  "POST /api/v1/incidents/{id}/transitions": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, ["approver_own"], { reporter_own: 403, analyst: 403, editor: 403 }),
  },
  "GET /api/v1/incidents/{id}/comments": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, INCIDENT_READERS_OF_DRAFT),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, INCIDENT_READERS_OF_SUBMITTED),
  },
  "POST /api/v1/incidents/{id}/comments": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, ["reporter_own", "approver_own", "analyst", "editor"]),
  },
  "GET /api/v1/incidents/{id}/history": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, INCIDENT_READERS_OF_DRAFT),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, INCIDENT_READERS_OF_SUBMITTED),
  },
  // A source recorded by post FR for its draft: visible where the draft is (or once it is submitted).
  "GET /api/v1/sources/{id}": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, INCIDENT_READERS_OF_DRAFT),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, INCIDENT_READERS_OF_SUBMITTED),
  },
  // Taskings: the bureau's editors draft, issue, amend and close them; the posts they go to and the
  // bureau read them (another post: not found; admins: forbidden). {id} is a fresh tasking to FR and
  // DE, a draft for the edit and the issue, issued otherwise; {post} is FR, whose response (a fresh
  // draft, none for the save) the post's staff write and the bureau reads.
  "POST /api/v1/taskings": row(["editor"], 403),
  "GET /api/v1/taskings": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "GET /api/v1/taskings/{id}": row(TASKING_READERS, 403, { reporter_other: 404, approver_other: 404 }),
  "PATCH /api/v1/taskings/{id}": row(["editor"], 403),
  "POST /api/v1/taskings/{id}/issue": row(["editor"], 403),
  "POST /api/v1/taskings/{id}/amend": row(["editor"], 403),
  "POST /api/v1/taskings/{id}/close": row(["editor"], 403),
  "GET /api/v1/taskings/{id}/versions": row(TASKING_READERS, 403, { reporter_other: 404, approver_other: 404 }),
  "GET /api/v1/taskings/{id}/responses": row(TASKING_READERS, 403, { reporter_other: 404, approver_other: 404 }),
  "GET /api/v1/taskings/{id}/responses/{post}": row(TASKING_READERS, 403, { reporter_other: 404, approver_other: 404 }),
  "POST /api/v1/taskings/{id}/responses/{post}": row(["reporter_own", "approver_own"], 403, { reporter_other: 404, approver_other: 404 }),
  // A draft response: its post submits it; the bureau may never submit a post's (409: not from this state, by this desk).
  "POST /api/v1/taskings/{id}/responses/{post}/transitions": row(["reporter_own", "approver_own"], 403, {
    reporter_other: 404,
    approver_other: 404,
    analyst: 409,
    editor: 409,
  }),
  "GET /api/v1/taskings/{id}/responses/{post}/cable": row(TASKING_READERS, 403, { reporter_other: 404, approver_other: 404 }),
  "GET /api/v1/compliance": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "GET /api/v1/compliance/export": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  // Notifications: everyone signed in has an inbox of their own. {id} is one of post FR's reporter's
  // (a tasking issued to FR, new for each call): to anyone else it is not found.
  "GET /api/v1/notifications": row(SIGNED_IN, 403),
  "GET /api/v1/notifications/unread-count": row(SIGNED_IN, 403),
  "POST /api/v1/notifications/read-all": row(SIGNED_IN, 403),
  "POST /api/v1/notifications/{id}/read": row(["reporter_own"], 404),
  "GET /api/v1/notifications/preferences": row(SIGNED_IN, 403),
  "PUT /api/v1/notifications/preferences": row(SIGNED_IN, 403),
  // Engagements: scoped and reviewed like incidents. {id} is a fresh engagement of post FR (with one
  // follow-up action), a draft or submitted; the posts' staff record their own; the bureau marks
  // accepted ones notable (these are not accepted yet: 409 where the bureau sees them).
  "POST /api/v1/engagements": row(["reporter_own", "reporter_other", "approver_own", "approver_other"], 403),
  "GET /api/v1/engagements": row([...POST_AND_BUREAU_DESKS, "auditor"], 403),
  "GET /api/v1/engagements/{id}": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, INCIDENT_READERS_OF_DRAFT),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, INCIDENT_READERS_OF_SUBMITTED),
  },
  "PATCH /api/v1/engagements/{id}": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, [], { reporter_own: 409, approver_own: 409 }),
  },
  "POST /api/v1/engagements/{id}/transitions": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, ["approver_own"]),
  },
  "POST /api/v1/engagements/{id}/follow-ups": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, ["reporter_own", "approver_own"]),
  },
  "POST /api/v1/engagements/{id}/follow-ups/{number}/complete": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, ["reporter_own", "approver_own"]),
  },
  // Its files: seen as it is, changed as its fields are ({file} is a text file attached to the draft).
  "GET /api/v1/engagements/{id}/attachments": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, INCIDENT_READERS_OF_DRAFT),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, INCIDENT_READERS_OF_SUBMITTED),
  },
  "GET /api/v1/engagements/{id}/attachments/{file}": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, INCIDENT_READERS_OF_DRAFT),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, INCIDENT_READERS_OF_SUBMITTED),
  },
  "POST /api/v1/engagements/{id}/attachments": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, [], { reporter_own: 409, approver_own: 409 }),
  },
  "POST /api/v1/engagements/{id}/attachments/{file}/remove": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, [], { reporter_own: 409, approver_own: 409 }),
  },
  // The users of its post who may own a follow-up: for the post's staff, who add follow-ups.
  "GET /api/v1/engagements/{id}/follow-up-owners": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, ["reporter_own", "approver_own"]),
  },
  "POST /api/v1/engagements/{id}/notable": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, []),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, [], { analyst: 409, editor: 409 }),
  },
  // Only the recording post (or the bureau) corrects a source.
  "PATCH /api/v1/sources/{id}": {
    draft: hidden(INCIDENT_READERS_OF_DRAFT, ["reporter_own", "approver_own"]),
    submitted: hidden(INCIDENT_READERS_OF_SUBMITTED, ["reporter_own", "approver_own", "analyst", "editor"]),
  },
};

/** The case outcomes of FR the last notable case made for a route links (their ids replace the example's). */
let notableOutcomes: string[] = [];

/** Request bodies: the OpenAPI example, adjusted to the record under test. */
function bodyFor(key: string, example: unknown, record: { version: number; state: string }, caller: TestUser | null): unknown {
  switch (key) {
    case "POST /api/v1/notable-cases":
      return {
        ...(example as object),
        country: "FR",
        outcomes: notableOutcomes.slice(0, 2).map((id, i) => ({ case_outcome_id: id, role: i === 0 ? "the original offence" : "the related prosecution" })),
      };
    case "POST /api/v1/notable-cases/{id}/unlink":
      return { ...(example as object), case_outcome_id: notableOutcomes[2] };
    case "POST /api/v1/auth/login":
      return caller ? { email: caller.email, password: caller.password } : { email: "nobody@example.org", password: "irrelevant password" };
    case "POST /api/v1/auth/password":
      return { ...(example as object), current_password: caller?.password ?? "irrelevant password" };
    case "PATCH /api/v1/incidents/{id}":
      return { ...(example as object), version: record.version };
    case "PATCH /api/v1/sources/{id}":
      return { ...(example as object), version: 1 }; // the record's source is fresh
    case "POST /api/v1/reports/preview":
    case "POST /api/v1/reports":
      return { ...(example as object), countries: ["FR"] };
    // A fresh draft tasking is at version 1, an issued one at 2; a fresh response at 1.
    case "PATCH /api/v1/taskings/{id}":
      return { title: "Reporting on migration-linked crimes (revised)", version: 1 };
    case "POST /api/v1/taskings/{id}/issue":
      return { version: 1 };
    case "POST /api/v1/taskings/{id}/amend":
      return { ...(example as object), version: 2 };
    case "POST /api/v1/taskings/{id}/close":
      return { version: 2 };
    case "POST /api/v1/taskings/{id}/responses/{post}":
      return { answers: [{ requirement: 1, narrative: "Nothing of this kind came to the post's notice." }] };
    case "POST /api/v1/taskings/{id}/responses/{post}/transitions":
      return { action: "submit", version: 1 };
    case "POST /api/v1/incidents/{id}/transitions":
    case "POST /api/v1/engagements/{id}/transitions":
      return { action: record.state === "draft" ? "submit" : "clear", version: record.version };
    case "PATCH /api/v1/engagements/{id}":
    case "POST /api/v1/engagements/{id}/follow-ups":
      return { ...(example as object), version: record.version };
    case "POST /api/v1/engagements/{id}/follow-ups/{number}/complete":
      return { version: record.version };
    case "POST /api/v1/engagements/{id}/notable":
      return { version: record.version, notable: true };
    case "POST /api/v1/stats/imports":
      // The example is a population denominator, the bureau's: a post imports its own country's
      // figures of another dataset (what else it may not import is the test after the matrix).
      return caller && caller.actor.postCode !== "BUREAU" ? statisticsFile("CRIM_OFF_CAT", caller.actor.postCode) : example;
    default:
      return example;
  }
}

forEachDatabase("authorization matrix", (env) => {
  const users = {} as Record<Exclude<Caller, "anonymous">, TestUser>;
  let subject: TestUser;
  let openapi: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>> };
  /** A dataset for the statistics routes to read. */
  let datasetId: string;
  /** A report for the report routes: post FR's, with two versions. */
  let reportId: string;

  beforeAll(async () => {
    const make = (role: Role, post?: string) => env().user(role, post);
    Object.assign(users, {
      reporter_own: await make("reporter", "FR"),
      reporter_other: await make("reporter", "BE"),
      approver_own: await make("approver", "FR"),
      approver_other: await make("approver", "BE"),
      analyst: await make("analyst"),
      editor: await make("editor"),
      admin: await make("admin"),
      auditor: await make("auditor"),
    });
    subject = await make("reporter", "FR");
    openapi = (await env().request(null, { method: "GET", url: "/api/openapi.json" })).json();
    const imported = await env().context.services.stats.importFile(CLI_ACTOR, { path: `${FIXTURES}/tps00001.tsv` });
    datasetId = imported.dataset!.id;
    const { reports } = env().context.services;
    const report = await reports.create(users.approver_own.actor, reportRequest.parse({ kind: "country", countries: ["FR"], period: "2024" }));
    reportId = report.report.id;
    // A new template for 2024 changes the content: the second freeze is version 2.
    await reports.setTemplate(
      users.editor.actor,
      templateInput.parse({
        kind: "country",
        year: 2024,
        sections: [
          { section: "figures", heading: "Figures" },
          { section: "limitations", heading: "Limitations" },
        ],
      }),
    );
    await reports.freeze(users.approver_own.actor, reportId);
  });

  /** Query strings that routes with required parameters need, so the answer is about who asks. */
  const queryFor = (key: string): string =>
    ({
      "GET /api/v1/stats/observations": `?dataset=${datasetId}&geo=AD`,
      "GET /api/v1/stats/population": "?geo=AD&year=2011",
      "GET /api/v1/analysis/housing": "?country=FR",
      "POST /api/v1/case-outcomes/import": `?dry_run=true&mapping=${encodeURIComponent(JSON.stringify(caseOutcomeFileExampleMapping))}`,
      "GET /api/v1/reports/{id}/diff": "?from=1&to=2",
      "GET /api/v1/reports/{id}/versions/{version}/download": "?format=txt",
      "GET /api/v1/compliance/export": "?format=xlsx",
    })[key] ?? "";

  /** The {id} in a path: the record's or its source's, an account's, or one of the caller's own API tokens. */
  async function idFor(path: string, target: { id: string; sourceId: string }, user: TestUser | null): Promise<string> {
    if (path.startsWith("/api/v1/sources/")) return target.sourceId;
    if (path.startsWith("/api/v1/stats/datasets/")) return datasetId;
    if (path.startsWith("/api/v1/reports/")) return reportId;
    if (path.startsWith("/api/v1/users/")) return subject.actor.id;
    if (path.startsWith("/api/v1/notable-cases")) {
      // Three fresh outcomes of FR (a notable case keeps two when one is unlinked), linked by FR's reporter.
      const { stats } = env().context.services;
      notableOutcomes = [];
      for (const court_level of ["first_instance", "appeal", "supreme"])
        notableOutcomes.push(
          (await stats.recordCaseOutcome(users.reporter_own.actor, caseOutcomeInput.parse({ ...caseOutcomeExample, country: "FR", court_level }))).id,
        );
      if (path === "/api/v1/notable-cases") return "";
      const notable = await stats.recordNotableCase(
        users.reporter_own.actor,
        notableCaseInput.parse({
          ...notableCaseExample,
          country: "FR",
          outcomes: notableOutcomes.map((id, i) => ({ case_outcome_id: id, role: `part ${i + 1} of the case` })),
        }),
      );
      return notable.id;
    }
    if (path.startsWith("/api/v1/case-outcomes/")) {
      const outcome = await env().context.services.stats.recordCaseOutcome(
        users.reporter_own.actor,
        caseOutcomeInput.parse({ ...caseOutcomeExample, country: "FR" }),
      );
      return outcome.id;
    }
    if (path.startsWith("/api/v1/jobs/")) {
      // Queued for later, so no runner takes it during the test; one to retry has been cancelled.
      const jobs = env().context.services.jobs;
      const job = await jobs.enqueue(users.reporter_own.actor, { kind: "stats.import", payload: {}, runAfter: "9999-12-31T00:00:00.000Z" });
      if (path.endsWith("/retry")) await jobs.cancel(CLI_ACTOR, job.id);
      return job.id;
    }
    if (path.startsWith("/api/v1/notifications/")) {
      // A tasking issued to FR tells its reporter: the notifier makes the notification from the audit log.
      const { taskings, notifications } = env().context.services;
      const drafted = await taskings.createTasking(users.editor.actor, taskingInput.parse(taskingFields()));
      await taskings.issueTasking(users.editor.actor, drafted.id, drafted.version);
      await env().context.notifier.tick();
      return (await notifications.list(users.reporter_own.actor, { limit: 1 })).items[0]!.id;
    }
    if (path.startsWith("/api/v1/auth/tokens/")) {
      if (!user) return "0193a1a2-0000-7000-8000-000000000000";
      return (await env().context.services.tokens.create(user.actor, { name: "matrix", expires_in_days: 1 }, "session")).id;
    }
    return target.id;
  }

  /** A fresh tasking to FR and DE for this route: a draft to edit or issue, else issued (with FR's draft response where the route reads one). */
  async function taskingFor(key: string): Promise<string> {
    const { taskings } = env().context.services;
    const editor = users.editor.actor;
    const drafted = await taskings.createTasking(editor, taskingInput.parse(taskingFields()));
    if (key === "PATCH /api/v1/taskings/{id}" || key.endsWith("/issue")) return drafted.id;
    await taskings.issueTasking(editor, drafted.id, drafted.version);
    if (key.includes("{post}") && key !== "POST /api/v1/taskings/{id}/responses/{post}") {
      await taskings.responses.save(
        users.reporter_own.actor,
        drafted.id,
        "FR",
        responseInput.parse({ answers: [{ requirement: 2, nothing_to_report: true }] }),
      );
    }
    return drafted.id;
  }

  /** A fresh record of post FR in the given state, and its source. */
  async function record(state: "draft" | "submitted") {
    const current = await recordIncident(
      env().context,
      state,
      { reporter: users.reporter_own },
      {},
      { ...incidentExample, country: "FR", title: `Matrix record (${state})` },
    );
    return { id: current.id, version: current.version, state: current.state, sourceId: current.sources[0]!.id, fileId: "" };
  }

  /** A fresh engagement of post FR with one follow-up action and one attachment, in the given state. */
  async function engagementRecord(state: "draft" | "submitted") {
    const { engagements } = env().context.services;
    const created = await engagements.create(
      users.reporter_own.actor,
      engagementInput.parse(engagementFields({ follow_ups: [{ action: "Send the figures", owner_role: "the political section", due_date: "2026-05-01" }] })),
    );
    const file = await engagements.addAttachment(users.reporter_own.actor, created.id, {
      open: () => Readable.from([Buffer.from("Notes of the meeting.\n")]),
      filename: "notes.txt",
    });
    const current =
      state === "draft" ? created : await engagements.transition(users.reporter_own.actor, created.id, { action: "submit", version: created.version });
    return { id: current.id, version: current.version, state: current.state, sourceId: "", fileId: file.id };
  }

  it("when the table is compared with the OpenAPI document, then every route has a row and every row a route", () => {
    const documented = Object.entries(openapi.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(
      documented.filter((key) => !(key in EXPECTED)),
      "routes missing from the authorization table",
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((key) => !documented.includes(key)),
      "table rows without a route",
    ).toEqual([]);
  });

  it("when every caller calls every route, then each is allowed or denied exactly as the table says", async () => {
    const failures: string[] = [];
    // Changing the password makes the callers' sign-in details stale, and signing out ends their
    // sessions, so these go last, in that order.
    const last = (path: string) => (path.endsWith("/auth/password") ? 1 : path.endsWith("/logout") ? 2 : 0);
    const operations = Object.entries(openapi.paths)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
      .sort((a, b) => last(a.path) - last(b.path));
    for (const { path, method, operation } of operations) {
      {
        const key = `${method.toUpperCase()} ${path}`;
        const expected = EXPECTED[key];
        if (!expected) continue; // reported by the test above
        // JSON, or for an upload the file itself in its media type.
        const [mediaType, media] = Object.entries(operation.requestBody?.content ?? {}).find(([, m]) => m.example !== undefined) ?? ["application/json", {}];
        const example = media.example;
        const variants = "draft" in expected ? (["draft", "submitted"] as const) : ([null] as const);
        for (const variant of variants) {
          for (const caller of CALLERS) {
            const target = variant
              ? path.startsWith("/api/v1/engagements/")
                ? await engagementRecord(variant)
                : await record(variant)
              : { id: "", version: 1, state: "draft", sourceId: "", fileId: "" };
            const user = caller === "anonymous" ? null : users[caller];
            const url =
              path
                .replace("{id}", path.startsWith("/api/v1/taskings/") ? await taskingFor(key) : await idFor(path, target, user))
                .replace("{post}", "FR")
                .replace("{code}", "DE")
                .replace("{version}", "1")
                .replace("{number}", "1")
                .replace("{file}", target.fileId) + queryFor(key);
            const body = method === "get" ? undefined : bodyFor(key, example, target, user);
            const sent =
              body === undefined ? {} : mediaType === "application/json" ? { json: body } : { payload: body as string, headers: { "content-type": mediaType } };
            const response = await env().request(user, { method: method.toUpperCase() as "GET", url, ...sent });
            const want = variant ? (expected as { draft: Row; submitted: Row })[variant][caller] : (expected as Row)[caller];
            const got = response.statusCode >= 200 && response.statusCode < 300 ? "ok" : response.statusCode;
            if (got !== want)
              failures.push(`${key}${variant ? ` [${variant}]` : ""} as ${caller}: expected ${want}, got ${got} ${response.body.slice(0, 160)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route × nine callers, hundreds of requests: over the default 30 seconds on a busy machine.
  }, 180_000);

  it("when every caller imports a population denominator, or another country's figures, then only the bureau's analysts and editors may", async () => {
    const cases = [
      { what: "its own country's population (a denominator)", file: (post: string) => statisticsFile("TPS00001", post) },
      { what: "another country's figures", file: (post: string) => statisticsFile("CRIM_OFF_CAT", post === "MT" ? "CY" : "MT") },
    ];
    const expected = row(["analyst", "editor"], 403);
    // Fresh callers: the matrix above ends by signing everyone out.
    const ROLES: Record<Exclude<Caller, "anonymous">, [Role, string?]> = {
      reporter_own: ["reporter", "FR"],
      reporter_other: ["reporter", "BE"],
      approver_own: ["approver", "FR"],
      approver_other: ["approver", "BE"],
      analyst: ["analyst"],
      editor: ["editor"],
      admin: ["admin"],
      auditor: ["auditor"],
    };
    const callers = {} as Record<Exclude<Caller, "anonymous">, TestUser>;
    for (const [caller, [role, post]] of Object.entries(ROLES)) callers[caller as Exclude<Caller, "anonymous">] = await env().user(role, post);
    const failures: string[] = [];
    for (const { what, file } of cases) {
      for (const caller of CALLERS) {
        const user = caller === "anonymous" ? null : callers[caller];
        const post = user?.actor.postCode ?? "FR";
        // The import runs as a job: its outcome is the job's.
        const response = await env().finished(
          user,
          await env().request(user, {
            method: "POST",
            url: "/api/v1/stats/imports",
            payload: file(post === "BUREAU" ? "FR" : post),
            headers: { "content-type": "text/csv" },
          }),
        );
        const got = response.statusCode >= 200 && response.statusCode < 300 ? "ok" : response.statusCode;
        if (got !== expected[caller]) failures.push(`${what} as ${caller}: expected ${expected[caller]}, got ${got} ${response.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/** An SDMX-CSV file of one figure for `geo`, in dataset `dataset` (tps00001 is a population denominator). */
function statisticsFile(dataset: string, geo: string): string {
  const dimension = dataset === "TPS00001" ? "indic_de" : "iccs";
  return `DATAFLOW,freq,${dimension},geo,TIME_PERIOD,OBS_VALUE\nESTAT:${dataset}(1.0),A,${dimension === "iccs" ? "ICCS0101" : "JAN"},${geo},2011,7\n`;
}
