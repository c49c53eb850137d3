// The HTTP client under every API call: JSON in and out, the session cookie sent by the browser,
// the CSRF token echoed in a header on every change, and every error turned into an `ApiError`
// carrying the API's code, message and field issues.
import type { ApiErrorBody } from "./types.js";

export const CSRF_COOKIE = "rapporteur_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

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

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Who wants to hear that the session ended or needs a new password (the app shell). */
type SessionListener = (event: "signed_out" | "password_change_required") => void;
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

/** A query string from a record, leaving out empty values; arrays become comma-separated lists. */
export function queryString(query: Record<string, string | number | boolean | readonly string[] | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(","));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A file sent as the request body as it is (an upload), rather than as JSON. */
export class RawBody {
  constructor(
    readonly content: Blob,
    readonly contentType: string,
  ) {}
}

export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = body instanceof RawBody ? body.contentType : "application/json";
  if (method !== "GET") {
    const token = readCookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: "same-origin", ...(body === undefined ? {} : { body: body instanceof RawBody ? body.content : JSON.stringify(body) }) });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : null;
  if (response.ok) return json as T;
  const error = (json as ApiErrorBody | null)?.error;
  const apiError = new ApiError(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? `The server answered ${response.status}.`,
    error?.issues ?? [],
    error ?? null,
  );
  // A sign-in attempt's 401 is the form's business; anywhere else it means the session is over.
  if (response.status === 401 && !path.endsWith("/auth/login")) listeners.forEach((l) => l("signed_out"));
  if (response.status === 403 && apiError.code === "password_change_required") listeners.forEach((l) => l("password_change_required"));
  throw apiError;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
