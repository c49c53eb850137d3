// The shape every module follows, checked over the source itself (docs/ARCHITECTURE.md, "Modules
// and what they may import"): a module's SQL stays in its own repo files and touches only the
// tables it owns; no file outside a module imports that module's repo; only routes import the
// HTTP layer; and the modules import one another without a cycle. The scan reads import statements with a regular expression (the code
// base has no dependency-cruiser, and static imports are all it uses).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");

/** Who owns each table: only that module's files name it in a query. */
const TABLE_OWNER: Record<string, string> = {
  countries: "reference",
  posts: "reference",
  taxonomy_versions: "reference",
  taxonomy_categories: "reference",
  users: "users",
  sessions: "auth",
  api_tokens: "auth",
  login_attempts: "auth",
  second_factors: "auth",
  recovery_codes: "auth",
  oidc_identities: "auth",
  oidc_logins: "auth",
  sequences: "incidents",
  incidents: "incidents",
  incident_categories: "incidents",
  incident_perpetrator_groups: "incidents",
  incident_comments: "incidents",
  incident_tallies: "incidents",
  sources: "sources",
  incident_sources: "sources",
  audit_events: "audit",
  audit_chain_head: "audit",
  audit_checkpoints: "audit",
  geos: "stats",
  datasets: "stats",
  series: "stats",
  observations: "stats",
  observation_revisions: "stats",
  case_outcomes: "stats",
  notable_cases: "stats",
  notable_case_outcomes: "stats",
  notable_case_incidents: "stats",
  report_templates: "reports",
  reports: "reports",
  report_versions: "reports",
  jobs: "jobs",
  taskings: "taskings",
  tasking_targets: "taskings",
  tasking_versions: "taskings",
  tasking_responses: "taskings",
  tasking_answers: "taskings",
  tasking_links: "taskings",
  notifications: "notifications",
  notification_cursor: "notifications",
  email_deliveries: "notifications",
  notification_preferences: "notifications",
  engagements: "engagements",
  engagement_topics: "engagements",
  engagement_follow_ups: "engagements",
  engagement_attachments: "engagements",
  files: "files",
};

/** Which module may import which: the table in docs/ARCHITECTURE.md, "Modules and what they may import". */
const MAY_IMPORT: Record<string, readonly string[]> = {
  auth: ["common"],
  "auth/sign-in": ["auth", "users", "audit", "common"],
  audit: ["auth", "common"],
  reference: ["auth"],
  posts: ["auth", "audit", "reference", "common"],
  taxonomy: ["auth", "audit", "reference", "common"],
  users: ["auth", "audit", "reference", "common"],
  sources: ["auth", "audit", "common"],
  incidents: ["auth", "audit", "reference", "sources", "users", "common"],
  stats: ["auth", "audit", "reference", "incidents", "jobs", "common"],
  health: [],
  demo: ["auth", "incidents", "sources", "stats", "taskings", "engagements"],
  figures: ["auth", "incidents", "stats"],
  analysis: ["auth", "figures", "reference", "stats", "common"],
  reports: ["auth", "audit", "figures", "incidents", "reference", "stats", "users", "engagements", "common"],
  jobs: ["auth", "audit", "users", "common"],
  notifications: ["auth", "audit", "engagements", "incidents", "jobs", "reference", "taskings", "users", "common"],
  taskings: ["auth", "audit", "incidents", "reference", "reports", "stats", "users", "jobs", "engagements", "common"],
  engagements: ["auth", "audit", "reference", "users", "files", "common"],
  files: [],
  common: [],
};

/**
 * auth holds two layers: what every module uses (the actor, the policy and its SQL form,
 * credentials, passwords) and sign-in on top of it (sessions and API tokens for an account, which
 * ask the users module for the account). The graph keeps them apart so users may use the first
 * while sign-in uses users.
 */
const SIGN_IN = new Set(["auth/service.ts", "auth/tokens.ts", "auth/routes.ts", "auth/second-factor.ts", "auth/oidc.ts", "auth/sign-in-schema.ts"]);

interface SourceFile {
  path: string; // relative to src/, with forward slashes
  text: string;
}

function sourceFiles(dir = SRC): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!/\.tsx?$/.test(entry.name)) return [];
    return [{ path: relative(SRC, full).split("\\").join("/"), text: readFileSync(full, "utf8") }];
  });
}

/** The relative specifiers a file imports or re-exports (static, side-effect and dynamic imports). */
function importSpecifiers(text: string): string[] {
  const patterns = [/^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm, /^\s*import\s*["']([^"']+)["']/gm, /\bimport\(\s*["']([^"']+)["']\s*\)/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!)).filter((s) => s.startsWith("."));
}

/** `modules/<name>/...` → name (or "auth/sign-in"); anything else → null. */
function moduleOf(path: string): string | null {
  const match = /^modules\/([^/]+)\/(.*)$/.exec(path);
  if (!match) return null;
  return SIGN_IN.has(`${match[1]}/${match[2]}`) ? "auth/sign-in" : match[1]!;
}

const folderOf = (path: string) => /^modules\/([^/]+)\//.exec(path)?.[1] ?? null;
const isRepo = (path: string) => /(^|\/|-)repo\.ts$/.test(path);

function resolveImport(from: string, specifier: string): string {
  return relative(SRC, resolve(SRC, dirname(from), specifier))
    .split("\\")
    .join("/")
    .replace(/\.js$/, ".ts");
}

