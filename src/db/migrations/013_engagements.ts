// 013: engagements with the host government (PRODUCT.md §3 Engagement, issue 14 item 4). A post
// records each meeting, démarche, call or letter: the counterpart as an office with its level and
// type (never a private person), the message it delivered and the response, reviewed like an
// incident. Its topics are taxonomy categories; its follow-up actions have an owner (a user of the
// post or a role in words) and a due date, indexed while open so the ones falling due are found.
import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("engagements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_code", "text", (c) => c.notNull().references("posts.code"))
    // The post of the user who recorded it (the visibility rule reads it, as for incidents).
    .addColumn("author_post_code", "text", (c) => c.notNull())
    .addColumn("country_code", "text", (c) => c.notNull().references("countries.code"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN (${list(["meeting", "demarche", "call", "letter"])})`))
    .addColumn("office", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull().check(sql`level IN (${list(["minister", "senior_official", "working_level"])})`))
    .addColumn("office_type", "text", (c) =>
      c.notNull().check(sql`office_type IN (${list(["interior", "justice", "police", "immigration", "housing", "parliament", "local_authority", "other"])})`),
    )
    .addColumn("initiated_by", "text", (c) => c.notNull().check(sql`initiated_by IN (${list(["post", "host_government", "other"])})`))
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("response", "text", (c) => c.notNull().check(sql`response IN (${list(["receptive", "non_committal", "rejected", "no_response_yet"])})`))
    .addColumn("response_text", "text")
    .addColumn("handling", "text", (c) => c.notNull().check(sql`handling IN ('UNCLASSIFIED', 'SBU')`))
    .addColumn("synthetic", t.bool, (c) => c.notNull())
    // Set by the bureau on an accepted engagement: the country report names it among the notable ones.
    .addColumn("notable", t.bool, (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("return_comment", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .addColumn("cleared_at", "text")
    .addColumn("accepted_at", "text")
    .execute();
  await db.schema.createIndex("engagements_post_date").on("engagements").columns(["post_code", "date"]).execute();
  await db.schema.createIndex("engagements_country_state_date").on("engagements").columns(["country_code", "state", "date"]).execute();

  await db.schema
    .createTable("engagement_topics")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("category_code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("engagement_topics_pk", ["engagement_id", "category_code"])
    .execute();
  await db.schema.createIndex("engagement_topics_category").on("engagement_topics").column("category_code").execute();

  await db.schema
    .createTable("engagement_follow_ups")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    // Its owner: a user of the post, or a role in words ("the political section"); exactly one.
    .addColumn("owner_user_id", "text", (c) => c.references("users.id"))
    .addColumn("owner_role", "text")
    .addColumn("due_date", "text", (c) => c.notNull())
    // Open while NULL.
    .addColumn("completed_at", "text")
    .addColumn("completed_by", "text", (c) => c.references("users.id"))
    .addPrimaryKeyConstraint("engagement_follow_ups_pk", ["engagement_id", "number"])
    .addCheckConstraint("engagement_follow_ups_one_owner", sql`(owner_user_id IS NULL) <> (owner_role IS NULL)`)
    .execute();
  // The open follow-ups by due date: what falls due (notifications, the list's due and overdue filters).
  await db.schema
    .createIndex("engagement_follow_ups_open_due")
    .on("engagement_follow_ups")
    .columns(["due_date"])
    .where(sql.ref("completed_at"), "is", null)
    .execute();
}
