// 009: the incidents' tallies (modules/incidents/tallies.ts): how many incidents share each key
// that counting looks at — workflow state and posts (what visibility and the basis read), country,
// occurrence window cut to months, whether the date is pinned to a day or a week, synthetic — as a
// whole (`all`), per top-level category (`category`) and per perpetrators' migration status as
// reported (`status`, `unknown` when none is recorded). Kept in step with every incident write, in
// the write's transaction, so figures over a million records read thousands of rows. Filled here
// from the incidents already stored, by today's code (whose facets are 017's).
import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";
import type { Database } from "../types.js";
import { rebuildTallies, TALLY_KEY } from "../../modules/incidents/index.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("incident_tallies")
    .addColumn("facet", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("post_code", "text", (c) => c.notNull())
    .addColumn("author_post_code", "text", (c) => c.notNull())
    .addColumn("country_code", "text", (c) => c.notNull())
    .addColumn("window_from", "text", (c) => c.notNull())
    .addColumn("window_to", "text", (c) => c.notNull())
    .addColumn("pinned", t.bool, (c) => c.notNull())
    .addColumn("synthetic", t.bool, (c) => c.notNull())
    // '' where the facet has none (never null: a unique key treats nulls as all different).
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("incidents", "integer", (c) => c.notNull())
    .addUniqueConstraint("incident_tallies_key", [...TALLY_KEY])
    .execute();
  await db.schema.createIndex("incident_tallies_state").on("incident_tallies").columns(["state", "facet"]).execute();
  // The keys a write emptied, found without reading the others.
  await db.schema.createIndex("incident_tallies_empty").on("incident_tallies").column("facet").where(sql.ref("incidents"), "=", 0).execute();
  await rebuildTallies(db as Kysely<Database>);
}
