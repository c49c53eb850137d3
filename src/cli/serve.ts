// `rapporteur serve`: open (and if needed create and migrate) the database, make the first
// administrator of an empty install, make sure the audit signing key exists, clear uploads a killed
// predecessor left in the temp dir, and listen until SIGTERM or SIGINT (then shut down gracefully:
// serve-shutdown.ts); while serving, checkpoint the audit chain every AUDIT_CHECKPOINT_INTERVAL_SECONDS
// when it has grown; run the job runner (jobs/runner.ts) and the notifier (notifications/notifier.ts),
// stopped with the server.
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { openContext } from "../context.js";
import type { SystemActor } from "../modules/auth/actor.js";
import { jobRunner } from "../modules/jobs/runner.js";
import { removeStaleSpools } from "../modules/stats/upload.js";
import { shutDownOnSignals } from "./serve-shutdown.js";

const SERVER_ACTOR: SystemActor = { kind: "system", name: "server" };

export async function run(): Promise<number | void> {
  const config = loadConfig();
  // A dropped database connection is logged through the app's logger once it exists; the process goes on.
  let app: FastifyInstance | undefined;
  const onConnectionError = (error: Error) =>
    app
      ? app.log.warn({ err: error }, "database connection lost; the next request reconnects")
      : process.stderr.write(`database connection lost: ${error.message}\n`);
  const context = await openContext(config, { onConnectionError });
  const admin = await context.services.users.ensureFirstAdmin(config.BOOTSTRAP_ADMIN_EMAIL);
  // The signing key is made on first start (not on the first checkpoint), so it can be pinned at once.
  const publicKey = context.services.audit.publicKey(SERVER_ACTOR);
  const server = await buildApp(context, { config });
  app = server;
  // The uploads of queued and running jobs stay: their jobs will read them.
  const removed = await removeStaleSpools(undefined, (ids) => context.services.jobs.ended(ids));
  if (removed.length > 0) app.log.info({ removed: removed.length }, "removed uploads left by a server that was stopped mid-upload");
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${port}`;
  const checkpoints = setInterval(() => {
    context.services.audit.checkpointIfDue(SERVER_ACTOR).catch((error: unknown) => server.log.error({ err: error }, "audit checkpoint failed"));
  }, config.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000);
  checkpoints.unref();
  process.stdout.write(`\nRapporteur is serving ${url} on ${context.dialect === "sqlite" ? config.DATABASE_URL : "PostgreSQL"}\n`);
  process.stdout.write(`Audit checkpoints are signed with the public key ${publicKey} (pin it on verifiers with AUDIT_PUBLIC_KEY)\n`);
  if (admin) {
    process.stdout.write(
      `${[
        "",
        "  This is a new installation. An administrator has been created:",
        "",
        `      e-mail:   ${admin.email}`,
        `      password: ${admin.password}`,
        "",
        "  The password is shown this once and must be changed after signing in.",
        `  Sign in:  curl -c cookies.txt -H 'content-type: application/json' \\`,
        `              -d '{"email":"${admin.email}","password":"${admin.password}"}' ${url}/api/v1/auth/login`,
        "  More users: npx rapporteur user add --email E --name N --role reporter --post DE --password-stdin",
        "",
      ].join("\n")}\n`,
    );
  }
  // Long work (imports) runs off the request thread, on this process's runner and any other server's.
  const runner = jobRunner({
    db: context.db,
    dialect: context.dialect,
    handlers: context.jobs.handlers,
    local: context.jobs.local,
    log: (message, error) => server.log.warn({ err: error }, message),
  });
  runner.start();
  // Notifications from the audit log and the due dates, and their e-mails (when SMTP_URL is set): every server ticks, one does each piece of work.
  context.notifier.start(config.NOTIFICATION_INTERVAL_SECONDS * 1000);
  shutDownOnSignals(app, context, config.SHUTDOWN_GRACE_SECONDS, runner);
}
