import { sql } from "kysely";
import { expect, it } from "vitest";
import { todayUtc } from "../../domain/clock.js";
import { addDays } from "../../domain/dates.js";
import { testClock } from "../../testing/clock.js";
import { taskingFields } from "../../testing/factories.js";
import { forEachDatabase, type TestEnv } from "../../testing/harness.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { nextRound } from "./recurrence.js";
import type { TaskingOutput } from "./schema.js";

it("when a monthly or quarterly tasking comes round, then the next period follows the last, whole months stay whole, and it is due as long after", () => {
  expect(nextRound("monthly", { period: { from: "2026-01-01", to: "2026-01-31" }, due_date: "2026-02-10" })).toEqual({
    period: { from: "2026-02-01", to: "2026-02-28" },
    due_date: "2026-03-10",
  });
  expect(nextRound("quarterly", { period: { from: "2026-10-01", to: "2026-12-31" }, due_date: "2027-01-15" })).toEqual({
    period: { from: "2027-01-01", to: "2027-03-31" },
    due_date: "2027-04-15",
  });
  expect(nextRound("monthly", { period: { from: "2026-01-15", to: "2026-01-31" }, due_date: "2026-01-31" })).toEqual({
    period: { from: "2026-02-15", to: "2026-02-28" },
    due_date: "2026-02-28",
  });
});

// The clock is today's: a round whose period began is issued by the server's job runner, the next waits for its day.
const today = todayUtc();
const firstOfThisMonth = `${today.slice(0, 7)}-01`;
const lastMonth = { from: `${addDays(firstOfThisMonth, -1).slice(0, 7)}-01`, to: addDays(firstOfThisMonth, -1) };
const thisMonth = { from: firstOfThisMonth, to: addDays(`${addDays(firstOfThisMonth, 40).slice(0, 7)}-01`, -1) };

/**
 * While this runs, the real database refuses to queue a recurring tasking's job (a trigger), as a
 * full disk or a lost connection would at that moment; other jobs and writes go on.
 */
async function whileTheQueueRefuses<T>(env: TestEnv, work: () => Promise<T>): Promise<T> {
  const db = env.context.db;
  if (env.dialect === "postgres") {
    await sql`CREATE FUNCTION refuse_recurring_job() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the queue refuses'; END $$`.execute(db);
    await sql`CREATE TRIGGER refuse_recurring_job BEFORE INSERT ON jobs FOR EACH ROW WHEN (NEW.kind = 'tasking.recur') EXECUTE FUNCTION refuse_recurring_job()`.execute(
      db,
    );
  } else {
    await sql`CREATE TRIGGER refuse_recurring_job BEFORE INSERT ON jobs WHEN NEW.kind = 'tasking.recur' BEGIN SELECT RAISE(ABORT, 'the queue refuses'); END`.execute(
      db,
    );
  }
  try {
    return await work();
  } finally {
    await sql`DROP TRIGGER refuse_recurring_job${env.dialect === "postgres" ? sql` ON jobs` : sql``}`.execute(db);
    if (env.dialect === "postgres") await sql`DROP FUNCTION refuse_recurring_job()`.execute(db);
  }
}

