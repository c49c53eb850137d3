// One of the two servers the API-throughput comparison drives, in a process of its own so the load
// generator (bench/throughput.ts, in the parent) does not share its event loop:
//   BENCH_SERVER=api   the real app (buildApp: Fastify, every route, bearer-token authentication,
//                      the policy, the presenter), as `rapporteur serve` runs it;
//   BENCH_SERVER=bare  node:http with no framework, answering GET /api/v1/incidents/<id> by running
//                      the same SQL through the same driver: the same repo functions the API calls
//                      for one read (the token by its hash, its user, the incident row, its
//                      categories, perpetrator groups and sources), on the same Kysely/driver
//                      connection, then JSON.stringify of the rows (no checks, no presenter).
// Prints "listening <port>" on stdout once it accepts connections; stops on SIGTERM.
import { createServer } from "node:http";
import { buildApp } from "../src/app.js";
import { openContext } from "../src/context.js";
import { sha256 } from "../src/modules/auth/credentials.js";
import { findApiTokenByHash } from "../src/modules/auth/repo.js";
import { categoriesByIncident, findIncidentRows, groupsByIncident } from "../src/modules/incidents/repo.js";
import { sourcesByIncident } from "../src/modules/sources/index.js";
import { findUserById } from "../src/modules/users/index.js";

const kind = process.env["BENCH_SERVER"];
const url = process.env["BENCH_SERVER_DATABASE_URL"];
const schema = process.env["BENCH_SERVER_SCHEMA"] || undefined;
if ((kind !== "api" && kind !== "bare") || !url) throw new Error("BENCH_SERVER (api | bare) and BENCH_SERVER_DATABASE_URL are required");

const context = await openContext(
  { DATABASE_URL: url, SESSION_IDLE_MINUTES: 60, SESSION_ABSOLUTE_HOURS: 12 },
  { migrate: false, ...(schema ? { schema } : {}) },
);
const { db } = context;

let port: number;
let stop: () => Promise<void>;
if (kind === "api") {
  const app = await buildApp(context, {
    config: {
      BODY_LIMIT_BYTES: 1024 * 1024,
      UPLOAD_LIMIT_BYTES: 1024 * 1024,
      COOKIE_SECURE: false,
      TRUST_PROXY: false,
      LOG_LEVEL: "silent",
      LOGIN_RATE_LIMIT: 1_000_000,
    },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  port = typeof address === "object" && address ? address.port : 0;
  stop = () => app.close();
} else {
  const prefix = "/api/v1/incidents/";
  const server = createServer((request, response) => {
    const id = request.url?.startsWith(prefix) ? request.url.slice(prefix.length) : "";
    const token = (request.headers.authorization ?? "").replace(/^Bearer /, "");
    (async () => {
      const found = await findApiTokenByHash(db, sha256(token));
      const user = found ? await findUserById(db, found.user_id) : undefined;
      if (!user) return { status: 401, body: "{}" };
      const [rows, categories, groups, sources] = await Promise.all([
        findIncidentRows(db, [id]),
        categoriesByIncident(db, [id]),
        groupsByIncident(db, [id]),
        sourcesByIncident(db, [id]),
      ]);
      if (rows.length === 0) return { status: 404, body: "{}" };
      return { status: 200, body: JSON.stringify({ ...rows[0], categories: categories.get(id), groups: groups.get(id), sources: sources.get(id) }) };
    })().then(
      ({ status, body }) => response.writeHead(status, { "content-type": "application/json" }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;
  stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
}

process.on("SIGTERM", () => {
  stop()
    .then(() => context.close())
    .finally(() => process.exit(0));
});
process.stdout.write(`listening ${port}\n`);
