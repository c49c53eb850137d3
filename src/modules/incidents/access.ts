// Reading incidents as a given actor: the record or 404 (missing and out-of-scope look the same),
// the actor's view of it (workflow actions and edits open to them), and the edit check.
import type { Kysely } from "kysely";
import { AppError, NotFoundError } from "../../domain/errors.js";
import { UUID_PATTERN } from "../../domain/ids.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { allowedTransitions, authorize, canSee, mayEdit } from "../auth/policy.js";
import { sourcesByIncident } from "../sources/index.js";
import { presentIncident } from "./presenter.js";
import { categoriesByIncident, findIncidentRows, groupsByIncident } from "./repo.js";
import type { IncidentOutput, IncidentRecordOutput } from "./schema.js";

/** Incidents by id, in the order given, with categories, perpetrator groups and sources. */
export async function presentIncidents(db: Kysely<Database>, ids: string[]): Promise<IncidentRecordOutput[]> {
  const [rows, categories, groups, sources] = await Promise.all([
    findIncidentRows(db, ids),
    categoriesByIncident(db, ids),
    groupsByIncident(db, ids),
    sourcesByIncident(db, ids),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [presentIncident(row, categories.get(id) ?? [], groups.get(id) ?? [], sources.get(id) ?? [])] : [];
  });
}

/** A stored record as the actor sees it: with the workflow actions and edits open to them now. */
export function viewOf(actor: Actor | null, record: IncidentRecordOutput): IncidentOutput {
  const scoped = { post_code: record.post, state: record.state, author_post_code: record.author_post };
  return { ...record, allowed_actions: allowedTransitions(actor, scoped), editable: mayEdit(actor, scoped) };
}

/** The record an actor may see, or 404: the same answer whether it is missing or out of scope. */
export async function visibleIncident(db: Kysely<Database>, actor: Actor | null, id: string): Promise<IncidentRecordOutput> {
  authorize(actor, "incident.read");
  const [incident] = UUID_PATTERN.test(id) ? await presentIncidents(db, [id]) : [];
  if (!incident || !canSee(actor, { post_code: incident.post, state: incident.state, author_post_code: incident.author_post })) {
    throw new NotFoundError("Incident");
  }
  return incident;
}

/** 409 unless the actor may edit the record in its current state (after it is known to be visible). */
export function assertEditable(actor: Actor | null, record: IncidentRecordOutput): void {
  authorize(actor, "incident.update");
  if (!mayEdit(actor, { post_code: record.post, state: record.state, author_post_code: record.author_post })) {
    throw new AppError(409, "not_editable", `This incident is ${record.state} and cannot be edited by you now.`, [], { state: record.state });
  }
}
