// Health for people and for orchestrators. GET /api/health: the service and its database, `ok` or
// `degraded` with the reason (503). GET /api/health/live: the process answers, nothing more (it never
// touches the database, so a database outage does not get healthy processes restarted).
// GET /api/health/ready: the database answers and has every migration applied (503 otherwise), so a
// load balancer sends no traffic to an instance that could only answer 503.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DialectName } from "../../db/dialect.js";
import { defineRoute } from "../../http/route.js";
import { APP_VERSION } from "../../version.js";
import { databaseProblem } from "./probe.js";

const health = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["sqlite", "postgres"]),
  version: z.string(),
  /** Why the service is degraded, in words for the person looking (absent when it is ok). */
  reason: z.string().optional(),
});

const liveness = z.object({ status: z.literal("ok"), version: z.string() });

const readiness = z.object({
  status: z.enum(["ready", "not_ready"]),
  database: z.enum(["sqlite", "postgres"]),
  reason: z.string().optional(),
});

export function healthRoutes(db: Kysely<any>, dialect: DialectName) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/health",
      summary: "Health: ok when the service and its database answer, degraded (503) with the reason when not",
      tag: "health",
      access: "public",
      response: health,
      errors: [503],
      async handler({ reply }) {
        const problem = await databaseProblem(db, false);
        if (problem === null) return { status: "ok" as const, database: dialect, version: APP_VERSION };
        reply.code(503);
        return { status: "degraded" as const, database: dialect, version: APP_VERSION, reason: problem };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/health/live",
      summary: "Liveness for orchestrators: the process answers (the database is not asked)",
      tag: "health",
      access: "public",
      response: liveness,
      usesDatabase: false,
      handler: async () => ({ status: "ok" as const, version: APP_VERSION }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/health/ready",
      summary: "Readiness for orchestrators: the database answers and its schema is up to date (503 when not)",
      tag: "health",
      access: "public",
      response: readiness,
      errors: [503],
      async handler({ reply }) {
        const problem = await databaseProblem(db, true);
        if (problem === null) return { status: "ready" as const, database: dialect };
        reply.code(503);
        return { status: "not_ready" as const, database: dialect, reason: problem };
      },
    }),
  ];
}
