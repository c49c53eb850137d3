// Notification e-mails against a real SMTP server on loopback (smtp-server, started by the test):
// the "returned" e-mail arrives with the approver's comment; with the server stopped the delivery
// is queued again with a backoff and arrives, once, when the server is back and the retry is due (the
// time moved by the test clock, the arrival waited for as the server shows it); the daily digest is
// one e-mail a day; and on PostgreSQL two app servers on one database, both ticking, send each
// message exactly once (on SQLite, one process by design, two notifiers over the one context).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailSettings, type Config, type MailConfigName } from "../../config.js";
import type { AppContext } from "../../context.js";
import type { Role } from "../../domain/vocabulary.js";
import { testClock } from "../../testing/clock.js";
import { databaseKinds, openTestInstances } from "../../testing/databases.js";
import { recordIncident, type Desk } from "../../testing/factories.js";
import type { TestUser } from "../../testing/harness.js";
import { startSmtpServer, type TestSmtpServer } from "../../testing/smtp-server.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { notifier } from "./notifier.js";
import * as repo from "./repo.js";

const COMMENT = "Please add the police reference.";

/** Poll `check` until it holds, at most `bound` tries (a condition, never a length of time). */
async function until<T>(check: () => T | undefined | false, what: string, bound = 500): Promise<T> {
  for (let i = 0; i < bound; i++) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

for (const kind of databaseKinds()) {
  describe(`notification e-mails through a real SMTP server [${kind}]`, () => {
    const clock = testClock("2026-06-01");
    let smtp: TestSmtpServer;
    let contexts: AppContext[];
    let close: () => Promise<void>;
    let counter = 0;
    let mail: Partial<Pick<Config, MailConfigName>>;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      mail = {
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        SMTP_FROM: "Rapporteur <rapporteur@example.org>",
        SMTP_TLS_REJECT_UNAUTHORIZED: false,
        PUBLIC_URL: "https://rapporteur.example.org/",
        NOTIFICATION_DIGEST_HOUR: 7,
      };
      ({ contexts, close } = await openTestInstances(kind, 2, { clock, ...mail }));
    });
    afterAll(async () => {
      await Promise.all(contexts.map((c) => c.notifier.stop()));
      await close();
      await smtp.stop();
    });

    const context = () => contexts[0]!;
    const account = async (role: Role, post?: string): Promise<TestUser> => {
      const email = `${role}.${++counter}@example.org`;
      const user = await context().services.users.createUser(CLI_ACTOR, {
        email,
        name: `Officer ${counter}`,
        role,
        post,
        password: `pw-${counter}-long-enough-x`,
      });
      return { actor: { kind: "user", id: user.id, email, name: user.name, role, postCode: user.post }, email, password: "", cookie: "" };
    };
    // Each story on posts of its own: a post's every approver is told of its submissions.
    const desk = async (post: string): Promise<Desk> => ({
      reporter: await account("reporter", post),
      approver: await account("approver", post),
      analyst: await account("analyst"),
      editor: await account("editor"),
    });
    const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

    it("when an approver returns a reporter's incident with a comment, then the reporter is e-mailed the comment with a link to the page", async () => {
      const de = await desk("DE");
      const incident = await recordIncident(context(), "returned", de, { title: "Grooming network prosecuted in Saxony" });
      await context().notifier.tick();
      const [mail] = await until(() => mailsTo(de.reporter.email).length > 0 && mailsTo(de.reporter.email), "the returned e-mail");
      expect(mail!.subject).toBe("Rapporteur: Your record was returned");
      expect(mail!.content).toContain(`was returned by ${de.approver.actor.name}: “${COMMENT}”`);
      expect(mail!.content).toContain(`https://rapporteur.example.org/incidents/${incident.id}`);
      expect(mail!.content).toContain("Grooming network prosecuted in Saxony");
      // The approver was told at the submission that it waited for their clearance.
      expect(mailsTo(de.approver.email).map((m) => m.subject)).toEqual(["Rapporteur: A record is waiting for your clearance"]);
    });

    it("when the mail server is down, then the e-mail waits with a backoff and is delivered once when the server is back", async () => {
      const de = await desk("FR");
      await smtp.stop();
      try {
        await recordIncident(context(), "returned", de);
        await context().notifier.tick();
      } finally {
        await smtp.start();
      }
      const deliveries = [...(await repo.deliveriesTo(context().db, de.reporter.actor.id)), ...(await repo.deliveriesTo(context().db, de.approver.actor.id))];
      expect(deliveries).toHaveLength(2);
      // The first attempt failed; the rest were left for a later tick (the server is likely away).
      const failed = deliveries.find((d) => d.attempts === 1)!;
      expect(failed).toMatchObject({ state: "queued", sent_at: null });
      expect(failed.last_error).toBeTruthy();
      expect(failed.next_attempt_at > clock.now()).toBe(true);
      const received = (id: string) => smtp.received.filter((m) => m.messageId === `<${id}@rapporteur>`);

      // Back, but the retry is not due yet: the one never tried goes, the failed one waits for its time.
      await context().notifier.tick();
      const other = deliveries.find((d) => d.id !== failed.id)!;
      await until(() => received(other.id).length > 0, "the e-mail never tried");
      expect(received(failed.id)).toEqual([]);
      clock.advance(2 * 60_000);
      await context().notifier.tick();
      await until(() => received(failed.id).length > 0, "the e-mail after the server came back");
      await context().notifier.tick();
      expect(received(failed.id)).toHaveLength(1);
      expect(await repo.findDelivery(context().db, failed.id)).toMatchObject({ state: "sent", attempts: 2 });
    });

    it("when a user chose the daily digest, then their notifications of the day come in one e-mail at the digest hour, once", async () => {
      const de = await desk("IT");
      await context().services.notifications.setPreferences(de.reporter.actor, { email: "daily_digest" });
      await recordIncident(context(), "returned", de);
      await recordIncident(context(), "accepted", de);
      await context().notifier.tick();
      expect(mailsTo(de.reporter.email)).toEqual([]);
      const day = clock.today();
      clock.setTime(`${day.slice(0, 8)}${String(Number(day.slice(8)) + 1).padStart(2, "0")}T07:30:00.000Z`);
      await context().notifier.tick();
      await context().notifier.tick();
      const digests = await until(() => mailsTo(de.reporter.email).length > 0 && mailsTo(de.reporter.email), "the digest");
      expect(digests).toHaveLength(1);
      expect(digests[0]!.subject).toMatch(/^Rapporteur: your notifications of \d+ June 2026$/);
      expect(digests[0]!.content).toContain(COMMENT);
      expect(digests[0]!.content).toContain("was accepted");
    });

    it("when two app servers tick at once on one database, then every e-mail is sent exactly once", async () => {
      const desks = await Promise.all(["AT", "BE", "NL"].map((post) => desk(post)));
      for (const d of desks) for (let i = 0; i < 2; i++) await recordIncident(context(), "returned", d);
      const [a, b] = contexts as [AppContext, AppContext];
      // On SQLite both are one context: the second server is a second notifier in the process, with its own SMTP transport.
      const second = a === b ? notifier({ db: b.db, dialect: b.dialect, clock, mail: mailSettings(mail) }) : b.notifier;
      await Promise.all([a.notifier.tick(), second.tick(), a.notifier.tick(), second.tick()]);
      const deliveries = (await Promise.all(desks.flatMap((d) => [d.reporter, d.approver]).map((u) => repo.deliveriesTo(a.db, u.actor.id)))).flat();
      expect(deliveries.length).toBe(12);
      await until(() => deliveries.every((d) => smtp.received.some((m) => m.messageId === `<${d.id}@rapporteur>`)), "every e-mail");
      for (const d of deliveries) expect(smtp.received.filter((m) => m.messageId === `<${d.id}@rapporteur>`)).toHaveLength(1);
      const ids = smtp.received.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      if (a === b) await second.stop();
    });
  });
}
