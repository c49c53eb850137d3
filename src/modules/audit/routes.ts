// Audit log routes.
import type { RouteSpec } from "../../http/route.js";
import type { AuditService } from "./service.js";

export function auditRoutes(audit: AuditService): RouteSpec[] {
  void audit;
  return [];
}
