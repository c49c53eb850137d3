// Builds the web app (src/web → dist/web) with Vite, or does nothing when the build is current.
// `npm start` runs it first (prestart) and the browser tests run it in their global setup, so
// `npm install && npm start` serves the app with no extra step and an unchanged tree starts fast.
//
// "Current" means: every file the last build bundled from this repository (Vite lists them), the
// Vite config, index.html and package-lock.json (which pins everything bundled from node_modules)
// hash as they did then. The hashes are kept in dist/web/.build-info.json.
//
//   tsx scripts/build-web.ts            build if stale
//   tsx scripts/build-web.ts --force    build anyway
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = join(ROOT, "dist", "web");
const INFO_FILE = join(OUT_DIR, ".build-info.json");
/** Always inputs, whatever the bundle holds. */
const FIXED_INPUTS = ["vite.config.ts", "src/web/index.html", "package-lock.json"];

interface BuildInfo {
  format: 1;
  built_at: string;
  /** Repository-relative path → SHA-256 of its content when the build was made. */
  inputs: Record<string, string>;
}

function hashFile(path: string): string | null {
  const absolute = join(ROOT, path);
  return existsSync(absolute) ? createHash("sha256").update(readFileSync(absolute)).digest("hex") : null;
}

/** Why the build must be made again, or null when it is current. */
export function staleReason(): string | null {
  if (!existsSync(join(OUT_DIR, "index.html"))) return "no build yet";
  if (!existsSync(INFO_FILE)) return "the build has no record of its inputs";
  let info: BuildInfo;
  try {
    info = JSON.parse(readFileSync(INFO_FILE, "utf8")) as BuildInfo;
  } catch {
    return "the build's record of its inputs is unreadable";
  }
  if (info.format !== 1) return "the build's record is of another format";
  for (const [path, hash] of Object.entries(info.inputs)) {
    if (hashFile(path) !== hash) return `${path} changed`;
  }
  return null;
}

/** Repository files the bundle was made from (node_modules and virtual modules left out). */
function bundledSources(output: unknown): string[] {
  const outputs = (Array.isArray(output) ? output : [output]) as { output?: { type: string; moduleIds?: string[] }[] }[];
  const ids = outputs.flatMap((o) => (o.output ?? []).flatMap((item) => (item.type === "chunk" ? (item.moduleIds ?? []) : [])));
  return [
    ...new Set(
      ids
        .map((id) => id.split("?")[0]!)
        .filter((id) => isAbsolute(id) && !id.includes("node_modules") && !id.includes("\0"))
        .map((id) => relative(ROOT, id).split("\\").join("/"))
        .filter((path) => !path.startsWith("..")),
    ),
  ];
}

export async function buildWebApp(): Promise<void> {
  const { build } = await import("vite");
  const output = await build({ configFile: join(ROOT, "vite.config.ts"), logLevel: "warn" });
  const inputs: Record<string, string> = {};
  for (const path of [...FIXED_INPUTS, ...bundledSources(output)].sort()) {
    const hash = hashFile(path);
    if (hash !== null) inputs[path] = hash;
  }
  const info: BuildInfo = { format: 1, built_at: new Date().toISOString(), inputs };
  writeFileSync(INFO_FILE, `${JSON.stringify(info, null, 2)}\n`);
}

/** Build when stale (or when forced); says what it did on stderr. */
export async function ensureWebBuild(options: { force?: boolean; quiet?: boolean } = {}): Promise<"built" | "current"> {
  const reason = options.force ? "forced" : staleReason();
  if (reason === null) return "current";
  const started = Date.now();
  if (!options.quiet) process.stderr.write(`Building the web app (${reason})...\n`);
  await buildWebApp();
  if (!options.quiet) process.stderr.write(`Built the web app into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return "built";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebBuild({ force: process.argv.includes("--force") }).catch((error: unknown) => {
    process.stderr.write(`The web app could not be built: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
