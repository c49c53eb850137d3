// Single sign-on through an OpenID Connect provider, with openid-client (authorization code with
// PKCE S256; state and nonce checked and the ID token validated by the library). `start` keeps the
// state's hash, the nonce and the PKCE verifier in the database (any app server may receive the
// callback) for ten minutes and binds them to the browser with an HttpOnly cookie holding the
// state. The callback takes them once, exchanges the code and matches the account: by the
// provider's subject (issuer + sub) linked before, else by an e-mail address the provider says it
// has verified (and links the subject). Nobody is created unless the provider grants a role through
// the configured claim (OIDC_ROLE_CLAIM, mapped by OIDC_ROLE_MAP): never a role it did not grant.
// Then the same session as a password sign-in, second factor included.
import type { Kysely } from "kysely";
import * as oidc from "openid-client";
import type { OidcSettings } from "../../config.js";
import { nowIso } from "../../domain/clock.js";
import { AppError, ValidationError } from "../../domain/errors.js";
import { POST_ROLES, type Role } from "../../domain/vocabulary.js";
import type { Database, UserRow } from "../../db/types.js";
import type { SsoRefusal } from "../audit/actions.js";
import { recordAudit, type AuditEntry } from "../audit/audit.js";
import { findUserByEmail, findUserById } from "../users/index.js";
import type { UserService } from "../users/service.js";
import { randomSecret, sameSecret, sha256 } from "./credentials.js";
import { deleteExpiredOidcLogins, findOidcIdentity, insertOidcIdentity, insertOidcLogin, takeOidcLogin } from "./oidc-repo.js";
import type { AuthService, Client, SignedIn } from "./service.js";

const LOGIN_MINUTES = 10;
const SSO_ACTOR = { kind: "system", name: "single sign-on" } as const;

export type SsoOutcome = { signedIn: SignedIn } | { refused: SsoRefusal };

