// Security headers on every response, errors and 404s included: what a browser may load and run
// (only our own origin; no plugins; never framed), no MIME sniffing, no referrer leaking record
// URLs to other sites, a window no other origin can script, and no caching of API answers (they
// hold records and personal data). A header a route set on purpose (the web app's own CSP or
// caching of hashed assets) is left as it is, except that /api answers are never cached.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export const CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

const HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

/** One year, as browsers' preload lists expect; sent only over https, where browsers heed it. */
const HSTS = "max-age=31536000";

function isApiPath(url: string): boolean {
  const path = url.split("?")[0]!;
  return path === "/api" || path.startsWith("/api/");
}

/**
 * The headers for an answer written straight to the socket, before any request exists (Node's HTTP
 * parser refused the bytes: http/errors.ts `clientErrorHandler`); `hsts` when the server is only
 * reached over https (COOKIE_SECURE).
 */
export function socketSecurityHeaders(hsts: boolean): Record<string, string> {
  return { ...HEADERS, "cache-control": "no-store", ...(hsts ? { "strict-transport-security": HSTS } : {}) };
}

/** Set the headers on a reply (for answers sent before any hook runs, such as a URL the router cannot decode). */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply, secure: (request: FastifyRequest) => boolean): void {
  for (const [name, value] of Object.entries(HEADERS)) {
    if (!reply.hasHeader(name)) reply.header(name, value);
  }
  if (isApiPath(request.url)) reply.header("cache-control", "no-store");
  if (secure(request) && !reply.hasHeader("strict-transport-security")) reply.header("strict-transport-security", HSTS);
}

export function installSecurityHeaders(app: FastifyInstance, options: { secure: (request: FastifyRequest) => boolean }): void {
  app.addHook("onSend", async (request, reply, payload) => {
    applySecurityHeaders(request, reply, options.secure);
    return payload;
  });
}
