import { expect, it } from "vitest";
import { auditEventsFor } from "../audit/audit.js";
import { forEachDatabase } from "../../testing/harness.js";
import { taskingFields } from "../../testing/factories.js";

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

  it("when an admin opens embassies in many countries at once, then all are open and audited, and a tasking to all posts reaches them; a batch with one refused opens none", async () => {
    const admin = await env().user("admin");
    const batch = [
      { country_code: "JP", name: "Embassy in Japan", city: "Tokyo" },
      { country_code: "BR", name: "Embassy in Brazil", city: "Brasília" },
      { country_code: "ZA", name: "Embassy in South Africa", city: "Pretoria" },
    ];
    const opened = await env().request(admin, { method: "POST", url: "/api/v1/posts/batch", json: { posts: batch } });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json<{ items: { code: string }[] }>().items.map((p) => p.code)).toEqual(["JP", "BR", "ZA"]);
    for (const code of ["JP", "BR", "ZA"]) expect((await auditEventsFor(env().context.db, "post", code)).map((e) => e.action)).toEqual(["post.create"]);
    const editor = await env().user("editor");
    const worldwide = await env().request(editor, {
      method: "POST",
      url: "/api/v1/taskings",
      json: taskingFields(undefined, { targets: { groups: ["all"] } }),
    });
    expect(worldwide.json<{ targets: { post: string }[] }>().targets.map((t) => t.post)).toEqual(expect.arrayContaining(["BR", "JP", "ZA", "DE"]));

    const refused = await env().request(admin, {
      method: "POST",
      url: "/api/v1/posts/batch",
      json: { posts: [{ country_code: "KE", name: "Embassy in Kenya", city: "Nairobi" }, batch[0]] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues).toEqual([{ path: "body.posts.1.country_code", message: "there is already a post JP" }]);
    const listed = (await env().request(admin, { method: "GET", url: "/api/v1/posts" })).json<{ items: { code: string }[] }>();
    expect(listed.items.map((p) => p.code)).not.toContain("KE");
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
