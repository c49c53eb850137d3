// Liveness and readiness: answers 200 when the database answers, 503 when it does not.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DialectName } from "../../db/dialect.js";
import { defineRoute, type RouteSpec } from "../../http/route.js";
import { APP_VERSION } from "../../version.js";
import { databaseAnswers } from "./repo.js";

const health = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["sqlite", "postgres"]),
  version: z.string(),
});

export function healthRoutes(db: Kysely<any>, dialect: DialectName): RouteSpec[] {
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
        if (await databaseAnswers(db)) return { status: "ok" as const, database: dialect, version: APP_VERSION };
        reply.code(503);
        return { status: "unavailable" as const, database: dialect, version: APP_VERSION };
      },
    }),
  ];
}
