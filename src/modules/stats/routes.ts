// Routes of official statistics and case outcomes: parse, call the service, return what it presents.
// An import takes the file itself as the request body (not JSON); see `upload` in http/route.ts.
import { defineRoute, type RouteTable } from "../../http/route.js";
import { joinPath } from "../common/issues.js";
import { jobOutput } from "../jobs/index.js";
import {
  caseOutcomeCorrection,
  caseOutcomeIdParams,
  caseOutcomeInput,
  caseOutcomeList,
  caseOutcomeListQuery,
  caseOutcomeOutput,
  caseOutcomeWithdrawal,
} from "./case-outcomes-schema.js";
import { CASE_OUTCOME_MEDIA_TYPES, caseOutcomeFileExample, caseOutcomeImportQuery, caseOutcomeImportReport } from "./case-outcomes-import-schema.js";
import {
  datasetDetail,
  datasetDetailQuery,
  datasetIdParams,
  datasetList,
  importExample,
  importQuery,
  mappingSchemaOutput,
  observationPage,
  observationPageQuery,
  populationQuery,
  populationResponse,
  previewExample,
  previewOutput,
  previewQuery,
  UPLOAD_MEDIA_TYPES,
} from "./schema.js";
import {
  notableCaseEdit,
  notableCaseIdParams,
  notableCaseInput,
  notableCaseLinkRemoval,
  notableCaseList,
  notableCaseListQuery,
  notableCaseOutput,
  notableCaseWithdrawal,
} from "./notable-cases-schema.js";
import type { StatsService } from "./service.js";

