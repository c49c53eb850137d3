// Triggers that make the audit tables append-only for anyone without the right to change the
// schema: events and checkpoints are never updated or deleted, and the chain head never moves
// back, so an event id is never handed out twice. Someone who may drop triggers can still
// rewrite the log; the signed checkpoints (modules/audit/checkpoints.ts) are what catches that.
// Created by migration 005; the tests' tampering helpers drop them, as such an attacker would.
import { sql, type Kysely } from "kysely";
import { dialectOf } from "./dialect.js";

const APPEND_ONLY = ["audit_events", "audit_checkpoints"] as const;
const HEAD_REWIND = "the audit chain head never moves back (audit event ids are never reused)";

export async function createAuditGuards(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === "postgres") {
    await sql`CREATE OR REPLACE FUNCTION audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'audit_chain_head' THEN
          IF TG_OP = 'UPDATE' AND NEW.last_event_id >= OLD.last_event_id THEN RETURN NEW; END IF;
          RAISE EXCEPTION '${sql.raw(HEAD_REWIND)}';
        END IF;
        RAISE EXCEPTION '% is append-only: its rows are never changed or deleted', TG_TABLE_NAME;
      END $$`.execute(db);
    for (const table of [...APPEND_ONLY, "audit_chain_head"]) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_guard`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
        FOR EACH ROW EXECUTE FUNCTION audit_guard()`.execute(db);
      // Row triggers do not see TRUNCATE.
      await sql`CREATE TRIGGER ${sql.raw(`${table}_truncate_guard`)} BEFORE TRUNCATE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_guard()`.execute(db);
    }
    return;
  }
  for (const table of APPEND_ONLY) {
    for (const op of ["UPDATE", "DELETE"]) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_no_${op.toLowerCase()}`)} BEFORE ${sql.raw(op)} ON ${sql.table(table)}
        BEGIN SELECT RAISE(ABORT, '${sql.raw(table)} is append-only: its rows are never changed or deleted'); END`.execute(db);
    }
  }
  await sql`CREATE TRIGGER audit_chain_head_no_rewind BEFORE UPDATE ON audit_chain_head
    WHEN NEW.last_event_id < OLD.last_event_id BEGIN SELECT RAISE(ABORT, '${sql.raw(HEAD_REWIND)}'); END`.execute(db);
  await sql`CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
    BEGIN SELECT RAISE(ABORT, '${sql.raw(HEAD_REWIND)}'); END`.execute(db);
}

export async function dropAuditGuards(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === "postgres") {
    for (const table of [...APPEND_ONLY, "audit_chain_head"]) {
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_guard`)} ON ${sql.table(table)}`.execute(db);
      await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_truncate_guard`)} ON ${sql.table(table)}`.execute(db);
    }
    return;
  }
  const names = [...APPEND_ONLY.flatMap((t) => [`${t}_no_update`, `${t}_no_delete`]), "audit_chain_head_no_rewind", "audit_chain_head_no_delete"];
  for (const name of names) await sql`DROP TRIGGER IF EXISTS ${sql.raw(name)}`.execute(db);
}
