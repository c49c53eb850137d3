// Reference data: countries, posts and the current taxonomy. Read through here by the other
// services (to check codes) and by the reference routes.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";

export interface ReferenceData {
  countries: Set<string>;
  posts: Map<string, { kind: "embassy" | "bureau"; country_code: string | null }>;
  taxonomyVersion: number;
  categories: Set<string>;
}

/** A snapshot of the codes, loaded once per use case (a batch of 10,000 incidents reads it once). */
export async function loadReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  const [countries, posts, version] = await Promise.all([
    db.selectFrom("countries").select("code").execute(),
    db.selectFrom("posts").select(["code", "kind", "country_code"]).execute(),
    db.selectFrom("taxonomy_versions").select("version").orderBy("version", "desc").limit(1).executeTakeFirstOrThrow(),
  ]);
  const categories = await db.selectFrom("taxonomy_categories").select("code").where("version", "=", version.version).execute();
  return {
    countries: new Set(countries.map((c) => c.code)),
    posts: new Map(posts.map((p) => [p.code, { kind: p.kind, country_code: p.country_code }])),
    taxonomyVersion: version.version,
    categories: new Set(categories.map((c) => c.code)),
  };
}

export function referenceService(db: Kysely<Database>) {
  return {
    async listCountries(actor: Actor | null) {
      authorize(actor, "reference.read");
      return db.selectFrom("countries").selectAll().orderBy("code").execute();
    },
    async listPosts(actor: Actor | null) {
      authorize(actor, "reference.read");
      return db.selectFrom("posts").select(["code", "name", "kind", "country_code", "city"]).orderBy("code").execute();
    },
    async currentTaxonomy(actor: Actor | null) {
      authorize(actor, "reference.read");
      const version = await db.selectFrom("taxonomy_versions").selectAll().orderBy("version", "desc").limit(1).executeTakeFirstOrThrow();
      const categories = await db
        .selectFrom("taxonomy_categories")
        .select(["code", "parent_code", "label", "iccs"])
        .where("version", "=", version.version)
        .orderBy("code")
        .execute();
      return { version: version.version, label: version.label, effective_from: version.effective_from, categories };
    },
  };
}
