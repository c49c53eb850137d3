// `rapporteur import stats FILE [--format ...] [--dataset CODE] [--mapping FILE] [--encoding E]
// [--dry-run]`: import an official-statistics file (`--help` says it all; `--mapping-schema` prints
// the mapping's JSON Schema). Progress goes to stderr when it is a terminal; the report (added,
// updated, unchanged, withdrawn, rejected with FILE:LINE: reason) to stdout and stderr; a dry run
// lists each value it would add, update or withdraw by line and writes nothing. Exit 0 when
// anything was (or would be) imported, even with rejected lines; 1 when nothing was.
import { existsSync } from "node:fs";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { TEXT_ENCODINGS, type ProgressReport, type TextEncodingName } from "../lib/csv.js";
import type { ImportChange } from "../modules/stats/import-run.js";
import { csvMappingJsonSchema, loadCsvMapping } from "../modules/stats/importers/mapping.js";
import { IMPORT_FORMATS, type ImportFormat } from "../modules/stats/importers/types.js";
import type { ImportReport } from "../modules/stats/schema.js";
import { parseOptions, UsageError, withContext } from "./io.js";

const USAGE =
  "rapporteur import stats FILE [--format auto|sdmx-csv|eurostat-tsv|jsonstat|csv] [--dataset CODE] [--mapping FILE] [--encoding utf-8|iso-8859-1|windows-1252] [--dry-run] | import stats --mapping-schema | import stats --help";
/** Rejected lines printed one by one; the rest are counted. */
export const PRINTED_REJECTIONS = 50;

const HELP = `usage: ${USAGE}

Import an official-statistics file into the dataset it belongs to. New values are added, changed
ones updated (the dataset's revision goes up), values the file has none for any more ("", ":")
withdrawn with their history kept; an unchanged file changes nothing.

The file is recognised by its content: gzip and zip (one file inside) are unpacked; the text is
UTF-8 (with or without BOM) or, when it is not valid UTF-8, Windows-1252 / ISO-8859-1.
  SDMX-CSV 1.0 and 2.0   Eurostat's downloads, with codes or labels (DATAFLOW ESTAT:CODE$VIEW(1.0))
  Eurostat TSV           the bulk files (dims,geo\\time); the dataset is the file's name
  JSON-stat 2.0          Eurostat's statistics API
  csv                    any other CSV, with a column mapping (--mapping)

Options:
  --format F       auto (default) or one of ${IMPORT_FORMATS.join(", ")}
  --dataset CODE   the dataset's code, when the file does not name it (or to override it)
  --mapping FILE   the column mapping of a generic CSV (JSON; see below)
  --encoding E     the text encoding, instead of detecting it: ${TEXT_ENCODINGS.join(", ")}
  --dry-run        read and compare the whole file, list by line what would be added, updated,
                   withdrawn and rejected, and write nothing
  --mapping-schema print the mapping's JSON Schema and exit
  --help           this text

A mapping names the dataset and says which column holds what: {"dataset": {"publisher", "code",
"title", "licence", "url"}, "columns": {"geo", "period", "value", "flag"} or "constants": {"geo",
"period"} for a file without such a column, "values": [{"column", "dimensions", "unit"}] for
several measures (one series each), "dimension_columns": {"id": "Column"} or {"id": {"column",
"label_column"}}, "geo_codes", "delimiter", "decimal", "thousands", "header_row", "encoding",
"missing"}. The README gives worked examples; the schema is also at GET /api/v1/stats/mapping-schema.
`;

export async function run(args: string[]): Promise<number | void> {
  const [what, ...rest] = args;
  if (what === "case-outcomes") return (await import("./import-case-outcomes.js")).run(rest);
  if (what === "--help" || what === "-h" || ((what === "stats" || what === undefined) && (rest.includes("--help") || rest.includes("-h")))) {
    process.stdout.write(HELP);
    return 0;
  }
  if (what !== "stats")
    throw new UsageError(`unknown import "${what ?? ""}" (case outcomes: "import case-outcomes"; incidents are added with "incidents add")\nusage: ${USAGE}`);
  const { values, positionals } = parseOptions(
    rest,
    {
      format: { type: "string", default: "auto" },
      dataset: { type: "string" },
      mapping: { type: "string" },
      encoding: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "mapping-schema": { type: "boolean", default: false },
    },
    USAGE,
  );
  if (values["mapping-schema"]) {
    process.stdout.write(`${JSON.stringify(csvMappingJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`name one file to import\nusage: ${USAGE}`);
  const file = positionals[0]!;
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const format = values.format!;
  if (format !== "auto" && !(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be auto or one of ${IMPORT_FORMATS.join(", ")}\nusage: ${USAGE}`);
  const mapping = values.mapping === undefined ? undefined : loadCsvMapping(values.mapping);
  const encoding = values.encoding;
  if (encoding !== undefined && !(TEXT_ENCODINGS as readonly string[]).includes(encoding))
    throw new UsageError(`--encoding must be one of ${TEXT_ENCODINGS.join(", ")}\nusage: ${USAGE}`);

  const dryRun = values["dry-run"] === true;
  return withContext(async ({ services }) => {
    const progress = process.stderr.isTTY ? progressLine() : undefined;
    let report: ImportReport;
    try {
      report = await services.stats.importFile(CLI_ACTOR, {
        path: file,
        format: format as ImportFormat | "auto",
        datasetCode: values.dataset,
        mapping,
        encoding: encoding as TextEncodingName | undefined,
        dryRun,
        onChange: dryRun ? (change) => process.stdout.write(`${file}:${change.at}: ${describeChange(change)}\n`) : undefined,
        onProgress: progress?.update,
      });
    } finally {
      progress?.done();
    }
    printReport(file, report, dryRun);
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

const valueText = (v: { value: number; flag: string | null }) => `${v.value}${v.flag === null ? "" : ` (${v.flag})`}`;

/** One change for a person: what, which series, place and period, and the value before and after. */
function describeChange(c: ImportChange): string {
  const where = `${c.series} ${c.geo} ${c.period}`;
  if (c.kind === "add") return `add ${where} = ${valueText(c.after!)}`;
  if (c.kind === "update") return `update ${where}: ${valueText(c.before!)} → ${valueText(c.after!)}`;
  return `withdraw ${where} (was ${valueText(c.before!)})`;
}

function printReport(file: string, r: ImportReport, dryRun: boolean) {
  for (const rejection of r.rejections.slice(0, PRINTED_REJECTIONS)) process.stderr.write(`${file}:${rejection.at}: ${rejection.reason}\n`);
  if (r.rejected > PRINTED_REJECTIONS) process.stderr.write(`... and ${r.rejected - PRINTED_REJECTIONS} more rejected\n`);
  if (!r.imported || r.dataset === null) {
    process.stderr.write(`rapporteur: nothing ${dryRun ? "would be" : "was"} imported from ${file} (${r.rejected} rejected, ${r.missing} without a value)\n`);
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
      dryRun
        ? `Dry run: importing ${file} (${r.format}) into ${d.publisher} ${d.code} "${d.title}" would give ${revision}. Nothing was written.`
        : `Imported ${d.publisher} ${d.code} "${d.title}" from ${file} (${r.format}), ${revision}.`,
      `  added      ${r.added}`,
      `  updated    ${r.updated}`,
      `  unchanged  ${r.unchanged}`,
      `  withdrawn  ${r.withdrawn} (no value in this edition; history kept)`,
      `  no value   ${r.missing} (not stored)`,
      `  rejected   ${r.rejected}`,
      "",
    ].join("\n"),
  );
}
