// Kysely queries on the taskings module's own tables: taskings, their targets and issued versions,
// the posts' responses with their answers and linked records.
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { Database, TaskingResponseTable, TaskingTable } from "../../db/types.js";
import type { LinkedRecordKind, TaskingState } from "../../domain/vocabulary.js";

type Db = Kysely<Database>;
export type TaskingRow = Selectable<TaskingTable>;
export type ResponseRow = Selectable<TaskingResponseTable>;

export async function insertTasking(db: Db, row: Insertable<TaskingTable>, posts: readonly string[]): Promise<void> {
  await db.insertInto("taskings").values(row).execute();
  await replaceTargets(db, row.id, posts);
}

export async function replaceTargets(db: Db, taskingId: string, posts: readonly string[]): Promise<void> {
  await db.deleteFrom("tasking_targets").where("tasking_id", "=", taskingId).execute();
  if (posts.length > 0)
    await db
      .insertInto("tasking_targets")
      .values(posts.map((post_code) => ({ tasking_id: taskingId, post_code })))
      .execute();
}

/** Change a tasking if it is still at `version` (optimistic concurrency); false when someone saved first. */
export async function updateTaskingRow(db: Db, id: string, version: number, changes: Updateable<TaskingTable>): Promise<boolean> {
  const result = await db
    .updateTable("taskings")
    .set({ ...changes, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findTaskingRow(db: Db, id: string): Promise<TaskingRow | undefined> {
  return db.selectFrom("taskings").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function referenceTaken(db: Db, reference: string): Promise<boolean> {
  return (await db.selectFrom("taskings").select("id").where("reference", "=", reference).executeTakeFirst()) !== undefined;
}

/** Taskings, latest due first; `forPost` keeps those that target it. */
export async function listTaskingRows(db: Db, filter: { state?: TaskingState; forPost?: string }): Promise<TaskingRow[]> {
  let query = db.selectFrom("taskings").selectAll().orderBy("due_date", "desc").orderBy("reference");
  if (filter.state) query = query.where("state", "=", filter.state);
  if (filter.forPost) {
    const post = filter.forPost;
    query = query.where("id", "in", (eb) => eb.selectFrom("tasking_targets").select("tasking_id").where("post_code", "=", post));
  }
  return query.execute();
}

/** The taskings of a recurring series (its first and every round issued since), oldest first. */
export async function seriesRows(db: Db, root: string): Promise<TaskingRow[]> {
  return db
    .selectFrom("taskings")
    .selectAll()
    .where((eb) => eb.or([eb("id", "=", root), eb("series_of", "=", root)]))
    .orderBy("period_from")
    .execute();
}

export async function targetsOf(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom("tasking_targets")
    .select(["tasking_id", "post_code"])
    .where("tasking_id", "in", [...ids])
    .orderBy("post_code")
    .execute();
  for (const r of rows) map.set(r.tasking_id, [...(map.get(r.tasking_id) ?? []), r.post_code]);
  return map;
}

export async function insertVersion(
  db: Db,
  row: { tasking_id: string; version: number; content: string; note: string | null; issued_by: string; issued_at: string },
): Promise<void> {
  await db.insertInto("tasking_versions").values(row).execute();
}

export async function versionsOf(db: Db, taskingId: string) {
  return db.selectFrom("tasking_versions").selectAll().where("tasking_id", "=", taskingId).orderBy("version").execute();
}

export async function findResponseRow(db: Db, taskingId: string, post: string): Promise<ResponseRow | undefined> {
  return db.selectFrom("tasking_responses").selectAll().where("tasking_id", "=", taskingId).where("post_code", "=", post).executeTakeFirst();
}

/** The responses to these taskings (of one post, when given). */
export async function findResponseById(db: Db, id: string): Promise<ResponseRow | undefined> {
  return db.selectFrom("tasking_responses").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function responseRows(db: Db, taskingIds: readonly string[], post?: string): Promise<ResponseRow[]> {
  if (taskingIds.length === 0) return [];
  let query = db
    .selectFrom("tasking_responses")
    .selectAll()
    .where("tasking_id", "in", [...taskingIds])
    .orderBy("post_code");
  if (post) query = query.where("post_code", "=", post);
  return query.execute();
}

export async function insertResponse(db: Db, row: Insertable<TaskingResponseTable>): Promise<void> {
  await db.insertInto("tasking_responses").values(row).execute();
}

export async function updateResponseRow(db: Db, id: string, version: number, changes: Updateable<TaskingResponseTable>): Promise<boolean> {
  const result = await db
    .updateTable("tasking_responses")
    .set({ ...changes, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface AnswerRow {
  requirement: number;
  nothing_to_report: boolean;
  narrative: string | null;
}
export interface LinkRow {
  requirement: number;
  record_kind: LinkedRecordKind;
  record_id: string;
}

export async function replaceAnswers(db: Db, responseId: string, answers: readonly AnswerRow[], links: readonly LinkRow[]): Promise<void> {
  await db.deleteFrom("tasking_answers").where("response_id", "=", responseId).execute();
  await db.deleteFrom("tasking_links").where("response_id", "=", responseId).execute();
  if (answers.length > 0)
    await db
      .insertInto("tasking_answers")
      .values(answers.map((a) => ({ response_id: responseId, ...a })))
      .execute();
  if (links.length > 0)
    await db
      .insertInto("tasking_links")
      .values(links.map((l) => ({ response_id: responseId, ...l })))
      .execute();
}

export async function answersOf(db: Db, responseIds: readonly string[]) {
  if (responseIds.length === 0) return [];
  return db
    .selectFrom("tasking_answers")
    .select(["response_id", "requirement", "nothing_to_report", "narrative"])
    .where("response_id", "in", [...responseIds])
    .orderBy("requirement")
    .execute();
}

export async function linksOf(db: Db, responseIds: readonly string[]) {
  if (responseIds.length === 0) return [];
  return db
    .selectFrom("tasking_links")
    .select(["response_id", "requirement", "record_kind", "record_id"])
    .where("response_id", "in", [...responseIds])
    .orderBy("requirement")
    .orderBy("record_kind")
    .orderBy("record_id")
    .execute();
}
