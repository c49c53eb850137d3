// What this process knows of the jobs it is running itself, beyond their rows: their latest
// progress and how to stop them. On PostgreSQL the row is always as fresh (progress is written
// with every heartbeat); on SQLite a job's own write transaction holds the one write lock while it
// works, so its progress cannot reach the row until it ends — SQLite is one process by design, and
// that process's runner answers the progress from here. A cancel stops a job running here at once
// (on SQLite it could not otherwise be written while the job holds the lock).
export interface JobProgress {
  done: number;
  total: number | null;
  message: string | null;
}

export interface LocalJobs {
  progress: Map<string, JobProgress>;
  /** Stop a job running here; settled once it has stopped (its worker and transaction gone). */
  aborts: Map<string, () => Promise<void>>;
  /** Set by this process's runner: look for due work now (a job was just queued here). */
  wake?: () => void;
}

export function localJobs(): LocalJobs {
  return { progress: new Map(), aborts: new Map() };
}
