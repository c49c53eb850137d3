// Notable cases over HTTP, on each database: two or more case outcomes of one country recorded
// side by side with their parts in words and the sentence each received, audited in full; an edit
// at its version (a left-out outcome unlinked, kept marked); one link removed with a reason, never
// below two; a withdrawn outcome stays linked and shows withdrawn; the case withdrawn, never
// deleted; a post changes only what it recorded; an incident the caller may not see is refused,
// and one linked by someone else is neither shown nor dropped; every answer carries the caveat.
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { auditEventsFor } from "../audit/audit.js";
import { incidentExample } from "../incidents/schema.js";
import { caseOutcomeExample, type CaseOutcomeOutput } from "./case-outcomes-schema.js";
import { NOTABLE_CASE_CAVEAT } from "../../domain/case-words.js";
import type { NotableCaseOutput } from "./notable-cases-schema.js";

forEachDatabase("notable cases", (env) => {
  let reporter: TestUser;
  let otherPost: TestUser;
  let analyst: TestUser;

  const outcome = async (user: TestUser, fields: Record<string, unknown> = {}) => {
    const response = await env().request(user, { method: "POST", url: "/api/v1/case-outcomes", json: { ...caseOutcomeExample, ...fields } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CaseOutcomeOutput>();
  };
  const offenceAndInsult = async (user: TestUser) => [
    await outcome(user, {
      offence: { category: "SV.RAPE" },
      defendant: { migration_status: "asylum_seeker", basis: "court_record" },
      sentence: { custodial_months: 24, suspended: true, fine: null, other: null },
    }),
    await outcome(user, {
      offence: { category: "JS" },
      decision_date: "2025-06-02",
      defendant: { migration_status: "citizen_by_birth", basis: "court_record" },
      sentence: { custodial_months: null, suspended: null, fine: { amount: 1200, currency: "EUR" }, other: null },
    }),
  ];
  const create = (user: TestUser, json: Record<string, unknown>) => env().request(user, { method: "POST", url: "/api/v1/notable-cases", json });
  const body = (outcomes: CaseOutcomeOutput[], fields: Record<string, unknown> = {}) => ({
    country: "DE",
    title: "Assault at a tram stop and the prosecution of an online insult about it",
    description: "The offence, and a friend of the victim prosecuted for insulting one of the men online.",
    outcomes: outcomes.map((o, i) => ({ case_outcome_id: o.id, role: i === 0 ? "the original offence" : "the related prosecution" })),
    ...fields,
  });
  const recorded = async (user: TestUser, outcomes: CaseOutcomeOutput[], fields: Record<string, unknown> = {}) => {
    const response = await create(user, body(outcomes, fields));
    expect(response.statusCode, response.body).toBe(201);
    return response.json<NotableCaseOutput>();
  };
  const read = async (user: TestUser, id: string) => {
    const response = await env().request(user, { method: "GET", url: `/api/v1/notable-cases/${id}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<NotableCaseOutput>();
  };

  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
    otherPost = await env().user("reporter", "FR");
    analyst = await env().user("analyst");
  });

  it("when a post records a notable case of two outcomes, then both are shown side by side in order with their roles, offences in words and sentences, with the caveat, and the audit log has it", async () => {
    const [offence, insult] = await offenceAndInsult(reporter);
    const created = await recorded(reporter, [offence!, insult!]);
    expect(created).toMatchObject({ country: "DE", post: "DE", version: 1, withdrawn: null, synthetic: false, caveat: NOTABLE_CASE_CAVEAT, incident_ids: [] });
    expect(created.outcomes.map((o) => [o.role, o.offence_label, o.case_outcome.id])).toEqual([
      ["the original offence", "Sexual violence: rape (ICCS 03011)", offence!.id],
      ["the related prosecution", "Justice and sentencing: a notable case outcome or policy", insult!.id],
    ]);
    expect(created.outcomes[0]!.case_outcome.sentence).toEqual({ custodial_months: 24, suspended: true, fine: null, other: null });
    expect(created.outcomes[1]!.case_outcome.sentence?.fine).toEqual({ amount: 1200, currency: "EUR" });
    expect(created.outcomes[0]!.case_outcome.defendant.migration_status).toBe("asylum_seeker");
    expect(await read(analyst, created.id)).toEqual(created);
    const events = await auditEventsFor(env().context.db, "notable_case", created.id);
    expect(events.map((e) => e.action)).toEqual(["notable_case.create"]);
    expect(events[0]!.after).toEqual(created);
    const listed = (await env().request(analyst, { method: "GET", url: "/api/v1/notable-cases?country=DE" })).json<{ items: NotableCaseOutput[] }>();
    expect(listed.items.map((n) => n.id)).toContain(created.id);
    const elsewhere = (await env().request(analyst, { method: "GET", url: "/api/v1/notable-cases?country=FR" })).json<{ items: NotableCaseOutput[] }>();
    expect(elsewhere.items.map((n) => n.id)).not.toContain(created.id);
  });

  it("when a notable case names one outcome, an unknown one, one of another country or a withdrawn one, then it is refused naming each, and nothing is stored", async () => {
    const [offence, insult] = await offenceAndInsult(reporter);
    const french = await outcome(reporter, { country: "FR" });
    const withdrawn = await outcome(reporter);
    const w = await env().request(reporter, { method: "POST", url: `/api/v1/case-outcomes/${withdrawn.id}/withdraw`, json: { version: 1, reason: "Twice." } });
    expect(w.statusCode, w.body).toBe(200);
    const before = (await env().request(analyst, { method: "GET", url: "/api/v1/notable-cases" })).json<{ items: unknown[] }>().items.length;
    const one = await create(reporter, body([offence!]));
    expect(one.statusCode).toBe(400);
    expect(one.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path)).toEqual(["body.outcomes"]);
    const bad = await create(reporter, {
      ...body([offence!, insult!]),
      outcomes: [
        { case_outcome_id: randomUUID(), role: "the original offence" },
        { case_outcome_id: french.id, role: "the related prosecution" },
        { case_outcome_id: withdrawn.id, role: "another prosecution" },
      ],
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json<{ error: { issues: { path: string; message: string }[] } }>().error.issues).toEqual([
      { path: "body.outcomes.0.case_outcome_id", message: "no case outcome has this id" },
      { path: "body.outcomes.1.case_outcome_id", message: "is a case outcome of FR, not of DE: a notable case is of one country" },
      { path: "body.outcomes.2.case_outcome_id", message: "has been withdrawn: a withdrawn case outcome cannot be newly linked" },
    ]);
    expect((await env().request(analyst, { method: "GET", url: "/api/v1/notable-cases" })).json<{ items: unknown[] }>().items).toHaveLength(before);
  });

  it("when an outcome is withdrawn after it was linked, then it stays linked and is shown withdrawn", async () => {
    const [offence, insult] = await offenceAndInsult(reporter);
    const created = await recorded(reporter, [offence!, insult!]);
    await env().request(reporter, { method: "POST", url: `/api/v1/case-outcomes/${insult!.id}/withdraw`, json: { version: 1, reason: "Recorded in error." } });
    const now = await read(analyst, created.id);
    expect(now.outcomes.map((o) => o.case_outcome.id)).toEqual([offence!.id, insult!.id]);
    expect(now.outcomes[1]!.case_outcome.withdrawn).toMatchObject({ reason: "Recorded in error." });
  });

  it("when a notable case is edited at its version, then the fields change, a left-out outcome is unlinked but kept, a stale version is refused, and the audit log has before and after", async () => {
    const [offence, insult] = await offenceAndInsult(reporter);
    const third = await outcome(reporter, { court_level: "appeal" });
    const created = await recorded(reporter, [offence!, insult!]);
    const edit = (json: Record<string, unknown>, user = reporter) => env().request(user, { method: "PATCH", url: `/api/v1/notable-cases/${created.id}`, json });
    const response = await edit({
      version: 1,
      title: "The offence, its appeal, and the prosecution of an online insult",
      outcomes: [
        { case_outcome_id: offence!.id, role: "the original offence" },
        { case_outcome_id: third.id, role: "the appeal" },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const edited = response.json<NotableCaseOutput>();
    expect(edited.version).toBe(2);
    expect(edited.outcomes.map((o) => [o.role, o.case_outcome.id])).toEqual([
      ["the original offence", offence!.id],
      ["the appeal", third.id],
    ]);
    const link = await env()
      .context.db.selectFrom("notable_case_outcomes")
      .selectAll()
      .where("notable_case_id", "=", created.id)
      .where("case_outcome_id", "=", insult!.id)
      .executeTakeFirstOrThrow();
    expect(link.removed_at).not.toBeNull();
    const stale = await edit({ version: 1, title: "Another title for the same case" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { code: string; current_version: number } }>().error).toMatchObject({ code: "version_conflict", current_version: 2 });
    // The insult linked again: its link comes back.
    const again = await edit({
      version: 2,
      outcomes: [
        { case_outcome_id: offence!.id, role: "the original offence" },
        { case_outcome_id: insult!.id, role: "the related prosecution" },
      ],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<NotableCaseOutput>().outcomes.map((o) => o.case_outcome.id)).toEqual([offence!.id, insult!.id]);
    const events = await auditEventsFor(env().context.db, "notable_case", created.id);
    expect(events.map((e) => e.action)).toEqual(["notable_case.create", "notable_case.update", "notable_case.update"]);
    expect(events[1]!.before).toEqual(created);
    expect(events[1]!.after).toEqual(edited);
  });

  it("when a link is removed with a reason, then it is kept marked and audited; never below two outcomes", async () => {
    const [offence, insult] = await offenceAndInsult(reporter);
    const third = await outcome(reporter, { court_level: "appeal" });
    const created = await recorded(reporter, [offence!, insult!, third]);
    const unlink = (version: number, id: string) =>
      env().request(analyst, {
        method: "POST",
        url: `/api/v1/notable-cases/${created.id}/unlink`,
        json: { version, case_outcome_id: id, reason: "Another case." },
      });
    const removed = await unlink(1, third.id);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<NotableCaseOutput>().outcomes.map((o) => o.case_outcome.id)).toEqual([offence!.id, insult!.id]);
    const notLinked = await unlink(2, third.id);
    expect(notLinked.statusCode).toBe(400);
    const tooFew = await unlink(2, insult!.id);
    expect(tooFew.statusCode).toBe(409);
    expect(tooFew.json<{ error: { code: string } }>().error.code).toBe("notable_case_too_few_outcomes");
    const rows = await env().context.db.selectFrom("notable_case_outcomes").selectAll().where("notable_case_id", "=", created.id).execute();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.case_outcome_id === third.id)).toMatchObject({ removed_reason: "Another case.", removed_by: analyst.actor.id });
    const events = await auditEventsFor(env().context.db, "notable_case", created.id);
    expect(events.map((e) => e.action)).toEqual(["notable_case.create", "notable_case.unlink"]);
    expect(events[1]!.after).toMatchObject({ case_outcome_id: third.id, reason: "Another case.", version: 2 });
  });

  it("when a notable case is withdrawn, then it is kept, marked withdrawn, can no longer be changed, and another post may not withdraw it", async () => {
    const [offence, insult] = await offenceAndInsult(reporter);
    const created = await recorded(reporter, [offence!, insult!]);
    const withdraw = (user: TestUser, version: number) =>
      env().request(user, { method: "POST", url: `/api/v1/notable-cases/${created.id}/withdraw`, json: { version, reason: "Recorded twice." } });
    expect((await withdraw(otherPost, 1)).statusCode).toBe(403);
    const done = await withdraw(reporter, 1);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<NotableCaseOutput>()).toMatchObject({ version: 2, withdrawn: { reason: "Recorded twice." } });
    const again = await withdraw(reporter, 2);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe("notable_case_withdrawn");
    expect((await read(analyst, created.id)).withdrawn).not.toBeNull();
    const standing = (await env().request(analyst, { method: "GET", url: "/api/v1/notable-cases?withdrawn=false" })).json<{ items: NotableCaseOutput[] }>();
    expect(standing.items.map((n) => n.id)).not.toContain(created.id);
    const events = await auditEventsFor(env().context.db, "notable_case", created.id);
    expect(events.map((e) => e.action)).toEqual(["notable_case.create", "notable_case.withdraw"]);
  });

  it("when a post links its own draft incident, then another post is refused it as unknown and does not see it, and an edit by the bureau keeps it", async () => {
    const draft = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    expect(draft.statusCode, draft.body).toBe(201);
    const incidentId = draft.json<{ id: string }>().id;
    const [offence, insult] = await offenceAndInsult(reporter);
    const refused = await create(otherPost, body([offence!, insult!], { incident_ids: [incidentId] }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { issues: { path: string; message: string }[] } }>().error.issues).toEqual([
      { path: "body.incident_ids.0", message: "no incident has this id" },
    ]);
    const created = await recorded(reporter, [offence!, insult!], { incident_ids: [incidentId] });
    expect(created.incident_ids).toEqual([incidentId]);
    // The bureau sees no draft: it is not shown to it, and its edit of the incidents keeps it.
    expect((await read(analyst, created.id)).incident_ids).toEqual([]);
    const edited = await env().request(analyst, { method: "PATCH", url: `/api/v1/notable-cases/${created.id}`, json: { version: 1, incident_ids: [] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await read(reporter, created.id)).incident_ids).toEqual([incidentId]);
  });
});
