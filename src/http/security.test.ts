import { expect, it } from "vitest";
import { buildApp } from "../app.js";
import { forEachDatabase, TEST_APP_CONFIG, type TestEnv } from "../testing/harness.js";
import { CSRF_COOKIE, SESSION_COOKIE } from "./cookies.js";
import { CONTENT_SECURITY_POLICY } from "./security.js";

forEachDatabase("security headers and cookie flags", (env) => {
  const expectSecurityHeaders = (headers: Record<string, unknown>, what: string) => {
    expect(headers["content-security-policy"], what).toBe(CONTENT_SECURITY_POLICY);
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["referrer-policy"], what).toMatch(/^(no-referrer|strict-origin-when-cross-origin|same-origin)$/);
    expect(headers["x-frame-options"], what).toBe("DENY");
    expect(headers["cross-origin-opener-policy"], what).toBe("same-origin");
  };

  it("when the policy is read, then it allows only our own origin and forbids framing, plugins, foreign bases and form targets", () => {
    expect(CONTENT_SECURITY_POLICY).toBe("default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'");
  });

  it("when anything under /api answers, success or error, then it carries the security headers and is not cached", async () => {
    const user = await env().user("reporter", "DE");
    const answers = {
      health: await env().request(null, { method: "GET", url: "/api/health" }),
      openapi: await env().request(null, { method: "GET", url: "/api/openapi.json" }),
      signedIn: await env().request(user, { method: "GET", url: "/api/v1/incidents" }),
      unauthenticated: await env().request(null, { method: "GET", url: "/api/v1/auth/me" }),
      invalid: await env().request(user, { method: "POST", url: "/api/v1/incidents", json: { title: 1 } }),
      malformed: await env().request(user, { method: "POST", url: "/api/v1/incidents", payload: "{", headers: { "content-type": "application/json" } }),
      unknownRoute: await env().request(null, { method: "GET", url: "/api/v1/nothing-here" }),
      badUrl: await env().request(null, { method: "GET", url: "/api/v1/incidents/%E0%A4%A" }),
      login: await env().request(null, { method: "POST", url: "/api/v1/auth/login", json: { email: user.email, password: user.password } }),
    };
    for (const [what, response] of Object.entries(answers)) {
      expectSecurityHeaders(response.headers, what);
      expect(response.headers["cache-control"], what).toBe("no-store");
      expect(response.headers["strict-transport-security"], what).toBeUndefined(); // plain HTTP here
    }
    expect(answers.unauthenticated.statusCode).toBe(401);
    expect(answers.unknownRoute.statusCode).toBe(404);
    expect(answers.badUrl.statusCode).toBe(400);
  });

  it("when a page outside /api answers, then it carries the security headers too", async () => {
    const response = await env().request(null, { method: "GET", url: "/" });
    expectSecurityHeaders(response.headers, "GET /");
  });

  async function withApp(
    config: Partial<typeof TEST_APP_CONFIG> | { COOKIE_SECURE: boolean; TRUST_PROXY: boolean },
    run: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<void>,
  ) {
    const app = await buildApp(env().context, { config: { ...TEST_APP_CONFIG, ...config } });
    try {
      await run(app);
    } finally {
      await app.close();
    }
  }

  async function signIn(e: TestEnv, app: Awaited<ReturnType<typeof buildApp>>, headers: Record<string, string> = {}) {
    const user = await e.user("analyst");
    return app.inject({ method: "POST", url: "/api/v1/auth/login", headers, payload: { email: user.email, password: user.password } });
  }

  const cookiesOf = (response: { headers: Record<string, unknown> }) => response.headers["set-cookie"] as string[];

  it("when COOKIE_SECURE is true, then both cookies are Secure and HSTS is sent", async () => {
    await withApp({ COOKIE_SECURE: true, TRUST_PROXY: false }, async (app) => {
      const response = await signIn(env(), app);
      expect(response.statusCode).toBe(200);
      const cookies = cookiesOf(response);
      expect(cookies.map((c) => c.split("=")[0]).sort()).toEqual([CSRF_COOKIE, SESSION_COOKIE].sort());
      for (const c of cookies) expect(c).toMatch(/; Secure(;|$)/);
      expect(cookies.find((c) => c.startsWith(SESSION_COOKIE))).toContain("HttpOnly");
      expect(response.headers["strict-transport-security"]).toBe("max-age=31536000");
    });
  });

  it("when COOKIE_SECURE is false, then the cookies are not Secure, whatever a client claims in X-Forwarded-Proto", async () => {
    await withApp({ COOKIE_SECURE: false, TRUST_PROXY: false }, async (app) => {
      const response = await signIn(env(), app, { "x-forwarded-proto": "https" });
      for (const c of cookiesOf(response)) expect(c).not.toContain("Secure");
      expect(response.headers["strict-transport-security"]).toBeUndefined();
    });
  });

  it("when TRUST_PROXY is true, then the cookies are Secure exactly when the proxy says the request came over https", async () => {
    await withApp({ COOKIE_SECURE: false, TRUST_PROXY: true }, async (app) => {
      const overHttps = await signIn(env(), app, { "x-forwarded-proto": "https" });
      for (const c of cookiesOf(overHttps)) expect(c).toMatch(/; Secure(;|$)/);
      expect(overHttps.headers["strict-transport-security"]).toBe("max-age=31536000");
      const overHttp = await signIn(env(), app, { "x-forwarded-proto": "http" });
      for (const c of cookiesOf(overHttp)) expect(c).not.toContain("Secure");
      expect(overHttp.headers["strict-transport-security"]).toBeUndefined();
    });
  });
});
