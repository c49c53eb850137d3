// `rapporteur import case-outcomes FILE --mapping M --as EMAIL [--dry-run] [--all-or-nothing]`:
// import a file of case outcomes through its column mapping (`--help` says it all;
// `--mapping-schema` prints the mapping's JSON Schema). Rejected rows go to stderr as
// FILE:LINE: column "C": reason; a dry run lists by line what each row would do and writes
// nothing. Exit 0 when every row was accepted, 1 when any was rejected (whatever was written).
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { ValidationError } from "../domain/errors.js";
import { actorOf } from "../modules/auth/actor.js";
import type { CaseOutcomeImportReport } from "../modules/stats/case-outcomes-import-schema.js";
import { caseOutcomeMappingJsonSchema, loadCaseOutcomeMapping } from "../modules/stats/case-outcomes-mapping.js";
import { parseOptions, UsageError, withContext } from "./io.js";

const USAGE =
  "rapporteur import case-outcomes FILE --mapping FILE --as EMAIL [--dry-run] [--all-or-nothing] | import case-outcomes --mapping-schema | import case-outcomes --help";
/** Rejected rows printed one by one; the rest are counted. */
const PRINTED = 50;

const HELP = `usage: ${USAGE}

Import case outcomes (a court's decision on one defendant each) from a CSV, through its column
mapping. Each row is checked as a case outcome entered by hand is; a row whose external id (with
its country) is new is added, one whose outcome was imported before and has changed corrects it
(audited, with the file and line as the reason), an unchanged one is left alone, so importing the
same file again changes nothing. gzip and zip (one file inside) are unpacked; the text is UTF-8 or,
when it is not, Windows-1252 / ISO-8859-1 (or the mapping's "encoding").

Options:
  --mapping FILE     the column mapping (JSON; its schema: --mapping-schema, or
                     GET /api/v1/case-outcomes/mapping-schema; the README has a worked example)
  --as EMAIL         the user who records them (their post may correct them later)
  --dry-run          read and check the whole file, list by line what would be added or updated
                     and what is rejected, and write nothing
  --all-or-nothing   write nothing when any row is rejected
  --mapping-schema   print the mapping's JSON Schema and exit
  --help             this text
`;

export async function run(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP);
    return 0;
  }
  const { values, positionals } = parseOptions(
    args,
    {
      mapping: { type: "string" },
      as: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "all-or-nothing": { type: "boolean", default: false },
      "mapping-schema": { type: "boolean", default: false },
    },
    USAGE,
  );
  if (values["mapping-schema"]) {
    process.stdout.write(`${JSON.stringify(caseOutcomeMappingJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`name one file to import\nusage: ${USAGE}`);
  const file = positionals[0]!;
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  if (values.mapping === undefined) throw new UsageError(`--mapping FILE is required: it says which column holds what\nusage: ${USAGE}`);
  if (values.as === undefined) throw new UsageError(`--as EMAIL is required: case outcomes are recorded by a user\nusage: ${USAGE}`);
  const mappingFile = values.mapping;
  const mapping = loadCaseOutcomeMapping(mappingFile);
  const email = values.as;
  const dryRun = values["dry-run"] === true;
  return withContext(async ({ services }) => {
    const user = await services.users.findByEmail(email);
    if (!user || user.disabled_at !== null) throw new UsageError(`--as ${email}: no active user has this e-mail`);
    let report: CaseOutcomeImportReport;
    try {
      report = await services.stats.importCaseOutcomeFile(actorOf(user), file, {
        file: basename(file),
        mapping,
        dryRun,
        allOrNothing: values["all-or-nothing"] === true,
      });
    } catch (error) {
      // The service names the file "file" and the mapping's fields "mapping.…": say which files they are.
      if (!(error instanceof ValidationError)) throw error;
      const located = error.issues.map((i) => ({
        path: i.path === "file" ? file : i.path.startsWith("mapping.") ? `${mappingFile}: ${i.path.slice("mapping.".length)}` : i.path,
        message: i.message,
      }));
      throw new ValidationError(located, error.message);
    }
    printReport(file, report);
    return report.rejected > 0 ? 1 : 0;
  });
}

function printReport(file: string, r: CaseOutcomeImportReport) {
  if (r.dry_run) for (const c of r.changes) if (c.kind !== "unchanged") process.stdout.write(`${file}:${c.line}: would ${c.kind} ${c.external_id}\n`);
  for (const x of r.rejections.slice(0, PRINTED)) process.stderr.write(`${file}:${x.line}: ${x.column === null ? "" : `column "${x.column}": `}${x.reason}\n`);
  if (r.rejections.length > PRINTED) process.stderr.write(`... and ${r.rejections.length - PRINTED} more problems\n`);
  const verb = r.dry_run
    ? "Dry run: nothing was written. Importing would give"
    : r.written
      ? `Imported ${file}:`
      : `Nothing was written${r.all_or_nothing && r.rejected > 0 ? " (all or nothing, and rows were rejected)" : ""}; the file gives`;
  process.stdout.write(
    [`${verb}`, `  added      ${r.added}`, `  updated    ${r.updated}`, `  unchanged  ${r.unchanged}`, `  rejected   ${r.rejected} of ${r.rows} rows`, ""].join(
      "\n",
    ),
  );
}
