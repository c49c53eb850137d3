// A route is declared once, with its zod schemas, and that one declaration drives three things:
// request validation (here), the TypeScript types of the handler, and the OpenAPI document
// (openapi.ts). Handlers receive parsed input and the signed-in user, and return a presented value.
//
// Authentication happens here too: a user route needs a session cookie or an API token. A change
// (anything but GET) made with the session cookie must carry the session's CSRF token in the
// X-CSRF-Token header: the browser sends the cookie along with a request another site forges, but
// that site can neither read the token nor set the header. Token-authenticated requests need no
// CSRF token (a browser never sends a bearer token by itself).
//
// A route may take a file instead of JSON (`upload`): the handler then gets the body unread, once
// the caller is authenticated, has passed the CSRF check and sent a valid query, and the first byte
// is read when the handler opens it (after its service has checked permission), so a refused
// request never costs the server its upload. Its size is bounded on its own (UploadSpec.maxBytes:
// Content-Length up front, then counted as it arrives).
import { Transform, type Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import type { z } from "zod";
import { AppError, UnauthenticatedError, ValidationError, type IssueDetail } from "../domain/errors.js";
import type { UserActor } from "../modules/auth/actor.js";
import { sameSecret } from "../modules/auth/credentials.js";
import { CONTROL_CHARACTERS, LONE_SURROGATE } from "../modules/common/schema.js";
import { CSRF_HEADER } from "./cookies.js";
import { formatIssues, joinPath } from "../modules/common/issues.js";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type Method = "GET" | "POST" | "PATCH" | "PUT";

/**
 * A route's declaration. Its method and URL are kept as literal types (as are whether it takes an
 * upload), so that a module's list of routes is also a type the web client is typed from
 * (`RouteTable` below, src/web/api/routes.ts).
 */
export interface RouteSpec<
  B extends Schema | undefined = any,
  Q extends Schema | undefined = any,
  P extends Schema | undefined = any,
  R extends Schema = any,
  M extends Method = Method,
  U extends string = string,
  F extends UploadSpec | undefined = UploadSpec | undefined,
> {
  method: M;
  url: U;
  summary: string;
  tag: string;
  /** `public` routes need no session; `user` routes answer 401 without one. */
  access: "public" | "user";
  /**
   * Usable while the user must still replace a one-time password (who am I, change the password,
   * sign out); every other user route answers 403 password_change_required until then.
   */
  beforePasswordChange?: true;
  /** Usable while the session waits for its second factor (the code step, who am I, sign out); others answer 403 second_factor_required. */
  beforeSecondFactor?: true;
  /** Usable while the role requires a second factor the user has not set up (enrolment); others answer 403 second_factor_enrolment_required. */
  beforeSecondFactorEnrolment?: true;
  body?: B;
  /** The request body is a file of one of these media types, not JSON (see the top of this file). */
  upload?: F;
  /**
   * The answer is a file, not JSON: the handler returns `{file, filename, mediaType}` and the file
   * is sent as an attachment. `response` then only documents the JSON the file stands for.
   */
  download?: { mediaTypes: readonly string[] };
  /**
   * The answer sends the browser on (303 See Other): the handler returns `{location}` (a sign-in
   * at an identity provider and its way back). `response` then documents that object.
   */
  redirect?: true;
  query?: Q;
  params?: P;
  response: R;
  status?: 200 | 201 | 202;
  /** Errors this route may answer besides 400 (and 401 for user routes), for the OpenAPI document. */
  errors?: number[];
  /** false: the route never asks the database (liveness), so it never answers 503 database_unavailable. */
  usesDatabase?: false;
  /**
   * Where the issues a service raises point in the request. A service names a bad value within its
   * own input ("email", "sources.0.source_id", "" for all of it); by default that input is the body
   * when the route takes one (JSON or a file), else the query, else the path parameters.
   */
  issuesAt?: (path: string) => string;
  handler(input: {
    body: Out<B>;
    query: Out<Q>;
    params: Out<P>;
    /** An `upload` route's body, unread (null for other routes). */
    upload: Upload | null;
    actor: UserActor | null;
    /** How the actor proved who they are: a session cookie or an API token (null when nobody is signed in). */
    credential: Credential | null;
    request: FastifyRequest;
    reply: FastifyReply;
  }): Promise<z.input<R> | DownloadResult>;
}

/**
 * Identity helper that keeps the schemas' types flowing into the handler, and the method, URL and
 * schemas into the route's type (a part a route leaves out is `undefined`, not "any schema").
 */
export function defineRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema = Schema,
  const M extends Method = Method,
  const U extends string = string,
  F extends UploadSpec | undefined = undefined,
>(spec: RouteSpec<B, Q, P, R, M, U, F>): RouteSpec<B, Q, P, R, M, U, F> {
  return spec;
}

/**
 * What a client sends in a query string or a path: the keys the schema accepts, optional where the
 * schema lets them be left out, with the values as the schema parses them (a list as an array, a
 * flag as a boolean, a number as a number), which the client writes back as text.
 */
type WireFields<S> = S extends Schema ? { [K in keyof z.input<S>]: K extends keyof z.output<S> ? WireValue<z.input<S>[K], z.output<S>[K]> : never } : undefined;

// A value's type is what the schema takes, except where it takes text for something else: a
// comma-separated list (sent as an array), "true"/"false" (a boolean), or anything coerced (a number).
// Text parsed into something richer (a mapping's JSON, say) stays text.
type WireValue<I, O> = unknown extends I ? O : [NonNullable<O>] extends [readonly unknown[]] | [boolean] ? (NonNullable<I> extends string ? O : I) : I;

/** The types of one route, for a client: its path parameters, query, body and answer. */
interface RouteTypes<P, Q, B, R, F> {
  params: WireFields<P>;
  query: WireFields<Q>;
  /** JSON as the schema accepts it; `"upload"` for a route that takes a file (the client sends it as it is); `undefined` for none. */
  body: B extends Schema ? z.input<B> : F extends UploadSpec ? "upload" : undefined;
  response: R extends Schema ? z.output<R> : never;
}

/** A list of route declarations as a type: "METHOD /url" → that route's types. */
export type RouteTable<Routes extends readonly RouteSpec[]> = {
  [S in Routes[number] as S extends RouteSpec<any, any, any, any, infer M, infer U> ? `${M} ${U}` : never]: S extends RouteSpec<
    infer B,
    infer Q,
    infer P,
    infer R,
    any,
    any,
    infer F
  >
    ? RouteTypes<P, Q, B, R, F>
    : never;
};

type Credential = "session" | "token";

/** What a `download` route's handler returns. */
interface DownloadResult {
  file: Buffer;
  filename: string;
  mediaType: string;
}

export interface UploadSpec {
  /** Media types the body may have; any other answers 415. */
  mediaTypes: readonly string[];
  /** The largest body accepted, in bytes (413 beyond it). */
  maxBytes: number;
  /** The setting that decides `maxBytes`, named in the 413's message (UPLOAD_LIMIT_BYTES unless said). */
  limitSetting?: string;
  /** What the body is (for the OpenAPI document). */
  description: string;
  /** A body a freshly seeded database accepts, in one of `mediaTypes` (for the OpenAPI document and its tests). */
  example: { mediaType: string; body: string };
}

interface Upload {
  mediaType: string;
  /**
   * The body as it arrives, from the first call on (before it, not a byte is read, so a service
   * can check permission first); reading past `maxBytes` fails with a 413 AppError.
   */
  open(): Readable;
}

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
function unstorableTextIssues(location: string, value: unknown): IssueDetail[] {
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
  installStrictJsonParser(app);
  for (const route of routes) {
    if (!route.upload) {
      app.route(routeOptions(route, options));
      continue;
    }
    // In a scope of its own, whatever the content type, the body is passed on unread; the handler
    // decides (after authentication) whether it is acceptable.
    void app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
      scope.route(routeOptions(route, options));
    });
  }
}

