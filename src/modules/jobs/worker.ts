// A job handler that runs the job in a worker thread (worker-main.ts) with its own database
// connection, so long CPU work and SQLite's synchronous writes stay off the HTTP event loop.
// Cancelling terminates the thread: its open transaction dies with its connection, so nothing
// half-written is left. Progress and the outcome come back as messages.
import { Worker } from "node:worker_threads";
import { AppError } from "../../domain/errors.js";
import type { OpenOptions } from "../../db/connection.js";
import type { JobProgress } from "./local.js";
import type { JobHandler } from "./runner.js";

/** Where the worker's own connection goes: the server's database URL and its (cloneable) options. */
export interface WorkerDatabase {
  url: string;
  options: Pick<OpenOptions, "schema" | "applicationName">;
}

export interface WorkerData {
  entry: string;
  database: WorkerDatabase;
  payload: unknown;
}

export type WorkerMessage =
  | { type: "progress"; progress: JobProgress }
  | { type: "done"; result: unknown }
  | { type: "failed"; error: { status: number; code: string; message: string; issues: { path: string; message: string }[] } };

const BOOTSTRAP = new URL("./worker-bootstrap.js", import.meta.url);

/** `entry`: the URL of a module exporting `runJob(db, payload, progress)`. */
export function workerHandler(entry: string, database: WorkerDatabase, ended?: JobHandler["ended"]): JobHandler {
  return {
    ...(ended ? { ended } : {}),
    run: (job, control) =>
      new Promise((resolve, reject) => {
        let settled = false;
        const finish = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          control.signal.removeEventListener("abort", abort);
          outcome();
        };
        const worker = new Worker(BOOTSTRAP, { workerData: { entry, database, payload: job.payload } satisfies WorkerData });
        const abort = () => {
          void worker.terminate();
          finish(() => reject(control.signal.reason));
        };
        control.signal.addEventListener("abort", abort, { once: true });
        worker.on("message", (message: WorkerMessage) => {
          if (message.type === "progress") control.progress(message.progress);
          else if (message.type === "done") finish(() => resolve(message.result));
          else {
            // A 4xx is final (the runner does not try it again); a 5xx is tried again.
            const e = message.error;
            finish(() => reject(new AppError(e.status, e.code, e.message, e.issues)));
          }
        });
        worker.on("error", (error) => finish(() => reject(error)));
        worker.on("exit", (code) => finish(() => reject(new Error(`the worker thread stopped before it finished (exit code ${code})`))));
      }),
  };
}
