// The API as one type, derived from the server's own route declarations (each module's routes.ts
// exports its list of `defineRoute`s as a `RouteTable`): "METHOD /path" → the path parameters, query,
// body and answer its zod schemas accept and give. Types only: nothing of the server is bundled.
// Keys leave out the /api/v1 prefix, which is written here and nowhere else in the web app (a test,
// api/no-literal-paths.test.ts, keeps it so); a route renamed or reshaped on the server is a type
// error at every call, not a 404 or a surprise in the browser.
import type { AnalysisRoutes } from "../../modules/analysis/routes.js";
import type { AuditRoutes } from "../../modules/audit/routes.js";
import type { AuthRoutes } from "../../modules/auth/routes.js";
import type { IncidentRoutes } from "../../modules/incidents/routes.js";
import type { JobRoutes } from "../../modules/jobs/routes.js";
import type { NotificationRoutes } from "../../modules/notifications/routes.js";
import type { PostRoutes } from "../../modules/posts/routes.js";
import type { ReferenceRoutes } from "../../modules/reference/routes.js";
import type { ReportRoutes } from "../../modules/reports/routes.js";
import type { SourceRoutes } from "../../modules/sources/routes.js";
import type { StatsRoutes } from "../../modules/stats/routes.js";
import type { TaskingRoutes } from "../../modules/taskings/routes.js";
import type { EngagementRoutes } from "../../modules/engagements/routes.js";
import type { TaxonomyRoutes } from "../../modules/taxonomy/routes.js";
import type { UserRoutes } from "../../modules/users/routes.js";

/** Where the versioned API lives; every route key below is relative to it. */
export const API_PREFIX = "/api/v1";

type ServerRoutes = AuthRoutes &
  IncidentRoutes &
  SourceRoutes &
  ReferenceRoutes &
  UserRoutes &
  PostRoutes &
  TaxonomyRoutes &
  AuditRoutes &
  AnalysisRoutes &
  StatsRoutes &
  ReportRoutes &
  JobRoutes &
  TaskingRoutes &
  NotificationRoutes &
  EngagementRoutes;

type Unprefixed<T> = { [K in keyof T as K extends `${infer M} ${typeof API_PREFIX}${infer Path}` ? `${M} ${Path}` : never]: T[K] };

/** Every route of the versioned API, keyed "METHOD /path" (relative to API_PREFIX). */
export type ApiRoutes = Unprefixed<ServerRoutes>;
export type ApiRoute = keyof ApiRoutes & string;

/** The answer of a route, as its response schema gives it. */
export type ApiResponse<K extends ApiRoute> = ApiRoutes[K]["response"];
/** The query a route accepts: lists as arrays, flags as booleans (the client writes them as text). */
export type ApiQuery<K extends ApiRoute> = NonNullable<ApiRoutes[K]["query"]>;
