// The results, for people (a table on stdout) and for machines (bench/results.json), with the
// issue's targets beside the numbers. A missed target is reported, never turned into a failure:
// the benchmark measures, it does not gate.
import { writeFileSync } from "node:fs";
import { cpus, arch, platform, release, totalmem } from "node:os";
import type { BenchOptions } from "./options.js";
import { fmt, type DatabaseResult } from "./scenario.js";

/** Issue 12's targets: list and search p95, the dashboard's figures p95, both binding at 1,000,000 incidents on both databases. */
const P95_TARGET_MS = 25;
const DASHBOARD_TARGET_MS = 300;
const RATIO_TARGET = 0.5;
const TARGET_SIZE = 1_000_000;

export interface Target {
  database: string;
  name: string;
  value: number;
  target: string;
  met: boolean;
  /** False when the target does not apply here (a latency target in a run below 1,000,000 incidents). */
  binding: boolean;
}

export interface SkippedDatabase {
  dialect: "postgres";
  skipped: string;
}

export function evaluateTargets(result: DatabaseResult): Target[] {
  const database = result.dialect;
  const latencyBinding = result.counts.incidents >= TARGET_SIZE;
  const worstP95 = (kind: "list" | "search") => Math.max(...result.queries.filter((q) => q.kind === kind).map((q) => q.p95_ms));
  const list = worstP95("list");
  const search = worstP95("search");
  const worstDashboard = (kind: "counts" | "rates") => Math.max(...result.dashboard.filter((q) => q.kind === kind).map((q) => q.p95_ms));
  const counts = worstDashboard("counts");
  const rates = worstDashboard("rates");
  const http = result.throughput.ratio;
  return [
    {
      database,
      name: "service / raw insert rate",
      value: result.insert.ratio,
      target: `>= ${RATIO_TARGET}`,
      met: result.insert.ratio >= RATIO_TARGET,
      binding: true,
    },
    { database, name: "list p95 (slowest list query)", value: list, target: `<= ${P95_TARGET_MS} ms`, met: list <= P95_TARGET_MS, binding: latencyBinding },
    { database, name: "search p95 (slowest search)", value: search, target: `<= ${P95_TARGET_MS} ms`, met: search <= P95_TARGET_MS, binding: latencyBinding },
    {
      database,
      name: "dashboard counts p95",
      value: counts,
      target: `<= ${DASHBOARD_TARGET_MS} ms`,
      met: counts <= DASHBOARD_TARGET_MS,
      binding: latencyBinding,
    },
    { database, name: "dashboard rates p95", value: rates, target: `<= ${DASHBOARD_TARGET_MS} ms`, met: rates <= DASHBOARD_TARGET_MS, binding: latencyBinding },
    { database, name: "API / bare node:http, one read", value: http, target: `>= ${RATIO_TARGET}`, met: http >= RATIO_TARGET, binding: true },
  ];
}

function verdict(t: Target): string {
  return `${t.met ? "MET" : "NOT MET"}${t.binding ? "" : " (informational)"}`;
}

