// 018: notable cases (issue 13 item 5): the bureau's or a post's account of a few case outcomes of
// one country shown side by side (an offence and a related prosecution of someone else), without a
// statistical claim. A notable case is withdrawn, never deleted; a link to an outcome is removed by
// marking it (kept with who removed it, when and why), and a withdrawn outcome stays linked. The
// incidents a case arose from are linked as a set.
import type { Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("notable_cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    // The post that recorded it (BUREAU for the bureau): its staff and the bureau may change it.
    .addColumn("post_code", "text", (c) => c.notNull())
    .addColumn("country_code", "text", (c) => c.notNull().references("countries.code"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("synthetic", t.bool, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("updated_at", "text")
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_reason", "text")
    .execute();
  await db.schema.createIndex("notable_cases_country").on("notable_cases").columns(["country_code", "created_at"]).execute();

  await db.schema
    .createTable("notable_case_outcomes")
    .addColumn("notable_case_id", "text", (c) => c.notNull().references("notable_cases.id"))
    .addColumn("case_outcome_id", "text", (c) => c.notNull().references("case_outcomes.id"))
    // The words for this outcome's part in the case ("the original offence", "the related prosecution").
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    // Linked while NULL.
    .addColumn("removed_at", "text")
    .addColumn("removed_by", "text", (c) => c.references("users.id"))
    .addColumn("removed_reason", "text")
    .addPrimaryKeyConstraint("notable_case_outcomes_pk", ["notable_case_id", "case_outcome_id"])
    .execute();
  await db.schema.createIndex("notable_case_outcomes_outcome").on("notable_case_outcomes").column("case_outcome_id").execute();

  await db.schema
    .createTable("notable_case_incidents")
    .addColumn("notable_case_id", "text", (c) => c.notNull().references("notable_cases.id"))
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addPrimaryKeyConstraint("notable_case_incidents_pk", ["notable_case_id", "incident_id"])
    .execute();
}
