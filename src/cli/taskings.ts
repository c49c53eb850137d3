// `rapporteur taskings list [--state draft|issued|closed] [--format table|json]` and
// `rapporteur taskings show REFERENCE [--format text|json]`: the taskings, and one with its
// requirements and where each target post stands (the compliance matrix's rows).
import { ValidationError } from "../domain/errors.js";
import { dayText } from "../domain/dates.js";
import { formatIssues } from "../modules/common/issues.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { taskingListQuery, type TaskingOutput } from "../modules/taskings/schema.js";
import { parseOptions, textTable, UsageError, withContext } from "./io.js";

const USAGE = "rapporteur taskings list [--state draft|issued|closed] [--format table|json] | taskings show REFERENCE [--format text|json]";

export async function run(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (sub === "list") return list(rest);
  if (sub === "show") return show(rest);
  throw new UsageError(`unknown taskings command "${sub ?? ""}"\nusage: ${USAGE}`);
}

async function list(args: string[]) {
  const { values } = parseOptions(args, { state: { type: "string" }, format: { type: "string", default: "table" } }, USAGE);
  if (values.format !== "table" && values.format !== "json") throw new UsageError(`--format must be table or json\nusage: ${USAGE}`);
  const query = taskingListQuery.safeParse({ state: values.state });
  if (!query.success) throw new ValidationError(formatIssues("", query.error.issues).map((i) => ({ ...i, path: `--${i.path}` })));
  await withContext(async ({ services }) => {
    const { items } = await services.taskings.listTaskings(CLI_ACTOR, query.data.state);
    process.stdout.write(values.format === "json" ? `${JSON.stringify(items, null, 2)}\n` : table(items));
  });
}

function table(items: TaskingOutput[]): string {
  if (items.length === 0) return "No taskings.\n";
  const header = ["REFERENCE", "STATE", "VERSION", "DUE", "POSTS", "TITLE"];
  return textTable(
    header,
    items.map((t) => [t.reference, t.state, String(t.issued_version), t.due_date, String(t.targets.length), t.title]),
  );
}

async function show(args: string[]) {
  const { values, positionals } = parseOptions(args, { format: { type: "string", default: "text" } }, USAGE);
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json\nusage: ${USAGE}`);
  const reference = positionals.join(" ").trim();
  if (!reference) throw new UsageError(`name the tasking by its reference, such as "STATE 123456"\nusage: ${USAGE}`);
  await withContext(async ({ services }) => {
    const { items } = await services.taskings.listTaskings(CLI_ACTOR);
    const tasking = items.find((t) => t.reference === reference.toUpperCase());
    if (!tasking) throw new UsageError(`no tasking has the reference ${reference}`);
    const { rows } = await services.taskings.compliance.matrix(CLI_ACTOR, { tasking: tasking.id });
    if (values.format === "json") {
      process.stdout.write(`${JSON.stringify({ ...tasking, compliance: rows }, null, 2)}\n`);
      return;
    }
    const lines = [
      `${tasking.reference}: ${tasking.title}`,
      `${tasking.handling} · ${tasking.state}${tasking.issued_version > 0 ? `, version ${tasking.issued_version}` : ""} · covers ${dayText(tasking.period.from)} to ${dayText(tasking.period.to)} · due ${dayText(tasking.due_date)}`,
      "",
      tasking.body,
      "",
      ...tasking.requirements.map((r) => `${r.number}. ${r.text}${r.categories.length ? ` (categories: ${r.categories.join(", ")})` : ""}`),
      "",
      ...(rows.length === 0
        ? [`Posts: ${tasking.targets.map((t) => t.post).join(", ")}`]
        : rows.map((r) => `${r.post.padEnd(3)} ${r.status.replace("_", " ")}${r.submitted_at ? `, submitted ${dayText(r.submitted_at.slice(0, 10))}` : ""}`)),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  });
}
