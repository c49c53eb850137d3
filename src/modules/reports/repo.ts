// Reports' storage and the reads a report's content is made from: the records in scope (accepted
// or published, never retracted, and only those the actor may see), their categories, perpetrator
// groups and sources; the data's as-of time; names of countries, posts and categories.
import { sql, type Kysely } from "kysely";
import type { Database, ReportTable, ReportTemplateTable, ReportVersionTable } from "../../db/types.js";
import type { Visibility } from "../auth/policy.js";
import { incidentVisible } from "../auth/visibility-sql.js";
import { BASIS_STATES, REPORT_BASIS } from "../figures/rules.js";

export interface ScopeFilter {
  visibility: Visibility;
  countries: readonly string[];
  from: string;
  to: string;
  /** Top-level codes; empty for every category. */
  categories: readonly string[];
}

export interface ScopeSource {
  id: string;
  kind: string;
  publisher: string;
  title: string;
  url: string | null;
  published_date: string | null;
  reliability: string;
  credibility: number;
}

export interface ScopeIncident {
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
  date_precision: string;
  victims_count: number | null;
  verification_status: string;
  legal_status: string;
  handling_marking: string;
  synthetic: boolean;
  updated_at: string;
  /** Category codes as filed (SV.RAPE) and their top-level codes (SV), each once. */
  categories: string[];
  top_categories: string[];
  /** Perpetrators' migration statuses as reported (empty when no group was recorded). */
  statuses: { status: string; basis: string | null }[];
  sources: ScopeSource[];
}

/** What a report shows of the records it counts (counting itself is the figures module's), in the order of `ids`. */
export async function incidentDetails(db: Kysely<Database>, ids: readonly string[]): Promise<ScopeIncident[]> {
  if (ids.length === 0) return [];
  const rows: Awaited<ReturnType<typeof detailRows>> = [];
  // In chunks, so a country-year of many thousand records stays within parameter limits.
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await detailRows(db, ids.slice(i, i + 500))));
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return withParts(db, rows);
}

function detailRows(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom("incidents")
    .select([
      "incidents.id",
      "incidents.number",
      "incidents.country_code",
      "incidents.post_code",
      "incidents.title",
      "incidents.summary",
      "incidents.city",
      "incidents.admin_region",
      sql<string>`cast(incidents.occurred_from as text)`.as("occurred_from"),
      sql<string>`cast(incidents.occurred_to as text)`.as("occurred_to"),
      "incidents.date_precision",
      "incidents.victims_count",
      "incidents.verification_status",
      "incidents.legal_status",
      "incidents.handling_marking",
      "incidents.synthetic",
      "incidents.updated_at",
      "incidents.taxonomy_version",
    ])
    .where("incidents.id", "in", [...ids])
    .execute();
}

