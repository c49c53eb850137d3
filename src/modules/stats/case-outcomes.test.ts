// Case outcomes through the HTTP API, on each database: recorded by the desks (with the offence's
// ICCS code filled in and an audit event), read by them and by auditors, filtered by every filter
// the list has, and paged newest decision first without a repeat or a gap.
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { auditEventsFor } from "../audit/audit.js";
import { incidentExample } from "../incidents/schema.js";
import { caseOutcomeExample, type CaseOutcomeList, type CaseOutcomeOutput } from "./case-outcomes-schema.js";

forEachDatabase("case outcomes over HTTP", (env) => {
  let reporter: TestUser;
  let analyst: TestUser;
  let auditor: TestUser;

  const record = async (user: TestUser, fields: Record<string, unknown>) => {
    const response = await env().request(user, { method: "POST", url: "/api/v1/case-outcomes", json: { ...caseOutcomeExample, ...fields } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CaseOutcomeOutput>();
  };
  const list = async (user: TestUser, query: string) => {
    const response = await env().request(user, { method: "GET", url: `/api/v1/case-outcomes?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CaseOutcomeList>();
  };
  const ids = (page: CaseOutcomeList) => page.items.map((o) => o.id);
  // Every test records what it looks for and judges only that: each passes alone (`-t`) or after the
  // others, whatever they recorded in the file's database.
  const count = async () => (await list(analyst, "limit=200")).items.length;
  /** Four outcomes that each filter below keeps some of and drops some of. */
  const recordVaried = async () => [
    await record(reporter, {
      offence: { category: "SV.RAPE" },
      decision_date: "2024-05-02",
      defendant: { migration_status: "asylum_seeker", basis: "court_record" },
    }),
    await record(analyst, { country: "FR", court_level: "appeal", decision_date: "2023-11-20", convicted: false, sentence: null, defendant: {} }),
    await record(analyst, {
      country: "AT",
      offence: { category: "SV.ASSAULT" },
      court_level: "supreme",
      decision_date: "2022-03-01",
      defendant: { migration_status: "citizen_by_birth" },
    }),
    await record(analyst, { country: "AT", offence: { category: "HC" }, decision_date: "2025-01-15", synthetic: true }),
  ];

  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
    analyst = await env().user("analyst");
    auditor = await env().user("auditor");
  });

  it("when a reporter records a conviction, then it is answered with the category's ICCS code, audited, and listed for an auditor", async () => {
    const incident = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    expect(incident.statusCode, incident.body).toBe(201);
    const outcome = await record(reporter, {
      offence: { category: "SV.RAPE" },
      decision_date: "2024-05-02",
      defendant: { migration_status: "asylum_seeker", basis: "court_record" },
      sentence: { custodial_months: 30, suspended: false },
      incident_id: incident.json<{ id: string }>().id,
    });
    expect(outcome).toMatchObject({
      country: "DE",
      offence: { category: "SV.RAPE", iccs: "03011" },
      court_level: "first_instance",
      defendant: { migration_status: "asylum_seeker", basis: "court_record" },
      convicted: true,
      sentence: { custodial_months: 30, suspended: false, fine: null, other: null },
      synthetic: false,
      created_by: reporter.actor.id,
    });
    const events = await auditEventsFor(env().context.db, "case_outcome", outcome.id);
    expect(events.map((e) => [e.action, e.actor_user_id])).toEqual([["case_outcome.create", reporter.actor.id]]);
    expect(events[0]!.after).toEqual(outcome);
    expect((await list(auditor, "country=DE&limit=200")).items).toContainEqual(outcome);
  });

  it("when an acquittal is recorded, then it has no sentence; the defendant's status defaults to unknown", async () => {
    const acquittal = await record(analyst, {
      country: "FR",
      court_level: "appeal",
      decision_date: "2023-11-20",
      convicted: false,
      sentence: null,
      defendant: {},
    });
    expect(acquittal).toMatchObject({
      convicted: false,
      sentence: null,
      defendant: { migration_status: "unknown", basis: null },
      offence: { category: "SV.ASSAULT" },
    });
  });

  it("when outcomes are filtered, then each filter keeps exactly the outcomes that match it", async () => {
    const recorded = await recordVaried();
    const mine = new Set(recorded.map((o) => o.id));
    const expectIds = async (query: string, keep: (o: CaseOutcomeOutput) => boolean) => {
      const expected = recorded.filter(keep).map((o) => o.id);
      expect(expected.length, `${query} should keep something`).toBeGreaterThan(0);
      expect(expected.length, `${query} should drop something`).toBeLessThan(recorded.length);
      const kept = ids(await list(analyst, `${query}&limit=200`)).filter((id) => mine.has(id));
      expect(kept.sort(), query).toEqual(expected.sort());
    };
    await expectIds("country=AT,FR", (o) => o.country === "AT" || o.country === "FR");
    await expectIds("offence_category=SV", (o) => o.offence.category.startsWith("SV."));
    await expectIds("offence_category=SV.RAPE,HC", (o) => o.offence.category === "SV.RAPE" || o.offence.category === "HC");
    await expectIds("court_level=appeal,supreme", (o) => o.court_level === "appeal" || o.court_level === "supreme");
    await expectIds("defendant_migration_status=unknown", (o) => o.defendant.migration_status === "unknown");
    await expectIds("decided_from=2023-01-01&decided_to=2024-12-31", (o) => o.decision_date >= "2023-01-01" && o.decision_date <= "2024-12-31");
    await expectIds("synthetic=true", (o) => o.synthetic);
    await expectIds("synthetic=false", (o) => !o.synthetic);
  });

  it("when the list is paged two at a time, then every outcome comes once, newest decision first", async () => {
    // Two on the same day, so the order within a day (by id) is paged through too.
    const recorded = [...(await recordVaried()), await record(reporter, { decision_date: "2024-05-02" })];
    const all = await count();
    const seen: CaseOutcomeOutput[] = [];
    let cursor: string | null = null;
    do {
      const page: CaseOutcomeList = await list(auditor, `limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(all);
    expect(new Set(seen.map((o) => o.id)).size).toBe(all);
    expect(seen.map((o) => o.id)).toEqual(expect.arrayContaining(recorded.map((o) => o.id)));
    const order = (a: CaseOutcomeOutput, b: CaseOutcomeOutput) =>
      a.decision_date !== b.decision_date ? (a.decision_date < b.decision_date ? 1 : -1) : a.id < b.id ? 1 : -1;
    expect(seen.map((o) => o.id)).toEqual([...seen].sort(order).map((o) => o.id));
  });

  it("when an auditor or an admin records one, or an admin lists them, then 403 and nothing is written", async () => {
    const admin = await env().user("admin");
    const before = await count();
    for (const user of [auditor, admin]) {
      const response = await env().request(user, { method: "POST", url: "/api/v1/case-outcomes", json: caseOutcomeExample });
      expect(response.statusCode).toBe(403);
    }
    expect((await env().request(admin, { method: "GET", url: "/api/v1/case-outcomes" })).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it("when the offence, the country or the incident is unknown, then 400 names each, and nothing is written", async () => {
    const before = await count();
    const response = await env().request(reporter, {
      method: "POST",
      url: "/api/v1/case-outcomes",
      json: { ...caseOutcomeExample, country: "ZZ", offence: { category: "SV.NOPE" }, incident_id: "0193a1a2-0000-7000-8000-000000000000" },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json<{ error: { issues: { path: string }[] } }>()
        .error.issues.map((i) => i.path)
        .sort(),
    ).toEqual(["body.country", "body.incident_id", "body.offence.category"]);
    expect(await count()).toBe(before);
  });

  it("when a reporter of another post names a real draft of post DE as the incident, then the answer is exactly the one for a made-up id", async () => {
    const reporterFr = await env().user("reporter", "FR");
    const draft = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    expect(draft.statusCode, draft.body).toBe(201);
    const send = (incident_id: string) =>
      env().request(reporterFr, { method: "POST", url: "/api/v1/case-outcomes", json: { ...caseOutcomeExample, country: "FR", incident_id } });
    const before = (await list(analyst, "limit=200")).items.length;
    const real = await send(draft.json<{ id: string }>().id);
    const madeUp = await send(randomUUID());
    expect(real.statusCode, real.body).toBe(400);
    expect(real.json()).toEqual(madeUp.json());
    // Neither request recorded anything.
    expect((await list(analyst, "limit=200")).items).toHaveLength(before);
  });

  it("when outcomes are listed, then an incident the caller may not see is not shown: its id reads as none", async () => {
    const reporterFr = await env().user("reporter", "FR");
    const draft = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    const incidentId = draft.json<{ id: string }>().id;
    const outcome = await record(reporter, { decision_date: "2024-07-01", incident_id: incidentId });
    const seenBy = async (user: TestUser) => (await list(user, "limit=200")).items.find((o) => o.id === outcome.id)?.incident_id;
    expect(await seenBy(reporter)).toBe(incidentId); // the draft's own post
    expect(await seenBy(auditor)).toBe(incidentId); // auditors see every record
    expect(await seenBy(reporterFr)).toBeNull(); // another post
    expect(await seenBy(analyst)).toBeNull(); // the bureau does not see a post's drafts
    // Once submitted, the bureau sees it; another post still does not.
    const version = draft.json<{ version: number }>().version;
    expect(
      (await env().request(reporter, { method: "POST", url: `/api/v1/incidents/${incidentId}/transitions`, json: { action: "submit", version } })).statusCode,
    ).toBe(200);
    expect(await seenBy(analyst)).toBe(incidentId);
    expect(await seenBy(reporterFr)).toBeNull();
  });
});
