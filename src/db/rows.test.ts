// Rows arrive typed the same from both databases: booleans as booleans (SQLite's 0/1 turned by
// rows.ts), int8 counts as numbers (pg's parser in connection.ts), so no reader needs a cast.
import { sql } from "kysely";
import { expect, it } from "vitest";
import { forEachDatabase } from "../testing/harness.js";
import { incidentExample, incidentInput } from "../modules/incidents/schema.js";

forEachDatabase("rows as both databases return them", (env) => {
  it("when a user and an incident are read as rows, then their boolean columns are booleans, and a NULL stays null", async () => {
    const reporter = await env().user("reporter", "DE");
    const { db } = env().context;
    const user = await db.selectFrom("users").select("must_change_password").where("id", "=", reporter.actor.id).executeTakeFirstOrThrow();
    expect(user.must_change_password).toBe(false);

    const [id] = await env().context.services.incidents.createIncidents(reporter.actor, [
      incidentInput.parse({ ...incidentExample, synthetic: true, sentence: null }),
    ]);
    const incident = await db.selectFrom("incidents").select(["synthetic", "sentence_suspended"]).where("id", "=", id!).executeTakeFirstOrThrow();
    expect(incident).toEqual({ synthetic: true, sentence_suspended: null });
    // Through a join, under the table's name, as the reports read them.
    const joined = await db
      .selectFrom("incident_sources")
      .innerJoin("sources", "sources.id", "incident_sources.source_id")
      .select("sources.synthetic")
      .where("incident_sources.incident_id", "=", id!)
      .execute();
    expect(joined.length).toBeGreaterThan(0);
    for (const row of joined) expect(typeof row.synthetic).toBe("boolean");
  });

  it("when a count is read (int8 on PostgreSQL), then it is a number, even under the name of a boolean column", async () => {
    const { db } = env().context;
    const counted = await db
      .selectFrom("countries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(typeof counted.n).toBe("number");
    expect(counted.n).toBeGreaterThan(200);
    const raw = await sql<{ n: number }>`SELECT count(*) AS n FROM countries`.execute(db);
    expect(raw.rows[0]!.n).toBe(counted.n);
    // The plugin goes by the column's name: a count named like a boolean column but not 0/1 stays a number.
    const named = await sql<{ synthetic: number }>`SELECT count(*) AS synthetic FROM countries`.execute(db);
    expect(named.rows[0]!.synthetic).toBe(counted.n);
  });
});
