// SQLite without a blocking busy wait. better-sqlite3 is synchronous: with a busy_timeout, a
// statement that meets another process's write lock (a CLI import, a second server on the same
// file) waits inside the call, and the whole event loop — every other request, /api/health — waits
// with it. So the connection has no busy_timeout (connection.ts) and this driver waits instead:
// every transaction begins with BEGIN IMMEDIATE, which takes the write lock at the start (a busy
// database is found before any work is done, and nothing inside the transaction can meet the lock
// later), and a BEGIN or a statement outside a transaction that finds the database busy is tried
// again on a timer, with backoff, up to a bound; then it fails with DatabaseBusyError (503
// database_busy with Retry-After, http/errors.ts). Between tries the one connection is let go of,
// so the other requests' queries are not held up behind the waiting one. Hand-written because Kysely's SqliteDriver
// starts transactions with a plain BEGIN and has no hook for retrying; this wraps it, one code path
// for every transaction and statement of the app.
import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from "kysely";
import { AppError } from "../domain/errors.js";

/** Seconds a client is asked to wait after a database_busy answer. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

export class DatabaseBusyError extends AppError {
  constructor() {
    super(503, "database_busy", "The database is busy with another writer (an import, say); try again in a few seconds.");
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Run `attempt` until it does not fail busy, waiting 5 ms, 10 ms, ... (at most 200 ms) between tries,
 * for at most `boundMs`. While it waits it lets go of the one connection (`letGo`, `takeBack`), so
 * other requests' reads and writes go on meanwhile instead of queueing behind it.
 */
async function patiently<T>(attempt: () => Promise<T>, boundMs: number, letGo: () => Promise<void>, takeBack: () => Promise<void>): Promise<T> {
  const giveUpAt = Date.now() + boundMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() + delay > giveUpAt) throw new DatabaseBusyError();
      await letGo();
      await new Promise((resolve) => setTimeout(resolve, delay));
      await takeBack();
    }
  }
}

/** The one connection, knowing whether it is inside a transaction (where the lock is held already). */
class PatientConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly driver: PatientSqliteDriver,
  ) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.inTransaction ? this.inner.executeQuery<R>(query) : this.driver.patiently(() => this.inner.executeQuery<R>(query));
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class PatientSqliteDriver implements Driver {
  #connection: PatientConnection | undefined;
  constructor(
    private readonly inner: Driver,
    private readonly boundMs: number,
  ) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    // SQLite has one connection: wrap it once.
    if (this.#connection?.inner !== connection) this.#connection = new PatientConnection(connection, this);
    return this.#connection;
  }
  /** Retry a busy statement or BEGIN, the connection let go of between tries (Kysely's SqliteDriver holds it with a mutex). */
  patiently<T>(attempt: () => Promise<T>): Promise<T> {
    const inner = this.#connection!.inner;
    return patiently(
      attempt,
      this.boundMs,
      () => this.inner.releaseConnection(inner),
      async () => void (await this.inner.acquireConnection()),
    );
  }
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const patient = connection as PatientConnection;
    await this.patiently(() => patient.inner.executeQuery(CompiledQuery.raw("begin immediate")));
    patient.inTransaction = true;
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const patient = connection as PatientConnection;
    await patient.inner.executeQuery(CompiledQuery.raw("commit"));
    patient.inTransaction = false;
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const patient = connection as PatientConnection;
    patient.inTransaction = false;
    await patient.inner.executeQuery(CompiledQuery.raw("rollback"));
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as PatientConnection).inner);
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** Kysely's SQLite dialect with the driver above. */
export class PatientSqliteDialect extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly boundMs: number,
  ) {
    super(config);
  }
  override createDriver(): Driver {
    return new PatientSqliteDriver(super.createDriver(), this.boundMs);
  }
}
