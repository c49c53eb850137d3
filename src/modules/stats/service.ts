// Use cases of official statistics: import a file (from a path, or an upload), list datasets and
// read one with its series and geos, query observations, find a population denominator; and the
// case outcomes (case-outcomes.ts). Each checks permission first.
import type { Kysely } from "kysely";
import { hostname } from "node:os";
import type { Readable } from "node:stream";
import { newId } from "../../domain/ids.js";
import { TextFileError, type TextEncodingName } from "../../lib/csv.js";
import type { JobOutput, JobService } from "../jobs/index.js";
import { NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize, can, visibilityOf } from "../auth/policy.js";
import { caseOutcomeUseCases } from "./case-outcomes.js";
import { caseOutcomeImportUseCases } from "./case-outcomes-import.js";
import { notableCaseUseCases } from "./notable-cases.js";
import * as read from "./datasets-repo.js";
import { runImport, type ImportRequest, type ImportScope } from "./import-run.js";
import { detectFormat } from "./importers/index.js";
import { csvMappingJsonSchema, type CsvMapping } from "./importers/mapping.js";
import { ImportFileError, type ImportFormat } from "./importers/types.js";
import { findPopulation, type PopulationCitizenship, type PopulationOrder } from "./population.js";
import { countryNames, findPost } from "../reference/index.js";
import * as repo from "./repo.js";
import {
  decodeObservationCursor,
  decodeSeriesCursor,
  encodeObservationCursor,
  encodeSeriesCursor,
  GEO_KINDS,
  type DatasetDetail,
  type DatasetDetailQuery,
  type DatasetSummary,
  type GeoOutput,
  type ImportReport,
  type ObservationOutput,
  type ObservationPage,
  type ObservationPageQuery,
  type ObservationQuery,
  type PopulationAnswer,
  type PreviewOutput,
  type PreviewQuery,
  type SeriesOutput,
} from "./schema.js";
import { previewTable } from "./preview.js";
import { keepForJob, removeJobSpool, withSpooledUpload } from "./upload.js";
import type { ImportJobPayload } from "./import-job.js";

/** An uploaded file with its parameters; issues about the file itself have the path "file". */
export interface UploadRequest {
  /** Opens the file as it arrives (called once permission is checked). */
  open: () => Readable;
  /** Its name, when the client gave one. */
  filename: string | null;
  format: ImportFormat | "auto";
  /** The dataset's code, when the file does not name it. */
  dataset?: string;
  encoding?: TextEncodingName;
  mapping?: CsvMapping;
  /** Read and compare, write nothing: the job's result is the dry run's report (import-run.ts). */
  dryRun?: boolean;
}

const json = (text: string | null): Record<string, string> => (text === null ? {} : (JSON.parse(text) as Record<string, string>));

function presentSeries(r: { id: string; key: string; dimensions: string; dimension_labels: string | null; unit: string | null }): SeriesOutput {
  return { id: r.id, key: r.key, dimensions: json(r.dimensions), labels: json(r.dimension_labels), unit: r.unit };
}

function presentDataset(d: Database["datasets"] & { series: number | null; observations: number | null }): DatasetSummary {
  return {
    id: d.id,
    publisher: d.publisher,
    code: d.code,
    title: d.title,
    licence: d.licence,
    url: d.url,
    retrieved_at: d.retrieved_at,
    revision: d.revision,
    last_update: d.last_update,
    series: d.series ?? 0,
    observations: d.observations ?? 0,
  };
}

/** Countries first, then aggregates, then regions; by code within each. */
const byKindThenCode = (a: { kind: GeoOutput["kind"]; code: string }, b: { kind: GeoOutput["kind"]; code: string }) =>
  GEO_KINDS.indexOf(a.kind) - GEO_KINDS.indexOf(b.kind) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export type StatsService = ReturnType<typeof statsService>;

/** What the statistics module asks of others, given by context.ts: the job queue, and a nudge for this process's runner. */
export interface StatsHooks {
  jobs: Pick<JobService, "enqueue">;
  jobQueued?: () => void;
  /** The denominators' order of preference (POPULATION_ORDER); the default order when not given. */
  populationOrder?: PopulationOrder;
}

