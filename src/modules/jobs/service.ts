// Use cases of jobs: enqueue one (for another module's service, which has checked its own
// permission), read one (its requester, and admins), list them, cancel and retry (admins). Every
// change of state is written with its audit event in one transaction. The runner (runner.ts)
// takes, renews and ends them.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { AppError, NotFoundError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { JobKind } from "../../domain/vocabulary.js";
import type { Database } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import type { Actor } from "../auth/actor.js";
import { authorize, can } from "../auth/policy.js";
import { userSummaries } from "../users/index.js";
import type { LocalJobs } from "./local.js";
import { presentJob } from "./presenter.js";
import * as repo from "./repo.js";
import type { JobList, JobListQuery, JobOutput } from "./schema.js";

const DEFAULT_MAX_ATTEMPTS = 3;

export interface EnqueueRequest {
  /** The job's id, when the caller needs it before the job exists (to name a file after it). */
  id?: string;
  kind: JobKind;
  payload: unknown;
  maxAttempts?: number;
  /** Not before this time (default: now). */
  runAfter?: string;
  /** Run only on this host (the job needs a file only it holds). */
  host?: string | null;
}

export type JobService = ReturnType<typeof jobService>;

export function jobService(db: Kysely<Database>, local: LocalJobs) {
  async function present(rows: repo.JobRow[]): Promise<JobOutput[]> {
    const names = await userSummaries(
      db,
      rows.flatMap((r) => (r.requested_by === null ? [] : [r.requested_by])),
    );
    return rows.map((row) => {
      const job = presentJob(row, row.requested_by === null ? undefined : names.get(row.requested_by));
      const live = row.state === "running" ? local.progress.get(row.id) : undefined;
      return live ? { ...job, progress: live } : job;
    });
  }

  /** The job if the actor may see it (its requester, or an admin), else 404. */
  async function visibleJob(actor: Actor | null, id: string): Promise<repo.JobRow> {
    authorize(actor, "job.read");
    const row = await repo.findJob(db, id);
    const mine = row !== undefined && actor!.kind === "user" && row.requested_by === actor!.id;
    if (row === undefined || !(mine || can(actor, "job.manage"))) throw new NotFoundError("The job");
    return row;
  }

  /** The job's row and its audit event, written in `trx`. */
  async function insert(trx: Kysely<Database>, actor: Actor, request: EnqueueRequest): Promise<repo.JobRow> {
    const now = nowIso();
    const row = {
      id: request.id ?? newId(),
      kind: request.kind,
      payload: JSON.stringify(request.payload),
      state: "queued" as const,
      attempts: 0,
      max_attempts: request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_after: request.runAfter ?? now,
      host: request.host ?? null,
      lease_owner: null,
      lease_expires_at: null,
      progress_done: 0,
      progress_total: null,
      progress_message: "Waiting to start.",
      result: null,
      error: null,
      requested_by: actor.kind === "user" ? actor.id : null,
      requested_post: actor.kind === "user" ? actor.postCode : null,
      created_at: now,
      started_at: null,
      finished_at: null,
      updated_at: now,
    };
    await repo.insertJob(trx, row);
    await recordAudit(trx, actor, {
      action: "job.enqueue",
      entityType: "job",
      entityId: row.id,
      after: { kind: row.kind, max_attempts: row.max_attempts, host: row.host },
    });
    return row;
  }

  return {
    /** Queue a job for the runners. The caller's own service has checked that the actor may ask for it. */
    async enqueue(actor: Actor, request: EnqueueRequest): Promise<JobOutput> {
      const row = await db.transaction().execute((trx) => insert(trx, actor, request));
      return (await present([row]))[0]!;
    },

    /**
     * Queue a job inside the caller's transaction: it is there if and only if the caller's change
     * commits (a recurring tasking's round and the job that issues the next one).
     */
    async enqueueWithin(trx: Kysely<Database>, actor: Actor, request: EnqueueRequest): Promise<void> {
      await insert(trx, actor, request);
    },

    async get(actor: Actor | null, id: string): Promise<JobOutput> {
      return (await present([await visibleJob(actor, id)]))[0]!;
    },

    async list(actor: Actor | null, query: JobListQuery): Promise<JobList> {
      authorize(actor, "job.manage");
      const rows = await repo.listJobs(db, { state: query.state, after: query.cursor, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      return { items: await present(page), next_cursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
    },

    /** Cancel a queued or running job; one running in this process is stopped at once, one running elsewhere at its next heartbeat. */
    async cancel(actor: Actor | null, id: string): Promise<JobOutput> {
      authorize(actor, "job.manage");
      await visibleJob(actor, id);
      await local.aborts.get(id)?.();
      const now = nowIso();
      const moved = await db.transaction().execute(async (trx) => {
        const before = await repo.moveJob(trx, id, ["queued", "running"], {
          state: "cancelled",
          finished_at: now,
          updated_at: now,
          lease_owner: null,
          lease_expires_at: null,
          progress_message: "Cancelled.",
        });
        if (before) await recordAudit(trx, actor, { action: "job.cancel", entityType: "job", entityId: id, before: { state: before.state } });
        return before;
      });
      if (!moved) throw new AppError(409, "job_not_cancellable", "Only a job that is waiting or running can be cancelled; this one has ended.");
      return this.get(actor, id);
    },

    /** Queue a failed or cancelled job again, with its attempts counted afresh. */
    async retry(actor: Actor | null, id: string): Promise<JobOutput> {
      authorize(actor, "job.manage");
      await visibleJob(actor, id);
      const now = nowIso();
      const moved = await db.transaction().execute(async (trx) => {
        const before = await repo.moveJob(trx, id, ["failed", "cancelled"], {
          state: "queued",
          attempts: 0,
          run_after: now,
          finished_at: null,
          updated_at: now,
          error: null,
          progress_done: 0,
          progress_total: null,
          progress_message: "Waiting to start again.",
        });
        if (before)
          await recordAudit(trx, actor, { action: "job.requeue", entityType: "job", entityId: id, before: { state: before.state, attempts: before.attempts } });
        return before;
      });
      if (!moved) throw new AppError(409, "job_not_retryable", "Only a job that failed or was cancelled can be tried again.");
      return this.get(actor, id);
    },

    /** Which of these jobs this database holds and has seen end (the spool clean-up removes their files; it keeps unknown ones). */
    async ended(ids: string[]): Promise<Set<string>> {
      const states = await repo.statesOf(db, ids);
      return new Set(
        ids.filter((id) => {
          const state = states.get(id);
          return state !== undefined && state !== "queued" && state !== "running";
        }),
      );
    },
  };
}
