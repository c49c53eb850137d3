// When the database blinks: requests that cannot reach it are answered 503 database_unavailable in
// the error envelope, with Retry-After and the security headers; /api/health says degraded and why;
// liveness still answers, readiness does not (nor while migrations wait). On a real PostgreSQL
// (TEST_DATABASE_URL), the app's own backends are terminated (as a restart, failover or idle reaper
// does): the request in flight gets 503, the process goes on, and the next requests are served
// again without a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { Kysely, PostgresDialect } from "kysely";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { localJobs } from "../jobs/local.js";
import { notifier } from "../notifications/notifier.js";
import { buildServices, openContext, type AppContext } from "../../context.js";
import { migrateToLatest } from "../../db/migrate.js";
import type { Database } from "../../db/types.js";
import { SESSION_COOKIE } from "../../http/cookies.js";
import { TEST_APP_CONFIG } from "../../testing/harness.js";
import { TEST_CONFIG, testSchemaName } from "../../testing/databases.js";
import { CLI_ACTOR } from "../auth/actor.js";

/** A loopback port nothing listens on: a database that is away. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function expectUnavailable(response: LightMyRequestResponse): void {
  expect(response.statusCode, response.body).toBe(503);
  expect(response.json()).toEqual({ error: { code: "database_unavailable", message: expect.stringMatching(/try again/), issues: [] } });
  expect(response.headers["retry-after"]).toMatch(/^\d+$/);
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(response.headers["content-security-policy"]).toBeDefined();
}

/** Poll `attempt` until it returns a value, for at most `ms` (an attempt that throws fails the test). */
async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await attempt();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`${what} did not happen within ${ms} ms`);
}

describe("when the database is away", () => {
  let app: FastifyInstance;
  let db: Kysely<Database>;

  beforeAll(async () => {
    const port = await closedPort();
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ host: "127.0.0.1", port, user: "nobody", connectionTimeoutMillis: 2_000 }) }),
    });
    const handle = { db, dialect: "postgres" as const, close: () => db.destroy() };
    const context: AppContext = {
      ...handle,
      services: buildServices(handle, { ...TEST_CONFIG, DATABASE_URL: `postgres://127.0.0.1:${port}/away` }),
      jobs: { local: localJobs(), handlers: {} },
      notifier: notifier({ db, dialect: "postgres", mail: null }),
    };
    app = await buildApp(context, { config: TEST_APP_CONFIG, validateResponses: true });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it("then a signed-in request and a sign-in are answered 503 database_unavailable with Retry-After, in the envelope", async () => {
    expectUnavailable(await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: `${SESSION_COOKIE}=${"a".repeat(43)}` } }));
    expectUnavailable(
      await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "someone@example.org", password: "a password of some length" } }),
    );
  });

  it("then /api/health says degraded and why, liveness answers 200 and readiness 503", async () => {
    const health = await app.inject({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ status: "degraded", database: "postgres", version: expect.any(String), reason: "The database does not answer." });
    const live = await app.inject({ method: "GET", url: "/api/health/live" });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: "ok", version: expect.any(String) });
    const ready = await app.inject({ method: "GET", url: "/api/health/ready" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: "not_ready", database: "postgres", reason: "The database does not answer." });
  });
});

