// Notification e-mails: the words (a plain-text body and a simple HTML one, written for people, with
// a link to the page), and the transport (nodemailer over SMTP, as MailSettings say: smtp:// with
// STARTTLS when offered, smtps:// with TLS from the start, the certificate checked unless told not to).
import nodemailer from "nodemailer";
import type { MailSettings } from "../../config.js";
import type { NotificationKind } from "../../domain/vocabulary.js";
import type { NotificationRow } from "./repo.js";

export interface Message {
  subject: string;
  text: string;
  html: string;
}

const SUBJECTS: Record<NotificationKind, string> = {
  "tasking.issued": "A tasking was issued to your post",
  "tasking.amended": "A tasking to your post was amended",
  "tasking.due_soon": "A tasking is due within a week",
  "tasking.overdue": "A tasking is overdue",
  "record.returned": "Your record was returned",
  "record.cleared": "Your record was cleared",
  "record.accepted": "Your record was accepted",
  "record.awaiting_clearance": "A record is waiting for your clearance",
  "record.awaiting_acceptance": "A record is waiting for your acceptance",
  "follow_up.due": "A follow-up action is due",
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function settingsLine(publicUrl: string, digest: boolean) {
  const why = digest
    ? "You receive this digest because you chose one e-mail a day."
    : "You receive these e-mails because you chose to be told as things happen.";
  return { text: `${why} You can change this in your notification settings: ${publicUrl}/account/notifications`, why };
}

/** One notification, e-mailed as it happens. */
export function immediateMessage(notification: Pick<NotificationRow, "kind" | "text" | "link">, recipientName: string, publicUrl: string): Message {
  const url = `${publicUrl}${notification.link}`;
  const settings = settingsLine(publicUrl, false);
  return {
    subject: `Rapporteur: ${SUBJECTS[notification.kind]}`,
    text: [`Hello ${recipientName},`, "", notification.text, "", `Open it in Rapporteur: ${url}`, "", settings.text, ""].join("\n"),
    html: [
      `<p>Hello ${escapeHtml(recipientName)},</p>`,
      `<p>${escapeHtml(notification.text)}</p>`,
      `<p><a href="${escapeHtml(url)}">Open it in Rapporteur</a></p>`,
      `<p style="color:#555">${escapeHtml(settings.why)} <a href="${escapeHtml(`${publicUrl}/account/notifications`)}">Notification settings</a></p>`,
    ].join("\n"),
  };
}

/** The day's notifications in one e-mail (`dayWords`: "2 June 2026"). */
export function digestMessage(
  notifications: readonly Pick<NotificationRow, "text" | "link">[],
  recipientName: string,
  dayWords: string,
  publicUrl: string,
): Message {
  const settings = settingsLine(publicUrl, true);
  const count = notifications.length === 1 ? "one notification" : `${notifications.length} notifications`;
  return {
    subject: `Rapporteur: your notifications of ${dayWords}`,
    text: [
      `Hello ${recipientName},`,
      "",
      `You have ${count} from the day up to ${dayWords}:`,
      "",
      ...notifications.flatMap((n) => [`- ${n.text}`, `  ${publicUrl}${n.link}`]),
      "",
      `Your inbox: ${publicUrl}/notifications`,
      "",
      settings.text,
      "",
    ].join("\n"),
    html: [
      `<p>Hello ${escapeHtml(recipientName)},</p>`,
      `<p>You have ${count} from the day up to ${escapeHtml(dayWords)}:</p>`,
      "<ul>",
      ...notifications.map((n) => `<li>${escapeHtml(n.text)} <a href="${escapeHtml(`${publicUrl}${n.link}`)}">Open</a></li>`),
      "</ul>",
      `<p><a href="${escapeHtml(`${publicUrl}/notifications`)}">Your inbox</a></p>`,
      `<p style="color:#555">${escapeHtml(settings.why)} <a href="${escapeHtml(`${publicUrl}/account/notifications`)}">Notification settings</a></p>`,
    ].join("\n"),
  };
}

/** Sends one e-mail; rejects when the server refuses it or cannot be reached. */
export type SendMail = (mail: { to: string; subject: string; text: string; html: string; messageId: string }) => Promise<void>;

/** The SMTP transport for these settings (one per notifier; it opens a connection per message). */
export function smtpSender(settings: MailSettings): SendMail & { close(): void } {
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const send = (async (mail) => {
    await transport.sendMail({ from: settings.from, ...mail });
  }) as SendMail & { close(): void };
  send.close = () => transport.close();
  return send;
}
