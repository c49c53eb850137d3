// The factories build what they say: an incident in each workflow state, reached by the steps the
// workflow allows and each step audited; incident fields the API accepts as they are; a new post.
import { beforeAll, expect, it } from "vitest";
import { WORKFLOW_STATES } from "../domain/vocabulary.js";
import { auditEventsFor } from "../modules/audit/audit.js";
import { deskOf, incidentFields, openPost, recordIncident, type Desk } from "./factories.js";
import { forEachDatabase } from "./harness.js";

forEachDatabase("test factories", (env) => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await deskOf(env(), "DE");
  });

  it("when an incident is recorded in each workflow state, then it is in that state, every step audited, as its post's record", async () => {
    const steps = { draft: 0, submitted: 1, returned: 2, cleared: 2, accepted: 3, published: 4, retracted: 4 };
    for (const state of WORKFLOW_STATES) {
      const record = await recordIncident(env().context, state, desk, {
        title: `Factory record (${state})`,
        groups: [{ count: 2, migration_status: "unknown" }],
      });
      expect(record, state).toMatchObject({ state, post: "DE", version: 1 + steps[state], perpetrators: { count: 2 } });
      const events = await auditEventsFor(env().context.db, "incident", record.id);
      expect(
        events.map((e) => e.action),
        state,
      ).toHaveLength(1 + steps[state]);
    }
  });

  it("when a state needs a user the desk lacks, then recording it says which", async () => {
    await expect(recordIncident(env().context, "accepted", { reporter: desk.reporter, approver: desk.approver }, {})).rejects.toThrow(
      /needs the desk's analyst/,
    );
  });

  it("when the fields are posted as they are, then the API accepts them, overrides included", async () => {
    const body = incidentFields({ country: "DE", sources: [{ title: "Factory source", publisher: "Test Gazette" }] }, { post: "DE" });
    const response = await env().request(desk.analyst, { method: "POST", url: "/api/v1/incidents", json: body });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      post: "DE",
      perpetrators: { count: null, groups: [] },
      sources: [{ publisher: "Test Gazette", reliability: "B", credibility: 2 }],
    });
  });

  it("when a post is opened, then its reporters can sign in to it", async () => {
    const post = await openPost(env().context, { country_code: "JP" });
    expect(post).toMatchObject({ country_code: "JP", kind: "embassy" });
    const reporter = await env().user("reporter", post.code);
    expect(reporter.actor.postCode).toBe(post.code);
  });
});
