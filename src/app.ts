// The HTTP application: Fastify with the routes of every module, one error shape, and the
// OpenAPI document generated from the same declarations. `buildApp` does not listen; the CLI's
// `serve` and the tests (through `inject`) decide what to do with it.
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from "fastify";
import type { Config } from "./config.js";
import type { AppContext } from "./context.js";
import { readCookie, SESSION_COOKIE } from "./http/cookies.js";
import { frameworkErrors, installErrorHandling } from "./http/errors.js";
import { buildOpenApi } from "./http/openapi.js";
import { registerRoutes, type RouteSpec } from "./http/route.js";
import { auditRoutes } from "./modules/audit/routes.js";
import { authRoutes } from "./modules/auth/routes.js";
import { healthRoutes } from "./modules/health/routes.js";
import { incidentRoutes } from "./modules/incidents/routes.js";
import { referenceRoutes } from "./modules/reference/routes.js";
import { sourceRoutes } from "./modules/sources/routes.js";
import { userRoutes } from "./modules/users/routes.js";

export interface AppOptions {
  config: Pick<Config, "BODY_LIMIT_BYTES" | "COOKIE_SECURE" | "TRUST_PROXY" | "LOG_LEVEL">;
  /** Check each response against its schema (on in tests). */
  validateResponses?: boolean;
  /** Called for every route Fastify registers (tests compare them with the OpenAPI document). */
  onRoute?: (route: RouteOptions) => void;
}

export function apiRoutes(context: AppContext, secure: (request: FastifyRequest) => boolean): RouteSpec[] {
  const { services } = context;
  return [
    ...healthRoutes(context.db, context.dialect),
    ...authRoutes(services.auth, { secure }),
    ...incidentRoutes(services.incidents),
    ...sourceRoutes(services.sources),
    ...referenceRoutes(services.reference),
    ...userRoutes(services.users),
    ...auditRoutes(services.audit),
  ];
}

export async function buildApp(context: AppContext, options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: { level: config.LOG_LEVEL, redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'] },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    frameworkErrors,
  });
  if (options.onRoute) app.addHook("onRoute", options.onRoute);
  installErrorHandling(app);

  const secure = (request: FastifyRequest) => config.COOKIE_SECURE || (config.TRUST_PROXY && request.protocol === "https");
  const routes = apiRoutes(context, secure);
  registerRoutes(app, routes, {
    validateResponses: options.validateResponses ?? false,
    async authenticate(request) {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE);
      return token ? context.services.auth.authenticate(token) : null;
    },
  });

  const openapi = buildOpenApi(routes);
  app.get("/api/openapi.json", async () => openapi);
  return app;
}
