// The audit log's hash chain. Each event's hash covers its own fields (including its id, so rows
// cannot be reordered) and the previous event's hash, so altering, deleting or reordering any
// event breaks every hash after it. This format is a stored contract: never change it.
//
// It is written twice: `chainHash` here, which verify.ts checks with, and `chainHashSql`, which
// PostgreSQL appends with (audit.ts), so an event's id and hash are worked out by the statement
// that claims the chain head. Node writes the part of the hashed text that does not depend on the
// id (`chainTail`); the database adds the previous hash and the id. chain.test.ts holds them equal.
import { createHash } from "node:crypto";
import { sql, type RawBuilder } from "kysely";

export const GENESIS_HASH = createHash("sha256").update("rapporteur audit chain").digest("hex");

export interface ChainedEvent {
  id: number | string;
  at: string;
  actor_user_id: string | null;
  actor_system: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

function chainedFields(e: Omit<ChainedEvent, "id">): unknown[] {
  return [e.at, e.actor_user_id, e.actor_system, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json];
}

export function chainHash(previousHash: string, e: ChainedEvent): string {
  const fields = [Number(e.id), ...chainedFields(e)];
  return createHash("sha256").update(previousHash).update("\n").update(JSON.stringify(fields)).digest("hex");
}

/**
 * The hashed text after the id: `chainHash` hashes `previous + "\n[" + id + "," + tail` (a JSON
 * array's text is its elements' texts joined by commas, so this is the same JSON.stringify).
 */
export function chainTail(e: Omit<ChainedEvent, "id">): string {
  return JSON.stringify(chainedFields(e)).slice(1);
}

/** `chainHash` in PostgreSQL, over the previous hash (text), the id (bigint) and `chainTail` (text). */
export function chainHashSql(previousHash: RawBuilder<unknown>, id: RawBuilder<unknown>, tail: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`encode(sha256(convert_to(${previousHash} || E'\\n[' || ${id}::text || ',' || ${tail}, 'UTF8')), 'hex')`;
}
