// The two cookies of a signed-in browser: the session (HttpOnly, so no script can read it) and
// its CSRF token (readable by our own pages' script, which echoes it in the X-CSRF-Token header of
// every change; another site can neither read it nor set the header). Both are SameSite and
// Secure when configured for TLS or when a trusted proxy says the request came over https.

export const SESSION_COOKIE = "rapporteur_session";
export const CSRF_COOKIE = "rapporteur_csrf";
export const CSRF_HEADER = "x-csrf-token";
/** Binds a single sign-on begun in this browser to its return (the state, also kept server-side). */
export const OIDC_STATE_COOKIE = "rapporteur_oidc";

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

interface CookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
}

function cookie(name: string, value: string, flags: string[], options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", ...flags, `Max-Age=${options.maxAgeSeconds}`];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

// Lax, not Strict: a link to the app from an e-mail should open it signed in. Writes are guarded
// by the CSRF token besides.
export function sessionCookie(value: string, options: CookieOptions): string {
  return cookie(SESSION_COOKIE, value, ["HttpOnly", "SameSite=Lax"], options);
}

// Not HttpOnly on purpose: the web app reads it to fill the header. It is worthless without the
// session cookie, which script cannot read.
export function csrfCookie(value: string, options: CookieOptions): string {
  return cookie(CSRF_COOKIE, value, ["SameSite=Strict"], options);
}

// Lax: it must come back with the provider's top-level redirect to the callback.
export function oidcStateCookie(value: string, options: CookieOptions): string {
  return cookie(OIDC_STATE_COOKIE, value, ["HttpOnly", "SameSite=Lax"], options);
}

export function clearedSessionCookies(options: { secure: boolean }): string[] {
  return [sessionCookie("", { ...options, maxAgeSeconds: 0 }), csrfCookie("", { ...options, maxAgeSeconds: 0 })];
}
