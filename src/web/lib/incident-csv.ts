// The incident list's CSV export: every record of the current view (all pages, up to a limit),
// one row each, with the handling marking on every row and synthetic records labelled as such.
import { api } from "../api/client.js";
import type { IncidentQuery } from "../api/types.js";
import type { Incident } from "../api/types.js";
import { toCsv } from "./csv.js";

const EXPORT_LIMIT = 10_000;

const HEADER = [
  "number",
  "id",
  "title",
  "country",
  "post",
  "occurred_from",
  "occurred_to",
  "date_precision",
  "categories",
  "state",
  "verification_status",
  "legal_status",
  "victims",
  "victims_minors",
  "perpetrators",
  "perpetrators_migration_status",
  "handling_marking",
  "synthetic",
  "sources",
  "source_grades",
  "created_at",
  "updated_at",
] as const;

function incidentRow(incident: Incident): (string | number | null)[] {
  return [
    incident.number,
    incident.id,
    incident.title,
    incident.country,
    incident.post,
    incident.occurred.from,
    incident.occurred.to,
    incident.occurred.precision,
    incident.categories.join(";"),
    incident.state,
    incident.verification_status,
    incident.legal_status,
    incident.victims.count,
    incident.victims.minors,
    incident.perpetrators.count,
    incident.perpetrators.groups.map((g) => g.migration_status).join(";") || "unknown",
    incident.handling_marking,
    incident.synthetic ? "SYNTHETIC DATA — NOT REAL EVENTS" : "",
    incident.sources.length,
    incident.sources.map((s) => `${s.reliability}${s.credibility}`).join(";"),
    incident.created_at,
    incident.updated_at,
  ];
}

/** Fetch every page of the view and make the CSV; `truncated` when the view is larger than the limit. */
export async function exportIncidents(query: IncidentQuery): Promise<{ csv: string; count: number; truncated: boolean; synthetic: boolean }> {
  const rows: Incident[] = [];
  let cursor: string | undefined;
  do {
    const page = await api("GET /incidents", { query: { ...query, limit: 200, ...(cursor ? { cursor } : {}) } });
    rows.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && rows.length < EXPORT_LIMIT);
  const kept = rows.slice(0, EXPORT_LIMIT);
  return { csv: toCsv(HEADER, kept.map(incidentRow)), count: kept.length, truncated: cursor !== undefined, synthetic: kept.some((r) => r.synthetic) };
}
