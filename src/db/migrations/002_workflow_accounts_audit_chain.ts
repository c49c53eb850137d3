// 002: what the review workflow, accounts and the tamper-evident audit log need: the author's post
// and retraction on incidents, comment threads, lockout counters, API tokens, CSRF tokens bound to
// sessions, and the hash chain over audit events (existing events are chained in id order).
import { sql, type Kysely } from "kysely";
import { chainHash, GENESIS_HASH, type ChainedEvent } from "../../modules/audit/chain.js";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("incidents")
    .addColumn("author_post_code", "text", (c) => c.references("posts.code"))
    .execute();
  await sql`UPDATE incidents SET author_post_code = (SELECT post_code FROM users WHERE users.id = incidents.created_by)`.execute(db);
  await db.schema.alterTable("incidents").addColumn("retraction_reason", "text").execute();
  // Sources keep the order they were cited in: reports number them [1], [2], ...
  await db.schema
    .alterTable("incident_sources")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("sources")
    .addColumn("author_post_code", "text", (c) => c.references("posts.code"))
    .execute();
  await sql`UPDATE sources SET author_post_code = (SELECT post_code FROM users WHERE users.id = sources.created_by)`.execute(db);

  await db.schema
    .createTable("incident_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("author_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('comment', 'return', 'retract')`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("incident_comments_incident_idx").on("incident_comments").columns(["incident_id", "created_at"]).execute();

  await db.schema
    .alterTable("users")
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("users").addColumn("locked_until", "text").execute();
  await db.schema.alterTable("users").addColumn("password_changed_at", "text").execute();

  await db.schema.alterTable("sessions").addColumn("csrf_token", "text").execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("api_tokens_user_idx").on("api_tokens").column("user_id").execute();

  await db.schema.alterTable("audit_events").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_events").addColumn("hash", "text").execute();
  // One row that names the newest event: appending locks it, so events chain in commit order even
  // with several app servers, and deleting the newest event is detected.
  await db.schema
    .createTable("audit_chain_head")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("last_event_id", "integer", (c) => c.notNull())
    .addColumn("last_hash", "text", (c) => c.notNull())
    .execute();

  const events = await db.selectFrom("audit_events").selectAll().orderBy("id").execute();
  let previous = GENESIS_HASH;
  let lastId = 0;
  for (const event of events) {
    const hash = chainHash(previous, event as ChainedEvent);
    await db.updateTable("audit_events").set({ prev_hash: previous, hash }).where("id", "=", event.id).execute();
    previous = hash;
    lastId = Number(event.id);
  }
  await db.insertInto("audit_chain_head").values({ id: 1, last_event_id: lastId, last_hash: previous }).execute();
}
