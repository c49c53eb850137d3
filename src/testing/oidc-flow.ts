// Driving a single sign-on as a browser would, with plain HTTP: the app (through inject) sends the
// browser to the test provider, the provider's login form is filled in (fetch, redirects followed by
// hand with the provider's cookies), and the provider's redirect back is taken to the app's callback.
import type { LightMyRequestResponse } from "fastify";
import { CSRF_COOKIE, OIDC_STATE_COOKIE, SESSION_COOKIE } from "../http/cookies.js";
import type { TestEnv } from "./harness.js";

/** A browser's cookies for one site: name → value. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair] = header.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export interface SsoResult {
  /** The app's answer to the callback (a 303). */
  callback: LightMyRequestResponse;
  /** Where the app sent the browser. */
  location: string;
  /** The session's cookie header and CSRF token, when signed in. */
  session: { cookie: string; csrf: string } | null;
}

/**
 * Sign in through the provider as the account with this e-mail address. `tamper` changes the
 * provider's answer before the app sees it (a forged state, say); `stateCookie: false` brings it
 * back without the cookie the start set (another browser).
 */
export async function signInThroughProvider(
  env: TestEnv,
  login: string,
  options: { tamper?: (query: URLSearchParams) => void; stateCookie?: false } = {},
): Promise<SsoResult> {
  const start = await env.app.inject({ method: "GET", url: "/api/v1/auth/oidc/start" });
  if (start.statusCode !== 303) throw new Error(`the start of single sign-on answered ${start.statusCode} ${start.body}`);
  const stateCookie = start.cookies.find((c) => c.name === OIDC_STATE_COOKIE)!;
  const jar = new CookieJar();
  let url = new URL(start.headers.location as string);
  const provider = url.origin;
  // Through the provider until it sends the browser back to the app.
  for (let hops = 0; hops < 10 && url.origin === provider; hops++) {
    let response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(response.headers.getSetCookie());
    if (response.status === 200 && url.pathname.startsWith("/interaction/")) {
      response = await fetch(new URL(`${url.pathname}/login`, provider), {
        method: "POST",
        redirect: "manual",
        headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ login }).toString(),
      });
      jar.take(response.headers.getSetCookie());
    }
    const next = response.headers.get("location");
    if (!next) throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`);
    url = new URL(next, url);
  }
  const query = new URLSearchParams(url.search);
  options.tamper?.(query);
  const callback = await env.app.inject({
    method: "GET",
    url: `${url.pathname}?${query.toString()}`,
    headers: options.stateCookie === false ? {} : { cookie: `${OIDC_STATE_COOKIE}=${stateCookie.value}` },
  });
  const session = callback.cookies.find((c) => c.name === SESSION_COOKIE && c.value !== "");
  const csrf = callback.cookies.find((c) => c.name === CSRF_COOKIE && c.value !== "");
  return {
    callback,
    location: String(callback.headers.location ?? ""),
    session: session && csrf ? { cookie: `${SESSION_COOKIE}=${session.value}`, csrf: csrf.value } : null,
  };
}
