// Shapes stored audit events and chain verifications for the API.
import type { Selectable } from "kysely";
import type { AuditEventTable } from "../../db/types.js";
import type { AuditEventOutput, ChainVerificationOutput } from "./schema.js";
import type { AuditVerification } from "./service.js";

/**
 * The stored JSON, parsed. The log is read precisely when someone suspects tampering, so a value
 * that no longer parses is shown as the stored text rather than failing the whole page.
 */
function parsed(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

export function presentAuditEvent(row: Selectable<AuditEventTable>): AuditEventOutput {
  return {
    id: Number(row.id),
    at: row.at,
    actor: { user_id: row.actor_user_id, system: row.actor_system },
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: parsed(row.before_json),
    after: parsed(row.after_json),
    hash: row.hash,
    prev_hash: row.prev_hash,
  };
}

export function presentVerification(result: AuditVerification): ChainVerificationOutput {
  const bad = result.firstBad;
  const latest = result.latestCheckpoint;
  return {
    ok: result.ok,
    checked: result.checked,
    first_bad: bad ? { id: bad.id, kind: bad.kind, reason: bad.reason, checkpoint: bad.checkpoint ?? null } : null,
    checkpoints: result.checkpoints,
    latest_checkpoint: latest ? { sequence: latest.sequence, last_event_id: latest.last_event_id } : null,
  };
}
