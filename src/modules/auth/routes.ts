// Sign-in routes: login sets the session and CSRF cookies, logout clears them, me says who is
// signed in, password changes your own; and your API tokens for machine clients.
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../domain/errors.js";
import { clearedSessionCookies, csrfCookie, OIDC_STATE_COOKIE, oidcStateCookie, readCookie, SESSION_COOKIE, sessionCookie } from "../../http/cookies.js";
import { defineRoute, type RouteTable } from "../../http/route.js";
import { userOutput } from "../users/schema.js";
import type { RateLimiter } from "./rate-limit.js";
import { apiTokenCreated, apiTokenInput, apiTokenList, apiTokenOutput, apiTokenParams, loginInput, passwordChangeInput } from "./schema.js";
import type { OidcService } from "./oidc.js";
import type { SecondFactorService } from "./second-factor.js";
import type { AuthService } from "./service.js";
import { accountOutput, enrolmentOutput, recoveryCodesOutput, secondFactorCodeInput, secondFactorStatus, signInOptions } from "./sign-in-schema.js";
import { bearerToken, type ApiTokenService } from "./tokens.js";

export interface AuthRouteOptions {
  /** Whether cookies set in answer to this request must be Secure. */
  secure: (request: FastifyRequest) => boolean;
  /** Sign-in attempts per client address. */
  loginLimiter: RateLimiter;
  /** Single sign-on (its routes answer 404 when it is not configured). */
  sso: OidcService;
}

/** 429 with Retry-After when this address has tried to sign in too often. */
async function slowDown(limiter: RateLimiter, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const verdict = await limiter.take(request.ip);
  if (verdict.allowed) return;
  reply.header("retry-after", String(verdict.retryAfterSeconds));
  request.log.warn({ ip: request.ip }, "sign-in rate limit reached");
  throw new AppError(429, "rate_limited", `Too many sign-in attempts from your address; try again in ${verdict.retryAfterSeconds} seconds.`);
}

const redirectTo = z.object({ location: z.string() });

