// SQLite: another process holds the write lock (a CLI import, say). A write request must not block
// the event loop while it waits (the blocking busy_timeout did, for 5 s, then answered 500): it
// waits asynchronously, a bounded while, then answers 503 database_busy with Retry-After; while it
// waits, /api/health answers; once the lock is released, the same write succeeds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { openContext, type AppContext } from "../context.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { TEST_CONFIG } from "../testing/databases.js";
import { TEST_APP_CONFIG } from "../testing/harness.js";

describe("a write that meets SQLite's write lock held by another process", () => {
  let dir: string;
  let context: AppContext;
  let app: FastifyInstance;
  let other: BetterSqlite3.Database;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rapporteur-busy-"));
    const path = join(dir, "test.db");
    context = await openContext({ ...TEST_CONFIG, DATABASE_URL: `sqlite:${path}` }, { busyWaitMs: 1_000 });
    app = await buildApp(context, { config: TEST_APP_CONFIG });
    const password = "a long enough password 1";
    await context.services.users.createUser(CLI_ACTOR, { email: "admin@example.org", name: "Admin", role: "admin", password });
    const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "admin@example.org", password } });
    cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    csrf = login.cookies.find((c) => c.name === "rapporteur_csrf")!.value;
    other = new BetterSqlite3(path);
  });
  afterAll(async () => {
    other.close();
    await app.close();
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const createPost = (code: string) =>
    app.inject({
      method: "POST",
      url: "/api/v1/posts",
      headers: { cookie, "x-csrf-token": csrf },
      payload: { country_code: code, name: `Embassy ${code}`, city: "Capital" },
    });

  it("when the lock is held, then the write answers 503 database_busy with Retry-After and /api/health answers meanwhile; once released, the write succeeds", async () => {
    other.exec("BEGIN IMMEDIATE");
    let waiting = true;
    const write = createPost("JP").finally(() => {
      waiting = false;
    });
    // While the write waits, the server keeps answering (a blocking wait would answer none of these until it gave up).
    let answeredMeanwhile = 0;
    while (waiting) {
      const health = await app.inject({ method: "GET", url: "/api/health" });
      expect(health.statusCode).toBe(200);
      if (waiting) answeredMeanwhile++;
      // Let the event loop turn (inject alone never reaches its timers phase).
      await new Promise((resolve) => setImmediate(resolve));
    }
    const response = await write;
    expect(answeredMeanwhile, "health checks answered while the write waited").toBeGreaterThan(5);
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers["retry-after"]).toMatch(/^\d+$/);
    expect(response.json()).toMatchObject({ error: { code: "database_busy" } });

    other.exec("ROLLBACK");
    const retried = await createPost("JP");
    expect(retried.statusCode, retried.body).toBe(201);
  });

  it("when the lock is released while the write waits, then the write succeeds", async () => {
    other.exec("BEGIN IMMEDIATE");
    const write = createPost("KR");
    // Released once the server is seen to answer while the write waits.
    expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    other.exec("ROLLBACK");
    const response = await write;
    expect(response.statusCode, response.body).toBe(201);
  });
});
