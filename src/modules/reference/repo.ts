// Kysely queries for the reference data this module owns: countries, posts and taxonomy versions
// with their categories. Other modules use them through ./index.ts; posts/ and taxonomy/ are the
// administrators' use cases that change posts and publish taxonomy versions through it.
import { sql, type Kysely } from "kysely";
import type { Database, PostTable, TaxonomyCategoryTable } from "../../db/types.js";

type Db = Kysely<Database>;

const POST_COLUMNS = ["code", "name", "kind", "country_code", "city"] as const;
export type PostRow = Pick<PostTable, (typeof POST_COLUMNS)[number]>;

export async function listCountryRows(db: Db) {
  return db.selectFrom("countries").selectAll().orderBy("code").execute();
}

export async function countryExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom("countries").select("code").where("code", "=", code).executeTakeFirst()) !== undefined;
}

export async function countryCodes(db: Db): Promise<string[]> {
  return (await db.selectFrom("countries").select("code").execute()).map((c) => c.code);
}

/** Code, alpha-3 and English name of every country (geos and their labels). */
export async function countryNames(db: Db) {
  return db.selectFrom("countries").select(["code", "alpha3", "name"]).execute();
}

export async function listPostRows(db: Db): Promise<PostRow[]> {
  return db.selectFrom("posts").select(POST_COLUMNS).orderBy("code").execute();
}

export async function findPost(db: Db, code: string): Promise<PostRow | undefined> {
  return db.selectFrom("posts").select(POST_COLUMNS).where("code", "=", code).executeTakeFirst();
}

export async function insertPost(db: Db, post: PostRow & { created_at: string }): Promise<void> {
  await db.insertInto("posts").values(post).execute();
}

export async function updatePost(db: Db, code: string, changes: Partial<Pick<PostRow, "name" | "city">>): Promise<void> {
  await db.updateTable("posts").set(changes).where("code", "=", code).execute();
}

export async function latestTaxonomyVersion(db: Db) {
  return db.selectFrom("taxonomy_versions").selectAll().orderBy("version", "desc").limit(1).executeTakeFirst();
}

export async function taxonomyCategories(db: Db, version: number) {
  return db.selectFrom("taxonomy_categories").select(["code", "parent_code", "label", "iccs"]).where("version", "=", version).orderBy("code").execute();
}

/** Every version with its number of categories, newest first. */
export async function taxonomyVersionsWithCounts(db: Db) {
  return db
    .selectFrom("taxonomy_versions as v")
    .leftJoin("taxonomy_categories as c", "c.version", "v.version")
    .select(["v.version", "v.label", "v.effective_from", "v.created_at", (eb) => eb.fn.count<number>("c.code").as("categories")])
    .groupBy(["v.version", "v.label", "v.effective_from", "v.created_at"])
    .orderBy("v.version", "desc")
    .execute();
}

export async function insertTaxonomyVersion(
  db: Db,
  version: { version: number; label: string; effective_from: string; created_at: string },
  categories: Omit<TaxonomyCategoryTable, "version">[],
): Promise<void> {
  await db.insertInto("taxonomy_versions").values(version).execute();
  await db
    .insertInto("taxonomy_categories")
    .values(categories.map((c) => ({ version: version.version, code: c.code, parent_code: c.parent_code, label: c.label, iccs: c.iccs })))
    .execute();
}

/** Whether `category` is a category of the current taxonomy, and its ICCS code. */
export async function currentCategory(db: Db, category: string): Promise<{ exists: boolean; iccs: string | null }> {
  const row = await db
    .selectFrom("taxonomy_categories")
    .select("iccs")
    .where("code", "=", category)
    .where("version", "=", (eb) => eb.selectFrom("taxonomy_versions").select(sql<number>`max(version)`.as("v")))
    .executeTakeFirst();
  return { exists: row !== undefined, iccs: row?.iccs ?? null };
}

/** Names and parents of the newest taxonomy's categories, by code (in code order). */
export async function currentCategoryNames(db: Db): Promise<Map<string, { name: string; parent: string | null }>> {
  const latest = await db.selectFrom("taxonomy_versions").select("version").orderBy("version", "desc").limit(1).executeTakeFirstOrThrow();
  const rows = await taxonomyCategories(db, latest.version);
  return new Map(rows.map((r) => [r.code, { name: r.label, parent: r.parent_code }]));
}

/** Top-level categories of the newest taxonomy, in code order. */
export async function topLevelCategories(db: Db): Promise<string[]> {
  return [...(await currentCategoryNames(db)).entries()].filter(([, c]) => c.parent === null).map(([code]) => code);
}
