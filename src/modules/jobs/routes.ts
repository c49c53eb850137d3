// Job routes: follow a job you asked for (its progress and outcome); admins list, cancel and retry.
import { defineRoute, type RouteTable } from "../../http/route.js";
import { jobIdParams, jobList, jobListQuery, jobOutput } from "./schema.js";
import type { JobService } from "./service.js";

export function jobRoutes(jobs: JobService) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/jobs",
      summary: "List jobs, newest first, optionally by state (administrators)",
      tag: "jobs",
      access: "user",
      query: jobListQuery,
      response: jobList,
      errors: [403],
      handler: ({ actor, query }) => jobs.list(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/jobs/:id",
      summary: "Read one job: its state, progress and, once it has ended, its result or error (the job's requester, and administrators)",
      tag: "jobs",
      access: "user",
      params: jobIdParams,
      response: jobOutput,
      errors: [404],
      handler: ({ actor, params }) => jobs.get(actor, params.id),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/jobs/:id/cancel",
      summary: "Cancel a job that is waiting or running; a running import is rolled back whole (administrators). One that has ended: 409",
      tag: "jobs",
      access: "user",
      params: jobIdParams,
      response: jobOutput,
      errors: [403, 404, 409],
      handler: ({ actor, params }) => jobs.cancel(actor, params.id),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/jobs/:id/retry",
      summary: "Queue a failed or cancelled job again, its attempts counted afresh (administrators). Any other: 409",
      tag: "jobs",
      access: "user",
      params: jobIdParams,
      response: jobOutput,
      errors: [403, 404, 409],
      handler: ({ actor, params }) => jobs.retry(actor, params.id),
    }),
  ];
}

/** These routes as a type, for the web client. */
export type JobRoutes = RouteTable<ReturnType<typeof jobRoutes>>;
