// Frozen reports: the content as canonical JSON (keys sorted at every level, no whitespace) and
// its SHA-256. The same document always gives the same bytes, so the same data frozen twice gives
// the same hash, whichever order the code happened to build its objects in.
import { createHash } from "node:crypto";
import type { ReportDocument } from "./document.js";

function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error("a report holds only finite numbers");
  return value;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The content's canonical JSON and its hash, as stored in `report_versions`. */
export function snapshot(document: ReportDocument): { content: string; sha256: string } {
  const content = canonicalJson(document);
  return { content, sha256: sha256Hex(content) };
}
