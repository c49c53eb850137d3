// Reading taskings as a given actor, and THE rule of who sees which: the bureau (and auditors) see
// every tasking; a post's staff see the taskings issued to their post, never a draft. A tasking out
// of sight is "not found", like any record. Also the presenter (row → answer) and response scopes.
import type { Kysely } from "kysely";
import { NotFoundError } from "../../domain/errors.js";
import { UUID_PATTERN } from "../../domain/ids.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize, visibilityOf } from "../auth/policy.js";
import { listPostRows } from "../reference/index.js";
import { findTaskingRow, listTaskingRows, targetsOf, type TaskingRow } from "./repo.js";
import type { Requirement, TaskingOutput } from "./schema.js";

/** The post whose taskings the actor is limited to, or null for every tasking. */
export function taskingScope(actor: Actor | null): string | null {
  authorize(actor, "tasking.read");
  const visibility = visibilityOf(actor, "tasking.read");
  return visibility.kind === "post" ? visibility.post : null;
}

function sees(scope: string | null, row: TaskingRow, targets: readonly string[]): boolean {
  return scope === null || (row.state !== "draft" && targets.includes(scope));
}

export async function postNames(db: Kysely<Database>): Promise<Map<string, string>> {
  return new Map((await listPostRows(db)).map((p) => [p.code, p.name]));
}

export function presentTasking(row: TaskingRow, targets: readonly string[], names: Map<string, string>): TaskingOutput {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    handling: row.handling,
    body: row.body,
    requirements: JSON.parse(row.requirements) as Requirement[],
    period: { from: row.period_from, to: row.period_to },
    due_date: row.due_date,
    recurrence: row.recurrence,
    targets: targets.map((post) => ({ post, name: names.get(post) ?? post })),
    state: row.state,
    synthetic: row.synthetic,
    issued_version: row.issued_version,
    version: row.version,
    series_of: row.series_of,
    issued_at: row.issued_at,
    closed_at: row.closed_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The tasking the actor may see, or 404 (missing and out of sight look the same). */
export async function visibleTasking(db: Kysely<Database>, actor: Actor | null, id: string): Promise<TaskingOutput> {
  const scope = taskingScope(actor);
  const row = UUID_PATTERN.test(id) ? await findTaskingRow(db, id) : undefined;
  const targets = row ? ((await targetsOf(db, [row.id])).get(row.id) ?? []) : [];
  if (!row || !sees(scope, row, targets)) throw new NotFoundError("Tasking");
  return presentTasking(row, targets, await postNames(db));
}

/** The taskings the actor may see (of one state, when asked), latest due first. */
export async function visibleTaskings(db: Kysely<Database>, actor: Actor | null, state?: TaskingRow["state"]): Promise<TaskingOutput[]> {
  const scope = taskingScope(actor);
  const rows = await listTaskingRows(db, { ...(state ? { state } : {}), ...(scope === null ? {} : { forPost: scope }) });
  const [targets, names] = await Promise.all([
    targetsOf(
      db,
      rows.map((r) => r.id),
    ),
    postNames(db),
  ]);
  return rows.filter((r) => sees(scope, r, targets.get(r.id) ?? [])).map((r) => presentTasking(r, targets.get(r.id) ?? [], names));
}