/**
 * JSON bodies must be UTF-8 (RFC 8259). Fastify's own parser decodes leniently, turning each
 * invalid byte into U+FFFD, which would then be stored as if the client had sent it; here the bytes
 * are decoded strictly first (400 malformed_json on the first bad one) and then handed to Fastify's
 * parser, which keeps its handling of empty bodies and of __proto__ / constructor.prototype keys.
 */
function installStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  if (app.hasContentTypeParser("application/json")) app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError(400, "malformed_json", "The request body is not valid UTF-8 text; send JSON encoded as UTF-8."), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

function routeOptions(route: RouteSpec, options: RegisterOptions): RouteOptions {
  return {
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
      if (route.method !== "GET" && route.body === undefined && !route.upload && request.body !== undefined && request.body !== null) {
        issues.push({ path: "body", message: "this route takes no request body" });
      }
      const authentication = await options.authenticate(request, reply);
      if (route.access === "user") {
        if (authentication === null) throw new UnauthenticatedError();
        checkCsrf(route, authentication, request);
        checkSignInSteps(route, authentication.actor);
      }
      const body = parse("body", route.body, request.body);
      const uploaded = route.upload ? checkUpload(route.upload, request, issues) : null;
      if (issues.length > 0) throw new ValidationError(issues);
      const upload: Upload | null = uploaded && { mediaType: uploaded.mediaType, open: once(() => countBytes(route.upload!, uploaded.stream, reply)) };

      const actor = authentication?.actor ?? null;
      const credential = authentication?.credential ?? null;
      const result = await route.handler({ body, query, params, upload, actor, credential, request, reply }).catch((error: unknown) => {
        throw error instanceof AppError && error.issues.length > 0 ? error.withIssuesAt(route.issuesAt ?? inputLocation(route)) : error;
      });
      if (options.validateResponses && !route.download) {
        const checked = route.response.safeParse(result);
        if (!checked.success) {
          throw new Error(`response of ${route.method} ${route.url} does not match its schema: ${JSON.stringify(checked.error.issues)}`);
        }
      }
      if (route.download) {
        const { file, filename, mediaType } = result as unknown as DownloadResult;
        return reply.type(mediaType).header("content-disposition", contentDisposition(filename)).send(file);
      }
      if (route.redirect) return reply.redirect((result as { location: string }).location, 303);
      if (route.status) reply.code(route.status);
      return result;
    },
    // An upload refused before its body was read: close the connection rather than read the rest.
    ...(route.upload
      ? {
          onError: async (request: FastifyRequest, reply: FastifyReply) => {
            const stream = request.body as Readable | undefined;
            if (stream && typeof stream.readableEnded === "boolean" && !stream.readableEnded) reply.header("connection", "close");
          },
        }
      : {}),
  };
}

