// The API's throughput for one incident read against a bare node:http server running the same SQL
// through the same driver (bench/http-server.ts), measured in the same run on the same database.
// Both servers run in child processes; this process is the load generator: closed loop (each of
// `concurrency` workers sends its next request when the previous answer has been read in full),
// keep-alive connections, a fixed duration per round, rounds alternating between the two servers
// with the order flipped every round, after an untimed warm-up of each. Every answer must be 200.
import { spawn, type ChildProcess } from "node:child_process";
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { checkpoint } from "./interrupt.js";

export interface ThroughputOptions {
  concurrency: number;
  roundSeconds: number;
  rounds: number;
}

export interface ThroughputResult extends ThroughputOptions {
  request: string;
  /** Requests per second over all timed rounds of each server. */
  api_per_second: number;
  bare_per_second: number;
  /** api / bare. */
  ratio: number;
  /** Requests per second of each round, in the order run. */
  rounds_per_second: { api: number[]; bare: number[] };
}

const SERVER_FILE = fileURLToPath(new URL("./http-server.ts", import.meta.url));

interface Server {
  port: number;
  child: ChildProcess;
}

async function startServer(kind: "api" | "bare", databaseUrl: string, schema: string | null): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER_FILE], {
    env: { ...process.env, BENCH_SERVER: kind, BENCH_SERVER_DATABASE_URL: databaseUrl, BENCH_SERVER_SCHEMA: schema ?? "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the ${kind} server exited (${code}) before listening`)));
    lines.on("line", (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
  });
  return { port, child };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
  server.child.kill("SIGTERM");
  await exited;
}

/** Closed-loop load for `seconds`: how many requests were answered 200 (anything else stops the run). */
async function drive(port: number, paths: readonly string[], token: string, concurrency: number, seconds: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  let next = 0;
  const one = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${path} answered ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end();
    });
  const worker = async () => {
    while (performance.now() < deadline) {
      await one(paths[next++ % paths.length]!);
      done++;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return done;
}

export async function measureThroughput(
  database: { url: string; schema: string | null },
  incidentIds: readonly string[],
  token: string,
  options: ThroughputOptions,
): Promise<ThroughputResult> {
  const paths = incidentIds.map((id) => `/api/v1/incidents/${id}`);
  const api = await startServer("api", database.url, database.schema);
  let bare: Server | undefined;
  try {
    bare = await startServer("bare", database.url, database.schema);
    const servers = { api, bare };
    // Warm-up: JIT, statement caches, the rows coming into cache; not counted.
    for (const kind of ["api", "bare"] as const) await drive(servers[kind].port, paths, token, options.concurrency, 1);
    const perRound = { api: [] as number[], bare: [] as number[] };
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? (["api", "bare"] as const) : (["bare", "api"] as const);
      for (const kind of order) {
        checkpoint();
        const answered = await drive(servers[kind].port, paths, token, options.concurrency, options.roundSeconds);
        perRound[kind].push(Math.round(answered / options.roundSeconds));
      }
    }
    const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    const apiRate = mean(perRound.api);
    const bareRate = mean(perRound.bare);
    return {
      ...options,
      request: "GET /api/v1/incidents/<id> with an API token (Bearer), a different incident of the token's post each request",
      api_per_second: apiRate,
      bare_per_second: bareRate,
      ratio: Math.round((apiRate / bareRate) * 1000) / 1000,
      rounds_per_second: perRound,
    };
  } finally {
    await stopServer(api);
    if (bare) await stopServer(bare);
  }
}
