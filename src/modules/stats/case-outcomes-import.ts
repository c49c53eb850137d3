// The bulk import of case outcomes (issue 13 item 5): a file's rows read through its mapping
// (case-outcomes-rows.ts), every row checked as a new outcome is (its country, its offence's
// category, its incident by number through the incident's own visibility), then matched to the
// outcomes it imported before by country and external id: a new id is added, a changed row
// corrects its outcome (audited as a correction whose reason names the file and line), an
// unchanged row is left alone. A dry run checks everything and writes nothing; all-or-nothing
// writes nothing when any row is rejected; otherwise every accepted row is written in one
// transaction with its audit events. Rows come as arrays of cells (the CSV reader's records, or a
// spreadsheet reader's rows), so the file's format stays outside.
import type { Kysely } from "kysely";
import type { Readable } from "node:stream";
import { TextFileError } from "../../lib/csv.js";
import { nowIso } from "../../domain/clock.js";
import { ValidationError, VersionConflictError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { Database } from "../../db/types.js";
import { recordAudit } from "../audit/audit.js";
import type { AuditEntry } from "../audit/actions.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { visibleIncidentIds, visibleIncidentIdsByNumber } from "../incidents/index.js";
import { countryCodes, latestTaxonomyVersion, taxonomyCategories } from "../reference/index.js";
import * as repo from "./case-outcomes-repo.js";
import { MAX_LISTED, type CaseOutcomeChange, type CaseOutcomeImportReport, type CaseOutcomeRejection } from "./case-outcomes-import-schema.js";
import { caseOutcomeMappingJsonSchema, type CaseOutcomeColumn, type CaseOutcomeMapping } from "./case-outcomes-mapping.js";
import { columnIndex, offenceResolver, readCaseOutcomeRow, type ReadRow } from "./case-outcomes-rows.js";
import { caseOutcomeColumns, presentCaseOutcome } from "./case-outcomes.js";
import { readTableRows } from "./importers/table.js";
import { withSpooledUpload } from "./upload.js";

/** One row of the file: its 1-based line and its cells. */
interface FileRow {
  line: number;
  fields: string[];
}

export interface CaseOutcomeImportRequest {
  rows: AsyncIterable<FileRow>;
  /** The file's name, for the report and the audit log's reasons. */
  file: string;
  mapping: CaseOutcomeMapping;
  dryRun?: boolean;
  allOrNothing?: boolean;
}

type Row = Database["case_outcomes"];
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The columns a row writes, to tell a changed row from an unchanged one. */
const COMPARED = [
  "offence_category",
  "iccs_code",
  "court_level",
  "decision_date",
  "defendant_migration_status",
  "defendant_status_basis",
  "convicted",
  "custodial_months",
  "suspended",
  "fine_amount",
  "fine_currency",
  "sentence_other",
  "incident_id",
  "synthetic",
] as const satisfies readonly (keyof Row)[];

async function importCaseOutcomes(db: Kysely<Database>, actor: Actor | null, request: CaseOutcomeImportRequest): Promise<CaseOutcomeImportReport> {
  authorize(actor, "case_outcome.create");
  const user = requireUser(actor);
  const { mapping, file } = request;
  const dryRun = request.dryRun ?? false;
  const allOrNothing = request.allOrNothing ?? false;
  const rejections: CaseOutcomeRejection[] = [];
  let header: string[] | null = null;
  let index = new Map<CaseOutcomeColumn, number>();
  const reject = (line: number, column: CaseOutcomeColumn | null, reason: string) =>
    rejections.push({ line, column: column === null ? null : (mapping.columns[column] ?? column), reason });

  const taxonomy = await latestTaxonomyVersion(db);
  const offences = offenceResolver(taxonomy ? await taxonomyCategories(db, taxonomy.version) : []);
  const countries = new Set(await countryCodes(db));
  const read: (ReadRow & { line: number })[] = [];
  const seen = new Map<string, number>();
  let rows = 0;

  for await (const record of request.rows) {
    if (record.line < mapping.header_row) continue;
    if (header === null) {
      header = record.fields;
      const found = columnIndex(header, mapping);
      if (found.absent.length > 0)
        throw new ValidationError(
          found.absent.map((c) => ({
            path: `mapping.columns.${c}`,
            message: `the file has no column "${mapping.columns[c]}" (line ${record.line} has ${header!.map((h) => `"${h}"`).join(", ")})`,
          })),
          "Nothing was imported.",
        );
      index = found.index;
      continue;
    }
    if (record.fields.every((f) => f.trim() === "")) continue;
    rows++;
    const result = readCaseOutcomeRow(record.fields, index, mapping, offences);
    if ("problems" in result) {
      for (const p of result.problems) reject(record.line, p.column, p.reason);
      continue;
    }
    const { row } = result;
    if (!countries.has(row.input.country)) {
      reject(record.line, "country", `no country has the code ${row.input.country}`);
      continue;
    }
    const key = `${row.input.country}\u0000${row.externalId}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      reject(record.line, "external_id", `the external id ${row.externalId} of ${row.input.country} is already on line ${earlier}`);
      continue;
    }
    seen.set(key, record.line);
    read.push({ ...row, line: record.line });
  }
  if (header === null)
    throw new ValidationError([{ path: "file", message: `the file has no header row (line ${mapping.header_row})` }], "Nothing was imported.");

  // Incidents by number, as the importer may see them: one it may not see is no incident.
  const incidentVisibility = visibilityOf(actor, "incident.read");
  const numbers = [...new Set(read.flatMap((r) => (r.incidentNumber === null ? [] : [r.incidentNumber])))];
  const incidents = new Map<number, string>();
  for (const part of chunks(numbers)) for (const [n, id] of await visibleIncidentIdsByNumber(db, part, incidentVisibility)) incidents.set(n, id);

  const existing = new Map<string, Row>();
  const byCountry = new Map<string, string[]>();
  for (const r of read) byCountry.set(r.input.country, [...(byCountry.get(r.input.country) ?? []), r.externalId]);
  for (const [country, ids] of byCountry)
    for (const part of chunks(ids)) for (const r of await repo.caseOutcomesByExternalId(db, country, part)) existing.set(`${country}\u0000${r.external_id}`, r);
  const linked = [...new Set([...existing.values()].flatMap((r) => (r.incident_id === null ? [] : [r.incident_id])))];
  const visibleLinked = new Set<string>();
  for (const part of chunks(linked)) for (const id of await visibleIncidentIds(db, part, incidentVisibility)) visibleLinked.add(id);

  const correctionScope = visibilityOf(actor, "case_outcome.update");
  const at = nowIso();
  const inserts: Row[] = [];
  const updates: { before: Row; after: Row; line: number }[] = [];
  const changes: CaseOutcomeChange[] = [];
  for (const r of read) {
    const before = existing.get(`${r.input.country}\u0000${r.externalId}`);
    let incidentId: string | null = null;
    if (r.incidentNumber !== null) {
      const id = incidents.get(r.incidentNumber);
      if (id === undefined) {
        reject(r.line, "incident_number", `no incident has the number ${r.incidentNumber}`);
        continue;
      }
      incidentId = id;
    } else if (before?.incident_id && (index.get("incident_number") === undefined || !visibleLinked.has(before.incident_id))) {
      // A file without the column, or an incident the importer may not see: the link stays.
      incidentId = before.incident_id;
    }
    const columns = {
      ...caseOutcomeColumns({ ...r.input, incident_id: incidentId }, offences.category(r.input.offence.category)?.iccs ?? null),
      synthetic: r.input.synthetic,
    };
    if (before === undefined) {
      const row: Row = {
        id: newId(),
        ...columns,
        created_by: user.id,
        created_at: at,
        version: 1,
        post_code: user.postCode,
        external_id: r.externalId,
        updated_by: null,
        updated_at: null,
        withdrawn_at: null,
        withdrawn_reason: null,
      };
      inserts.push(row);
      changes.push({ line: r.line, external_id: r.externalId, kind: "add", id: dryRun ? null : row.id });
      continue;
    }
    if (COMPARED.every((c) => before[c] === columns[c])) {
      changes.push({ line: r.line, external_id: r.externalId, kind: "unchanged", id: before.id });
      continue;
    }
    if (correctionScope.kind === "post" && before.post_code !== correctionScope.post) {
      reject(r.line, "external_id", `the case outcome ${r.externalId} was recorded by another post: only that post or the bureau may change it`);
      continue;
    }
    if (before.withdrawn_at !== null) {
      reject(r.line, "external_id", `the case outcome ${r.externalId} has been withdrawn and can no longer be changed`);
      continue;
    }
    updates.push({ before, after: { ...before, ...columns, version: before.version + 1, updated_by: user.id, updated_at: at }, line: r.line });
    changes.push({ line: r.line, external_id: r.externalId, kind: "update", id: before.id });
  }

  const written = !dryRun && !(allOrNothing && rejections.length > 0) && inserts.length + updates.length > 0;
  if (written) {
    await db.transaction().execute(async (trx) => {
      for (const part of chunks(inserts)) await repo.insertCaseOutcomes(trx, part);
      for (const u of updates) {
        const values = Object.fromEntries([...COMPARED, "updated_by", "updated_at"].map((c) => [c, u.after[c as keyof Row]])) as Partial<Row>;
        if (!(await repo.updateCaseOutcome(trx, u.before.id, u.before.version, values)))
          throw new VersionConflictError(`The case outcome ${u.before.external_id ?? ""}`, u.before.version);
      }
      const events: AuditEntry[] = [
        ...inserts.map((row): AuditEntry => ({ action: "case_outcome.create", entityType: "case_outcome", entityId: row.id, after: presentCaseOutcome(row) })),
        ...updates.map(
          (u): AuditEntry => ({
            action: "case_outcome.update",
            entityType: "case_outcome",
            entityId: u.before.id,
            before: presentCaseOutcome(u.before),
            after: { ...presentCaseOutcome(u.after), reason: `imported from ${file}, line ${u.line}` },
          }),
        ),
      ];
      await recordAudit(trx, actor, events);
    });
  }
  rejections.sort((a, b) => a.line - b.line);
  return {
    file,
    dry_run: dryRun,
    all_or_nothing: allOrNothing,
    written,
    rows,
    added: inserts.length,
    updated: updates.length,
    unchanged: changes.filter((c) => c.kind === "unchanged").length,
    rejected: new Set(rejections.map((r) => r.line)).size,
    rejections: rejections.slice(0, MAX_LISTED),
    changes: changes.slice(0, MAX_LISTED),
  };
}

/**
 * A file's rows through the readers every table goes through (importers/table.ts: a CSV, told
 * apart from an XLSX worksheet by its content); a file that cannot be read is a 400 naming the file.
 */
async function* tableRows(path: string, mapping: CaseOutcomeMapping): AsyncGenerator<FileRow> {
  try {
    const options = {
      delimiter: mapping.delimiter,
      headerRow: mapping.header_row,
      ...(mapping.encoding ? { encoding: mapping.encoding } : {}),
      ...(mapping.sheet ? { sheet: mapping.sheet } : {}),
    };
    for await (const record of readTableRows(path, options)) yield { line: record.line, fields: record.fields };
  } catch (error) {
    if (error instanceof TextFileError) throw new ValidationError([{ path: "file", message: error.message }], "Nothing was imported.");
    throw error;
  }
}

export interface CaseOutcomeUpload {
  /** Opens the file as it arrives (called once permission is checked). */
  open: () => Readable;
  filename: string | null;
  mapping: CaseOutcomeMapping;
  dryRun: boolean;
  allOrNothing: boolean;
}

export function caseOutcomeImportUseCases(db: Kysely<Database>) {
  const importFile = (actor: Actor | null, path: string, request: Omit<CaseOutcomeImportRequest, "rows">) =>
    importCaseOutcomes(db, actor, { ...request, rows: tableRows(path, request.mapping) });
  return {
    /** Import a file of case outcomes from a path (the CLI). */
    importCaseOutcomeFile: importFile,

    /**
     * Import an uploaded file, in the request (files are bounded by UPLOAD_LIMIT_BYTES; thousands
     * of rows take a second or two): permission first, before a byte is read, then spooled to a
     * temporary file as it arrives and read from there.
     */
    async importCaseOutcomeUpload(actor: Actor | null, upload: CaseOutcomeUpload): Promise<CaseOutcomeImportReport> {
      authorize(actor, "case_outcome.create");
      requireUser(actor);
      return withSpooledUpload(upload.open(), (path) =>
        importFile(actor, path, {
          file: upload.filename ?? "the uploaded file",
          mapping: upload.mapping,
          dryRun: upload.dryRun,
          allOrNothing: upload.allOrNothing,
        }),
      );
    },

    /** The mapping's JSON Schema, for those who record case outcomes. */
    async caseOutcomeMappingSchema(actor: Actor | null): Promise<Record<string, unknown>> {
      authorize(actor, "case_outcome.create");
      return caseOutcomeMappingJsonSchema();
    },
  };
}
