// `rapporteur report cable|country|brief --country XX [--countries A,B] --period P
// [--categories SV,HC] --format md|txt|pdf|docx --out FILE [--freeze --as EMAIL]`.
//
// Without --freeze the report is rendered from the data as they are now, over every record (the
// CLI acts as the system). With --freeze --as EMAIL a report is created as that user (counting
// what that user may see), its version 1 frozen and rendered, and its hash printed.
import { writeFileSync } from "node:fs";
import { actorOf, CLI_ACTOR, type UserActor } from "../modules/auth/actor.js";
import { AppError, ValidationError } from "../domain/errors.js";
import { formatIssues } from "../modules/common/issues.js";
import { RENDER_FORMATS, reportRequest, type RenderFormat } from "../modules/reports/schema.js";
import { parseOptions, requireOption, UsageError, withContext } from "./io.js";

const USAGE =
  "rapporteur report cable|country|brief --country XX [--countries A,B,...] --period P [--categories SV,HC] --format md|txt|pdf|docx --out FILE [--freeze --as EMAIL]";

export async function run(args: string[]): Promise<number | void> {
  const [kind, ...rest] = args;
  if (kind !== "cable" && kind !== "country" && kind !== "brief") throw new UsageError(`name the kind of report: cable, country or brief\nusage: ${USAGE}`);
  const { values, positionals } = parseOptions(
    rest,
    {
      country: { type: "string" },
      countries: { type: "string" },
      period: { type: "string" },
      categories: { type: "string" },
      format: { type: "string", default: "md" },
      out: { type: "string" },
      freeze: { type: "boolean", default: false },
      as: { type: "string" },
    },
    USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"\nusage: ${USAGE}`);
  const format = values.format as RenderFormat;
  if (!RENDER_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${RENDER_FORMATS.join(", ")}\nusage: ${USAGE}`);
  const out = requireOption(values.out, "out", USAGE);
  const period = requireOption(values.period, "period", USAGE);
  const list = (text: string | undefined) =>
    text === undefined
      ? []
      : text
          .split(",")
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean);
  const countries = [...new Set([...list(values.country), ...list(values.countries)])];
  if (countries.length === 0) throw new UsageError(`name the country with --country XX (a brief: --countries A,B)\nusage: ${USAGE}`);
  if (values.freeze && !values.as) throw new UsageError(`--freeze records who froze the report: add --as EMAIL\nusage: ${USAGE}`);
  // Validated once, with the schema the HTTP route uses; issues (the schema's and the service's,
  // which name the field within the request) are put on the option that gave the field.
  const option = (path: string) => `--${path.replace(/^countries/, kind === "brief" ? "countries" : "country")}`;
  const parsed = reportRequest.safeParse({ kind, countries, period, categories: list(values.categories) });
  if (!parsed.success) throw new ValidationError(formatIssues("", parsed.error.issues)).withIssuesAt(option);
  const request = parsed.data;
  const onOptions = (error: unknown): never => {
    throw error instanceof AppError && error.issues.length > 0 ? error.withIssuesAt(option) : error;
  };

  return withContext(async ({ services }) => {
    if (!values.freeze) {
      const { document, file } = await services.reports.renderNow(CLI_ACTOR, request, format).catch(onOptions);
      writeFileSync(out, file);
      process.stdout.write(`Wrote ${out} (${format}, ${file.length} bytes): ${document.title}${document.synthetic ? " — SYNTHETIC DATA" : ""}\n`);
      return 0;
    }
    const user = await services.users.findByEmail(values.as!);
    if (!user || user.disabled_at !== null) throw new UsageError(`--as ${values.as}: no active user has this e-mail`);
    const actor: UserActor = actorOf(user);
    const { report, version, created } = await services.reports.create(actor, request).catch(onOptions);
    const { file } = await services.reports.download(actor, report.id, version.version, format);
    writeFileSync(out, file);
    process.stdout.write(
      `${created ? "Froze" : "Unchanged:"} report ${report.id} version ${version.version}, sha256 ${version.sha256}, data as of ${version.as_of}\nWrote ${out} (${format}, ${file.length} bytes)\n`,
    );
    return 0;
  });
}
