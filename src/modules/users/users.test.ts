import { expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";

forEachDatabase("user administration", (env) => {
  let counter = 0;
  const login = (email: string, password: string) => env().request(null, { method: "POST", url: "/api/v1/auth/login", json: { email, password } });
  const events = (id: string) =>
    env().context.db.selectFrom("audit_events").selectAll().where("entity_type", "=", "user").where("entity_id", "=", id).orderBy("id").execute();
  const as = (admin: TestUser) => ({
    get: (url: string) => env().request(admin, { method: "GET", url }),
    post: (url: string, json?: unknown) => env().request(admin, { method: "POST", url, ...(json === undefined ? {} : { json }) }),
    patch: (url: string, json: unknown) => env().request(admin, { method: "PATCH", url, json }),
  });
  const newUser = (fields: Record<string, unknown> = {}) => ({
    email: `person.${++counter}@example.org`,
    name: `Person ${counter}`,
    role: "reporter",
    post: "DE",
    ...fields,
  });

  it("when an admin creates a user without a password, then a one-time password is returned once, signs in, must be changed, and the creation is audited without it", async () => {
    const admin = as(await env().user("admin"));
    const input = newUser();
    const response = await admin.post("/api/v1/users", input);
    expect(response.statusCode, response.body).toBe(201);
    const { user, one_time_password } = response.json() as { user: { id: string; must_change_password: boolean; post: string }; one_time_password: string };
    expect(user).toMatchObject({ must_change_password: true, post: "DE", disabled: false, locked_until: null, failed_logins: 0 });
    expect(one_time_password.length).toBeGreaterThanOrEqual(20);
    expect((await login(input.email, one_time_password)).json()).toMatchObject({ must_change_password: true });
    const [created] = await events(user.id);
    expect(created).toMatchObject({ action: "user.create" });
    expect(created!.after_json).not.toContain(one_time_password);
    expect(created!.after_json).not.toContain("argon2");
    // Shown once: reading the user again never shows it.
    expect((await admin.get(`/api/v1/users/${user.id}`)).body).not.toContain(one_time_password);
  });

  it("when an admin gives the first password, then it must meet the policy, and the user must still change it", async () => {
    const admin = as(await env().user("admin"));
    const weak = await admin.post("/api/v1/users", newUser({ password: "Password2025!" }));
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.issues[0].path).toBe("body.password");
    const input = newUser({ password: "lantern quarry oboe 1938" });
    const ok = await admin.post("/api/v1/users", input);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ one_time_password: null, user: { must_change_password: true } });
  });

  it("when accounts are created, then post roles need an embassy and bureau roles belong to the bureau, as on the CLI", async () => {
    const admin = as(await env().user("admin"));
    expect((await admin.post("/api/v1/users", newUser({ post: undefined }))).json().error.issues[0].path).toBe("body.post");
    expect((await admin.post("/api/v1/users", newUser({ role: "analyst" }))).json().error.issues[0].path).toBe("body.post");
    const analyst = await admin.post("/api/v1/users", newUser({ role: "analyst", post: undefined }));
    expect(analyst.json().user.post).toBe("BUREAU");
  });

  it("when an admin or an auditor lists users, then they see every account with filters; a reporter may not", async () => {
    const admin = await env().user("admin");
    const auditor = await env().user("auditor");
    const reporter = await env().user("reporter", "NL");
    const all = await env().request(auditor, { method: "GET", url: "/api/v1/users" });
    expect(all.statusCode).toBe(200);
    const emails = (all.json().items as { email: string }[]).map((u) => u.email);
    expect(emails).toEqual([...emails].sort());
    expect(emails).toEqual(expect.arrayContaining([admin.email, auditor.email, reporter.email]));
    expect(all.body).not.toContain("password_hash");
    const nl = await env().request(admin, { method: "GET", url: "/api/v1/users?post=NL&role=reporter,approver&disabled=false" });
    expect((nl.json().items as { email: string }[]).map((u) => u.email)).toEqual([reporter.email]);
    expect((await env().request(auditor, { method: "GET", url: `/api/v1/users/${reporter.actor.id}` })).json()).toMatchObject({
      email: reporter.email,
      post: "NL",
    });
    expect((await env().request(reporter, { method: "GET", url: "/api/v1/users" })).statusCode).toBe(403);
    expect((await env().request(auditor, { method: "POST", url: `/api/v1/users/${reporter.actor.id}/disable` })).statusCode).toBe(403);
  });

  it("when an admin changes a user's role and post, then it takes effect at once and is audited as a role change; a rename as an update", async () => {
    const admin = as(await env().user("admin"));
    const user = await env().user("reporter", "DE");
    const moved = await admin.patch(`/api/v1/users/${user.actor.id}`, { role: "approver", post: "AT" });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ role: "approver", post: "AT" });
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).json()).toMatchObject({ role: "approver", post: "AT" });
    const toBureau = await admin.patch(`/api/v1/users/${user.actor.id}`, { role: "analyst" });
    expect(toBureau.json()).toMatchObject({ role: "analyst", post: "BUREAU" });
    const back = await admin.patch(`/api/v1/users/${user.actor.id}`, { role: "reporter" });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.issues[0].path).toBe("body.post");
    const renamed = await admin.patch(`/api/v1/users/${user.actor.id}`, { name: "Renamed Person" });
    expect(renamed.json().name).toBe("Renamed Person");

    const log = await events(user.actor.id);
    const changes = log.filter((e) => e.action.startsWith("user."));
    expect(changes.map((e) => e.action)).toEqual(["user.create", "user.role_change", "user.role_change", "user.update"]);
    expect(JSON.parse(changes[1]!.before_json!)).toMatchObject({ role: "reporter", post: "DE" });
    expect(JSON.parse(changes[1]!.after_json!)).toMatchObject({ role: "approver", post: "AT" });
  });

  it("when an admin disables a user, then their sessions and tokens end at once, they cannot sign in, and enabling lets them sign in again", async () => {
    const admin = await env().user("admin");
    const user = await env().user("analyst");
    const token = (await env().request(user, { method: "POST", url: "/api/v1/auth/tokens", json: { name: "script" } })).json().token as string;
    const disabled = await as(admin).post(`/api/v1/users/${user.actor.id}/disable`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    expect((await env().request(null, { method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const sessions = await env().context.db.selectFrom("sessions").select("token_hash").where("user_id", "=", user.actor.id).execute();
    expect(sessions).toEqual([]);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    // Disabling twice changes nothing.
    expect((await as(admin).post(`/api/v1/users/${user.actor.id}/disable`)).json().disabled_at).toBe(disabled.json().disabled_at);

    const enabled = await as(admin).post(`/api/v1/users/${user.actor.id}/enable`);
    expect(enabled.json()).toMatchObject({ disabled: false, disabled_at: null });
    expect((await login(user.email, user.password)).statusCode).toBe(200);
    // The old token stays revoked.
    expect((await env().request(null, { method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);

    const log = (await events(user.actor.id)).map((e) => e.action).filter((a) => a.startsWith("user."));
    expect(log).toEqual(["user.create", "user.disable", "user.enable"]);
    const disableEvent = (await events(user.actor.id)).find((e) => e.action === "user.disable")!;
    expect(disableEvent.actor_user_id).toBe(admin.actor.id);
    expect(JSON.parse(disableEvent.after_json!)).toMatchObject({ disabled: true, sessions_ended: 1, tokens_revoked: 1 });
  });

  it("when an admin resets a password, then a one-time password is shown once, the old one and every session and token end, a lockout is lifted, and the user must change it", async () => {
    const admin = await env().user("admin");
    const user = await env().user("editor");
    const token = (await env().request(user, { method: "POST", url: "/api/v1/auth/tokens", json: { name: "script" } })).json().token as string;
    await env()
      .context.db.updateTable("users")
      .set({ failed_logins: 12, locked_until: new Date(Date.now() + 600_000).toISOString() })
      .where("id", "=", user.actor.id)
      .execute();

    const reset = await as(admin).post(`/api/v1/users/${user.actor.id}/reset-password`);
    expect(reset.statusCode, reset.body).toBe(200);
    const oneTime = reset.json().one_time_password as string;
    expect(reset.json().user).toMatchObject({ must_change_password: true, locked_until: null, failed_logins: 0 });
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    expect((await env().request(null, { method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    const signIn = await login(user.email, oneTime);
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().must_change_password).toBe(true);

    const event = (await events(user.actor.id)).find((e) => e.action === "user.password_reset")!;
    expect(event.actor_user_id).toBe(admin.actor.id);
    expect(JSON.parse(event.after_json!)).toMatchObject({ must_change_password: true, sessions_ended: 1, tokens_revoked: 1 });
    expect(event.after_json).not.toContain(oneTime);
  });

  it("when an admin acts on their own account, then they may not disable it or change its role (so an administrator always remains)", async () => {
    const admin = await env().user("admin");
    const disable = await as(admin).post(`/api/v1/users/${admin.actor.id}/disable`);
    expect(disable.statusCode).toBe(403);
    const demote = await as(admin).patch(`/api/v1/users/${admin.actor.id}`, { role: "auditor" });
    expect(demote.statusCode).toBe(403);
    const rename = await as(admin).patch(`/api/v1/users/${admin.actor.id}`, { name: "Chief Administrator" });
    expect(rename.statusCode).toBe(200);
  });
});
