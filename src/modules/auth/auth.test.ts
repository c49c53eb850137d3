import { expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "../../http/cookies.js";
import { forEachDatabase } from "../../testing/harness.js";
import { CLI_ACTOR } from "./actor.js";
import { authService } from "./service.js";

forEachDatabase("sign-in", (env) => {
  const login = (email: string, password: string) => env().request(null, { method: "POST", url: "/api/v1/auth/login", json: { email, password } });

  it("when a user signs in, then an HttpOnly SameSite cookie is set, /me answers, and the sign-in is audited", async () => {
    const user = await env().user("reporter", "IE");
    const response = await login(user.email.toUpperCase(), user.password);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ email: user.email, role: "reporter", post: "IE" });
    expect(response.json()).not.toHaveProperty("password_hash");
    const setCookie = String(response.headers["set-cookie"]);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).not.toContain("Secure"); // plain HTTP in this test; COOKIE_SECURE turns it on

    const me = await env().request(user, { method: "GET", url: "/api/v1/auth/me" });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.actor.id);
    const logins = await env()
      .context.db.selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "auth.login")
      .where("actor_user_id", "=", user.actor.id)
      .execute();
    expect(logins.length).toBeGreaterThanOrEqual(2);
  });

  it("when the password or e-mail is wrong, then 401 with the same message, and no cookie", async () => {
    const user = await env().user("analyst");
    const wrongPassword = await login(user.email, "not the password at all");
    const unknownEmail = await login("nobody@example.org", user.password);
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers["set-cookie"]).toBeUndefined();
      expect(response.json().error.code).toBe("invalid_credentials");
    }
    expect(wrongPassword.json().error.message).toBe(unknownEmail.json().error.message);
  });

  it("when a user signs out, then the session no longer works", async () => {
    const user = await env().user("editor");
    const out = await env().request(user, { method: "POST", url: "/api/v1/auth/logout" });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers["set-cookie"])).toContain("Max-Age=0");
    const me = await env().request(user, { method: "GET", url: "/api/v1/auth/me" });
    expect(me.statusCode).toBe(401);
  });

  it("when a session is idle too long or past its lifetime, then it is refused and removed", async () => {
    const idle = await env().user("auditor");
    const old = await env().user("admin");
    const db = env().context.db;
    const longAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await db.updateTable("sessions").set({ last_seen_at: longAgo }).where("user_id", "=", idle.actor.id).execute();
    await db.updateTable("sessions").set({ expires_at: longAgo }).where("user_id", "=", old.actor.id).execute();
    for (const user of [idle, old]) {
      expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
      const left = await db.selectFrom("sessions").select("token_hash").where("user_id", "=", user.actor.id).execute();
      expect(left).toEqual([]);
    }
  });

  it("when a session is used before its idle time runs out, then it goes on and its idle clock restarts, but not past its lifetime", async () => {
    const user = await env().user("analyst");
    const db = env().context.db;
    const fiftyMinutesAgo = new Date(Date.now() - 50 * 60_000).toISOString();
    await db.updateTable("sessions").set({ last_seen_at: fiftyMinutesAgo }).where("user_id", "=", user.actor.id).execute();
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    const [session] = await db.selectFrom("sessions").select(["last_seen_at", "expires_at"]).where("user_id", "=", user.actor.id).execute();
    expect(Date.now() - Date.parse(session!.last_seen_at)).toBeLessThan(60_000);
    // Busy all day is no excuse: the absolute lifetime still ends it.
    await db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("user_id", "=", user.actor.id)
      .execute();
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
  });

  it("when SESSION_IDLE_MINUTES is 1, then a user active every 40 seconds stays signed in for minutes, and one idle for over a minute is signed out", async () => {
    const user = await env().user("analyst");
    const token = user.cookie.slice(`${SESSION_COOKIE}=`.length);
    const oneMinute = authService(env().context.db, { idleMinutes: 1, absoluteHours: 12, lockoutThreshold: 10, lockoutMinutes: 15 });
    // Only the clock moves: the session was last seen at sign-in, a moment ago.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const start = Date.now();
      for (let step = 1; step <= 6; step++) {
        vi.setSystemTime(start + step * 40_000);
        expect(await oneMinute.authenticate(token), `after ${step * 40} seconds of activity`).not.toBeNull();
      }
      vi.setSystemTime(start + 6 * 40_000 + 61_000);
      expect(await oneMinute.authenticate(token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("when a session cookie is forged, then it is not accepted", async () => {
    const forged = { actor: null as never, email: "", password: "", cookie: `${SESSION_COOKIE}=${"A".repeat(43)}` };
    expect((await env().request(forged, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
  });

  it("when the database stores a session, then it holds only a hash of the token", async () => {
    const user = await env().user("reporter", "NO");
    const token = user.cookie.split("=")[1]!;
    const stored = await env().context.db.selectFrom("sessions").select("token_hash").where("user_id", "=", user.actor.id).execute();
    expect(stored.length).toBeGreaterThan(0);
    for (const s of stored) expect(s.token_hash).not.toContain(token);
  });

  it("when users are created, then roles are tied to the right kind of post", async () => {
    const users = env().context.services.users;
    const password = "a long enough password";
    await expect(users.createUser(CLI_ACTOR, { email: "r@example.org", name: "R", role: "reporter", password })).rejects.toThrow(/not valid/);
    await expect(users.createUser(CLI_ACTOR, { email: "a@example.org", name: "A", role: "analyst", post: "DE", password })).rejects.toThrow(/not valid/);
    await expect(users.createUser(CLI_ACTOR, { email: "z@example.org", name: "Z", role: "approver", post: "ZZ", password })).rejects.toThrow(/not valid/);
    const ok = await users.createUser(CLI_ACTOR, { email: "ok@example.org", name: "OK", role: "approver", post: "DE", password });
    expect(ok.post).toBe("DE");
    await expect(users.createUser(CLI_ACTOR, { email: "ok@example.org", name: "Again", role: "analyst", password })).rejects.toThrow(/not valid/);
    const row = await env().context.db.selectFrom("users").select("password_hash").where("id", "=", ok.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});
