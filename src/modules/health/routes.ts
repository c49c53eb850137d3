// Liveness and readiness: answers 200 when the database answers, 503 when it does not.
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { DialectName } from "../../db/dialect.js";
import { defineRoute, type RouteTable } from "../../http/route.js";
import { APP_VERSION } from "../../version.js";


const health = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["sqlite", "postgres"]),
  version: z.string(),
});

export function healthRoutes(db: Kysely<any>, dialect: DialectName) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/health",
      summary: "Liveness: the service and its database answer",
      tag: "health",
      access: "public",
      response: health,
      errors: [503],
      async handler({ reply }) {
        try {
          await sql`SELECT 1`.execute(db);
          return { status: "ok" as const, database: dialect, version: APP_VERSION };
        } catch {
          reply.code(503);
          return { status: "unavailable" as const, database: dialect, version: APP_VERSION };
        }
      },
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type HealthRoutes = RouteTable<ReturnType<typeof healthRoutes>>;