/** http:// is for a provider on this machine only (the tests'); openid-client refuses it otherwise. */
function onLoopback(url: URL): boolean {
  return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

export function oidcService(db: Kysely<Database>, settings: OidcSettings | null, deps: { auth: AuthService; users: UserService }) {
  // The provider's metadata and keys, discovered once per process (configuration, not shared state);
  // a failed discovery is tried again at the next sign-in.
  let discovered: Promise<oidc.Configuration> | null = null;
  function configuration(s: OidcSettings): Promise<oidc.Configuration> {
    const issuer = new URL(s.issuerUrl);
    discovered ??= oidc
      .discovery(issuer, s.clientId, s.clientSecret, undefined, onLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  }

  function enabled(): OidcSettings {
    if (!settings) throw new AppError(404, "sso_not_configured", "Single sign-on is not configured on this server.");
    return settings;
  }

  /** Where to send the browser, and the state to bind to it in a cookie. */
  async function start(): Promise<{ location: string; state: string }> {
    const s = enabled();
    const config = await configuration(s).catch(() => {
      throw new AppError(503, "sso_unavailable", "The identity provider does not answer at the moment; try again later or sign in with your password.");
    });
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    const now = Date.now();
    await deleteExpiredOidcLogins(db, new Date(now).toISOString());
    await insertOidcLogin(db, { state_hash: sha256(state), code_verifier: verifier, nonce, expires_at: new Date(now + LOGIN_MINUTES * 60_000).toISOString() });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: s.redirectUrl,
      scope: "openid email profile",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return { location: url.href, state };
  }

  async function refuse(
    reason: SsoRefusal,
    client: Client,
    claims: { iss?: string; sub?: string; email?: unknown } = {},
    detail?: string,
  ): Promise<SsoOutcome> {
    const s = enabled();
    const email = typeof claims.email === "string" ? claims.email : null;
    await db.transaction().execute((trx) =>
      recordAudit(trx, null, {
        action: "auth.sso_refused",
        entityType: "login",
        entityId: claims.sub ?? "(no subject)",
        after: { reason, issuer: claims.iss ?? s.issuerUrl, subject: claims.sub ?? null, email, ip: client.ip, ...(detail ? { detail } : {}) },
      }),
    );
    return { refused: reason };
  }

  /**
   * The provider's answer (`query`: the callback's query string), checked against the sign-in this
   * browser began (`cookieState`); a session, or why not.
   */
  async function callback(query: string, cookieState: string | undefined, client: Client): Promise<SsoOutcome> {
    const s = enabled();
    const answer = new URL(s.redirectUrl);
    answer.search = query;
    const state = answer.searchParams.get("state") ?? "";
    if (!state || !cookieState || !sameSecret(state, cookieState)) return refuse("failed", client, {}, "the state is not the one this browser began with");
    const begun = await takeOidcLogin(db, sha256(state));
    if (!begun || Date.parse(begun.expires_at) <= Date.now()) return refuse("failed", client, {}, "no sign-in was begun with this state, or it has expired");
    let claims: oidc.IDToken;
    try {
      const tokens = await oidc.authorizationCodeGrant(await configuration(s), answer, {
        pkceCodeVerifier: begun.code_verifier,
        expectedState: state,
        expectedNonce: begun.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (error) {
      return refuse("failed", client, {}, error instanceof Error ? error.message.slice(0, 200) : "the provider's answer was refused");
    }
    const issuer = claims.iss;
    const subject = claims.sub;
    const email = typeof claims["email"] === "string" ? claims["email"].trim().toLowerCase() : null;
    const verified = claims["email_verified"] === true;

    const linkedId = await findOidcIdentity(db, issuer, subject);
    let user: UserRow | undefined = linkedId ? await findUserById(db, linkedId) : undefined;
    const link: AuditEntry[] = [];
    let linkNeeded = false;
    if (!user && email) {
      const byEmail = await findUserByEmail(db, email);
      if (byEmail && !verified) return refuse("email_unverified", client, claims);
      if (byEmail) {
        user = byEmail;
        linkNeeded = true;
        link.push({ action: "auth.sso_link", entityType: "user", entityId: byEmail.id, after: { issuer, subject, email } });
      }
    }
    if (!user) {
      const role = grantedRole(s, claims);
      if (!role || !email || !verified) return refuse("no_account", client, claims);
      const post = POST_ROLES.includes(role) ? claims[s.postClaim] : undefined;
      try {
        const created = await deps.users.createUser(SSO_ACTOR, {
          email,
          name: typeof claims["name"] === "string" && claims["name"].trim() !== "" ? claims["name"].trim().slice(0, 120) : email,
          role,
          ...(typeof post === "string" ? { post } : {}),
          // Never told to anyone: this account signs in through the provider (an admin may reset it).
          password: randomSecret(),
        });
        user = (await findUserById(db, created.id))!;
        link.push({ action: "auth.sso_create", entityType: "user", entityId: user.id, after: { ...created, issuer, subject, granted: role } });
      } catch (error) {
        if (error instanceof ValidationError) return refuse("unknown_post", client, claims, error.issues.map((i) => `${i.path}: ${i.message}`).join("; "));
        throw error;
      }
      linkNeeded = true;
    }
    if (user.disabled_at !== null) return refuse("disabled", client, claims);
    if (user.locked_until !== null && Date.parse(user.locked_until) > Date.now()) return refuse("locked", client, claims);
    const account = user;
    const signedIn = await deps.auth.openSession(account, client, "sso", async (trx) => {
      if (linkNeeded) await insertOidcIdentity(trx, { issuer, subject, user_id: account.id, created_at: nowIso() });
      return link;
    });
    return { signedIn };
  }

  return { enabled: settings !== null, providerName: settings?.providerName ?? null, start, callback };
}

/** The Rapporteur role the provider grants through the role claim (a value or a list of values), if any. */
function grantedRole(s: OidcSettings, claims: oidc.IDToken): Role | null {
  if (!s.roleClaim) return null;
  const value = claims[s.roleClaim];
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) if (typeof v === "string" && Object.hasOwn(s.roleMap, v)) return s.roleMap[v]!;
  return null;
}

export type OidcService = ReturnType<typeof oidcService>;
