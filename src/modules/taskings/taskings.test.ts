import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { testClock } from "../../testing/clock.js";
import { deskOf, recordIncident, taskingFields, type Desk } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { FIXTURES } from "../../testing/stats-fixtures.js";
import type { DatasetSummary } from "../stats/schema.js";
import type { ComplianceOutput, ResponseOutput, TaskingOutput } from "./schema.js";

const clock = testClock("2026-06-01");

forEachDatabase(
  "taskings",
  (env) => {
    let de: Desk;
    let fr: Desk;
    let auditor: TestUser;
    let admin: TestUser;

    beforeAll(async () => {
      de = await deskOf(env(), "DE");
      fr = await deskOf(env(), "FR", de);
      auditor = await env().user("auditor");
      admin = await env().user("admin");
    });

    const call = async <T>(user: TestUser, method: "GET" | "POST" | "PATCH", url: string, json?: unknown, status = 200): Promise<T> => {
      const response = await env().request(user, { method, url, ...(json === undefined ? {} : { json }) });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
      return response.json<T>();
    };
    const draft = (overrides: Record<string, unknown> = {}, due = "2026-07-31") =>
      call<TaskingOutput>(de.editor, "POST", "/api/v1/taskings", taskingFields(due, overrides), 201);
    const issue = (t: TaskingOutput) => call<TaskingOutput>(de.editor, "POST", `/api/v1/taskings/${t.id}/issue`, { version: t.version });

    it("when an editor drafts a tasking, then posts do not see it until it is issued, and then only the posts it targets", async () => {
      const drafted = await draft();
      expect(drafted).toMatchObject({ state: "draft", issued_version: 0, targets: [{ post: "DE" }, { post: "FR" }] });
      expect(drafted.requirements.map((r) => r.number)).toEqual([1, 2]);
      expect((await env().request(de.reporter, { method: "GET", url: `/api/v1/taskings/${drafted.id}` })).statusCode).toBe(404);
      const issued = await issue(drafted);
      expect(issued).toMatchObject({ state: "issued", issued_version: 1 });
      expect((await call<TaskingOutput>(de.reporter, "GET", `/api/v1/taskings/${drafted.id}`)).reference).toBe(drafted.reference);
      const be = await env().user("reporter", "BE");
      expect((await env().request(be, { method: "GET", url: `/api/v1/taskings/${drafted.id}` })).statusCode).toBe(404);
      const list = await call<{ items: TaskingOutput[] }>(be, "GET", "/api/v1/taskings");
      expect(list.items.map((t) => t.id)).not.toContain(drafted.id);
      // Only editors draft and issue; admins manage accounts, not taskings.
      expect((await env().request(de.analyst, { method: "POST", url: "/api/v1/taskings", json: taskingFields() })).statusCode).toBe(403);
      expect((await env().request(admin, { method: "GET", url: "/api/v1/taskings" })).statusCode).toBe(403);
    });

    it("when targets are named by group, then they are the posts of those host countries", async () => {
      const eu = await draft({ targets: { groups: ["eu"] } });
      expect(eu.targets).toHaveLength(27);
      expect(eu.targets.map((t) => t.post)).not.toContain("GB");
      const anglo = await draft({ targets: { posts: ["IS"], groups: ["uk", "canada", "australia_new_zealand"] } });
      expect(anglo.targets.map((t) => t.post)).toEqual(["AU", "CA", "GB", "IS", "NZ"]);
      const all = await draft({ targets: { groups: ["all", "efta"] } });
      expect(all.targets.length).toBeGreaterThanOrEqual(35);
      const response = await env().request(de.editor, {
        method: "POST",
        url: "/api/v1/taskings",
        json: taskingFields(undefined, { targets: { posts: ["JP"] } }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.issues).toEqual([{ path: "body.targets.posts.0", message: "no post JP is open" }]);
    });

    it("when an issued tasking is amended, then posts see a new version with the fields it changed, and a stale amendment is refused", async () => {
      const issued = await issue(await draft());
      const amended = await call<TaskingOutput>(de.editor, "POST", `/api/v1/taskings/${issued.id}/amend`, {
        version: issued.version,
        due_date: "2026-08-15",
        note: "Due date extended by two weeks.",
      });
      expect(amended).toMatchObject({ issued_version: 2, due_date: "2026-08-15", state: "issued" });
      const versions = await call<{ items: { version: number; note: string | null; changed: string[]; content: { due_date: string }; issued_by: string }[] }>(
        fr.reporter,
        "GET",
        `/api/v1/taskings/${issued.id}/versions`,
      );
      expect(versions.items.map((v) => [v.version, v.changed, v.content.due_date, v.note])).toEqual([
        [1, [], "2026-07-31", null],
        [2, ["due_date"], "2026-08-15", "Due date extended by two weeks."],
      ]);
      expect(versions.items[1]!.issued_by).toBe(de.editor.actor.name);
      const stale = await env().request(de.editor, {
        method: "POST",
        url: `/api/v1/taskings/${issued.id}/amend`,
        json: { version: issued.version, title: "Other", note: "x" },
      });
      expect(stale.statusCode).toBe(409);
      const patch = await env().request(de.editor, {
        method: "PATCH",
        url: `/api/v1/taskings/${issued.id}`,
        json: { version: amended.version, title: "Other" },
      });
      expect(patch.statusCode).toBe(409);
      const nothing = await env().request(de.editor, {
        method: "POST",
        url: `/api/v1/taskings/${issued.id}/amend`,
        json: { version: amended.version, note: "no change" },
      });
      expect(nothing.statusCode).toBe(400);
      const closed = await call<TaskingOutput>(de.editor, "POST", `/api/v1/taskings/${issued.id}/close`, { version: amended.version });
      expect(closed.state).toBe("closed");
      const actions = (await env().context.db.selectFrom("audit_events").select("action").where("entity_id", "=", issued.id).orderBy("id").execute()).map(
        (e) => e.action,
      );
      expect(actions).toEqual(["tasking.create", "tasking.issue", "tasking.amend", "tasking.close"]);
    });

    it("when DE answers, links an incident and goes through the review path, then the bureau accepts it, FR is overdue after the due date and the cable cites the tasking", async () => {
      clock.set("2026-06-01");
      const tasking = await issue(await draft());
      const incident = await recordIncident(env().context, "submitted", de, {
        categories: ["SE.ORGANISED"],
        title: "Grooming network prosecuted in Saxony",
        sources: [{ kind: "court_record", publisher: "Landgericht Leipzig", title: "Judgment on the Leipzig network", reliability: "A", credibility: 1 }],
      });
      const base = `/api/v1/taskings/${tasking.id}/responses/DE`;
      const started = await call<ResponseOutput>(de.reporter, "POST", base, {
        answers: [
          { requirement: 1, narrative: "One network was prosecuted in Saxony." },
          { requirement: 2, nothing_to_report: true },
        ],
        links: [{ requirement: 1, kind: "incident", id: incident.id }],
      });
      expect(started).toMatchObject({ state: "draft", version: 1, editable: true, allowed_actions: ["submit"] });
      expect(started.answers).toEqual([
        { requirement: 1, nothing_to_report: false, narrative: "One network was prosecuted in Saxony.", links: [{ kind: "incident", id: incident.id }] },
        { requirement: 2, nothing_to_report: true, narrative: null, links: [] },
      ]);
      // FR sees neither DE's response nor DE's incident.
      expect((await env().request(fr.reporter, { method: "GET", url: base })).statusCode).toBe(404);
      const foreign = await env().request(fr.reporter, {
        method: "POST",
        url: `/api/v1/taskings/${tasking.id}/responses/FR`,
        json: { answers: [{ requirement: 1, narrative: "See DE's case." }], links: [{ requirement: 1, kind: "incident", id: incident.id }] },
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.issues).toEqual([{ path: "body.links.0.id", message: "no such incident" }]);

      const step = (user: TestUser, r: ResponseOutput, action: string, extra: Record<string, unknown> = {}) =>
        call<ResponseOutput>(user, "POST", `${base}/transitions`, { action, version: r.version, ...extra });
      const submitted = await step(de.reporter, started, "submit");
      expect(submitted).toMatchObject({ state: "submitted", editable: false });
      expect(
        (await env().request(de.analyst, { method: "POST", url: `${base}/transitions`, json: { action: "accept", version: submitted.version } })).statusCode,
      ).toBe(409);
      const cleared = await step(de.approver, submitted, "clear");
      const returned = await step(de.analyst, cleared, "return", { comment: "Please add the court's reference." });
      expect(returned).toMatchObject({ state: "returned", return_comment: "Please add the court's reference.", editable: false });
      const mine = await call<ResponseOutput>(de.reporter, "GET", base);
      expect(mine.editable).toBe(true);
      const edited = await call<ResponseOutput>(de.reporter, "POST", base, {
        version: mine.version,
        answers: [
          { requirement: 1, narrative: "One network was prosecuted in Saxony (Landgericht Leipzig)." },
          { requirement: 2, nothing_to_report: true },
        ],
        links: [{ requirement: 1, kind: "incident", id: incident.id }],
      });
      const accepted = await step(de.analyst, await step(de.approver, await step(de.reporter, edited, "submit"), "clear"), "accept");
      expect(accepted.state).toBe("accepted");
      expect(accepted.answers[0]!.links).toEqual([{ kind: "incident", id: incident.id }]);
      expect((await env().request(de.analyst, { method: "GET", url: `/api/v1/incidents/${incident.id}` })).statusCode).toBe(200);

      const cable = await env().request(de.analyst, { method: "GET", url: `${base}/cable?format=txt` });
      expect(cable.statusCode).toBe(200);
      const text = cable.body;
      expect(text).toContain(`REF: ${tasking.reference}`);
      expect(text).toMatch(/SUBJECT: RESPONSE TO STATE \d+/);
      const requirement1 = text.indexOf("Requirement 1 (");
      const requirement2 = text.indexOf("Requirement 2 (");
      expect(requirement1).toBeGreaterThan(0);
      expect(requirement2).toBeGreaterThan(requirement1);
      expect(text.slice(requirement1 - 10, requirement1)).toMatch(/2\. \(SBU\) $/);
      expect(text.slice(requirement2)).toMatch(/^Requirement 2 \([^)]*\): Nothing to report\./);
      expect(text).toMatch(/Grooming network prosecuted in Saxony \([^)]*\)\s+\[1\]/);
      expect(text).toContain("[1] Landgericht Leipzig");
      for (const format of ["md", "pdf", "docx"]) {
        const rendered = await env().request(de.reporter, { method: "GET", url: `${base}/cable?format=${format}` });
        expect(rendered.statusCode, format).toBe(200);
      }

      const before = await call<ComplianceOutput>(de.analyst, "GET", `/api/v1/compliance?tasking=${tasking.id}`);
      expect(before.rows.map((r) => [r.post, r.status, r.on_time])).toEqual([
        ["DE", "accepted", true],
        ["FR", "not_started", null],
      ]);
      clock.set("2026-08-01");
      const after = await call<ComplianceOutput>(de.analyst, "GET", `/api/v1/compliance?tasking=${tasking.id}`);
      expect(after.rows.map((r) => [r.post, r.status, r.on_time])).toEqual([
        ["DE", "accepted", true],
        ["FR", "overdue", false],
      ]);
      expect(after.posts.map((p) => [p.post, p.due, p.on_time, p.rate])).toEqual([
        ["DE", 1, 1, 1],
        ["FR", 1, 0, 0],
      ]);
      const own = await call<ComplianceOutput>(fr.reporter, "GET", `/api/v1/compliance?tasking=${tasking.id}`);
      expect(own.rows.map((r) => r.post)).toEqual(["FR"]);
      const overdue = await call<ComplianceOutput>(auditor, "GET", `/api/v1/compliance?status=overdue&tasking=${tasking.id}`);
      expect(overdue.rows.map((r) => r.post)).toEqual(["FR"]);

      const csv = await env().request(de.editor, { method: "GET", url: `/api/v1/compliance/export?format=csv&tasking=${tasking.id}` });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      const lines = csv.body.trim().split(/\r?\n/);
      expect(lines[0]).toBe("Tasking,Title,Due,Post,Status,Submitted,Cleared,Accepted,On time");
      expect(lines.slice(1).map((l) => l.split(",").at(4))).toEqual(["Accepted", "Overdue"]);
      const xlsx = await env().request(de.editor, { method: "GET", url: `/api/v1/compliance/export?format=xlsx&tasking=${tasking.id}` });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");

      const events = await env().context.db.selectFrom("audit_events").select("action").where("entity_id", "=", accepted.id).orderBy("id").execute();
      expect(events.map((e) => e.action)).toEqual([
        "tasking_response.create",
        "tasking_response.submit",
        "tasking_response.clear",
        "tasking_response.return",
        "tasking_response.update",
        "tasking_response.submit",
        "tasking_response.clear",
        "tasking_response.accept",
      ]);
    });

    it("when a response names a requirement the tasking does not have, or answers one twice, then it is refused with the field's path and nothing is saved", async () => {
      clock.set("2026-06-01");
      const tasking = await issue(await draft());
      const url = `/api/v1/taskings/${tasking.id}/responses/FR`;
      const bad = await env().request(fr.reporter, { method: "POST", url, json: { answers: [{ requirement: 3, narrative: "x" }] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.issues).toEqual([{ path: "body.answers.0.requirement", message: "the tasking has 2 requirements: there is no requirement 3" }]);
      const twice = await env().request(fr.reporter, {
        method: "POST",
        url,
        json: {
          answers: [
            { requirement: 1, narrative: "x" },
            { requirement: 1, nothing_to_report: true },
          ],
        },
      });
      expect(twice.statusCode).toBe(400);
      const both = await env().request(fr.reporter, { method: "POST", url, json: { answers: [{ requirement: 1, narrative: "x", nothing_to_report: true }] } });
      expect(both.json().error.issues[0].path).toBe("body.answers.0.narrative");
      expect((await env().request(fr.reporter, { method: "GET", url })).statusCode).toBe(404);
    });

    it("when DE's response cites a statistics dataset, then its cable names it as a numbered source and credits the publisher; a dataset that does not exist is refused", async () => {
      clock.set("2026-06-01");
      const tasking = await issue(await draft());
      const upload = await env().request(de.analyst, {
        method: "POST",
        url: "/api/v1/stats/imports?filename=tps00001.tsv",
        payload: readFileSync(join(FIXTURES, "tps00001.tsv")),
        headers: { "content-type": "text/tab-separated-values" },
      });
      const imported = await env().finished(de.analyst, upload);
      expect(imported.statusCode, imported.body).toBe(200);
      const [dataset] = (await call<{ items: DatasetSummary[] }>(de.reporter, "GET", "/api/v1/stats/datasets")).items;
      const url = `/api/v1/taskings/${tasking.id}/responses/DE`;
      const answers = [{ requirement: 2, narrative: "The population grew; see the statistics." }];
      const missing = await env().request(de.reporter, {
        method: "POST",
        url,
        json: { answers, links: [{ requirement: 2, kind: "dataset", id: "01950000-0000-7000-8000-000000000009" }] },
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.issues).toEqual([{ path: "body.links.0.id", message: "no such dataset" }]);
      expect((await env().request(de.reporter, { method: "GET", url })).statusCode).toBe(404);

      const saved = await call<ResponseOutput>(de.reporter, "POST", url, { answers, links: [{ requirement: 2, kind: "dataset", id: dataset!.id }] });
      expect(saved.answers[0]!.links).toEqual([{ kind: "dataset", id: dataset!.id }]);
      const cable = (await env().request(de.reporter, { method: "GET", url: `${url}/cable` })).body.replace(/\s+/g, " ");
      expect(cable).toContain(`The population grew; see the statistics. Statistics: ${dataset!.publisher}, ${dataset!.title} [1].`);
      expect(cable).toContain(`[1] ${dataset!.publisher}, “${dataset!.title}” (official statistics, as imported on`);
      expect(cable).toContain("Source of official statistics: Eurostat");
    });
  },
  { config: { clock } },
);
