// Reading the audit log: one page of events, newest first, keyset-paged by id (the chain's order).
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { AuditListQuery } from "./schema.js";

/** Up to `limit + 1` events matching the filters with ids below `cursor`: the extra one says there is a next page. */
export async function listAuditEvents(db: Kysely<Database>, query: AuditListQuery) {
  let q = db.selectFrom("audit_events").selectAll();
  if (query.actor_user_id !== undefined) q = q.where("actor_user_id", "=", query.actor_user_id);
  if (query.action !== undefined) q = q.where("action", "=", query.action);
  if (query.entity_type !== undefined) q = q.where("entity_type", "=", query.entity_type);
  if (query.entity_id !== undefined) q = q.where("entity_id", "=", query.entity_id);
  if (query.at_from !== undefined) q = q.where("at", ">=", query.at_from);
  if (query.at_to !== undefined) q = q.where("at", "<=", query.at_to);
  if (query.cursor !== undefined) q = q.where("id", "<", query.cursor);
  return q
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
}

/** Up to `limit` events after `afterId`, oldest first (the notifications' derivation reads the log in chain order). */
export async function eventsAfter(db: Kysely<Database>, afterId: number, limit: number) {
  return db.selectFrom("audit_events").selectAll().where("id", ">", afterId).orderBy("id").limit(limit).execute();
}

/** Every event about one entity, oldest first (a record's history). */
export async function eventsAbout(db: Kysely<Database>, entityType: string, entityId: string) {
  return db.selectFrom("audit_events").selectAll().where("entity_type", "=", entityType).where("entity_id", "=", entityId).orderBy("id").execute();
}
