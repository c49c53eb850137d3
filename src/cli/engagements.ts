// `rapporteur engagements list [--post XX] [--from D] [--to D] [--kind K] [--level L]
// [--office-type T] [--response R] [--state S] [--category C] [--follow-up open|due|overdue]
// [--search WORDS] [--limit N] [--format table|json]`: the engagements with host governments, latest
// first, filtered as GET /api/v1/engagements is (the same schema checks the options).
import { ValidationError } from "../domain/errors.js";
import { formatIssues } from "../modules/common/issues.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { engagementListQuery, type EngagementOutput } from "../modules/engagements/schema.js";
import { parseOptions, textTable, UsageError, withContext } from "./io.js";

const USAGE =
  "rapporteur engagements list [--post XX] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--kind K] [--level L] [--office-type T] [--response R] [--state S] [--category C] [--follow-up open|due|overdue] [--search WORDS] [--limit N] [--format table|json]";

/** Option → the API's query field. */
const FILTERS = {
  post: "post",
  from: "from",
  to: "to",
  kind: "kind",
  level: "level",
  "office-type": "office_type",
  response: "response",
  state: "state",
  category: "category",
  "follow-up": "follow_up",
  search: "q",
  limit: "limit",
} as const;

export async function run(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (sub === "list") return list(rest);
  throw new UsageError(`unknown engagements command "${sub ?? ""}"\nusage: ${USAGE}`);
}

async function list(args: string[]) {
  const options = Object.fromEntries(Object.keys(FILTERS).map((name) => [name, { type: "string" as const }]));
  const { values } = parseOptions(args, { ...options, format: { type: "string", default: "table" } }, USAGE) as { values: Record<string, string | undefined> };
  if (values.format !== "table" && values.format !== "json") throw new UsageError(`--format must be table or json\nusage: ${USAGE}`);
  const asked = Object.fromEntries(Object.entries(FILTERS).flatMap(([option, field]) => (values[option] === undefined ? [] : [[field, values[option]]])));
  const query = engagementListQuery.safeParse(asked);
  if (!query.success) {
    const optionOf = (field: string) => Object.entries(FILTERS).find(([, f]) => f === field)?.[0] ?? field;
    throw new ValidationError(formatIssues("", query.error.issues).map((i) => ({ ...i, path: `--${optionOf(i.path)}` })));
  }
  await withContext(async ({ services }) => {
    const { items, total } = await services.engagements.list(CLI_ACTOR, query.data);
    process.stdout.write(values.format === "json" ? `${JSON.stringify({ items, total }, null, 2)}\n` : table(items, total));
  });
}

function table(items: EngagementOutput[], total: number): string {
  if (items.length === 0) return "No engagements.\n";
  const rows = items.map((e) => [
    e.date,
    e.post,
    e.kind,
    e.counterpart.level,
    e.counterpart.office_type,
    e.response,
    e.state,
    String(e.follow_ups.filter((f) => !f.done).length),
    (e.synthetic ? "[SYNTHETIC] " : "") + (e.counterpart.office.length > 50 ? `${e.counterpart.office.slice(0, 47)}...` : e.counterpart.office),
  ]);
  const shown = total > items.length ? `\n${items.length} of ${total} shown (--limit to see more).\n` : "";
  return textTable(["DATE", "POST", "KIND", "LEVEL", "OFFICE TYPE", "RESPONSE", "STATE", "OPEN", "OFFICE"], rows) + shown;
}
