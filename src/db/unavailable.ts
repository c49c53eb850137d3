// Whether an error means "the database is away for now" (a restart, a failover, an idle reaper, a
// network blink) rather than a fault in the request or in our code. Such errors are answered 503
// with Retry-After (http/errors.ts), so clients retry instead of reporting a bug; the pool makes new
// connections by itself once the server answers again (db/connection.ts).

/** Node's socket errors when the server cannot be reached or the connection dies under us. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (the server is shutting down,
 * crash recovery, cannot accept connections yet), 53300 (too many connections).
 */
const PG_STATES = /^(08...|57P0[123]|53300)$/;

/** pg's own messages for a connection lost or never made (it gives them no code). */
const PG_MESSAGES = [/^Connection terminated/, /not queryable/, /^timeout exceeded when trying to connect/];

/** SQLite: another process held the write lock past busy_timeout; trying again later is right. */
const SQLITE_CODES = new Set(["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_TIMEOUT"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || PG_STATES.test(code) || SQLITE_CODES.has(code))) return true;
    if (PG_MESSAGES.some((pattern) => pattern.test((e as Error).message))) return true;
    // AggregateError: Node tries each address of "localhost" (::1, 127.0.0.1) and reports them all.
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** Seconds a client is asked to wait before trying again (pg reconnects on the next request). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
