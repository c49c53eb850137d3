// Audit log use cases: read the log (auditors and admins), verify the hash chain.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import { presentAuditEvent } from "./presenter.js";
import { listAuditEvents } from "./repo.js";
import type { AuditList, AuditListQuery } from "./schema.js";
import { verifyAuditChain, type ChainVerification } from "./verify.js";

export function auditService(db: Kysely<Database>) {
  async function listEvents(actor: Actor | null, query: AuditListQuery): Promise<AuditList> {
    authorize(actor, "audit.read");
    const rows = await listAuditEvents(db, query);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(presentAuditEvent),
      next_cursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
    };
  }

  async function verify(actor: Actor | null): Promise<ChainVerification> {
    authorize(actor, "audit.read");
    return verifyAuditChain(db);
  }

  return { listEvents, verify };
}

export type AuditService = ReturnType<typeof auditService>;
