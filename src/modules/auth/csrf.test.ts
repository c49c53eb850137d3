import { expect, it } from "vitest";
import { CSRF_COOKIE, SESSION_COOKIE } from "../../http/cookies.js";
import { forEachDatabase } from "../../testing/harness.js";
import { incidentExample } from "../incidents/schema.js";

forEachDatabase("CSRF protection", (env) => {
  const incidents = () => env().context.db.selectFrom("incidents").select("id").execute();

  it("when a user signs in, then a CSRF cookie that script may read is set beside the HttpOnly session cookie, and it is bound to the session", async () => {
    const user = await env().user("reporter", "DE");
    const login = await env().request(null, { method: "POST", url: "/api/v1/auth/login", json: { email: user.email, password: user.password } });
    const cookies = login.headers["set-cookie"] as string[];
    expect(cookies).toHaveLength(2);
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    const csrf = cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))!;
    expect(session).toContain("HttpOnly");
    expect(csrf).not.toContain("HttpOnly");
    expect(csrf).toContain("SameSite=Strict");
    expect(csrf).toMatch(new RegExp(`^${CSRF_COOKIE}=[A-Za-z0-9_-]{43};`));
    const token = login.cookies.find((c) => c.name === CSRF_COOKIE)!.value;
    const stored = await env().context.db.selectFrom("sessions").select("csrf_token").where("user_id", "=", user.actor.id).execute();
    expect(stored.map((s) => s.csrf_token)).toContain(token);
    expect(token).not.toBe(user.csrf); // each session has its own
  });

  it("when a change comes with the session cookie but without the CSRF header, or with another session's token, then it is refused with 403 csrf_failed and nothing is recorded", async () => {
    const user = await env().user("reporter", "DE");
    const other = await env().user("reporter", "DE");
    const before = await incidents();
    const missing = await env().request(user, { method: "POST", url: "/api/v1/incidents", json: incidentExample, csrf: false });
    const foreign = await env().request(user, {
      method: "POST",
      url: "/api/v1/incidents",
      json: incidentExample,
      csrf: false,
      headers: { "x-csrf-token": other.csrf! },
    });
    const empty = await env().request(user, { method: "POST", url: "/api/v1/incidents", json: incidentExample, csrf: false, headers: { "x-csrf-token": "" } });
    for (const response of [missing, foreign, empty]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe("csrf_failed");
    }
    expect(await incidents()).toEqual(before);
    const right = await env().request(user, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    expect(right.statusCode, right.body).toBe(201);
    const patch = await env().request(user, {
      method: "PATCH",
      url: `/api/v1/incidents/${right.json().id}`,
      json: { version: 1, title: "A corrected title" },
      csrf: false,
    });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe("csrf_failed");
  });

  it("when a user reads with the session cookie alone, then no CSRF token is needed", async () => {
    const user = await env().user("analyst");
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me", csrf: false })).statusCode).toBe(200);
    expect((await env().request(user, { method: "GET", url: "/api/v1/incidents", csrf: false })).statusCode).toBe(200);
  });

  it("when a change comes with an API token and no cookie, then no CSRF token is needed", async () => {
    const user = await env().user("reporter", "DE");
    const made = await env().request(user, { method: "POST", url: "/api/v1/auth/tokens", json: { name: "importer" } });
    expect(made.statusCode, made.body).toBe(201);
    const response = await env().request(null, {
      method: "POST",
      url: "/api/v1/incidents",
      json: incidentExample,
      headers: { authorization: `Bearer ${made.json().token}` },
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it("when someone signs in while their browser still holds a session cookie, then the sign-in needs no CSRF token", async () => {
    const user = await env().user("editor");
    const again = await env().request(user, { method: "POST", url: "/api/v1/auth/login", json: { email: user.email, password: user.password }, csrf: false });
    expect(again.statusCode).toBe(200);
  });

  it("when a user signs out, then a forged sign-out is refused and a real one clears both cookies", async () => {
    const user = await env().user("auditor");
    const forged = await env().request(user, { method: "POST", url: "/api/v1/auth/logout", csrf: false });
    expect(forged.statusCode).toBe(403);
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    const out = await env().request(user, { method: "POST", url: "/api/v1/auth/logout" });
    expect(out.statusCode).toBe(200);
    const cleared = out.headers["set-cookie"] as string[];
    expect(cleared.map((c) => c.split("=")[0]).sort()).toEqual([CSRF_COOKIE, SESSION_COOKIE].sort());
    for (const c of cleared) expect(c).toContain("Max-Age=0");
  });

  it("when a session has no CSRF token (signed in before there were any), then it may read but not change anything", async () => {
    const user = await env().user("reporter", "DE");
    await env().context.db.updateTable("sessions").set({ csrf_token: null }).where("user_id", "=", user.actor.id).execute();
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    const write = await env().request(user, { method: "POST", url: "/api/v1/incidents", json: incidentExample });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe("csrf_failed");
  });
});
