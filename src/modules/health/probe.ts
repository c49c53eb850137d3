// Asking the database whether it is there, for the health routes: bounded in time (a database that
// does not answer must not hang the probe) and, for readiness, also whether migrations wait.
import type { Kysely } from "kysely";
import { pendingMigrations } from "../../db/migrate.js";
import { databaseAnswers } from "./repo.js";

/** A probe waits this long at most. */
const PROBE_TIMEOUT_MS = 3_000;

/** null when the database answers in time (and, with `ready`, has no migration pending); otherwise why not, in words for people. */
export async function databaseProblem(db: Kysely<any>, ready: boolean): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((done) => {
    timer = setTimeout(() => done(`The database did not answer within ${PROBE_TIMEOUT_MS / 1000} seconds.`), PROBE_TIMEOUT_MS);
  });
  const probe = (async () => {
    if (!(await databaseAnswers(db))) return "The database does not answer.";
    if (!ready) return null;
    const pending = await pendingMigrations(db).catch(() => null);
    if (pending === null) return "The database does not answer.";
    return pending.length === 0 ? null : `The database schema is not up to date: ${pending.length} migration(s) to apply (rapporteur migrate).`;
  })();
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
