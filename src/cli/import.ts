// `rapporteur import stats FILE [--format auto|sdmx-csv|eurostat-tsv|jsonstat|csv] [--dataset CODE]
// [--mapping FILE]`: import an official-statistics file. Progress goes to stderr when it is a
// terminal; the report (added, updated, unchanged, rejected with FILE:LINE: reason) to stdout and
// stderr. Exit 0 when anything was imported (even with rejected lines), 1 when nothing was.
import { existsSync } from "node:fs";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import type { ProgressReport } from "../lib/csv.js";
import { loadCsvMapping } from "../modules/stats/importers/mapping.js";
import { IMPORT_FORMATS, type ImportFormat } from "../modules/stats/importers/types.js";
import type { ImportReport } from "../modules/stats/schema.js";
import { parseOptions, UsageError, withContext } from "./io.js";

const USAGE = "rapporteur import stats FILE [--format auto|sdmx-csv|eurostat-tsv|jsonstat|csv] [--dataset CODE] [--mapping FILE]";
/** Rejected lines printed one by one; the rest are counted. */
export const PRINTED_REJECTIONS = 50;

export async function run(args: string[]): Promise<number | void> {
  const [what, ...rest] = args;
  if (what !== "stats") throw new UsageError(`unknown import "${what ?? ""}" (incidents are added with "incidents add")\nusage: ${USAGE}`);
  const { values, positionals } = parseOptions(
    rest,
    { format: { type: "string", default: "auto" }, dataset: { type: "string" }, mapping: { type: "string" } },
    USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`name one file to import\nusage: ${USAGE}`);
  const file = positionals[0]!;
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const format = values.format!;
  if (format !== "auto" && !(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be auto or one of ${IMPORT_FORMATS.join(", ")}\nusage: ${USAGE}`);
  const mapping = values.mapping === undefined ? undefined : loadCsvMapping(values.mapping);

  return withContext(async ({ services }) => {
    const progress = process.stderr.isTTY ? progressLine() : undefined;
    let report: ImportReport;
    try {
      report = await services.stats.importFile(CLI_ACTOR, {
        path: file,
        format: format as ImportFormat | "auto",
        datasetCode: values.dataset,
        mapping,
        onProgress: progress?.update,
      });
    } finally {
      progress?.done();
    }
    printReport(file, report);
    return report.imported ? 0 : 1;
  });
}

/** A percentage and line count rewritten in place, at most four times a second. */
function progressLine() {
  let last = 0;
  let shown = false;
  return {
    update(p: ProgressReport) {
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      shown = true;
      const percent = p.totalBytes === 0 ? 100 : Math.floor((100 * p.bytes) / p.totalBytes);
      process.stderr.write(`\rimporting: ${percent}% (${p.lines.toLocaleString("en")} lines)`);
    },
    done() {
      if (shown) process.stderr.write("\r\x1b[K");
    },
  };
}

function printReport(file: string, r: ImportReport) {
  for (const rejection of r.rejections.slice(0, PRINTED_REJECTIONS)) process.stderr.write(`${file}:${rejection.at}: ${rejection.reason}\n`);
  if (r.rejected > PRINTED_REJECTIONS) process.stderr.write(`... and ${r.rejected - PRINTED_REJECTIONS} more rejected\n`);
  if (!r.imported || r.dataset === null) {
    process.stderr.write(`rapporteur: nothing was imported from ${file} (${r.rejected} rejected, ${r.missing} without a value)\n`);
    return;
  }
  const d = r.dataset;
  const revision =
    d.previous_revision === null
      ? `revision ${d.revision} (new dataset)`
      : d.previous_revision === d.revision
        ? `revision ${d.revision} (unchanged)`
        : `revision ${d.previous_revision} → ${d.revision}`;
  process.stdout.write(
    [
      `Imported ${d.publisher} ${d.code} "${d.title}" from ${file} (${r.format}), ${revision}.`,
      `  added      ${r.added}`,
      `  updated    ${r.updated}`,
      `  unchanged  ${r.unchanged}`,
      `  no value   ${r.missing} (not stored)`,
      `  rejected   ${r.rejected}`,
      "",
    ].join("\n"),
  );
}
