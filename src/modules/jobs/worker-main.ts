// A job worker thread: opens a database connection of its own once, then runs the jobs the runner
// on the main thread sends it, one at a time: loads the job kind's module (which exports
// `runJob(db, payload, progress)`), runs it and posts its progress and outcome back (worker.ts).
// The main thread's event loop never waits for a job's parsing or, on SQLite, for its synchronous
// writes.
import { parentPort, workerData } from "node:worker_threads";
import type { Kysely } from "kysely";
import { openDatabase } from "../../db/connection.js";
import type { Database } from "../../db/types.js";
import { AppError } from "../../domain/errors.js";
import type { JobProgress } from "./local.js";
import { jobError } from "./runner.js";
import type { WorkerData, WorkerMessage, WorkerTask } from "./worker.js";

type JobModule = { runJob(db: Kysely<Database>, payload: unknown, progress: (p: JobProgress) => void): Promise<unknown> };

const data = workerData as WorkerData;
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

// A job off the event loop may wait longer for SQLite's write lock than a request does.
const handle = await openDatabase(data.database.url, { ...data.database.options, poolSize: 1, busyWaitMs: 60_000 });

async function run(task: WorkerTask): Promise<void> {
  try {
    const job = (await import(task.entry)) as JobModule;
    const result = await job.runJob(handle.db, task.payload, (progress) => post({ type: "progress", progress }));
    post({ type: "done", result });
  } catch (error) {
    if (error instanceof AppError) post({ type: "failed", error: { status: error.status, code: error.code, message: error.message, issues: error.issues } });
    else {
      const { code, message } = jobError(error);
      post({ type: "failed", error: { status: code === "database_unavailable" ? 503 : 500, code, message, issues: [] } });
    }
  }
}

parentPort!.on("message", (task: WorkerTask | "close") => {
  if (task === "close") void handle.close().then(() => process.exit(0));
  else void run(task);
});
post({ type: "ready" });
