// Reference data: countries, posts and the current taxonomy. Read through here by the other
// services (to check codes) and by the reference routes.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import * as repo from "./repo.js";

export interface ReferenceData {
  countries: Set<string>;
  posts: Map<string, { kind: "embassy" | "bureau"; country_code: string | null }>;
  taxonomyVersion: number;
  categories: Set<string>;
}

/** A snapshot of the codes, loaded once per use case (a batch of 10,000 incidents reads it once). */
export async function loadReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  const [countries, posts, version] = await Promise.all([repo.countryCodes(db), repo.listPostRows(db), currentVersion(db)]);
  const categories = await repo.taxonomyCategories(db, version.version);
  return {
    countries: new Set(countries),
    posts: new Map(posts.map((p) => [p.code, { kind: p.kind, country_code: p.country_code }])),
    taxonomyVersion: version.version,
    categories: new Set(categories.map((c) => c.code)),
  };
}

/** The seed publishes version 1, so there is always one. */
async function currentVersion(db: Kysely<Database>) {
  const version = await repo.latestTaxonomyVersion(db);
  if (!version) throw new Error("no taxonomy version: the database was not seeded");
  return version;
}

export function referenceService(db: Kysely<Database>) {
  return {
    async listCountries(actor: Actor | null) {
      authorize(actor, "reference.read");
      return repo.listCountryRows(db);
    },
    async listPosts(actor: Actor | null) {
      authorize(actor, "reference.read");
      return repo.listPostRows(db);
    },
    async currentTaxonomy(actor: Actor | null) {
      authorize(actor, "reference.read");
      const version = await currentVersion(db);
      const categories = await repo.taxonomyCategories(db, version.version);
      return { version: version.version, label: version.label, effective_from: version.effective_from, categories };
    },
  };
}
