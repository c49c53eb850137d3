// The job mechanism against both databases: a job is taken by one runner only, however many ask
// at once; a failing job is tried again after a backoff and then ends failed; a job whose runner
// stopped answering (its lease ran out, no heartbeat) is taken by another; queued and running jobs
// can be cancelled; progress is visible while a job runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEventsFor } from "../audit/audit.js";
import type { AppContext } from "../../context.js";
import { nowIso } from "../../domain/clock.js";
import { databaseKinds, openTestInstances } from "../../testing/databases.js";
import { CLI_ACTOR } from "../auth/actor.js";
import * as repo from "./repo.js";
import { backoffMs, jobRunner, type JobHandler, type RunnerOptions } from "./runner.js";

/** Poll `check` until it holds, at most `bound` tries (a condition, never a length of time). */
async function until<T>(check: () => Promise<T | undefined | false>, what: string, bound = 500): Promise<T> {
  for (let i = 0; i < bound; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** A promise and the hand that resolves it. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

for (const kind of databaseKinds()) {
  describe(`jobs [${kind}]`, () => {
    let contexts: AppContext[];
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ contexts, close } = await openTestInstances(kind, 2));
    });
    afterAll(async () => close());

    const runner = (context: AppContext, handler: JobHandler, options: Partial<RunnerOptions> = {}) =>
      jobRunner({ db: context.db, dialect: context.dialect, local: context.jobs.local, handlers: { "stats.import": handler }, pollMs: 10, ...options });
    const enqueue = (context: AppContext, payload: unknown = {}, maxAttempts?: number) =>
      context.services.jobs.enqueue(CLI_ACTOR, { kind: "stats.import", payload, ...(maxAttempts ? { maxAttempts } : {}) });
    const row = async (context: AppContext, id: string) => (await repo.findJob(context.db, id))!;

    it("when two runners on two app servers look for work at once, then each job is run exactly once", async () => {
      const [a, b] = contexts as [AppContext, AppContext];
      const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => enqueue(a, { n: i }).then((j) => j.id)));
      const runs: string[] = [];
      const handler: JobHandler = { run: async (job) => void runs.push(job.id) };
      const [first, second] = [runner(a, handler, { concurrency: 3 }), runner(b, handler, { concurrency: 3 })];
      await Promise.all([first.runDue(), second.runDue()]);
      expect([...runs].sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const job = await row(a, id);
        expect(job.state).toBe("succeeded");
        expect(job.attempts).toBe(1);
        expect((await auditEventsFor(a.db, "job", id)).map((e) => e.action)).toEqual(["job.enqueue", "job.start", "job.succeed"]);
      }
    });

    it("when a job keeps failing, then it is tried again after a growing backoff and ends failed, with the error in words", async () => {
      const context = contexts[0]!;
      const { id } = await enqueue(context, {}, 3);
      const queuedAgainAt: { run_after: string; updated_at: string }[] = [];
      const handler: JobHandler = {
        run: async () => {
          throw new Error("the feed answered 502");
        },
      };
      const r = runner(context, handler, { backoff: { baseMs: 20, capMs: 1000 } });
      await r.runDue();
      const afterFirst = await row(context, id);
      expect(afterFirst.state).toBe("queued");
      expect(afterFirst.run_after > afterFirst.updated_at).toBe(true);
      queuedAgainAt.push(afterFirst);
      const failed = await until(async () => {
        await r.runDue();
        const job = await row(context, id);
        return job.state === "failed" && job;
      }, "the job to fail");
      expect(failed.attempts).toBe(3);
      expect(JSON.parse(failed.error!)).toEqual({ code: "internal", message: "The job stopped on an unexpected error: the feed answered 502", issues: [] });
      expect((await auditEventsFor(context.db, "job", id)).map((e) => e.action)).toEqual([
        "job.enqueue",
        "job.start",
        "job.retry_later",
        "job.start",
        "job.retry_later",
        "job.start",
        "job.fail",
      ]);
    });

    it("when backoff is computed, then it doubles per attempt up to its cap, with half of it random", () => {
      const b = { baseMs: 100, capMs: 1000 };
      expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, b, () => 1))).toEqual([100, 200, 400, 800, 1000]);
      expect([1, 2, 3].map((n) => backoffMs(n, b, () => 0))).toEqual([50, 100, 200]);
    });

    it("when a runner dies holding a job (no heartbeat, its lease runs out), then another runner takes it, counted as an attempt", async () => {
      const [a, b] = contexts as [AppContext, AppContext];
      const { id } = await enqueue(a);
      // A runner that claimed the job and then died: its lease has run out and nobody renews it.
      const claimed = await repo.claimJob(a.db, a.dialect, {
        owner: "dead-runner",
        host: "elsewhere",
        now: nowIso(),
        leaseUntil: new Date(Date.now() - 1).toISOString(),
      });
      expect(claimed?.id).toBe(id);
      let ran = 0;
      expect(await runner(b, { run: async () => void ran++ }).runDue()).toBe(1);
      const job = await row(b, id);
      expect({ ran, state: job.state, attempts: job.attempts, lease_owner: job.lease_owner }).toEqual({
        ran: 1,
        state: "succeeded",
        attempts: 2,
        lease_owner: null,
      });
    });

    it("when a job is cancelled while queued, then no runner runs it; while running, then it is stopped and its clean-up runs", async () => {
      const context = contexts[0]!;
      const admin = { kind: "system", name: "test" } as const;
      const queued = await enqueue(context);
      expect((await context.services.jobs.cancel(admin, queued.id)).state).toBe("cancelled");
      let ran = 0;
      await runner(context, { run: async () => void ran++ }).runDue();
      expect(ran).toBe(0);

      const running = await enqueue(context);
      const started = gate();
      const cleaned: string[] = [];
      const r = runner(context, {
        run: (_job, control) =>
          new Promise((_, reject) => {
            started.open();
            control.signal.addEventListener("abort", () => reject(new Error("stopped")));
          }),
        ended: async (job) => void cleaned.push(job.id),
      });
      const done = r.runDue();
      await started.promise;
      expect((await context.services.jobs.cancel(admin, running.id)).state).toBe("cancelled");
      await done;
      expect(cleaned).toEqual([running.id]);
      expect((await row(context, running.id)).state).toBe("cancelled");
      await expect(context.services.jobs.cancel(admin, running.id)).rejects.toMatchObject({ status: 409 });
      expect((await context.services.jobs.retry(admin, running.id)).state).toBe("queued");
    });

    it("when a running job reports progress, then a reader sees it, and on the other app server too through its heartbeat", async () => {
      const [a, b] = contexts as [AppContext, AppContext];
      const { id } = await enqueue(a);
      const finish = gate();
      const r = runner(
        a,
        {
          run: async (_job, control) => {
            control.progress({ done: 40, total: 100, message: "Read 40 of 100 lines." });
            await finish.promise;
            return { lines: 100 };
          },
        },
        { leaseMs: 60 },
      );
      const done = r.runDue();
      const seen = await until(async () => {
        const job = await a.services.jobs.get(CLI_ACTOR, id);
        return job.progress.done === 40 && job;
      }, "the progress to show");
      expect(seen).toMatchObject({ state: "running", progress: { done: 40, total: 100, message: "Read 40 of 100 lines." } });
      if (kind === "postgres") {
        // Another server has no memory of the job: what it shows is the row, written by the heartbeat.
        await until(async () => (await b.services.jobs.get(CLI_ACTOR, id)).progress.done === 40, "the heartbeat to write the progress");
      }
      finish.open();
      await done;
      expect(await a.services.jobs.get(CLI_ACTOR, id)).toMatchObject({ state: "succeeded", result: { lines: 100 }, progress: { message: "Finished." } });
    });
  });
}
