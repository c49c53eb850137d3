// Kysely queries on the engagements module's own tables: engagements, their topics, their
// follow-up actions and their attachments (links to files the files module keeps). Lists and searches hide what a single read would answer 404 for (the
// incidents' visibility rule, auth/visibility-sql.ts).
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import { textContains } from "../../db/dialect.js";
import type { Database, EngagementAttachmentTable, EngagementFollowUpTable, EngagementTable } from "../../db/types.js";
import { addDays } from "../../domain/dates.js";
import type { Visibility } from "../auth/policy.js";
import { reviewedRecordVisible } from "../auth/visibility-sql.js";
import type { EngagementListQuery } from "./schema.js";

type Db = Kysely<Database>;
export type EngagementRow = Selectable<EngagementTable>;
export type FollowUpRow = Selectable<EngagementFollowUpTable>;

export async function insertEngagement(db: Db, row: Insertable<EngagementTable>, topics: readonly string[], followUps: readonly FollowUpRow[]): Promise<void> {
  await db.insertInto("engagements").values(row).execute();
  await replaceTopics(db, row.id, topics);
  if (followUps.length > 0)
    await db
      .insertInto("engagement_follow_ups")
      .values([...followUps])
      .execute();
}

export async function replaceTopics(db: Db, id: string, topics: readonly string[]): Promise<void> {
  await db.deleteFrom("engagement_topics").where("engagement_id", "=", id).execute();
  if (topics.length > 0)
    await db
      .insertInto("engagement_topics")
      .values([...new Set(topics)].map((category_code) => ({ engagement_id: id, category_code })))
      .execute();
}

