import { expect, it } from "vitest";
import { todayUtc } from "../../domain/clock.js";
import { addDays } from "../../domain/dates.js";
import { testClock } from "../../testing/clock.js";
import { taskingFields } from "../../testing/factories.js";
import { forEachDatabase } from "../../testing/harness.js";
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
  },
  { config: { clock: testClock(today) } },
);