async function withParts(db: Kysely<Database>, rows: Awaited<ReturnType<typeof detailRows>>): Promise<ScopeIncident[]> {
  const ids = rows.map((r) => r.id);
  const categories = new Map<string, { code: string; top: string }[]>();
  const statuses = new Map<string, { status: string; basis: string | null }[]>();
  const sources = new Map<string, ScopeSource[]>();
  // In chunks, so a country-year of many thousand records stays within parameter limits.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const [cats, groups, cited] = await Promise.all([
      db
        .selectFrom("incident_categories as ic")
        .innerJoin("taxonomy_categories as tc", (join) => join.onRef("tc.version", "=", "ic.taxonomy_version").onRef("tc.code", "=", "ic.category_code"))
        .select(["ic.incident_id", "ic.category_code", sql<string>`coalesce(tc.parent_code, tc.code)`.as("top")])
        .where("ic.incident_id", "in", chunk)
        .orderBy("ic.category_code")
        .execute(),
      db
        .selectFrom("incident_perpetrator_groups")
        .select(["incident_id", "migration_status", "basis"])
        .where("incident_id", "in", chunk)
        .orderBy("incident_id")
        .orderBy("ordinal")
        .execute(),
      db
        .selectFrom("incident_sources")
        .innerJoin("sources", "sources.id", "incident_sources.source_id")
        .select([
          "incident_sources.incident_id",
          "sources.id",
          "sources.kind",
          "sources.publisher",
          "sources.title",
          "sources.url",
          sql<string | null>`cast(sources.published_date as text)`.as("published_date"),
          "sources.reliability",
          "sources.credibility",
        ])
        .where("incident_sources.incident_id", "in", chunk)
        .orderBy("incident_sources.incident_id")
        .orderBy("incident_sources.position")
        .execute(),
    ]);
    for (const c of cats) categories.set(c.incident_id, [...(categories.get(c.incident_id) ?? []), { code: c.category_code, top: c.top }]);
    for (const g of groups) statuses.set(g.incident_id, [...(statuses.get(g.incident_id) ?? []), { status: g.migration_status, basis: g.basis }]);
    for (const s of cited) {
      const { incident_id, ...source } = s;
      sources.set(incident_id, [...(sources.get(incident_id) ?? []), { ...source, credibility: Number(source.credibility) }]);
    }
  }
  return rows.map((r) => {
    const cats = categories.get(r.id) ?? [];
    return {
      id: r.id,
      number: Number(r.number),
      country: r.country_code,
      post: r.post_code,
      title: r.title,
      summary: r.summary,
      city: r.city,
      admin_region: r.admin_region,
      occurred_from: r.occurred_from,
      occurred_to: r.occurred_to,
      date_precision: r.date_precision,
      victims_count: r.victims_count === null ? null : Number(r.victims_count),
      verification_status: r.verification_status,
      legal_status: r.legal_status,
      handling_marking: r.handling_marking,
      synthetic: Boolean(r.synthetic),
      updated_at: r.updated_at,
      categories: cats.map((c) => c.code),
      top_categories: [...new Set(cats.map((c) => c.top))],
      statuses: statuses.get(r.id) ?? [],
      sources: sources.get(r.id) ?? [],
    };
  });
}

/**
 * The data's as-of time: the latest change to any record the report could count (accepted,
 * published or retracted — a retraction changes the figures too) in its countries and window.
 * Not the clock: the same data frozen twice must give the same content, and so the same hash.
 */
export async function dataAsOf(db: Kysely<Database>, filter: ScopeFilter): Promise<string | null> {
  if (filter.countries.length === 0) return null;
  const row = await db
    .selectFrom("incidents")
    .select(sql<string | null>`max(incidents.updated_at)`.as("latest"))
    .where(incidentVisible(filter.visibility))
    .where("incidents.state", "in", [...BASIS_STATES[REPORT_BASIS], "retracted"])
    .where("incidents.country_code", "in", [...filter.countries])
    .where("incidents.occurred_to", ">=", filter.from)
    .where("incidents.occurred_from", "<=", filter.to)
    .executeTakeFirst();
  return row?.latest ?? null;
}

