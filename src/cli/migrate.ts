// `rapporteur migrate`: apply pending migrations and seed missing reference data, then exit.
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/connection.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedReferenceData } from "../db/seed/seed.js";

export async function run(): Promise<number | void> {
  const config = loadConfig();
  const handle = await openDatabase(config.DATABASE_URL);
  try {
    const applied = await migrateToLatest(handle.db);
    await seedReferenceData(handle.db);
    process.stdout.write(applied.length === 0 ? "The database is up to date.\n" : `Applied ${applied.join(", ")}.\n`);
  } finally {
    await handle.close();
  }
}
