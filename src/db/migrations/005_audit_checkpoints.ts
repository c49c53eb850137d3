// 005: signed checkpoints of the audit chain (modules/audit/checkpoints.ts), a copy of the ones
// written to the checkpoint file; the checkpoint each frozen report version was made under; and
// triggers that keep the audit tables append-only and the chain head from moving back, so an
// event id is never handed out twice (db/audit-guards.ts).
import type { Kysely } from "kysely";
import { createAuditGuards } from "../audit-guards.js";
import { columnTypes, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("audit_checkpoints")
    .addColumn("sequence", "integer", (c) => c.primaryKey())
    .addColumn("last_event_id", t.bigint, (c) => c.notNull())
    .addColumn("chain_hash", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("signature", "text", (c) => c.notNull()) // Ed25519, base64
    .execute();
  // No foreign key: the checkpoint must outlive a rewrite of the table it vouches for.
  await db.schema.alterTable("report_versions").addColumn("audit_checkpoint", "integer").execute();
  await createAuditGuards(db);
}
