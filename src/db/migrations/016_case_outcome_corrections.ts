// 016: case outcomes corrected and imported (issue 13 item 5), and notable cases. A case outcome
// gains its version (optimistic concurrency of corrections), the post that recorded it (whose staff,
// with the bureau, may correct it; backfilled from its author's post), who corrected it last and
// when, its withdrawal (a reason and a time: nothing is deleted, a withdrawn outcome leaves the
// comparisons), and the external id an import names it by (unique per country, so a re-import
// updates the outcome it imported before).
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
}
