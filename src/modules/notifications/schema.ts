// Notifications as the API shows them: one in a user's inbox, a page of them (unread first), the
// unread count, and the user's choice of e-mail.
import { z } from "zod";
import { EMAIL_PREFERENCES, NOTIFICATION_KINDS } from "../../domain/vocabulary.js";
import { uuid } from "../common/schema.js";

export const notificationOutput = z
  .object({
    id: uuid,
    kind: z.enum(NOTIFICATION_KINDS),
    text: z.string().meta({ description: "What happened or what is waiting, in words." }),
    link: z.string().meta({ description: "The page of the record it is about, a path within the web app." }),
    created_at: z.string(),
    read_at: z.string().nullable(),
  })
  .meta({
    example: {
      id: "0191b2c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d",
      kind: "record.returned",
      text: "Your post's response to tasking STATE 200001 was returned by Anna Schmidt: “Please add the police reference.”",
      link: "/taskings/0191b2c4-0000-7000-8000-000000000001/responses/DE",
      created_at: "2026-06-02T09:30:00.000Z",
      read_at: null,
    },
  });
export type NotificationOutput = z.infer<typeof notificationOutput>;

export const notificationListQuery = z.strictObject({
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(25),
  cursor: z
    .string()
    .regex(
      /^[01]~\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z~[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      "must be the next_cursor of the previous page",
    )
    .optional()
    .meta({ description: "The next_cursor of the previous page." }),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationList = z.object({ items: z.array(notificationOutput), unread: z.number().int(), next_cursor: z.string().nullable() });
export type NotificationList = z.infer<typeof notificationList>;

export const unreadCount = z.object({ unread: z.number().int() }).meta({ example: { unread: 3 } });

export const notificationIdParams = z.strictObject({ id: uuid });

export const readAllOutput = z.object({ marked: z.number().int().meta({ description: "How many notifications were marked read." }) });

export const preferencesInput = z
  .strictObject({
    email: z.enum(EMAIL_PREFERENCES).meta({ description: "Each notification by e-mail at once, one digest a day, or none (the inbox only)." }),
  })
  .meta({ example: { email: "daily_digest" } });
export type PreferencesInput = z.infer<typeof preferencesInput>;

export const preferencesOutput = z.object({
  email: z.enum(EMAIL_PREFERENCES),
  email_enabled: z.boolean().meta({ description: "Whether this server sends e-mail at all (SMTP is configured)." }),
  digest_hour: z.number().int().meta({ description: "The hour (UTC) the daily digest is sent." }),
});
export type PreferencesOutput = z.infer<typeof preferencesOutput>;
