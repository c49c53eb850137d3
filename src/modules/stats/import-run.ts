// One import run: read a statistics file with its importer and write what it holds, in batches,
// inside one transaction with its audit event (so a run is all or nothing, and never without its
// audit event). Observations are compared with what is stored: new ones are added, changed ones
// (value or flag) updated, equal ones left alone; the dataset's revision goes up when anything
// changed or the publisher's LAST UPDATE moved. The file is never held in memory: the importer
// yields one row at a time and at most one batch is waiting to be written. The same (series, geo,
// period) twice in one file: the first is kept, every later one rejected as its duplicate
// (accepted-keys.ts), whether or not the two land in the same batch. What the actor may import
// (ImportScope) is enforced here too: a run that touches figures outside it is refused whole.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { AppError, ForbiddenError, ValidationError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { Database, DatasetTable } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import type { Actor } from "../auth/actor.js";
import { AcceptedKeys } from "./accepted-keys.js";
import { seriesKey } from "./dimensions.js";
import { GeoResolver, type GeoRef } from "./geo.js";
import { isPopulationSource } from "./population.js";
import { detectFormat, IMPORTERS } from "./importers/index.js";
import { TextFileError, type ProgressReport, type TextEncodingName } from "../../lib/csv.js";
import type { CsvMapping } from "./importers/mapping.js";
import { ImportFileError, type DatasetInfo, type ParameterNames, type ImportFormat, type ObservationKey, type ParsedObservation } from "./importers/types.js";
import { countryNames } from "../reference/index.js";
import * as repo from "./repo.js";
import { MAX_REPORTED_CHANGES, MAX_REPORTED_REJECTIONS, type ImportReport, type Rejection } from "./schema.js";

export interface ImportRequest {
  /** Where the file is read from. */
  path: string;
  /**
   * What the file is called in the report and the audit event, and where a Eurostat TSV takes its
   * dataset code from: the path unless given; null for an upload that came without a name.
   */
  name?: string | null;
  /** Where a problem with the file as a whole is reported (an issue's path): the file's name unless given. */
  issuePath?: string;
  format?: ImportFormat | "auto";
  datasetCode?: string;
  mapping?: CsvMapping;
  encoding?: TextEncodingName;
  parameters?: ParameterNames;
  /** Read and compare the whole file, then write nothing (the transaction is rolled back). */
  dryRun?: boolean;
  /** Each value the run adds, updates or withdraws, with its line (the command line's --dry-run lists them). */
  onChange?: (change: ImportChange) => void;
  onProgress?: (progress: ProgressReport) => void;
}

export interface ImportChange {
  kind: "add" | "update" | "withdraw";
  at: string;
  series: string;
  /** The series' dimension labels where the file gave them ({} for a withdrawal). */
  labels: Record<string, string>;
  geo: string;
  period: string;
  before: { value: number; flag: string | null } | null;
  after: { value: number; flag: string | null } | null;
}

/**
 * What an import may touch (from the policy: stats.import's scope, stats.import_denominator): any
 * geo, or only the post's host country's rows; population denominators, or not.
 */
export interface ImportScope {
  /** null: any geo. */
  country: { code: string; name: string } | null;
  denominators: boolean;
}

const UNRESTRICTED: ImportScope = { country: null, denominators: true };

/** Rows outside the scope that a refusal names one by one (all are counted). */
const LISTED_OUTSIDE = 100;

/** How many changed values the audit event lists one by one (all are counted). */
const AUDITED_CHANGES = 20;

class NothingImported extends Error {}
/** Ends a dry run's transaction once its report is complete, so nothing it wrote stays. */
class DryRunDone extends Error {}

/** A message that quotes a file, safe to print: control characters shown as escapes, at most 300 characters. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const shown = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return shown.length > 300 ? `${shown.slice(0, 299)}…` : shown;
}

/** Where a rejection was: `line 3`, or a position such as `value[17]`. */
export function describeAt(at: string): string {
  return /^\d+$/.test(at) ? `line ${at}` : at;
}

