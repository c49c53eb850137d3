// Runs the numbered, forward-only migrations. The list is static (imported, not read from disk)
// so it works the same from source, from tests and from a bundled build.
import { Migrator, type Kysely, type Migration } from "kysely";
import * as m001 from "./migrations/001_init.js";

const migrations: Record<string, Migration> = {
  "001_init": m001,
};

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
