// `rapporteur <command>`: the entry point of the CLI. Each command lives in its own file and
// calls services; none touches SQL.
import { reportError, UsageError } from "./io.js";

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(args: string[]): Promise<number | void> }> }> = {
  serve: { summary: "serve the API (and the web app) over HTTP", load: () => import("./serve.js") },
  migrate: { summary: "bring the database schema up to date and seed reference data", load: () => import("./migrate.js") },
  user: {
    summary: "user add --email E --name N --role ROLE [--post CODE] --password-stdin | user reset-password --email E | user reset-second-factor --email E",
    load: () => import("./user.js"),
  },
  incidents: { summary: "incidents list [--country XX] [--format table|json] | incidents add --file F.json --as EMAIL", load: () => import("./incidents.js") },
  demo: { summary: "fill the database with a few hundred synthetic incidents (flagged synthetic)", load: () => import("./demo.js") },
  import: {
    summary:
      "import stats FILE [--format F] [--dataset CODE] [--mapping FILE] [--encoding E] [--dry-run] (import stats --help) | import case-outcomes FILE --mapping M --as EMAIL [--dry-run] [--all-or-nothing]",
    load: () => import("./import.js"),
  },
  stats: { summary: "stats list | stats query --dataset CODE [--geo XX] [--period P] [--format table|json]", load: () => import("./stats.js") },
  report: {
    summary: "report cable|country|brief --country XX [--countries A,B] --period P --format md|txt|pdf|docx --out FILE [--freeze --as EMAIL]",
    load: () => import("./report.js"),
  },
  taskings: {
    summary: "taskings list [--state draft|issued|closed] [--format table|json] | taskings show REFERENCE [--format text|json]",
    load: () => import("./taskings.js"),
  },
  engagements: {
    summary:
      "engagements list [--post XX] [--from D] [--to D] [--kind K] [--level L] [--office-type T] [--response R] [--state S] [--category C] [--follow-up open|due|overdue] [--search WORDS] [--format table|json]",
    load: () => import("./engagements.js"),
  },
  audit: { summary: "audit verify: check the audit log's hash chain (exit 1 naming the first bad event)", load: () => import("./audit.js") },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "usage: rapporteur <command> [options]",
    "",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Configuration comes from the environment (DATABASE_URL, PORT, HOST, LOG_LEVEL, ...); see the README.",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${help()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"\n${help()}`);
  return (await (await command.load()).run(args)) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
