// A notification as its recipient sees it: never the row as it is (no recipient, key or event id).
import type { NotificationRow } from "./repo.js";
import type { NotificationOutput } from "./schema.js";

export function presentNotification(row: NotificationRow): NotificationOutput {
  return { id: row.id, kind: row.kind, text: row.text, link: row.link, created_at: row.created_at, read_at: row.read_at };
}
