import { beforeAll, expect, it } from "vitest";
import { testClock } from "../../testing/clock.js";
import { deskOf, engagementFields, taskingFields, type Desk } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import type { ResponseOutput, TaskingOutput } from "../taskings/schema.js";
import { openFollowUpsDueBefore } from "./index.js";
import type { EngagementOutput } from "./schema.js";

const clock = testClock("2026-04-01");

forEachDatabase(
  "engagements",
  (env) => {
    let de: Desk;
    let fr: Desk;
    let auditor: TestUser;

    beforeAll(async () => {
      de = await deskOf(env(), "DE");
      fr = await deskOf(env(), "FR", de);
      auditor = await env().user("auditor");
    });

    const call = async <T>(user: TestUser, method: "GET" | "POST" | "PATCH", url: string, json?: unknown, status = 200): Promise<T> => {
      const response = await env().request(user, { method, url, ...(json === undefined ? {} : { json }) });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
      return response.json<T>();
    };
    const record = (user: TestUser, overrides: Record<string, unknown> = {}) =>
      call<EngagementOutput>(user, "POST", "/api/v1/engagements", engagementFields(overrides), 201);
    const step = (user: TestUser, e: EngagementOutput, action: string, extra: Record<string, unknown> = {}) =>
      call<EngagementOutput>(user, "POST", `/api/v1/engagements/${e.id}/transitions`, { action, version: e.version, ...extra });
    const list = (user: TestUser, query: string) => call<{ items: EngagementOutput[]; total: number }>(user, "GET", `/api/v1/engagements?${query}`);

    it("when DE's reporter records an engagement, then only DE's staff see the draft, and it goes through the review path to the bureau, each step audited", async () => {
      const drafted = await record(de.reporter, {
        follow_ups: [{ action: "Send the programme list", owner_user: de.approver.actor.id, due_date: "2026-04-20" }],
      });
      expect(drafted).toMatchObject({
        post: "DE",
        country: "DE",
        state: "draft",
        version: 1,
        editable: true,
        allowed_actions: ["submit"],
        counterpart: { office: "Federal Ministry of the Interior", level: "senior_official", office_type: "interior" },
        follow_ups: [{ number: 1, owner_user: { id: de.approver.actor.id, name: de.approver.actor.name }, owner_role: null, done: false }],
      });
      const url = `/api/v1/engagements/${drafted.id}`;
      for (const outsider of [fr.reporter, de.analyst]) expect((await env().request(outsider, { method: "GET", url })).statusCode).toBe(404);
      expect((await list(de.analyst, "post=DE")).items.map((e) => e.id)).not.toContain(drafted.id);
      expect((await call<EngagementOutput>(auditor, "GET", url)).id).toBe(drafted.id);

      const edited = await call<EngagementOutput>(de.reporter, "PATCH", url, {
        version: 1,
        response: "non_committal",
        response_text: "They will answer in May.",
      });
      expect(edited).toMatchObject({ version: 2, response: "non_committal" });
      const stale = await env().request(de.reporter, { method: "PATCH", url, json: { version: 1, message: "Other" } });
      expect(stale.statusCode).toBe(409);

      const submitted = await step(de.reporter, edited, "submit");
      expect(submitted).toMatchObject({ state: "submitted", editable: false });
      expect((await env().request(de.reporter, { method: "PATCH", url, json: { version: submitted.version, message: "Other" } })).statusCode).toBe(409);
      // The bureau sees it once submitted, but accepting needs the post's clearance first.
      expect((await list(de.analyst, "post=DE")).items.map((e) => e.id)).toContain(drafted.id);
      const early = await env().request(de.analyst, { method: "POST", url: `${url}/transitions`, json: { action: "accept", version: submitted.version } });
      expect(early.statusCode).toBe(409);
      expect(
        (await env().request(fr.approver, { method: "POST", url: `${url}/transitions`, json: { action: "clear", version: submitted.version } })).statusCode,
      ).toBe(404);
      const cleared = await step(de.approver, submitted, "clear");
      const returned = await step(de.analyst, cleared, "return", { comment: "Please say which office answered." });
      expect(returned).toMatchObject({ state: "returned", return_comment: "Please say which office answered." });
      const fixed = await call<EngagementOutput>(de.reporter, "PATCH", url, {
        version: returned.version,
        counterpart: { office: "Federal Office for Migration and Refugees", level: "working_level", office_type: "immigration" },
      });
      const accepted = await step(de.analyst, await step(de.approver, await step(de.reporter, fixed, "submit"), "clear"), "accept");
      expect(accepted).toMatchObject({ state: "accepted", counterpart: { level: "working_level" } });
      expect(accepted.accepted_at).not.toBeNull();

      // Follow-ups go on after acceptance; the bureau marks it notable.
      const done = await call<EngagementOutput>(de.reporter, "POST", `${url}/follow-ups/1/complete`, { version: accepted.version });
      expect(done.follow_ups[0]).toMatchObject({ done: true });
      expect((await env().request(de.reporter, { method: "POST", url: `${url}/follow-ups/1/complete`, json: { version: done.version } })).statusCode).toBe(409);
      const added = await call<EngagementOutput>(de.approver, "POST", `${url}/follow-ups`, {
        version: done.version,
        follow_up: { action: "Ask for reception figures", owner_role: "the political section", due_date: "2026-05-01" },
      });
      expect(added.follow_ups.map((f) => [f.number, f.owner_role, f.done])).toEqual([
        [1, null, true],
        [2, "the political section", false],
      ]);
      expect((await env().request(de.reporter, { method: "POST", url: `${url}/notable`, json: { version: added.version, notable: true } })).statusCode).toBe(
        403,
      );
      const notable = await call<EngagementOutput>(de.analyst, "POST", `${url}/notable`, { version: added.version, notable: true });
      expect(notable.notable).toBe(true);

      const actions = (await env().context.db.selectFrom("audit_events").select("action").where("entity_id", "=", drafted.id).orderBy("id").execute()).map(
        (e) => e.action,
      );
      expect(actions).toEqual([
        "engagement.create",
        "engagement.update",
        "engagement.submit",
        "engagement.clear",
        "engagement.return",
        "engagement.update",
        "engagement.submit",
        "engagement.clear",
        "engagement.accept",
        "engagement.follow_up_complete",
        "engagement.follow_up_add",
        "engagement.notable",
      ]);
    });

    it("when the list is filtered and searched, then it answers exactly the matching engagements the caller may see", async () => {
      const a = await record(fr.reporter, {
        date: "2026-02-10",
        counterpart: { office: "Ministère de la Justice", level: "minister", office_type: "justice" },
        topics: ["JS"],
        message: "Raised the sentencing disparity in the Lyon case.",
        response: "rejected",
        response_text: "The minister rejected any comparison.",
      });
      const b = await record(fr.reporter, {
        date: "2026-03-05",
        kind: "letter",
        counterpart: { office: "Préfecture du Rhône", level: "working_level", office_type: "local_authority" },
        topics: ["HD.ACCOMMODATION"],
        message: "Asked about requisitioned hotels for_asylum 100% reception.",
        follow_ups: [
          { action: "Chase the answer", owner_role: "consular section", due_date: "2026-04-05" },
          { action: "Visit", owner_role: "consular section", due_date: "2026-03-20" },
        ],
      });
      const ids = async (query: string, user: TestUser = fr.reporter) => (await list(user, `post=FR&${query}`)).items.map((e) => e.id);
      expect(await ids("")).toEqual([b.id, a.id]);
      expect(await ids("level=minister")).toEqual([a.id]);
      expect(await ids("office_type=local_authority")).toEqual([b.id]);
      expect(await ids("response=no_response_yet")).toEqual([b.id]);
      expect(await ids("kind=letter")).toEqual([b.id]);
      expect(await ids("from=2026-03-01&to=2026-03-31")).toEqual([b.id]);
      expect(await ids("category=HD")).toEqual([b.id]);
      expect(await ids("category=JS")).toEqual([a.id]);
      expect(await ids("state=draft")).toEqual([b.id, a.id]);
      expect(await ids(`q=${encodeURIComponent("LYON")}`)).toEqual([a.id]);
      expect(await ids(`q=${encodeURIComponent("rejected any")}`)).toEqual([a.id]);
      expect(await ids(`q=${encodeURIComponent("préfecture")}`)).toEqual([b.id]);
      // LIKE's wildcards are searched for as themselves.
      expect(await ids(`q=${encodeURIComponent("for_asylum 100%")}`)).toEqual([b.id]);
      expect(await ids(`q=${encodeURIComponent("for%asylum")}`)).toEqual([]);
      clock.set("2026-04-01");
      expect(await ids("follow_up=overdue")).toEqual([b.id]);
      expect(await ids("follow_up=due")).toEqual([b.id]);
      clock.set("2026-03-01");
      expect(await ids("follow_up=due")).toEqual([]);
      expect(await ids("follow_up=open")).toEqual([b.id]);
      // Another post's drafts are not in its list; the bureau does not see FR's drafts either.
      expect(await ids("", de.reporter)).toEqual([]);
      expect(await ids("", de.analyst)).toEqual([]);
      expect((await list(fr.reporter, "post=FR&limit=1")).total).toBe(2);

      const due = await openFollowUpsDueBefore(env().context.db, "2026-04-05");
      expect(due.filter((f) => f.engagement_id === b.id).map((f) => [f.number, f.due_date, f.post_code])).toEqual([[2, "2026-03-20", "FR"]]);
      clock.set("2026-04-01");
    });

    it("when an engagement is refused for what only the database knows, then the answer names the field and nothing is saved", async () => {
      const before = (await list(de.reporter, "post=DE")).total;
      const bad = await env().request(de.reporter, {
        method: "POST",
        url: "/api/v1/engagements",
        json: engagementFields({ topics: ["ZZ.TOP"], follow_ups: [{ action: "x", owner_user: fr.reporter.actor.id, due_date: "2026-05-01" }] }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.issues).toEqual([
        { path: "body.topics.0", message: "no category ZZ.TOP in the current taxonomy" },
        { path: "body.follow_ups.0.owner_user", message: "no user of post DE has this id" },
      ]);
      const silent = await env().request(de.reporter, {
        method: "POST",
        url: "/api/v1/engagements",
        json: engagementFields({ response: "no_response_yet", response_text: "They said yes." }),
      });
      expect(silent.statusCode).toBe(400);
      expect(silent.json().error.issues.map((i: { path: string }) => i.path)).toEqual(["body.response_text"]);
      expect((await list(de.reporter, "post=DE")).total).toBe(before);
      expect((await env().request(de.analyst, { method: "POST", url: "/api/v1/engagements", json: engagementFields() })).statusCode).toBe(403);
    });

    it("when a response links DE's accepted engagement, then the cable has a section on engagement with the host government, and FR may not link it", async () => {
      const engagement = await record(de.reporter, {
        message: "Delivered the concerns on trafficking.",
        response: "receptive",
        response_text: "Agreed to share figures.",
      });
      const accepted = await step(de.analyst, await step(de.approver, await step(de.reporter, engagement, "submit"), "clear"), "accept");
      const drafted = await call<TaskingOutput>(de.editor, "POST", "/api/v1/taskings", taskingFields("2026-07-31"), 201);
      const tasking = await call<TaskingOutput>(de.editor, "POST", `/api/v1/taskings/${drafted.id}/issue`, { version: drafted.version });
      const link = { requirement: 1, kind: "engagement", id: accepted.id };
      const foreign = await env().request(fr.reporter, {
        method: "POST",
        url: `/api/v1/taskings/${tasking.id}/responses/FR`,
        json: { answers: [{ requirement: 1, narrative: "See DE." }], links: [link] },
      });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.issues).toEqual([{ path: "body.links.0.id", message: "no such engagement" }]);
      const base = `/api/v1/taskings/${tasking.id}/responses/DE`;
      const response = await call<ResponseOutput>(de.reporter, "POST", base, {
        answers: [{ requirement: 1, narrative: "We raised it with the ministry." }],
        links: [link],
      });
      expect(response.answers[0]!.links).toEqual([{ kind: "engagement", id: accepted.id }]);
      // The cable's lines are wrapped: read it as one line.
      const cable = (await env().request(de.reporter, { method: "GET", url: `${base}/cable?format=txt` })).body.replace(/\s+/g, " ");
      expect(cable).toContain("Engagement of 12 March 2026 with Federal Ministry of the Interior (senior official): receptive.");
      expect(cable).toMatch(/ENGAGEMENT WITH THE HOST GOVERNMENT/i);
      expect(cable).toContain("1 engagement with the government of Germany among those this response cites; 1 with a response so far.");
      expect(cable).toContain("Agreed to share figures.");
      expect(cable).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    });

    it("when the bureau previews DE's country report for 2026, then it has the engagement section from the accepted engagements, counted by level and response, the notable one named", async () => {
      const preview = await call<{ document: { sections: { id: string; heading: string; blocks: unknown[] }[]; synthetic: boolean } }>(
        de.analyst,
        "POST",
        "/api/v1/reports/preview",
        { kind: "country", countries: ["DE"], period: "2026" },
      );
      const section = preview.document.sections.find((s) => s.id === "engagement");
      expect(section?.heading).toBe("Engagement with the host government");
      const text = JSON.stringify(section!.blocks);
      // The two accepted engagements of the stories above (the drafts and FR's are not counted).
      expect(text).toContain("2 engagements with the government of Germany in 2026; 2 with a response so far.");
      expect(text).toContain('[{"text":"Working level"},{"text":"0"},{"text":"1"},{"text":"0"},{"text":"0"},{"text":"1"}]');
      expect(text).toContain('[{"text":"All levels"},{"text":"1"},{"text":"1"},{"text":"0"},{"text":"0"},{"text":"2"}]');
      expect(text).toContain("Notable engagements, as the bureau marked them:");
      expect(text).toContain("Federal Office for Migration and Refugees");
      expect(text).not.toContain("Agreed to share figures.");
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    });
  },
  { config: { clock } },
);
