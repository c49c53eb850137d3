// 017: the incidents' tallies (modules/incidents/tallies-repo.ts) also hold the groups of
// perpetrators' statuses each incident is in (the rate groups of domain/rate-groups.ts): facet
// `groups` (each incident once, in place of 009's `all`) and `category_groups` (once per
// top-level category), so the rates per 100,000 read the tallies as the counts do. The table is
// unchanged; its rows are made again from the incidents.
import type { Kysely } from "kysely";
import type { Database } from "../types.js";
import { rebuildTallies } from "../../modules/incidents/index.js";

export async function up(db: Kysely<any>): Promise<void> {
  await rebuildTallies(db as Kysely<Database>);
}
