// Turns zod's issues into the {path, message} list every edge answers with: the HTTP layer puts the
// location ("body", "query", "params") first in the path so a client knows where to look; the CLI
// and the file readers put the option, file or line there.
import type { z } from "zod";
import type { IssueDetail } from "../../domain/errors.js";

type ZodIssue = z.core.$ZodIssue;

export function formatIssues(location: string, issues: readonly ZodIssue[], prefix: PropertyKey[] = []): IssueDetail[] {
  const out: IssueDetail[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      out.push(...formatIssues(location, closestBranch(issue.errors), path));
      continue;
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: joinPath(location, [...path, key]), message: "is not a known field" });
      continue;
    }
    out.push({ path: joinPath(location, path), message: issue.message });
  }
  return out;
}

/**
 * Of a union's failed branches, the one the input most resembles: fewest of its top-level keys
 * unknown to the branch, then fewest issues. (Counting the unknown keys, not just whether there are
 * any, matters when every branch has some: {source_id, kind, title, …} is a new source with one
 * stray key, not a source reference with eight.)
 */
function closestBranch(branches: ZodIssue[][]): ZodIssue[] {
  const score = (issues: ZodIssue[]) =>
    issues.reduce((sum, i) => sum + (i.code === "unrecognized_keys" && i.path.length === 0 ? 1000 * i.keys.length : 0), 0) + issues.length;
  return [...branches].sort((a, b) => score(a) - score(b))[0]!;
}

export function joinPath(location: string, path: PropertyKey[]): string {
  return [location, ...path.map(String)].filter((p) => p !== "").join(".");
}
