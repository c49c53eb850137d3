// Migration 019 makes SQLite's contentless full-text table anew with a prefix index: what was
// searchable before must be searchable after, by the words of titles, summaries and sources' titles,
// whatever the number of incidents (the re-indexing pages through them).
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { reindexAllIncidentTexts } from "../../modules/incidents/index.js";
import { incidentListQuery } from "../../modules/incidents/schema.js";
import { CLI_ACTOR } from "../../modules/auth/actor.js";
import { deskOf, incidentInputOf } from "../../testing/factories.js";
import { forEachDatabase } from "../../testing/harness.js";
import { recreateSearchIndex } from "../dialect.js";
import { up } from "./019_search_prefix_index.js";

forEachDatabase("migration 019: the full-text index made again", (env) => {
  const numbers: number[] = [];
  beforeAll(async () => {
    const desk = await deskOf(env(), "FR");
    const ids = await env().context.services.incidents.createIncidents(
      desk.reporter.actor,
      Array.from({ length: 7 }, (_, i) =>
        incidentInputOf({
          title: `Wombat record ${i}`,
          summary: i % 2 === 0 ? "Numbat sighted near the station." : "Nothing else.",
          sources: i === 3 ? [{ title: "Bilby gazette report", publisher: "Gazette" }] : [],
        }),
      ),
    );
    for (const item of await env().context.services.incidents.present(ids)) numbers.push(item.number);
  });

  const found = async (q: string) =>
    (await env().context.services.incidents.listIncidents(CLI_ACTOR, incidentListQuery.parse({ q, limit: "100" }))).items
      .map((r) => r.number)
      .sort((a, b) => a - b);

  it("when the migration runs over incidents indexed before it, then every word and word prefix still finds the same incidents", async () => {
    const before = { wombat: await found("wombat"), numb: await found("numb"), bilby: await found("bil"), w: await found("w") };
    expect(before.wombat).toEqual(numbers);
    if (env().dialect === "sqlite") {
      // The table as 001 made it, filled again, so the migration starts where a real database stood.
      await sql`DROP TABLE incident_search`.execute(env().context.db);
      await sql`CREATE VIRTUAL TABLE incident_search USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(
        env().context.db,
      );
      await reindexAllIncidentTexts(env().context.db);
    }
    await up(env().context.db);
    expect({ wombat: await found("wombat"), numb: await found("numb"), bilby: await found("bil"), w: await found("w") }).toEqual(before);
    expect(await found("numbat")).toEqual(numbers.filter((_, i) => i % 2 === 0));
    expect(await found("bilby gazette")).toEqual([numbers[3]]);
    if (env().dialect === "sqlite") {
      const { rows } = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'incident_search'`.execute(env().context.db);
      expect(rows[0]?.sql).toContain("prefix='1 2 3 4 5 6 7 8 9 10 11 12'");
    }
  });

  it("when the incidents are more than a page of the re-indexing, then every one is indexed, once", async () => {
    const db = env().context.db;
    if (!(await recreateSearchIndex(db))) await sql`DELETE FROM incident_search`.execute(db);
    expect(await found("wombat")).toEqual([]);
    const all = Number(
      (
        await db
          .selectFrom("incidents")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    // A second entry for one incident would fail the insert (rowid, primary key).
    expect(await reindexAllIncidentTexts(db, 3)).toBe(all);
    expect(await found("wombat")).toEqual(numbers);
    expect(await found("bilby")).toEqual([numbers[3]]);
  });
});
