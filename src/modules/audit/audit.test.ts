// The audit log over HTTP: auditors and admins read it newest first with filters and cursor
// pagination, and ask whether its chain is intact; everyone else is refused.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { incidentExample } from "../incidents/schema.js";
import type { IncidentOutput } from "../incidents/schema.js";
import type { AuditList, ChainVerificationOutput } from "./schema.js";
import { alterEvent, restoreLog, snapshotLog } from "../../testing/audit-tampering.js";

forEachDatabase("the audit log API", (env) => {
  let reporter: TestUser;
  let analyst: TestUser;
  let auditor: TestUser;
  let admin: TestUser;
  let incident: IncidentOutput;

  const list = async (user: TestUser | null, query = "") => env().request(user, { method: "GET", url: `/api/v1/audit${query ? `?${query}` : ""}` });
  const items = async (query: string) => {
    const response = await list(auditor, query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AuditList>().items;
  };

  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
    analyst = await env().user("analyst");
    auditor = await env().user("auditor");
    admin = await env().user("admin");
    const created = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    expect(created.statusCode, created.body).toBe(201);
    incident = created.json<IncidentOutput>();
    const patched = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${incident.id}`,
      json: { version: 1, title: "A corrected title" },
    });
    expect(patched.statusCode, patched.body).toBe(200);
  });

  it("when an auditor lists the log, then events come newest first with actor, entity, parsed before/after and hashes", async () => {
    const response = await list(auditor);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<AuditList>();
    const ids = page.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const update = page.items.find((e) => e.action === "incident.update")!;
    expect(update).toMatchObject({
      actor: { user_id: reporter.actor.id, system: null },
      entity_type: "incident",
      entity_id: incident.id,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prev_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((update.before as { title: string }).title).toBe(incidentExample.title);
    expect((update.after as { title: string }).title).toBe("A corrected title");
    // Each event's prev_hash is the hash of the event before it (the next one on this page).
    for (let i = 0; i + 1 < page.items.length; i++) expect(page.items[i]!.prev_hash).toBe(page.items[i + 1]!.hash);
    const userCreation = page.items.find((e) => e.action === "user.create")!;
    expect(userCreation.actor).toEqual({ user_id: null, system: "cli" });
  });

  it("when an admin lists the log, then it may; a reporter or analyst is refused with 403 and nobody signed in with 401", async () => {
    expect((await list(admin)).statusCode).toBe(200);
    for (const user of [reporter, analyst]) {
      const refused = await list(user);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe("forbidden");
      expect((await env().request(user, { method: "GET", url: "/api/v1/audit/verify" })).statusCode).toBe(403);
    }
    expect((await list(null)).statusCode).toBe(401);
    expect((await env().request(null, { method: "GET", url: "/api/v1/audit/verify" })).statusCode).toBe(401);
  });

  it("when the log is filtered by entity, action or actor, then only matching events come back", async () => {
    const ofIncident = await items(`entity_type=incident&entity_id=${incident.id}`);
    expect(ofIncident.map((e) => e.action)).toEqual(["incident.update", "incident.create"]);
    expect((await items(`action=incident.update&entity_id=${incident.id}`)).map((e) => e.id)).toEqual([ofIncident[0]!.id]);
    const byReporter = await items(`actor_user_id=${reporter.actor.id}`);
    expect(byReporter.length).toBeGreaterThanOrEqual(4); // login, source, incident, update
    expect(byReporter.every((e) => e.actor.user_id === reporter.actor.id)).toBe(true);
    expect(await items("entity_type=incident&action=user.create")).toEqual([]);
  });

  it("when the log is filtered by time, then at_from and at_to take timestamps (inclusive) and dates (whole UTC days)", async () => {
    const all = await items("limit=200");
    const between = (from: string, to: string) => all.filter((e) => e.at >= from && e.at <= to).map((e) => e.id);
    const [update, create] = await items(`entity_id=${incident.id}`);
    const ids = async (query: string) => (await items(`limit=200&${query}`)).map((e) => e.id);
    expect(await ids(`at_from=${create!.at}&at_to=${update!.at}`)).toEqual(between(create!.at, update!.at));
    expect(await ids(`at_from=${update!.at}&at_to=${update!.at}`)).toContain(update!.id);
    const justBefore = new Date(Date.parse(create!.at) - 1).toISOString();
    expect(await ids(`entity_id=${incident.id}&at_to=${justBefore}`)).toEqual([]);
    const day = create!.at.slice(0, 10);
    expect(await ids(`at_from=${day}&at_to=${day}`)).toEqual(between(`${day}T00:00:00.000Z`, `${day}T23:59:59.999Z`));
    // The same instant written in another zone (the + encoded, as a client should send it).
    const shifted = new Date(Date.parse(update!.at) + 2 * 3_600_000).toISOString().replace("Z", "+02:00");
    expect(await ids(`at_from=${encodeURIComponent(shifted)}`)).toEqual(between(update!.at, "9999"));
    expect(await ids(`at_from=${encodeURIComponent(shifted)}`)).toContain(update!.id);
  });

  it("when the log is paged two events at a time, then following next_cursor visits every event once, newest first", async () => {
    const all = await items("limit=200");
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(auditor, `limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.statusCode, response.body).toBe(200);
      const page: AuditList = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("when the query has an unknown parameter or a bad value, then it answers 400 naming each", async () => {
    const cases: [string, string][] = [
      ["colour=red", "query.colour"],
      ["actor_user_id=someone", "query.actor_user_id"],
      ["action=DROP%20TABLE", "query.action"],
      ["at_from=2025-02-30", "query.at_from"],
      ["at_from=2025-06-14T10:00:00", "query.at_from"],
      ["at_from=2025-06-15&at_to=2025-06-14", "query.at_to"],
      ["cursor=abc", "query.cursor"],
      ["limit=0", "query.limit"],
    ];
    for (const [query, path] of cases) {
      const response = await list(auditor, query);
      expect(response.statusCode, query).toBe(400);
      expect(
        response.json().error.issues.map((i: { path: string }) => i.path),
        query,
      ).toContain(path);
    }
  });

  it("when an auditor asks for verification, then an intact log answers ok; a rewritten event is named", async () => {
    const intact = await env().request(auditor, { method: "GET", url: "/api/v1/audit/verify" });
    expect(intact.statusCode, intact.body).toBe(200);
    const total = (await items("limit=200")).length;
    expect(intact.json()).toEqual({ ok: true, checked: total, first_bad: null, checkpoints: 0, latest_checkpoint: null });

    const [update] = await items(`entity_id=${incident.id}`);
    const snapshot = await snapshotLog(env().context.db);
    try {
      await alterEvent(env().context.db, update!.id);
      const broken = await env().request(admin, { method: "GET", url: "/api/v1/audit/verify" });
      expect(broken.statusCode).toBe(200);
      expect(broken.json<ChainVerificationOutput>()).toEqual({
        ok: false,
        checked: update!.id - 1,
        first_bad: { id: update!.id, kind: "altered", reason: expect.stringContaining("does not match its content"), checkpoint: null },
        checkpoints: 0,
        latest_checkpoint: null,
      });
      // The rewritten event is still listed, as it now reads.
      expect((await items(`entity_id=${incident.id}&action=incident.update`))[0]!.after).toEqual({ rewritten: true });
    } finally {
      await restoreLog(env().context.db, snapshot);
    }
  });
});
