// 006: the sign-in rate limit's counters (modules/auth/rate-limit.ts), one row per client address
// with the attempts counted in its current window and when that window ends (milliseconds since
// the epoch). In the database, not in a process's memory, so every app server on it counts the
// same attempts.
import type { Kysely } from "kysely";
import { columnTypes, dialectOf } from "../dialect.js";

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(dialectOf(db));
  await db.schema
    .createTable("login_attempts")
    .addColumn("address", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("window_ends_at", t.bigint, (c) => c.notNull())
    .execute();
  // Ended windows are deleted by this column (the sweep in auth/repo.ts).
  await db.schema.createIndex("login_attempts_window_ends_at").on("login_attempts").column("window_ends_at").execute();
}
