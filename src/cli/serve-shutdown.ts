// Graceful shutdown for `rapporteur serve`. On SIGTERM (an orchestrator or systemd stopping us) or
// SIGINT (Ctrl-C): stop accepting connections, let the requests in flight finish for up to
// SHUTDOWN_GRACE_SECONDS, then cut off whatever is still open, close the database and exit: 0 when
// everything finished in time, 1 when requests had to be cut off. A second signal while shutting
// down exits at once (Ctrl-C twice), as people expect. The job runner stops taking jobs at once;
// the jobs it runs get the same grace, then are stopped and queued again (jobs/runner.ts).
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.js";
import type { JobRunner } from "../modules/jobs/runner.js";

/** After the grace period, closing the database gets this long more (a handler may still hold a connection). */
const CLOSE_DATABASE_MS = 5_000;

export function shutDownOnSignals(app: FastifyInstance, context: AppContext, graceSeconds: number, runner?: JobRunner): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, "second signal while shutting down: exiting now");
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal, grace_seconds: graceSeconds }, "shutting down: no new connections; finishing the requests in flight");
    let cutOff = false;
    const grace = setTimeout(() => {
      cutOff = true;
      app.log.warn({ grace_seconds: graceSeconds }, "shutdown grace period over: closing the connections still open");
      app.server.closeAllConnections();
    }, graceSeconds * 1000);
    try {
      await Promise.all([app.close(), runner?.stop(graceSeconds * 1000), context.notifier.stop()]);
    } finally {
      clearTimeout(grace);
    }
    const closed = await Promise.race([
      context.close().then(() => true),
      new Promise<false>((done) => setTimeout(() => done(false), CLOSE_DATABASE_MS).unref()),
    ]);
    if (!closed) app.log.warn("the database did not close in time");
    app.log.info("stopped");
    process.exit(cutOff || !closed ? 1 : 0);
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));
}
