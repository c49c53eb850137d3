// 004: reports (PRODUCT.md §7). A report is a kind and its parameters (country, period, ...);
// each freeze stores a version: the parameters, the whole content as JSON, the data's as-of time
// and the content's SHA-256. Versions are only ever inserted. The country report's template is
// configurable per report year; each change of a template bumps its revision, which a frozen
// version records.
import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("report_templates")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("sections", "text", (c) => c.notNull()) // JSON [{section, heading}]
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_templates_pk", ["kind", "year"])
    .execute();

  await db.schema
    .createTable("reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('cable', 'country', 'brief')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("parameters", "text", (c) => c.notNull()) // JSON, canonical
    .addColumn("post_code", "text", (c) => c.notNull().references("posts.code")) // the creator's post
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reports_post_idx").on("reports").columns(["post_code", "created_at"]).execute();

  await db.schema
    .createTable("report_versions")
    .addColumn("report_id", "text", (c) => c.notNull().references("reports.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("template_id", "text", (c) => c.notNull())
    .addColumn("template_version", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull()) // the ReportDocument as canonical JSON
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("synthetic", t.bool, (c) => c.notNull())
    .addColumn("frozen_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("frozen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_versions_pk", ["report_id", "version"])
    .execute();
}