export function formatDatabase(result: DatabaseResult): string {
  const lines: string[] = [];
  const { insert, counts } = result;
  lines.push(`${result.server}  ${result.location}`);
  lines.push(
    `  ${fmt(counts.incidents)} incidents, ${fmt(counts.sources)} sources, ${fmt(counts.audit_events)} audit events; ` +
      `fill ${result.setup_seconds.fill.toFixed(1)} s, statistics ${result.setup_seconds.analyze.toFixed(1)} s`,
  );
  lines.push("");
  lines.push(`  Insert, batches of ${insert.batch_size}, ${fmt(insert.service.incidents)} incidents per path   incidents/s`);
  lines.push(`    service  createIncidents()                                   ${pad(fmt(insert.service.per_second), 9)}`);
  lines.push(`    raw      multi-row INSERTs, same tables, no checks/audit    ${pad(fmt(insert.raw.per_second), 9)}`);
  const [ratio, list, search, countsP95, ratesP95, http] = evaluateTargets(result) as [Target, Target, Target, Target, Target, Target];
  lines.push(`    ratio    service / raw                                       ${pad(insert.ratio.toFixed(2), 9)}   target ${ratio.target}: ${verdict(ratio)}`);
  lines.push("");
  const runs = result.queries[0]?.runs ?? 0;
  lines.push(`  listIncidents(), limit 50, ${runs} timed runs each          matches   items    p50 ms    p95 ms`);
  for (const q of result.queries) {
    lines.push(
      `    ${q.name.padEnd(40)} ${pad(fmt(q.matches), 10)} ${pad(String(q.returned), 7)} ${pad(q.p50_ms.toFixed(2), 9)} ${pad(q.p95_ms.toFixed(2), 9)}`,
    );
  }
  for (const t of [list, search]) {
    lines.push(`    ${t.name.padEnd(40)} ${pad(t.value.toFixed(2), 38)} ms   target ${t.target}: ${verdict(t)}`);
  }
  lines.push("");
  const dashboardRuns = result.dashboard[0]?.runs ?? 0;
  lines.push(`  Dashboard requests through the service + JSON, ${dashboardRuns} timed runs   counted     bytes    p50 ms    p95 ms`);
  for (const d of result.dashboard) {
    lines.push(
      `    ${d.name.padEnd(40)} ${pad(fmt(d.incidents), 10)} ${pad(fmt(d.answer_bytes), 9)} ${pad(d.p50_ms.toFixed(2), 9)} ${pad(d.p95_ms.toFixed(2), 9)}`,
    );
  }
  for (const t of [countsP95, ratesP95]) {
    lines.push(`    ${t.name.padEnd(40)} ${pad(t.value.toFixed(2), 38)} ms   target ${t.target}: ${verdict(t)}`);
  }
  lines.push("");
  const tp = result.throughput;
  lines.push(`  One incident read over HTTP, ${tp.concurrency} connections, ${tp.rounds} rounds of ${tp.roundSeconds} s each   requests/s`);
  lines.push(`    API      Fastify app, API token, policy, presenter           ${pad(fmt(tp.api_per_second), 9)}`);
  lines.push(`    bare     node:http, the same SQL through the same driver     ${pad(fmt(tp.bare_per_second), 9)}`);
  lines.push(`    ratio    API / bare                                          ${pad(tp.ratio.toFixed(2), 9)}   target ${http.target}: ${verdict(http)}`);
  return lines.join("\n");
}

export function formatSummary(targets: Target[], skipped: SkippedDatabase[]): string {
  const lines = ["Targets"];
  for (const t of targets) lines.push(`  ${t.database.padEnd(9)} ${t.name.padEnd(34)} ${pad(t.value.toFixed(2), 9)}  ${t.target.padEnd(9)} ${verdict(t)}`);
  for (const s of skipped) lines.push(`  ${s.dialect.padEnd(9)} SKIPPED: ${s.skipped}`);
  return lines.join("\n");
}

export function loudSkip(reason: string): string {
  const bar = "!".repeat(78);
  return (
    `\n${bar}\n!! PostgreSQL SKIPPED: ${reason}\n!! Only SQLite was measured; the PostgreSQL latency targets were NOT checked.\n` +
    `!! Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a reachable server to include it.\n${bar}\n`
  );
}

function machine() {
  const cpu = cpus();
  return {
    platform: `${platform()} ${release()} ${arch()}`,
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cpus: cpu.length,
    memory_gb: Math.round(totalmem() / 1024 ** 3),
  };
}

export function formatMachine(startedAt: Date): string {
  const m = machine();
  return `${startedAt.toISOString()}  Node ${process.version}  ${m.cpus} x ${m.cpu}, ${m.memory_gb} GB, ${m.platform}`;
}

export function writeResults(path: string, options: BenchOptions, results: DatabaseResult[], skipped: SkippedDatabase[], startedAt: Date): void {
  const document = {
    date: startedAt.toISOString(),
    duration_seconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
    node: process.version,
    machine: machine(),
    options: {
      incidents: options.incidents,
      batch_size: options.batchSize,
      measured_per_path: options.measuredPerPath,
      warmup_runs: options.warmupRuns,
      timed_runs: options.timedRuns,
      dashboard_runs: options.dashboardRuns,
      http: options.http,
    },
    databases: [...results.map((r) => ({ ...r, targets: evaluateTargets(r) })), ...skipped],
  };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}

function pad(text: string, width: number): string {
  return text.padStart(width);
}
