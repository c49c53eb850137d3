import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWebApp } from "./web.js";

/** A Fastify app with one API route and the web app served from `directory`. */
async function appServing(directory: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.get("/api/v1/ping", async () => ({ pong: true }));
  registerWebApp(app, { directory });
  await app.ready();
  return app;
}

describe("serving the built web app", () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rapporteur-web-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>');
    writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log('app')");
    writeFileSync(join(dir, "assets", "index-def456.css"), "body{}");
    writeFileSync(join(dir, ".build-info.json"), "{}");
    app = await appServing(dir);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("when / is asked for, then index.html is served, revalidated every time, under the app's CSP", async () => {
    const response = await app.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.body).toContain("/assets/index-abc123.js");
  });

  it("when an app path is reloaded (/incidents/…?q=…), then index.html answers, so the app's router takes over", async () => {
    for (const url of ["/incidents", "/incidents/0193a1a2-0000-7000-8000-000000000000/edit", "/review?state=cleared", "/index.html"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain("<!doctype html>");
    }
  });

  it("when a hashed asset is asked for, then it is cached for a year as immutable, with its type", async () => {
    const script = await app.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const css = await app.inject({ method: "GET", url: "/assets/index-def456.css" });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
  });

  it("when the browser already has the page (If-None-Match), then it answers 304 without a body", async () => {
    const first = await app.inject({ method: "GET", url: "/" });
    const again = await app.inject({ method: "GET", url: "/", headers: { "if-none-match": first.headers["etag"] as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("when a file that is not in the build is asked for, then it is a 404, never the app's HTML", async () => {
    for (const url of ["/assets/index-old999.js", "/favicon.ico", "/.build-info.json", "/../package.json", "/package.json", "/src/app.ts"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain("<!doctype html>");
    }
  });

  it("when an API path is asked for, then the API answers, known route or not", async () => {
    expect((await app.inject({ method: "GET", url: "/api/v1/ping" })).json()).toEqual({ pong: true });
    const missing = await app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain("<!doctype html>");
  });

  it("when a change is sent to an app path, then the web app does not answer it", async () => {
    const response = await app.inject({ method: "POST", url: "/incidents", payload: {} });
    expect(response.statusCode).toBe(404);
  });
});

describe("serving without a build", () => {
  it("when dist/web has no index.html, then every app path explains how to build it and the API still answers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rapporteur-web-empty-"));
    const app = await appServing(dir);
    try {
      const page = await app.inject({ method: "GET", url: "/dashboard" });
      expect(page.statusCode).toBe(503);
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(page.body).toContain("npm run build:web");
      expect((await app.inject({ method: "GET", url: "/api/v1/ping" })).statusCode).toBe(200);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
