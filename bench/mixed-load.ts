// `npm run bench:mixed`: many clients at once against real app servers, over HTTP, with a mix of
// creates and reads, the load under which the issue saw creates wait (p50 975 ms against 60 ms
// reads). On PostgreSQL it runs one server, then three on the same schema (the way to outgrow one
// machine); on SQLite one server, for information. Each server is a process of its own
// (mixed-server.ts). After the load it checks that no write was lost and the audit chain verifies
// against the checkpoints the servers signed while it ran. Writes bench/mixed-results.json.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { writeFile } from "node:fs/promises";
import pg from "pg";
import { openContext, type AppContext } from "../src/context.js";
import { EMBASSIES } from "../src/db/seed/posts.js";
import { CLI_ACTOR, type UserActor } from "../src/modules/auth/actor.js";
import { generateIncidents } from "../src/modules/demo/generator.js";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "../src/http/cookies.js";
import { DEFAULT_POSTGRES_URL, SetupError } from "./options.js";
import { dropLeftoverSchemas, dropSchema, probePostgres, withoutCredentials } from "./databases.js";

// Not bench/databases.ts's prefix: that benchmark drops every schema of its prefix left by a killed
// run, which would take this one's away from under it when both run at once.
const SCHEMA_PREFIX = "rapporteur_mixed_";
const KINDS = ["create", "list", "read", "search"] as const;
type Kind = (typeof KINDS)[number];

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(value) || value < 1) throw new SetupError(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

function nonNegativeInt(name: string, fallback: number): number {
  return process.env[name] === "0" ? 0 : positiveInt(name, fallback);
}

const options = {
  clients: positiveInt("BENCH_MIXED_CLIENTS", 200),
  requests: positiveInt("BENCH_MIXED_REQUESTS", 3000),
  /**
   * Each client's mean pause between an answer and its next request (exponentially distributed),
   * as people using the app pause; 0 sends the next at once (a closed loop, which on a small
   * machine measures its CPU, not the waits on locks).
   */
  thinkMs: nonNegativeInt("BENCH_MIXED_THINK_MS", 4000),
  prefill: positiveInt("BENCH_MIXED_PREFILL", 5000),
  posts: Math.min(EMBASSIES.length, positiveInt("BENCH_MIXED_POSTS", 8)),
  pool: positiveInt("BENCH_MIXED_POOL", 10),
  /**
   * Each server's checkpoint interval. `serve` defaults to 300 s; 10 s makes every run sign several
   * checkpoints per server while the load goes on (each holds the chain head for a moment).
   */
  checkpointSeconds: positiveInt("BENCH_MIXED_CHECKPOINT_SECONDS", 10),
  postgresUrl: process.env["BENCH_DATABASE_URL"] ?? process.env["TEST_DATABASE_URL"] ?? null,
};
/** One request in five creates an incident; the rest read (a page of the list, one incident, a search). */
const MIX: readonly Kind[] = ["create", "list", "read", "search", "list", "create", "read", "list", "search", "read"];

interface Reporter {
  actor: UserActor;
  cookie: string;
  csrf: string;
  /** Ids of incidents of the reporter's post, for reads of one. */
  incidents: string[];
}

interface Setup {
  url: string;
  schema?: string;
  dir: string;
  context: AppContext;
}

// ---- the servers ------------------------------------------------------------------------------

async function startServer(setup: Setup, index: number): Promise<{ base: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "mixed-server.ts")], {
    env: {
      ...process.env,
      BENCH_SERVER_DATABASE_URL: setup.url,
      BENCH_SERVER_SCHEMA: setup.schema ?? "",
      BENCH_SERVER_POOL: String(options.pool),
      BENCH_SERVER_CHECKPOINT_SECONDS: String(options.checkpointSeconds),
      // Each server its own checkpoint file, as each app server has its own disk; one signing key.
      BENCH_SERVER_CHECKPOINT_FILE: join(setup.dir, `checkpoints-${index}.jsonl`),
      BENCH_SERVER_SIGNING_KEY_FILE: join(setup.dir, "signing-key.pem"),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench server ${index} exited (${code}) before listening`)));
  });
  const { port } = JSON.parse(first) as { port: number };
  return { base: `http://127.0.0.1:${port}`, process: child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

// ---- the clients ------------------------------------------------------------------------------

async function signIn(base: string, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`bench sign-in failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const cookie = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
  const csrf = cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))!.slice(CSRF_COOKIE.length + 1);
  return { cookie, csrf };
}

/** Reporters of `options.posts` posts, each with `prefill / posts` incidents of its own already recorded. */
async function prepareReporters(context: AppContext): Promise<(Reporter & { password: string; email: string })[]> {
  const reporters: (Reporter & { password: string; email: string })[] = [];
  const perPost = Math.max(1, Math.floor(options.prefill / options.posts));
  for (const { code } of EMBASSIES.slice(0, options.posts)) {
    const email = `reporter.${code.toLowerCase()}@bench.rapporteur.invalid`;
    const password = randomBytes(18).toString("base64url");
    const user = await context.services.users.createUser(CLI_ACTOR, {
      email,
      name: `Synthetic load reporter (${code})`,
      role: "reporter",
      post: code,
      password,
    });
    const actor: UserActor = { kind: "user", id: user.id, email: user.email, name: user.name, role: "reporter", postCode: user.post };
    const incidents: string[] = [];
    for (let done = 0; done < perPost; done += 500) {
      const batch = generateIncidents(Math.min(500, perPost - done), { seed: reporters.length * 1000 + done + 1, countries: [code] });
      incidents.push(...(await context.services.incidents.createIncidents(actor, batch)));
    }
    reporters.push({ actor, email, password, cookie: "", csrf: "", incidents });
  }
  return reporters;
}

interface Sample {
  kind: Kind;
  ms: number;
  status: number;
}

async function request(base: string, reporter: Reporter, kind: Kind, i: number): Promise<Sample> {
  const headers: Record<string, string> = { cookie: reporter.cookie };
  let path = "/api/v1/incidents";
  let init: RequestInit = { headers };
  if (kind === "create") {
    const [incident] = generateIncidents(1, { seed: 1_000_000 + i, countries: [reporter.actor.postCode] });
    init = { method: "POST", headers: { ...headers, "content-type": "application/json", [CSRF_HEADER]: reporter.csrf }, body: JSON.stringify(incident) };
  } else if (kind === "read") {
    path = `/api/v1/incidents/${reporter.incidents[i % reporter.incidents.length]!}`;
  } else if (kind === "search") {
    path = `/api/v1/incidents?q=${i % 2 === 0 ? "reported" : "trafficking"}`;
  }
  const start = performance.now();
  const response = await fetch(`${base}${path}`, init);
  await response.arrayBuffer();
  return { kind, ms: performance.now() - start, status: response.status };
}

/** `clients` clients, each sending its next request as soon as the last was answered, until `requests` were sent. */
async function runLoad(bases: string[], reporters: Reporter[], requests: number, timed: boolean): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = [];
  let next = 0;
  const offset = timed ? 0 : 500_000;
  const start = performance.now();
  async function client(c: number) {
    const random = seededRandom(c + 1);
    while (next < requests) {
      if (options.thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, -Math.log(1 - random()) * options.thinkMs));
      if (next >= requests) break;
      const i = next++;
      const reporter = reporters[(c + i) % reporters.length]!;
      samples.push(await request(bases[i % bases.length]!, reporter, MIX[i % MIX.length]!, offset + i));
    }
  }
  await Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
  return { samples, seconds: (performance.now() - start) / 1000 };
}

/** mulberry32: the same pauses on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

function summarise(samples: Sample[]) {
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return Object.fromEntries(
    KINDS.map((kind) => {
      const mine = samples.filter((s) => s.kind === kind);
      const sorted = mine.map((s) => s.ms).sort((a, b) => a - b);
      const errors = mine.filter((s) => s.status >= 400).length;
      return [
        kind,
        { requests: mine.length, errors, p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)), p99_ms: round(percentile(sorted, 99)) },
      ];
    }),
  ) as Record<Kind, { requests: number; errors: number; p50_ms: number; p95_ms: number; p99_ms: number }>;
}

/**
 * PostgreSQL: every 50 ms, how many of the servers' connections wait for a lock, and how many sit
 * in a transaction waiting for their server (holding whatever locks they took). The means over
 * the load say how much of the time writes spend queued, whatever the machine's speed.
 */
function sampleConnections(url: string) {
  let stop = false;
  const samples: { locked: number; idleInTransaction: number; active: number }[] = [];
  const done = (async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      while (!stop) {
        const { rows } = await client.query<{ locked: number; idle_in_transaction: number; active: number }>(
          `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS locked,
                  count(*) FILTER (WHERE state = 'idle in transaction')::int AS idle_in_transaction,
                  count(*) FILTER (WHERE state = 'active')::int AS active
             FROM pg_stat_activity WHERE application_name = 'rapporteur-bench-mixed'`,
        );
        samples.push({ locked: rows[0]!.locked, idleInTransaction: rows[0]!.idle_in_transaction, active: rows[0]!.active });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await client.end();
    }
  })();
  const mean = (pick: (s: (typeof samples)[number]) => number) =>
    Math.round((samples.reduce((sum, s) => sum + pick(s), 0) / Math.max(1, samples.length)) * 100) / 100;
  return async () => {
    stop = true;
    await done;
    return {
      samples: samples.length,
      mean_waiting_on_a_lock: mean((s) => s.locked),
      mean_idle_in_transaction: mean((s) => s.idleInTransaction),
      mean_active: mean((s) => s.active),
    };
  };
}

// ---- one run ----------------------------------------------------------------------------------

async function runOn(label: string, url: string, schema: string | undefined, instances: number) {
  const dir = mkdtempSync(join(tmpdir(), "rapporteur-mixed-"));
  const databaseUrl = schema === undefined ? `sqlite:${join(dir, "bench.db")}` : url;
  const context = await openContext(
    {
      DATABASE_URL: databaseUrl,
      SESSION_IDLE_MINUTES: 60,
      SESSION_ABSOLUTE_HOURS: 12,
      AUDIT_CHECKPOINT_FILE: join(dir, "checkpoints-0.jsonl"),
      AUDIT_SIGNING_KEY_FILE: join(dir, "signing-key.pem"),
    },
    schema === undefined ? {} : { schema },
  );
  const servers: ChildProcess[] = [];
  try {
    process.stdout.write(`${label}: recording ${options.prefill} incidents to read...\n`);
    const reporters = await prepareReporters(context);
    const setup: Setup = { url: databaseUrl, dir, context, ...(schema === undefined ? {} : { schema }) };
    const bases: string[] = [];
    for (let i = 0; i < instances; i++) {
      const server = await startServer(setup, i);
      servers.push(server.process);
      bases.push(server.base);
    }
    for (const [i, reporter] of reporters.entries()) Object.assign(reporter, await signIn(bases[i % bases.length]!, reporter.email, reporter.password));
    const before = await context.db
      .selectFrom("incidents")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const warm = await runLoad(bases, reporters, Math.min(options.requests, options.clients * 2), false);
    process.stdout.write(`${label}: ${options.clients} clients, ${options.requests} requests over ${instances} server(s)...\n`);
    const stopSampling = schema === undefined ? null : sampleConnections(url);
    const { samples, seconds } = await runLoad(bases, reporters, options.requests, true);
    const connections = stopSampling === null ? null : await stopSampling();
    const created = [...warm.samples, ...samples].filter((s) => s.kind === "create" && s.status === 201).length;
    const after = await context.db
      .selectFrom("incidents")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    // The servers' checkpoint files are each checked against the log, as `audit verify` on each would.
    const verifications = [];
    for (let i = 0; i < instances; i++) {
      const verifier = await openContext(
        {
          DATABASE_URL: databaseUrl,
          SESSION_IDLE_MINUTES: 60,
          SESSION_ABSOLUTE_HOURS: 12,
          AUDIT_CHECKPOINT_FILE: join(dir, `checkpoints-${i}.jsonl`),
          AUDIT_SIGNING_KEY_FILE: join(dir, "signing-key.pem"),
        },
        { migrate: false, ...(schema === undefined ? {} : { schema, poolSize: 1 }) },
      );
      try {
        verifications.push(await verifier.services.audit.verify(CLI_ACTOR));
      } finally {
        await verifier.close();
      }
    }
    const result = {
      label,
      instances,
      clients: options.clients,
      requests: samples.length,
      seconds: Math.round(seconds * 10) / 10,
      requests_per_second: Math.round(samples.length / seconds),
      kinds: summarise(samples),
      connections,
      lost_writes: Number(before.n) + created - Number(after.n),
      audit_chain: verifications.map((v) => ({
        ok: v.ok,
        checked: v.checked,
        checkpoints: v.checkpoints,
        ...(v.firstBad ? { first_bad: v.firstBad.reason } : {}),
      })),
    };
    printResult(result);
    return result;
  } finally {
    for (const server of servers) await stopServer(server);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function printResult(r: Awaited<ReturnType<typeof runOn>>): void {
  const lines = [`  ${r.requests} requests in ${r.seconds} s (${r.requests_per_second}/s)`, "  kind      requests  errors     p50     p95     p99 (ms)"];
  for (const kind of KINDS) {
    const k = r.kinds[kind];
    lines.push(
      `  ${kind.padEnd(8)} ${String(k.requests).padStart(9)} ${String(k.errors).padStart(7)} ${[k.p50_ms, k.p95_ms, k.p99_ms].map((v) => v.toFixed(1).padStart(7)).join(" ")}`,
    );
  }
  const target = r.kinds.create.p95_ms <= 250 ? "met" : "NOT met";
  lines.push(
    `  creates p95 ≤ 250 ms: ${target}; lost writes: ${r.lost_writes}; audit chain: ${r.audit_chain.map((v) => (v.ok ? `ok (${v.checked} events, ${v.checkpoints} checkpoints)` : `BROKEN: ${v.first_bad}`)).join(", ")}`,
  );
  if (r.connections !== null) {
    const c = r.connections;
    lines.push(
      `  connections (mean of ${c.samples} looks): ${c.mean_waiting_on_a_lock} waiting on a lock, ${c.mean_idle_in_transaction} idle in a transaction, ${c.mean_active} active`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main(): Promise<void> {
  const results = [];
  const url = options.postgresUrl ?? DEFAULT_POSTGRES_URL;
  const probe = await probePostgres(url);
  if (!probe.ok && options.postgresUrl !== null) throw new SetupError(`PostgreSQL at ${withoutCredentials(url)} cannot be reached: ${probe.reason}`);
  // Some of "postgres-1", "postgres-3", "sqlite", comma-separated (default: all three).
  const only = process.env["BENCH_MIXED_ONLY"]?.split(",");
  const wanted = (run: string) => only === undefined || only.includes(run);
  if (probe.ok) {
    await dropLeftoverSchemas(url, SCHEMA_PREFIX);
    for (const instances of [1, 3]) {
      if (!wanted(`postgres-${instances}`)) continue;
      const schema = `${SCHEMA_PREFIX}${randomBytes(6).toString("hex")}`;
      try {
        results.push(await runOn(`PostgreSQL, ${instances} server(s)`, url, schema, instances));
      } finally {
        await dropSchema(url, schema);
      }
    }
  } else {
    process.stderr.write(`\nWARNING: PostgreSQL at ${withoutCredentials(url)} cannot be reached (${probe.reason}); only SQLite is measured.\n\n`);
  }
  if (wanted("sqlite")) results.push(await runOn("SQLite, 1 server", url, undefined, 1));
  const document = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, options: { ...options, postgresUrl: undefined }, results };
  await writeFile(join(import.meta.dirname, "mixed-results.json"), `${JSON.stringify(document, null, 2)}\n`);
  const failed = results.some((r) => r.lost_writes !== 0 || r.audit_chain.some((v) => !v.ok) || KINDS.some((k) => r.kinds[k].errors > 0));
  if (failed) {
    process.stderr.write("a write was lost, a request failed or the audit chain does not verify\n");
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${error instanceof SetupError ? error.message : (error as Error).stack}\n`);
  process.exitCode = 1;
}
