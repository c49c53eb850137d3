// `rapporteur serve` as a process: it clears uploads a killed predecessor left behind, shuts down
// gracefully on SIGTERM (the request in flight is answered, new connections are refused, exit 0),
// and on PostgreSQL it outlives the database dropping its connections.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spoolRoot } from "../modules/stats/upload.js";
import { cliDatabase, RAPPORTEUR_BIN } from "../testing/cli.js";

interface Server {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves once the output matches `pattern` (fails after `ms`, or when the process ends first). */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [RAPPORTEUR_BIN, "serve"], {
    env: { PATH: process.env["PATH"] ?? "", PORT: "0", LOG_LEVEL: "info", ...env },
  });
  let output = "";
  const waiters = new Set<() => void>();
  const heard = (d: Buffer) => {
    output += d.toString();
    for (const check of waiters) check();
  };
  child.stdout!.on("data", heard);
  child.stderr!.on("data", heard);
  let ended = false;
  const exited = new Promise<number | null>((done) =>
    child.on("close", (code) => {
      ended = true;
      for (const check of waiters) check();
      done(code);
    }),
  );
  // Generous: a cold start compiles the app through tsx, slow on a busy machine; only the bound is long.
  const waitFor = (pattern: RegExp, ms = 60_000) =>
    new Promise<RegExpExecArray>((done, fail) => {
      const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${ms} ms in:\n${output}`)), ms);
      const finish = (error: Error | null, match?: RegExpExecArray) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) fail(error);
        else done(match!);
      };
      const check = () => {
        const match = pattern.exec(output);
        if (match) finish(null, match);
        else if (ended) finish(new Error(`the server ended before ${pattern}:\n${output}`));
      };
      waiters.add(check);
      check();
    });
  const url = (await waitFor(/serving (http:\/\/\S+)/))[1]!;
  return { child, url, output: () => output, waitFor, exited };
}

async function stopServer(server: Server | undefined): Promise<void> {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
}

describe("rapporteur serve on SQLite", () => {
  let dir: string;
  let server: Server | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "rapporteur-serve-"));
  });
  afterAll(async () => {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it("when it starts, then a killed server's upload is removed; on SIGTERM the request in flight is answered, new connections are refused, and it exits 0", async () => {
    // A temp dir of the test's own, holding what a server killed mid-upload left behind.
    const temp = join(dir, "tmp");
    const ended = spawnSync(process.execPath, ["-e", ""]).pid!;
    const leftOver = join(spoolRoot(temp), `${ended}-XyZ123`);
    mkdirSync(leftOver, { recursive: true });
    writeFileSync(join(leftOver, "upload"), "DATAFLOW,geo\nhalf an upl");

    server = await startServer({ DATABASE_URL: `sqlite:${join(dir, "serve.db")}`, TMPDIR: temp, SHUTDOWN_GRACE_SECONDS: "30" });
    const password = (await server.waitFor(/password: (\S+)/))[1]!;
    expect(existsSync(leftOver)).toBe(false);

    // A sign-in whose body is sent in two halves: in flight from its headers on.
    const body = JSON.stringify({ email: "admin@rapporteur.local", password });
    const half = Math.floor(body.length / 2);
    let inFlight: ReturnType<typeof request> | undefined;
    const answer = new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request(
        `${server!.url}/api/v1/auth/login`,
        { method: "POST", headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } },
        (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString()));
          res.on("end", () => done({ status: res.statusCode!, body: text }));
        },
      );
      req.on("error", fail);
      req.write(body.slice(0, half));
      inFlight = req;
    });
    await server.waitFor(/"url":"\/api\/v1\/auth\/login"[^\n]*"msg":"incoming request"|"msg":"incoming request"[^\n]*"url":"\/api\/v1\/auth\/login"/);

    server.child.kill("SIGTERM");
    await server.waitFor(/shutting down/);
    await expect(fetch(`${server.url}/api/health/live`)).rejects.toThrow();

    inFlight!.end(body.slice(half));
    const response = await answer;
    expect(response.status, response.body).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ email: "admin@rapporteur.local" });
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  }, 120_000);
});

describe("rapporteur serve on SQLite, with no grace period", () => {
  let dir: string;
  let server: Server | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "rapporteur-serve-"));
  });
  afterAll(async () => {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it("when a request is still in flight once SHUTDOWN_GRACE_SECONDS are over, then its connection is cut and the exit code is 1", async () => {
    server = await startServer({ DATABASE_URL: `sqlite:${join(dir, "serve.db")}`, SHUTDOWN_GRACE_SECONDS: "0" });
    // A body that never arrives in full: the request cannot finish by itself.
    const cut = new Promise<Error>((done, fail) => {
      const req = request(
        `${server!.url}/api/v1/auth/login`,
        { method: "POST", headers: { "content-type": "application/json", "content-length": "1000" } },
        (res) => fail(new Error(`answered ${res.statusCode}`)),
      );
      req.on("error", done);
      req.write('{"email": "admin@rapporteur.local", ');
    });
    await server.waitFor(/"msg":"incoming request"/);
    server.child.kill("SIGTERM");
    expect((await cut).message).toMatch(/socket hang up|ECONNRESET/);
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/grace period over/);
  }, 120_000);
});

const postgresUrl = process.env["TEST_DATABASE_URL"];

describe.runIf(postgresUrl)("rapporteur serve on PostgreSQL", () => {
  const database = cliDatabase("postgres", "serve");
  // The server's backends, and only they, carry this name: the test terminates nothing else.
  const applicationName = `rapporteur-serve-${randomBytes(4).toString("hex")}`;
  let server: Server | undefined;
  let admin: pg.Client;
  beforeAll(async () => {
    await database.setUp();
    admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await stopServer(server);
    await admin?.end();
    await database.tearDown();
  });

  it("when PostgreSQL terminates the server's connections, then the process goes on and answers again by itself", async () => {
    server = await startServer({ DATABASE_URL: `${database.env.DATABASE_URL}&application_name=${applicationName}`, LOG_LEVEL: "warn" });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const terminated = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [applicationName]);
    expect(terminated.rowCount).toBeGreaterThan(0);
    // Before the fix, pg's 'error' event on the idle client ended the process here.
    await server.waitFor(/database connection lost/);
    const deadline = Date.now() + 15_000;
    let health: Response | undefined;
    while (Date.now() < deadline) {
      health = await fetch(`${server.url}/api/health`);
      if (health.status === 200) break;
      expect(health.status).toBe(503);
      await new Promise((done) => setTimeout(done, 50));
    }
    expect(health?.status).toBe(200);
    expect(await health!.json()).toMatchObject({ status: "ok", database: "postgres" });
    expect(server.child.exitCode).toBeNull();

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 120_000);
});
