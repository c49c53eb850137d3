import { expect, it } from "vitest";
import { auditEventsFor } from "../audit/audit.js";
import { forEachDatabase } from "../../testing/harness.js";

forEachDatabase("posts administration", (env) => {
  it("when an admin opens an embassy and renames it, then the post is listed with its new name and both changes are audited", async () => {
    const admin = await env().user("admin");
    const created = await env().request(admin, {
      method: "POST",
      url: "/api/v1/posts",
      json: { country_code: "US", name: "Embassy in the USA", city: "Washington" },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({ code: "US", name: "Embassy in the USA", kind: "embassy", country_code: "US", city: "Washington" });
    const renamed = await env().request(admin, { method: "PATCH", url: "/api/v1/posts/US", json: { name: "Embassy in the United States" } });
    expect(renamed.json()).toMatchObject({ code: "US", name: "Embassy in the United States", city: "Washington" });
    const listed = (await env().request(admin, { method: "GET", url: "/api/v1/posts" })).json<{ items: { code: string; name: string }[] }>();
    expect(listed.items.find((p) => p.code === "US")?.name).toBe("Embassy in the United States");
    const events = await auditEventsFor(env().context.db, "post", "US");
    expect(events.map((e) => e.action)).toEqual(["post.create", "post.update"]);
    expect(events[1]!.before).toMatchObject({ name: "Embassy in the USA" });

    // A user can now belong to the new post.
    const reporter = await env().user("reporter", "US");
    expect(reporter.actor.postCode).toBe("US");
  });

  it("when someone other than an admin tries, then 403; a country with a post already gets 409", async () => {
    for (const role of ["analyst", "auditor"] as const) {
      const user = await env().user(role);
      const response = await env().request(user, { method: "PATCH", url: "/api/v1/posts/DE", json: { city: "Bonn" } });
      expect(response.statusCode).toBe(403);
    }
    const admin = await env().user("admin");
    const duplicate = await env().request(admin, { method: "POST", url: "/api/v1/posts", json: { country_code: "DE", name: "Second embassy", city: "Bonn" } });
    expect(duplicate.statusCode).toBe(409);
    const city = (await env().request(admin, { method: "GET", url: "/api/v1/posts" })).json<{ items: { code: string; city: string }[] }>();
    expect(city.items.find((p) => p.code === "DE")?.city).toBe("Berlin");
  });

  it("when an admin sends a post patch that changes nothing, then 400 asks for the name or the city, and nothing is written", async () => {
    const admin = await env().user("admin");
    const events = (await auditEventsFor(env().context.db, "post", "DE")).length;
    const response = await env().request(admin, { method: "PATCH", url: "/api/v1/posts/DE", json: {} });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toEqual({
      error: { code: "validation_failed", message: expect.any(String), issues: [{ path: "body", message: "give at least one of name and city" }] },
    });
    expect((await auditEventsFor(env().context.db, "post", "DE")).length).toBe(events);
  });
});
