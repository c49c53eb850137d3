// Kysely queries of case outcomes: insert, and a filtered page newest first. (The checks a new
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

/** Every outcome the filter takes (for the sentencing comparison, which needs them all), in a stable order. */
export async function caseOutcomesMatching(db: Db, filter: CaseOutcomeFilter) {
  return filtered(db, filter).orderBy("decision_date").orderBy("id").execute();
}
