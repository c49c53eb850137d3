// The jobs table's queries (the module's own table only). Every change of state is one guarded
// UPDATE: it names the state (and, for a running job, the lease owner) it expects, so a runner
// that lost its lease, or a job cancelled meanwhile, changes nothing and is told so.
import type { Kysely, Selectable } from "kysely";
import { lockedForClaim, type DialectName } from "../../db/dialect.js";
import type { Database, JobTable } from "../../db/types.js";
import type { JobState } from "../../domain/vocabulary.js";

export type JobRow = Selectable<JobTable>;

export async function insertJob(db: Kysely<Database>, row: JobTable): Promise<void> {
  await db.insertInto("jobs").values(row).execute();
}

export async function findJob(db: Kysely<Database>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Newest first (ids are time-ordered), a page after the cursor's id. */
export async function listJobs(db: Kysely<Database>, query: { state?: JobState; after?: string; limit: number }): Promise<JobRow[]> {
  let q = db.selectFrom("jobs").selectAll();
  if (query.state !== undefined) q = q.where("state", "=", query.state);
  if (query.after !== undefined) q = q.where("id", "<", query.after);
  return q.orderBy("id", "desc").limit(query.limit).execute();
}

/** The states of these jobs (the spool clean-up keeps the files of jobs not yet ended). */
export async function statesOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, JobState>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("jobs").select(["id", "state"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.state]));
}

/**
 * Take one due job: a queued one whose run_after has come, or a running one whose lease ran out
 * (its runner stopped answering) and that is not this runner's own. Counted as an attempt. Jobs
 * pinned to another host are left to it. One statement, so two runners never take the same job.
 */
export async function claimJob(
  db: Kysely<Database>,
  dialect: DialectName,
  claim: { owner: string; host: string; now: string; leaseUntil: string },
): Promise<JobRow | undefined> {
  const due = lockedForClaim(
    dialect,
    db
      .selectFrom("jobs")
      .select("id")
      .where((eb) =>
        eb.and([
          eb.or([eb("host", "is", null), eb("host", "=", claim.host)]),
          eb.or([
            eb.and([eb("state", "=", "queued"), eb("run_after", "<=", claim.now)]),
            eb.and([
              eb("state", "=", "running"),
              eb("lease_expires_at", "<", claim.now),
              eb.or([eb("lease_owner", "is", null), eb("lease_owner", "<>", claim.owner)]),
            ]),
          ]),
        ]),
      )
      .orderBy("run_after")
      .orderBy("id")
      .limit(1),
  );
  return db
    .updateTable("jobs")
    .set((eb) => ({
      state: "running",
      attempts: eb("attempts", "+", 1),
      lease_owner: claim.owner,
      lease_expires_at: claim.leaseUntil,
      started_at: eb.fn.coalesce("started_at", eb.val(claim.now)),
      updated_at: claim.now,
    }))
    .where("id", "=", (eb) => eb.selectFrom(due.as("due")).select("due.id"))
    .returningAll()
    .executeTakeFirst();
}

type Held = { id: string; owner: string };

/** Renew a running job's lease, with its progress; false when the runner no longer holds it (cancelled, taken over). */
export async function renewLease(
  db: Kysely<Database>,
  held: Held,
  update: { leaseUntil: string; now: string; progress?: { done: number; total: number | null; message: string | null } },
): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({
      lease_expires_at: update.leaseUntil,
      updated_at: update.now,
      ...(update.progress ? { progress_done: update.progress.done, progress_total: update.progress.total, progress_message: update.progress.message } : {}),
    })
    .where("id", "=", held.id)
    .where("state", "=", "running")
    .where("lease_owner", "=", held.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** End (or put back) a job this runner holds; false when it no longer holds it. */
export async function settleJob(
  db: Kysely<Database>,
  held: Held,
  fields: Pick<JobTable, "state" | "updated_at"> &
    Partial<Pick<JobTable, "result" | "error" | "finished_at" | "run_after" | "progress_done" | "progress_total" | "progress_message">>,
): Promise<boolean> {
  const release = fields.state === "running" ? {} : { lease_owner: null, lease_expires_at: null };
  const result = await db
    .updateTable("jobs")
    .set({ ...fields, ...release })
    .where("id", "=", held.id)
    .where("state", "=", "running")
    .where("lease_owner", "=", held.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Move a job from one of `from` to a new state (cancel, an admin's retry); the row as it was, or undefined when it was in none of them. */
export async function moveJob(
  db: Kysely<Database>,
  id: string,
  from: readonly JobState[],
  fields: Partial<Omit<JobTable, "id" | "kind" | "payload">> & Pick<JobTable, "state" | "updated_at">,
): Promise<JobRow | undefined> {
  const before = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  if (before === undefined || !from.includes(before.state)) return undefined;
  const result = await db.updateTable("jobs").set(fields).where("id", "=", id).where("state", "=", before.state).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? before : undefined;
}
