// Shapes of the statistics module: datasets with their series and geos, pages of observations,
// what an import reports, and the population denominator's answer. (Case outcomes have their own
// file: case-outcomes-schema.ts.)
import { z } from "zod";
import { TEXT_ENCODINGS } from "../../lib/csv.js";
import { isCalendarDate } from "../../domain/dates.js";
import { jsonParameter, queryBoolean, queryList, text, uuid } from "../common/schema.js";
import { csvMapping } from "./importers/mapping.js";
import { IMPORT_FORMATS } from "./importers/types.js";
import { POPULATION_CITIZENSHIPS } from "./population.js";

const geoCode = z
  .string()
  .regex(/^[A-Z0-9][A-Za-z0-9_-]{1,19}$/, "must be a geo code such as DE, EU27_2020 or UKC-L")
  .meta({ example: "DE" });
const periodText = z.string().regex(/^\d{4}(-(Q[1-4]|S[12]|W\d{2}|\d{2}|\d{2}-\d{2}))?$/, "must be a period such as 2011, 2011-Q1 or 2011-01");

/** A period that exists: month 01–12, week 01–53, a calendar date. */
const existingPeriod = periodText.refine((p) => {
  const m = /^\d{4}-(W)?(\d{2})(-\d{2})?$/.exec(p);
  if (!m) return true;
  if (m[3]) return isCalendarDate(p);
  const n = Number(m[2]);
  return n >= 1 && n <= (m[1] ? 53 : 12);
}, "must be a period that exists (month 01–12, week 01–53, a calendar date)");

/** The command line's query: one dataset by code, one geo and period at most. */
export const observationQuery = z.strictObject({
  dataset: text(1, 100),
  publisher: text(1, 100).optional(),
  geo: geoCode.optional(),
  period: periodText.optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(1000),
});
export type ObservationQuery = z.infer<typeof observationQuery>;

export interface ObservationOutput {
  dataset: string;
  series: string;
  dimensions: Record<string, string>;
  labels: Record<string, string>;
  unit: string | null;
  geo: string;
  geo_kind: string;
  period: string;
  value: number;
  flag: string | null;
}

// ---------------------------------------------------------------------------------------------
// Datasets, series, geos

export const datasetSummary = z.object({
  id: z.string(),
  publisher: z.string(),
  code: z.string(),
  title: z.string(),
  licence: z.string().nullable(),
  url: z.string().nullable(),
  retrieved_at: z.string().meta({ description: "When the file was last imported." }),
  revision: z.number().int().meta({ description: "Goes up when an import changes a value or the publisher's LAST UPDATE moves." }),
  last_update: z.string().nullable().meta({ description: "The publisher's last update, as the file gives it." }),
  series: z.number().int().meta({ description: "How many series it holds." }),
  observations: z.number().int().meta({ description: "How many values it holds (missing values are not stored)." }),
});
export type DatasetSummary = z.infer<typeof datasetSummary>;

export const datasetList = z.object({ items: z.array(datasetSummary) });

export const GEO_KINDS = ["country", "aggregate", "region"] as const;

const seriesOutput = z.object({
  id: z.string(),
  key: z.string().meta({ description: "Its dimension values, canonically: `citizen=FOR,freq=A,leg_stat=PER_CNV,unit=NR`." }),
  dimensions: z.record(z.string(), z.string()).meta({ description: "Dimension → code." }),
  labels: z.record(z.string(), z.string()).meta({ description: "Dimension → label of its code, where known." }),
  unit: z.string().nullable(),
});
export type SeriesOutput = z.infer<typeof seriesOutput>;

const seriesSummary = seriesOutput.extend({
  observations: z.number().int(),
  first_period: z.string().nullable(),
  last_period: z.string().nullable(),
  geos: z.array(z.string()).meta({ description: "The geos it has values for." }),
});

const geoOutput = z.object({ code: z.string(), kind: z.enum(GEO_KINDS), label: z.string() });
export type GeoOutput = z.infer<typeof geoOutput>;

