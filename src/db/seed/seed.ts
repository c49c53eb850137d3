// Reference data seeded on first start (and re-checked on every start, inserting only what is
// missing): ISO 3166-1 countries with UN M49 regions, taxonomy version 1, and the posts.
// The country list is a copy of the ISO 3166 CSV in ../shared/data/iso3166 (CC BY-SA 4.0,
// credited in the README), shipped in the repo because installs will not have ../shared.
import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import { parseCsvRecords } from "../../lib/csv.js";
import { nowIso } from "../../domain/clock.js";
import { parentCode, TAXONOMY_V1 } from "../../domain/taxonomy.js";
import type { Database } from "../types.js";
import { BUREAU, EMBASSIES, SHORT_COUNTRY_NAMES } from "./posts.js";

const COUNTRIES_CSV = new URL("./iso3166.csv", import.meta.url);

export function readCountries() {
  return parseCsvRecords(readFileSync(COUNTRIES_CSV, "utf8")).map((r) => ({
    code: r["alpha-2"]!,
    alpha3: r["alpha-3"]!,
    numeric_code: r["country-code"]!,
    name: r["name"]!,
    region: r["region"] || null,
    sub_region: r["sub-region"] || null,
    region_code: r["region-code"] || null,
    sub_region_code: r["sub-region-code"] || null,
  }));
}

export async function seedReferenceData(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const countries = readCountries();
    const knownCountries = new Set((await trx.selectFrom("countries").select("code").execute()).map((c) => c.code));
    const missingCountries = countries.filter((c) => !knownCountries.has(c.code));
    for (let i = 0; i < missingCountries.length; i += 100) {
      await trx
        .insertInto("countries")
        .values(missingCountries.slice(i, i + 100))
        .execute();
    }

    const hasTaxonomy = await trx.selectFrom("taxonomy_versions").select("version").where("version", "=", TAXONOMY_V1.version).executeTakeFirst();
    if (!hasTaxonomy) {
      await trx
        .insertInto("taxonomy_versions")
        .values({
          version: TAXONOMY_V1.version,
          label: TAXONOMY_V1.label,
          effective_from: TAXONOMY_V1.effectiveFrom,
          created_at: nowIso(),
        })
        .execute();
      await trx
        .insertInto("taxonomy_categories")
        .values(TAXONOMY_V1.categories.map((c) => ({ version: TAXONOMY_V1.version, parent_code: parentCode(c.code), ...c })))
        .execute();
    }

    const knownPosts = new Set((await trx.selectFrom("posts").select("code").execute()).map((p) => p.code));
    const names = new Map(countries.map((c) => [c.code, c.name]));
    const posts = [
      { code: BUREAU.code, name: BUREAU.name, kind: "bureau" as const, country_code: null, city: BUREAU.city },
      ...EMBASSIES.map((e) => ({
        code: e.code,
        name: `Embassy in ${SHORT_COUNTRY_NAMES[e.code] ?? names.get(e.code) ?? e.code}`,
        kind: "embassy" as const,
        country_code: e.code,
        city: e.city,
      })),
    ].filter((p) => !knownPosts.has(p.code));
    if (posts.length > 0) {
      await trx
        .insertInto("posts")
        .values(posts.map((p) => ({ ...p, created_at: nowIso() })))
        .execute();
    }
  });
}
