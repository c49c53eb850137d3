// 003: official statistics (PRODUCT.md §3): datasets as their publishers name them, series (one per
// combination of dimension values), observations (one value per series, geo and period; a missing
// value is not stored at all), the geos they are about (countries by ISO alpha-2, aggregates such
// as EU27_2020 and sub-national regions kept apart), and case outcomes for sentencing comparisons.
import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));

  // What an observation is about. Countries carry their ISO code (and point at `countries` when
  // the code is there: Kosovo's XK is not); aggregates and regions keep their publisher's code.
  await db.schema
    .createTable("geos")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('country', 'aggregate', 'region')`))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("country_code", "text", (c) => c.references("countries.code"))
    .execute();

  await db.schema
    .createTable("datasets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("publisher", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("licence", "text")
    .addColumn("url", "text")
    .addColumn("retrieved_at", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("last_update", "text") // as the publisher gives it (ISO 8601 when it could be read)
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("datasets_publisher_code_key", ["publisher", "code"])
    .execute();

  await db.schema
    .createTable("series")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("dataset_id", "text", (c) => c.notNull().references("datasets.id"))
    .addColumn("key", "text", (c) => c.notNull()) // canonical: dim=CODE pairs sorted by dim, joined by ","
    .addColumn("dimensions", "text", (c) => c.notNull()) // JSON {dim: code}
    .addColumn("dimension_labels", "text") // JSON {dim: label} where known
    .addColumn("unit", "text")
    .addUniqueConstraint("series_dataset_key", ["dataset_id", "key"])
    .execute();

  await db.schema
    .createTable("observations")
    .addColumn("series_id", "text", (c) => c.notNull().references("series.id"))
    .addColumn("geo", "text", (c) => c.notNull().references("geos.code"))
    .addColumn("period", "text", (c) => c.notNull()) // 2011, 2011-Q1, 2011-01, 2011-01-31
    .addColumn("value", t.real, (c) => c.notNull())
    .addColumn("flag", "text")
    .addPrimaryKeyConstraint("observations_pk", ["series_id", "geo", "period"])
    .execute();
  await db.schema.createIndex("observations_geo_period_idx").on("observations").columns(["geo", "period"]).execute();

  await db.schema
    .createTable("case_outcomes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("country_code", "text", (c) => c.notNull().references("countries.code"))
    .addColumn("offence_category", "text", (c) => c.notNull())
    .addColumn("iccs_code", "text")
    .addColumn("court_level", "text", (c) => c.notNull())
    .addColumn("decision_date", t.date, (c) => c.notNull())
    .addColumn("defendant_migration_status", "text", (c) => c.notNull())
    .addColumn("defendant_status_basis", "text")
    .addColumn("convicted", t.bool, (c) => c.notNull())
    .addColumn("custodial_months", t.real)
    .addColumn("suspended", t.bool)
    .addColumn("fine_amount", t.real)
    .addColumn("fine_currency", "text")
    .addColumn("sentence_other", "text")
    .addColumn("incident_id", "text", (c) => c.references("incidents.id"))
    .addColumn("synthetic", t.bool, (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("case_outcomes_custodial_nonnegative", sql`custodial_months IS NULL OR custodial_months >= 0`)
    .execute();
  await db.schema
    .createIndex("case_outcomes_offence_idx")
    .on("case_outcomes")
    .columns(["offence_category", "court_level", "defendant_migration_status"])
    .execute();
}
