import { expect, it } from "vitest";
import { forEachDatabase } from "../../testing/harness.js";
import { migrateToLatest } from "../migrate.js";
import { seedReferenceData } from "./seed.js";
import { EMBASSIES } from "./posts.js";

forEachDatabase("reference data", (env) => {
  it("when a database is new, then every ISO 3166-1 country, the posts and taxonomy version 1 are there", async () => {
    const db = env().context.db;
    const countries = await db.selectFrom("countries").selectAll().execute();
    expect(countries).toHaveLength(249);
    expect(countries.find((c) => c.code === "DE")).toMatchObject({ alpha3: "DEU", numeric_code: "276", region: "Europe", sub_region: "Western Europe" });
    expect(countries.find((c) => c.code === "AQ")?.region).toBeNull();

    const posts = await db.selectFrom("posts").selectAll().orderBy("code").execute();
    expect(posts).toHaveLength(EMBASSIES.length + 1);
    expect(EMBASSIES).toHaveLength(27 + 4 + 4); // EU, EFTA, and GB, CA, AU, NZ
    expect(posts.find((p) => p.code === "BUREAU")).toMatchObject({ kind: "bureau", country_code: null });
    expect(posts.find((p) => p.code === "IE")).toMatchObject({ kind: "embassy", country_code: "IE", city: "Dublin", name: "Embassy in Ireland" });
    expect(posts.find((p) => p.code === "GB")?.name).toBe("Embassy in the United Kingdom");

    const categories = await db.selectFrom("taxonomy_categories").selectAll().where("version", "=", 1).execute();
    expect(categories.find((c) => c.code === "SV.RAPE")).toMatchObject({ parent_code: "SV", iccs: "03011" });
    expect(categories.find((c) => c.code === "TIP.OTHER")?.iccs).toBe("02043–02044");
    expect(
      categories
        .filter((c) => c.parent_code === null)
        .map((c) => c.code)
        .sort(),
    ).toEqual(["GR", "HC", "HD", "JS", "SE", "SV", "TIP", "VE", "VP"]);
  });

  it("when migrations and the seed run again, then nothing is applied or added twice", async () => {
    const db = env().context.db;
    expect(await migrateToLatest(db)).toEqual([]);
    await seedReferenceData(db);
    const count = async (table: "countries" | "posts" | "taxonomy_categories") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("countries")).toBe(249);
    expect(await count("posts")).toBe(EMBASSIES.length + 1);
    expect(await count("taxonomy_categories")).toBe(27);
  });
});
