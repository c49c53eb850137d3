// The listings timed at full size: the default first page, a few filtered ones, and full-text
// searches for a common word, a rarer one and a rare number. Each is the query string a client
// would send, parsed by the API's own schema so defaults (sort, limit 50) are the real ones.
import type { Kysely } from "kysely";
import type { DialectName } from "../src/db/dialect.js";
import type { Database } from "../src/db/types.js";
import { listIncidentRows } from "../src/modules/incidents/repo.js";
import { incidentListQuery, type IncidentListQuery } from "../src/modules/incidents/schema.js";

export interface BenchQuery {
  name: string;
  kind: "list" | "search";
  /** As on the URL: /incidents?country=DE&category=SV */
  params: Record<string, string>;
}

export const BENCH_QUERIES: readonly BenchQuery[] = [
  { name: "list default", kind: "list", params: {} },
  { name: "list country=DE", kind: "list", params: { country: "DE" } },
  { name: "list category=SV", kind: "list", params: { category: "SV" } },
  { name: "list country=DE&category=SV", kind: "list", params: { country: "DE", category: "SV" } },
  { name: "list sort=-occurred", kind: "list", params: { sort: "-occurred" } },
  // "reported" is in about half the generated titles; "trafficking" in about one in seven.
  { name: "search q=reported", kind: "search", params: { q: "reported" } },
  { name: "search q=trafficking", kind: "search", params: { q: "trafficking" } },
  { name: "search q=trafficking&country=DE", kind: "search", params: { q: "trafficking", country: "DE" } },
  // A case-number prefix: a handful of matches, the typical "find that one record" search.
  { name: "search q=4242", kind: "search", params: { q: "4242" } },
];

export function parseQuery(query: BenchQuery): IncidentListQuery {
  return incidentListQuery.parse(query.params);
}

/**
 * How many incidents match in all (not just the first page), for the report. Runs the service's own
 * listing query without its page limit, so the filters cannot drift apart from what was timed.
 */
export async function countMatches(db: Kysely<Database>, dialect: DialectName, query: IncidentListQuery): Promise<number> {
  const rows = await listIncidentRows(db, dialect, { kind: "all" }, { ...query, limit: Number.MAX_SAFE_INTEGER - 1 }, null);
  return rows.length;
}
