import { expect, it } from "vitest";
import { CSRF_COOKIE, SESSION_COOKIE } from "../../http/cookies.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";

const NEW_PASSWORD = "violet tractor harbour 47";

forEachDatabase("changing your password", (env) => {
  const change = (user: TestUser, current: string, next: string) =>
    env().request(user, { method: "POST", url: "/api/v1/auth/password", json: { current_password: current, new_password: next } });
  const login = (email: string, password: string) => env().request(null, { method: "POST", url: "/api/v1/auth/login", json: { email, password } });

  /** A second signed-in session of the same user (another browser). */
  async function secondSession(user: TestUser): Promise<TestUser> {
    const response = await login(user.email, user.password);
    expect(response.statusCode).toBe(200);
    const value = (name: string) => response.cookies.find((c) => c.name === name)!.value;
    return { ...user, cookie: `${SESSION_COOKIE}=${value(SESSION_COOKIE)}`, csrf: value(CSRF_COOKIE) };
  }

  it("when a user changes their password, then the new one signs in, the old one no longer does, their other sessions end, this one goes on, and it is audited", async () => {
    const user = await env().user("reporter", "DE");
    const elsewhere = await secondSession(user);
    const response = await change(user, user.password, NEW_PASSWORD);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: user.actor.id, must_change_password: false });
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    expect((await env().request(elsewhere, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);

    const [event] = await env()
      .context.db.selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "auth.password_change")
      .where("entity_id", "=", user.actor.id)
      .execute();
    expect(event!.actor_user_id).toBe(user.actor.id);
    expect(JSON.parse(event!.after_json!)).toMatchObject({ other_sessions_ended: 1 });
    expect(event!.after_json).not.toContain(NEW_PASSWORD);
    expect(event!.after_json).not.toContain("argon2");
  });

  it("when the current password is wrong, then nothing changes, and the attempt counts towards the lockout", async () => {
    const user = await env().user("analyst");
    const response = await change(user, "not my password at all", NEW_PASSWORD);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([{ path: "body.current_password", message: "is not your current password" }]);
    expect((await login(user.email, user.password)).statusCode).toBe(200);
    const failed = await env()
      .context.db.selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "auth.login_failed")
      .where("entity_id", "=", user.actor.id)
      .execute();
    expect(JSON.parse(failed[0]!.after_json!)).toMatchObject({ reason: "wrong_current_password", failed_logins: 1 });
  });

  it("when the new password is common, the user's own e-mail, or the same as before, then it is refused naming new_password", async () => {
    const user = await env().user("editor");
    for (const next of ["Password1234!", user.email, user.password, "qwertyuiop123"]) {
      const response = await change(user, user.password, next);
      expect(response.statusCode, next).toBe(400);
      expect(response.json().error.issues[0].path).toBe("body.new_password");
    }
  });

  it("when a user must change a one-time password, then only who-am-I, the password change and sign-out work until they do", async () => {
    const admin = await env().user("admin");
    const made = await env().request(admin, {
      method: "POST",
      url: "/api/v1/users",
      json: { email: "first.timer@example.org", name: "First Timer", role: "reporter", post: "DE" },
    });
    expect(made.statusCode, made.body).toBe(201);
    const oneTime = made.json().one_time_password as string;
    const signIn = await login("first.timer@example.org", oneTime);
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().must_change_password).toBe(true);
    const value = (name: string) => signIn.cookies.find((c) => c.name === name)!.value;
    const user: TestUser = {
      actor: { kind: "user", id: made.json().user.id, email: "first.timer@example.org", name: "First Timer", role: "reporter", postCode: "DE" },
      email: "first.timer@example.org",
      password: oneTime,
      cookie: `${SESSION_COOKIE}=${value(SESSION_COOKIE)}`,
      csrf: value(CSRF_COOKIE),
    };

    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    for (const blocked of [
      await env().request(user, { method: "GET", url: "/api/v1/incidents" }),
      await env().request(user, { method: "GET", url: "/api/v1/countries" }),
      await env().request(user, { method: "POST", url: "/api/v1/auth/tokens", json: { name: "too early" } }),
    ]) {
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe("password_change_required");
    }
    const changed = await change(user, oneTime, NEW_PASSWORD);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().must_change_password).toBe(false);
    expect((await env().request(user, { method: "GET", url: "/api/v1/incidents" })).statusCode).toBe(200);
    expect((await env().request(user, { method: "POST", url: "/api/v1/auth/logout" })).statusCode).toBe(200);
  });
});
