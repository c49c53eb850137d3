// 007: durable jobs (modules/jobs/): long work that runs off the request thread — statistics
// imports today; exports, duplicate scans, feed polling, scheduled taskings and e-mail deliveries
// later. A row is the job's whole state: what to do (kind, payload), where it stands (state,
// progress), how often it was tried and when it may be tried again (attempts, run_after), who is
// running it and until when (lease_owner, lease_expires_at), and how it ended (result, error).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("run_after", "text", (c) => c.notNull())
    // A job that needs a file only one server holds (an upload's spool) runs on that server.
    .addColumn("host", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("progress_done", "integer", (c) => c.notNull())
    .addColumn("progress_total", "integer")
    .addColumn("progress_message", "text")
    .addColumn("result", "text")
    .addColumn("error", "text")
    .addColumn("requested_by", "text", (c) => c.references("users.id"))
    .addColumn("requested_post", "text", (c) => c.references("posts.code"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // What a runner looks for: due queued jobs, and running ones whose lease ran out.
  await db.schema.createIndex("jobs_state_run_after").on("jobs").columns(["state", "run_after"]).execute();
  await db.schema.createIndex("jobs_created_at").on("jobs").column("created_at").execute();
}