export function authRoutes(auth: AuthService, tokens: ApiTokenService, secondFactor: SecondFactorService, options: AuthRouteOptions) {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/login",
      summary: "Sign in; sets an HttpOnly session cookie and a CSRF cookie, and returns the user",
      tag: "auth",
      access: "public",
      body: loginInput,
      response: accountOutput,
      errors: [401, 429],
      async handler({ body, request, reply }) {
        await slowDown(options.loginLimiter, request, reply);
        const { token, csrfToken, user, expiresAt } = await auth.login(body.email, body.password, { ip: request.ip });
        const cookie = { secure: options.secure(request), maxAgeSeconds: Math.floor((Date.parse(expiresAt) - Date.now()) / 1000) };
        reply.header("set-cookie", [sessionCookie(token, cookie), csrfCookie(csrfToken, cookie)]);
        return user;
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/logout",
      summary: "Sign out: ends the session; called with an API token, revokes that token",
      tag: "auth",
      access: "user",
      beforePasswordChange: true,
      beforeSecondFactor: true,
      beforeSecondFactorEnrolment: true,
      response: z.object({ signed_out: z.literal(true) }),
      async handler({ actor, credential, request, reply }) {
        if (credential === "token") {
          await tokens.revokeSecret(actor!, bearerToken(request.headers.authorization) ?? "");
          return { signed_out: true as const };
        }
        await auth.logout(actor!, readCookie(request.headers.cookie, SESSION_COOKIE) ?? "");
        reply.header("set-cookie", clearedSessionCookies({ secure: options.secure(request) }));
        return { signed_out: true as const };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/auth/me",
      summary: "The signed-in user, and the step of the sign-in still open (a second factor to give or to set up)",
      tag: "auth",
      access: "user",
      beforePasswordChange: true,
      beforeSecondFactor: true,
      beforeSecondFactorEnrolment: true,
      response: accountOutput,
      handler: ({ actor }) => auth.me(actor!),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/password",
      summary: "Change your password (give the current one); your other sessions end",
      tag: "auth",
      access: "user",
      beforePasswordChange: true,
      beforeSecondFactorEnrolment: true,
      body: passwordChangeInput,
      response: userOutput,
      async handler({ actor, body, request, credential }) {
        const session = credential === "session" ? readCookie(request.headers.cookie, SESSION_COOKIE) : undefined;
        return auth.changePassword(actor!, body, { ip: request.ip }, session);
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/auth/sign-in-options",
      summary: "What the sign-in page may offer besides the password: single sign-on, when configured",
      tag: "auth",
      access: "public",
      response: signInOptions,
      handler: async () => ({ sso: options.sso.providerName !== null ? { name: options.sso.providerName } : null }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/auth/oidc/start",
      summary: "Sign in through the identity provider: sends the browser there (authorization code with PKCE); 404 when single sign-on is not configured",
      tag: "auth",
      access: "public",
      redirect: true,
      response: redirectTo,
      errors: [404],
      async handler({ request, reply }) {
        const { location, state } = await options.sso.start();
        reply.header("set-cookie", oidcStateCookie(state, { secure: options.secure(request), maxAgeSeconds: 600 }));
        return { location };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/auth/oidc/callback",
      summary:
        "Where the identity provider sends the browser back (its query: code, state, and the like): signs in and goes on to the web app, or back to the sign-in page saying why not",
      tag: "auth",
      access: "public",
      redirect: true,
      response: redirectTo,
      errors: [404],
      async handler({ request, reply }) {
        const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
        const outcome = await options.sso.callback(query, readCookie(request.headers.cookie, OIDC_STATE_COOKIE), { ip: request.ip });
        const secure = options.secure(request);
        const cleared = oidcStateCookie("", { secure, maxAgeSeconds: 0 });
        if ("refused" in outcome) {
          reply.header("set-cookie", [cleared]);
          return { location: `/sign-in?sso=${outcome.refused}` };
        }
        const { token, csrfToken, expiresAt } = outcome.signedIn;
        const cookie = { secure, maxAgeSeconds: Math.floor((Date.parse(expiresAt) - Date.now()) / 1000) };
        reply.header("set-cookie", [sessionCookie(token, cookie), csrfCookie(csrfToken, cookie), cleared]);
        return { location: "/" };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/second-factor/verify",
      summary:
        "Complete a sign-in with the code of your authenticator app or a recovery code; a right code replaces the session (new session and CSRF cookies), wrong codes count towards the lockout",
      tag: "auth",
      access: "user",
      beforeSecondFactor: true,
      body: secondFactorCodeInput,
      response: accountOutput,
      errors: [409],
      async handler({ actor, body, request, reply }) {
        const session = readCookie(request.headers.cookie, SESSION_COOKIE) ?? "";
        const { token, csrfToken, user, expiresAt } = await auth.verifySecondFactor(actor!, session, body.code, { ip: request.ip });
        // A new session in place of the waiting one (service.ts verifySecondFactor).
        const cookie = { secure: options.secure(request), maxAgeSeconds: Math.floor((Date.parse(expiresAt) - Date.now()) / 1000) };
        reply.header("set-cookie", [sessionCookie(token, cookie), csrfCookie(csrfToken, cookie)]);
        return user;
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/auth/second-factor",
      summary: "Your second factor: whether it is on, whether your role requires it, recovery codes left",
      tag: "auth",
      access: "user",
      beforeSecondFactorEnrolment: true,
      response: secondFactorStatus,
      handler: ({ actor }) => secondFactor.status(actor!),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/second-factor/enrolment",
      summary: "Start setting up a second factor: a new TOTP secret for your authenticator app (nothing changes until you confirm a code)",
      tag: "auth",
      access: "user",
      beforeSecondFactorEnrolment: true,
      response: enrolmentOutput,
      errors: [409],
      handler: ({ actor }) => secondFactor.startEnrolment(actor!),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/second-factor/enrolment/confirm",
      summary: "Turn the second factor on with a code from the new secret; returns ten recovery codes, shown once",
      tag: "auth",
      access: "user",
      beforeSecondFactorEnrolment: true,
      body: secondFactorCodeInput,
      response: recoveryCodesOutput,
      errors: [409],
      handler: ({ actor, body }) => secondFactor.confirmEnrolment(actor!, body.code),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/second-factor/disable",
      summary: "Turn your second factor off (give a current code); refused where your role requires one",
      tag: "auth",
      access: "user",
      body: secondFactorCodeInput,
      response: secondFactorStatus,
      errors: [409],
      handler: ({ actor, body }) => secondFactor.disable(actor!, body.code),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/second-factor/recovery-codes",
      summary: "New recovery codes in place of the old ones, shown once",
      tag: "auth",
      access: "user",
      response: recoveryCodesOutput,
      errors: [409],
      handler: ({ actor }) => secondFactor.regenerateRecoveryCodes(actor!),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/tokens",
      summary: "Make an API token for yourself (the secret is shown once); needs a signed-in session",
      tag: "auth",
      access: "user",
      body: apiTokenInput,
      response: apiTokenCreated,
      status: 201,
      errors: [403],
      handler: ({ actor, body, credential }) => tokens.create(actor!, body, credential!),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/auth/tokens",
      summary: "Your API tokens, newest first (never their secrets)",
      tag: "auth",
      access: "user",
      response: apiTokenList,
      handler: ({ actor }) => tokens.list(actor!),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/tokens/:id/revoke",
      summary: "Revoke one of your API tokens; it stops working at once and stays listed as revoked",
      tag: "auth",
      access: "user",
      params: apiTokenParams,
      response: apiTokenOutput,
      errors: [404],
      handler: ({ actor, params }) => tokens.revoke(actor!, params.id),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type AuthRoutes = RouteTable<ReturnType<typeof authRoutes>>;
