// 019: SQLite's full-text table gets a prefix index and keeps no word positions
// (db/dialect.ts `createSqliteSearchTable` says why), so a search for a common word answers within
// the list's latency target at 1,000,000 records. The table is contentless, so it cannot rebuild
// itself: it is made anew and every incident's text indexed again from the incidents and their
// sources. PostgreSQL's index is unchanged.
import type { Kysely } from "kysely";
import { recreateSearchIndex } from "../dialect.js";
import type { Database } from "../types.js";
import { reindexAllIncidentTexts } from "../../modules/incidents/index.js";

export async function up(db: Kysely<any>): Promise<void> {
  if (await recreateSearchIndex(db)) await reindexAllIncidentTexts(db as Kysely<Database>);
}
