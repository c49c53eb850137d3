// Correcting and withdrawing case outcomes over HTTP, on each database: a correction names the
// fields it changes, is checked as a new outcome is, needs the version it was based on and a
// reason, and is audited before and after; a post corrects only what it recorded; an incident the
// corrector may not see is neither revealed nor dropped; a withdrawn outcome is kept and leaves the
// comparisons.
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { auditEventsFor } from "../audit/audit.js";
import { incidentExample } from "../incidents/schema.js";
import { caseOutcomesMatching } from "./index.js";
import { caseOutcomeExample, type CaseOutcomeOutput } from "./case-outcomes-schema.js";

forEachDatabase("case outcome corrections", (env) => {
  let reporter: TestUser;
  let analyst: TestUser;

  const record = async (user: TestUser, fields: Record<string, unknown> = {}) => {
    const response = await env().request(user, { method: "POST", url: "/api/v1/case-outcomes", json: { ...caseOutcomeExample, ...fields } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CaseOutcomeOutput>();
  };
  const correct = (user: TestUser, id: string, json: Record<string, unknown>) =>
    env().request(user, { method: "PATCH", url: `/api/v1/case-outcomes/${id}`, json });
  const read = async (user: TestUser, id: string) =>
    (await env().request(user, { method: "GET", url: `/api/v1/case-outcomes/${id}` })).json<CaseOutcomeOutput>();

  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
    analyst = await env().user("analyst");
  });

  it("when a reporter corrects the sentence of an outcome their post recorded, then it changes, its version goes up, and the audit log has before, after and reason", async () => {
    const outcome = await record(reporter);
    expect(outcome).toMatchObject({ version: 1, post: "DE", withdrawn: null, updated_at: null });
    const response = await correct(reporter, outcome.id, {
      version: 1,
      sentence: { custodial_months: 10, suspended: true },
      reason: "The written judgment gives ten months.",
    });
    expect(response.statusCode, response.body).toBe(200);
    const corrected = response.json<CaseOutcomeOutput>();
    expect(corrected).toMatchObject({ version: 2, sentence: { custodial_months: 10, suspended: true, fine: null, other: null }, country: "DE" });
    expect(corrected.updated_at).not.toBeNull();
    expect(await read(analyst, outcome.id)).toEqual(corrected);
    const events = await auditEventsFor(env().context.db, "case_outcome", outcome.id);
    expect(events.map((e) => e.action)).toEqual(["case_outcome.create", "case_outcome.update"]);
    expect(events[1]!.before).toEqual(outcome);
    expect(events[1]!.after).toEqual({ ...corrected, reason: "The written judgment gives ten months." });
  });

  it("when a correction changes the offence, then its ICCS code follows the new category unless one is given", async () => {
    const outcome = await record(reporter);
    const corrected = (
      await correct(reporter, outcome.id, { version: 1, offence: { category: "SV.RAPE" }, reason: "Convicted of rape, not assault." })
    ).json<CaseOutcomeOutput>();
    expect(corrected.offence).toEqual({ category: "SV.RAPE", iccs: "03011" });
  });

  it("when a correction is based on an old version, then 409 names the current one and nothing changes", async () => {
    const outcome = await record(reporter);
    expect((await correct(reporter, outcome.id, { version: 1, court_level: "appeal", reason: "Decided on appeal." })).statusCode).toBe(200);
    const stale = await correct(analyst, outcome.id, { version: 1, court_level: "supreme", reason: "Decided by the supreme court." });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { code: string; details?: { current_version: number } } }>().error).toMatchObject({ code: "version_conflict" });
    expect((await read(analyst, outcome.id)).court_level).toBe("appeal");
  });

  it("when a correction breaks a rule of a new outcome, or has no reason, then 400 names each field and nothing changes", async () => {
    const outcome = await record(reporter);
    const response = await correct(reporter, outcome.id, { version: 1, convicted: false, country: "ZZ" });
    expect(response.statusCode).toBe(400);
    const paths = response
      .json<{ error: { issues: { path: string }[] } }>()
      .error.issues.map((i) => i.path)
      .sort();
    expect(paths).toEqual(["body.reason"]);
    const merged = await correct(reporter, outcome.id, { version: 1, convicted: false, country: "ZZ", reason: "Acquitted." });
    expect(merged.statusCode).toBe(400);
    expect(
      merged
        .json<{ error: { issues: { path: string }[] } }>()
        .error.issues.map((i) => i.path)
        .sort(),
    ).toEqual(["body.country", "body.sentence"]);
    expect(await read(reporter, outcome.id)).toEqual(outcome);
  });

  it("when another post's reporter corrects an outcome, then 403; the bureau may, and a made-up id is 404", async () => {
    const outcome = await record(reporter);
    const reporterFr = await env().user("reporter", "FR");
    expect((await correct(reporterFr, outcome.id, { version: 1, court_level: "appeal", reason: "Appeal." })).statusCode).toBe(403);
    expect((await correct(reporterFr, randomUUID(), { version: 1, court_level: "appeal", reason: "Appeal." })).statusCode).toBe(404);
    expect((await correct(analyst, outcome.id, { version: 1, court_level: "appeal", reason: "Appeal." })).statusCode).toBe(200);
  });

  it("when a correction names another post's draft as the incident, then the answer is exactly the one for a made-up id", async () => {
    const reporterFr = await env().user("reporter", "FR");
    const draft = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    const outcome = await record(reporterFr, { country: "FR" });
    const real = await correct(reporterFr, outcome.id, { version: 1, incident_id: draft.json<{ id: string }>().id, reason: "Linked." });
    const madeUp = await correct(reporterFr, outcome.id, { version: 1, incident_id: randomUUID(), reason: "Linked." });
    expect(real.statusCode).toBe(400);
    expect(real.json()).toEqual(madeUp.json());
    expect((await read(reporterFr, outcome.id)).version).toBe(1);
  });

  it("when the bureau corrects an outcome linked to a post's draft it may not see, then the link is neither shown nor dropped", async () => {
    const draft = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    const incidentId = draft.json<{ id: string }>().id;
    const outcome = await record(reporter, { incident_id: incidentId });
    expect((await read(analyst, outcome.id)).incident_id).toBeNull();
    // The analyst was shown no incident, and sends back what they were shown.
    const response = await correct(analyst, outcome.id, { version: 1, incident_id: null, court_level: "appeal", reason: "Decided on appeal." });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<CaseOutcomeOutput>().incident_id).toBeNull();
    expect(await read(reporter, outcome.id)).toMatchObject({ incident_id: incidentId, court_level: "appeal", version: 2 });
  });

  it("when an outcome is withdrawn with a reason, then it is kept, marked, audited, out of the comparisons, and cannot be corrected", async () => {
    const outcome = await record(reporter, { country: "LU", decision_date: "2021-02-03" });
    const matching = async () => (await caseOutcomesMatching(env().context.db, { country: ["LU"] })).map((o) => o.id);
    expect(await matching()).toContain(outcome.id);
    const response = await env().request(reporter, {
      method: "POST",
      url: `/api/v1/case-outcomes/${outcome.id}/withdraw`,
      json: { version: 1, reason: "Recorded twice." },
    });
    expect(response.statusCode, response.body).toBe(200);
    const withdrawn = response.json<CaseOutcomeOutput>();
    expect(withdrawn.withdrawn).toMatchObject({ reason: "Recorded twice." });
    expect(withdrawn.version).toBe(2);
    expect(await matching()).not.toContain(outcome.id);
    const listed = await env().request(analyst, { method: "GET", url: "/api/v1/case-outcomes?country=LU&withdrawn=true&limit=200" });
    expect(listed.json<{ items: CaseOutcomeOutput[] }>().items.map((o) => o.id)).toContain(outcome.id);
    const events = await auditEventsFor(env().context.db, "case_outcome", outcome.id);
    expect(events.map((e) => e.action)).toEqual(["case_outcome.create", "case_outcome.withdraw"]);
    const again = await correct(reporter, outcome.id, { version: 2, court_level: "appeal", reason: "Appeal." });
    expect(again.statusCode).toBe(409);
    expect(await read(reporter, outcome.id)).toEqual(withdrawn);
  });
});
