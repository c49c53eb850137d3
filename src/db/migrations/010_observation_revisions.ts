// 010: every value's revision history. `observations` holds each value as it stands now; a row of
// `observation_revisions` records what a (series, geo, period) became at a revision of its dataset:
// its value and flag, or withdrawn (value NULL: the publisher's newer edition has no value there,
// and the observation is gone from `observations`). A frozen report cites a dataset's revision, so
// what it cited can be read back (stats/revisions.ts) after later imports change or withdraw it.
// Existing values are recorded as they stand, at their dataset's current revision.
import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("observation_revisions")
    .addColumn("series_id", "text", (c) => c.notNull().references("series.id"))
    .addColumn("geo", "text", (c) => c.notNull().references("geos.code"))
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("value", t.real) // NULL: withdrawn at this revision
    .addColumn("flag", "text")
    .addPrimaryKeyConstraint("observation_revisions_pk", ["series_id", "geo", "period", "revision"])
    .execute();
  await sql`
    INSERT INTO observation_revisions (series_id, geo, period, revision, value, flag)
    SELECT o.series_id, o.geo, o.period, d.revision, o.value, o.flag
    FROM observations o JOIN series s ON s.id = o.series_id JOIN datasets d ON d.id = s.dataset_id
  `.execute(db);
}
