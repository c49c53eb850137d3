// 020: stored files (the files module: evidence and archived pages, issue 14 item 4, reused by
// issues 15 and 18) and engagements' attachments. The bytes live in the database, not on a disk of
// one app server, so every server on the one PostgreSQL serves them; with them the SHA-256 of the
// bytes, their size, the media type told from the content, and the file name sanitised. No person
// is named here: who added or removed a file is the audit log's business.
import type { Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content", t.bytes, (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // An engagement's attachment is one stored file; removing it removes the file too.
  await db.schema
    .createTable("engagement_attachments")
    .addColumn("file_id", "text", (c) => c.primaryKey().references("files.id"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("engagement_attachments_engagement").on("engagement_attachments").column("engagement_id").execute();
}
