// Reports: request and response shapes. The report document's schema mirrors document.ts (the
// compiler checks the two agree) so the OpenAPI document describes what a version holds.
import { z } from "zod";
import { parseReportPeriod, type ReportPeriod } from "../../domain/report-period.js";
import { HANDLING_MARKINGS } from "../../domain/vocabulary.js";
import { countryCode, text, uuid } from "../common/schema.js";
import { CHANGE_KINDS } from "./diff.js";
import { REPORT_KINDS, type ReportDocument } from "./document.js";
import { SECTION_KINDS } from "./templates.js";

export const RENDER_FORMATS = ["md", "txt", "pdf", "docx"] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

const topCategory = z
  .string()
  .regex(/^[A-Z]{2,3}$/, "must be a top-level taxonomy code such as SV")
  .meta({ example: "SV" });

const periodText = z
  .string()
  .max(40, "is too long")
  .transform((value, ctx) => {
    const parsed = parseReportPeriod(value);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.label; // normalised (2025-q3 → 2025-Q3); parsing it again gives the same
  })
  .meta({ description: "A year (2025), a quarter (2025-Q3), a month (2025-07) or a range of dates (2025-01-01..2025-06-30).", example: "2025" });

export const reportRequest = z
  .strictObject({
    kind: z
      .enum(REPORT_KINDS)
      .meta({ description: "`cable`: a post reporting cable; `country`: the migration section of the annual country report; `brief`: a comparative brief." }),
    countries: z
      .array(countryCode)
      .min(1, "name at least one country")
      .max(40, "at most 40 countries")
      .meta({ description: "ISO 3166-1 alpha-2 codes: one for a cable or a country report, two or more for a brief." }),
    period: periodText,
    categories: z.array(topCategory).max(30, "at most 30 categories").default([]).meta({ description: "Top-level categories to cover; all when empty." }),
  })
  .superRefine((request, ctx) => {
    const unique = new Set(request.countries);
    if (unique.size !== request.countries.length) ctx.addIssue({ code: "custom", path: ["countries"], message: "names a country twice" });
    if (request.kind !== "brief" && request.countries.length !== 1) {
      ctx.addIssue({ code: "custom", path: ["countries"], message: `a ${request.kind === "cable" ? "cable" : "country report"} is about exactly one country` });
    }
    if (request.kind === "brief" && request.countries.length < 2)
      ctx.addIssue({ code: "custom", path: ["countries"], message: "a comparative brief compares at least two countries" });
    const period = parseReportPeriod(request.period);
    if (request.kind === "country" && !("error" in period) && period.kind !== "year") {
      ctx.addIssue({ code: "custom", path: ["period"], message: "the annual country report covers a year (e.g. 2025)" });
    }
    if (new Set(request.categories).size !== request.categories.length)
      ctx.addIssue({ code: "custom", path: ["categories"], message: "names a category twice" });
  })
  .meta({ example: { kind: "cable", countries: ["DE"], period: "2025", categories: [] } });
/** The request as the schema gives it (what the service takes). */
export type ReportRequestBody = z.output<typeof reportRequest>;
export type ReportRequest = Omit<z.output<typeof reportRequest>, "period"> & { period: ReportPeriod };

/** The request with its period read (the schema has checked that it reads). */
export function withPeriod(request: z.output<typeof reportRequest>): ReportRequest {
  return { ...request, period: parseReportPeriod(request.period) as ReportPeriod };
}

// ---- the document -------------------------------------------------------------------------------

const inline = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string(), strong: z.boolean().optional() }),
  z.object({ type: z.literal("footnote"), n: z.number().int() }),
  z.object({ type: z.literal("cite"), n: z.number().int() }),
]);
const tableCell = z.object({ text: z.string(), footnote: z.number().int().optional() });
const chartPoint = z.object({ x: z.string(), y: z.number().nullable(), low: z.number().nullable().optional(), high: z.number().nullable().optional() });
const block = z.discriminatedUnion("type", [
  z.object({ type: z.literal("paragraph"), content: z.array(inline) }),
  z.object({ type: z.literal("list"), items: z.array(z.array(inline)) }),
  z.object({
    type: z.literal("table"),
    caption: z.string(),
    columns: z.array(z.object({ label: z.string(), align: z.enum(["left", "right"]) })),
    rows: z.array(z.array(tableCell)),
    footnote: z.number().int().optional(),
  }),
  z.object({
    type: z.literal("chart"),
    kind: z.enum(["bar", "line"]),
    title: z.string(),
    unit: z.string(),
    series: z.array(z.object({ label: z.string(), points: z.array(chartPoint) })),
    footnote: z.number().int().optional(),
  }),
  z.object({
    type: z.literal("map"),
    title: z.string(),
    values: z.array(z.object({ country: z.string(), value: z.number().nullable() })),
    unit: z.string(),
    extent: z.enum(["europe", "world"]),
    footnote: z.number().int().optional(),
  }),
]);

