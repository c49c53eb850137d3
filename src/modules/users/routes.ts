// User administration routes.
import type { RouteSpec } from "../../http/route.js";
import type { UserService } from "./service.js";

export function userRoutes(users: UserService): RouteSpec[] {
  void users;
  return [];
}
