// The benchmark's knobs, read once from the environment so every other file gets plain numbers.
// Defaults are sized for the question (100,000 incidents) on a small 2-core machine.

export interface BenchOptions {
  /** Incidents in each database when the queries are timed. */
  incidents: number;
  /**
   * Incidents per `createIncidents` call and per raw batch, measured or filling. One size for all
   * keeps the posts evenly represented (see batchSource).
   */
  batchSize: number;
  /** Incidents written by each path (service, raw) while its rate is measured. */
  measuredPerPath: number;
  warmupRuns: number;
  timedRuns: number;
  /** Timed runs of each dashboard request (each reads every counted incident, so fewer). */
  dashboardRuns: number;
  /** The API-throughput comparison: concurrent connections, seconds per round, rounds per server. */
  http: { concurrency: number; roundSeconds: number; rounds: number };
  /** Explicit PostgreSQL URL (BENCH_DATABASE_URL, else TEST_DATABASE_URL), or null. */
  postgresUrl: string | null;
}

/** A problem with the environment (an unreachable or unsuitable database, a bad knob): said in one line, no stack. */
export class SetupError extends Error {}

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(value) || value < 1) throw new SetupError(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

export function readOptions(): BenchOptions {
  const incidents = positiveInt("BENCH_INCIDENTS", 100_000);
  const batchSize = Math.min(positiveInt("BENCH_BATCH", 500), incidents);
  // Two warm-up batches plus the measured ones must fit in the target size; 20,000 per path (40
  // batches) averages out the batch-to-batch spread while the whole run stays within two minutes.
  const room = Math.max(batchSize, Math.floor((incidents - 2 * batchSize) / 2));
  const measuredPerPath = Math.max(batchSize, Math.floor(Math.min(20_000, room) / batchSize) * batchSize);
  return {
    incidents,
    batchSize,
    measuredPerPath,
    warmupRuns: positiveInt("BENCH_WARMUP", 20),
    timedRuns: positiveInt("BENCH_RUNS", 200),
    dashboardRuns: positiveInt("BENCH_DASHBOARD_RUNS", 20),
    http: {
      concurrency: positiveInt("BENCH_HTTP_CONCURRENCY", 8),
      roundSeconds: positiveInt("BENCH_HTTP_SECONDS", 3),
      rounds: positiveInt("BENCH_HTTP_ROUNDS", 4),
    },
    postgresUrl: process.env["BENCH_DATABASE_URL"] || process.env["TEST_DATABASE_URL"] || null,
  };
}
