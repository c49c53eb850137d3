// `rapporteur stats list` (datasets with their counts) and `rapporteur stats query --dataset CODE
// [--geo XX] [--period P] [--format table|json] [--limit N]`.
import { ValidationError } from "../domain/errors.js";
import { formatIssues } from "../modules/common/issues.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { observationQuery } from "../modules/stats/schema.js";
import { parseOptions, textTable, UsageError, withContext } from "./io.js";

const USAGE =
  "rapporteur stats list [--format table|json] | stats query --dataset CODE [--publisher P] [--geo XX] [--period P] [--format table|json] [--limit N]";

export async function run(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (sub === "list") return list(rest);
  if (sub === "query") return query(rest);
  throw new UsageError(`unknown stats command "${sub ?? ""}"\nusage: ${USAGE}`);
}

function formatOf(value: string | undefined): "table" | "json" {
  if (value !== "table" && value !== "json") throw new UsageError(`--format must be table or json\nusage: ${USAGE}`);
  return value;
}

async function list(args: string[]) {
  const { values } = parseOptions(args, { format: { type: "string", default: "table" } }, USAGE);
  const format = formatOf(values.format);
  await withContext(async ({ services }) => {
    const datasets = await services.stats.listDatasets(CLI_ACTOR);
    if (format === "json") return void process.stdout.write(`${JSON.stringify(datasets, null, 2)}\n`);
    if (datasets.length === 0) return void process.stdout.write("No datasets. Import one with: rapporteur import stats FILE\n");
    process.stdout.write(
      textTable(
        ["PUBLISHER", "CODE", "TITLE", "SERIES", "OBSERVATIONS", "REV", "RETRIEVED"],
        datasets.map((d) => [
          d.publisher,
          d.code,
          d.title.length > 50 ? `${d.title.slice(0, 47)}...` : d.title,
          String(d.series),
          String(d.observations),
          String(d.revision),
          `${d.retrieved_at.slice(0, 19)}Z`,
        ]),
      ),
    );
  });
}

async function query(args: string[]) {
  const { values } = parseOptions(
    args,
    {
      dataset: { type: "string" },
      publisher: { type: "string" },
      geo: { type: "string" },
      period: { type: "string" },
      format: { type: "string", default: "table" },
      limit: { type: "string", default: "1000" },
    },
    USAGE,
  );
  const format = formatOf(values.format);
  if (values.dataset === undefined) throw new UsageError(`--dataset is required\nusage: ${USAGE}`);
  const parsed = observationQuery.safeParse({
    dataset: values.dataset,
    publisher: values.publisher,
    geo: values.geo,
    period: values.period,
    limit: values.limit,
  });
  if (!parsed.success) throw new ValidationError(formatIssues("", parsed.error.issues).map((i) => ({ ...i, path: `--${i.path}` })));
  await withContext(async ({ services }) => {
    const rows = await services.stats.queryObservations(CLI_ACTOR, parsed.data);
    if (format === "json") return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    if (rows.length === 0) return void process.stdout.write("No observations.\n");
    process.stdout.write(
      textTable(
        ["SERIES", "GEO", "PERIOD", "VALUE", "FLAG"],
        rows.map((r) => [r.series, r.geo, r.period, String(r.value), r.flag ?? ""]),
      ),
    );
  });
}
