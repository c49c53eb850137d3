// Analysis reads that are not counting (counting is the figures module's: figures/facts.ts).
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";

/** Top-level categories of the newest taxonomy, in code order. */
export async function topLevelCategories(db: Kysely<Database>): Promise<string[]> {
  const latest = await db.selectFrom("taxonomy_versions").select("version").orderBy("version", "desc").limit(1).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("taxonomy_categories")
    .select("code")
    .where("version", "=", latest.version)
    .where("parent_code", "is", null)
    .orderBy("code")
    .execute();
  return rows.map((r) => r.code);
}
