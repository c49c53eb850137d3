// `npm run bench`: insert rates (service against a raw batched insert) and listing/search
// latencies at 100,000 synthetic incidents, on SQLite and, when a server is reachable, PostgreSQL.
// Prints a table and writes bench/results.json. See bench/README.md for how to read them.
import { fileURLToPath } from "node:url";
import { DEFAULT_POSTGRES_URL, readOptions, SetupError } from "./options.js";
import { openPostgres, openSqlite, preparePostgres, probePostgres, withoutCredentials, type BenchDatabase } from "./databases.js";
import { Interrupted, watchInterrupt } from "./interrupt.js";
import { evaluateTargets, formatDatabase, formatMachine, formatSummary, loudSkip, writeResults, type SkippedDatabase } from "./report.js";
import { fmt, runScenario, type DatabaseResult } from "./scenario.js";

const RESULTS_PATH = fileURLToPath(new URL("./results.json", import.meta.url));

const log = (line: string) => void process.stderr.write(`${line}\n`);

async function onDatabase(open: () => Promise<BenchDatabase>, run: (database: BenchDatabase) => Promise<DatabaseResult>): Promise<DatabaseResult> {
  const database = await open();
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

/** The PostgreSQL URL to use, or why there is none. An explicit URL that fails is an error, not a skip. */
async function choosePostgres(explicit: string | null): Promise<{ url: string } | { skipped: string }> {
  const url = explicit ?? DEFAULT_POSTGRES_URL;
  const probe = await probePostgres(url);
  if (probe.ok) {
    await preparePostgres(url);
    return { url };
  }
  if (explicit) throw new SetupError(`PostgreSQL at ${withoutCredentials(url)} is unreachable: ${probe.reason}`);
  return { skipped: `no BENCH_DATABASE_URL or TEST_DATABASE_URL, and ${withoutCredentials(url)} is unreachable (${probe.reason})` };
}

async function main(): Promise<number> {
  watchInterrupt();
  const options = readOptions();
  const startedAt = new Date();
  const results: DatabaseResult[] = [];
  const skipped: SkippedDatabase[] = [];
  log(
    `Benchmark: ${fmt(options.incidents)} synthetic incidents per database; insert rates over ${fmt(options.measuredPerPath)} ` +
      `incidents per path in batches of ${options.batchSize}; ${options.timedRuns} timed runs per query.`,
  );

  const postgres = await choosePostgres(options.postgresUrl);
  if ("skipped" in postgres) {
    skipped.push({ dialect: "postgres", skipped: postgres.skipped });
    log(loudSkip(postgres.skipped));
  }

  log("SQLite:");
  results.push(await onDatabase(openSqlite, (database) => runScenario(database, options, log)));
  if ("url" in postgres) {
    log(`PostgreSQL (${withoutCredentials(postgres.url)}):`);
    results.push(
      await onDatabase(
        () => openPostgres(postgres.url),
        (database) => runScenario(database, options, log),
      ),
    );
  }

  writeResults(RESULTS_PATH, options, results, skipped, startedAt);
  const out = [
    "",
    formatMachine(startedAt),
    "",
    ...results.map(formatDatabase).flatMap((block) => [block, ""]),
    formatSummary(results.flatMap(evaluateTargets), skipped),
    "",
    `Results written to bench/results.json; ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s in all.`,
    "",
  ];
  process.stdout.write(out.join("\n"));
  if (skipped.length > 0) log(loudSkip(skipped[0]!.skipped));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Interrupted) {
      log("Benchmark interrupted; temporary databases removed, no results written.");
      process.exit(130);
    }
    if (error instanceof SetupError) {
      log(`Benchmark not run: ${error.message}`);
      process.exit(2);
    }
    log(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
