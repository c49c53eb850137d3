// Audit log routes: read the log and verify its hash chain (auditors and admins only).
import { defineRoute, type RouteTable } from "../../http/route.js";
import { presentVerification } from "./presenter.js";
import { auditList, auditListQuery, chainVerificationOutput } from "./schema.js";
import type { AuditService } from "./service.js";

export function auditRoutes(audit: AuditService) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/audit",
      summary: "List audit events, newest first, with filters and cursor pagination (auditors and admins)",
      tag: "audit",
      access: "user",
      query: auditListQuery,
      response: auditList,
      errors: [403],
      handler: ({ actor, query }) => audit.listEvents(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/audit/verify",
      summary: "Check the audit log's hash chain from the first event to the newest, and against every signed checkpoint (auditors and admins)",
      tag: "audit",
      access: "user",
      response: chainVerificationOutput,
      errors: [403],
      handler: async ({ actor }) => presentVerification(await audit.verify(actor)),
    }),
  ];
}

/** These routes as a type (method and URL → params, query, body, answer), for the web client. */
export type AuditRoutes = RouteTable<ReturnType<typeof auditRoutes>>;
