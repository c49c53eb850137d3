// Analysis queries: distinct-incident counts grouped by month or year, top-level category, country
// and perpetrators' migration status as reported (or the rates' group of statuses), over exactly
// the rows the caller may see (the policy's visibility rule as SQL). One query shape, several
// groupings; the same SQL on both databases (a date cast to text is YYYY-MM-DD on both, so its
// first 7 characters are the month and its first 4 the year).
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../db/types.js";
import type { Visibility } from "../auth/policy.js";
import { incidentVisible } from "../auth/visibility-sql.js";
import { RATE_GROUP_STATUSES } from "./rates-schema.js";
import type { AnalysisQuery } from "./schema.js";

const STATUS = sql<string>`coalesce(grp.migration_status, 'unknown')`;

/**
 * The group a perpetrator group's status falls in (citizens, foreign_nationals, unknown). The
 * statuses are written as literals, not parameters: PostgreSQL matches a GROUP BY expression to
 * the selected one only when both are the same text, and two parameter placeholders are not.
 */
const STATUS_GROUP = sql<string>`case ${sql.join(
  (["citizens", "foreign_nationals"] as const).map((group) => sql`when ${STATUS} in (${sql.join(RATE_GROUP_STATUSES[group].map((s) => sql.lit(s)))}) then ${sql.lit(group)}`),
  sql` `,
)} else 'unknown' end`;

/** The grouping expressions, by the name each has in the response. */
const DIMENSIONS = {
  period: sql<string>`substr(cast(incidents.occurred_from as text), 1, 7)`,
  year: sql<string>`substr(cast(incidents.occurred_from as text), 1, 4)`,
  category: sql<string>`coalesce(tc.parent_code, tc.code)`,
  country: sql<string>`incidents.country_code`,
  migration_status: STATUS,
  status_group: STATUS_GROUP,
} satisfies Record<string, RawBuilder<string>>;
export type Dimension = keyof typeof DIMENSIONS;

/** The filters a count honours (the rates have no `migration_status` filter: they group statuses). */
export type CountQuery = Pick<AnalysisQuery, "occurred_from" | "occurred_to" | "country" | "post" | "category" | "synthetic"> & {
  migration_status?: AnalysisQuery["migration_status"];
};

export interface CountFilters {
  visibility: Visibility;
  states: readonly string[];
  query: CountQuery;
  /** The breakdown by status is taken without the status filter, so `unknown` is never hidden. */
  ignoreMigrationStatus?: boolean;
  syntheticOnly?: boolean;
}

/** Incident × category × perpetrator-group rows that pass the filters (one incident may give several). */
function countedRows(db: Kysely<Database>, filters: CountFilters) {
  const { query } = filters;
  let rows = db
    .selectFrom("incidents")
    .innerJoin("incident_categories as ic", "ic.incident_id", "incidents.id")
    .innerJoin("taxonomy_categories as tc", (join) => join.onRef("tc.version", "=", "ic.taxonomy_version").onRef("tc.code", "=", "ic.category_code"))
    .leftJoin("incident_perpetrator_groups as grp", "grp.incident_id", "incidents.id")
    .where(incidentVisible(filters.visibility))
    .where("incidents.state", "in", [...filters.states]);
  if (query.country) rows = rows.where("incidents.country_code", "in", query.country);
  if (query.post) rows = rows.where("incidents.post_code", "in", query.post);
  if (query.occurred_from) rows = rows.where("incidents.occurred_to", ">=", query.occurred_from);
  if (query.occurred_to) rows = rows.where("incidents.occurred_from", "<=", query.occurred_to);
  if (query.synthetic !== undefined) rows = rows.where("incidents.synthetic", "=", query.synthetic);
  if (filters.syntheticOnly) rows = rows.where("incidents.synthetic", "=", true);
  if (query.category) {
    const codes = query.category;
    // The category row itself must match, so an incident filed under SV and HC counts only under SV.
    rows = rows.where((eb) =>
      eb.or([eb("ic.category_code", "in", codes), ...codes.filter((c) => !c.includes(".")).map((c) => eb("ic.category_code", "like", `${c}.%`))]),
    );
  }
  if (query.migration_status && !filters.ignoreMigrationStatus) rows = rows.where(DIMENSIONS.migration_status, "in", query.migration_status);
  return rows;
}

/** Distinct incidents per combination of `dimensions` (none: one row, the total). */
export async function countIncidents<D extends Dimension>(
  db: Kysely<Database>,
  filters: CountFilters,
  dimensions: readonly D[],
): Promise<(Record<D, string> & { incidents: number })[]> {
  let select = countedRows(db, filters).select(sql<number>`count(distinct incidents.id)`.as("incidents"));
  for (const name of dimensions) select = select.select(DIMENSIONS[name].as(name));
  for (const name of dimensions) select = select.groupBy(DIMENSIONS[name]);
  const rows = (await select.execute()) as (Record<D, string> & { incidents: number | string })[];
  // PostgreSQL's count is int8: the pool parses it to a number, but say so rather than trust it.
  return rows.map((row) => ({ ...row, incidents: Number(row.incidents) }));
}

/** Top-level categories of the newest taxonomy, in code order. */
export async function topLevelCategories(db: Kysely<Database>): Promise<string[]> {
  const latest = await db.selectFrom("taxonomy_versions").select("version").orderBy("version", "desc").limit(1).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("taxonomy_categories")
    .select("code")
    .where("version", "=", latest.version)
    .where("parent_code", "is", null)
    .orderBy("code")
    .execute();
  return rows.map((r) => r.code);
}
