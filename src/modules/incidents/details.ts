// What a report shows of the incidents it counts (the counting itself is the figures module's):
// each incident's columns, the categories it is filed under with their top-level codes, its
// perpetrators' statuses as reported and the sources it cites, in the order of the ids asked.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type {
  DatePrecision,
  HandlingMarking,
  LegalStatus,
  MigrationStatus,
  SourceKind,
  SourceReliability,
  VerificationStatus,
} from "../../domain/vocabulary.js";
import { sourcesByIncident } from "../sources/index.js";
import { categoriesWithTopByIncident, groupsByIncident, incidentDetailRows } from "./repo.js";

interface IncidentDetailSource {
  id: string;
  kind: SourceKind;
  publisher: string;
  title: string;
  url: string | null;
  published_date: string | null;
  reliability: SourceReliability;
  credibility: number;
}

export interface IncidentDetail {
  id: string;
  number: number;
  country: string;
  post: string;
  title: string;
  summary: string;
  city: string | null;
  admin_region: string | null;
  occurred_from: string;
  occurred_to: string;
  date_precision: DatePrecision;
  victims_count: number | null;
  verification_status: VerificationStatus;
  legal_status: LegalStatus;
  handling_marking: HandlingMarking;
  synthetic: boolean;
  updated_at: string;
  /** Category codes as filed (SV.RAPE) and their top-level codes (SV), each once. */
  categories: string[];
  top_categories: string[];
  /** Perpetrators' migration statuses as reported (empty when no group was recorded). */
  statuses: { status: MigrationStatus; basis: string | null }[];
  sources: IncidentDetailSource[];
}

/** In chunks, so a country-year of many thousand records stays within parameter limits. */
const CHUNK = 500;

export async function incidentDetails(db: Kysely<Database>, ids: readonly string[]): Promise<IncidentDetail[]> {
  if (ids.length === 0) return [];
  const details: IncidentDetail[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) details.push(...(await detailsOf(db, ids.slice(i, i + CHUNK))));
  const order = new Map(ids.map((id, i) => [id, i]));
  return details.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

async function detailsOf(db: Kysely<Database>, ids: readonly string[]): Promise<IncidentDetail[]> {
  const [rows, categories, groups, cited] = await Promise.all([
    incidentDetailRows(db, ids),
    categoriesWithTopByIncident(db, ids),
    groupsByIncident(db, ids),
    sourcesByIncident(db, ids),
  ]);
  return rows.map((r) => {
    const cats = categories.get(r.id) ?? [];
    return {
      id: r.id,
      number: r.number,
      country: r.country_code,
      post: r.post_code,
      title: r.title,
      summary: r.summary,
      city: r.city,
      admin_region: r.admin_region,
      occurred_from: r.occurred_from,
      occurred_to: r.occurred_to,
      date_precision: r.date_precision,
      victims_count: r.victims_count,
      verification_status: r.verification_status,
      legal_status: r.legal_status,
      handling_marking: r.handling_marking,
      synthetic: r.synthetic,
      updated_at: r.updated_at,
      categories: cats.map((c) => c.code),
      top_categories: [...new Set(cats.map((c) => c.top))],
      statuses: (groups.get(r.id) ?? []).map((g) => ({ status: g.migration_status, basis: g.basis })),
      sources: (cited.get(r.id) ?? []).map((s) => ({
        id: s.id,
        kind: s.kind,
        publisher: s.publisher,
        title: s.title,
        url: s.url,
        published_date: s.published_date,
        reliability: s.reliability,
        credibility: s.credibility,
      })),
    };
  });
}