forEachDatabase(
  "recurring taskings",
  (env) => {
    it("when a monthly tasking is issued for last month, then the job runner issues this month's round to the same posts, once, and queues next month's", async () => {
      const editor = await env().user("editor");
      const url = "/api/v1/taskings";
      const created = await env().request(editor, {
        method: "POST",
        url,
        json: taskingFields(addDays(lastMonth.to, 10), { recurrence: "monthly", period: lastMonth, targets: { posts: ["DE", "FR"] } }),
      });
      expect(created.statusCode, created.body).toBe(201);
      const first = created.json<TaskingOutput>();
      const issued = await env().request(editor, { method: "POST", url: `${url}/${first.id}/issue`, json: { version: first.version } });
      expect(issued.statusCode, issued.body).toBe(200);
      // The runner of the test server takes the job: wait until it says it has finished.
      const jobs = env().context.services.jobs;
      const recurring = async () => (await jobs.list(CLI_ACTOR, { limit: 50 })).items.filter((j) => j.kind === "tasking.recur");
      for (let i = 0; i < 500 && !(await recurring()).some((j) => j.state === "succeeded"); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await recurring()).map((j) => j.state).sort()).toEqual(["queued", "succeeded"]);
      const list = (await env().request(editor, { method: "GET", url })).json<{ items: TaskingOutput[] }>();
      const round = list.items.find((t) => t.series_of === first.id);
      expect(round).toMatchObject({
        reference: `${first.reference}-2`,
        state: "issued",
        issued_version: 1,
        period: { from: firstOfThisMonth },
        targets: [{ post: "DE" }, { post: "FR" }],
        requirements: first.requirements,
      });
      // Run again (a job tried twice): the round is not issued a second time.
      expect(await env().context.services.taskings.recur(CLI_ACTOR, first.id)).toEqual({ issued: null });
      const events = await env().context.db.selectFrom("audit_events").select(["action", "actor_system"]).where("entity_id", "=", round!.id).execute();
      expect(events).toEqual([{ action: "tasking.issue", actor_system: "scheduler" }]);
    });

    it("when the next round's job cannot be queued, then neither the issue nor the next round is half-done, and both are done once the queue takes jobs again", async () => {
      const editor = await env().user("editor");
      const url = "/api/v1/taskings";
      const created = await env().request(editor, {
        method: "POST",
        url,
        json: taskingFields(addDays(thisMonth.to, 10), { recurrence: "monthly", period: thisMonth, targets: { posts: ["DE"] } }),
      });
      expect(created.statusCode, created.body).toBe(201);
      const draft = created.json<TaskingOutput>();
      const actions = async () =>
        (await env().context.db.selectFrom("audit_events").select("action").where("entity_type", "=", "tasking").orderBy("id").execute()).map((e) => e.action);
      const before = await actions();

      // Issuing queues the job of next month's round: refused, the tasking stays a draft, sent to no post.
      const refused = await whileTheQueueRefuses(env(), () =>
        env().request(editor, { method: "POST", url: `${url}/${draft.id}/issue`, json: { version: draft.version } }),
      );
      expect(refused.statusCode).toBe(500);
      expect((await env().request(editor, { method: "GET", url: `${url}/${draft.id}` })).json<TaskingOutput>()).toMatchObject({
        state: "draft",
        issued_version: 0,
      });
      expect((await env().request(editor, { method: "GET", url: `${url}/${draft.id}/versions` })).json()).toEqual({ items: [] });
      expect(await actions()).toEqual(before);

      const issued = await env().request(editor, { method: "POST", url: `${url}/${draft.id}/issue`, json: { version: draft.version } });
      expect(issued.statusCode, issued.body).toBe(200);
      const { taskings } = env().context.services;
      const rounds = async () => (await taskings.listTaskings(CLI_ACTOR)).items.filter((t) => t.series_of === draft.id);
      const queued = async () =>
        (await env().context.services.jobs.list(CLI_ACTOR, { limit: 50 })).items.filter((j) => j.kind === "tasking.recur" && j.state === "queued").length;
      const jobsBefore = await queued();

      // The next round (its job would run next month: here it is asked for now), its job refused: no round.
      await expect(whileTheQueueRefuses(env(), () => taskings.recur(CLI_ACTOR, draft.id))).rejects.toThrow();
      expect(await rounds()).toEqual([]);
      expect(await queued()).toBe(jobsBefore);

      // Tried again once the queue takes jobs: the round is issued once, with the job of the one after.
      expect(await taskings.recur(CLI_ACTOR, draft.id)).toEqual({ issued: `${draft.reference}-2` });
      expect((await rounds()).map((r) => [r.state, r.issued_version])).toEqual([["issued", 1]]);
      expect(await queued()).toBe(jobsBefore + 1);
    });
  },
  { config: { clock: testClock(today) } },
);
