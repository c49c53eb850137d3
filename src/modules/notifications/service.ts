// Use cases of a user's inbox: their notifications (unread first, paged), the unread count, marking
// one or all read, and their choice of e-mail. A user reaches only their own: another's notification
// is "not found". Reading a notification is not audited (it changes nothing but the reader's own
// inbox, like opening a page); a change of preference is.
import type { Kysely } from "kysely";
import type { MailSettings } from "../../config.js";
import type { Database } from "../../db/types.js";
import { systemClock, type Clock } from "../../domain/clock.js";
import { NotFoundError } from "../../domain/errors.js";
import { UUID_PATTERN } from "../../domain/ids.js";
import { recordAudit } from "../audit/audit.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import { presentNotification } from "./presenter.js";
import * as repo from "./repo.js";
import type { NotificationList, NotificationListQuery, NotificationOutput, PreferencesInput, PreferencesOutput } from "./schema.js";

export type NotificationService = ReturnType<typeof notificationService>;

export function notificationService(db: Kysely<Database>, options: { clock?: Clock; mail: MailSettings | null }) {
  const clock = options.clock ?? systemClock;
  const me = (actor: Actor | null) => {
    authorize(actor, "notification.self");
    return requireUser(actor);
  };

  async function preferences(userId: string): Promise<PreferencesOutput> {
    return {
      email: (await repo.preferenceOf(db, userId)) ?? "immediate",
      email_enabled: options.mail !== null,
      digest_hour: options.mail?.digestHour ?? 7,
    };
  }

  return {
    /** The caller's notifications: the unread ones first, newest first within each part. */
    async list(actor: Actor | null, query: NotificationListQuery): Promise<NotificationList> {
      const user = me(actor);
      const [phaseText, createdAt, id] = query.cursor ? query.cursor.split("~") : [];
      let phase: 0 | 1 = phaseText === "1" ? 1 : 0;
      let after = createdAt !== undefined && id !== undefined ? { created_at: createdAt, id } : undefined;
      const rows: repo.NotificationRow[] = [];
      while (rows.length <= query.limit) {
        const page = await repo.inboxPage(db, user.id, phase, after, query.limit + 1 - rows.length);
        rows.push(...page);
        if (phase === 1 || rows.length > query.limit) break;
        phase = 1;
        after = undefined;
      }
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      const next = rows.length > query.limit && last ? `${last.read_at === null ? 0 : 1}~${last.created_at}~${last.id}` : null;
      return { items: items.map(presentNotification), unread: await repo.countUnread(db, user.id), next_cursor: next };
    },

    async unreadCount(actor: Actor | null): Promise<{ unread: number }> {
      return { unread: await repo.countUnread(db, me(actor).id) };
    },

    /** Mark one of the caller's notifications read (again is no change). */
    async markRead(actor: Actor | null, id: string): Promise<NotificationOutput> {
      const user = me(actor);
      const row = UUID_PATTERN.test(id) ? await repo.findNotification(db, id) : undefined;
      if (!row || row.recipient_id !== user.id) throw new NotFoundError("The notification");
      await repo.markRead(db, user.id, clock.now(), id);
      return presentNotification((await repo.findNotification(db, id))!);
    },

    async markAllRead(actor: Actor | null): Promise<{ marked: number }> {
      return { marked: await repo.markRead(db, me(actor).id, clock.now()) };
    },

    async preferences(actor: Actor | null): Promise<PreferencesOutput> {
      return preferences(me(actor).id);
    },

    async setPreferences(actor: Actor | null, input: PreferencesInput): Promise<PreferencesOutput> {
      const user = me(actor);
      const before = (await repo.preferenceOf(db, user.id)) ?? "immediate";
      await db.transaction().execute(async (trx) => {
        await repo.savePreference(trx, user.id, input.email, clock.now());
        await recordAudit(trx, user, {
          action: "notification.preferences_update",
          entityType: "user",
          entityId: user.id,
          before: { email: before },
          after: { email: input.email },
        });
      });
      return preferences(user.id);
    },
  };
}
