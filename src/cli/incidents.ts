// `rapporteur incidents list [--country XX] [--format table|json] [--limit N]` and
// `rapporteur incidents add --file F.json --as EMAIL` (one incident or an array of them).
import { readFileSync } from "node:fs";
import { ValidationError, type IssueDetail } from "../domain/errors.js";
import { formatIssues } from "../modules/common/issues.js";
import { jsonErrorLocation, topLevelElementLines } from "../lib/json-lines.js";
import { actorOf, CLI_ACTOR, type UserActor } from "../modules/auth/actor.js";
import { incidentInput, incidentListQuery, type IncidentInput, type IncidentOutput } from "../modules/incidents/schema.js";
import { parseOptions, requireOption, textTable, UsageError, withContext } from "./io.js";

const USAGE = "rapporteur incidents list [--country XX] [--format table|json] [--limit N] | incidents add --file F.json --as EMAIL";

export async function run(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (sub === "list") return list(rest);
  if (sub === "add") return add(rest);
  throw new UsageError(`unknown incidents command "${sub ?? ""}"\nusage: ${USAGE}`);
}

async function list(args: string[]) {
  const { values } = parseOptions(
    args,
    { country: { type: "string" }, format: { type: "string", default: "table" }, limit: { type: "string", default: "50" } },
    USAGE,
  );
  if (values.format !== "table" && values.format !== "json") throw new UsageError(`--format must be table or json\nusage: ${USAGE}`);
  const query = incidentListQuery.safeParse({ country: values.country, limit: values.limit });
  if (!query.success) throw new ValidationError(formatIssues("", query.error.issues).map((i) => ({ ...i, path: `--${i.path}` })));
  await withContext(async ({ services }) => {
    const { items } = await services.incidents.listIncidents(CLI_ACTOR, query.data);
    process.stdout.write(values.format === "json" ? `${JSON.stringify(items, null, 2)}\n` : table(items));
  });
}

function table(items: IncidentOutput[]): string {
  if (items.length === 0) return "No incidents.\n";
  const rows = items.map((i) => [
    String(i.number),
    i.post,
    i.country,
    i.occurred.from === i.occurred.to ? i.occurred.from : `${i.occurred.from}..${i.occurred.to}`,
    i.state,
    i.categories.join(","),
    (i.synthetic ? "[SYNTHETIC] " : "") + (i.title.length > 60 ? `${i.title.slice(0, 57)}...` : i.title),
  ]);
  const header = ["NO", "POST", "CTRY", "OCCURRED", "STATE", "CATEGORIES", "TITLE"];
  return textTable(header, rows);
}

async function add(args: string[]) {
  const { values } = parseOptions(args, { file: { type: "string" }, as: { type: "string" } }, USAGE);
  const file = requireOption(values.file, "file", USAGE);
  const email = requireOption(values.as, "as", USAGE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const where = jsonErrorLocation(text);
    throw new ValidationError([{ path: where ? `${file}:${where}` : file, message: `not valid JSON: ${(error as Error).message}` }], "Nothing was added.");
  }
  const records = Array.isArray(document) ? document : [document];
  const lines = topLevelElementLines(text);
  const where = (i: number) => `${file}:${lines[i] ?? 1}: record ${i + 1}`;

  const issues: IssueDetail[] = [];
  const inputs: IncidentInput[] = [];
  records.forEach((record, i) => {
    const parsed = incidentInput.safeParse(record);
    if (parsed.success) inputs.push(parsed.data);
    else issues.push(...formatIssues("", parsed.error.issues).map((issue) => ({ path: `${where(i)}: ${issue.path || "(record)"}`, message: issue.message })));
  });
  if (issues.length > 0) throw new ValidationError(issues, "Nothing was added: fix these records and run again.");

  await withContext(async ({ services }) => {
    const user = await services.users.findByEmail(email);
    if (!user || user.disabled_at !== null) throw new UsageError(`--as ${email}: no active user has this e-mail`);
    const actor: UserActor = actorOf(user);
    try {
      const ids = await services.incidents.createIncidents(actor, inputs);
      process.stdout.write(`Added ${ids.length} incident${ids.length === 1 ? "" : "s"} as drafts of post ${actor.postCode}:\n${ids.join("\n")}\n`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const located = error.issues.map((issue) => {
        const m = /^(\d+)\.?(.*)$/.exec(issue.path);
        return m ? { path: `${where(Number(m[1]))}: ${m[2] || "(record)"}`, message: issue.message } : issue;
      });
      throw new ValidationError(located, "Nothing was added: fix these records and run again.");
    }
  });
}
