// Runs once before the suite. PostgreSQL is either tested or loudly reported as skipped: in CI
// (CI=true) a missing or unreachable TEST_DATABASE_URL fails the run instead of passing quietly.
import pg from "pg";
import { isStaleTestSchema, TEST_SCHEMA_PREFIX } from "../src/testing/databases.js";

export default async function setup(): Promise<void | (() => void)> {
  const url = process.env["TEST_DATABASE_URL"];
  const ci = process.env["CI"] === "true" || process.env["CI"] === "1";
  if (!url) {
    if (ci) throw new Error("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL half of the suite would be skipped.");
    const bar = "!".repeat(78);
    const warning =
      `\n${bar}\n!! TEST_DATABASE_URL is not set: every integration test runs on SQLite ONLY.\n` +
      `!! PostgreSQL is SKIPPED. Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test\n${bar}\n\n`;
    process.stderr.write(warning);
    // Said again at the end, where the summary is read.
    return () => void process.stderr.write(warning);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is unreachable (${(error as Error).message}).`);
  }
  try {
    // Schemas left behind by an interrupted earlier run (not those of a run still going).
    const { rows } = await client.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [`${TEST_SCHEMA_PREFIX}%`]);
    for (const { nspname } of rows.filter((r) => isStaleTestSchema(r.nspname))) {
      await client.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
    }
  } finally {
    await client.end();
  }
  process.stderr.write(`\nIntegration tests run on SQLite and on PostgreSQL (${url.replace(/\/\/[^@]*@/, "//")}).\n\n`);
}
