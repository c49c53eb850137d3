// One app server for the mixed-load benchmark (bench/mixed-load.ts), in a process of its own so
// that the load generator and the server do not share an event loop, and several of them can
// stand on one PostgreSQL schema as separate app servers would. It listens on a free port, says
// which on its first line of output, checkpoints the audit chain on a timer as `serve` does (to
// its own checkpoint file, every BENCH_SERVER_CHECKPOINT_SECONDS), and stops on SIGTERM.
import type { AddressInfo } from "node:net";
import { buildApp } from "../src/app.js";
import { openContext } from "../src/context.js";
import type { SystemActor } from "../src/modules/auth/actor.js";

const SERVER_ACTOR: SystemActor = { kind: "system", name: "server" };

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`mixed-server: ${name} is not set`);
  return value;
}

const schema = process.env["BENCH_SERVER_SCHEMA"];
const poolSize = process.env["BENCH_SERVER_POOL"];
const context = await openContext(
  {
    DATABASE_URL: required("BENCH_SERVER_DATABASE_URL"),
    SESSION_IDLE_MINUTES: 60,
    SESSION_ABSOLUTE_HOURS: 12,
    AUDIT_CHECKPOINT_FILE: required("BENCH_SERVER_CHECKPOINT_FILE"),
    AUDIT_SIGNING_KEY_FILE: required("BENCH_SERVER_SIGNING_KEY_FILE"),
  },
  {
    migrate: false,
    // The load generator finds our connections by this name, to count those waiting on a lock.
    applicationName: "rapporteur-bench-mixed",
    ...(schema ? { schema } : {}),
    ...(poolSize ? { poolSize: Number(poolSize) } : {}),
  },
);
const app = await buildApp(context, {
  config: {
    BODY_LIMIT_BYTES: 1024 * 1024,
    UPLOAD_LIMIT_BYTES: 1024 * 1024,
    COOKIE_SECURE: false,
    TRUST_PROXY: false,
    LOG_LEVEL: "error",
    LOGIN_RATE_LIMIT: 1_000_000,
  },
});
await app.listen({ port: 0, host: "127.0.0.1" });
const checkpoints = setInterval(
  () => {
    context.services.audit.checkpointIfDue(SERVER_ACTOR).catch((error: unknown) => process.stderr.write(`audit checkpoint failed: ${String(error)}\n`));
  },
  Number(process.env["BENCH_SERVER_CHECKPOINT_SECONDS"] ?? "10") * 1000,
);
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`);
process.on("SIGTERM", () => {
  clearInterval(checkpoints);
  void app
    .close()
    .then(() => context.close())
    .then(() => process.exit(0));
});
