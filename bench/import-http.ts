// `npm run bench:import-http` (also run by `npm run bench`): does a long job block the server?
// Serves the app on each database (a temporary SQLite file; PostgreSQL in a fresh schema when
// reachable), uploads a 1,000,000-row SDMX-CSV file over HTTP (BENCH_IMPORT_HTTP_ROWS changes it)
// and, while the import job runs, asks `/api/health` and `GET /api/v1/incidents` one after the other
// without pause, reporting p50/p99 of each and the import's duration. Target: p99 < 100 ms on both.
// Writes bench/import-http-results.json.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import pg from "pg";
import { buildApp } from "../src/app.js";
import { openContext } from "../src/context.js";
import { CLI_ACTOR } from "../src/modules/auth/actor.js";
import { jobRunner } from "../src/modules/jobs/runner.js";

const ROWS = Number(process.env["BENCH_IMPORT_HTTP_ROWS"] ?? 1_000_000);
const TARGET_P99_MS = 100;
const ROOT = resolve(import.meta.dirname, "..");
const PG_URL = process.env["BENCH_DATABASE_URL"] ?? process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** 40 geos × 25 years × series: an SDMX-CSV 1.0 file of `rows` values, written with backpressure. */
async function generate(path: string, rows: number): Promise<void> {
  const geos = ["AT", "BE", "BG", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL"];
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, "drain");
  };
  await write("DATAFLOW,freq,iccs,geo,TIME_PERIOD,OBS_VALUE\n");
  for (let n = 0; n < rows; n++) {
    const year = 2000 + (n % 25);
    const geo = geos[Math.floor(n / 25) % geos.length]!;
    await write(`ESTAT:BENCH_HTTP(1.0),A,ICCS${Math.floor(n / (25 * geos.length))},${geo},${year},${(n * 7919) % 100_000}\n`);
  }
  out.end();
  await once(out, "finish");
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    requests: ms.length,
    p50_ms: Number(percentile(sorted, 50).toFixed(1)),
    p99_ms: Number(percentile(sorted, 99).toFixed(1)),
    max_ms: Number((sorted.at(-1) ?? NaN).toFixed(1)),
  };
};

async function measure(database: "sqlite" | "postgres", url: string, file: string, schema?: string) {
  const context = await openContext({ DATABASE_URL: url, SESSION_IDLE_MINUTES: 60, SESSION_ABSOLUTE_HOURS: 12 }, schema ? { schema } : {});
  const app = await buildApp(context, {
    config: {
      BODY_LIMIT_BYTES: 1024 * 1024,
      UPLOAD_LIMIT_BYTES: 1024 ** 3,
      COOKIE_SECURE: false,
      TRUST_PROXY: false,
      LOG_LEVEL: "silent",
      LOGIN_RATE_LIMIT: 1000,
    },
  });
  const runner = jobRunner({ db: context.db, dialect: context.dialect, handlers: context.jobs.handlers, local: context.jobs.local, pollMs: 200 });
  runner.start();
  try {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const password = "bench password that is long enough";
    await context.services.users.createUser(CLI_ACTOR, { email: "bench.analyst@example.org", name: "Bench analyst", role: "analyst", password });
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bench.analyst@example.org", password }),
    });
    const cookies = login.headers.getSetCookie().map((c) => c.split(";")[0]!);
    const csrf = cookies.find((c) => c.startsWith("rapporteur_csrf="))!.split("=")[1]!;
    const headers = { cookie: cookies.join("; ") };

    const started = performance.now();
    const accepted = await fetch(`${base}/api/v1/stats/imports`, {
      method: "POST",
      headers: { ...headers, "x-csrf-token": csrf, "content-type": "text/csv" },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    if (accepted.status !== 202) throw new Error(`the upload was answered ${accepted.status}: ${await accepted.text()}`);
    const uploadedMs = performance.now() - started;
    const { id } = (await accepted.json()) as { id: string };

    const health: number[] = [];
    const list: number[] = [];
    const timed = async (into: number[], path: string) => {
      const t = performance.now();
      const response = await fetch(`${base}${path}`, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      into.push(performance.now() - t);
    };
    let job: { state: string; error: unknown; result: { added?: number } | null } = { state: "queued", error: null, result: null };
    for (let i = 0; job.state === "queued" || job.state === "running"; i++) {
      await timed(health, "/api/health");
      await timed(list, "/api/v1/incidents?limit=50");
      if (i % 10 === 0) job = (await (await fetch(`${base}/api/v1/jobs/${id}`, { headers })).json()) as typeof job;
    }
    const seconds = (performance.now() - started) / 1000;
    if (job.state !== "succeeded") throw new Error(`the import job ended ${job.state}: ${JSON.stringify(job.error)}`);
    const result = {
      database,
      rows: ROWS,
      added: job.result?.added ?? null,
      upload_seconds: Number((uploadedMs / 1000).toFixed(2)),
      import_seconds: Number(seconds.toFixed(2)),
      health: summary(health),
      list: summary(list),
    };
    const ok = result.health.p99_ms < TARGET_P99_MS && result.list.p99_ms < TARGET_P99_MS;
    process.stdout.write(
      `${database}: ${ROWS.toLocaleString("en")} rows imported over HTTP in ${result.import_seconds} s (upload ${result.upload_seconds} s); meanwhile /api/health p50 ${result.health.p50_ms} ms p99 ${result.health.p99_ms} ms (${result.health.requests} requests), list p50 ${result.list.p50_ms} ms p99 ${result.list.p99_ms} ms: ${ok ? "OK" : "OVER TARGET"}\n`,
    );
    return { ...result, within_target: ok };
  } finally {
    await runner.stop();
    await app.close();
    await context.close();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const dir = mkdtempSync(join(tmpdir(), "rapporteur-bench-import-http-"));
const schema = `rapporteur_bench_http_${Date.now()}`;
try {
  const file = join(dir, "bench.csv");
  await generate(file, ROWS);
  process.stdout.write(`Generated ${ROWS.toLocaleString("en")} rows (${(statSync(file).size / 1e6).toFixed(0)} MB); importing over HTTP...\n`);
  const results = [await measure("sqlite", `sqlite:${join(dir, "bench.db")}`, file)];
  if (await postgresReachable()) {
    try {
      results.push(await measure("postgres", PG_URL, file, schema));
    } finally {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  } else process.stdout.write(`!! PostgreSQL at ${PG_URL} cannot be reached: measured on SQLite only\n`);
  writeFileSync(join(ROOT, "bench/import-http-results.json"), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
  if (results.some((r) => !r.within_target)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
