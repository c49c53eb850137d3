// A route is declared once, with its zod schemas, and that one declaration drives three things:
// request validation (here), the TypeScript types of the handler, and the OpenAPI document
// (openapi.ts). Handlers receive parsed input and the signed-in user, and return a presented value.
//
// Authentication happens here too: a user route needs a session cookie or an API token. A change
// (anything but GET) made with the session cookie must carry the session's CSRF token in the
// X-CSRF-Token header: the browser sends the cookie along with a request another site forges, but
// that site can neither read the token nor set the header. Token-authenticated requests need no
// CSRF token (a browser never sends a bearer token by itself).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError, UnauthenticatedError, ValidationError, type IssueDetail } from "../domain/errors.js";
import type { UserActor } from "../modules/auth/actor.js";
import { sameSecret } from "../modules/auth/credentials.js";
import { CONTROL_CHARACTERS, LONE_SURROGATE } from "../modules/common/schema.js";
import { CSRF_HEADER } from "./cookies.js";
import { formatIssues, joinPath } from "./issues.js";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<B extends Schema | undefined = any, Q extends Schema | undefined = any, P extends Schema | undefined = any, R extends Schema = any> {
  method: "GET" | "POST" | "PATCH";
  url: string;
  summary: string;
  tag: string;
  /** `public` routes need no session; `user` routes answer 401 without one. */
  access: "public" | "user";
  /**
   * Usable while the user must still replace a one-time password (who am I, change the password,
   * sign out); every other user route answers 403 password_change_required until then.
   */
  beforePasswordChange?: true;
  body?: B;
  query?: Q;
  params?: P;
  response: R;
  status?: 200 | 201;
  /** Errors this route may answer besides 400 (and 401 for user routes), for the OpenAPI document. */
  errors?: number[];
  handler(input: {
    body: Out<B>;
    query: Out<Q>;
    params: Out<P>;
    actor: UserActor | null;
    /** How the actor proved who they are: a session cookie or an API token (null when nobody is signed in). */
    credential: Credential | null;
    request: FastifyRequest;
    reply: FastifyReply;
  }): Promise<z.input<R>>;
}

/** Identity helper that keeps the schemas' types flowing into the handler. */
export function defineRoute<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined, R extends Schema>(
  spec: RouteSpec<B, Q, P, R>,
): RouteSpec<B, Q, P, R> {
  return spec;
}

export type Credential = "session" | "token";

export interface Authentication {
  actor: UserActor;
  credential: Credential;
  /** For a session: the CSRF token bound to it (null for a session older than CSRF tokens). */
  csrfToken?: string | null;
}

export interface RegisterOptions {
  authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Authentication | null>;
  /** Check every response against its schema (tests): a presenter that drifts fails loudly. */
  validateResponses: boolean;
}

/**
 * Issues for every string in `value` (a request part its schema accepted) holding a character no
 * value a client sends may hold, whatever its schema says: control characters other than tab and
 * newlines, and unpaired UTF-16 surrogates. PostgreSQL refuses NUL in text (a 500 instead of a
 * 400), and neither database can store a lone surrogate (it silently becomes U+FFFD). `text()`
 * refuses them field by field; this is the net under the fields that are not `text()` (the login
 * e-mail and password, for one).
 */
export function unstorableTextIssues(location: string, value: unknown): IssueDetail[] {
  const issues: IssueDetail[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === "string") {
      if (CONTROL_CHARACTERS.test(v)) issues.push({ path: joinPath(location, path), message: "must not contain control characters" });
      else if (LONE_SURROGATE.test(v)) issues.push({ path: joinPath(location, path), message: "must be valid Unicode text (it has an unpaired surrogate)" });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    } else if (typeof v === "object" && v !== null) {
      for (const [key, item] of Object.entries(v)) stack.push({ value: item, path: [...path, key] });
    }
  }
  return issues.reverse();
}

export function registerRoutes(app: FastifyInstance, routes: RouteSpec[], options: RegisterOptions): void {
  // Request bodies are JSON. Fastify would otherwise parse text/plain into a string and the client
  // would get a confusing "expected object" instead of 415 Unsupported Media Type.
  if (app.hasContentTypeParser("text/plain")) app.removeContentTypeParser("text/plain");
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const issues: IssueDetail[] = [];
        const parse = (location: string, schema: Schema | undefined, value: unknown) => {
          if (!schema) return undefined;
          const result = schema.safeParse(value ?? (location === "body" ? undefined : {}));
          if (!result.success) {
            issues.push(...formatIssues(location, result.error.issues));
            return undefined;
          }
          issues.push(...unstorableTextIssues(location, value));
          return result.data;
        };
        const params = parse("params", route.params, request.params);
        const query = parse("query", route.query, request.query);
        if (route.method !== "GET" && route.body === undefined && request.body !== undefined && request.body !== null) {
          issues.push({ path: "body", message: "this route takes no request body" });
        }
        const authentication = await options.authenticate(request, reply);
        if (route.access === "user") {
          if (authentication === null) throw new UnauthenticatedError();
          checkCsrf(route, authentication, request);
          if (authentication.actor.mustChangePassword && !route.beforePasswordChange) {
            throw new AppError(403, "password_change_required", "Choose a new password first (POST /api/v1/auth/password): the one you signed in with was a one-time password.");
          }
        }
        const body = parse("body", route.body, request.body);
        if (issues.length > 0) throw new ValidationError(issues);

        const actor = authentication?.actor ?? null;
        const credential = authentication?.credential ?? null;
        const result = await route.handler({ body, query, params, actor, credential, request, reply });
        if (options.validateResponses) {
          const checked = route.response.safeParse(result);
          if (!checked.success) {
            throw new Error(`response of ${route.method} ${route.url} does not match its schema: ${JSON.stringify(checked.error.issues)}`);
          }
        }
        if (route.status) reply.code(route.status);
        return result;
      },
    });
  }
}

/** A change made with the session cookie must echo the session's CSRF token (see the top of this file). */
function checkCsrf(route: RouteSpec, authentication: Authentication, request: FastifyRequest): void {
  if (route.method === "GET" || authentication.credential !== "session") return;
  const sent = request.headers[CSRF_HEADER];
  const expected = authentication.csrfToken;
  if (typeof sent !== "string" || !expected || !sameSecret(sent, expected)) {
    throw new AppError(403, "csrf_failed", "The request lacks this session's CSRF token: send the rapporteur_csrf cookie's value in the X-CSRF-Token header.");
  }
}
