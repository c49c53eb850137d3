// The notifier: what turns the audit log and the calendar into notifications, and the outbox into
// e-mails. One `tick` (every NOTIFICATION_INTERVAL_SECONDS under `serve`, called directly by tests):
//
// 1. derive: read the audit events after the cursor, in chain order, make their notifications
//    (derive.ts) and move the cursor, in one transaction: a crash loses none and doubles none. The
//    cursor row is locked for that transaction (FOR UPDATE SKIP LOCKED on PostgreSQL: a server that
//    finds it held leaves the batch to the one holding it; SQLite has one writer). Events are
//    appended under the chain head's lock and committed in id order, so none can appear behind the
//    cursor later.
// 2. due dates: taskings due within a week or overdue, engagements' follow-ups due (due.ts), each
//    made once by its unique key.
// 3. digests: at NOTIFICATION_DIGEST_HOUR, one e-mail per user who chose the digest, with their
//    notifications of the day before that hour.
// 4. send: claim a due e-mail with a lease (one statement, as jobs are claimed), send it through
//    SMTP, mark it sent; on failure queue it again after the jobs module's backoff, and give up
//    after `maxAttempts`. A lease held by another server is never taken until it runs out.
//
// Not a job of the jobs module: that module runs one-shot work with an audit event for each change of
// state (job.enqueue, job.start, job.succeed), and a check every few seconds would fill the audit log
// with its own bookkeeping (which this very derivation would then read). What makes it run once
// across servers is the same as there: a row claimed in one statement, a lease that runs out.
//
// Making a notification or sending an e-mail is not audited: both are derived from events already in
// the log (or from a date), and the outbox row itself records each attempt, its error and when it was sent.
// E-mail is at-least-once only across a crash between the SMTP server's "250 OK" and the row marked
// sent (no SMTP transaction can join ours); each message carries the delivery's id as its Message-ID,
// so a receiving system can tell a repeat, and two live servers never send one twice.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { MailSettings } from "../../config.js";
import type { DialectName } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { systemClock, type Clock } from "../../domain/clock.js";
import { addDays, dayText } from "../../domain/dates.js";
import { newId } from "../../domain/ids.js";
import { eventsAfter } from "../audit/index.js";
import { backoffMs } from "../jobs/index.js";
import { findUserById } from "../users/index.js";
import { notificationsOf, type NotificationSpec } from "./derive.js";
import { dueDateNotifications, type FollowUpsDue } from "./due.js";
import { digestMessage, immediateMessage, smtpSender, type Message, type SendMail } from "./email.js";
import * as repo from "./repo.js";

export interface NotifierOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where now and today come from (a test sets one). */
  clock?: Clock;
  /** null: no SMTP configured, the inbox only. */
  mail: MailSettings | null;
  /** How an e-mail is sent (default: SMTP as `mail` says). */
  send?: SendMail;
  /** The engagements' follow-up actions that are due (wired in context.ts; none until then). */
  followUpsDue?: FollowUpsDue;
  /** This server's name in a delivery's lease. */
  owner?: string;
  leaseMs?: number;
  backoff?: { baseMs: number; capMs: number };
  maxAttempts?: number;
  /** Audit events read per transaction. */
  batch?: number;
  log?: (message: string, error?: unknown) => void;
}

export type Notifier = ReturnType<typeof notifier>;

