// Audit log use cases: read the log (auditors and admins), verify the hash chain.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";

export function auditService(db: Kysely<Database>) {
  void db;
  return {};
}

export type AuditService = ReturnType<typeof auditService>;
