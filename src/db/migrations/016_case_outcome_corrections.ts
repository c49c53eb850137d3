// 016: case outcomes corrected and imported (issue 13 item 5), and notable cases. A case outcome
// gains its version (optimistic concurrency of corrections), the post that recorded it (whose staff,
// with the bureau, may correct it; backfilled from its author's post), who corrected it last and
// when, its withdrawal (a reason and a time: nothing is deleted, a withdrawn outcome leaves the
// comparisons), and the external id an import names it by (unique per country, so a re-import
// updates the outcome it imported before). A notable case is the bureau's account of a few linked
// case outcomes, shown side by side without a statistical claim.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("case_outcomes")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("case_outcomes")
    .addColumn("post_code", "text", (c) => c.notNull().defaultTo("BUREAU"))
    .execute();
  for (const column of ["external_id", "updated_by", "updated_at", "withdrawn_at", "withdrawn_reason"]) {
    await db.schema.alterTable("case_outcomes").addColumn(column, "text").execute();
  }
  await sql`UPDATE case_outcomes SET post_code = (SELECT u.post_code FROM users u WHERE u.id = case_outcomes.created_by)`.execute(db);
  await db.schema.createIndex("case_outcomes_external_id").on("case_outcomes").columns(["country_code", "external_id"]).unique().execute();

  await db.schema
    .createTable("notable_cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("country_code", "text", (c) => c.notNull().references("countries.code"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("notable_cases_country").on("notable_cases").column("country_code").execute();
  await db.schema
    .createTable("notable_case_outcomes")
    .addColumn("notable_case_id", "text", (c) => c.notNull().references("notable_cases.id"))
    .addColumn("case_outcome_id", "text", (c) => c.notNull().references("case_outcomes.id"))
    // The bureau's words for this outcome's part in the case ("the offence", "the related prosecution").
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("notable_case_outcomes_pk", ["notable_case_id", "case_outcome_id"])
    .execute();
}
