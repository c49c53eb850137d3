import { expect, it } from "vitest";
import { forEachDatabase } from "../../testing/harness.js";

forEachDatabase("first administrator", (env) => {
  it("when the database has no users, then an administrator is made once, with a one-time password that signs in", async () => {
    const users = env().context.services.users;
    const first = await users.ensureFirstAdmin("first@example.org");
    expect(first).not.toBeNull();
    expect(first!.password.length).toBeGreaterThanOrEqual(20);
    expect(await users.ensureFirstAdmin("second@example.org")).toBeNull();

    const login = await env().request(null, { method: "POST", url: "/api/v1/auth/login", json: { email: "first@example.org", password: first!.password } });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ role: "admin", post: "BUREAU", must_change_password: true });
    const events = await env().context.db.selectFrom("audit_events").selectAll().where("action", "=", "user.create").execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_user_id: null, actor_system: "bootstrap" });
    expect(events[0]!.after_json).not.toContain("argon2"); // the audit log never holds a password hash
  });
});
