// A job handler that runs each job in a worker thread (worker-main.ts) with its own database
// connection, so long CPU work and SQLite's synchronous writes stay off the HTTP event loop. The
// threads are kept for the next job (starting one loads the code anew, which takes a second or
// more); an idle one does not keep the process alive. Cancelling a job terminates its thread: its
// open transaction dies with its connection, so nothing half-written is left.
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
  database: WorkerDatabase;
}

export interface WorkerTask {
  entry: string;
  payload: unknown;
}

export type WorkerMessage =
  | { type: "ready" }
  | { type: "progress"; progress: JobProgress }
  | { type: "done"; result: unknown }
  | { type: "failed"; error: { status: number; code: string; message: string; issues: { path: string; message: string }[] } };

const BOOTSTRAP = new URL("./worker-bootstrap.js", import.meta.url);

/** `entry`: the URL of a module exporting `runJob(db, payload, progress)`. */
export function workerHandler(entry: string, database: WorkerDatabase, ended?: JobHandler["ended"]): JobHandler {
  const idle: Worker[] = [];
  const all = new Set<Worker>();

  function spawn(): Worker {
    const worker = new Worker(BOOTSTRAP, { workerData: { database } satisfies WorkerData });
    all.add(worker);
    worker.on("exit", () => {
      all.delete(worker);
      const at = idle.indexOf(worker);
      if (at !== -1) idle.splice(at, 1);
    });
    return worker;
  }

  return {
    ...(ended ? { ended } : {}),
    run: (job, control) =>
      new Promise((resolve, reject) => {
        const worker = idle.pop() ?? spawn();
        worker.ref();
        let settled = false;
        const finish = (outcome: () => void, reuse: boolean) => {
          if (settled) return;
          settled = true;
          control.signal.removeEventListener("abort", abort);
          worker.off("message", onMessage);
          worker.off("error", onError);
          worker.off("exit", onExit);
          if (reuse) {
            worker.unref();
            idle.push(worker);
          } else void worker.terminate();
          outcome();
        };
        // Answered once the thread is gone, so its transaction has ended with it (on SQLite the
        // write lock is free again for whoever cancelled).
        const abort = () => {
          worker.off("exit", onExit);
          void worker.terminate().finally(() => finish(() => reject(control.signal.reason), false));
        };
        const onMessage = (message: WorkerMessage) => {
          if (message.type === "progress") control.progress(message.progress);
          else if (message.type === "done") finish(() => resolve(message.result), true);
          else if (message.type === "failed") {
            // A 4xx is final (the runner does not try it again); a 5xx is tried again.
            const e = message.error;
            finish(() => reject(new AppError(e.status, e.code, e.message, e.issues)), true);
          }
        };
        const onError = (error: Error) => finish(() => reject(error), false);
        const onExit = (code: number) => finish(() => reject(new Error(`the worker thread stopped before it finished (exit code ${code})`)), false);
        control.signal.addEventListener("abort", abort, { once: true });
        worker.on("message", onMessage);
        worker.on("error", onError);
        worker.on("exit", onExit);
        worker.postMessage({ entry, payload: job.payload } satisfies WorkerTask);
      }),
    async close() {
      await Promise.all([...all].map((worker) => worker.terminate()));
    },
  };
}
