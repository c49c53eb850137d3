// The HTTP client under every API call, generic over the route table (routes.ts): `api("GET
// /incidents/:id", { params: { id } })` builds the URL from the route's key, sends the query and body
// its schemas accept and answers what its response schema gives, so a call is typed end to end from
// the server's own declarations. JSON in and out, the session cookie sent by the browser, the CSRF
// token echoed in a header on every change (names shared with the server, http/cookies.ts), and
// every error turned into an `ApiError` carrying the API's code, message and field issues.
//
// The answer is typed from the schema, not checked against it at run time: the schemas stay on the
// server (bundling them would bring server modules into the page), and the server's tests check every
// answer against its schema (validateResponses).
import { CSRF_COOKIE, CSRF_HEADER } from "../../http/cookies.js";
import { API_PREFIX, type ApiResponse, type ApiRoute, type ApiRoutes } from "./routes.js";
import { queryString, type QueryValue } from "./query-string.js";
import type { ApiErrorBody } from "./types.js";

export { queryString };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
    readonly body: ApiErrorBody["error"] | null = null,
  ) {
    super(message);
  }
}

/** Who wants to hear that the session ended or needs a new password (the app shell). */
type SessionListener = (event: "signed_out" | "password_change_required" | "second_factor_required") => void;
const listeners = new Set<SessionListener>();
export function onSessionEvent(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** A file sent as the request body as it is (an upload), rather than as JSON. */
export class RawBody {
  constructor(
    readonly content: Blob,
    readonly contentType: string,
  ) {}
}

type Types<K extends ApiRoute> = ApiRoutes[K];
// Each part a route has is asked for; a query whose every field may be left out may itself be.
type ParamsPart<T> = T extends { params: infer P } ? ([P] extends [undefined] ? {} : { params: P }) : {};
type QueryPart<T> = T extends { query: infer Q } ? ([Q] extends [undefined] ? {} : {} extends Q ? { query?: Q } : { query: Q }) : {};
type BodyPart<T> = T extends { body: infer B } ? ([B] extends [undefined] ? {} : [B] extends ["upload"] ? { body: RawBody } : { body: B }) : {};
/** What a call to route K takes besides its key. */
type ApiRequest<K extends ApiRoute> = ParamsPart<Types<K>> & QueryPart<Types<K>> & BodyPart<Types<K>>;
type Rest<K extends ApiRoute> = {} extends ApiRequest<K> ? [request?: ApiRequest<K>] : [request: ApiRequest<K>];

interface AnyRequest {
  params?: Record<string, string | number>;
  query?: { [key: string]: QueryValue };
  body?: unknown;
}

/** The URL of a route with its parameters and query filled in (for a link to a download, say). */
export function apiUrl<K extends ApiRoute>(route: K, ...[request]: Rest<K>): string {
  const { params, query } = (request ?? {}) as AnyRequest;
  const template = route.slice(route.indexOf(" ") + 1);
  const path = template.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${route}: the parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
  return `${API_PREFIX}${path}${query ? queryString(query) : ""}`;
}

/** Call route K: "GET /incidents/:id" with `{ params: { id } }`, and so on. */
export async function api<K extends ApiRoute>(route: K, ...rest: Rest<K>): Promise<ApiResponse<K>> {
  const method = route.slice(0, route.indexOf(" "));
  const url = apiUrl(route, ...rest);
  const body = (rest[0] as AnyRequest | undefined)?.body;
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = body instanceof RawBody ? body.contentType : "application/json";
  if (method !== "GET") {
    const token = readCookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body: body instanceof RawBody ? body.content : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : null;
  // Typed by the route's response schema (see the top of this file).
  if (response.ok) return json as ApiResponse<K>;
  const error = (json as ApiErrorBody | null)?.error;
  const apiError = new ApiError(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? `The server answered ${response.status}.`,
    error?.issues ?? [],
    error ?? null,
  );
  // A sign-in attempt's 401 is the form's business; anywhere else it means the session is over.
  if (response.status === 401 && route !== "POST /auth/login") listeners.forEach((l) => l("signed_out"));
  if (response.status === 403 && apiError.code === "password_change_required") listeners.forEach((l) => l("password_change_required"));
  if (response.status === 403 && (apiError.code === "second_factor_required" || apiError.code === "second_factor_enrolment_required")) {
    listeners.forEach((l) => l("second_factor_required"));
  }
  throw apiError;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
