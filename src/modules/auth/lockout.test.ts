import { expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { forEachDatabase, TEST_APP_CONFIG, type TestUser } from "../../testing/harness.js";
import { authService } from "./service.js";

forEachDatabase("lockout and rate limit", (env) => {
  const login = (email: string, password: string) => env().request(null, { method: "POST", url: "/api/v1/auth/login", json: { email, password } });
  const row = (user: TestUser) => env().context.db.selectFrom("users").selectAll().where("id", "=", user.actor.id).executeTakeFirstOrThrow();
  const events = (entityId: string) =>
    env().context.db.selectFrom("audit_events").selectAll().where("entity_id", "=", entityId).where("action", "like", "auth.%").orderBy("id").execute();
  const wrong = (user: TestUser, times: number) => Promise.all(Array.from({ length: times }, (_, i) => login(user.email, `${user.password}-wrong-${i}`)));

  it("when a user gets the password wrong 9 times and then right, then they are in and the count starts again", async () => {
    const user = await env().user("reporter", "DE");
    for (const r of await wrong(user, 9)) expect(r.statusCode).toBe(401);
    expect((await row(user)).failed_logins).toBe(9);
    expect((await login(user.email, user.password)).statusCode).toBe(200);
    expect(await row(user)).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it("when the password is wrong 10 times in a row, then the account is locked for 15 minutes: even the right password gets the same 401, and all of it is audited", async () => {
    const user = await env().user("approver", "DE");
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await login(user.email, `${user.password}-wrong-${i}`));
    const locked = await row(user);
    expect(locked.failed_logins).toBe(10);
    const minutes = (Date.parse(locked.locked_until!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14.5);
    expect(minutes).toBeLessThanOrEqual(15);

    const right = await login(user.email, user.password);
    expect(right.statusCode).toBe(401);
    expect(right.headers["set-cookie"]).toBeUndefined();
    expect(right.json()).toEqual(answers[0]!.json()); // nothing tells the right password from a wrong one
    expect(answers[9]!.json()).toEqual(answers[0]!.json());

    const audited = await events(user.actor.id);
    const failures = audited.filter((e) => e.action === "auth.login_failed");
    expect(failures.map((e) => JSON.parse(e.after_json!).reason)).toEqual([...Array(10).fill("wrong_password"), "locked"]);
    expect(audited.filter((e) => e.action === "auth.lockout")).toHaveLength(1);
    expect(JSON.parse(audited.find((e) => e.action === "auth.lockout")!.after_json!)).toMatchObject({ locked_until: locked.locked_until, failed_logins: 10 });
    for (const event of failures) {
      expect(event.actor_user_id).toBeNull(); // whoever tried is not known to be the user
      expect(event.entity_type).toBe("user");
      expect(event.after_json).not.toContain(user.password);
      expect(JSON.parse(event.after_json!)).toHaveProperty("ip");
    }
  });

  it("when the lockout has passed, then the right password signs in again; a wrong one before that locks it again at once", async () => {
    const user = await env().user("analyst");
    await wrong(user, 10);
    const past = new Date(Date.now() - 1000).toISOString();
    await env().context.db.updateTable("users").set({ locked_until: past }).where("id", "=", user.actor.id).execute();
    expect((await login(user.email, `${user.password}-still-wrong`)).statusCode).toBe(401);
    expect(Date.parse((await row(user)).locked_until!)).toBeGreaterThan(Date.now());
    expect((await login(user.email, user.password)).statusCode).toBe(401);

    await env().context.db.updateTable("users").set({ locked_until: past }).where("id", "=", user.actor.id).execute();
    expect((await login(user.email, user.password)).statusCode).toBe(200);
    expect(await row(user)).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it("when the lockout is configured, then its threshold and length are the configured ones", async () => {
    const user = await env().user("editor");
    const strict = authService(env().context.db, { idleMinutes: 60, absoluteHours: 12, lockoutThreshold: 3, lockoutMinutes: 2 });
    for (let i = 0; i < 3; i++)
      await expect(strict.login(user.email, "not the password", { ip: "192.0.2.1" })).rejects.toMatchObject({ code: "invalid_credentials" });
    const minutes = (Date.parse((await row(user)).locked_until!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(1.5);
    expect(minutes).toBeLessThanOrEqual(2);
    await expect(strict.login(user.email, user.password, { ip: "192.0.2.1" })).rejects.toMatchObject({ code: "invalid_credentials" });
  });

  it("when someone signs in with an e-mail nobody has, then the failure is audited under that e-mail, never with the password", async () => {
    const response = await login("No.Such.User@Example.org", "a guessed password 123");
    expect(response.statusCode).toBe(401);
    const [event] = await events("no.such.user@example.org");
    expect(event).toMatchObject({ action: "auth.login_failed", entity_type: "login", actor_user_id: null });
    expect(JSON.parse(event!.after_json!)).toMatchObject({ reason: "unknown_email" });
    expect(event!.after_json).not.toContain("guessed");

    // Something that is not an e-mail may be a password typed in the wrong field: it is not kept.
    await login("my secret password 2024", "whatever");
    const all = await env().context.db.selectFrom("audit_events").select(["entity_id", "after_json"]).where("entity_type", "=", "login").execute();
    expect(JSON.stringify(all)).not.toContain("my secret password");
    expect(all.map((e) => e.entity_id)).toContain("(not an e-mail address)");
  });

  it("when a disabled user gives the right password, then the answer is the same 401 and the attempt is audited as such", async () => {
    const user = await env().user("auditor");
    await env().context.db.updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", user.actor.id).execute();
    const response = await login(user.email, user.password);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("invalid_credentials");
    const last = (await events(user.actor.id)).at(-1)!;
    expect(JSON.parse(last.after_json!)).toMatchObject({ reason: "disabled" });
    expect((await row(user)).failed_logins).toBe(0); // a disabled account is not a guessing target
  });

  it("when one address tries to sign in more often than the limit, then it gets 429 with Retry-After, the attempt goes nowhere, and other addresses are unaffected", async () => {
    const user = await env().user("reporter", "FR");
    const app = await buildApp(env().context, { config: { ...TEST_APP_CONFIG, LOGIN_RATE_LIMIT: 3 } });
    try {
      const attempt = (password: string, remoteAddress = "198.51.100.7") =>
        app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress, payload: { email: user.email, password } });
      expect((await attempt("wrong password one")).statusCode).toBe(401);
      expect((await attempt("wrong password two")).statusCode).toBe(401);
      expect((await attempt(user.password)).statusCode).toBe(200);
      const before = await events(user.actor.id);
      const limited = await attempt(user.password);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe("rate_limited");
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
      expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
      expect(limited.headers["set-cookie"]).toBeUndefined();
      expect(await events(user.actor.id)).toHaveLength(before.length);
      expect((await attempt(user.password, "198.51.100.8")).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("when the server is behind a trusted proxy, then the limit counts the client address the proxy reports", async () => {
    const user = await env().user("reporter", "BE");
    const app = await buildApp(env().context, { config: { ...TEST_APP_CONFIG, TRUST_PROXY: true, LOGIN_RATE_LIMIT: 1 } });
    try {
      const attempt = (client: string) =>
        app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          remoteAddress: "10.0.0.2",
          headers: { "x-forwarded-for": client },
          payload: { email: user.email, password: user.password },
        });
      expect((await attempt("203.0.113.1")).statusCode).toBe(200);
      expect((await attempt("203.0.113.1")).statusCode).toBe(429);
      expect((await attempt("203.0.113.2")).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
