// Notification routes: the caller's inbox (unread first, paged), the unread count the header's badge
// shows, marking read (one, all), and the caller's choice of e-mail.
import { defineRoute, type RouteTable } from "../../http/route.js";
import {
  notificationIdParams,
  notificationList,
  notificationListQuery,
  notificationOutput,
  preferencesInput,
  preferencesOutput,
  readAllOutput,
  unreadCount,
} from "./schema.js";
import type { NotificationService } from "./service.js";

export function notificationRoutes(notifications: NotificationService) {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/notifications",
      summary: "Your notifications, unread first, newest first within each, a page at a time",
      tag: "notifications",
      access: "user",
      query: notificationListQuery,
      response: notificationList,
      errors: [],
      handler: ({ actor, query }) => notifications.list(actor, query),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/notifications/unread-count",
      summary: "How many of your notifications are unread (the header's badge)",
      tag: "notifications",
      access: "user",
      response: unreadCount,
      errors: [],
      handler: ({ actor }) => notifications.unreadCount(actor),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/notifications/read-all",
      summary: "Mark all your notifications read",
      tag: "notifications",
      access: "user",
      response: readAllOutput,
      errors: [],
      handler: ({ actor }) => notifications.markAllRead(actor),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/notifications/:id/read",
      summary: "Mark one of your notifications read (another user's: 404)",
      tag: "notifications",
      access: "user",
      params: notificationIdParams,
      response: notificationOutput,
      errors: [404],
      handler: ({ actor, params }) => notifications.markRead(actor, params.id),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/notifications/preferences",
      summary: "How your notifications are e-mailed: each at once, a daily digest, or none",
      tag: "notifications",
      access: "user",
      response: preferencesOutput,
      errors: [],
      handler: ({ actor }) => notifications.preferences(actor),
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/notifications/preferences",
      summary: "Choose how your notifications are e-mailed (audited)",
      tag: "notifications",
      access: "user",
      body: preferencesInput,
      response: preferencesOutput,
      errors: [400],
      handler: ({ actor, body }) => notifications.setPreferences(actor, body),
    }),
  ];
}

/** These routes as a type, for the web client. */
export type NotificationRoutes = RouteTable<ReturnType<typeof notificationRoutes>>;
