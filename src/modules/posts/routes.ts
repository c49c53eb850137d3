// Posts administration routes (admins). Listing posts is reference data: GET /api/v1/posts.
import { defineRoute, type RouteTable } from "../../http/route.js";
import { z } from "zod";
import { postBatchInput, postCodeParams, postInput, postOutput, postPatch } from "./schema.js";
import type { PostService } from "./service.js";

export function postRoutes(posts: PostService) {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/posts",
      summary: "Open an embassy in a host country (admins); its code is the country's alpha-2 code",
      tag: "posts",
      access: "user",
      body: postInput,
      response: postOutput,
      status: 201,
      errors: [403, 409],
      handler: ({ actor, body }) => posts.createPost(actor, body),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/posts/batch",
      summary: "Open embassies in many host countries at once (admins): all of them, or none when any is refused",
      tag: "posts",
      access: "user",
      body: postBatchInput,
      response: z.object({ items: z.array(postOutput) }),
      status: 201,
      errors: [403],
      handler: ({ actor, body }) => posts.createPosts(actor, body),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/v1/posts/:code",
      summary: "Rename a post or change its city (admins)",
      tag: "posts",
      access: "user",
      params: postCodeParams,
      body: postPatch,
      response: postOutput,
      errors: [403, 404],
      handler: ({ actor, params, body }) => posts.updatePost(actor, params.code, body),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type PostRoutes = RouteTable<ReturnType<typeof postRoutes>>;
