// What happens on one database: create the reporters, measure the service and the raw insert
// rates side by side, fill up to the target size with the raw insert, refresh planner statistics,
// then time each listing query. Returns plain numbers; printing is report.ts's job.
import { sql, type Kysely } from "kysely";
import type { Database } from "../src/db/types.js";
import { CLI_ACTOR, type UserActor } from "../src/modules/auth/actor.js";
import { loadReferenceData } from "../src/modules/reference/service.js";
import type { BenchDatabase } from "./databases.js";
import { batchSource, createReporters } from "./fixtures.js";
import { checkpoint } from "./interrupt.js";
import type { BenchOptions } from "./options.js";
import { BENCH_QUERIES, countMatches, parseQuery, type BenchQuery } from "./queries.js";
import { rawInsert } from "./raw-insert.js";
import { measureLatency, timed, type LatencyStats } from "./timing.js";

interface InsertRate {
  incidents: number;
  seconds: number;
  per_second: number;
}

interface QueryResult extends LatencyStats {
  name: string;
  kind: BenchQuery["kind"];
  params: Record<string, string>;
  /** Incidents matching the filters in all. */
  matches: number;
  /** Items on the page that was timed. */
  returned: number;
}

export interface DatabaseResult {
  dialect: "sqlite" | "postgres";
  server: string;
  location: string;
  insert: { batch_size: number; service: InsertRate; raw: InsertRate; ratio: number };
  setup_seconds: { reporters: number; fill: number; analyze: number; queries: number };
  counts: Record<"incidents" | "sources" | "incident_sources" | "audit_events" | "users", number>;
  queries: QueryResult[];
}

type Log = (line: string) => void;

export async function runScenario(database: BenchDatabase, options: BenchOptions, log: Log): Promise<DatabaseResult> {
  const { db, dialect, services } = database.context;
  const setup = { reporters: 0, fill: 0, analyze: 0, queries: 0 };

  let reporters: UserActor[] = [];
  setup.reporters = await timed(async () => void (reporters = await createReporters(services)));
  const { taxonomyVersion } = await loadReferenceData(db);
  const nextBatch = batchSource(reporters);
  const viaService = (b: ReturnType<typeof nextBatch>) => services.incidents.createIncidents(b.reporter, b.incidents);
  const viaRaw = (b: ReturnType<typeof nextBatch>) => rawInsert(db, b.reporter, b.incidents, taxonomyVersion);

  // One untimed batch each: first-use costs (statement caches, JIT, the reference-data tables
  // coming into cache) belong to neither rate.
  await viaService(nextBatch(options.batchSize));
  await viaRaw(nextBatch(options.batchSize));

  // The two paths take turns, and the order flips every round, so both write into tables of the
  // same size under the same cache and checkpoint conditions.
  const rounds = options.measuredPerPath / options.batchSize;
  let serviceMs = 0;
  let rawMs = 0;
  for (let round = 0; round < rounds; round++) {
    checkpoint();
    const serviceBatch = nextBatch(options.batchSize);
    const rawBatch = nextBatch(options.batchSize);
    if (round % 2 === 0) {
      serviceMs += await timed(() => viaService(serviceBatch));
      rawMs += await timed(() => viaRaw(rawBatch));
    } else {
      rawMs += await timed(() => viaRaw(rawBatch));
      serviceMs += await timed(() => viaService(serviceBatch));
    }
  }
  const service = rate(options.measuredPerPath, serviceMs);
  const raw = rate(options.measuredPerPath, rawMs);
  log(`  insert: service ${fmt(service.per_second)}/s, raw ${fmt(raw.per_second)}/s`);

  let count = await countIncidents(db);
  const fillStart = performance.now();
  let lastReport = fillStart;
  while (count < options.incidents) {
    checkpoint();
    const size = Math.min(options.batchSize, options.incidents - count);
    await viaRaw(nextBatch(size));
    count += size;
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      log(`  filling: ${fmt(count)} of ${fmt(options.incidents)} incidents`);
    }
  }
  setup.fill = performance.now() - fillStart;
  log(`  filled to ${fmt(count)} incidents in ${(setup.fill / 1000).toFixed(1)} s`);

  setup.analyze = await timed(() => refreshStatistics(db, dialect));

  const queriesStart = performance.now();
  const queries: QueryResult[] = [];
  // The system actor sees every record, so each query runs over all 100,000 (a post's reporter
  // would see only its own post's share).
  const reader = CLI_ACTOR;
  for (const query of BENCH_QUERIES) {
    checkpoint();
    const parsed = parseQuery(query);
    const matches = await countMatches(db, dialect, parsed);
    const page = await services.incidents.listIncidents(reader, parsed);
    const stats = await measureLatency(() => services.incidents.listIncidents(reader, parsed), options.warmupRuns, options.timedRuns, checkpoint);
    queries.push({ name: query.name, kind: query.kind, params: query.params, matches, returned: page.items.length, ...stats });
    log(`  ${query.name}: p50 ${stats.p50_ms} ms, p95 ${stats.p95_ms} ms (${fmt(matches)} matches)`);
  }
  setup.queries = performance.now() - queriesStart;

  return {
    dialect,
    server: database.server,
    location: database.location,
    insert: { batch_size: options.batchSize, service, raw, ratio: round3(service.per_second / raw.per_second) },
    setup_seconds: {
      reporters: seconds(setup.reporters),
      fill: seconds(setup.fill),
      analyze: seconds(setup.analyze),
      queries: seconds(setup.queries),
    },
    counts: {
      incidents: count,
      sources: await countRows(db, "sources"),
      incident_sources: await countRows(db, "incident_sources"),
      audit_events: await countRows(db, "audit_events"),
      users: await countRows(db, "users"),
    },
    queries,
  };
}

/** Fresh planner statistics after the bulk fill, as a freshly loaded production database would get. */
async function refreshStatistics(db: Kysely<Database>, dialect: "sqlite" | "postgres"): Promise<void> {
  if (dialect === "postgres") {
    await sql`ANALYZE`.execute(db);
  } else {
    await sql`ANALYZE`.execute(db);
    await sql`PRAGMA optimize`.execute(db);
  }
}

async function countIncidents(db: Kysely<Database>): Promise<number> {
  return countRows(db, "incidents");
}

async function countRows(db: Kysely<Database>, table: "incidents" | "sources" | "incident_sources" | "audit_events" | "users"): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function rate(incidents: number, ms: number): InsertRate {
  return { incidents, seconds: seconds(ms), per_second: Math.round(incidents / (ms / 1000)) };
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
export const fmt = (n: number) => n.toLocaleString("en-US");