/**
 * A download's Content-Disposition: an attachment under its name, in ASCII for every client (other
 * characters, quotes and backslashes as "_"), and as UTF-8 too (RFC 6266) when it has others; a
 * header cannot carry them raw.
 */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (ascii === filename) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The default of `issuesAt`: the service's input is the body, the query or the parameters. */
function inputLocation(route: RouteSpec): (path: string) => string {
  const location = route.body || route.upload ? "body" : route.query ? "query" : route.params ? "params" : "body";
  return (path) => joinPath(location, path === "" ? [] : [path]);
}

/**
 * An upload's body, checked for its media type and declared size (415 and 413, after the caller
 * was authenticated). A request without a body adds an issue instead.
 */
function checkUpload(spec: UploadSpec, request: FastifyRequest, issues: IssueDetail[]): { stream: Readable; mediaType: string } | null {
  const stream = request.body as Readable | undefined | null;
  if (stream === undefined || stream === null) {
    issues.push({ path: "body", message: `send the file as the request body (${spec.mediaTypes.join(", ")})` });
    return null;
  }
  const mediaType = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (!spec.mediaTypes.includes(mediaType)) {
    throw new AppError(
      415,
      "unsupported_media_type",
      `Send the file as the request body with Content-Type ${spec.mediaTypes.join(", ")}${mediaType === "" ? "" : ` (not ${mediaType})`}.`,
    );
  }
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > spec.maxBytes) throw uploadTooLarge(spec);
  return { stream, mediaType };
}

const once = <T>(make: () => T): (() => T) => {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
};

/** The body passed through a counter that fails the stream with a 413 once it passes `maxBytes` (a chunked body declares no size). */
function countBytes(spec: UploadSpec, source: Readable, reply: FastifyReply): Readable {
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > spec.maxBytes) {
        reply.header("connection", "close");
        callback(uploadTooLarge(spec));
      } else callback(null, chunk);
    },
  });
  // `pipe`, not `pipeline`: after a 413 the request must stay open for the answer.
  source.on("error", (error) => counted.destroy(error));
  // A client that goes away mid-upload ends the request without an `end`: fail, do not wait.
  source.on("close", () => {
    if (!source.readableEnded) counted.destroy(new AppError(400, "bad_request", "The upload was cut off before its end."));
  });
  source.pipe(counted);
  return counted;
}

function uploadTooLarge(spec: UploadSpec): AppError {
  return new AppError(
    413,
    "payload_too_large",
    `The file is larger than the ${spec.maxBytes} bytes this server accepts (${spec.limitSetting ?? "UPLOAD_LIMIT_BYTES"}).`,
  );
}

/**
 * The steps of a sign-in still open, in order: the second factor's code, then a one-time password
 * replaced, then a second factor set up where the role requires one. Until each is done, only the
 * routes open for it answer.
 */
function checkSignInSteps(route: RouteSpec, actor: UserActor): void {
  if (actor.secondFactor === "pending") {
    if (!route.beforeSecondFactor) {
      throw new AppError(403, "second_factor_required", "Give the code from your authenticator app first (POST /api/v1/auth/second-factor/verify).");
    }
  } else if (actor.mustChangePassword) {
    if (!route.beforePasswordChange) {
      throw new AppError(
        403,
        "password_change_required",
        "Choose a new password first (POST /api/v1/auth/password): the one you signed in with was a one-time password.",
      );
    }
  } else if (actor.secondFactor === "enrolment_required" && !route.beforeSecondFactorEnrolment) {
    throw new AppError(
      403,
      "second_factor_enrolment_required",
      "Set up a second factor first (POST /api/v1/auth/second-factor/enrolment): your role requires one.",
    );
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
