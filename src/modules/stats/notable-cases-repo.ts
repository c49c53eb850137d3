// Kysely queries of notable cases: insert one with its links, read one or a country's, change one
// at its version, and its links to case outcomes (a removed link is marked, never deleted) and to
// incidents (a set, replaced whole).
import type { Kysely } from "kysely";
import type { Database, NotableCaseOutcomeTable, NotableCaseTable } from "../../db/types.js";

type Db = Kysely<Database>;

export async function insertNotableCase(db: Db, row: NotableCaseTable) {
  await db.insertInto("notable_cases").values(row).execute();
}

export async function findNotableCase(db: Db, id: string) {
  return db.selectFrom("notable_cases").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Notable cases, newest first; of these countries when given, standing or withdrawn when asked. */
export async function findNotableCases(db: Db, filter: { countries?: readonly string[]; withdrawn?: boolean | undefined }) {
  let q = db.selectFrom("notable_cases").selectAll();
  if (filter.countries !== undefined) q = q.where("country_code", "in", [...filter.countries]);
  if (filter.withdrawn !== undefined) q = q.where("withdrawn_at", filter.withdrawn ? "is not" : "is", null);
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(500).execute();
}

/** Change a notable case if it is still at `expectedVersion` (its version goes up); false when it is not. */
export async function updateNotableCase(db: Db, id: string, expectedVersion: number, values: Partial<NotableCaseTable>): Promise<boolean> {
  const result = await db
    .updateTable("notable_cases")
    .set({ ...values, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every link of these notable cases to case outcomes, removed ones too, in the order they are shown. */
export async function outcomeLinks(db: Db, notableCaseIds: readonly string[]) {
  if (notableCaseIds.length === 0) return [];
  return db
    .selectFrom("notable_case_outcomes")
    .selectAll()
    .where("notable_case_id", "in", [...notableCaseIds])
    .orderBy("notable_case_id")
    .orderBy("position")
    .execute();
}

export async function insertOutcomeLinks(db: Db, rows: NotableCaseOutcomeTable[]) {
  if (rows.length > 0) await db.insertInto("notable_case_outcomes").values(rows).execute();
}

export async function updateOutcomeLink(db: Db, notableCaseId: string, caseOutcomeId: string, values: Partial<NotableCaseOutcomeTable>) {
  await db.updateTable("notable_case_outcomes").set(values).where("notable_case_id", "=", notableCaseId).where("case_outcome_id", "=", caseOutcomeId).execute();
}

export async function incidentLinks(db: Db, notableCaseIds: readonly string[]) {
  if (notableCaseIds.length === 0) return [];
  return db
    .selectFrom("notable_case_incidents")
    .selectAll()
    .where("notable_case_id", "in", [...notableCaseIds])
    .orderBy("notable_case_id")
    .orderBy("incident_id")
    .execute();
}

/** The incidents a notable case links: the set given replaces the one stored. */
export async function replaceIncidentLinks(db: Db, notableCaseId: string, incidentIds: readonly string[]) {
  await db.deleteFrom("notable_case_incidents").where("notable_case_id", "=", notableCaseId).execute();
  if (incidentIds.length > 0)
    await db
      .insertInto("notable_case_incidents")
      .values(incidentIds.map((incident_id) => ({ notable_case_id: notableCaseId, incident_id })))
      .execute();
}

export async function caseOutcomesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("case_outcomes")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
}

/** Standing notable cases of these countries with an outcome decided between `from` and `to`. */
export async function notableCaseIdsDecidedIn(db: Db, countries: readonly string[], from: string, to: string): Promise<string[]> {
  if (countries.length === 0) return [];
  const rows = await db
    .selectFrom("notable_cases as n")
    .innerJoin("notable_case_outcomes as l", "l.notable_case_id", "n.id")
    .innerJoin("case_outcomes as o", "o.id", "l.case_outcome_id")
    .select("n.id")
    .distinct()
    .where("n.country_code", "in", [...countries])
    .where("n.withdrawn_at", "is", null)
    .where("l.removed_at", "is", null)
    .where("o.decision_date", ">=", from)
    .where("o.decision_date", "<=", to)
    .execute();
  return rows.map((r) => r.id);
}