export async function runImport(db: Kysely<Database>, actor: Actor, request: ImportRequest, scope: ImportScope = UNRESTRICTED): Promise<ImportReport> {
  const name = request.name === undefined ? request.path : request.name;
  const issuePath = request.issuePath ?? name ?? request.path;
  const countries = await countryNames(db);
  const countryCodes = new Set(countries.map((c) => c.code));
  const geo = new GeoResolver(countries);
  const report: ImportReport = {
    file: name ?? "upload",
    format: "csv",
    dataset: null,
    added: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    missing: 0,
    rejected: 0,
    rejections: [],
    imported: false,
    dry_run: request.dryRun === true,
    ...(request.dryRun ? { changes: [] } : {}),
  };
  // A dry run's report lists its first changes; the caller may follow every one (onChange).
  const changed = (change: ImportChange) => {
    if (report.changes !== undefined && report.changes.length < MAX_REPORTED_CHANGES) report.changes.push(change);
    request.onChange?.(change);
  };
  const reject = (r: Rejection) => {
    report.rejected++;
    if (report.rejections.length < MAX_REPORTED_REJECTIONS) report.rejections.push({ at: r.at, reason: printable(r.reason) });
  };

  try {
    const format =
      request.format === undefined || request.format === "auto"
        ? await detectFormat(request.path, request.encoding ?? request.mapping?.encoding)
        : request.format;
    report.format = format;
    await db.transaction().execute(async (trx) => {
      const knownGeos = await repo.knownGeoCodes(trx);
      const seriesIds = new Map<string, string>();
      const acceptedKeys = new AcceptedKeys();
      const changes: {
        series: string;
        geo: string;
        period: string;
        before: number;
        after: number | null;
        flag_before: string | null;
        flag_after: string | null;
      }[] = [];
      let dataset: DatasetTable | null = null;
      let previous: { revision: number; last_update: string | null } | null = null;
      let info: DatasetInfo | null = null;
      let batch: ParsedObservation[] = [];
      let missingBatch: { at: string; key: ObservationKey }[] = [];
      // The revision this run's changes are recorded at (the dataset's next one); known once the dataset is.
      let nextRevision = 1;
      const outside: { at: string; geo: string }[] = [];
      let outsideCount = 0;

      const flush = async () => {
        if (batch.length === 0 || dataset === null) return;
        const newGeos = new Map<string, GeoRef>();
        for (const o of batch) if (!knownGeos.has(o.geo.code)) newGeos.set(o.geo.code, o.geo);
        await repo.insertGeos(trx, [...newGeos.values()], countryCodes);
        for (const code of newGeos.keys()) knownGeos.add(code);

        // Series first; then one row per (series, geo, period), the first in the file winning.
        const rows = new Map<string, repo.ObservationRow & { at: string; seriesKey: string; labels: Record<string, string> }>();
        for (const o of batch) {
          const key = seriesKey(o.dimensions);
          let seriesId = seriesIds.get(key);
          if (seriesId === undefined) {
            seriesId = newId();
            await repo.insertSeries(trx, {
              id: seriesId,
              dataset_id: dataset.id,
              key,
              dimensions: JSON.stringify(o.dimensions),
              dimension_labels: Object.keys(o.labels).length > 0 ? JSON.stringify(o.labels) : null,
              unit: o.unit,
            });
            seriesIds.set(key, seriesId);
          }
          const earlier = acceptedKeys.claim(seriesId, o.geo.code, o.period, o.at);
          if (earlier !== null) {
            reject({ at: o.at, reason: `duplicate of ${describeAt(earlier)} (same series, geo ${o.geo.code} and period ${o.period})` });
            continue;
          }
          rows.set(`${seriesId}\u0000${o.geo.code}\u0000${o.period}`, {
            series_id: seriesId,
            geo: o.geo.code,
            period: o.period,
            value: o.value,
            flag: o.flag,
            at: o.at,
            seriesKey: key,
            labels: o.labels,
          });
        }
        const stored = new Map((await repo.existingObservations(trx, [...rows.values()])).map((r) => [`${r.series_id}\u0000${r.geo}\u0000${r.period}`, r]));
        const writes: repo.ObservationRow[] = [];
        for (const [key, row] of rows) {
          const old = stored.get(key);
          const change = (kind: ImportChange["kind"]) =>
            changed({
              kind,
              at: row.at,
              series: row.seriesKey,
              labels: row.labels,
              geo: row.geo,
              period: row.period,
              before: old === undefined ? null : { value: old.value, flag: old.flag },
              after: { value: row.value, flag: row.flag },
            });
          if (old === undefined) {
            report.added++;
            change("add");
          } else if (old.value === row.value && (old.flag ?? null) === row.flag) {
            report.unchanged++;
            continue;
          } else {
            report.updated++;
            change("update");
            if (changes.length < AUDITED_CHANGES) {
              changes.push({
                series: row.series_id,
                geo: row.geo,
                period: row.period,
                before: old.value,
                after: row.value,
                flag_before: old.flag,
                flag_after: row.flag,
              });
            }
          }
          writes.push({ series_id: row.series_id, geo: row.geo, period: row.period, value: row.value, flag: row.flag });
        }
        await repo.upsertObservations(trx, writes);
        await repo.insertRevisions(
          trx,
          writes.map((w) => ({ ...w, revision: nextRevision })),
        );
        batch = [];
      };

      // Rows without a value where the stored dataset has one: the newer edition withdraws it.
      const flushMissing = async () => {
        if (missingBatch.length === 0 || dataset === null) return;
        const keys: { series_id: string; geo: string; period: string }[] = [];
        const where = new Map<string, { at: string; series: string }>();
        for (const m of missingBatch) {
          const key = seriesKey(m.key.dimensions);
          const seriesId = seriesIds.get(key);
          if (seriesId === undefined) continue; // no such series held: nothing to withdraw
          keys.push({ series_id: seriesId, geo: m.key.geo.code, period: m.key.period });
          where.set(`${seriesId}\u0000${m.key.geo.code}\u0000${m.key.period}`, { at: m.at, series: key });
        }
        // Only a held value is withdrawn, and not when the file gives it a value on another line
        // (the first of the two lines wins, as for any duplicate).
        const stored = (await repo.existingObservations(trx, keys)).filter(
          (o) => acceptedKeys.claim(o.series_id, o.geo, o.period, where.get(`${o.series_id}\u0000${o.geo}\u0000${o.period}`)!.at) === null,
        );
        for (const o of stored) {
          const w = where.get(`${o.series_id}\u0000${o.geo}\u0000${o.period}`)!;
          changed({
            kind: "withdraw",
            at: w.at,
            series: w.series,
            labels: {},
            geo: o.geo,
            period: o.period,
            before: { value: o.value, flag: o.flag },
            after: null,
          });
        }
        await repo.deleteObservations(trx, stored);
        await repo.insertRevisions(
          trx,
          stored.map((o) => ({ series_id: o.series_id, geo: o.geo, period: o.period, revision: nextRevision, value: null, flag: null })),
        );
        for (const o of stored) {
          report.withdrawn++;
          if (changes.length < AUDITED_CHANGES)
            changes.push({ series: o.series_id, geo: o.geo, period: o.period, before: o.value, after: null, flag_before: o.flag, flag_after: null });
        }
        missingBatch = [];
      };

      for await (const event of IMPORTERS[format]({
        path: request.path,
        name,
        geo,
        datasetCode: request.datasetCode,
        mapping: request.mapping,
        encoding: request.encoding,
        parameters: request.parameters,
        onProgress: request.onProgress,
      })) {
        if (event.type === "observation") {
          if (dataset === null) throw new ImportFileError("an observation came before its dataset"); // importers never do this
          if (scope.country !== null && event.observation.geo.code !== scope.country.code) {
            if (outside.length < LISTED_OUTSIDE) outside.push({ at: event.observation.at, geo: event.observation.geo.code });
            outsideCount++;
            continue;
          }
          batch.push(event.observation);
          if (batch.length >= repo.OBSERVATION_BATCH) await flush();
        } else if (event.type === "missing") {
          report.missing++;
          if (event.key !== undefined && dataset !== null && (scope.country === null || event.key.geo.code === scope.country.code)) {
            missingBatch.push({ at: event.at, key: event.key });
            if (missingBatch.length >= repo.OBSERVATION_BATCH) await flushMissing();
          }
        } else if (event.type === "reject") reject({ at: event.at, reason: event.reason });
        else {
          info = event.dataset;
          if (!scope.denominators && isPopulationSource(info.publisher, info.code)) {
            throw new ForbiddenError(
              `Nothing was imported: ${info.publisher} ${info.code} is a population denominator of the bureau's rates for every country, so only the bureau's analysts and editors may import it.`,
            );
          }
          const now = nowIso();
          const found = await repo.findDataset(trx, info.publisher, info.code);
          if (found) {
            dataset = found;
            previous = { revision: found.revision, last_update: found.last_update };
            nextRevision = found.revision + 1;
            for (const s of await repo.seriesOf(trx, found.id)) seriesIds.set(s.key, s.id);
          } else {
            dataset = {
              id: newId(),
              publisher: info.publisher,
              code: info.code,
              title: info.title,
              licence: info.licence,
              url: info.url,
              retrieved_at: now,
              revision: 0,
              last_update: info.lastUpdate,
              created_at: now,
              updated_at: now,
            };
            await repo.insertDataset(trx, dataset);
          }
        }
      }
      await flush();
      await flushMissing();
      // Refused whole, in the transaction, so the rows of its own country written so far go too.
      if (outsideCount > 0) {
        throw new AppError(
          403,
          "forbidden",
          `Nothing was imported: ${outsideCount} row${outsideCount === 1 ? " is" : "s are"} for other places than ${scope.country!.name}. A post imports figures for its own host country only; other countries' figures are the bureau's.`,
          outside.map((o) => ({ path: issuePath, message: `${describeAt(o.at)}: geo ${o.geo} is not ${scope.country!.name}, your post's host country` })),
        );
      }

      const accepted = report.added + report.updated + report.unchanged + report.withdrawn;
      if (dataset === null || info === null || accepted === 0) throw new NothingImported();
      const d: DatasetTable = dataset;
      // A dataset's title, licence, address and edition are cited for every country: a post's file
      // adds its own country's figures to a dataset someone already holds, and leaves those alone.
      const described: DatasetInfo =
        scope.country !== null && previous !== null ? { ...info, title: d.title, licence: d.licence, url: d.url, lastUpdate: d.last_update } : info;
      const newEdition = described.lastUpdate !== null && previous !== null && described.lastUpdate !== previous.last_update;
      const revision = previous === null || report.added + report.updated + report.withdrawn > 0 || newEdition ? d.revision + 1 : d.revision;
      const now = nowIso();
      // An unchanged file changes nothing: not the revision, not when the data were retrieved (the
      // "data as of" a report cites), so a report frozen again is the same report.
      await repo.updateDataset(trx, d.id, {
        revision,
        last_update: described.lastUpdate ?? d.last_update,
        retrieved_at: revision === d.revision ? d.retrieved_at : now,
        updated_at: revision === d.revision ? d.updated_at : now,
        title: described.title,
        licence: described.licence ?? d.licence,
        url: described.url ?? d.url,
      });
      report.dataset = {
        id: d.id,
        publisher: d.publisher,
        code: d.code,
        title: described.title,
        revision,
        previous_revision: previous?.revision ?? null,
        last_update: described.lastUpdate ?? d.last_update,
      };
      report.imported = true;
      if (request.dryRun) throw new DryRunDone();
      await recordAudit(trx, actor, {
        action: "stats.import",
        entityType: "dataset",
        entityId: d.id,
        before: previous === null ? undefined : previous,
        after: {
          publisher: d.publisher,
          code: d.code,
          file: name,
          format,
          revision,
          last_update: described.lastUpdate,
          added: report.added,
          updated: report.updated,
          unchanged: report.unchanged,
          withdrawn: report.withdrawn,
          missing: report.missing,
          rejected: report.rejected,
          changed_values: changes,
        },
      });
    });
  } catch (error) {
    if (error instanceof DryRunDone) return report;
    if (error instanceof NothingImported)
      return { ...report, dataset: null, added: 0, updated: 0, withdrawn: 0, imported: false, ...(report.changes ? { changes: [] } : {}) };
    if (error instanceof ImportFileError || error instanceof TextFileError)
      throw new ValidationError([{ path: issuePath, message: printable(error.message) }], "Nothing was imported.");
    throw error;
  }
  return report;
}
