// 014: notifications (modules/notifications/, issue 14 item 5). A notification is something that
// is someone's turn, derived from the audit log (or from a due date): its recipient, its kind, the
// record it is about, a sentence for people and the page to open; `dedupe_key` is unique, so the
// same notification is never made twice however often the derivation runs. The derivation's place
// in the audit log is the one row of `notification_cursor`, moved in the transaction that writes the
// notifications it read. E-mails are rows of `email_deliveries` (an outbox): queued, claimed with a
// lease by one server, sent, marked sent; on failure tried again after a backoff. A user's choice of
// e-mail (immediate, a daily digest, none) is a row of `notification_preferences`.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("recipient_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    // The audit event it came from (null for the ones a due date makes).
    .addColumn("audit_event_id", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  // A user's inbox, unread first; the unread count.
  await db.schema.createIndex("notifications_inbox").on("notifications").columns(["recipient_id", "read_at", "created_at"]).execute();

  await db.schema
    .createTable("notification_cursor")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("last_event_id", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Start after the events already recorded: an existing installation is not told about its past.
  const head = await db.selectFrom("audit_chain_head").select("last_event_id").where("id", "=", 1).executeTakeFirst();
  await db
    .insertInto("notification_cursor")
    .values({ id: 1, last_event_id: Number(head?.last_event_id ?? 0), updated_at: new Date().toISOString() })
    .execute();

  await db.schema
    .createTable("email_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    // One e-mail per notification (`notification:<id>`) or per digest (`digest:<user>:<day>`).
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("recipient_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull()) // queued | sent | failed
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("email_deliveries_due").on("email_deliveries").columns(["state", "next_attempt_at"]).execute();

  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id"))
    .addColumn("email", "text", (c) => c.notNull()) // immediate | daily_digest | none
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
