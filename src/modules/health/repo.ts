// The one query the health check makes: does the database answer at all.
import { sql, type Kysely } from "kysely";

export async function databaseAnswers(db: Kysely<any>): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
