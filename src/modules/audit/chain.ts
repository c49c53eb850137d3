// The audit log's hash chain. Each event's hash covers its own fields (including its id, so rows
// cannot be reordered) and the previous event's hash, so altering, deleting or reordering any
// event breaks every hash after it. This format is a stored contract: never change it.
import { createHash } from "node:crypto";

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

export function chainHash(previousHash: string, e: ChainedEvent): string {
  const fields = [Number(e.id), e.at, e.actor_user_id, e.actor_system, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json];
  return createHash("sha256").update(previousHash).update("\n").update(JSON.stringify(fields)).digest("hex");
}