describe("when the database answers but its schema is behind", () => {
  it("then readiness is 503 not_ready naming how many migrations wait, while liveness and health answer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapporteur-ready-"));
    const context = await openContext({ ...TEST_CONFIG, DATABASE_URL: `sqlite:${join(dir, "empty.db")}` }, { migrate: false });
    const app = await buildApp(context, { config: TEST_APP_CONFIG, validateResponses: true });
    try {
      const ready = await app.inject({ method: "GET", url: "/api/health/ready" });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: "not_ready", database: "sqlite", reason: expect.stringMatching(/not up to date: \d+ migration\(s\) to apply/) });
      expect((await app.inject({ method: "GET", url: "/api/health/live" })).statusCode).toBe(200);
      expect((await app.inject({ method: "GET", url: "/api/health" })).json()).toMatchObject({ status: "ok" });
      await migrateToLatest(context.db);
      expect((await app.inject({ method: "GET", url: "/api/health/ready" })).json()).toEqual({ status: "ready", database: "sqlite" });
    } finally {
      await app.close();
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const url = process.env["TEST_DATABASE_URL"];

describe.runIf(url)("when PostgreSQL terminates the app's connections [postgres]", () => {
  const schema = testSchemaName();
  // Our pool's backends, and only ours, carry this name: the test terminates nothing else.
  const applicationName = `rapporteur-outage-${randomBytes(4).toString("hex")}`;
  const lost: Error[] = [];
  let context: AppContext;
  let app: FastifyInstance;
  let admin: pg.Client;
  let cookie: string;

  const ours = async () =>
    (
      await admin.query<{ pid: number; state: string; wait_event_type: string | null }>(
        "SELECT pid, state, wait_event_type FROM pg_stat_activity WHERE application_name = $1",
        [applicationName],
      )
    ).rows;
  const terminateOurs = async () => {
    const { rowCount } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [applicationName]);
    return rowCount ?? 0;
  };
  const me = () => app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie } });

  beforeAll(async () => {
    context = await openContext(
      { ...TEST_CONFIG, DATABASE_URL: url! },
      { schema, poolSize: 4, applicationName, onConnectionError: (error) => void lost.push(error) },
    );
    app = await buildApp(context, { config: TEST_APP_CONFIG, validateResponses: true });
    admin = new pg.Client({ connectionString: url, application_name: `${applicationName}-admin` });
    await admin.connect();
    const email = `outage.${randomBytes(3).toString("hex")}@example.org`;
    const password = `pw-${randomBytes(12).toString("hex")}`;
    await context.services.users.createUser(CLI_ACTOR, { email, name: "Outage Tester", role: "analyst", password });
    const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
    expect(login.statusCode, login.body).toBe(200);
    cookie = `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
  });
  afterAll(async () => {
    await app?.close();
    await context?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  it("when a request is in flight as its backend is terminated, then it gets 503 and the next requests are served again, without a restart", async () => {
    expect((await me()).statusCode).toBe(200);
    // Hold the request inside the database: it waits for a lock another session holds.
    const locker = new pg.Client({ connectionString: url, application_name: `${applicationName}-locker`, options: `-c search_path=${schema}` });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE");
      const inFlight = me();
      await eventually("the request waiting on the lock", async () => ((await ours()).some((b) => b.wait_event_type === "Lock") ? true : undefined));
      expect(await terminateOurs()).toBeGreaterThan(0);
      expectUnavailable(await inFlight);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
    }
    // Service comes back by itself: poll what the server answers, with a bound.
    const served = await eventually("a 200 after the outage", async () => {
      const response = await me();
      if (response.statusCode !== 200) expectUnavailable(response);
      return response.statusCode === 200 ? response : undefined;
    });
    expect(served.json()).toMatchObject({ name: "Outage Tester" });
    expect((await app.inject({ method: "GET", url: "/api/health/ready" })).json()).toEqual({ status: "ready", database: "postgres" });
  });

  it("when idle connections are terminated, then the pool's error is reported, the process goes on, and requests are served", async () => {
    expect((await me()).statusCode).toBe(200);
    await eventually("an idle backend of ours", async () => ((await ours()).some((b) => b.state === "idle") ? true : undefined));
    const reportedBefore = lost.length;
    expect(await terminateOurs()).toBeGreaterThan(0);
    // pg tells the pool's idle clients; without a listener on the pool this error ends the process.
    await eventually("the lost connection reported", async () => (lost.length > reportedBefore ? true : undefined));
    const served = await eventually("a 200 after the idle connections were dropped", async () => {
      const response = await me();
      if (response.statusCode !== 200) expectUnavailable(response);
      return response.statusCode === 200 ? response : undefined;
    });
    expect(served.statusCode).toBe(200);
    const health = await app.inject({ method: "GET", url: "/api/health" });
    expect(health.json()).toMatchObject({ status: "ok", database: "postgres" });
  });
});
