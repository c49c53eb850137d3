// A statistics import as a job (the jobs module runs it in a worker thread with its own database
// connection, jobs/worker.ts): the upload was spooled and checked by the service (service.ts
// importUpload), which queued this with the actor and scope it authorized. The import itself is
// import-run.ts, unchanged: one transaction with its audit event, so a cancelled or failed run
// leaves nothing half-written. Its progress is the bytes of the file read.
import type { Kysely } from "kysely";
import type { TextEncodingName } from "../../lib/csv.js";
import { AppError } from "../../domain/errors.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { describeAt, runImport, type ImportScope } from "./import-run.js";
import type { CsvMapping } from "./importers/mapping.js";
import { UPLOAD_PARAMETERS, type ImportFormat } from "./importers/types.js";
import type { ImportReport } from "./schema.js";
import { removeJobSpool } from "./upload.js";

/** Rejections an import that took nothing lists as issues (all are counted in the message). */
const LISTED_REJECTIONS = 100;

export interface ImportJobPayload {
  /** The spooled upload (upload.ts keepForJob). */
  path: string;
  actor: Actor;
  scope: ImportScope;
  filename: string | null;
  format: ImportFormat;
  dataset?: string;
  encoding?: TextEncodingName;
  mapping?: CsvMapping;
  /** A dry run (the upload's dry_run): the report of what the import would do, nothing written. */
  dryRun?: boolean;
}

/** The module the job's worker thread loads (see jobs/worker-main.ts). */
export const IMPORT_JOB_ENTRY = new URL("./import-job.ts", import.meta.url).href;

/** A run that took no row at all is a 400 listing why, with nothing written. */
export function nothingImported(report: ImportReport): AppError {
  const listed = report.rejections.slice(0, LISTED_REJECTIONS).map((r) => ({ path: "body", message: `${describeAt(r.at)}: ${r.reason}` }));
  return new AppError(
    400,
    "nothing_imported",
    `Nothing was imported: no row of the file could be read (${report.rejected} rejected${report.rejected > listed.length ? `, the first ${listed.length} listed` : ""}; ${report.missing} without a value).`,
    listed.length > 0 ? listed : [{ path: "body", message: "the file holds no values" }],
  );
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;

export async function runJob(
  db: Kysely<Database>,
  payload: unknown,
  progress: (p: { done: number; total: number | null; message: string }) => void,
): Promise<ImportReport> {
  const job = payload as ImportJobPayload;
  const report = await runImport(
    db,
    job.actor,
    {
      path: job.path,
      name: job.filename,
      issuePath: "body",
      format: job.format,
      datasetCode: job.dataset,
      mapping: job.mapping,
      encoding: job.encoding,
      parameters: UPLOAD_PARAMETERS,
      dryRun: job.dryRun === true,
      onProgress: (p) =>
        progress({
          done: p.bytes,
          total: p.totalBytes,
          message: `Read ${megabytes(p.bytes)} of ${megabytes(p.totalBytes)} (${p.lines.toLocaleString("en")} lines).`,
        }),
    },
    job.scope,
  );
  if (!report.imported) throw nothingImported(report);
  return report;
}

/** When the job has ended, its spooled upload goes. */
export async function removeImportSpool(job: { payload: unknown }): Promise<void> {
  await removeJobSpool((job.payload as ImportJobPayload).path);
}
