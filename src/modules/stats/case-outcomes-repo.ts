// Kysely queries of case outcomes: insert, read one, correct one (at its version), find an import's
// by their external ids, and a filtered page newest first. (The checks a new
// outcome needs, its offence's ICCS code and its incident, ask the reference and incidents modules;
// an incident is looked up through the policy's visibility rule, so one the caller may not see reads
// as one that is not.)
import type { Kysely } from "kysely";
import type { CaseOutcomeTable, Database } from "../../db/types.js";
import type { CaseOutcomeCursor, CaseOutcomeListQuery } from "./case-outcomes-schema.js";

type Db = Kysely<Database>;

export async function insertCaseOutcome(db: Db, row: CaseOutcomeTable) {
  await db.insertInto("case_outcomes").values(row).execute();
}

/** Several at once (an import's, a few hundred at a time). */
export async function insertCaseOutcomes(db: Db, rows: CaseOutcomeTable[]) {
  if (rows.length > 0) await db.insertInto("case_outcomes").values(rows).execute();
}

export async function findCaseOutcome(db: Db, id: string) {
  return db.selectFrom("case_outcomes").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Change an outcome if it is still at `expectedVersion` (its version goes up); false when it is not. */
export async function updateCaseOutcome(db: Db, id: string, expectedVersion: number, values: Partial<CaseOutcomeTable>): Promise<boolean> {
  const result = await db
    .updateTable("case_outcomes")
    .set({ ...values, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The outcomes of a country that an import names by these external ids. */
export async function caseOutcomesByExternalId(db: Db, country: string, externalIds: readonly string[]) {
  if (externalIds.length === 0) return [];
  return db
    .selectFrom("case_outcomes")
    .selectAll()
    .where("country_code", "=", country)
    .where("external_id", "in", [...externalIds])
    .execute();
}

/** Which outcomes a list or a comparison takes: the filters they share. */
export type CaseOutcomeFilter = Partial<Omit<CaseOutcomeListQuery, "cursor" | "limit">> & { iccs?: string[] | undefined };

function filtered(db: Db, query: CaseOutcomeFilter) {
  let q = db.selectFrom("case_outcomes").selectAll();
  if (query.country !== undefined) q = q.where("country_code", "in", query.country);
  if (query.offence_category !== undefined) {
    const codes = query.offence_category;
    // A parent code (SV) takes in its subcategories (SV.RAPE), as the incident list does.
    q = q.where((eb) =>
      eb.or([eb("offence_category", "in", codes), ...codes.filter((c) => !c.includes(".")).map((c) => eb("offence_category", "like", `${c}.%`))]),
    );
  }
  if (query.iccs !== undefined) q = q.where("iccs_code", "in", query.iccs);
  if (query.court_level !== undefined) q = q.where("court_level", "in", query.court_level);
  if (query.defendant_migration_status !== undefined) q = q.where("defendant_migration_status", "in", query.defendant_migration_status);
  if (query.decided_from !== undefined) q = q.where("decision_date", ">=", query.decided_from);
  if (query.decided_to !== undefined) q = q.where("decision_date", "<=", query.decided_to);
  if (query.synthetic !== undefined) q = q.where("synthetic", "=", query.synthetic);
  if (query.withdrawn !== undefined) q = q.where("withdrawn_at", query.withdrawn ? "is not" : "is", null);
  return q;
}

/** Up to `limit + 1` outcomes after `cursor`, newest decision first (then id): the extra one says there is a next page. */
export async function findCaseOutcomes(db: Db, query: Omit<CaseOutcomeListQuery, "cursor">, cursor: CaseOutcomeCursor | null) {
  let q = filtered(db, query);
  if (cursor !== null)
    q = q.where((eb) => eb.or([eb("decision_date", "<", cursor.date), eb.and([eb("decision_date", "=", cursor.date), eb("id", "<", cursor.id)])]));
  return q
    .orderBy("decision_date", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
}

/** Every outcome the filter takes (for the sentencing comparison, which needs them all), in a stable order; never a withdrawn one. */
export async function caseOutcomesMatching(db: Db, filter: CaseOutcomeFilter) {
  return filtered(db, { ...filter, withdrawn: false })
    .orderBy("decision_date")
    .orderBy("id")
    .execute();
}
