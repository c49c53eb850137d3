// Opens the database named by a URL: `sqlite:<path>` (or `sqlite::memory:`) through
// better-sqlite3, `postgres://...` through a pg pool. Both come back as the same Kysely<Database>.
// The pool outlives its connections: one the server drops (restart, failover, idle reaper) is
// logged and thrown away, and the next query opens a new one (see `watchPool`).
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, type SqliteDatabase } from "kysely";
import pg from "pg";
import type { DialectName } from "./dialect.js";
import { SqliteBooleans } from "./rows.js";
import { PatientSqliteDialect } from "./sqlite-busy.js";
import type { Database } from "./types.js";

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: use this schema (created if missing) instead of `public`. Tests use it. */
  schema?: string;
  /** PostgreSQL only: pool size. */
  poolSize?: number;
  /** PostgreSQL only: the application_name of our connections (tests find their own backends by it). */
  applicationName?: string;
  /** Told of each connection the database dropped; the process goes on (default: a line on stderr). */
  onConnectionError?: (error: Error) => void;
  /** SQLite only: how long a write waits, asynchronously, for another process's write lock before it fails as busy (503). */
  busyWaitMs?: number;
}

/** How long a request waits for a new connection before it is answered 503 (pg waits forever by default). */
const CONNECT_TIMEOUT_MS = 5_000;

const PG_DATE = 1082;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * Type parsers for our pool only (the global pg.types is left alone): dates stay `YYYY-MM-DD`
 * strings, never a JS Date built in the host time zone; int8 (counts, ids) becomes a number.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === PG_DATE) return (value: string) => value;
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as unknown as pg.CustomTypesConfig;

function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<DatabaseHandle> {
  return isPostgresUrl(url) ? openPostgres(url, options) : openSqlite(url, options);
}

/** How long a request's write waits for another process's lock by default: a few seconds, then 503. */
const SQLITE_BUSY_WAIT_MS = 3_000;

function openSqlite(url: string, options: OpenOptions): DatabaseHandle {
  const location = url.replace(/^sqlite:/, "");
  if (location !== ":memory:") mkdirSync(dirname(resolve(location)), { recursive: true });
  const raw = new BetterSqlite3(location);
  raw.pragma("journal_mode = WAL");
  raw.pragma("foreign_keys = ON");
  // No busy_timeout: better-sqlite3 would wait for a lock synchronously, holding the event loop
  // (every request) for as long as it waits. A busy database is told at once and waited for with
  // timers instead (sqlite-busy.ts).
  raw.pragma("busy_timeout = 0");
  raw.pragma("synchronous = NORMAL");
  // Booleans go in as 0/1 (withBooleanParameters) and come back as booleans (rows.ts).
  const dialect = new PatientSqliteDialect({ database: withBooleanParameters(raw) }, options.busyWaitMs ?? SQLITE_BUSY_WAIT_MS);
  const db = new Kysely<Database>({ dialect, plugins: [new SqliteBooleans()] });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/** better-sqlite3 refuses to bind booleans; SQLite stores them as 0/1, so convert on the way in. */
function withBooleanParameters(raw: BetterSqlite3.Database): SqliteDatabase {
  const fix = (params: ReadonlyArray<unknown>) => params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p));
  return {
    close: () => void raw.close(),
    prepare(query: string) {
      const statement = raw.prepare(query);
      return {
        reader: statement.reader,
        all: (params: ReadonlyArray<unknown>) => statement.all(fix(params)),
        run: (params: ReadonlyArray<unknown>) => statement.run(fix(params)),
        iterate: (params: ReadonlyArray<unknown>) => statement.iterate(fix(params)),
      };
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<DatabaseHandle> {
  const schema = options.schema;
  if (schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  watchPool(pool, options.onConnectionError ?? ((error) => process.stderr.write(`database connection lost: ${error.message}\n`)));
  // Fail at open, with the server's message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

/**
 * Without listeners, a dropped connection kills the process: pg emits `error` on the pool for an
 * idle client, and on the client itself for one checked out between two queries (in a
 * transaction, say), and an `error` event nobody listens to is thrown. With these, the error is
 * reported and the query in flight fails on its own (answered 503, http/errors.ts); pg-pool
 * discards the dead client when it is released (it is no longer queryable) or while idle, so no
 * dead client is handed out again, and the next query connects anew.
 */
function watchPool(pool: pg.Pool, report: (error: Error) => void): void {
  // An idle client's error reaches both; it is reported once, by the client's own listener.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", (error) => report(error)));
}
