// Kysely queries of case outcomes: insert, a filtered page newest first, and the reference checks
// a new outcome needs (its offence's ICCS code, its incident). Incidents are looked up through the
// policy's visibility rule only, so an incident the caller may not see reads as one that is not.
import { sql, type Kysely } from "kysely";
import type { CaseOutcomeTable, Database } from "../../db/types.js";
import type { Visibility } from "../auth/policy.js";
import { incidentVisible } from "../auth/visibility-sql.js";
import type { CaseOutcomeCursor, CaseOutcomeListQuery } from "./case-outcomes-schema.js";

type Db = Kysely<Database>;

export async function insertCaseOutcome(db: Db, row: CaseOutcomeTable) {
  await db.insertInto("case_outcomes").values(row).execute();
}

/** Up to `limit + 1` outcomes after `cursor`, newest decision first (then id): the extra one says there is a next page. */
export async function findCaseOutcomes(db: Db, query: Omit<CaseOutcomeListQuery, "cursor">, cursor: CaseOutcomeCursor | null) {
  let q = db.selectFrom("case_outcomes").selectAll();
  if (query.country !== undefined) q = q.where("country_code", "in", query.country);
  if (query.offence_category !== undefined) {
    const codes = query.offence_category;
    // A parent code (SV) takes in its subcategories (SV.RAPE), as the incident list does.
    q = q.where((eb) => eb.or([eb("offence_category", "in", codes), ...codes.filter((c) => !c.includes(".")).map((c) => eb("offence_category", "like", `${c}.%`))]));
  }
  if (query.court_level !== undefined) q = q.where("court_level", "in", query.court_level);
  if (query.defendant_migration_status !== undefined) q = q.where("defendant_migration_status", "in", query.defendant_migration_status);
  if (query.decided_from !== undefined) q = q.where("decision_date", ">=", query.decided_from);
  if (query.decided_to !== undefined) q = q.where("decision_date", "<=", query.decided_to);
  if (query.synthetic !== undefined) q = q.where("synthetic", "=", query.synthetic);
  if (cursor !== null) q = q.where((eb) => eb.or([eb("decision_date", "<", cursor.date), eb.and([eb("decision_date", "=", cursor.date), eb("id", "<", cursor.id)])]));
  return q.orderBy("decision_date", "desc").orderBy("id", "desc").limit(query.limit + 1).execute();
}

export async function iccsOf(db: Db, category: string): Promise<{ exists: boolean; iccs: string | null }> {
  const row = await db
    .selectFrom("taxonomy_categories")
    .select("iccs")
    .where("code", "=", category)
    .where("version", "=", (eb) => eb.selectFrom("taxonomy_versions").select(sql<number>`max(version)`.as("v")))
    .executeTakeFirst();
  return { exists: row !== undefined, iccs: row?.iccs ?? null };
}

/** Whether an incident with this id exists and is visible (as `visibility` allows). */
export async function visibleIncidentExists(db: Db, id: string, visibility: Visibility): Promise<boolean> {
  return (await db.selectFrom("incidents").select("id").where("id", "=", id).where(incidentVisible(visibility)).executeTakeFirst()) !== undefined;
}

/** Which of these incident ids are of incidents visible as `visibility` allows. */
export async function visibleIncidentIds(db: Db, ids: string[], visibility: Visibility): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("incidents").select("id").where("id", "in", ids).where(incidentVisible(visibility)).execute();
  return new Set(rows.map((r) => r.id));
}
