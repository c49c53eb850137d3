// The HTTP application: Fastify with the routes of every module, one error shape, and the
// OpenAPI document generated from the same declarations. `buildApp` does not listen; the CLI's
// `serve` and the tests (through `inject`) decide what to do with it. Every response carries the
// security headers (http/security.ts); a user route is reached with a session cookie (and, for
// changes, its CSRF token) or with an API token (`Authorization: Bearer rpt_...`).
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from "fastify";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { readCookie, SESSION_COOKIE } from "./http/cookies.js";
import { clientErrorHandler, frameworkErrors, installErrorHandling } from "./http/errors.js";
import { buildOpenApi } from "./http/openapi.js";
import { registerRoutes, type Authentication, type RouteSpec } from "./http/route.js";
import { applySecurityHeaders, installSecurityHeaders } from "./http/security.js";
import { registerWebApp } from "./http/web.js";
import { analysisRoutes } from "./modules/analysis/routes.js";
import { reportRoutes } from "./modules/reports/routes.js";
import { auditRoutes } from "./modules/audit/routes.js";
import { fixedWindowLimiter, type RateLimiter } from "./modules/auth/rate-limit.js";
import { authRoutes } from "./modules/auth/routes.js";
import { bearerToken } from "./modules/auth/tokens.js";
import { healthRoutes } from "./modules/health/routes.js";
import { incidentRoutes } from "./modules/incidents/routes.js";
import { jobRoutes } from "./modules/jobs/routes.js";
import { notificationRoutes } from "./modules/notifications/routes.js";
import { postRoutes } from "./modules/posts/routes.js";
import { taskingRoutes } from "./modules/taskings/routes.js";
import { engagementRoutes } from "./modules/engagements/routes.js";
import { DEFAULT_ATTACHMENT_LIMIT_BYTES } from "./modules/files/index.js";
import { taxonomyRoutes } from "./modules/taxonomy/routes.js";
import { referenceRoutes } from "./modules/reference/routes.js";
import { sourceRoutes } from "./modules/sources/routes.js";
import { statsRoutes } from "./modules/stats/routes.js";
import { userRoutes } from "./modules/users/routes.js";

export interface AppOptions {
  /** ATTACHMENT_LIMIT_BYTES may be left out (the benchmark's servers): then its default holds. */
  config: Pick<Config, "BODY_LIMIT_BYTES" | "UPLOAD_LIMIT_BYTES" | "COOKIE_SECURE" | "TRUST_PROXY" | "LOG_LEVEL" | "LOGIN_RATE_LIMIT"> &
    Partial<Pick<Config, "ATTACHMENT_LIMIT_BYTES">>;
  /** Check each response against its schema (on in tests). */
  validateResponses?: boolean;
  /** Called for every route Fastify registers (tests compare them with the OpenAPI document). */
  onRoute?: (route: RouteOptions) => void;
}

interface HttpOptions {
  /** Whether cookies set in answer to this request must be Secure. */
  secure: (request: FastifyRequest) => boolean;
  loginLimiter: RateLimiter;
  /** The largest statistics file an upload may send (UPLOAD_LIMIT_BYTES). */
  uploadLimitBytes: number;
  /** The largest attachment (ATTACHMENT_LIMIT_BYTES). */
  attachmentLimitBytes: number;
}

function apiRoutes(context: AppContext, http: HttpOptions): RouteSpec[] {
  const { services } = context;
  return [
    ...healthRoutes(context.db, context.dialect),
    ...authRoutes(services.auth, services.tokens, services.secondFactor, { ...http, sso: services.oidc }),
    ...incidentRoutes(services.incidents),
    ...sourceRoutes(services.sources),
    ...referenceRoutes(services.reference),
    ...userRoutes(services.users),
    ...postRoutes(services.posts),
    ...taxonomyRoutes(services.taxonomy),
    ...taskingRoutes(services.taskings),
    ...engagementRoutes(services.engagements, { attachmentLimitBytes: http.attachmentLimitBytes }),
    ...auditRoutes(services.audit),
    ...analysisRoutes(services.analysis),
    ...statsRoutes(services.stats, { uploadLimitBytes: http.uploadLimitBytes }),
    ...reportRoutes(services.reports),
    ...jobRoutes(services.jobs),
    ...notificationRoutes(services.notifications),
  ];
}

export async function buildApp(context: AppContext, options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const secure = (request: FastifyRequest) => config.COOKIE_SECURE || (config.TRUST_PROXY && request.protocol === "https");
  const app = Fastify({
    logger: { level: config.LOG_LEVEL, redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'] },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    // While shutting down (cli/serve-shutdown.ts), a request that still arrives on an open
    // connection is served within the grace period, not refused with Fastify's bare 503.
    return503OnClosing: false,
    // Node's HTTP parser's refusals (malformed request, headers or URL over the limit) come before
    // any request exists: answered on the socket in the envelope, with the headers.
    clientErrorHandler: clientErrorHandler({ hsts: config.COOKIE_SECURE }),
    // The router's own errors are answered before any hook runs: give them the headers here.
    frameworkErrors(error, request, reply) {
      applySecurityHeaders(request, reply, secure);
      frameworkErrors(error, request, reply);
    },
  });
  if (options.onRoute) app.addHook("onRoute", options.onRoute);
  installErrorHandling(app);
  installSecurityHeaders(app, { secure });
  // Counted in the database: every app server on it shares the limit, as it shares the lockout.
  const loginLimiter = fixedWindowLimiter(context.db, { limit: config.LOGIN_RATE_LIMIT, windowMs: 60_000 });
  const routes = apiRoutes(context, {
    secure,
    loginLimiter,
    uploadLimitBytes: config.UPLOAD_LIMIT_BYTES,
    attachmentLimitBytes: config.ATTACHMENT_LIMIT_BYTES ?? DEFAULT_ATTACHMENT_LIMIT_BYTES,
  });
  registerRoutes(app, routes, {
    validateResponses: options.validateResponses ?? false,
    authenticate: (request) => authenticate(context, request),
  });

  const openapi = buildOpenApi(routes);
  app.get("/api/openapi.json", async () => openapi);
  registerWebApp(app);
  return app;
}

/**
 * Who is calling: an `Authorization: Bearer` header means an API token and nothing else (a wrong
 * one is not rescued by a cookie); otherwise the session cookie, with its CSRF token for route.ts
 * to check. Other schemes (Basic from a proxy's password prompt, say) are not ours and are ignored.
 */
async function authenticate(context: AppContext, request: FastifyRequest): Promise<Authentication | null> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined && /^Bearer(\s|$)/i.test(authorization)) {
    const bearer = bearerToken(authorization);
    const actor = bearer ? await context.services.tokens.authenticate(bearer) : null;
    return actor && { actor, credential: "token" };
  }
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  const session = token ? await context.services.auth.authenticate(token) : null;
  return session && { actor: session.actor, credential: "session", csrfToken: session.csrfToken };
}
