// A large statistics upload is imported by a job in a worker thread: while it runs, the server
// keeps answering /api/health and a list request (the import's parsing and, on SQLite, its
// synchronous writes are off the event loop), and the client follows its progress to its report.
// Then a cancelled import leaves nothing behind, and its spooled upload is gone.
import { existsSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { forEachDatabase, TEST_APP_CONFIG, type TestUser } from "../../testing/harness.js";
import type { JobOutput } from "../jobs/schema.js";
import type { ImportReport } from "./schema.js";

/** An SDMX-CSV 1.0 file of `rows` values: 50 years of each of rows / 50 series for Germany. */
function bigFile(rows: number, dataflow: string): string {
  const lines = ["DATAFLOW,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE"];
  for (let i = 0; i < rows; i++) lines.push(`ESTAT:${dataflow}(1.0),A,I${Math.floor(i / 50)},DE,${1970 + (i % 50)},${i}`);
  return `${lines.join("\n")}\n`;
}

/**
 * Rows of the first try. Whether an import is still running when the other requests have been
 * answered depends on how fast the machine is at that moment, so a test never bets on one size:
 * when the import won the race, the next try's file is four times larger (GROWTH, at most TRIES).
 * The first file is read in several chunks (the progress is reported per 256 KB read).
 */
const ROWS = { sqlite: 100_000, postgres: 20_000 };
const GROWTH = 4;
const TRIES = 3;

forEachDatabase("an upload imported by a job", (env) => {
  let analyst: TestUser;
  let admin: TestUser;
  /** The app with room for a large upload (the harness's limit is 2 MB). */
  let app: FastifyInstance;
  beforeAll(async () => {
    analyst = await env().user("analyst");
    admin = await env().user("admin");
    app = await buildApp(env().context, { config: { ...TEST_APP_CONFIG, UPLOAD_LIMIT_BYTES: 64 * 1024 * 1024 }, validateResponses: true });
  });
  afterAll(async () => app.close());

  const headersOf = (user: TestUser, change = false) => ({ cookie: user.cookie, ...(change ? { "x-csrf-token": user.csrf! } : {}) });
  const jobOf = async (user: TestUser, id: string) =>
    (await app.inject({ method: "GET", url: `/api/v1/jobs/${id}`, headers: headersOf(user) })).json<JobOutput>();
  async function until<T>(check: () => Promise<T | false>, what: string, bound = 3000): Promise<T> {
    for (let i = 0; i < bound; i++) {
      const value = await check();
      if (value) return value;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`gave up waiting for ${what}`);
  }
  const ended = (job: JobOutput) => job.state !== "queued" && job.state !== "running";
  const untilEnded = (id: string) =>
    until(
      async () => {
        const now = await jobOf(analyst, id);
        return ended(now) && now;
      },
      "the job to end",
      30_000,
    );
  const upload = (body: string) =>
    app.inject({ method: "POST", url: "/api/v1/stats/imports", payload: body, headers: { ...headersOf(analyst, true), "content-type": "text/csv" } });

  it("when a large file is imported, then /api/health and a list answer while the job runs, and the job ends with the import's report", async () => {
    let rows = ROWS[env().dialect];
    for (let attempt = 1; ; attempt++, rows *= GROWTH) {
      const code = `JOBTEST${attempt}`;
      const accepted = await upload(bigFile(rows, code));
      expect(accepted.statusCode, accepted.body).toBe(202);
      const job = accepted.json<JobOutput>();
      expect(accepted.headers["location"]).toBe(`/api/v1/jobs/${job.id}`);
      expect(job).toMatchObject({ kind: "stats.import", state: "queued", requested_by: { id: analyst.actor.id } });

      // The import has started and read part of the file ...
      const started = await until(async () => {
        const now = await jobOf(analyst, job.id);
        return ((now.state === "running" && now.progress.done > 0) || ended(now)) && now;
      }, "the job to report progress");
      // ... and while it goes on, the server answers.
      const health = await app.inject({ method: "GET", url: "/api/health" });
      const list = await app.inject({ method: "GET", url: "/api/v1/incidents?limit=5", headers: headersOf(analyst) });
      const meanwhile = await jobOf(analyst, job.id);
      expect(health.statusCode, health.body).toBe(200);
      expect(list.statusCode, list.body).toBe(200);

      const end = await untilEnded(job.id);
      expect(end.state, JSON.stringify(end.error)).toBe("succeeded");
      expect(end.result as ImportReport).toMatchObject({ imported: true, added: rows, rejected: 0, dataset: { code: code.toLowerCase(), revision: 1 } });
      expect(end.progress).toMatchObject({ message: "Finished." });
      if (started.state === "running" && meanwhile.state === "running") {
        expect(meanwhile.progress.message).toMatch(/^Read [\d.]+ MB of [\d.]+ MB \([\d,]+ lines\)\.$/);
        return;
      }
      // The import of this file ended before the other requests were answered: a larger one.
      expect(attempt, `the import of ${rows.toLocaleString("en")} rows had ended before the other requests were answered, ${TRIES} times`).toBeLessThan(TRIES);
    }
  }, 300_000);

  it("when an import job is cancelled while it runs, then nothing of it is kept and its spooled upload is gone", async () => {
    let rows = 3 * ROWS[env().dialect];
    for (let attempt = 1; ; attempt++, rows *= GROWTH) {
      const code = `JOBCANCEL${attempt}`;
      const accepted = await upload(bigFile(rows, code));
      expect(accepted.statusCode, accepted.body).toBe(202);
      const { id } = accepted.json<JobOutput>();
      const payload = await env().context.db.selectFrom("jobs").select("payload").where("id", "=", id).executeTakeFirstOrThrow();
      const spooled = (JSON.parse(payload.payload) as { path: string }).path;
      // The upload is spooled until its job ends.
      expect(existsSync(spooled) || ended(await jobOf(analyst, id))).toBe(true);
      const started = await until(async () => {
        const now = await jobOf(analyst, id);
        return ((now.state === "running" && now.progress.done > 0) || ended(now)) && now;
      }, "the job to start");
      const inTime = started.state === "running" && started.progress.done < started.progress.total!;
      const cancelled = inTime ? await app.inject({ method: "POST", url: `/api/v1/jobs/${id}/cancel`, headers: headersOf(admin, true) }) : null;
      if (cancelled !== null && cancelled.statusCode === 200) {
        expect(cancelled.json<JobOutput>().state).toBe("cancelled");
        await until(async () => !existsSync(spooled), "the spooled upload to be removed");
        const datasets = (await app.inject({ method: "GET", url: "/api/v1/stats/datasets", headers: headersOf(analyst) })).json<{
          items: { code: string }[];
        }>();
        expect(datasets.items.map((d) => d.code)).not.toContain(code.toLowerCase());
        expect((await jobOf(analyst, id)).state).toBe("cancelled");
        return;
      }
      // The import had read the whole file (or ended) before it could be cancelled: a larger one.
      if (cancelled !== null) expect(cancelled.statusCode, cancelled.body).toBe(409);
      expect((await untilEnded(id)).state).toBe("succeeded");
      expect(attempt, `the import of ${rows.toLocaleString("en")} rows had ended before it could be cancelled, ${TRIES} times`).toBeLessThan(TRIES);
    }
  }, 300_000);
});
