// Audit log use cases: read the log (auditors and admins), verify the hash chain against the
// signed checkpoints, make a checkpoint, show the checkpoint signing key's public half.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import { checkpointDue, createCheckpoint, loadCheckpoints, signingPublicKey, type Checkpoint, type CheckpointSettings } from "./checkpoints.js";
import { presentAuditEvent } from "./presenter.js";
import { listAuditEvents } from "./repo.js";
import type { AuditList, AuditListQuery } from "./schema.js";
import { verifyAuditChain, type ChainVerification, type CheckpointClaim } from "./verify.js";

export interface AuditVerification extends ChainVerification {
  /** How many signed checkpoints the log was checked against, and the newest of them. */
  checkpoints: number;
  latestCheckpoint: CheckpointClaim | null;
}

export function auditService(db: Kysely<Database>, checkpoints: CheckpointSettings) {
  async function listEvents(actor: Actor | null, query: AuditListQuery): Promise<AuditList> {
    authorize(actor, "audit.read");
    const rows = await listAuditEvents(db, query);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(presentAuditEvent),
      next_cursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
    };
  }

  async function verify(actor: Actor | null): Promise<AuditVerification> {
    authorize(actor, "audit.read");
    const { claims, problem } = await loadCheckpoints(db, checkpoints);
    const summary = { checkpoints: claims.length, latestCheckpoint: claims.at(-1) ?? null };
    if (problem) return { ok: false, checked: 0, firstBad: problem, ...summary };
    return { ...(await verifyAuditChain(db, { checkpoints: claims })), ...summary };
  }

  /** Sign the chain head now (`rapporteur audit checkpoint`, and the server's timer). */
  async function checkpoint(actor: Actor | null): Promise<Checkpoint> {
    authorize(actor, "audit.checkpoint");
    return createCheckpoint(db, actor!, checkpoints);
  }

  /** A checkpoint when events were recorded since the last one; null when there is nothing new. */
  async function checkpointIfDue(actor: Actor | null): Promise<Checkpoint | null> {
    authorize(actor, "audit.checkpoint");
    return (await checkpointDue(db)) ? createCheckpoint(db, actor!, checkpoints) : null;
  }

  /** The public half of the checkpoint signing key, for AUDIT_PUBLIC_KEY. */
  function publicKey(actor: Actor | null): string {
    authorize(actor, "audit.checkpoint");
    return signingPublicKey(checkpoints);
  }

  return { listEvents, verify, checkpoint, checkpointIfDue, publicKey };
}

export type AuditService = ReturnType<typeof auditService>;
