import { expect, it } from "vitest";
import { TAXONOMY_V1 } from "../../domain/taxonomy.js";
import { forEachDatabase } from "../../testing/harness.js";
import type { IncidentOutput } from "../incidents/schema.js";

forEachDatabase("taxonomy versions", (env) => {
  it("when an admin publishes a version without VP, then new records use it and an old VP record keeps its category and version", async () => {
    const admin = await env().user("admin");
    const reporter = await env().user("reporter", "AT");
    const old = await env().request(reporter, {
      method: "POST",
      url: "/api/v1/incidents",
      json: { country: "AT", occurred: { from: "2025-01-10", precision: "day" }, categories: ["VP"], title: "Serious assault recorded under version 1" },
    });
    expect(old.statusCode, old.body).toBe(201);
    const oldIncident = old.json<IncidentOutput>();

    const categories = [...TAXONOMY_V1.categories.filter((c) => c.code !== "VP"), { code: "VP.HOMICIDE", label: "Homicide", iccs: "0101" }];
    const published = await env().request(admin, {
      method: "POST",
      url: "/api/v1/taxonomy/versions",
      json: { label: "Taxonomy 2026", effective_from: "2026-01-01", categories },
    });
    expect(published.statusCode, published.body).toBe(400); // VP.HOMICIDE needs its parent VP
    const fixed = await env().request(admin, {
      method: "POST",
      url: "/api/v1/taxonomy/versions",
      json: {
        label: "Taxonomy 2026",
        effective_from: "2026-01-01",
        categories: [...categories.filter((c) => c.code !== "VP.HOMICIDE"), { code: "HC.ONLINE", label: "Online incitement", iccs: null }],
      },
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.json()).toMatchObject({ version: 2 });

    const current = (await env().request(reporter, { method: "GET", url: "/api/v1/taxonomy" })).json<{ version: number; categories: { code: string }[] }>();
    expect(current.version).toBe(2);
    expect(current.categories.map((c) => c.code)).toContain("HC.ONLINE");
    expect(current.categories.map((c) => c.code)).not.toContain("VP");
    const versions = (await env().request(reporter, { method: "GET", url: "/api/v1/taxonomy/versions" })).json<{
      items: { version: number; categories: number }[];
    }>();
    expect(versions.items.map((v) => [v.version, v.categories])).toEqual([
      [2, TAXONOMY_V1.categories.length],
      [1, TAXONOMY_V1.categories.length],
    ]);

    // The old record keeps VP under version 1, and can still be edited in other fields.
    const retitled = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${oldIncident.id}`,
      json: { version: 1, title: "Serious assault, title corrected" },
    });
    expect(retitled.statusCode, retitled.body).toBe(200);
    expect(retitled.json()).toMatchObject({ categories: ["VP"], taxonomy_version: 1 });
    // New categories must be current, and move the record to version 2.
    const stale = await env().request(reporter, { method: "PATCH", url: `/api/v1/incidents/${oldIncident.id}`, json: { version: 2, categories: ["VP"] } });
    expect(stale.statusCode).toBe(400);
    const moved = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${oldIncident.id}`,
      json: { version: 2, categories: ["HC.ONLINE"] },
    });
    expect(moved.json()).toMatchObject({ categories: ["HC.ONLINE"], taxonomy_version: 2 });
    const fresh = await env().request(reporter, {
      method: "POST",
      url: "/api/v1/incidents",
      json: { country: "AT", occurred: { from: "2025-01-11", precision: "day" }, categories: ["VP"], title: "New record with a retired category" },
    });
    expect(fresh.statusCode).toBe(400);
    expect(fresh.json().error.issues[0]).toMatchObject({ path: "body.categories.0", message: expect.stringContaining("taxonomy version 2") });

    const events = await env().context.db.selectFrom("audit_events").select(["action", "entity_id"]).where("entity_type", "=", "taxonomy").execute();
    expect(events).toEqual([{ action: "taxonomy.publish", entity_id: "2" }]);
  });

  it("when someone other than an admin publishes, then 403; a code listed twice is refused by path", async () => {
    const analyst = await env().user("analyst");
    const body = { label: "Attempt", effective_from: "2026-02-01", categories: [{ code: "GR", label: "Government response" }] };
    expect((await env().request(analyst, { method: "POST", url: "/api/v1/taxonomy/versions", json: body })).statusCode).toBe(403);
    const admin = await env().user("admin");
    const twice = await env().request(admin, {
      method: "POST",
      url: "/api/v1/taxonomy/versions",
      json: { ...body, categories: [...body.categories, { code: "GR", label: "Again" }] },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.issues).toEqual([{ path: "body.categories.1.code", message: "GR is listed twice" }]);
  });
});
