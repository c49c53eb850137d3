// The web app names API routes only by their keys in the route table ("GET /incidents/:id"), which is
// derived from the server's declarations; the versioned prefix is written once, in api/routes.ts. A
// path spelled out anywhere else would be a path the type checker cannot follow when a route changes.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "vitest";

const WEB = join(import.meta.dirname, "..");
// Built rather than written, so that this file does not hold what it looks for.
const PREFIX = ["", "api", "v1", ""].join("/");
const ROUTE_TYPES = "api/routes.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

it("when the web app's sources are read, then no file but the route types spells out a path under the versioned prefix", () => {
  const offending = sourceFiles(WEB)
    .map((path) => relative(WEB, path).split("\\").join("/"))
    .filter((path) => path !== ROUTE_TYPES)
    .flatMap((path) =>
      readFileSync(join(WEB, path), "utf8")
        .split("\n")
        .flatMap((line, i) => (line.includes(PREFIX) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
  expect(offending).toEqual([]);
  // The scan reads what it should: the route types themselves do hold the prefix.
  expect(readFileSync(join(WEB, ROUTE_TYPES), "utf8")).toContain(PREFIX.slice(0, -1));
});
