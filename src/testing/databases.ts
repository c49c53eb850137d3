// Test databases: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set. Each test file gets
// its own fresh database (a temporary SQLite file, or a new PostgreSQL schema dropped afterwards),
// built by the same migrations and seed as production.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openContext, type AppContext, type ContextConfig } from "../context.js";
import type { Role } from "../domain/vocabulary.js";
import type { DialectName } from "../db/dialect.js";

export const TEST_SCHEMA_PREFIX = "rt_";

/**
 * A fresh schema name that says when it was made (rt_<seconds since epoch>_<random>), so a later
 * run can clear what an interrupted one left behind without touching a run still going.
 */
export function testSchemaName(): string {
  return `${TEST_SCHEMA_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
}

/** Whether a test schema is old enough (over two hours) to be an interrupted run's leftover. */
export function isStaleTestSchema(name: string, now = Date.now()): boolean {
  const match = /^rt_(\d+)_[0-9a-f]+$/.exec(name);
  return match === null ? name.startsWith(TEST_SCHEMA_PREFIX) : now / 1000 - Number(match[1]) > 2 * 3600;
}

export function databaseKinds(): DialectName[] {
  return process.env["TEST_DATABASE_URL"] ? ["sqlite", "postgres"] : ["sqlite"];
}

/**
 * No role needs a second factor here: most suites sign admins, editors and auditors in by password
 * to test something else. The suites about signing in build their context with the product's
 * default (`{ SECOND_FACTOR_ROLES: undefined }`), and the harness's tests prove that default holds.
 */
export const TEST_CONFIG = { SESSION_IDLE_MINUTES: 60, SESSION_ABSOLUTE_HOURS: 12, SECOND_FACTOR_ROLES: [] as Role[] } as const;

/** What a suite may set differently from TEST_CONFIG. */
export type TestConfig = Partial<Omit<ContextConfig, "DATABASE_URL">>;

export interface TestDatabase {
  context: AppContext;
  close(): Promise<void>;
}

export async function openTestDatabase(kind: DialectName, config: TestConfig = {}): Promise<TestDatabase> {
  const { contexts, close } = await openTestInstances(kind, 1, config);
  return { context: contexts[0]!, close };
}

/**
 * `count` app servers' contexts over one fresh database. On PostgreSQL each has its own pool and
 * services over the same schema, as separate app servers would (the first migrates and seeds, the
 * others find it up to date), sharing one audit signing key and checkpoint file. SQLite is one
 * process by design: there the servers share the one context.
 */
export async function openTestInstances(
  kind: DialectName,
  count: number,
  config: TestConfig = {},
): Promise<{ contexts: AppContext[]; close(): Promise<void> }> {
  const settings = { ...TEST_CONFIG, ...config };
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "rapporteur-test-"));
    const context = await openContext({ ...settings, DATABASE_URL: `sqlite:${join(dir, "test.db")}` });
    return {
      contexts: Array.from({ length: count }, () => context),
      async close() {
        await context.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env["TEST_DATABASE_URL"]!;
  const schema = testSchemaName();
  // The audit checkpoint file and signing key would default to ./data: give each file its own.
  const dir = mkdtempSync(join(tmpdir(), "rapporteur-test-"));
  const files = { AUDIT_CHECKPOINT_FILE: join(dir, "audit-checkpoints.jsonl"), AUDIT_SIGNING_KEY_FILE: join(dir, "audit-signing-key.pem") };
  const contexts: AppContext[] = [];
  async function close() {
    for (const context of contexts) await context.close();
    rmSync(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  }
  try {
    // One after the other: the first brings the schema up, the others find nothing to do.
    for (let i = 0; i < count; i++) contexts.push(await openContext({ ...settings, DATABASE_URL: url, ...files }, { schema, poolSize: 4 }));
  } catch (error) {
    await close();
    throw error;
  }
  return { contexts, close };
}