export const datasetDetail = z.object({
  dataset: datasetSummary,
  dimensions: z
    .array(z.object({ id: z.string(), values: z.array(z.object({ code: z.string(), label: z.string().nullable(), series: z.number().int() })) }))
    .meta({ description: "Every dimension of its series with the values it takes (over all series, not just this page)." }),
  geos: z
    .array(geoOutput.extend({ observations: z.number().int(), first_period: z.string(), last_period: z.string() }))
    .meta({ description: "Every geo it has values for, countries first." }),
  series: z.array(seriesSummary).meta({ description: "Its series in key order, a page at a time." }),
  next_cursor: z.string().nullable().meta({ description: "For the next page of series (`cursor`); null on the last." }),
});
export type DatasetDetail = z.infer<typeof datasetDetail>;

export const datasetIdParams = z.strictObject({ id: uuid });

/** A page's last series key, as base64url JSON (a key may be empty: a dataset without dimensions). */
const seriesCursor = z
  .string()
  .max(2000)
  .refine((c) => decodeSeriesCursor(c) !== null, "is not a cursor from this listing; start again without it")
  .meta({ description: "`next_cursor` of the previous page." });

export function encodeSeriesCursor(key: string): string {
  return Buffer.from(JSON.stringify([key]), "utf8").toString("base64url");
}

export function decodeSeriesCursor(cursor: string): string | null {
  const parsed = base64Json(cursor);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a cursor carrying a control character is refused
  if (!Array.isArray(parsed) || parsed.length !== 1 || typeof parsed[0] !== "string" || /[\u0000-\u001f]/.test(parsed[0])) return null;
  return parsed[0];
}

/** The JSON inside a base64url cursor, or undefined. */
function base64Json(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

export const datasetDetailQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(5000).default(1000).meta({ description: "Series per page." }),
  cursor: seriesCursor.optional(),
});
export type DatasetDetailQuery = z.output<typeof datasetDetailQuery>;

// ---------------------------------------------------------------------------------------------
// Observations

export const observationPageQuery = z
  .strictObject({
    dataset: uuid.meta({ description: "The dataset's id (from GET /api/v1/stats/datasets)." }),
    series: queryList(uuid).optional().meta({ description: "Series ids of that dataset, comma-separated (at most 50); all when absent." }),
    geo: queryList(geoCode).optional().meta({ description: "Geo codes, comma-separated (at most 50); all when absent." }),
    period_from: existingPeriod.optional().meta({ description: "Periods from this one on (compared as written: 2011 ≤ 2011-Q1 ≤ 2012)." }),
    period_to: existingPeriod.optional().meta({ description: "Periods up to this one, and those inside it (2012 takes in 2012-Q4 and 2012-12)." }),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
    cursor: z.string().max(3000).optional().meta({ description: "`next_cursor` of the previous page, with the same filters." }),
  })
  .superRefine((q, ctx) => {
    if (q.period_from !== undefined && q.period_to !== undefined && q.period_to < q.period_from && !q.period_from.startsWith(`${q.period_to}-`)) {
      ctx.addIssue({ code: "custom", path: ["period_to"], message: "must not be before period_from" });
    }
    if (q.cursor !== undefined && decodeObservationCursor(q.cursor) === null) {
      ctx.addIssue({ code: "custom", path: ["cursor"], message: "is not a cursor from this listing; start again without it" });
    }
  });
export type ObservationPageQuery = z.output<typeof observationPageQuery>;

export interface ObservationCursor {
  key: string;
  geo: string;
  period: string;
}

export function encodeObservationCursor(c: ObservationCursor): string {
  return Buffer.from(JSON.stringify([c.key, c.geo, c.period]), "utf8").toString("base64url");
}

export function decodeObservationCursor(cursor: string): ObservationCursor | null {
  const parsed = base64Json(cursor);
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((p) => typeof p === "string" && p.length <= 1000)) return null;
  const [key, geo, period] = parsed as [string, string, string];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a cursor carrying a control character is refused
  if (!geoCode.safeParse(geo).success || !periodText.safeParse(period).success || /[\u0000-\u001f]/.test(key)) return null;
  return { key, geo, period };
}

export const observationPage = z.object({
  dataset: datasetSummary.pick({ id: true, publisher: true, code: true, title: true, licence: true, url: true, revision: true, retrieved_at: true }).meta({
    description: "The dataset, to cite with the values.",
  }),
  series: z.array(seriesOutput).meta({ description: "The series of this page's values." }),
  geos: z.array(geoOutput).meta({ description: "The geos of this page's values." }),
  items: z.array(
    z.object({
      series_id: z.string(),
      geo: z.string(),
      period: z.string(),
      value: z.number(),
      flag: z.string().nullable().meta({ description: "The publisher's flag: b break in series, e estimated, p provisional, c confidential, ..." }),
    }),
  ),
  next_cursor: z.string().nullable(),
});
export type ObservationPage = z.infer<typeof observationPage>;

