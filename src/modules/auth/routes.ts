// Sign-in routes: login sets the session cookie, logout clears it, me says who is signed in.
import { z } from "zod";
import { defineRoute, type RouteSpec } from "../../http/route.js";
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from "../../http/cookies.js";
import { userOutput } from "../users/schema.js";
import type { AuthService } from "./service.js";

const loginInput = z
  .strictObject({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) })
  .meta({ example: { email: "admin@rapporteur.local", password: "the one-time password printed at first start" } });

export function authRoutes(auth: AuthService, cookie: { secure: (request: import("fastify").FastifyRequest) => boolean }): RouteSpec[] {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/login",
      summary: "Sign in; sets an HttpOnly session cookie and returns the user",
      tag: "auth",
      access: "public",
      body: loginInput,
      response: userOutput,
      errors: [401],
      async handler({ body, request, reply }) {
        const { token, user, expiresAt } = await auth.login(body.email, body.password);
        const maxAgeSeconds = Math.floor((Date.parse(expiresAt) - Date.now()) / 1000);
        reply.header("set-cookie", sessionCookie(token, { secure: cookie.secure(request), maxAgeSeconds }));
        return user;
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/auth/logout",
      summary: "Sign out: ends the session",
      tag: "auth",
      access: "user",
      response: z.object({ signed_out: z.literal(true) }),
      async handler({ actor, request, reply }) {
        await auth.logout(actor!, readCookie(request.headers.cookie, SESSION_COOKIE) ?? "");
        reply.header("set-cookie", clearedSessionCookie({ secure: cookie.secure(request) }));
        return { signed_out: true as const };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/auth/me",
      summary: "The signed-in user",
      tag: "auth",
      access: "user",
      response: userOutput,
      handler: ({ actor }) => auth.me(actor!),
    }),
  ];
}
