// The databases the benchmark runs on, each fresh and removed afterwards: a temporary SQLite
// file, and a new PostgreSQL schema that is dropped at the end (or on the next run, if this one
// was killed before it could clean up).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openContext, type AppContext } from "../src/context.js";

const BENCH_SCHEMA_PREFIX = "rapporteur_bench_";

const CONTEXT_CONFIG = { SESSION_IDLE_MINUTES: 60, SESSION_ABSOLUTE_HOURS: 12 } as const;

export interface BenchDatabase {
  context: AppContext;
  /** "SQLite 3.x" or "PostgreSQL 15.x", for the report. */
  server: string;
  /** Where the data lives, without credentials. */
  location: string;
  /** How another process opens the same data (the throughput servers): DATABASE_URL and schema. */
  url: string;
  schema: string | null;
  close(): Promise<void>;
}

export async function openSqlite(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "rapporteur-bench-"));
  const file = join(dir, "bench.db");
  try {
    const context = await openContext({ ...CONTEXT_CONFIG, DATABASE_URL: `sqlite:${file}` });
    const { rows } = await sql<{ version: string }>`SELECT sqlite_version() AS version`.execute(context.db);
    return {
      context,
      server: `SQLite ${rows[0]?.version ?? "?"}`,
      location: file,
      url: `sqlite:${file}`,
      schema: null,
      async close() {
        await context.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Whether a server answers at `url`; the reason when it does not. */
export async function probePostgres(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message || String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Before anything is measured: remove schemas of killed earlier runs. */
export async function preparePostgres(url: string): Promise<void> {
  await dropLeftoverSchemas(url);
}

export async function openPostgres(url: string): Promise<BenchDatabase> {
  const schema = `${BENCH_SCHEMA_PREFIX}${randomBytes(6).toString("hex")}`;
  let context: AppContext | undefined;
  try {
    context = await openContext({ ...CONTEXT_CONFIG, DATABASE_URL: url }, { schema });
    const { rows } = await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(context.db);
    const opened = context;
    return {
      context: opened,
      server: `PostgreSQL ${rows[0]?.version ?? "?"}`,
      location: `${withoutCredentials(url)} (schema ${schema})`,
      url,
      schema,
      async close() {
        await opened.close();
        await dropSchema(url, schema);
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await dropSchema(url, schema).catch(() => undefined);
    throw error;
  }
}

export function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//");
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

/** Schemas of earlier runs that were killed before their own cleanup (each benchmark has its own prefix, so one never drops another's). */
export async function dropLeftoverSchemas(url: string, prefix = BENCH_SCHEMA_PREFIX): Promise<void> {
  await withClient(url, async (client) => {
    const { rows } = await client.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)", [prefix]);
    for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
