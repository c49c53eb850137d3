import { beforeAll, expect, it } from "vitest";
import { incidentFields } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import type { IncidentOutput } from "./schema.js";

/** A trafficking case from a judgment: the record each test here takes through the workflow. */
const draft = (title: string) =>
  incidentFields({
    country: "FR",
    from: "2025-04-02",
    categories: ["TIP.SEX"],
    title,
    summary: "Prosecutor's statement on a trafficking network.",
    sources: [{ kind: "court_record", publisher: "Tribunal judiciaire", title: `Judgment on ${title}`, reliability: "A", credibility: 1 }],
  });

forEachDatabase("review workflow", (env) => {
  let reporter: TestUser;
  let approver: TestUser;
  let analyst: TestUser;
  let editor: TestUser;
  let otherReporter: TestUser;
  let otherApprover: TestUser;
  let auditor: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    reporter = await env().user("reporter", "FR");
    approver = await env().user("approver", "FR");
    analyst = await env().user("analyst");
    editor = await env().user("editor");
    otherReporter = await env().user("reporter", "BE");
    otherApprover = await env().user("approver", "BE");
    auditor = await env().user("auditor");
    admin = await env().user("admin");
  });

  const create = async (title: string) => {
    const response = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: draft(title) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<IncidentOutput>();
  };
  const act = (user: TestUser, incident: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) =>
    env().request(user, { method: "POST", url: `/api/v1/incidents/${incident.id}/transitions`, json: { action, version: incident.version, ...extra } });
  const step = async (user: TestUser, incident: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) => {
    const response = await act(user, incident, action, extra);
    expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
    return response.json<IncidentOutput>();
  };

  it("when a record goes reporter → approver → analyst → editor, then it ends published, every step audited", async () => {
    const created = await create("Network exploiting women in Lyon");
    expect(created).toMatchObject({ state: "draft", editable: true, allowed_actions: ["submit"] });
    const submitted = await step(reporter, created, "submit");
    expect(submitted).toMatchObject({ state: "submitted", version: 2, editable: false, allowed_actions: [] });
    const cleared = await step(approver, submitted, "clear");
    expect(cleared.state).toBe("cleared");
    const accepted = await step(analyst, cleared, "accept");
    expect(accepted.state).toBe("accepted");
    const published = await step(editor, accepted, "publish");
    expect(published).toMatchObject({ state: "published", version: 5 });

    const history = await env().request(auditor, { method: "GET", url: `/api/v1/incidents/${created.id}/history` });
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual([
      "incident.create",
      "incident.submit",
      "incident.clear",
      "incident.accept",
      "incident.publish",
    ]);
    expect(history.json().items[4].changes).toContainEqual({ field: "state", before: "accepted", after: "published" });
  });

  it("when the bureau returns a record with a comment, then it comes back to the reporter editable, and goes round again", async () => {
    const cleared = await step(approver, await step(reporter, await create("Returned for a court reference"), "submit"), "clear");
    const noComment = await act(analyst, cleared, "return");
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.issues[0].path).toBe("body.comment");

    const returned = await step(analyst, cleared, "return", { comment: "Please add the court's case number." });
    expect(returned.state).toBe("returned");
    const asReporter = (await env().request(reporter, { method: "GET", url: `/api/v1/incidents/${returned.id}` })).json<IncidentOutput>();
    expect(asReporter).toMatchObject({ state: "returned", editable: true, allowed_actions: ["submit"] });
    const thread = await env().request(reporter, { method: "GET", url: `/api/v1/incidents/${returned.id}/comments` });
    expect(thread.json().items).toEqual([
      expect.objectContaining({
        kind: "return",
        body: "Please add the court's case number.",
        author: expect.objectContaining({ id: analyst.actor.id, post: "BUREAU" }),
      }),
    ]);

    const edited = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${returned.id}`,
      json: { version: returned.version, summary: "Case 12/345 before the tribunal." },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const resubmitted = await step(reporter, edited.json<IncidentOutput>(), "submit");
    expect(resubmitted.state).toBe("submitted");
  });

  it("when an action does not fit the state, then 409 lists the actions allowed; a role that may never take it gets 403", async () => {
    const created = await create("Illegal transitions");
    const premature = await act(reporter, created, "accept");
    expect(premature.statusCode).toBe(403); // a reporter never accepts
    const clearDraft = await act(approver, created, "clear");
    expect(clearDraft.statusCode).toBe(409);
    expect(clearDraft.json().error).toMatchObject({ code: "illegal_transition", allowed_actions: ["submit"] });
    const submitted = await step(reporter, created, "submit");
    const again = await act(reporter, submitted, "submit");
    expect(again.statusCode).toBe(409);
    expect(again.json().error.allowed_actions).toEqual([]);
    const stale = await act(approver, created, "clear"); // version 1, now at 2
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("version_conflict");
    const state = (await env().request(reporter, { method: "GET", url: `/api/v1/incidents/${created.id}` })).json<IncidentOutput>();
    expect(state).toMatchObject({ state: "submitted", version: 2 });
  });

  it("when records are submitted, cleared or accepted, then the post can no longer edit them; the bureau corrects accepted ones, audited as corrections", async () => {
    const submitted = await step(reporter, await create("Editing rules"), "submit");
    const locked = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${submitted.id}`,
      json: { version: submitted.version, title: "Changed after submission" },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe("not_editable");
    const accepted = await step(analyst, await step(approver, submitted, "clear"), "accept");
    const correction = await env().request(analyst, {
      method: "PATCH",
      url: `/api/v1/incidents/${accepted.id}`,
      json: { version: accepted.version, verification_status: "confirmed_by_authorities" },
    });
    expect(correction.statusCode, correction.body).toBe(200);
    const history = (await env().request(analyst, { method: "GET", url: `/api/v1/incidents/${accepted.id}/history` })).json();
    expect(history.items.at(-1)).toMatchObject({
      action: "incident.correct",
      changes: [{ field: "verification_status", before: "unverified", after: "confirmed_by_authorities" }],
    });
    const postEdit = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${accepted.id}`,
      json: { version: accepted.version + 1, title: "Post edit after acceptance" },
    });
    expect(postEdit.statusCode).toBe(409);
  });

  it("when a record is retracted, then the reason stays on it and in the thread, and it is not deleted", async () => {
    const accepted = await step(analyst, await step(approver, await step(reporter, await create("To be retracted"), "submit"), "clear"), "accept");
    const noReason = await act(editor, accepted, "retract");
    expect(noReason.statusCode).toBe(400);
    const retracted = await step(editor, accepted, "retract", { reason: "The source withdrew the report." });
    expect(retracted).toMatchObject({ state: "retracted", retraction_reason: "The source withdrew the report.", allowed_actions: [] });
    const thread = (await env().request(analyst, { method: "GET", url: `/api/v1/incidents/${accepted.id}/comments` })).json();
    expect(thread.items.map((c: { kind: string }) => c.kind)).toEqual(["retract"]);
    const listed = (await env().request(analyst, { method: "GET", url: "/api/v1/incidents?state=retracted" })).json<{ items: IncidentOutput[] }>();
    expect(listed.items.map((i) => i.id)).toContain(accepted.id);
  });

  it("when a reporter of another post goes after a draft, then every route answers 404 and lists, searches and counts hide it", async () => {
    const secret = await create("Zanzibarian draft of post FR");
    const paths = [
      ["GET", `/api/v1/incidents/${secret.id}`, undefined],
      ["PATCH", `/api/v1/incidents/${secret.id}`, { version: 1, title: "Hijacked title" }],
      ["POST", `/api/v1/incidents/${secret.id}/transitions`, { action: "submit", version: 1 }],
      ["GET", `/api/v1/incidents/${secret.id}/comments`, undefined],
      ["POST", `/api/v1/incidents/${secret.id}/comments`, { body: "Peeking" }],
      ["GET", `/api/v1/incidents/${secret.id}/history`, undefined],
      ["POST", `/api/v1/incidents/${secret.id}/sources`, { kind: "news", publisher: "X", title: "Y", reliability: "F", credibility: 6 }],
      ["GET", `/api/v1/sources/${secret.sources[0]!.id}`, undefined],
    ] as const;
    for (const outsider of [otherReporter, otherApprover, analyst, editor]) {
      for (const [method, url, json] of paths) {
        const response = await env().request(outsider, { method, url, ...(json ? { json } : {}) });
        expect(response.statusCode, `${outsider.actor.role} ${method} ${url}`).toBe(404);
      }
      for (const query of ["q=zanzibarian", "country=FR", "post=FR", "state=draft", ""]) {
        const listed = (await env().request(outsider, { method: "GET", url: `/api/v1/incidents?${query}&limit=200` })).json<{ items: IncidentOutput[] }>();
        expect(
          listed.items.map((i) => i.id),
          `${outsider.actor.role} ${query}`,
        ).not.toContain(secret.id);
      }
      const sources = (await env().request(outsider, { method: "GET", url: "/api/v1/sources?q=zanzibarian" })).json<{ items: unknown[] }>();
      expect(sources.items).toEqual([]);
    }
    const unchanged = (await env().request(reporter, { method: "GET", url: `/api/v1/incidents/${secret.id}` })).json<IncidentOutput>();
    expect(unchanged).toMatchObject({ title: "Zanzibarian draft of post FR", version: 1, state: "draft" });
    expect((await env().request(auditor, { method: "GET", url: `/api/v1/incidents/${secret.id}` })).statusCode).toBe(200);
  });

  it("when the bureau has the record, then it sees it; auditors read but change nothing; admins do not work on incidents", async () => {
    const submitted = await step(reporter, await create("Seen by the bureau once submitted"), "submit");
    expect((await env().request(analyst, { method: "GET", url: `/api/v1/incidents/${submitted.id}` })).statusCode).toBe(200);
    expect((await env().request(otherReporter, { method: "GET", url: `/api/v1/incidents/${submitted.id}` })).statusCode).toBe(404);
    const auditorClear = await act(auditor, submitted, "clear");
    expect(auditorClear.statusCode).toBe(403);
    const auditorComment = await env().request(auditor, { method: "POST", url: `/api/v1/incidents/${submitted.id}/comments`, json: { body: "Noted" } });
    expect(auditorComment.statusCode).toBe(403);
    expect((await env().request(admin, { method: "GET", url: `/api/v1/incidents/${submitted.id}` })).statusCode).toBe(403);
    expect((await env().request(admin, { method: "GET", url: "/api/v1/incidents" })).statusCode).toBe(403);
    const otherDesk = await act(otherApprover, submitted, "clear");
    expect(otherDesk.statusCode).toBe(404); // another post's approver cannot see it
  });

  it("when people comment, then the thread keeps their words in order", async () => {
    const submitted = await step(reporter, await create("Discussed record"), "submit");
    for (const [user, body] of [
      [analyst, "Which court?"],
      [reporter, "The regional court in Lyon."],
    ] as const) {
      const response = await env().request(user, { method: "POST", url: `/api/v1/incidents/${submitted.id}/comments`, json: { body } });
      expect(response.statusCode, response.body).toBe(201);
    }
    const thread = (await env().request(approver, { method: "GET", url: `/api/v1/incidents/${submitted.id}/comments` })).json();
    expect(thread.items.map((c: { body: string }) => c.body)).toEqual(["Which court?", "The regional court in Lyon."]);
  });
});
