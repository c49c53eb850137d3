// `npm run bench:import` (also the second half of `npm run bench`): generates a 1,000,000-row
// SDMX-CSV 1.0 labels file in a temporary directory, imports it into a temporary SQLite database
// with `rapporteur import stats` as a child process, and reports the import rate and the child's
// peak memory against the 300 MB target. Writes bench/import-results.json.
//
// Peak memory is measured twice: the child reports process.resourceUsage().maxRSS at exit (a
// preloaded module, bench/maxrss-at-exit.mjs), and /proc/<pid>/status VmHWM is sampled meanwhile.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { once } from "node:events";

const ROWS = Number(process.env["BENCH_IMPORT_ROWS"] ?? 1_000_000);
const TARGET_MB = 300;
const ROOT = resolve(import.meta.dirname, "..");

const GEOS = [
  "Austria",
  "Belgium",
  "Bulgaria",
  "Czechia",
  "Germany",
  "Denmark",
  "Estonia",
  "Greece",
  "Spain",
  "Finland",
  "France",
  "Croatia",
  "Hungary",
  "Ireland",
  "Italy",
  "Lithuania",
  "Luxembourg",
  "Latvia",
  "Malta",
  "Netherlands",
  "Poland",
  "Portugal",
  "Romania",
  "Sweden",
  "Slovenia",
  "Slovakia",
  "Norway",
  "Switzerland",
  "Iceland",
  "Liechtenstein",
  "Türkiye",
  "Kosovo*",
  "Serbia",
  "Albania",
  "Montenegro",
  "North Macedonia",
  "England and Wales",
  "Scotland (NUTS 2021)",
  "European Union - 27 countries (from 2020)",
  "Euro area - 19 countries  (2015-2022)",
];
const LEG_STAT = ["Suspected person", "Prosecuted person", "Convicted person"];
const CITIZEN = ["Total", "Reporting country", "Foreign country"];
const SEX = ["Total", "Males", "Females"];
const YEARS = Array.from({ length: 25 }, (_, i) => String(2000 + i));

/** Writes the file row by row with backpressure, so the generator's memory stays flat too. */
async function generate(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, "drain");
  };
  await write("DATAFLOW,LAST UPDATE,freq,iccs,leg_stat,citizen,sex,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n");
  let n = 0;
  outer: for (let offence = 1; ; offence++) {
    for (const leg of LEG_STAT)
      for (const citizen of CITIZEN)
        for (const sex of SEX)
          for (const geo of GEOS)
            for (const year of YEARS) {
              if (n >= rows) break outer;
              const value = (n * 7919) % 100_000;
              const flag = n % 17 === 0 ? "p" : n % 23 === 0 ? "e" : "";
              await write(
                `ESTAT:BENCH_IMPORT(1.0),01/02/25 23:00:00,Annual,Offence group ${offence},${leg},${citizen},${sex},Number,"${geo}",${year},${value},${flag},\n`,
              );
              n++;
            }
  }
  out.end();
  await once(out, "finish");
}

function vmHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "rapporteur-bench-import-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.once("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    const file = join(dir, "bench.csv");
    let started = Date.now();
    await generate(file, ROWS);
    const generateSeconds = (Date.now() - started) / 1000;
    const sizeMb = statSync(file).size / 1024 / 1024;
    process.stdout.write(
      `Generated ${ROWS.toLocaleString("en")} rows (${sizeMb.toFixed(0)} MB) in ${generateSeconds.toFixed(1)} s; importing into SQLite...\n`,
    );

    const maxRssFile = join(dir, "maxrss.json");
    started = Date.now();
    const child = spawn(process.execPath, [join(ROOT, "bin/rapporteur.js"), "import", "stats", file], {
      env: {
        PATH: process.env["PATH"] ?? "",
        DATABASE_URL: `sqlite:${join(dir, "bench.db")}`,
        LOG_LEVEL: "warn",
        NODE_OPTIONS: `--import=${join(ROOT, "bench/maxrss-at-exit.mjs")}`,
        RAPPORTEUR_MAXRSS_FILE: maxRssFile,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let sampledKb = 0;
    const timer = setInterval(() => {
      const kb = child.pid === undefined ? null : vmHwmKb(child.pid);
      if (kb !== null) sampledKb = Math.max(sampledKb, kb);
    }, 50);
    const [code] = (await once(child, "close")) as [number | null];
    clearInterval(timer);
    const seconds = (Date.now() - started) / 1000;
    if (code !== 0) throw new Error(`the import failed (exit ${code}):\n${stderr}\n${stdout}`);
    const added = Number(/added +(\d+)/.exec(stdout)?.[1] ?? NaN);
    const reportedKb = existsSync(maxRssFile) ? (JSON.parse(readFileSync(maxRssFile, "utf8")) as { maxRssKb: number }).maxRssKb : null;
    const peakMb = Math.max(reportedKb ?? 0, sampledKb) / 1024;
    const results = {
      at: new Date().toISOString(),
      database: "sqlite",
      rows: ROWS,
      added,
      file_mb: Number(sizeMb.toFixed(1)),
      seconds: Number(seconds.toFixed(2)),
      rows_per_second: Math.round(added / seconds),
      peak_rss_mb: Number(peakMb.toFixed(1)),
      peak_rss_sources: {
        child_max_rss_mb: reportedKb === null ? null : Number((reportedKb / 1024).toFixed(1)),
        proc_vmhwm_mb: Number((sampledKb / 1024).toFixed(1)),
      },
      target_mb: TARGET_MB,
      within_target: peakMb < TARGET_MB,
      node: process.version,
    };
    writeFileSync(join(ROOT, "bench/import-results.json"), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(
      `Imported ${added.toLocaleString("en")} observations in ${seconds.toFixed(1)} s: ${results.rows_per_second.toLocaleString("en")} rows/s (whole command, start-up and migration included)\n` +
        `Peak memory of the import process: ${peakMb.toFixed(0)} MB (target < ${TARGET_MB} MB): ${results.within_target ? "OK" : "OVER TARGET"}\n` +
        `Written to bench/import-results.json\n`,
    );
    if (!results.within_target) process.exitCode = 1;
  } finally {
    cleanup();
  }
}

await main();
