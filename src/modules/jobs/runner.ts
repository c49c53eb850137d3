// The job runner: polls the jobs table for due work, at most `concurrency` jobs at a time, runs
// the handler registered for each kind, renews the job's lease with its progress while it runs
// (a heartbeat), and ends it: succeeded with its result; failed for good when the error is the
// input's fault (a 4xx) or the attempts are spent; otherwise queued again after an exponential
// backoff with jitter. A job whose runner stopped answering (its lease ran out) is taken again by
// any other runner, counted as an attempt. `serve` starts one and stops it on shutdown; the CLI and
// the tests call `runDue` to work until nothing is due.
//
// Hand-written over Kysely because no maintained Node queue covers both our databases with one
// code path: pg-boss and graphile-worker are PostgreSQL-only, BullMQ needs Redis, and the SQLite
// queues are SQLite-only. What it needs of the database is one guarded UPDATE per change of state
// and one claim (repo.ts claimJob; FOR UPDATE SKIP LOCKED on PostgreSQL, db/dialect.ts).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { AppError } from "../../domain/errors.js";
import type { JobKind } from "../../domain/vocabulary.js";
import type { DialectName } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { isDatabaseUnavailable } from "../../db/unavailable.js";
import { recordAudit } from "../audit/audit.js";
import type { SystemActor } from "../auth/actor.js";
import type { JobProgress, LocalJobs } from "./local.js";
import * as repo from "./repo.js";
import type { JobError } from "./schema.js";

const RUNNER_ACTOR: SystemActor = { kind: "system", name: "job runner" };

export interface RunningJob {
  id: string;
  kind: JobKind;
  payload: unknown;
  attempt: number;
}

interface JobControl {
  /** Tell the runner how far the job has come (written with the next heartbeat). */
  progress(progress: JobProgress): void;
  /** Aborted when the job is cancelled, taken over, or the runner stops. */
  signal: AbortSignal;
}

export interface JobHandler {
  run(job: RunningJob, control: JobControl): Promise<unknown>;
  /** Called once the job has ended for good (succeeded, failed, cancelled while running): clean up what it held. */
  ended?(job: RunningJob): Promise<void>;
  /** Called when the runner stops: let go of what the handler keeps between jobs (worker threads). */
  close?(): Promise<void>;
}

export type JobHandlers = Partial<Record<JobKind, JobHandler>>;

export interface RunnerOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  handlers: JobHandlers;
  local: LocalJobs;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  /** The first retry waits about baseMs (0.5–1 ×), doubling with each attempt up to capMs. */
  backoff?: { baseMs: number; capMs: number };
  /** This runner's name in the lease (default: host, process and a random part). */
  owner?: string;
  host?: string;
  log?: (message: string, error?: unknown) => void;
}

/** The delay before attempt `attempt + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffMs(attempt: number, backoff: { baseMs: number; capMs: number }, random = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** An error as a job records it: in words, without a stack. */
export function jobError(error: unknown): JobError {
  if (error instanceof AppError) return { code: error.code, message: error.message, issues: error.issues };
  if (isDatabaseUnavailable(error)) return { code: "database_unavailable", message: "The database was not answering.", issues: [] };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "internal", message: `The job stopped on an unexpected error: ${message}`, issues: [] };
}

/** A 4xx is the input's fault: trying again would fail the same way. */
function isPermanent(error: unknown): boolean {
  return error instanceof AppError && error.status < 500;
}

class Stopped extends Error {}

/** How long a stopped job's handler is waited for before the runner goes on without it. */
const LET_GO_MS = 5_000;

