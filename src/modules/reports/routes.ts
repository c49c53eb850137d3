// Report routes: preview, create (freezing version 1), freeze again, list, read, download a
// rendering, compare two versions; the country report's templates per year.
import { defineRoute, type RouteTable } from "../../http/route.js";
import {
  diffOutput,
  diffQuery,
  downloadQuery,
  freezeOutput,
  listQuery,
  previewOutput,
  reportIdParams,
  reportListOutput,
  reportOutput,
  reportRequest,
  templateInput,
  templateListOutput,
  templateOutput,
  versionOutput,
  versionParams,
} from "./schema.js";
import { RENDERINGS, type ReportService } from "./service.js";

export function reportRoutes(reports: ReportService) {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/reports/preview",
      summary: "The report as it would be frozen now (nothing is stored), with its Markdown and hash",
      tag: "reports",
      access: "user",
      body: reportRequest,
      response: previewOutput,
      errors: [403],
      handler: ({ actor, body }) => reports.preview(actor, body),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/reports",
      summary: "Create a report and freeze its first version (parameters, content, as-of time, SHA-256)",
      tag: "reports",
      access: "user",
      body: reportRequest,
      response: freezeOutput,
      status: 201,
      errors: [403],
      handler: ({ actor, body }) => reports.create(actor, body),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/reports",
      summary: "Reports you may read, newest first, with their latest version",
      tag: "reports",
      access: "user",
      query: listQuery,
      response: reportListOutput,
      errors: [403],
      handler: ({ actor, query }) => reports.list(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/reports/templates",
      summary: "Report templates: the built-in ones and the country report's per configured year",
      tag: "reports",
      access: "user",
      response: templateListOutput,
      errors: [403],
      handler: ({ actor }) => reports.listTemplates(actor),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/reports/templates",
      summary: "Configure the country report's template for a report year (editors, admins); each change is a new revision",
      tag: "reports",
      access: "user",
      body: templateInput,
      response: templateOutput,
      errors: [403],
      handler: ({ actor, body }) => reports.setTemplate(actor, body),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/reports/:id",
      summary: "A report and its versions",
      tag: "reports",
      access: "user",
      params: reportIdParams,
      response: reportOutput,
      errors: [403, 404],
      handler: ({ actor, params }) => reports.get(actor, params.id),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/reports/:id/versions",
      summary: "Freeze a new version from the current data (201); when nothing changed, the latest version stands (200, created: false)",
      tag: "reports",
      access: "user",
      params: reportIdParams,
      response: freezeOutput,
      errors: [403, 404],
      handler: async ({ actor, params, reply }) => {
        const result = await reports.freeze(actor, params.id);
        reply.code(result.created ? 201 : 200);
        return result;
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/reports/:id/versions/:version",
      summary: "A frozen version with its content",
      tag: "reports",
      access: "user",
      params: versionParams,
      response: versionOutput,
      errors: [403, 404],
      handler: ({ actor, params }) => reports.version(actor, params.id, params.version),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/reports/:id/versions/:version/download",
      summary: "A frozen version rendered as Markdown, a plain-text cable, PDF or DOCX",
      tag: "reports",
      access: "user",
      params: versionParams,
      query: downloadQuery,
      response: versionOutput, // documentation only: the answer is the file (see `download`)
      download: { mediaTypes: Object.values(RENDERINGS).map((r) => r.mediaType.split(";")[0]!) },
      errors: [403, 404],
      handler: async ({ actor, params, query }) => {
        const { file, filename, mediaType } = await reports.download(actor, params.id, params.version, query.format);
        return { file, filename, mediaType };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/reports/:id/diff",
      summary: "What changed between two versions: every figure, statement, note and source, by label",
      tag: "reports",
      access: "user",
      params: reportIdParams,
      query: diffQuery,
      response: diffOutput,
      errors: [403, 404],
      handler: ({ actor, params, query }) => reports.diff(actor, params.id, query.from, query.to),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type ReportRoutes = RouteTable<ReturnType<typeof reportRoutes>>;