export function notifier(options: NotifierOptions) {
  const { db, dialect, mail } = options;
  const clock = options.clock ?? systemClock;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const backoff = options.backoff ?? { baseMs: 60_000, capMs: 6 * 3600_000 };
  const maxAttempts = options.maxAttempts ?? 12;
  const batch = options.batch ?? 200;
  const log = options.log ?? (() => {});
  const sender = mail ? (options.send ?? smtpSender(mail)) : undefined;
  const later = (ms: number) => new Date(Date.parse(clock.now()) + ms).toISOString();

  async function queue(trx: Kysely<Database>, key: string, recipient: { id: string; email: string }, message: Message, now: string): Promise<void> {
    await repo.queueDelivery(trx, {
      id: newId(),
      dedupe_key: key,
      recipient_id: recipient.id,
      to_address: recipient.email,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      state: "queued",
      attempts: 0,
      next_attempt_at: now,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    });
  }

  /** Make the notification (once), and queue its e-mail when SMTP is on and the recipient wants each one. */
  async function make(trx: Kysely<Database>, spec: NotificationSpec, now: string): Promise<void> {
    const id = newId();
    const made = await repo.insertNotification(trx, {
      id,
      dedupe_key: spec.key,
      recipient_id: spec.recipientId,
      kind: spec.kind,
      entity_type: spec.entityType,
      entity_id: spec.entityId,
      text: spec.text,
      link: spec.link,
      audit_event_id: spec.auditEventId,
      created_at: now,
      read_at: null,
    });
    if (!made || !mail) return;
    if (((await repo.preferenceOf(trx, spec.recipientId)) ?? "immediate") !== "immediate") return;
    const user = await findUserById(trx, spec.recipientId);
    if (!user || user.disabled_at !== null) return;
    await queue(trx, `notification:${id}`, user, immediateMessage(spec, user.name, mail.publicUrl), now);
  }

  /** One batch of audit events after the cursor; how many were read (0: none, or another server holds the cursor). */
  async function deriveBatch(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const cursor = await repo.lockCursor(trx, dialect);
      if (cursor === undefined) return 0;
      const events = await eventsAfter(trx, cursor, batch);
      if (events.length === 0) return 0;
      const now = clock.now();
      for (const event of events) for (const spec of await notificationsOf(trx, event)) await make(trx, spec, now);
      await repo.moveCursor(trx, Number(events[events.length - 1]!.id), now);
      return events.length;
    });
  }

  async function derive(): Promise<number> {
    let read = 0;
    for (let n = await deriveBatch(); n > 0; n = await deriveBatch()) read += n;
    return read;
  }

  async function dueDates(): Promise<void> {
    const specs = await dueDateNotifications(db, clock.today(), options.followUpsDue);
    if (specs.length === 0) return;
    const existing = await repo.existingKeys(
      db,
      specs.map((s) => s.key),
    );
    const missing = specs.filter((s) => !existing.has(s.key));
    if (missing.length === 0) return;
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      for (const spec of missing) await make(trx, spec, now);
    });
  }

  async function digests(): Promise<void> {
    if (!mail) return;
    const today = clock.today();
    const at = `${today}T${String(mail.digestHour).padStart(2, "0")}:00:00.000Z`;
    const now = clock.now();
    if (now < at) return;
    const from = `${addDays(today, -1)}${at.slice(10)}`;
    for (const userId of await repo.usersWithPreference(db, "daily_digest")) {
      const rows = await repo.notificationsBetween(db, userId, from, at);
      const user = rows.length > 0 ? await findUserById(db, userId) : undefined;
      if (!user || user.disabled_at !== null) continue;
      await queue(db, `digest:${userId}:${today}`, user, digestMessage(rows, user.name, dayText(today), mail.publicUrl), now);
    }
  }

  /** Send the e-mails that are due, one at a time; how many were sent. */
  async function send(): Promise<number> {
    if (!sender) return 0;
    let sent = 0;
    for (;;) {
      const delivery = await repo.claimDelivery(db, dialect, { owner, now: clock.now(), leaseUntil: later(leaseMs) });
      if (!delivery) return sent;
      const held = { id: delivery.id, owner };
      try {
        await sender({
          to: delivery.to_address,
          subject: delivery.subject,
          text: delivery.text_body,
          html: delivery.html_body,
          messageId: `<${delivery.id}@rapporteur>`,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const giveUp = delivery.attempts >= maxAttempts;
        await repo.settleDelivery(
          db,
          held,
          giveUp
            ? { state: "failed", last_error: reason }
            : { state: "queued", last_error: reason, next_attempt_at: later(backoffMs(delivery.attempts, backoff)) },
        );
        log(`e-mail ${delivery.id} not sent (attempt ${delivery.attempts}): ${reason}`);
        // The server is likely away: leave the rest for the next tick.
        return sent;
      }
      if (await repo.settleDelivery(db, held, { state: "sent", sent_at: clock.now() })) sent++;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function tick(): Promise<{ events: number; sent: number }> {
    const events = await derive();
    await dueDates();
    await digests();
    return { events, sent: await send() };
  }

  return {
    tick,
    /** Tick every `intervalMs` until stopped (serve). */
    start(intervalMs: number) {
      stopped = false;
      const next = () => {
        if (stopped) return;
        timer = setTimeout(() => {
          running = tick()
            .then(() => undefined)
            .catch((error: unknown) => log("notifications could not be made or sent; trying again at the next tick", error))
            .finally(() => {
              running = undefined;
              next();
            });
        }, intervalMs);
        timer.unref();
      };
      next();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
      sender && "close" in sender && typeof sender.close === "function" && sender.close();
    },
  };
}
