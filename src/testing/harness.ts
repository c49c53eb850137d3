// The integration-test harness: `forEachDatabase` runs a suite once per database, each run on its
// own fresh database with the HTTP app built over it, plus helpers to make users and sign in.
// A signed-in test user carries its session's CSRF token, and `request` sends it with every change
// as the web app does; `csrf: false` sends a change without it.
import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe } from "vitest";
import { buildApp, type AppOptions } from "../app.js";
import type { AppContext } from "../context.js";
import type { DialectName } from "../db/dialect.js";
import type { Role } from "../domain/vocabulary.js";
import { CLI_ACTOR, type UserActor } from "../modules/auth/actor.js";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "../http/cookies.js";
import { databaseKinds, openTestDatabase, type TestConfig, type TestDatabase } from "./databases.js";
import { jobRunner } from "../modules/jobs/runner.js";
import type { JobOutput } from "../modules/jobs/schema.js";

export interface TestUser {
  actor: UserActor;
  email: string;
  password: string;
  /** Cookie header value of a signed-in session. */
  cookie: string;
  /** The session's CSRF token (the rapporteur_csrf cookie), sent in X-CSRF-Token with changes. */
  csrf?: string;
}

interface TestRequest extends InjectOptions {
  json?: unknown;
  /** false: leave out the X-CSRF-Token header a signed-in user's change would carry. */
  csrf?: boolean;
}

export interface TestEnv {
  dialect: DialectName;
  context: AppContext;
  app: FastifyInstance;
  /** Create a user through the service and sign them in through the API. */
  user(role: Role, post?: string): Promise<TestUser>;
  /** `app.inject` with the user's session cookie (and CSRF token, for changes) and JSON body. */
  request(user: TestUser | null, options: TestRequest): Promise<LightMyRequestResponse>;
  /**
   * For an answer 202 with a job (an import): follow the job (as `user`, or with `headers`) until it
   * ends, and answer as the request would have if it had waited: 200 with the job's result, or the
   * job's error with its status. Any other answer is given back as it is.
   */
  finished(user: TestUser | null, response: LightMyRequestResponse, headers?: Record<string, string>): Promise<Answer>;
}

/** What tests read of an answer. */
type Answer = Pick<LightMyRequestResponse, "statusCode" | "body" | "headers" | "json">;

/** The HTTP status of a job's error code, as the request would have been answered had it waited. */
const JOB_ERROR_STATUS: Record<string, number> = { forbidden: 403, validation_failed: 400, nothing_imported: 400 };

/** The sign-in rate limit is out of the way: the suite signs in hundreds of users from one address. */
export const TEST_APP_CONFIG = {
  BODY_LIMIT_BYTES: 1024 * 1024,
  // Larger than every statistics fixture, small enough to test going over it.
  UPLOAD_LIMIT_BYTES: 2 * 1024 * 1024,
  // Larger than every attachment a test sends, small enough to test going over it.
  ATTACHMENT_LIMIT_BYTES: 256 * 1024,
  COOKIE_SECURE: false,
  TRUST_PROXY: false,
  LOG_LEVEL: "silent",
  LOGIN_RATE_LIMIT: 1_000_000,
} as const;

export interface TestEnvOptions {
  /** The context's settings where they differ from TEST_CONFIG (the product's second-factor roles, say). */
  config?: TestConfig;
  /** The app's settings where they differ from TEST_APP_CONFIG (single sign-on, say). */
  app?: Partial<AppOptions["config"]>;
}

export async function createTestEnv(kind: DialectName, options: TestEnvOptions = {}): Promise<TestEnv & { close(): Promise<void> }> {
  const database: TestDatabase = await openTestDatabase(kind, options.config);
  const { context } = database;
  const app = await buildApp(context, { config: { ...TEST_APP_CONFIG, ...options.app }, validateResponses: true });
  // Jobs (imports) run as they do under `serve`: a runner polling this database.
  const runner = jobRunner({ db: context.db, dialect: context.dialect, handlers: context.jobs.handlers, local: context.jobs.local, pollMs: 20 });
  runner.start();
  let counter = 0;

  const env: TestEnv & { close(): Promise<void> } = {
    dialect: kind,
    context,
    app,
    async user(role, post) {
      const email = `${role}.${++counter}.${randomBytes(3).toString("hex")}@example.org`;
      const password = `pw-${randomBytes(12).toString("hex")}`;
      const created = await context.services.users.createUser(CLI_ACTOR, { email, name: `Test ${role} ${counter}`, role, post, password });
      const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
      if (login.statusCode !== 200) throw new Error(`test sign-in failed: ${login.statusCode} ${login.body}`);
      const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!;
      const csrf = login.cookies.find((c) => c.name === CSRF_COOKIE)!;
      return {
        actor: { kind: "user", id: created.id, email, name: created.name, role, postCode: created.post },
        email,
        password,
        cookie: `${SESSION_COOKIE}=${cookie.value}`,
        csrf: csrf.value,
      };
    },
    request(user, { json, headers, csrf, ...options }) {
      const change = (options.method ?? "GET").toUpperCase() !== "GET" && (options.method ?? "GET").toUpperCase() !== "HEAD";
      const withCsrf = change && csrf !== false && user?.csrf !== undefined;
      return app.inject({
        ...options,
        headers: { ...(user ? { cookie: user.cookie } : {}), ...(withCsrf ? { [CSRF_HEADER]: user.csrf } : {}), ...(headers ?? {}) },
        ...(json === undefined ? {} : { payload: json as object }),
      });
    },
    async finished(user, response, headers) {
      if (response.statusCode !== 202) return response;
      const { id } = response.json<{ id: string }>();
      for (let i = 0; i < 2000; i++) {
        const job = (await env.request(user, { method: "GET", url: `/api/v1/jobs/${id}`, ...(headers ? { headers } : {}) })).json<JobOutput>();
        if (job.state === "succeeded" || job.state === "failed" || job.state === "cancelled") {
          const [statusCode, answer] = job.state === "succeeded" ? [200, job.result] : [JOB_ERROR_STATUS[job.error?.code ?? ""] ?? 500, { error: job.error }];
          const body = JSON.stringify(answer);
          return { statusCode, body, headers: response.headers, json: () => JSON.parse(body) } as Answer;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`job ${id} did not end`);
    },
    async close() {
      await runner.stop();
      await app.close();
      await database.close();
    },
  };
  return env;
}

/** Run `body` once per available database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). */
export function forEachDatabase(title: string, body: (env: () => TestEnv) => void, options: TestEnvOptions = {}): void {
  for (const kind of databaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let env: (TestEnv & { close(): Promise<void> }) | undefined;
      beforeAll(async () => {
        env = await createTestEnv(kind, options);
      });
      afterAll(async () => {
        await env?.close();
      });
      body(() => {
        if (!env) throw new Error("test environment not ready");
        return env;
      });
    });
  }
}
