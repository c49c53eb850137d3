// The OpenAPI 3.1 document, generated from the same route declarations and zod schemas that
// validate requests. Nothing here is written by hand except the envelope.
import { z } from "zod";
import { errorSchema } from "../modules/common/schema.js";
import { APP_VERSION } from "../version.js";
import { CSRF_COOKIE, SESSION_COOKIE } from "./cookies.js";
import type { RouteSpec } from "./route.js";

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is not valid; `issues` names each bad field",
  401: "Not signed in",
  403: "Signed in, but not allowed",
  404: "Not found (or not visible to you)",
  409: "Conflict: someone else saved first, or the action is not allowed in the record's state",
  413: "The request body is too large",
  414: "The URL is too long (a path parameter, or the whole URL)",
  415: "The request body is not of a media type this operation accepts (JSON, unless it says otherwise)",
  429: "Too many attempts; wait for the seconds in Retry-After",
  431: "The request headers are too large",
  503: "The database does not answer at the moment (database_unavailable), or on SQLite is held by another writer past a few seconds' wait (database_busy); try again after the seconds in Retry-After",
};

export function buildOpenApi(routes: RouteSpec[]) {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const json = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
      reused: "inline",
    }) as JsonSchema;
    delete json["$schema"];
    return json;
  };
  components["Error"] = convert(errorSchema, "output");

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z_]+)/g, "{$1}");
    const parameters = [...objectParameters(route.params, "path", convert), ...objectParameters(route.query, "query", convert)];
    // Any user route may answer 403: a change without its CSRF token, a one-time password not yet replaced.
    const errors = new Set([400, ...(route.access === "user" ? [401, 403] : []), ...(route.errors ?? [])]);
    if (route.body || route.upload) errors.add(415);
    // Answered before any route runs, whatever the route (http/errors.ts): a body, the URL or the
    // headers over their limits. And any route that asks the database may find it away.
    errors.add(413).add(414).add(431);
    if (route.usesDatabase !== false) errors.add(503);
    const responses: Record<string, unknown> = route.redirect
      ? { "303": { description: "See Other: the browser is sent on to the Location header's URL", headers: { Location: { schema: { type: "string" } } } } }
      : {
          [String(route.status ?? 200)]: {
            description: "Success",
            content: route.download
              ? Object.fromEntries(route.download.mediaTypes.map((type) => [type, { schema: { type: "string", contentMediaType: type } }]))
              : { "application/json": { schema: convert(route.response, "output") } },
          },
        };
    for (const status of [...errors].sort((a, b) => a - b)) {
      responses[String(status)] = {
        description: ERROR_DESCRIPTIONS[status] ?? "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: operationId(route),
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
      // A session cookie (with the CSRF header for changes) or an API token.
      ...(route.access === "user"
        ? { security: [route.method === "GET" ? { sessionCookie: [] } : { sessionCookie: [], csrfHeader: [] }, { apiToken: [] }] }
        : { security: [] }),
    };
    if (route.body) {
      const schema = convert(route.body, "input");
      const example = schema["example"] ?? (route.body.meta() as { example?: unknown } | undefined)?.example;
      operation["requestBody"] = {
        required: true,
        content: { "application/json": { schema, ...(example === undefined ? {} : { example }) } },
      };
    }
    if (route.upload) {
      const { mediaTypes, description, example } = route.upload;
      operation["requestBody"] = {
        required: true,
        description,
        content: Object.fromEntries(
          mediaTypes.map((type) => [
            type,
            {
              // A JSON file is a JSON document; anything else is the file's bytes.
              schema: type === "application/json" ? { type: "object" } : { type: "string", contentMediaType: type },
              ...(type === example.mediaType ? { example: example.body } : {}),
            },
          ]),
        ),
      };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Rapporteur API",
      version: APP_VERSION,
      description:
        "Posts record incidents with their sources; the bureau reviews, analyses and reports. Errors have one shape: " +
        '{"error": {"code", "message", "issues": [{"path", "message"}]}}.',
    },
    servers: [{ url: "/" }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "Set by POST /api/v1/auth/login." },
        csrfHeader: {
          type: "apiKey",
          in: "header",
          name: "X-CSRF-Token",
          description: `The value of the ${CSRF_COOKIE} cookie, on every change made with the session cookie.`,
        },
        apiToken: { type: "http", scheme: "bearer", description: "An API token (rpt_...) from POST /api/v1/auth/tokens." },
      },
    },
  };
}

function objectParameters(schema: z.ZodType | undefined, location: "path" | "query", convert: (s: z.ZodType, io: "input") => JsonSchema) {
  if (!schema) return [];
  const json = convert(schema, "input");
  const properties = (json["properties"] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json["required"] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function operationId(route: RouteSpec): string {
  const words = route.url
    .replace(/^\/api\/(v1\/)?/, "")
    .split("/")
    .map((part) => (part.startsWith(":") ? `by_${part.slice(1)}` : part));
  return [route.method.toLowerCase(), ...words].join("_").replace(/[^A-Za-z0-9_]/g, "_");
}
