import { expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { incidentExample } from "../incidents/schema.js";
import { sha256 } from "./credentials.js";

forEachDatabase("API tokens", (env) => {
  const makeToken = async (user: TestUser, body: Record<string, unknown> = { name: "nightly export" }) => {
    const response = await env().request(user, { method: "POST", url: "/api/v1/auth/tokens", json: body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; token: string; expires_at: string; status: string };
  };
  const withToken = (token: string, options: { method: "GET" | "POST" | "PATCH"; url: string; json?: unknown }) =>
    env().request(null, { ...options, headers: { authorization: `Bearer ${token}` } });

  it("when a user makes a token, then the secret is shown once with a recognisable prefix, only its SHA-256 is stored, and the making is audited", async () => {
    const user = await env().user("reporter", "DE");
    const made = await makeToken(user, { name: "statistics desk", expires_in_days: 30 });
    expect(made.token).toMatch(/^rpt_[A-Za-z0-9_-]{43}$/);
    expect(made.status).toBe("active");
    const days = (Date.parse(made.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const row = await env().context.db.selectFrom("api_tokens").selectAll().where("id", "=", made.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token.slice(4));

    const listed = await env().request(user, { method: "GET", url: "/api/v1/auth/tokens" });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([expect.objectContaining({ id: made.id, name: "statistics desk", status: "active", last_used_at: null })]);
    expect(listed.body).not.toContain(made.token);

    const events = await env().context.db.selectFrom("audit_events").selectAll().where("entity_id", "=", made.id).execute();
    expect(events.map((e) => e.action)).toEqual(["api_token.create"]);
    expect(events[0]!.actor_user_id).toBe(user.actor.id);
    expect(events[0]!.after_json).not.toContain(made.token.slice(4));
  });

  it("when a client signs out with its API token, then that token is revoked (and audited), the user's other tokens and session go on", async () => {
    const user = await env().user("analyst");
    const leaving = await makeToken(user, { name: "signs out" });
    const staying = await makeToken(user, { name: "stays" });
    const out = await withToken(leaving.token, { method: "POST", url: "/api/v1/auth/logout" });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toEqual({ signed_out: true });
    expect((await withToken(leaving.token, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    expect((await withToken(staying.token, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    const listed = (await env().request(user, { method: "GET", url: "/api/v1/auth/tokens" })).json() as { items: { id: string; status: string }[] };
    expect(listed.items.find((t) => t.id === leaving.id)?.status).toBe("revoked");
    const events = await env().context.db.selectFrom("audit_events").select("action").where("entity_id", "=", leaving.id).orderBy("id").execute();
    expect(events.map((e) => e.action)).toEqual(["api_token.create", "api_token.revoke"]);
  });

  it("when no lifetime is given, then the token lasts 90 days", async () => {
    const made = await makeToken(await env().user("analyst"), { name: "default lifetime" });
    expect(Math.round((Date.parse(made.expires_at) - Date.now()) / 86_400_000)).toBe(90);
  });

  it("when a client sends the token, then it acts as the user, with the user's role and post, and last use is noted at most once a minute", async () => {
    const user = await env().user("reporter", "IE");
    const { id, token } = await makeToken(user);
    const me = await withToken(token, { method: "GET", url: "/api/v1/auth/me" });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.actor.id, role: "reporter", post: "IE" });
    const created = await withToken(token, { method: "POST", url: "/api/v1/incidents", json: { ...incidentExample, country: "IE" } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ post: "IE" });
    const otherPost = await withToken(token, { method: "POST", url: "/api/v1/incidents", json: { ...incidentExample, post: "FR" } });
    expect(otherPost.statusCode).toBe(400); // the post is the user's, as with a session

    const db = env().context.db;
    const first = (await db.selectFrom("api_tokens").select("last_used_at").where("id", "=", id).executeTakeFirstOrThrow()).last_used_at;
    expect(first).not.toBeNull();
    await withToken(token, { method: "GET", url: "/api/v1/auth/me" });
    expect((await db.selectFrom("api_tokens").select("last_used_at").where("id", "=", id).executeTakeFirstOrThrow()).last_used_at).toBe(first);
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    await db.updateTable("api_tokens").set({ last_used_at: twoMinutesAgo }).where("id", "=", id).execute();
    await withToken(token, { method: "GET", url: "/api/v1/auth/me" });
    expect((await db.selectFrom("api_tokens").select("last_used_at").where("id", "=", id).executeTakeFirstOrThrow()).last_used_at! > twoMinutesAgo).toBe(true);
  });

  it("when the user's role changes, then their token acts with the new role at once", async () => {
    const admin = await env().user("admin");
    const user = await env().user("analyst");
    const { token } = await makeToken(user);
    expect((await withToken(token, { method: "GET", url: "/api/v1/incidents" })).statusCode).toBe(200);
    const changed = await env().request(admin, { method: "PATCH", url: `/api/v1/users/${user.actor.id}`, json: { role: "admin" } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await withToken(token, { method: "GET", url: "/api/v1/incidents" })).statusCode).toBe(403); // admins manage accounts, not records
  });

  it("when a token is revoked, then it stops working at once, stays listed as revoked, the revocation is audited, and revoking again changes nothing", async () => {
    const user = await env().user("editor");
    const { id, token } = await makeToken(user);
    const revoked = await env().request(user, { method: "POST", url: `/api/v1/auth/tokens/${id}/revoke` });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id, status: "revoked" });
    expect((await withToken(token, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    const again = await env().request(user, { method: "POST", url: `/api/v1/auth/tokens/${id}/revoke` });
    expect(again.json().revoked_at).toBe(revoked.json().revoked_at);
    const listed = (await env().request(user, { method: "GET", url: "/api/v1/auth/tokens" })).json().items as { id: string; status: string }[];
    expect(listed.find((t) => t.id === id)?.status).toBe("revoked");
    const events = await env().context.db.selectFrom("audit_events").select("action").where("entity_id", "=", id).orderBy("id").execute();
    expect(events.map((e) => e.action)).toEqual(["api_token.create", "api_token.revoke"]);
  });

  it("when a token has expired, then it is refused and listed as expired", async () => {
    const user = await env().user("auditor");
    const { id, token } = await makeToken(user);
    await env()
      .context.db.updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", id)
      .execute();
    expect((await withToken(token, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    const listed = (await env().request(user, { method: "GET", url: "/api/v1/auth/tokens" })).json().items as { id: string; status: string }[];
    expect(listed.find((t) => t.id === id)?.status).toBe("expired");
  });

  it("when the user is disabled, then their tokens are refused (and revoked)", async () => {
    const admin = await env().user("admin");
    const user = await env().user("approver", "DE");
    const { id, token } = await makeToken(user);
    const disabled = await env().request(admin, { method: "POST", url: `/api/v1/users/${user.actor.id}/disable` });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await withToken(token, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
    const row = await env().context.db.selectFrom("api_tokens").select("revoked_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it("when a bearer token is malformed or unknown, then the request is unauthenticated, even with a valid session cookie beside it", async () => {
    const user = await env().user("reporter", "DE");
    for (const authorization of [`Bearer rpt_${"A".repeat(43)}`, "Bearer not-a-token", "Bearer ", "bearer", `Bearer ${user.cookie}`]) {
      const response = await env().request(user, { method: "GET", url: "/api/v1/auth/me", headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
    }
  });

  it("when a browser sends another scheme's Authorization (a proxy's Basic prompt), then it is ignored and the session cookie decides", async () => {
    const user = await env().user("reporter", "DE");
    const headers = { authorization: "Basic dXNlcjpwYXNz" };
    expect((await env().request(user, { method: "GET", url: "/api/v1/auth/me", headers })).statusCode).toBe(200);
    expect((await env().request(null, { method: "GET", url: "/api/v1/auth/me", headers })).statusCode).toBe(401);
    const change = await env().request(user, { method: "POST", url: "/api/v1/auth/tokens", json: { name: "via proxy" }, headers, csrf: false });
    expect(change.json().error.code).toBe("csrf_failed"); // still a cookie request: the CSRF rule holds
  });

  it("when a token tries to make another token, then it is refused: new tokens need a signed-in session", async () => {
    const user = await env().user("analyst");
    const { token } = await makeToken(user);
    const response = await withToken(token, { method: "POST", url: "/api/v1/auth/tokens", json: { name: "offspring" } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("session_required");
  });

  it("when a user lists or revokes tokens, then they see and touch only their own", async () => {
    const owner = await env().user("reporter", "DE");
    const other = await env().user("reporter", "DE");
    const { id, token } = await makeToken(owner);
    expect(((await env().request(other, { method: "GET", url: "/api/v1/auth/tokens" })).json().items as unknown[]).length).toBe(0);
    expect((await env().request(other, { method: "POST", url: `/api/v1/auth/tokens/${id}/revoke` })).statusCode).toBe(404);
    expect((await withToken(token, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(200);
    // A token may revoke itself (a client that knows it leaked).
    expect((await withToken(token, { method: "POST", url: `/api/v1/auth/tokens/${id}/revoke` })).statusCode).toBe(200);
    expect((await withToken(token, { method: "GET", url: "/api/v1/auth/me" })).statusCode).toBe(401);
  });
});
