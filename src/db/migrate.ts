// Runs the numbered, forward-only migrations. The list is static (imported, not read from disk)
// so it works the same from source, from tests and from a bundled build.
import { Migrator, sql, type Kysely, type Migration } from "kysely";
import { dialectOf } from "./dialect.js";
import * as m001 from "./migrations/001_init.js";
import * as m002 from "./migrations/002_workflow_accounts_audit_chain.js";
import * as m003 from "./migrations/003_statistics.js";
import * as m004 from "./migrations/004_reports.js";
import * as m005 from "./migrations/005_audit_checkpoints.js";
import * as m006 from "./migrations/006_login_attempts.js";
import * as m007 from "./migrations/007_jobs.js";
import * as m008 from "./migrations/008_second_factor_sso.js";
import * as m009 from "./migrations/009_incident_tallies.js";
import * as m010 from "./migrations/010_observation_revisions.js";
import * as m012 from "./migrations/012_taskings.js";
import * as m013 from "./migrations/013_engagements.js";
import * as m014 from "./migrations/014_notifications.js";
import * as m016 from "./migrations/016_case_outcome_corrections.js";
import * as m017 from "./migrations/017_tallies_by_rate_group.js";
import * as m018 from "./migrations/018_notable_cases.js";
import * as m019 from "./migrations/019_search_prefix_index.js";
import * as m020 from "./migrations/020_files_attachments.js";

const migrations: Record<string, Migration> = {
  "001_init": m001,
  "002_workflow_accounts_audit_chain": m002,
  "003_statistics": m003,
  "004_reports": m004,
  "005_audit_checkpoints": m005,
  "006_login_attempts": m006,
  "007_jobs": m007,
  "008_second_factor_sso": m008,
  "009_incident_tallies": m009,
  "010_observation_revisions": m010,
  "012_taskings": m012,
  "013_engagements": m013,
  "014_notifications": m014,
  "016_case_outcome_corrections": m016,
  "017_tallies_by_rate_group": m017,
  "018_notable_cases": m018,
  "019_search_prefix_index": m019,
  "020_files_attachments": m020,
};

async function migratorFor(db: Kysely<any>): Promise<Migrator> {
  // On PostgreSQL the migrator's bookkeeping tables are named in the connection's own schema:
  // unqualified, Kysely looks for them in every schema of the database, and a second
  // installation (or a test run) in another schema would find the first one's tables.
  const migrationTableSchema =
    dialectOf(db) === "postgres" ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema : undefined;
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = await migratorFor(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The migrations this code has that the database has not applied yet (readiness, /api/health/ready). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const known = await (await migratorFor(db)).getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
