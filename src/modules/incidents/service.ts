// Incident use cases: record (one or a batch), read, list, correct, attach a source. Each checks
// permission first, then the codes against reference data, then writes the change and its audit
// event in one transaction.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { ValidationError, VersionConflictError, type IssueDetail } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import { isEuEfta } from "../../domain/regions.js";
import { BUREAU_POST, type WorkflowState } from "../../domain/vocabulary.js";
import { indexNewIncidentTexts, type DialectName } from "../../db/dialect.js";
import type { Database, NewSourceRow, SourceRow } from "../../db/types.js";
import { joinPath } from "../common/issues.js";
import { requireUser, type Actor, type UserActor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { recordAudit, type AuditEntry } from "../audit/audit.js";
import { loadReferenceData, type ReferenceData } from "../reference/service.js";
import { findSource, findSources, insertSources, linkSources, newSourceRow, sourceTitlesOfIncident, type SourceLink } from "../sources/index.js";
import type { SourceInput } from "../sources/schema.js";
import {
  allocateIncidentNumbers,
  findIncidentRow,
  groupsByIncident,
  insertIncidents,
  listIncidentRows,
  reindexIncident,
  replaceCategories,
  replaceGroups,
  searchableText,
  updateIncidentRow,
  type IncidentRecord,
  type ListCursor,
} from "./repo.js";
import { fieldsToColumns, groupsToRows, storedFields } from "./presenter.js";
import { assertEditable, presentIncidents, viewOf, visibleIncident } from "./access.js";
import { incidentWorkflow } from "./workflow.js";
import {
  checkIncidentConsistency,
  type IncidentFields,
  type IncidentInput,
  type IncidentListQuery,
  type IncidentOutput,
  type IncidentPatch,
} from "./schema.js";

export interface CreateOptions {
  /** Where each input sits in the issue paths: by default its index ("3.title" for the 4th input's title). */
  pathOf?: (index: number) => string;
  /** Synthetic demo data only: the workflow state to record (real records always start as drafts). */
  state?: WorkflowState;
  /** With state "retracted": why. */
  retractionReason?: string;
}

/** Rewrite the full-text entries of these incidents (their text or their sources' titles changed). */
export async function reindexIncidents(trx: Kysely<Database>, ids: string[]): Promise<void> {
  for (const id of ids) await reindexIncident(trx, id, await sourceTitlesOfIncident(trx, id));
}

export function incidentService(db: Kysely<Database>, dialect: DialectName) {
  const present = (ids: string[]) => presentIncidents(db, ids);

  async function getIncident(actor: Actor | null, id: string): Promise<IncidentOutput> {
    return viewOf(actor, await visibleIncident(db, actor, id));
  }

  /**
   * Record incidents with their sources. All inputs are checked before anything is written; one
   * bad record stops the batch and every problem is reported.
   */
  async function createIncidents(actor: UserActor, inputs: IncidentInput[], options: CreateOptions = {}): Promise<string[]> {
    authorize(actor, "incident.create");
    if (options.state !== undefined && options.state !== "draft" && inputs.some((input) => !input.synthetic)) {
      // Only the workflow moves a real record out of draft; a shortcut is for synthetic demo data.
      throw new Error("createIncidents: a state other than draft is only for synthetic records");
    }
    const pathOf = options.pathOf ?? String;
    const reference = await loadReferenceData(db);
    const citedIds = [...new Set(inputs.flatMap((i) => i.sources.flatMap((s) => ("source_id" in s ? [s.source_id] : []))))];
    const cited = new Map((await findSources(db, citedIds, visibilityOf(actor, "source.read"))).map((s) => [s.id, s]));

    const issues: IssueDetail[] = [];
    const posts = inputs.map((input, i) => {
      const at = (...path: (string | number)[]) => joinPath(pathOf(i), path);
      issues.push(...referenceIssues(input, reference, at));
      input.sources.forEach((s, j) => {
        if ("source_id" in s && !cited.has(s.source_id)) issues.push({ path: at("sources", j, "source_id"), message: "no such source" });
      });
      return postFor(actor, input.post, reference, at("post"), issues);
    });
    if (issues.length > 0) throw new ValidationError(issues);

    const now = nowIso();
    const ids: string[] = [];
    // The numbers are taken in a statement of their own, before the transaction: reserving them
    // inside it held the counter row's lock until the commit, so every create in the system waited
    // for the whole of the one before. A create that then fails leaves its numbers unused (a gap,
    // like a sequence's); a number is still never handed out twice.
    const numbers = await allocateIncidentNumbers(db, inputs.length);
    await db.transaction().execute(async (trx) => {
      const records: IncidentRecord[] = [];
      const newSources: NewSourceRow[] = [];
      const links: SourceLink[] = [];
      const search: { number: number; text: string }[] = [];
      // Each incident's cited source ids, in order: looked up per incident rather than by scanning
      // every link of the batch, which made large imports quadratic.
      const citedBy = new Map<string, string[]>();
      inputs.forEach((input, i) => {
        const id = newId();
        ids.push(id);
        const citations: string[] = [];
        citedBy.set(id, citations);
        const sourceTitles: string[] = [];
        for (const s of input.sources) {
          let sourceId: string;
          if ("source_id" in s) {
            sourceId = s.source_id;
            sourceTitles.push(cited.get(sourceId)!.title);
          } else {
            const row = newSourceRow(actor, s as SourceInput, now);
            newSources.push(row);
            sourceId = row.id;
            sourceTitles.push(row.title);
          }
          if (!citations.includes(sourceId)) {
            citations.push(sourceId);
            links.push({ incident_id: id, source_id: sourceId, position: citations.length - 1, added_by: actor.id, added_at: now });
          }
        }
        records.push({
          row: {
            id,
            number: numbers[i]!,
            post_code: posts[i]!,
            author_post_code: actor.postCode,
            retraction_reason: options.state === "retracted" ? (options.retractionReason ?? null) : null,
            ...fieldsToColumns(input),
            synthetic: input.synthetic,
            state: options.state ?? "draft",
            version: 1,
            taxonomy_version: reference.taxonomyVersion,
            created_by: actor.id,
            created_at: now,
            updated_by: actor.id,
            updated_at: now,
          },
          categories: input.categories,
          groups: groupsToRows(input),
        });
        search.push({ number: numbers[i]!, text: searchableText(input.title, input.summary, sourceTitles) });
      });
      await insertSources(trx, newSources);
      await insertIncidents(trx, records);
      await linkSources(trx, links);
      await indexNewIncidentTexts(trx, search);
      const audit: AuditEntry[] = [
        ...newSources.map((s): AuditEntry => ({ action: "source.create", entityType: "source", entityId: s.id, after: s })),
        ...records.map(
          (r): AuditEntry => ({
            action: "incident.create",
            entityType: "incident",
            entityId: r.row.id,
            after: { ...r.row, categories: r.categories, perpetrator_groups: r.groups, sources: [...citedBy.get(r.row.id)!] },
          }),
        ),
      ];
      // Events last: the chain head is locked from here to the commit only.
      await recordAudit(trx, actor, audit);
    });
    return ids;
  }

  async function createIncident(actor: Actor | null, input: IncidentInput): Promise<IncidentOutput> {
    authorize(actor, "incident.create");
    const [id] = await createIncidents(requireUser(actor), [input], { pathOf: () => "" });
    return viewOf(actor, (await present([id!]))[0]!);
  }

  async function updateIncident(actor: Actor | null, id: string, patch: IncidentPatch): Promise<IncidentOutput> {
    authorize(actor, "incident.update");
    const user = requireUser(actor);
    const before = await visibleIncident(db, actor, id);
    assertEditable(actor, before);
    const { version, ...changes } = patch;
    const row = (await findIncidentRow(db, id))!;
    const stored = storedFields(row, before.categories, (await groupsByIncident(db, [id])).get(id) ?? []);
    const merged: IncidentFields = { ...stored, ...changes };
    const at = (...path: (string | number)[]) => joinPath("", path);
    const issues = checkIncidentConsistency(merged).map((i) => ({ path: at(...i.path), message: i.message }));
    const reference = await loadReferenceData(db);
    // Stored categories stay valid in their own taxonomy version; new ones must be current.
    issues.push(...referenceIssues(merged, reference, at, { categories: changes.categories !== undefined }));
    if (issues.length > 0) throw new ValidationError(issues);
    if (version !== before.version) throw new VersionConflictError("This incident", before.version);

    await db.transaction().execute(async (trx) => {
      const saved = await updateIncidentRow(trx, id, version, {
        ...fieldsToColumns(merged),
        // New categories move the record to the current taxonomy version.
        ...(changes.categories ? { taxonomy_version: reference.taxonomyVersion } : {}),
        updated_by: user.id,
        updated_at: nowIso(),
      });
      if (!saved) {
        const current = await findIncidentRow(trx, id);
        throw new VersionConflictError("This incident", current?.version ?? version);
      }
      if (changes.categories) await replaceCategories(trx, id, reference.taxonomyVersion, merged.categories);
      if (changes.perpetrators) await replaceGroups(trx, id, groupsToRows(merged));
      if (changes.title !== undefined || changes.summary !== undefined) await reindexIncidents(trx, [id]);
      const [after] = await presentIncidents(trx, [id]);
      // A change to a record the bureau has accepted is a correction, and says so in the log.
      const action = before.state === "accepted" ? "incident.correct" : "incident.update";
      await recordAudit(trx, user, { action, entityType: "incident", entityId: id, before, after });
    });
    return getIncident(actor, id);
  }

  /** Cite a source (existing, or new) for an incident. Citing the same source twice changes nothing. */
  async function attachSource(actor: Actor | null, id: string, input: SourceInput | { source_id: string }): Promise<IncidentOutput> {
    authorize(actor, "incident.update");
    const user = requireUser(actor);
    const before = await visibleIncident(db, actor, id);
    assertEditable(actor, before);
    let existing: SourceRow | undefined;
    if ("source_id" in input) {
      existing = await findSource(db, input.source_id, visibilityOf(actor, "source.read"));
      if (!existing) throw new ValidationError([{ path: "source_id", message: "no such source" }]);
      if (before.sources.some((s) => s.id === input.source_id)) return viewOf(actor, before);
    } else {
      authorize(actor, "source.create");
    }
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const audit: AuditEntry[] = [];
      let sourceId = existing?.id;
      if (!sourceId) {
        const row = newSourceRow(user, input as SourceInput, now);
        await insertSources(trx, [row]);
        audit.push({ action: "source.create", entityType: "source", entityId: row.id, after: row });
        sourceId = row.id;
      }
      await linkSources(trx, [{ incident_id: id, source_id: sourceId, position: before.sources.length, added_by: user.id, added_at: now }]);
      await reindexIncidents(trx, [id]);
      audit.push({
        action: "incident.source_attach",
        entityType: "incident",
        entityId: id,
        before: { sources: before.sources.map((s) => s.id) },
        after: { sources: [...before.sources.map((s) => s.id), sourceId] },
      });
      // Events last, in one call: the chain head stays locked from here to the commit only.
      await recordAudit(trx, user, audit);
    });
    return getIncident(actor, id);
  }

  async function listIncidents(actor: Actor | null, query: IncidentListQuery) {
    authorize(actor, "incident.read");
    const cursor = decodeCursor(query.cursor);
    const rows = await listIncidentRows(db, dialect, visibilityOf(actor, "incident.read"), query, cursor);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const items = (await present(page.map((r) => r.id))).map((record) => viewOf(actor, record));
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor(query.sort, { key: query.sort.endsWith("occurred") ? last.occurred_from : last.number, number: last.number })
        : null;
    return { items, next_cursor: nextCursor };
  }

  return { present, getIncident, createIncident, createIncidents, updateIncident, attachSource, listIncidents, ...incidentWorkflow(db) };
}

