// Serves the built web app (dist/web, made by `npm run build:web`, which `npm start` runs first) at /.
// Files are read into memory once at start: the app is a few hundred kilobytes, and serving only
// names found at start means no request path ever reaches the file system. Hashed assets are cached
// for a year (their names change when they do); index.html is revalidated every time. Any other
// path outside /api gets index.html, so the app's own routes survive a reload. Without a build, a
// page says how to make one instead of a bare 404.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

const WEB_BUILD_DIRECTORY = fileURLToPath(new URL("../../dist/web", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** What the browser may load: our own origin only; no inline script, no framing. */
const WEB_CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

interface WebFile {
  body: Buffer;
  contentType: string;
  etag: string;
  immutable: boolean;
}

/** Every file of the build by URL path ("/assets/index-3f2a.js"); dot-files (build bookkeeping) left out. */
function loadWebFiles(directory: string): Map<string, WebFile> | null {
  if (!existsSync(join(directory, "index.html"))) return null;
  const files = new Map<string, WebFile>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const body = readFileSync(path);
      const urlPath = `/${relative(directory, path).split(sep).join("/")}`;
      files.set(urlPath, {
        body,
        contentType: CONTENT_TYPES[extname(name)] ?? "application/octet-stream",
        etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
        immutable: urlPath.startsWith("/assets/"),
      });
    }
  };
  walk(directory);
  return files;
}

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rapporteur: the web app is not built</title></head>
<body><main><h1>The web app is not built</h1>
<p>The API is running (see <a href="/api/openapi.json">/api/openapi.json</a>), but the web app has not been built on this machine.</p>
<p>Run <code>npm run build:web</code> and restart, or start with <code>npm start</code>, which builds it when it is missing or out of date.</p>
</main></body></html>
`;

function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/**
 * Answer GET and HEAD requests outside /api from the build (an `onRequest` hook rather than a route,
 * so the API's route table and OpenAPI document stay the API's alone).
 */
export function registerWebApp(app: FastifyInstance, options: { directory?: string } = {}): void {
  const files = loadWebFiles(options.directory ?? WEB_BUILD_DIRECTORY);
  const index = files?.get("/index.html");

  const send = (request: FastifyRequest, reply: FastifyReply, file: WebFile, status = 200) => {
    reply
      .code(status)
      .header("content-type", file.contentType)
      .header("cache-control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache")
      .header("etag", file.etag)
      .header("x-content-type-options", "nosniff");
    if (file.contentType.startsWith("text/html")) {
      reply.header("content-security-policy", WEB_CONTENT_SECURITY_POLICY).header("referrer-policy", "same-origin").header("x-frame-options", "DENY");
    }
    if (status === 200 && request.headers["if-none-match"] === file.etag) return reply.code(304).send();
    return reply.send(file.body);
  };

  app.addHook("onRequest", async (request, reply) => {
    if (request.method !== "GET" && request.method !== "HEAD") return;
    const path = request.url.split("?")[0]!;
    if (isApiPath(path)) return;
    if (!files || !index) {
      return reply.code(503).header("content-type", "text/html; charset=utf-8").header("cache-control", "no-store").send(MISSING_BUILD_PAGE);
    }
    const file = files.get(path);
    if (file) return send(request, reply, file);
    // A missing file (an old hashed asset, a typo) is a 404, not the app: a script tag must never get HTML.
    if (extname(path) !== "" || path.startsWith("/assets/")) {
      return reply.code(404).header("content-type", "text/plain; charset=utf-8").header("cache-control", "no-store").send("Not found\n");
    }
    return send(request, reply, index);
  });
}
