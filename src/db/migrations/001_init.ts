// 001: reference data, users and sessions, incidents with categories, perpetrator groups and
// sources, the audit log and the full-text index. Forward-only: there is no `down`.
import { sql, type Kysely } from "kysely";
import { columnTypes, createSearchIndex, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);

  await db.schema
    .createTable("countries")
    .addColumn("code", "text", (c) => c.primaryKey().check(sql`length(code) = 2`))
    .addColumn("alpha3", "text", (c) => c.notNull().unique())
    .addColumn("numeric_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("region", "text")
    .addColumn("sub_region", "text")
    .addColumn("region_code", "text")
    .addColumn("sub_region_code", "text")
    .execute();

  await db.schema
    .createTable("posts")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('embassy', 'bureau')`))
    .addColumn("country_code", "text", (c) => c.references("countries.code"))
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("taxonomy_versions")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("effective_from", t.date, (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("taxonomy_categories")
    .addColumn("version", "integer", (c) => c.notNull().references("taxonomy_versions.version"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("parent_code", "text")
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("iccs", "text")
    .addPrimaryKeyConstraint("taxonomy_categories_pk", ["version", "code"])
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role IN ('reporter', 'approver', 'analyst', 'editor', 'admin', 'auditor')`))
    .addColumn("post_code", "text", (c) => c.notNull().references("posts.code"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("must_change_password", t.bool, (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  // Counters allocated with UPDATE ... RETURNING, the same statement on both databases.
  await db.schema
    .createTable("sequences")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", t.bigint, (c) => c.notNull())
    .execute();
  await db.insertInto("sequences").values({ name: "incident", value: 0 }).execute();

  await db.schema
    .createTable("incidents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", t.bigint, (c) => c.notNull().unique())
    .addColumn("post_code", "text", (c) => c.notNull().references("posts.code"))
    .addColumn("country_code", "text", (c) => c.notNull().references("countries.code"))
    .addColumn("admin_region", "text")
    .addColumn("city", "text")
    .addColumn("latitude", t.real)
    .addColumn("longitude", t.real)
    .addColumn("geo_precision", "text", (c) => c.notNull())
    .addColumn("occurred_from", t.date, (c) => c.notNull())
    .addColumn("occurred_to", t.date, (c) => c.notNull())
    .addColumn("date_precision", "text", (c) => c.notNull())
    .addColumn("reported_date", t.date)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("victims_count", "integer")
    .addColumn("victims_minors", "integer")
    .addColumn("victims_female", "integer")
    .addColumn("victims_male", "integer")
    .addColumn("victims_sex_unknown", "integer")
    .addColumn("perpetrators_count", "integer")
    .addColumn("bias_motivations", "text", (c) => c.notNull())
    .addColumn("legal_status", "text", (c) => c.notNull())
    .addColumn("sentence_custodial_months", t.real)
    .addColumn("sentence_suspended", t.bool)
    .addColumn("sentence_fine_amount", t.real)
    .addColumn("sentence_fine_currency", "text")
    .addColumn("sentence_other", "text")
    .addColumn("sentence_court", "text")
    .addColumn("sentence_date", t.date)
    .addColumn("verification_status", "text", (c) => c.notNull())
    .addColumn("handling_marking", "text", (c) => c.notNull())
    .addColumn("synthetic", t.bool, (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("taxonomy_version", "integer", (c) => c.notNull().references("taxonomy_versions.version"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("incidents_dates_ordered", sql`occurred_from <= occurred_to`)
    .addCheckConstraint("incidents_minors_le_victims", sql`victims_minors IS NULL OR victims_count IS NULL OR victims_minors <= victims_count`)
    .execute();
  for (const column of ["country_code", "post_code", "occurred_from", "synthetic", "state"]) {
    await db.schema.createIndex(`incidents_${column}_idx`).on("incidents").columns([column, "number"]).execute();
  }

  await db.schema
    .createTable("incident_categories")
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("taxonomy_version", "integer", (c) => c.notNull())
    .addColumn("category_code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("incident_categories_pk", ["incident_id", "category_code"])
    .addForeignKeyConstraint("incident_categories_category_fk", ["taxonomy_version", "category_code"], "taxonomy_categories", ["version", "code"])
    .execute();
  await db.schema.createIndex("incident_categories_code_idx").on("incident_categories").columns(["category_code", "incident_id"]).execute();

  await db.schema
    .createTable("incident_perpetrator_groups")
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("ordinal", "integer", (c) => c.notNull())
    .addColumn("count", "integer")
    .addColumn("migration_status", "text", (c) => c.notNull())
    .addColumn("basis", "text")
    .addColumn("nationality", "text", (c) => c.references("countries.code"))
    .addPrimaryKeyConstraint("incident_perpetrator_groups_pk", ["incident_id", "ordinal"])
    .execute();

  await db.schema
    .createTable("sources")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("publisher", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("language", "text")
    .addColumn("published_date", t.date)
    .addColumn("archived_sha256", "text")
    .addColumn("reliability", "text", (c) => c.notNull().check(sql`reliability IN ('A','B','C','D','E','F')`))
    .addColumn("credibility", "integer", (c) => c.notNull().check(sql`credibility BETWEEN 1 AND 6`))
    .addColumn("synthetic", t.bool, (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("incident_sources")
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id"))
    .addColumn("added_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("incident_sources_pk", ["incident_id", "source_id"])
    .execute();
  await db.schema.createIndex("incident_sources_source_idx").on("incident_sources").column("source_id").execute();

  await db.schema
    .createTable("audit_events")
    // Ids are allocated by the audit chain (gap-free, in chain order), never by the database.
    .addColumn("id", t.bigint, (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text", (c) => c.references("users.id"))
    .addColumn("actor_system", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .execute();
  await db.schema.createIndex("audit_events_entity_idx").on("audit_events").columns(["entity_type", "entity_id"]).execute();

  await createSearchIndex(db);
}
