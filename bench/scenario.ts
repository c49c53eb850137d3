// What happens on one database: create the reporters, measure the service and the raw insert
// rates side by side, fill up to the target size with the raw insert, refresh planner statistics,
// then time each listing query. Returns plain numbers; printing is report.ts's job.
import { sql, type Kysely } from "kysely";
import type { Database } from "../src/db/types.js";
import { CLI_ACTOR, type UserActor } from "../src/modules/auth/actor.js";
import { rebuildTallies } from "../src/modules/incidents/tallies-repo.js";
import { loadReferenceData } from "../src/modules/reference/service.js";
import type { BenchDatabase } from "./databases.js";
import { DASHBOARD_REQUESTS, dashboardCall, type DashboardRequest } from "./dashboard.js";
import { batchSource, createAnalyst, createReporters } from "./fixtures.js";
import { checkpoint } from "./interrupt.js";
import type { BenchOptions } from "./options.js";
import { BENCH_QUERIES, countMatches, parseQuery, type BenchQuery } from "./queries.js";
import { rawInsert } from "./raw-insert.js";
import { measureThroughput, type ThroughputResult } from "./throughput.js";
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

interface DashboardResult extends LatencyStats {
  name: string;
  kind: DashboardRequest["kind"];
  /** The query string the page sends. */
  query: string;
  /** Size of the JSON answer, in bytes. */
  answer_bytes: number;
  /** Incidents counted (the answer's totals). */
  incidents: number;
}

export interface DatabaseResult {
  dialect: "sqlite" | "postgres";
  server: string;
  location: string;
  insert: { batch_size: number; service: InsertRate; raw: InsertRate; ratio: number };
  setup_seconds: { reporters: number; fill: number; analyze: number; queries: number; dashboard: number; throughput: number };
  counts: Record<"incidents" | "sources" | "incident_sources" | "audit_events" | "users", number>;
  queries: QueryResult[];
  dashboard: DashboardResult[];
  throughput: ThroughputResult;
}

type Log = (line: string) => void;

export async function runScenario(database: BenchDatabase, options: BenchOptions, log: Log): Promise<DatabaseResult> {
  const { db, dialect, services } = database.context;
  const setup = { reporters: 0, fill: 0, analyze: 0, queries: 0, dashboard: 0, throughput: 0 };

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
  await spreadStates(db);
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

  const dashboardStart = performance.now();
  const analyst = await createAnalyst(services);
  const dashboard: DashboardResult[] = [];
  for (const request of DASHBOARD_REQUESTS) {
    checkpoint();
    const call = dashboardCall(services, analyst, request);
    const answer = await call();
    const stats = await measureLatency(call, Math.min(2, options.warmupRuns), options.dashboardRuns, checkpoint);
    const totals = (JSON.parse(answer) as { totals: { incidents: number } }).totals;
    dashboard.push({
      name: request.name,
      kind: request.kind,
      query: request.query,
      answer_bytes: Buffer.byteLength(answer),
      incidents: totals.incidents,
      ...stats,
    });
    log(`  dashboard ${request.name}: p50 ${stats.p50_ms} ms, p95 ${stats.p95_ms} ms, ${fmt(Buffer.byteLength(answer))} bytes`);
  }
  setup.dashboard = performance.now() - dashboardStart;

  const throughputStart = performance.now();
  // A reporter of the first post reads its own post's incidents with an API token.
  const reader0 = reporters[0]!;
  const { token } = await services.tokens.create(reader0, { name: "benchmark", expires_in_days: 1 }, "session");
  const ids = await db.selectFrom("incidents").select("id").where("post_code", "=", reader0.postCode).orderBy("number").limit(1000).execute();
  const throughput = await measureThroughput(
    { url: database.url, schema: database.schema },
    ids.map((r) => r.id),
    token,
    options.http,
  );
  setup.throughput = performance.now() - throughputStart;
  log(`  one incident read: API ${fmt(throughput.api_per_second)}/s, bare node:http ${fmt(throughput.bare_per_second)}/s, ratio ${throughput.ratio}`);

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
      dashboard: seconds(setup.dashboard),
      throughput: seconds(setup.throughput),
    },
    counts: {
      incidents: count,
      sources: await countRows(db, "sources"),
      incident_sources: await countRows(db, "incident_sources"),
      audit_events: await countRows(db, "audit_events"),
      users: await countRows(db, "users"),
    },
    queries,
    dashboard,
    throughput,
  };
}

/**
 * Workflow states spread as the demo spreads them (a quarter drafts, 45% accepted or published, 5%
 * retracted), by incident number, so the dashboard's accepted basis counts a realistic share. Both
 * insert paths write drafts; this is the bench's own shortcut, not a workflow step (no audit).
 */
async function spreadStates(db: Kysely<Database>): Promise<void> {
  const slot = sql`(incidents.number % 20)`;
  await sql`UPDATE incidents SET state = CASE
      WHEN ${slot} < 5 THEN 'draft' WHEN ${slot} < 7 THEN 'submitted' WHEN ${slot} < 9 THEN 'cleared'
      WHEN ${slot} < 16 THEN 'accepted' WHEN ${slot} < 18 THEN 'published' WHEN ${slot} < 19 THEN 'returned' ELSE 'retracted' END`.execute(db);
  // The UPDATE bypassed the incident writes that keep the tallies.
  await rebuildTallies(db);
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
