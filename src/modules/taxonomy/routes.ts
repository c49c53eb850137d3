// Taxonomy version routes. The current taxonomy itself is reference data: GET /api/v1/taxonomy.
import { defineRoute, type RouteTable } from "../../http/route.js";
import { taxonomyOutput, taxonomyVersionInput, taxonomyVersionList } from "./schema.js";
import type { TaxonomyService } from "./service.js";

export function taxonomyRoutes(taxonomy: TaxonomyService) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/taxonomy/versions",
      summary: "Every taxonomy version, newest first, with its number of categories",
      tag: "reference",
      access: "user",
      response: taxonomyVersionList,
      handler: ({ actor }) => taxonomy.listVersions(actor),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/taxonomy/versions",
      summary: "Publish a new taxonomy version (admins): the whole list of categories; records keep their own version",
      tag: "taxonomy",
      access: "user",
      body: taxonomyVersionInput,
      response: taxonomyOutput,
      status: 201,
      errors: [403],
      handler: ({ actor, body }) => taxonomy.publishVersion(actor, body),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type TaxonomyRoutes = RouteTable<ReturnType<typeof taxonomyRoutes>>;
