// 012: taskings and the posts' responses (PRODUCT.md §3 Tasking, issue 14). A tasking is the
// bureau's cable to posts: its current text lives in `taskings`; each issue and each amendment is
// a frozen version in `tasking_versions` (posts see the change between two). Its targets are posts,
// resolved from groups when it is saved. A response is one post's answer to one tasking, reviewed
// like an incident; its answers are one per requirement (a narrative or "nothing to report"), and
// its links name records of any kind (incidents and datasets today, engagements later).
import { sql, type Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("taskings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("handling", "text", (c) => c.notNull().check(sql`handling IN ('UNCLASSIFIED', 'SBU')`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("requirements", "text", (c) => c.notNull()) // JSON [{text, categories, statistics}], numbered in order
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("recurrence", "text", (c) => c.notNull().check(sql`recurrence IN ('none', 'monthly', 'quarterly')`))
    .addColumn("state", "text", (c) => c.notNull().check(sql`state IN ('draft', 'issued', 'closed')`))
    // The demo's taskings: their responses' cables carry the synthetic-data watermark.
    .addColumn("synthetic", t.bool, (c) => c.notNull())
    // The version posts see: 0 while a draft, 1 when issued, one more with each amendment.
    .addColumn("issued_version", "integer", (c) => c.notNull())
    // Optimistic concurrency of edits (every change of the row).
    .addColumn("version", "integer", (c) => c.notNull())
    // A recurring tasking's issues point to the tasking they repeat.
    .addColumn("series_of", "text", (c) => c.references("taskings.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("issued_at", "text")
    .addColumn("closed_at", "text")
    .execute();
  await db.schema.createIndex("taskings_state_due").on("taskings").columns(["state", "due_date"]).execute();

  await db.schema
    .createTable("tasking_targets")
    .addColumn("tasking_id", "text", (c) => c.notNull().references("taskings.id"))
    .addColumn("post_code", "text", (c) => c.notNull().references("posts.code"))
    .addPrimaryKeyConstraint("tasking_targets_pk", ["tasking_id", "post_code"])
    .execute();
  await db.schema.createIndex("tasking_targets_post").on("tasking_targets").column("post_code").execute();

  await db.schema
    .createTable("tasking_versions")
    .addColumn("tasking_id", "text", (c) => c.notNull().references("taskings.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull()) // JSON: what posts were sent
    .addColumn("note", "text") // what an amendment changed, in the editor's words
    .addColumn("issued_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("tasking_versions_pk", ["tasking_id", "version"])
    .execute();

  await db.schema
    .createTable("tasking_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tasking_id", "text", (c) => c.notNull().references("taskings.id"))
    .addColumn("post_code", "text", (c) => c.notNull().references("posts.code"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("return_comment", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    // The first submission decides whether the post answered on time; the others date the last step.
    .addColumn("first_submitted_at", "text")
    .addColumn("submitted_at", "text")
    .addColumn("cleared_at", "text")
    .addColumn("accepted_at", "text")
    .addUniqueConstraint("tasking_responses_one_per_post", ["tasking_id", "post_code"])
    .execute();

  await db.schema
    .createTable("tasking_answers")
    .addColumn("response_id", "text", (c) => c.notNull().references("tasking_responses.id"))
    .addColumn("requirement", "integer", (c) => c.notNull())
    .addColumn("nothing_to_report", t.bool, (c) => c.notNull())
    .addColumn("narrative", "text")
    .addPrimaryKeyConstraint("tasking_answers_pk", ["response_id", "requirement"])
    .execute();

  await db.schema
    .createTable("tasking_links")
    .addColumn("response_id", "text", (c) => c.notNull().references("tasking_responses.id"))
    .addColumn("requirement", "integer", (c) => c.notNull())
    .addColumn("record_kind", "text", (c) => c.notNull())
    .addColumn("record_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("tasking_links_pk", ["response_id", "requirement", "record_kind", "record_id"])
    .execute();
}
