// Source routes: record, read, list and correct sources on their own.
import { defineRoute, type RouteTable } from "../../http/route.js";
import { uuid } from "../common/schema.js";
import { z } from "zod";
import { sourceInput, sourceList, sourceListQuery, sourceOutput, sourcePatch } from "./schema.js";
import type { SourceService } from "./service.js";

const sourceIdParams = z.strictObject({ id: uuid });

export function sourceRoutes(sources: SourceService) {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/sources",
      summary: "Record a source",
      tag: "sources",
      access: "user",
      body: sourceInput,
      response: sourceOutput,
      status: 201,
      handler: ({ actor, body }) => sources.createSource(actor, body),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/sources",
      summary: "List sources, newest first; `q` searches titles and publishers",
      tag: "sources",
      access: "user",
      query: sourceListQuery,
      response: sourceList,
      handler: ({ actor, query }) => sources.listSources(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/sources/:id",
      summary: "Read one source",
      tag: "sources",
      access: "user",
      params: sourceIdParams,
      response: sourceOutput,
      errors: [404],
      handler: ({ actor, params }) => sources.getSource(actor, params.id),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/v1/sources/:id",
      summary: "Correct a source; `version` must be the version you read",
      tag: "sources",
      access: "user",
      params: sourceIdParams,
      body: sourcePatch,
      response: sourceOutput,
      errors: [404, 409],
      handler: ({ actor, params, body }) => sources.updateSource(actor, params.id, body),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type SourceRoutes = RouteTable<ReturnType<typeof sourceRoutes>>;
