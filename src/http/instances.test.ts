// Three app servers on one database, the way to outgrow one machine: everything shared between
// requests lives in the database, so a mixed load spread over the three loses no write, leaves the
// audit chain intact, and a session, a lockout and the sign-in limit made on one hold on the others.
// On PostgreSQL each server has its own context (pool, services) over the same schema. SQLite is
// one process by design: there the three servers share one context, which still proves that
// nothing shared is held in a server's own memory.
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { AppContext } from "../context.js";
import type { Role } from "../domain/vocabulary.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { databaseKinds, openTestInstances } from "../testing/databases.js";
import { incidentFields } from "../testing/factories.js";
import { TEST_APP_CONFIG } from "../testing/harness.js";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "./cookies.js";

const LIMIT = 6;
const CONCURRENCY = 8;

interface Session {
  email: string;
  cookie: string;
  csrf: string;
}

/** The fields of the answers this test reads (an incident, who is signed in, a verification, an error). */
interface AnswerBody {
  id: string;
  number: number;
  email: string;
  ok: boolean;
  first_bad: unknown;
  checked: number;
  error: { code: string };
}

interface Answer {
  status: number;
  body: AnswerBody;
  headers: Headers;
}

/** Run `tasks` with at most `width` of them at once; their answers in order. */
async function bounded<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}

for (const kind of databaseKinds()) {
  describe(`three app servers on one database [${kind}]`, () => {
    let shared: { contexts: AppContext[]; close(): Promise<void> } | undefined;
    const apps: FastifyInstance[] = [];
    const bases: string[] = [];
    let counter = 0;

    beforeAll(async () => {
      shared = await openTestInstances(kind, 3);
      for (const context of shared.contexts) {
        // Behind a proxy, so that each test client can come from an address of its own.
        const app = await buildApp(context, { config: { ...TEST_APP_CONFIG, TRUST_PROXY: true, LOGIN_RATE_LIMIT: LIMIT } });
        await app.listen({ port: 0, host: "127.0.0.1" });
        apps.push(app);
        bases.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
      }
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await shared?.close();
    });

    async function call(server: number, options: { method?: string; path: string; session?: Session; json?: unknown; from?: string }): Promise<Answer> {
      const method = options.method ?? "GET";
      const headers: Record<string, string> = {};
      if (options.session) {
        headers["cookie"] = options.session.cookie;
        if (method !== "GET") headers[CSRF_HEADER] = options.session.csrf;
      }
      if (options.from) headers["x-forwarded-for"] = options.from;
      if (options.json !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(`${bases[server]}${options.path}`, {
        method,
        headers,
        ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
    }

    function signIn(server: number, email: string, password: string, from: string): Promise<Answer> {
      return call(server, { method: "POST", path: "/api/v1/auth/login", json: { email, password }, from });
    }

    /** A new account (through the first server's services), signed in on `server` from an address of its own. */
    async function account(role: Role, server: number): Promise<Session & { password: string }> {
      const email = `${role}.${++counter}.${randomBytes(3).toString("hex")}@example.org`;
      const password = `pw-${randomBytes(12).toString("hex")}`;
      await shared!.contexts[0]!.services.users.createUser(CLI_ACTOR, {
        email,
        name: `Test ${role} ${counter}`,
        role,
        post: role === "reporter" ? "DE" : undefined,
        password,
      });
      const login = await signIn(server, email, password, `192.0.2.${counter}`);
      expect(login.status, JSON.stringify(login.body)).toBe(200);
      const cookies = login.headers.getSetCookie().map((c) => c.split(";")[0]!);
      const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
      const csrf = cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))!.slice(CSRF_COOKIE.length + 1);
      return { email, password, cookie: session, csrf };
    }

    it("when a mixed load is spread over the three, then no write is lost, no request fails, and the audit chain is intact", async () => {
      const reporters = [await account("reporter", 0), await account("reporter", 0), await account("reporter", 0)];
      const admin = await account("admin", 2);
      const creates = 90;
      // Creates and list reads interleaved, each reporter's session used on every server.
      const load = await bounded(
        CONCURRENCY,
        Array.from({ length: creates * 2 }, (_, i) => () => {
          const session = reporters[Math.floor(i / 3) % 3]!;
          return i % 2 === 0
            ? call(i % 3, { method: "POST", path: "/api/v1/incidents", session, json: incidentFields({ title: `Load ${i}` }) })
            : call(i % 3, { path: "/api/v1/incidents", session });
        }),
      );
      expect(load.filter((a) => a.status >= 500)).toEqual([]);
      const created = load.filter((_, i) => i % 2 === 0);
      expect(created.map((a) => a.status)).toEqual(new Array(creates).fill(201));
      expect(load.filter((_, i) => i % 2 === 1).map((a) => a.status)).toEqual(new Array(creates).fill(200));
      // Each got a number of its own, though three servers handed them out at once.
      expect(new Set(created.map((a) => a.body.number)).size).toBe(creates);

      // Every incident is there on every server.
      const reads = await bounded(
        CONCURRENCY,
        created.flatMap((a) => [0, 1, 2].map((server) => () => call(server, { path: `/api/v1/incidents/${a.body.id}`, session: reporters[0]! }))),
      );
      expect(reads.filter((a) => a.status !== 200)).toEqual([]);
      expect(reads.map((a) => a.body.id)).toEqual(created.flatMap((a) => [a.body.id, a.body.id, a.body.id]));

      for (const server of [0, 1, 2]) {
        const verify = await call(server, { path: "/api/v1/audit/verify", session: admin });
        expect(verify.status).toBe(200);
        expect(verify.body).toMatchObject({ ok: true, first_bad: null });
        expect(verify.body.checked).toBeGreaterThanOrEqual(creates);
      }
    });

    it("when a user signs in on one server, then the session holds on the others, and signing out on one ends it on all", async () => {
      const user = await account("analyst", 0);
      for (const server of [0, 1, 2]) {
        const me = await call(server, { path: "/api/v1/auth/me", session: user });
        expect(me.status).toBe(200);
        expect(me.body.email).toBe(user.email);
      }
      expect((await call(1, { method: "POST", path: "/api/v1/auth/logout", session: user })).status).toBe(200);
      for (const server of [0, 1, 2]) expect((await call(server, { path: "/api/v1/auth/me", session: user })).status).toBe(401);
    });

    it("when an account is locked by wrong passwords through one server, then the right password is refused on the others too", async () => {
      const user = await account("analyst", 0);
      // Each wrong attempt from an address of its own: the lockout counts the account, not the address.
      for (let i = 0; i < 10; i++) expect((await signIn(0, user.email, "not the password", `198.18.0.${i + 1}`)).status).toBe(401);
      for (const server of [1, 2]) {
        const refused = await signIn(server, user.email, user.password, `198.18.1.${server}`);
        expect(refused.status).toBe(401);
        expect(refused.body.error.code).toBe("invalid_credentials");
      }
    });

    it("when one address signs in on the three servers in turn, then the limit counts all its attempts together", async () => {
      const from = "198.51.100.99";
      for (let i = 0; i < LIMIT; i++) expect((await signIn(i % 3, "nobody@example.org", "a guess", from)).status).toBe(401);
      for (const server of [0, 1, 2]) {
        const limited = await signIn(server, "nobody@example.org", "a guess", from);
        expect(limited.status).toBe(429);
        expect(limited.body.error.code).toBe("rate_limited");
        expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      expect((await signIn(1, "nobody@example.org", "a guess", "198.51.100.100")).status).toBe(401);
    });
  });
}