const reportDocument = z
  .object({
    kind: z.enum(REPORT_KINDS),
    template: z.object({ id: z.string(), version: z.string() }),
    title: z.string(),
    subject: z.string(),
    tags: z.array(z.string()),
    handling: z.enum(HANDLING_MARKINGS),
    synthetic: z.boolean().meta({ description: "True when any counted record is synthetic: every page of every rendering is watermarked." }),
    as_of: z.string().meta({ description: "The data's as-of time: the latest change to any record the report could count, or to a dataset it uses." }),
    parameters: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number(), z.null()])),
    summary: z.array(z.array(inline)),
    sections: z.array(z.object({ id: z.string(), heading: z.string(), blocks: z.array(block) })),
    footnotes: z.array(z.object({ n: z.number().int(), text: z.string() })),
    citations: z.array(z.object({ n: z.number().int(), text: z.string(), url: z.string().nullable() })),
    credits: z.array(z.string()),
  })
  .meta({ description: "A report's content, independent of its rendering (Markdown is the canonical form)." });
// The schema and the TypeScript interface must describe the same thing.
const _documentMatches: z.ZodType<ReportDocument> = reportDocument;
void _documentMatches;

// ---- responses ----------------------------------------------------------------------------------

export const previewOutput = z.object({
  document: reportDocument,
  markdown: z.string(),
  sha256: z.string().meta({ description: "The SHA-256 the content would have if frozen now." }),
});

const versionSummary = z.object({
  version: z.number().int(),
  as_of: z.string(),
  template: z.object({ id: z.string(), version: z.string() }),
  sha256: z.string(),
  synthetic: z.boolean(),
  frozen_by: z.string(),
  frozen_by_name: z.string(),
  frozen_at: z.string(),
});
export type VersionSummary = z.infer<typeof versionSummary>;

export const reportOutput = z.object({
  id: z.string(),
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  parameters: z.object({ countries: z.array(z.string()), period: z.string(), categories: z.array(z.string()) }),
  post: z.string().meta({ description: "The post of the user who created it (BUREAU for the bureau)." }),
  created_by: z.string(),
  created_by_name: z.string(),
  created_at: z.string(),
  versions: z.array(versionSummary),
});
export type ReportOutput = z.infer<typeof reportOutput>;

export const reportListOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(REPORT_KINDS),
      title: z.string(),
      parameters: z.object({ countries: z.array(z.string()), period: z.string(), categories: z.array(z.string()) }),
      post: z.string(),
      created_at: z.string(),
      latest: z.object({ version: z.number().int(), sha256: z.string(), frozen_at: z.string(), synthetic: z.boolean() }).nullable(),
    }),
  ),
});

export const freezeOutput = z.object({
  report: reportOutput,
  version: versionSummary,
  created: z.boolean().meta({ description: "False when the data had not changed since the latest version: the same content, the same hash, no new version." }),
});

export const versionOutput = versionSummary.extend({ report_id: z.string(), document: reportDocument });

export const diffOutput = z.object({
  report_id: z.string(),
  from: z.object({ version: z.number().int(), sha256: z.string(), as_of: z.string() }),
  to: z.object({ version: z.number().int(), sha256: z.string(), as_of: z.string() }),
  changes: z.array(
    z.object({
      kind: z.enum(CHANGE_KINDS),
      section: z.string(),
      label: z.string().meta({ description: "What changed, e.g. “Incidents by category › Incidents by category › SV Sexual violence › Incidents”." }),
      before: z.string().nullable(),
      after: z.string().nullable(),
    }),
  ),
});

export const reportIdParams = z.strictObject({ id: uuid });
export const versionParams = z.strictObject({ id: uuid, version: z.coerce.number().int().min(1, "must be at least 1").max(1_000_000) });
export const downloadQuery = z.strictObject({ format: z.enum(RENDER_FORMATS).default("md") });
export const diffQuery = z
  .strictObject({
    from: z.coerce.number().int().min(1, "must be at least 1").max(1_000_000),
    to: z.coerce.number().int().min(1, "must be at least 1").max(1_000_000),
  })
  .refine((q) => q.from !== q.to, { path: ["to"], message: "must differ from `from`" });
export const listQuery = z.strictObject({ kind: z.enum(REPORT_KINDS).optional() });

// ---- templates ----------------------------------------------------------------------------------

export const templateInput = z
  .strictObject({
    kind: z.literal("country").meta({ description: "Only the annual country report's template is configurable (per report year)." }),
    year: z.number().int("must be a whole year").min(2000, "must be 2000 or later").max(2100, "must be 2100 or earlier"),
    sections: z
      .array(z.strictObject({ section: z.enum(SECTION_KINDS), heading: text(1, 200) }))
      .min(1, "a template has at least one section")
      .max(20, "at most 20 sections"),
  })
  .meta({
    example: {
      kind: "country",
      year: 2027,
      sections: [
        { section: "figures", heading: "Incidents and rates" },
        { section: "status", heading: "Perpetrators' migration status as reported" },
        { section: "notable", heading: "Notable incidents" },
        { section: "limitations", heading: "Data limitations" },
      ],
    },
  });
export type TemplateInput = z.output<typeof templateInput>;

export const templateOutput = z.object({
  id: z.string(),
  version: z.string(),
  kind: z.enum(REPORT_KINDS),
  year: z.number().int().nullable(),
  sections: z.array(z.object({ section: z.enum(SECTION_KINDS), heading: z.string() })),
  configured: z.boolean().meta({ description: "True for a template an editor configured for its year; false for a built-in one." }),
});
export const templateListOutput = z.object({
  items: z.array(templateOutput),
  section_kinds: z.array(z.object({ section: z.enum(SECTION_KINDS), description: z.string() })),
});