/** Change an engagement if it is still at `version` (optimistic concurrency); false when someone saved first. */
export async function updateEngagementRow(db: Db, id: string, version: number, changes: Updateable<EngagementTable>): Promise<boolean> {
  const result = await db
    .updateTable("engagements")
    .set({ ...changes, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findEngagementRow(db: Db, id: string): Promise<EngagementRow | undefined> {
  return db.selectFrom("engagements").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function topicsOf(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom("engagement_topics")
    .select(["engagement_id", "category_code"])
    .where("engagement_id", "in", [...ids])
    .orderBy("category_code")
    .execute();
  for (const r of rows) map.set(r.engagement_id, [...(map.get(r.engagement_id) ?? []), r.category_code]);
  return map;
}

export async function followUpsOf(db: Db, ids: readonly string[]): Promise<Map<string, FollowUpRow[]>> {
  const map = new Map<string, FollowUpRow[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom("engagement_follow_ups")
    .selectAll()
    .where("engagement_id", "in", [...ids])
    .orderBy("number")
    .execute();
  for (const r of rows) map.set(r.engagement_id, [...(map.get(r.engagement_id) ?? []), r]);
  return map;
}

export async function insertFollowUp(db: Db, row: FollowUpRow): Promise<void> {
  await db.insertInto("engagement_follow_ups").values(row).execute();
}

export async function completeFollowUp(db: Db, id: string, number: number, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("engagement_follow_ups")
    .set({ completed_at: at, completed_by: by })
    .where("engagement_id", "=", id)
    .where("number", "=", number)
    .where("completed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The engagements matching the filters that the visibility lets through, latest first, and how many match in all. */
export async function listEngagementRows(
  db: Db,
  visibility: Visibility,
  filter: EngagementListQuery,
  today: string,
): Promise<{ rows: EngagementRow[]; total: number }> {
  let query = db.selectFrom("engagements").where(reviewedRecordVisible("engagements", visibility));
  if (filter.post) query = query.where("post_code", "=", filter.post);
  if (filter.from) query = query.where("date", ">=", filter.from);
  if (filter.to) query = query.where("date", "<=", filter.to);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  if (filter.level) query = query.where("level", "=", filter.level);
  if (filter.office_type) query = query.where("office_type", "=", filter.office_type);
  if (filter.response) query = query.where("response", "=", filter.response);
  if (filter.state) query = query.where("state", "=", filter.state);
  if (filter.category) {
    const code = filter.category;
    query = query.where("id", "in", (eb) =>
      eb
        .selectFrom("engagement_topics")
        .select("engagement_id")
        .where((w) => w.or([w("category_code", "=", code), ...(code.includes(".") ? [] : [w("category_code", "like", `${code}.%`)])])),
    );
  }
  if (filter.follow_up) {
    const which = filter.follow_up;
    query = query.where("id", "in", (eb) => {
      let open = eb.selectFrom("engagement_follow_ups").select("engagement_id").where("completed_at", "is", null);
      if (which === "overdue") open = open.where("due_date", "<", today);
      if (which === "due") open = open.where("due_date", ">=", today).where("due_date", "<=", addDays(today, 7));
      return open;
    });
  }
  if (filter.q) query = query.where(textContains(filter.q, ["office", "message", "response_text"]));
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy("date", "desc").orderBy("id", "desc").limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Which of these engagements the visibility lets through (a tasking response may link only those). */
export async function visibleEngagementIds(db: Db, ids: readonly string[], visibility: Visibility): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("engagements")
    .select("id")
    .where("id", "in", [...ids])
    .where(reviewedRecordVisible("engagements", visibility))
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function engagementRows(db: Db, ids: readonly string[]): Promise<EngagementRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("engagements")
    .selectAll()
    .where("id", "in", [...ids])
    .orderBy("date")
    .orderBy("id")
    .execute();
}

/** Accepted engagements in a host country over a period, oldest first (the country report's section). */
export async function acceptedEngagementRows(db: Db, filter: { countries: readonly string[]; from: string; to: string; visibility: Visibility }) {
  if (filter.countries.length === 0) return [];
  return db
    .selectFrom("engagements")
    .selectAll()
    .where("state", "=", "accepted")
    .where("country_code", "in", [...filter.countries])
    .where("date", ">=", filter.from)
    .where("date", "<=", filter.to)
    .where(reviewedRecordVisible("engagements", filter.visibility))
    .orderBy("date")
    .orderBy("id")
    .execute();
}

/**
 * The open follow-up actions due strictly before `date` (YYYY-MM-DD), earliest first, with the
 * engagement's post: what the notifications module announces as due ("due in 7 days": ask with
 * today + 8). Served by the partial index on open follow-ups' due dates (migration 013).
 */
export async function openFollowUpsDueBefore(db: Db, date: string) {
  return db
    .selectFrom("engagement_follow_ups as f")
    .innerJoin("engagements as e", "e.id", "f.engagement_id")
    .select(["f.engagement_id", "f.number", "f.action", "f.owner_user_id", "f.owner_role", "f.due_date", "e.post_code", "e.office", "e.date"])
    .where("f.completed_at", "is", null)
    .where("f.due_date", "<", date)
    .orderBy("f.due_date")
    .orderBy("f.engagement_id")
    .orderBy("f.number")
    .execute();
}

type AttachmentRow = Selectable<EngagementAttachmentTable>;

/** An engagement's attachments, in the order they were added. */
export async function attachmentsOf(db: Db, id: string): Promise<AttachmentRow[]> {
  return db.selectFrom("engagement_attachments").selectAll().where("engagement_id", "=", id).orderBy("added_at").orderBy("file_id").execute();
}

export async function findAttachment(db: Db, id: string, fileId: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom("engagement_attachments").selectAll().where("engagement_id", "=", id).where("file_id", "=", fileId).executeTakeFirst();
}

export async function insertAttachment(db: Db, row: AttachmentRow): Promise<void> {
  await db.insertInto("engagement_attachments").values(row).execute();
}

/** Unlink a file from its engagement; false when it was not (or no longer) linked. */
export async function deleteAttachment(db: Db, id: string, fileId: string): Promise<boolean> {
  const result = await db.deleteFrom("engagement_attachments").where("engagement_id", "=", id).where("file_id", "=", fileId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