export async function countryNames(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom("countries").select(["code", "name"]).where("code", "in", [...codes]).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function postsOf(db: Kysely<Database>) {
  return db.selectFrom("posts").select(["code", "name", "kind", "country_code", "city"]).execute();
}

/** Names of the current taxonomy's categories, by code. */
export async function categoryNames(db: Kysely<Database>): Promise<Map<string, { name: string; parent: string | null }>> {
  const latest = await db.selectFrom("taxonomy_versions").select("version").orderBy("version", "desc").limit(1).executeTakeFirstOrThrow();
  const rows = await db.selectFrom("taxonomy_categories").select(["code", "label", "parent_code"]).where("version", "=", latest.version).execute();
  return new Map(rows.map((r) => [r.code, { name: r.label, parent: r.parent_code }]));
}

// ---- report storage -------------------------------------------------------------------------

export async function insertReport(db: Kysely<Database>, row: ReportTable): Promise<void> {
  await db.insertInto("reports").values(row).execute();
}

export async function insertVersion(db: Kysely<Database>, row: ReportVersionTable): Promise<void> {
  await db.insertInto("report_versions").values(row).execute();
}

export async function findReport(db: Kysely<Database>, id: string) {
  return db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listReports(db: Kysely<Database>, filter: { post?: string; kind?: string }) {
  let query = db
    .selectFrom("reports")
    .leftJoin("report_versions as v", (join) =>
      join.onRef("v.report_id", "=", "reports.id").on("v.version", "=", (eb) => eb.selectFrom("report_versions as w").select((e) => e.fn.max("w.version").as("m")).whereRef("w.report_id", "=", "reports.id")),
    )
    .select(["reports.id", "reports.kind", "reports.title", "reports.parameters", "reports.post_code", "reports.created_by", "reports.created_at", "v.version", "v.sha256", "v.frozen_at", "v.synthetic"]);
  if (filter.post) query = query.where("reports.post_code", "=", filter.post);
  if (filter.kind) query = query.where("reports.kind", "=", filter.kind);
  return query.orderBy("reports.created_at", "desc").orderBy("reports.id", "desc").limit(500).execute();
}

export async function versionsOf(db: Kysely<Database>, reportId: string) {
  return db
    .selectFrom("report_versions")
    .select(["report_id", "version", "as_of", "template_id", "template_version", "sha256", "synthetic", "frozen_by", "frozen_at"])
    .where("report_id", "=", reportId)
    .orderBy("version")
    .execute();
}

export async function findVersion(db: Kysely<Database>, reportId: string, version: number) {
  return db.selectFrom("report_versions").selectAll().where("report_id", "=", reportId).where("version", "=", version).executeTakeFirst();
}

export async function storedTemplates(db: Kysely<Database>) {
  return db.selectFrom("report_templates").selectAll().orderBy("kind").orderBy("year").execute();
}

/** A country-report template for a year: the first revision inserted, later ones replacing it. */
export async function saveTemplate(db: Kysely<Database>, row: ReportTemplateTable, exists: boolean): Promise<void> {
  if (exists) await db.updateTable("report_templates").set(row).where("kind", "=", row.kind).where("year", "=", row.year).execute();
  else await db.insertInto("report_templates").values(row).execute();
}

export async function storedTemplate(db: Kysely<Database>, kind: string, year: number) {
  return db.selectFrom("report_templates").selectAll().where("kind", "=", kind).where("year", "=", year).executeTakeFirst();
}

/** Observations of a dataset for some geos up to a period (inclusive), newest first, with the dataset's citation. */
export async function observationsUpTo(db: Kysely<Database>, publisher: string, code: string, geos: readonly string[], lastPeriod: string) {
  if (geos.length === 0) return [];
  const rows = await db
    .selectFrom("observations")
    .innerJoin("series", "series.id", "observations.series_id")
    .innerJoin("datasets", "datasets.id", "series.dataset_id")
    .select([
      "datasets.publisher",
      "datasets.code",
      "datasets.title",
      "datasets.revision",
      "datasets.retrieved_at",
      "datasets.updated_at",
      "series.dimensions",
      "series.dimension_labels",
      "series.unit",
      "observations.geo",
      "observations.period",
      "observations.value",
      "observations.flag",
    ])
    .where("datasets.publisher", "=", publisher)
    .where((eb) => eb(eb.fn("lower", ["datasets.code"]), "=", code.toLowerCase()))
    .where("observations.geo", "in", [...geos])
    .where("observations.period", "<=", lastPeriod)
    .orderBy("observations.period", "desc")
    .execute();
  return rows.map((r) => ({
    ...r,
    revision: Number(r.revision),
    value: Number(r.value),
    dimensions: JSON.parse(r.dimensions) as Record<string, string>,
    labels: (r.dimension_labels ? JSON.parse(r.dimension_labels) : {}) as Record<string, string>,
  }));
}

/** Display names of users (who created or froze a report), by id. */
export async function userNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