export function statsService(db: Kysely<Database>, hooks: StatsHooks) {
  /** What the policy lets the actor import: its post's host country only, or anything; denominators or not. */
  async function importScope(actor: Actor): Promise<ImportScope> {
    const visibility = visibilityOf(actor, "stats.import");
    const denominators = can(actor, "stats.import_denominator");
    if (visibility.kind !== "post") return { country: null, denominators };
    const post = await findPost(db, visibility.post);
    const country = post?.country_code
      ? { code: post.country_code, name: (await countryNames(db)).find((c) => c.code === post.country_code)?.name ?? post.country_code }
      : null;
    // A post without a host country (none is seeded so) may import no country's figures.
    return { country: country ?? { code: "", name: "no country" }, denominators };
  }

  return {
    /** Import one statistics file (see import-run.ts); rejected rows are reported, the rest kept. */
    async importFile(actor: Actor | null, request: ImportRequest): Promise<ImportReport> {
      authorize(actor, "stats.import");
      return runImport(db, actor!, request, await importScope(actor!));
    },

    /**
     * Import an uploaded file, as a job: permission first, before a byte is read; then the file is
     * written to a temporary file as it arrives (upload.ts) and checked (its format, the parameters
     * it needs), and a job is queued to import it off the request thread (import-job.ts). A file
     * nothing could be imported from ends the job failed, with the same 400 error it would have
     * been answered; problems with the file as a whole name the body, problems with the parameters name them.
     */
    async importUpload(actor: Actor | null, upload: UploadRequest): Promise<JobOutput> {
      authorize(actor, "stats.import");
      const scope = await importScope(actor!);
      const jobId = newId();
      const path = await withSpooledUpload(upload.open(), async (spooled) => {
        let format: ImportFormat;
        try {
          format = upload.format === "auto" ? await detectFormat(spooled, upload.encoding ?? upload.mapping?.encoding) : upload.format;
        } catch (error) {
          if (error instanceof ImportFileError || error instanceof TextFileError)
            throw new ValidationError([{ path: "file", message: error.message }], "Nothing was imported.");
          throw error;
        }
        if (format === "csv" && upload.mapping === undefined) {
          throw new ValidationError([
            {
              path: "mapping",
              message:
                "is required: the file is not SDMX-CSV, Eurostat TSV or JSON-stat (by its first line), so it is read as a generic CSV, which needs its column mapping",
            },
          ]);
        }
        if (format === "eurostat-tsv" && upload.dataset === undefined && upload.filename === null) {
          throw new ValidationError([
            {
              path: "dataset",
              message: "is required for a Eurostat TSV sent without its file name (filename): the file names its dataset only by its file name",
            },
          ]);
        }
        const kept = await keepForJob(spooled, jobId);
        const payload: ImportJobPayload = {
          path: kept,
          actor: actor!,
          scope,
          filename: upload.filename,
          format,
          dataset: upload.dataset,
          encoding: upload.encoding,
          mapping: upload.mapping,
          dryRun: upload.dryRun === true,
        };
        try {
          return await hooks.jobs.enqueue(actor!, { id: jobId, kind: "stats.import", payload, host: hostname() });
        } catch (error) {
          await removeJobSpool(kept);
          throw error;
        }
      });
      hooks.jobQueued?.();
      return path;
    },

    /** The header and first rows of an uploaded table, for the mapping editor (preview.ts); nothing is kept. */
    async previewUpload(actor: Actor | null, upload: { open: () => Readable; query: PreviewQuery }): Promise<PreviewOutput> {
      authorize(actor, "stats.import");
      return withSpooledUpload(upload.open(), (path) => previewTable(path, upload.query));
    },

    /** The column mapping's JSON Schema, for those who import (mapping.ts). */
    async mappingSchema(actor: Actor | null): Promise<Record<string, unknown>> {
      authorize(actor, "stats.import");
      return csvMappingJsonSchema();
    },

    async listDatasets(actor: Actor | null): Promise<DatasetSummary[]> {
      authorize(actor, "stats.read");
      return (await read.datasetsWithCounts(db)).map(presentDataset);
    },

    /**
     * One dataset with what a statistics explorer needs to offer a choice: its dimensions and their
     * values, the geos it covers, and its series (a page at a time) with their coverage.
     */
    async getDataset(actor: Actor | null, id: string, query: DatasetDetailQuery = { limit: 1000 }): Promise<DatasetDetail> {
      authorize(actor, "stats.read");
      const [row] = await read.datasetsWithCounts(db, id);
      if (!row) throw new NotFoundError("The dataset");

      const dimensions = new Map<string, Map<string, { label: string | null; series: number }>>();
      for (const s of await read.seriesDimensions(db, id)) {
        const labels = json(s.dimension_labels);
        for (const [dimension, code] of Object.entries(json(s.dimensions))) {
          let values = dimensions.get(dimension);
          if (!values) dimensions.set(dimension, (values = new Map()));
          const value = values.get(code) ?? { label: labels[dimension] ?? null, series: 0 };
          value.series++;
          value.label ??= labels[dimension] ?? null;
          values.set(code, value);
        }
      }

      const after = query.cursor === undefined ? null : decodeSeriesCursor(query.cursor);
      const rows = await read.seriesPage(db, id, query.limit, after);
      const page = rows.slice(0, query.limit);
      const coverage = new Map<string, { observations: number; first: string | null; last: string | null; geos: string[] }>();
      for (const c of await read.seriesCoverage(
        db,
        page.map((s) => s.id),
      )) {
        const entry = coverage.get(c.series_id) ?? { observations: 0, first: null, last: null, geos: [] };
        entry.observations += c.n;
        if (entry.first === null || String(c.first) < entry.first) entry.first = String(c.first);
        if (entry.last === null || String(c.last) > entry.last) entry.last = String(c.last);
        entry.geos.push(c.geo);
        coverage.set(c.series_id, entry);
      }

      return {
        dataset: presentDataset(row),
        dimensions: [...dimensions.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([dimension, values]) => ({
            id: dimension,
            values: [...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, v]) => ({ code, label: v.label, series: v.series })),
          })),
        geos: (await read.datasetGeos(db, id))
          .map((g) => ({ code: g.code, kind: g.kind, label: g.label, observations: g.n, first_period: String(g.first), last_period: String(g.last) }))
          .sort(byKindThenCode),
        series: page.map((s) => {
          const c = coverage.get(s.id);
          return {
            ...presentSeries(s),
            observations: c?.observations ?? 0,
            first_period: c?.first ?? null,
            last_period: c?.last ?? null,
            geos: (c?.geos ?? []).sort(),
          };
        }),
        next_cursor: rows.length > query.limit ? encodeSeriesCursor(page.at(-1)!.key) : null,
      };
    },

    /**
     * A value as a report cited it: the dataset (publisher, code), the series key, geo and period,
     * at the dataset revision the report names. Read from the revision history, so it is what the
     * report printed even after newer editions changed or withdrew the value; null when the
     * dataset had no value there at that revision.
     */
    async citedValue(
      actor: Actor | null,
      cited: { publisher: string; dataset: string; series: string; geo: string; period: string; revision: number },
    ): Promise<{ value: number; flag: string | null; revision: number } | null> {
      authorize(actor, "stats.read");
      const series = await repo.findSeries(db, cited.publisher, cited.dataset, cited.series);
      if (series === undefined) return null;
      const found = await repo.valueAtRevision(db, { series_id: series.id, geo: cited.geo, period: cited.period }, cited.revision);
      return found === undefined || found.value === null ? null : { value: found.value, flag: found.flag, revision: found.revision };
    },

    /** The command line's query: observations of a dataset named by its code, flat. */
    async queryObservations(actor: Actor | null, query: ObservationQuery): Promise<ObservationOutput[]> {
      authorize(actor, "stats.read");
      return (await repo.findObservations(db, query)).map((r) => ({
        dataset: r.dataset,
        series: r.series,
        dimensions: json(r.dimensions),
        labels: json(r.dimension_labels),
        unit: r.unit,
        geo: r.geo,
        geo_kind: r.geo_kind,
        period: r.period,
        value: r.value,
        flag: r.flag,
      }));
    },

    /**
     * A page of a dataset's observations (filtered by series, geos and periods) in series key, geo
     * and period order, with the dataset to cite and the series and geos the page's values are of.
     */
    async observationPage(actor: Actor | null, query: ObservationPageQuery): Promise<ObservationPage> {
      authorize(actor, "stats.read");
      const dataset = await read.findDatasetById(db, query.dataset);
      if (!dataset) throw new NotFoundError("The dataset");
      if (query.series !== undefined) {
        const own = await read.seriesOfDataset(db, dataset.id, query.series);
        const foreign = query.series.flatMap((id, i) => (own.has(id) ? [] : [{ path: `series.${i}`, message: "is not a series of this dataset" }]));
        if (foreign.length > 0) throw new ValidationError(foreign);
      }
      const cursor = query.cursor === undefined ? null : decodeObservationCursor(query.cursor);
      const rows = await read.observationPage(
        db,
        { datasetId: dataset.id, series: query.series, geos: query.geo, periodFrom: query.period_from, periodTo: query.period_to, limit: query.limit },
        cursor,
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        dataset: {
          id: dataset.id,
          publisher: dataset.publisher,
          code: dataset.code,
          title: dataset.title,
          licence: dataset.licence,
          url: dataset.url,
          revision: dataset.revision,
          retrieved_at: dataset.retrieved_at,
        },
        series: (await read.seriesByIds(db, [...new Set(page.map((r) => r.series_id))])).map(presentSeries),
        geos: (await read.geosByCodes(db, [...new Set(page.map((r) => r.geo))])).sort(byKindThenCode),
        items: page.map((r) => ({ series_id: r.series_id, geo: r.geo, period: r.period, value: r.value, flag: r.flag })),
        next_cursor: rows.length > query.limit && last ? encodeObservationCursor({ key: last.key, geo: last.geo, period: last.period }) : null,
      };
    },

    /** The population of a geo in a year (by citizenship: TOTAL, NAT or FOR), from the best source held. */
    async populationFor(actor: Actor | null, geo: string, year: number, options: { citizen?: PopulationCitizenship } = {}): Promise<PopulationAnswer | null> {
      authorize(actor, "stats.read");
      return findPopulation(db, geo, year, options.citizen ?? "TOTAL", hooks.populationOrder);
    },

    ...caseOutcomeUseCases(db),
    ...caseOutcomeImportUseCases(db),
    ...notableCaseUseCases(db),
  };
}