export type IncidentService = ReturnType<typeof incidentService>;

/** The post an incident belongs to: the author's, or for bureau users the one they name. */
function postFor(actor: UserActor, named: string | undefined, reference: ReferenceData, path: string, issues: IssueDetail[]): string {
  if (named === undefined || named === actor.postCode) return actor.postCode;
  if (actor.postCode !== BUREAU_POST) {
    issues.push({ path, message: "only bureau users may record an incident for another post" });
  } else if (!reference.posts.has(named)) {
    issues.push({ path, message: `no post has the code ${named}` });
  }
  return named;
}

/** Codes that must exist in the reference data, and rules that depend on them. */
function referenceIssues(
  fields: IncidentFields,
  reference: ReferenceData,
  at: (...path: (string | number)[]) => string,
  check = { categories: true },
): IssueDetail[] {
  const issues: IssueDetail[] = [];
  if (!reference.countries.has(fields.country)) issues.push({ path: at("country"), message: `no country has the code ${fields.country}` });
  if (check.categories)
    fields.categories.forEach((code, i) => {
      if (!reference.categories.has(code)) {
        issues.push({ path: at("categories", i), message: `${code} is not a category of taxonomy version ${reference.taxonomyVersion}` });
      }
    });
  fields.perpetrators.groups.forEach((g, i) => {
    if (g.nationality !== null && !reference.countries.has(g.nationality)) {
      issues.push({ path: at("perpetrators", "groups", i, "nationality"), message: `no country has the code ${g.nationality}` });
    }
    if (g.migration_status === "eu_efta_national" && !isEuEfta(fields.country)) {
      issues.push({ path: at("perpetrators", "groups", i, "migration_status"), message: "eu_efta_national applies only in EU and EFTA host countries" });
    }
  });
  return issues;
}

function encodeCursor(sort: string, cursor: ListCursor): string {
  return Buffer.from(JSON.stringify({ s: sort, k: cursor.key, n: cursor.number })).toString("base64url");
}

/** The schema has already checked the cursor (`isIncidentCursor`); this only reads it. */
function decodeCursor(value: string | undefined): ListCursor | null {
  if (value === undefined) return null;
  const { k, n } = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as { k: string | number; n: number };
  return { key: k, number: n };
}