/** Wait until `promise` settles, or `ms` have passed. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.then(noop, noop), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function noop() {}

/** A promise and the hand that settles it. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export type JobRunner = ReturnType<typeof jobRunner>;

export function jobRunner(options: RunnerOptions) {
  const { db, dialect, handlers, local } = options;
  const concurrency = options.concurrency ?? 2;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 30_000;
  const backoff = options.backoff ?? { baseMs: 5_000, capMs: 10 * 60_000 };
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const host = options.host ?? hostname();
  const log = options.log ?? (() => {});
  const active = new Map<string, Promise<void>>();
  /** How to stop each job running here when the runner stops (they are queued again). */
  const stopAll = new Map<string, () => void>();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let stopping = false;
  let polling: Promise<void> | undefined;

  const later = (ms: number) => new Date(Date.now() + ms).toISOString();

  async function claim(): Promise<repo.JobRow | undefined> {
    const now = nowIso();
    return db.transaction().execute(async (trx) => {
      const row = await repo.claimJob(trx, dialect, { owner, host, now, leaseUntil: later(leaseMs) });
      if (row)
        await recordAudit(trx, RUNNER_ACTOR, { action: "job.start", entityType: "job", entityId: row.id, after: { attempt: row.attempts, runner: owner } });
      return row;
    });
  }

  async function settle(job: RunningJob, outcome: { ok: true; result: unknown } | { ok: false; error: unknown; stopped: boolean; maxAttempts: number }) {
    const now = nowIso();
    const held = { id: job.id, owner };
    const progress = local.progress.get(job.id);
    let ended = false;
    await db.transaction().execute(async (trx) => {
      if (outcome.ok) {
        const done = { done: progress?.total ?? progress?.done ?? 0, total: progress?.total ?? null, message: "Finished." };
        const fields = { state: "succeeded" as const, result: JSON.stringify(outcome.result ?? null), error: null, finished_at: now, updated_at: now };
        if (await repo.settleJob(trx, held, { ...fields, progress_done: done.done, progress_total: done.total, progress_message: done.message })) {
          await recordAudit(trx, RUNNER_ACTOR, { action: "job.succeed", entityType: "job", entityId: job.id, after: { attempt: job.attempt } });
          ended = true;
        }
        return;
      }
      const error = outcome.stopped
        ? { code: "stopped", message: "The server stopped while the job ran; it will be tried again.", issues: [] }
        : jobError(outcome.error);
      const giveUp = !outcome.stopped && (isPermanent(outcome.error) || job.attempt >= outcome.maxAttempts);
      if (giveUp) {
        if (
          await repo.settleJob(trx, held, { state: "failed", error: JSON.stringify(error), finished_at: now, updated_at: now, progress_message: "Failed." })
        ) {
          await recordAudit(trx, RUNNER_ACTOR, {
            action: "job.fail",
            entityType: "job",
            entityId: job.id,
            after: { attempt: job.attempt, error: error.message },
          });
          ended = true;
        }
        return;
      }
      const runAfter = outcome.stopped ? now : later(backoffMs(job.attempt, backoff));
      const message = outcome.stopped ? "Waiting to start again." : "Waiting to be tried again.";
      if (await repo.settleJob(trx, held, { state: "queued", run_after: runAfter, error: JSON.stringify(error), updated_at: now, progress_message: message })) {
        await recordAudit(trx, RUNNER_ACTOR, {
          action: "job.retry_later",
          entityType: "job",
          entityId: job.id,
          after: { attempt: job.attempt, run_after: runAfter, error: error.message },
        });
      }
    });
    return ended;
  }

  async function giveUpOnAbandoned(row: repo.JobRow): Promise<void> {
    const now = nowIso();
    const message = `Gave up after ${row.max_attempts} attempts: the server running it stopped answering each time.`;
    await db.transaction().execute(async (trx) => {
      const error = { code: "abandoned", message, issues: [] };
      if (
        await repo.settleJob(
          trx,
          { id: row.id, owner },
          { state: "failed", error: JSON.stringify(error), finished_at: now, updated_at: now, progress_message: "Failed." },
        )
      )
        await recordAudit(trx, RUNNER_ACTOR, { action: "job.fail", entityType: "job", entityId: row.id, after: { attempt: row.attempts, error: message } });
    });
  }

  async function run(row: repo.JobRow): Promise<void> {
    const job: RunningJob = { id: row.id, kind: row.kind, payload: JSON.parse(row.payload) as unknown, attempt: row.attempts };
    const handler = handlers[row.kind];
    if (row.attempts > row.max_attempts) return giveUpOnAbandoned(row);
    const controller = new AbortController();
    let stoppedByRunner = false;
    local.progress.set(job.id, { done: row.progress_done, total: row.progress_total, message: "Started." });
    let cancelledHere = false;
    const stopped = gate();
    local.aborts.set(job.id, () => {
      cancelledHere = true;
      controller.abort(new Error("cancelled"));
      return stopped.promise;
    });
    stopAll.set(job.id, () => {
      stoppedByRunner = true;
      controller.abort(new Stopped());
    });
    const beat = setInterval(
      () => {
        repo
          .renewLease(db, { id: job.id, owner }, { leaseUntil: later(leaseMs), now: nowIso(), progress: local.progress.get(job.id) })
          .then((held) => {
            if (!held) controller.abort(new Error("the job was cancelled or taken over"));
          })
          // On SQLite the job's own transaction may hold the write lock: the next beat tries again.
          .catch((error: unknown) => log(`job ${job.id}: heartbeat not written`, error));
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    let ended = false;
    let running: Promise<unknown> | undefined;
    try {
      if (handler === undefined) throw new AppError(500, "no_handler", `No runner here knows how to do a job of kind ${row.kind}.`);
      const abortRun = new Promise<never>((_, reject) =>
        controller.signal.addEventListener("abort", () => reject(stoppedByRunner ? new Stopped() : controller.signal.reason), { once: true }),
      );
      running = handler.run(job, {
        progress: (p) => local.progress.set(job.id, p),
        signal: controller.signal,
      });
      const result = await Promise.race([running, abortRun]);
      ended = await settle(job, { ok: true, result });
    } catch (error) {
      // A stopped job's handler is given a moment to let go (a worker thread to end, and with it its transaction).
      if (controller.signal.aborted && running) await settledWithin(running, LET_GO_MS);
      if (controller.signal.aborted && !stoppedByRunner) {
        // Cancelled (by this process's service, which writes it, or elsewhere: the row says so) or
        // taken over by another runner: nothing to write.
        ended = cancelledHere || (await repo.findJob(db, job.id).catch(() => undefined))?.state === "cancelled";
      } else {
        try {
          ended = await settle(job, { ok: false, error, stopped: error instanceof Stopped, maxAttempts: row.max_attempts });
        } catch (settleError) {
          log(`job ${job.id}: its outcome could not be written; its lease will run out and it will be tried again`, settleError);
        }
      }
    } finally {
      clearInterval(beat);
      local.progress.delete(job.id);
      local.aborts.delete(job.id);
      stopAll.delete(job.id);
      stopped.open();
    }
    if (ended && handler?.ended) await handler.ended(job).catch((error: unknown) => log(`job ${job.id}: clean-up failed`, error));
  }

  function launch(row: repo.JobRow) {
    const done = run(row)
      .catch((error: unknown) => log(`job ${row.id} failed in the runner`, error))
      .finally(() => {
        active.delete(row.id);
        if (started && !stopping) wake();
      });
    active.set(row.id, done);
  }

  /** Take due jobs until the slots are full or none is due. */
  async function poll(): Promise<number> {
    let taken = 0;
    while (!stopping && active.size < concurrency) {
      let row: repo.JobRow | undefined;
      try {
        row = await claim();
      } catch (error) {
        log("jobs could not be claimed; trying again at the next poll", error);
        break;
      }
      if (!row) break;
      taken++;
      launch(row);
    }
    return taken;
  }

  function schedule(ms: number) {
    clearTimeout(timer);
    if (!started || stopping) return;
    timer = setTimeout(() => wake(), ms);
    timer.unref();
  }

  function wake() {
    if (!started || stopping || polling) return;
    polling = poll().then(
      () => {
        polling = undefined;
        schedule(pollMs);
      },
      () => {
        polling = undefined;
        schedule(pollMs);
      },
    );
  }

  return {
    owner,
    start() {
      started = true;
      local.wake = wake;
      wake();
    },
    /** Look for due work now (after an enqueue in this process). */
    wake,
    /** Work until nothing is due and nothing runs (the CLI, the tests). Returns how many jobs were taken. */
    async runDue(): Promise<number> {
      let taken = 0;
      for (;;) {
        taken += await poll();
        if (active.size === 0) return taken;
        await Promise.race(active.values());
      }
    },
    /** Take no more jobs; give those running `graceMs` to end, then stop them (they are queued again). */
    async stop(graceMs = 10_000): Promise<void> {
      stopping = true;
      if (local.wake === wake) local.wake = undefined;
      clearTimeout(timer);
      await polling;
      const all = Promise.all(active.values());
      let grace: NodeJS.Timeout | undefined;
      const outOfTime = new Promise<"late">((resolve) => {
        grace = setTimeout(() => resolve("late"), graceMs);
      });
      if ((await Promise.race([all, outOfTime])) === "late") {
        for (const stop of stopAll.values()) stop();
        await all;
      }
      clearTimeout(grace);
      await Promise.all(Object.values(handlers).map((handler) => handler.close?.()));
    },
  };
}
