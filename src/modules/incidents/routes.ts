// Incident routes: parse, call the service, return what it presents.
import { defineRoute, type RouteSpec } from "../../http/route.js";
import {
  attachSourceInput,
  incidentIdParams,
  incidentInput,
  incidentList,
  incidentListQuery,
  incidentOutput,
  incidentPatch,
} from "./schema.js";
import type { IncidentService } from "./service.js";

export function incidentRoutes(incidents: IncidentService): RouteSpec[] {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/incidents",
      summary: "Record an incident with its sources (as a draft of the author's post)",
      tag: "incidents",
      access: "user",
      body: incidentInput,
      response: incidentOutput,
      status: 201,
      handler: ({ actor, body }) => incidents.createIncident(actor, body),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/incidents",
      summary: "List incidents, newest first, with filters and cursor pagination",
      tag: "incidents",
      access: "user",
      query: incidentListQuery,
      response: incidentList,
      handler: ({ actor, query }) => incidents.listIncidents(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/incidents/:id",
      summary: "Read one incident",
      tag: "incidents",
      access: "user",
      params: incidentIdParams,
      response: incidentOutput,
      errors: [404],
      handler: ({ actor, params }) => incidents.getIncident(actor, params.id),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/v1/incidents/:id",
      summary: "Correct an incident; `version` must be the version you read (409 if someone saved first)",
      tag: "incidents",
      access: "user",
      params: incidentIdParams,
      body: incidentPatch,
      response: incidentOutput,
      errors: [404, 409],
      handler: ({ actor, params, body }) => incidents.updateIncident(actor, params.id, body),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/incidents/:id/sources",
      summary: "Cite a source for an incident: an existing one by id, or a new one",
      tag: "incidents",
      access: "user",
      params: incidentIdParams,
      body: attachSourceInput,
      response: incidentOutput,
      errors: [404],
      handler: ({ actor, params, body }) => incidents.attachSource(actor, params.id, body),
    }),
  ];
}