export function statsRoutes(stats: StatsService, options: { uploadLimitBytes: number }) {
  return [
    defineRoute({
      method: "POST",
      url: "/api/v1/stats/imports",
      summary:
        "Import an official-statistics file sent as the request body (SDMX-CSV, Eurostat TSV, JSON-stat, or a CSV with its column mapping). The file is checked (its format, the parameters it needs: 400) and imported by a job off the request thread: answers 202 with the job (Location: its address); poll GET /api/v1/jobs/{id} for its progress and its result, the import's report of what was added, updated, unchanged and rejected (by line). A file nothing could be imported from ends the job failed with the error nothing_imported. With dry_run=true nothing is written and the report lists, by line, what an import would add, update and withdraw",
      tag: "stats",
      access: "user",
      upload: {
        mediaTypes: UPLOAD_MEDIA_TYPES,
        maxBytes: options.uploadLimitBytes,
        description:
          "The file as it is, up to UPLOAD_LIMIT_BYTES: text/csv (SDMX-CSV or a CSV with a mapping), text/tab-separated-values (Eurostat TSV), application/json (JSON-stat 2.0), an XLSX spreadsheet (read with a mapping, as a CSV is), or application/octet-stream (any of them, recognised by its content).",
        example: { mediaType: "text/csv", body: importExample },
      },
      query: importQuery,
      response: jobOutput,
      status: 202,
      errors: [403],
      handler: async ({ actor, query, upload, reply }) => {
        const job = await stats.importUpload(actor, {
          open: upload!.open,
          filename: query.filename ?? null,
          format: query.format,
          dataset: query.dataset,
          encoding: query.encoding,
          mapping: query.mapping,
          dryRun: query.dry_run,
        });
        reply.header("location", `/api/v1/jobs/${job.id}`);
        return job;
      },
      // The service names the file "file" and its parameters as the query does.
      issuesAt: (path) => (path === "file" ? "body" : joinPath("query", [path])),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/stats/preview",
      summary:
        "The header and first 20 rows of a table file sent as the request body (a CSV, gzip or zip of one, or an XLSX worksheet), read as an import reads it, for writing its column mapping; nothing is kept",
      tag: "stats",
      access: "user",
      upload: {
        mediaTypes: UPLOAD_MEDIA_TYPES,
        maxBytes: options.uploadLimitBytes,
        description: "The file as it is, up to UPLOAD_LIMIT_BYTES, in any of the media types an import takes.",
        example: { mediaType: "text/csv", body: previewExample },
      },
      query: previewQuery,
      response: previewOutput,
      errors: [403],
      handler: ({ actor, query, upload }) => stats.previewUpload(actor, { open: upload!.open, query }),
      issuesAt: (path) => (path === "file" ? "body" : joinPath("query", [path])),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/stats/mapping-schema",
      summary:
        "The JSON Schema of a column mapping: how to describe a CSV that is not SDMX-CSV, Eurostat TSV or JSON-stat (its dataset, delimiter, encoding, separators, header row, geo and period columns or constants, value columns, dimensions, placeholders for missing values). The same document the CLI's --mapping file and the upload's mapping parameter take",
      tag: "stats",
      access: "user",
      response: mappingSchemaOutput,
      handler: ({ actor }) => stats.mappingSchema(actor),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/stats/datasets",
      summary: "List the statistics datasets held, with their publisher, licence, revision and counts",
      tag: "stats",
      access: "user",
      response: datasetList,
      handler: async ({ actor }) => ({ items: await stats.listDatasets(actor) }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/stats/datasets/:id",
      summary: "Read one dataset: its dimensions and their values, the geos it covers, and its series (a page at a time) with their coverage",
      tag: "stats",
      access: "user",
      params: datasetIdParams,
      query: datasetDetailQuery,
      response: datasetDetail,
      errors: [404],
      handler: ({ actor, params, query }) => stats.getDataset(actor, params.id, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/stats/observations",
      summary: "Query a dataset's values by series, geos and period range, a page at a time (series key, geo, period order)",
      tag: "stats",
      access: "user",
      query: observationPageQuery,
      response: observationPage,
      errors: [404],
      handler: ({ actor, query }) => stats.observationPage(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/stats/population",
      summary:
        "The population of a geo in a year (total, citizens or foreign citizens) from the best source held, naming it; `population` is null when none is held",
      tag: "stats",
      access: "user",
      query: populationQuery,
      response: populationResponse,
      handler: async ({ actor, query }) => {
        const answer = await stats.populationFor(actor, query.geo, query.year, { citizen: query.citizen });
        return {
          geo: query.geo,
          year: query.year,
          citizen: query.citizen,
          population: answer && { value: answer.value, flag: answer.flag, reference: answer.reference, source: answer.source },
        };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/case-outcomes",
      summary: "Record a court's decision on one defendant (offence, court level, the defendant's migration status as reported, conviction, sentence)",
      tag: "case-outcomes",
      access: "user",
      body: caseOutcomeInput,
      response: caseOutcomeOutput,
      status: 201,
      errors: [403],
      handler: ({ actor, body }) => stats.recordCaseOutcome(actor, body),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/case-outcomes",
      summary: "List case outcomes, newest decision first, with filters and cursor pagination",
      tag: "case-outcomes",
      access: "user",
      query: caseOutcomeListQuery,
      response: caseOutcomeList,
      handler: ({ actor, query }) => stats.listCaseOutcomes(actor, query),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/case-outcomes/import",
      summary:
        "Import case outcomes from a CSV sent as the request body, read through its column mapping (the `mapping` parameter): a new external id is added, a changed row corrects the outcome it imported before (audited with the file and line as the reason), an unchanged row is left alone. Every rejected row is reported by line and column; `dry_run=true` writes nothing, `all_or_nothing=true` writes nothing when a row is rejected. Imported in the request (files up to UPLOAD_LIMIT_BYTES)",
      tag: "case-outcomes",
      access: "user",
      upload: {
        mediaTypes: CASE_OUTCOME_MEDIA_TYPES,
        maxBytes: options.uploadLimitBytes,
        description: "The file as it is (CSV; gzip and zip are unpacked), up to UPLOAD_LIMIT_BYTES.",
        example: { mediaType: "text/csv", body: caseOutcomeFileExample },
      },
      query: caseOutcomeImportQuery,
      response: caseOutcomeImportReport,
      errors: [403],
      handler: ({ actor, query, upload }) =>
        stats.importCaseOutcomeUpload(actor, {
          open: upload!.open,
          filename: query.filename ?? null,
          mapping: query.mapping,
          dryRun: query.dry_run,
          allOrNothing: query.all_or_nothing,
        }),
      issuesAt: (path) => (path === "file" ? "body" : joinPath("query", [path])),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/case-outcomes/mapping-schema",
      summary:
        "The JSON Schema of a case-outcome file's column mapping: how the file is written, which column holds which field (or the value every row shares), how it writes offences, and its words for court levels, migration statuses and yes/no",
      tag: "case-outcomes",
      access: "user",
      response: mappingSchemaOutput,
      handler: ({ actor }) => stats.caseOutcomeMappingSchema(actor),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/case-outcomes/:id",
      summary: "Read one case outcome",
      tag: "case-outcomes",
      access: "user",
      params: caseOutcomeIdParams,
      response: caseOutcomeOutput,
      errors: [404],
      handler: ({ actor, params }) => stats.getCaseOutcome(actor, params.id),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/v1/case-outcomes/:id",
      summary:
        "Correct a case outcome: the top-level fields named replace the stored ones and are checked as a new outcome is; `version` is the one the correction was based on (409 if it has changed since), `reason` is kept in the audit log. A post's staff correct what their post recorded, the bureau any",
      tag: "case-outcomes",
      access: "user",
      params: caseOutcomeIdParams,
      body: caseOutcomeCorrection,
      response: caseOutcomeOutput,
      errors: [403, 404, 409],
      handler: ({ actor, params, body }) => stats.correctCaseOutcome(actor, params.id, body),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/case-outcomes/:id/withdraw",
      summary:
        "Withdraw a case outcome (recorded twice, or in error), with the reason: it is kept, marked withdrawn, and left out of every comparison. Nothing is deleted",
      tag: "case-outcomes",
      access: "user",
      params: caseOutcomeIdParams,
      body: caseOutcomeWithdrawal,
      response: caseOutcomeOutput,
      errors: [403, 404, 409],
      handler: ({ actor, params, body }) => stats.withdrawCaseOutcome(actor, params.id, body),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/notable-cases",
      summary:
        "Record a notable case: two or more case outcomes of one country shown side by side (an offence and a related prosecution), each with its part in the case in words, and the incidents it arose from. A title in words, naming no victim or suspect. No statistical claim is made of it",
      tag: "case-outcomes",
      access: "user",
      body: notableCaseInput,
      response: notableCaseOutput,
      status: 201,
      errors: [403],
      handler: ({ actor, body }) => stats.recordNotableCase(actor, body),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/notable-cases",
      summary: "List notable cases, newest first, of one country when asked, with their case outcomes side by side",
      tag: "case-outcomes",
      access: "user",
      query: notableCaseListQuery,
      response: notableCaseList,
      handler: ({ actor, query }) => stats.listNotableCases(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/notable-cases/:id",
      summary: "Read one notable case with its case outcomes side by side (a withdrawn outcome stays linked, shown withdrawn)",
      tag: "case-outcomes",
      access: "user",
      params: notableCaseIdParams,
      response: notableCaseOutput,
      errors: [404],
      handler: ({ actor, params }) => stats.getNotableCase(actor, params.id),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/v1/notable-cases/:id",
      summary:
        "Edit a notable case: the fields named replace the stored ones (the outcomes as a whole list; one left out is unlinked, kept marked removed); `version` is the one the edit was based on (409 if it has changed since). A post's staff edit what their post recorded, the bureau any",
      tag: "case-outcomes",
      access: "user",
      params: notableCaseIdParams,
      body: notableCaseEdit,
      response: notableCaseOutput,
      errors: [403, 404, 409],
      handler: ({ actor, params, body }) => stats.editNotableCase(actor, params.id, body),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/notable-cases/:id/unlink",
      summary:
        "Remove one case outcome's link from a notable case, with the reason: the link is kept, marked removed. At least two outcomes stay linked (409 otherwise: link another first, or withdraw the notable case)",
      tag: "case-outcomes",
      access: "user",
      params: notableCaseIdParams,
      body: notableCaseLinkRemoval,
      response: notableCaseOutput,
      errors: [403, 404, 409],
      handler: ({ actor, params, body }) => stats.removeNotableCaseLink(actor, params.id, body),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/notable-cases/:id/withdraw",
      summary:
        "Withdraw a notable case (recorded twice, or in error), with the reason: it is kept, marked withdrawn, and shown in no report. Nothing is deleted",
      tag: "case-outcomes",
      access: "user",
      params: notableCaseIdParams,
      body: notableCaseWithdrawal,
      response: notableCaseOutput,
      errors: [403, 404, 409],
      handler: ({ actor, params, body }) => stats.withdrawNotableCase(actor, params.id, body),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type StatsRoutes = RouteTable<ReturnType<typeof statsRoutes>>;
