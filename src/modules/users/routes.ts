// User administration routes: administrators manage accounts; auditors may read them.
import { defineRoute, type RouteTable } from "../../http/route.js";
import { adminUserOutput, userCreateInput, userIdParams, userList, userListQuery, userPatch, userWithPassword } from "./schema.js";
import type { UserService } from "./service.js";

export function userRoutes(users: UserService) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/users",
      summary: "List user accounts by e-mail, with filters (administrators and auditors)",
      tag: "users",
      access: "user",
      query: userListQuery,
      response: userList,
      errors: [403],
      handler: ({ actor, query }) => users.listUsers(actor, query),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/users",
      summary: "Create a user account; without a password a one-time one is returned once (administrators)",
      tag: "users",
      access: "user",
      body: userCreateInput,
      response: userWithPassword,
      status: 201,
      errors: [403],
      handler: ({ actor, body }) => users.createAccount(actor, body),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/users/:id",
      summary: "One user account (administrators and auditors)",
      tag: "users",
      access: "user",
      params: userIdParams,
      response: adminUserOutput,
      errors: [403, 404],
      handler: ({ actor, params }) => users.getUser(actor, params.id),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/v1/users/:id",
      summary: "Change a user's name, role or post (administrators; not your own role)",
      tag: "users",
      access: "user",
      params: userIdParams,
      body: userPatch,
      response: adminUserOutput,
      errors: [403, 404],
      handler: ({ actor, params, body }) => users.updateUser(actor, params.id, body),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/users/:id/disable",
      summary: "Disable an account: it cannot sign in, and its sessions and API tokens end now (administrators; not your own)",
      tag: "users",
      access: "user",
      params: userIdParams,
      response: adminUserOutput,
      errors: [403, 404],
      handler: ({ actor, params }) => users.disableUser(actor, params.id),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/users/:id/enable",
      summary: "Enable a disabled account again (administrators)",
      tag: "users",
      access: "user",
      params: userIdParams,
      response: adminUserOutput,
      errors: [403, 404],
      handler: ({ actor, params }) => users.enableUser(actor, params.id),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/users/:id/reset-password",
      summary: "Reset a user's password to a one-time one, shown once; their sessions and API tokens end (administrators)",
      tag: "users",
      access: "user",
      params: userIdParams,
      response: userWithPassword,
      errors: [403, 404],
      handler: ({ actor, params }) => users.resetPassword(actor, params.id),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/users/:id/reset-second-factor",
      summary: "Remove a user's second factor (a lost phone); their sessions end and they set up a new one at the next sign-in (administrators)",
      tag: "users",
      access: "user",
      params: userIdParams,
      response: adminUserOutput,
      errors: [403, 404],
      handler: ({ actor, params }) => users.resetSecondFactor(actor, params.id),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type UserRoutes = RouteTable<ReturnType<typeof userRoutes>>;