const files = sourceFiles();
const imports = files.flatMap((file) => importSpecifiers(file.text).map((specifier) => ({ from: file.path, to: resolveImport(file.path, specifier) })));
/** Tests may reach into any module to build their fixtures; the graph is the production code's. */
const isTest = (path: string) => /\.test\.ts$|test-support\.ts$|test-fixture\.ts$|^testing\//.test(path);
const productionImports = imports.filter(({ from }) => !isTest(from));

/** The edges between modules: from → to → one file that makes it. */
function moduleGraph(edges: { from: string; to: string }[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const { from, to } of edges) {
    const a = moduleOf(from);
    const b = moduleOf(to);
    if (a === null || b === null || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, `${from} → ${to}`);
  }
  return graph;
}

/** Every cycle (as the list of its modules, starting from the smallest name), found once each. */
function cyclesOf(graph: Map<string, Map<string, string>>): string[][] {
  const cycles = new Map<string, string[]>();
  const visit = (node: string, path: string[]) => {
    for (const next of graph.get(node)?.keys() ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const cycle = path.slice(at);
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(rotated.join(" → "), rotated);
      } else visit(next, [...path, next]);
    }
  };
  for (const node of graph.keys()) visit(node, [node]);
  return [...cycles.values()];
}

describe("module boundaries", () => {
  it("when the scan reads the code base, then it finds the modules and their imports (so the checks below have something to check)", () => {
    const graph = moduleGraph(productionImports);
    expect(graph.get("incidents")?.has("sources")).toBe(true);
    expect(graph.get("auth/sign-in")?.has("users")).toBe(true);
    expect(importSpecifiers('import {\n  a,\n  b,\n} from "../x/repo.js";\nexport { c } from "./c.js";\nconst d = await import("./d.js");')).toEqual([
      "../x/repo.js",
      "./c.js",
      "./d.js",
    ]);
  });

  it("when a file imports another module's repo, then it fails, naming the file", () => {
    const offending = imports.filter(({ from, to }) => {
      const target = folderOf(to);
      return target !== null && isRepo(to) && folderOf(from) !== target;
    });
    expect(offending.map(({ from, to }) => `${from} imports ${to}`)).toEqual([]);
  });

  it("when a module's code imports the HTTP layer, then it is a routes file: services take typed input and never shape requests", () => {
    const offending = productionImports.filter(({ from, to }) => {
      const module = folderOf(from);
      return module !== null && to.startsWith("http/") && !/\/routes\.ts$/.test(from);
    });
    expect(offending.map(({ from, to }) => `${from} imports ${to}`)).toEqual([]);
  });

  it("when the modules import one another, then there is no cycle", () => {
    const graph = moduleGraph(productionImports);
    const described = cyclesOf(graph).map((cycle) => cycle.map((m, i) => graph.get(m)!.get(cycle[(i + 1) % cycle.length]!)!).join("; "));
    expect(described).toEqual([]);
  });

  it("when a module imports another, then the table of who may import which allows it (a new dependency is a decision, written down)", () => {
    const graph = moduleGraph(productionImports);
    const unlisted = [...graph.keys()].filter((m) => MAY_IMPORT[m] === undefined);
    const disallowed = [...graph].flatMap(([from, targets]) => [...targets].filter(([to]) => !(MAY_IMPORT[from] ?? []).includes(to)).map(([, edge]) => edge));
    expect(unlisted).toEqual([]);
    expect(disallowed).toEqual([]);
  });

  it("when a cycle is made up, then the cycle finder finds it (so an empty answer above means something)", () => {
    const graph = new Map([
      ["a", new Map([["b", "a.ts → b.ts"]])],
      ["b", new Map([["c", "b.ts → c.ts"]])],
      ["c", new Map([["a", "c.ts → a.ts"]])],
      ["d", new Map([["a", "d.ts → a.ts"]])],
    ]);
    expect(cyclesOf(graph)).toEqual([["a", "b", "c"]]);
  });

  it("when a module's code names a table in a query, then it is a table the module owns, named in its repo files", () => {
    const misplaced: string[] = [];
    const query = /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*["'`]([a-z_]+)/g;
    for (const file of files) {
      const owner = folderOf(file.path);
      if (owner === null || /\.test\.ts$/.test(file.path)) continue;
      for (const [, table] of file.text.matchAll(query)) {
        if (TABLE_OWNER[table!] === undefined) misplaced.push(`${file.path}: ${table} has no owner in TABLE_OWNER`);
        else if (TABLE_OWNER[table!] !== owner) misplaced.push(`${file.path}: ${table} belongs to ${TABLE_OWNER[table!]}`);
        else if (!isRepo(file.path) && !AUDIT_LOG_FILES.has(file.path)) misplaced.push(`${file.path}: queries ${table} outside a repo file`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it("when a table is created by a migration, then it has an owner", () => {
    const created = files
      .filter((f) => f.path.startsWith("db/migrations/"))
      .flatMap((f) => [...f.text.matchAll(/createTable\(\s*["']([a-z_]+)["']/g)].map((m) => m[1]!));
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((t) => TABLE_OWNER[t] === undefined)).toEqual([]);
  });
});

/**
 * The audit module's writing, checking and checkpointing of the hash chain (audit.ts, verify.ts,
 * checkpoints.ts) are the log itself: they stay where the chain's rules are explained rather than
 * split into a repo file.
 */
const AUDIT_LOG_FILES = new Set(["modules/audit/audit.ts", "modules/audit/verify.ts", "modules/audit/checkpoints.ts"]);
