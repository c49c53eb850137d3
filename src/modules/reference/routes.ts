// Reference data for clients: countries, posts, the current taxonomy.
import { z } from "zod";
import { defineRoute, type RouteTable } from "../../http/route.js";
import type { referenceService } from "./service.js";

const country = z.object({
  code: z.string(),
  alpha3: z.string(),
  numeric_code: z.string(),
  name: z.string(),
  region: z.string().nullable(),
  sub_region: z.string().nullable(),
  region_code: z.string().nullable(),
  sub_region_code: z.string().nullable(),
});
const post = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(["embassy", "bureau"]),
  country_code: z.string().nullable(),
  city: z.string(),
});
const taxonomy = z.object({
  version: z.number().int(),
  label: z.string(),
  effective_from: z.string(),
  categories: z.array(z.object({ code: z.string(), parent_code: z.string().nullable(), label: z.string(), iccs: z.string().nullable() })),
});

export function referenceRoutes(reference: ReturnType<typeof referenceService>) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/countries",
      summary: "ISO 3166-1 countries with UN M49 regions",
      tag: "reference",
      access: "user",
      response: z.object({ items: z.array(country) }),
      handler: async ({ actor }) => ({ items: await reference.listCountries(actor) }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/posts",
      summary: "Posts: the bureau and the embassies",
      tag: "reference",
      access: "user",
      response: z.object({ items: z.array(post) }),
      handler: async ({ actor }) => ({ items: await reference.listPosts(actor) }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/taxonomy",
      summary: "The current taxonomy version and its categories with ICCS codes",
      tag: "reference",
      access: "user",
      response: taxonomy,
      handler: ({ actor }) => reference.currentTaxonomy(actor),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type ReferenceRoutes = RouteTable<ReturnType<typeof referenceRoutes>>;