// ---------------------------------------------------------------------------------------------
// Imports

const rejection = z.object({
  at: z.string().meta({ description: "Where in the file: a line number, or a position such as `value[17]` in JSON-stat." }),
  reason: z.string(),
});
export type Rejection = z.infer<typeof rejection>;

const changedValue = z.object({ value: z.number(), flag: z.string().nullable() });

/** One value a dry run would add, update or withdraw (import-run.ts ImportChange). */
const importChange = z.object({
  kind: z.enum(["add", "update", "withdraw"]),
  at: z.string().meta({ description: "Where in the file (a line number, as in `rejections`)." }),
  series: z.string().meta({ description: "The series key." }),
  labels: z.record(z.string(), z.string()).meta({ description: "The series' dimension labels, where the file gives them." }),
  geo: z.string(),
  period: z.string(),
  before: changedValue.nullable(),
  after: changedValue.nullable(),
});

export const importReport = z.object({
  file: z.string(),
  format: z.enum(IMPORT_FORMATS),
  dataset: z
    .object({
      id: z.string(),
      publisher: z.string(),
      code: z.string(),
      title: z.string(),
      revision: z.number().int(),
      previous_revision: z.number().int().nullable().meta({ description: "Null when the import made the dataset." }),
      last_update: z.string().nullable(),
    })
    .nullable(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  withdrawn: z.number().int().meta({ description: "Values held before that this file gives none for: removed, their history kept." }),
  missing: z.number().int().meta({ description: "Rows without a value (`:` or empty): not stored, never zero." }),
  rejected: z.number().int(),
  rejections: z.array(rejection).meta({ description: "The first rejections (at most 1000), each with where and why." }),
  imported: z.boolean().meta({ description: "Whether anything was accepted; when not, nothing was written." }),
  dry_run: z.boolean().meta({ description: "A dry run: the file was read and compared, and nothing was written (the counts say what an import would do)." }),
  changes: z
    .array(importChange)
    .optional()
    .meta({ description: "A dry run's values it would add, update or withdraw, by line (the first 1000; the counts give them all)." }),
});
export type ImportReport = z.infer<typeof importReport>;

export const MAX_REPORTED_REJECTIONS = 1000;
export const MAX_REPORTED_CHANGES = 1000;

export const mappingSchemaOutput = z.record(z.string(), z.unknown()).meta({ description: "A JSON Schema (draft 2020-12) document." });

/** The column mapping of a generic CSV, as JSON text in a query parameter: the CLI's --mapping file. */
const mappingParameter = jsonParameter(csvMapping, "the mapping");

export const importQuery = z
  .strictObject({
    format: z
      .enum(["auto", ...IMPORT_FORMATS])
      .default("auto")
      .meta({
        description:
          "`auto` recognises SDMX-CSV, Eurostat TSV, JSON-stat and a GENESIS table (`GENESIS-Tabelle: …`) by the first line; anything else is a generic CSV, which needs `mapping`.",
      }),
    dataset: text(1, 100).optional().meta({ description: "The dataset's code, when the file does not name it, or to override it." }),
    filename: text(1, 255)
      .refine((v) => !/[/\\]/.test(v), "must be a file name, not a path")
      .optional()
      .meta({
        description:
          "The file's name, for the report and the audit log; a Eurostat TSV takes its dataset code from it (tps00001.tsv) unless `dataset` is given.",
      }),
    encoding: z
      .enum(TEXT_ENCODINGS)
      .optional()
      .meta({ description: "The file's text encoding, as the CLI's --encoding: detected when absent (UTF-8 when it reads as UTF-8, else Windows-1252)." }),
    dry_run: queryBoolean.default(false).meta({
      description:
        "`true`: read and compare the whole file and write nothing; the job's result is the report of what an import would add, update, withdraw and reject, by line (as the CLI's --dry-run).",
    }),
    mapping: mappingParameter.optional().meta({
      description:
        "For a generic CSV: the column mapping as JSON, the same document as the CLI's --mapping file (delimiter, encoding, separators, header row, the geo/period/value/flag columns, how geos and periods are written, dimensions, unit).",
    }),
  })
  .superRefine((q, ctx) => {
    if (q.format === "csv" && q.mapping === undefined)
      ctx.addIssue({ code: "custom", path: ["mapping"], message: "is required for a generic CSV: it says which column holds what" });
    if (q.mapping !== undefined && q.format !== "csv" && q.format !== "auto")
      ctx.addIssue({ code: "custom", path: ["mapping"], message: `is only for a generic CSV (format csv), not ${q.format}` });
  });

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const UPLOAD_MEDIA_TYPES = ["text/csv", "text/tab-separated-values", "application/json", XLSX_MEDIA_TYPE, "application/octet-stream"] as const;

/**
 * A file as a post sends it, SDMX-CSV 1.0 with codes: offences recorded by the police in its host
 * country (Eurostat crim_off_cat; illustrative values). A post imports its own country's figures
 * only, and never a population denominator such as tps00001: those are the bureau's.
 */
export const importExample = [
  "DATAFLOW,freq,iccs,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG",
  "ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,NR,DE,2021,2280,",
  "ESTAT:CRIM_OFF_CAT(1.0),A,ICCS0101,NR,DE,2022,2410,p",
  "",
].join("\n");

// ---------------------------------------------------------------------------------------------
// The mapping editor's preview

export const previewQuery = z.strictObject({
  delimiter: z.enum([",", ";", "\t", "|"]).optional().meta({ description: "The CSV's delimiter; guessed from the first line when absent (an XLSX has none)." }),
  encoding: z.enum(TEXT_ENCODINGS).optional().meta({ description: "The text encoding, as for an import; detected when absent." }),
  sheet: text(1, 200).optional().meta({ description: "An XLSX's worksheet, by name; the first when absent." }),
  header_row: z.coerce.number().int().min(1).max(1000).default(1).meta({ description: "The 1-based line of the header row." }),
});
export type PreviewQuery = z.output<typeof previewQuery>;

const previewRow = z.object({ line: z.number().int(), cells: z.array(z.string()) });
export const previewOutput = z.object({
  kind: z.enum(["csv", "xlsx"]).meta({ description: "What the file is, by its content." }),
  delimiter: z.string().nullable().meta({ description: "The delimiter the rows were split by (given or guessed); null for an XLSX." }),
  sheet: z.string().nullable(),
  before: z.array(previewRow).meta({ description: "Lines above the header row (titles, notes), at most 20." }),
  header: z.array(z.string()),
  rows: z.array(previewRow).meta({ description: "The first 20 rows after the header." }),
});
export type PreviewOutput = z.infer<typeof previewOutput>;

export const previewExample = ["Year;Offence;Cases", "2022;Burglary;10234", "2023;Burglary;12345", ""].join("\n");

// ---------------------------------------------------------------------------------------------
// Population denominators

const populationAnswer = z.object({
  geo: z.string(),
  year: z.number().int(),
  citizen: z.enum(POPULATION_CITIZENSHIPS),
  value: z.number(),
  flag: z.string().nullable(),
  /** Which figure: Eurostat's population on 1 January, or the World Bank's mid-year estimate. */
  reference: z.enum(["1 January", "mid-year"]),
  source: z.object({
    publisher: z.string(),
    dataset: z.string(),
    title: z.string(),
    licence: z.string().nullable(),
    series: z.string(),
    revision: z.number().int(),
    retrieved_at: z.string(),
  }),
});
export type PopulationAnswer = z.infer<typeof populationAnswer>;

export const populationQuery = z.strictObject({
  geo: geoCode,
  year: z.coerce.number().int("must be a whole year").min(1).max(9999),
  citizen: z.enum(POPULATION_CITIZENSHIPS).default("TOTAL").meta({ description: "TOTAL, NAT (citizens of the country) or FOR (foreign citizens)." }),
});

export const populationResponse = z.object({
  geo: z.string(),
  year: z.number().int(),
  citizen: z.enum(POPULATION_CITIZENSHIPS),
  population: populationAnswer.pick({ value: true, flag: true, reference: true, source: true }).nullable().meta({
    description:
      "The best figure held and its source; null when no dataset held gives one (import tps00001, demo_pjan, migr_pop1ctz or the World Bank's SP.POP.TOTL).",
  }),
});
export type PopulationResponse = z.infer<typeof populationResponse>;
