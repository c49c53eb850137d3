// Reports' storage: reports, their frozen versions and the country-report templates per year. What
// a report is made from is read through its owners (incidents, reference, users, stats).
import type { Kysely } from "kysely";
import type { Database, ReportTable, ReportTemplateTable, ReportVersionTable } from "../../db/types.js";
import type { ReportKind } from "../../domain/vocabulary.js";

export async function insertReport(db: Kysely<Database>, row: ReportTable): Promise<void> {
  await db.insertInto("reports").values(row).execute();
}

export async function insertVersion(db: Kysely<Database>, row: ReportVersionTable): Promise<void> {
  await db.insertInto("report_versions").values(row).execute();
}

export async function findReport(db: Kysely<Database>, id: string) {
  return db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listReports(db: Kysely<Database>, filter: { post?: string; kind?: ReportKind }) {
  let query = db
    .selectFrom("reports")
    .leftJoin("report_versions as v", (join) =>
      join.onRef("v.report_id", "=", "reports.id").on("v.version", "=", (eb) =>
        eb
          .selectFrom("report_versions as w")
          .select((e) => e.fn.max("w.version").as("m"))
          .whereRef("w.report_id", "=", "reports.id"),
      ),
    )
    .select([
      "reports.id",
      "reports.kind",
      "reports.title",
      "reports.parameters",
      "reports.post_code",
      "reports.created_by",
      "reports.created_at",
      "v.version",
      "v.sha256",
      "v.frozen_at",
      "v.synthetic",
    ]);
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
