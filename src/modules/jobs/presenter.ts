// A job row → what the API shows: JSON columns parsed, the requester named.
import type { JobRow } from "./repo.js";
import type { JobError, JobOutput } from "./schema.js";

export function presentJob(row: JobRow, requester: { name: string } | undefined): JobOutput {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    attempts: row.attempts,
    max_attempts: row.max_attempts,
    progress: { done: row.progress_done, total: row.progress_total, message: row.progress_message },
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    error: row.error === null ? null : (JSON.parse(row.error) as JobError),
    run_after: row.run_after,
    requested_by: row.requested_by === null ? null : { id: row.requested_by, name: requester?.name ?? "a former user" },
    requested_post: row.requested_post,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    updated_at: row.updated_at,
  };
}
