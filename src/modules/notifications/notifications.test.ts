// The inbox against both databases: who is told what when a tasking is issued or amended, a record
// is submitted, cleared, returned (with the comment) or accepted, and when a tasking falls due or
// is overdue (a test clock); each notification made once however often the notifier ticks; a user
// reaches only their own; the inbox pages unread first; preferences are audited; the engagements'
// follow-up hook (a fake here) is announced once.
import { beforeAll, expect, it } from "vitest";
import { testClock } from "../../testing/clock.js";
import { deskOf, recordIncident, taskingFields, type Desk } from "../../testing/factories.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { machineWords } from "../../testing/machine-words.js";
import type { TaskingOutput } from "../taskings/schema.js";
import { auditEventsFor } from "../audit/audit.js";
import { notifier } from "./notifier.js";
import type { NotificationList, NotificationOutput, PreferencesOutput } from "./schema.js";

const clock = testClock("2026-06-01");

forEachDatabase(
  "notifications",
  (env) => {
    let de: Desk;
    let fr: Desk;
    let be: TestUser;

    beforeAll(async () => {
      de = await deskOf(env(), "DE");
      fr = await deskOf(env(), "FR", de);
      be = await env().user("reporter", "BE");
    });

    const call = async <T>(user: TestUser, method: "GET" | "POST" | "PUT", url: string, json?: unknown, status = 200): Promise<T> => {
      const response = await env().request(user, { method, url, ...(json === undefined ? {} : { json }) });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
      return response.json<T>();
    };
    const inbox = async (user: TestUser) => (await call<NotificationList>(user, "GET", "/api/v1/notifications?limit=100")).items;
    const about = async (user: TestUser, link: string) => (await inbox(user)).filter((n) => n.link === link);
    const tick = () => env().context.notifier.tick();
    const issue = async (due = "2026-07-31", overrides: Record<string, unknown> = {}) => {
      const drafted = await call<TaskingOutput>(de.editor, "POST", "/api/v1/taskings", taskingFields(due, overrides), 201);
      return call<TaskingOutput>(de.editor, "POST", `/api/v1/taskings/${drafted.id}/issue`, { version: drafted.version });
    };
    const expectWords = (items: NotificationOutput[]) => {
      for (const n of items) expect(machineWords(n.text), n.text).toEqual([]);
    };

    it("when an editor issues a tasking to DE and FR, then their reporters and approvers find it in their inbox, and nobody else", async () => {
      const tasking = await issue();
      // Two ticks at once (two servers): one holds the cursor, the other leaves the batch to it.
      await Promise.all([tick(), tick()]);
      const link = `/taskings/${tasking.id}`;
      for (const user of [de.reporter, de.approver, fr.reporter, fr.approver]) {
        const [note, ...more] = await about(user, link);
        expect(more).toEqual([]);
        expect(note).toMatchObject({ kind: "tasking.issued", read_at: null });
        expect(note!.text).toBe(`Tasking ${tasking.reference}, “${tasking.title}”, was issued to your post. It is due on 31 July 2026.`);
      }
      expect(await about(be, link)).toEqual([]);
      expect(await about(de.editor, link)).toEqual([]);
      expect(await about(de.analyst, link)).toEqual([]);

      const amended = await call<TaskingOutput>(de.editor, "POST", `/api/v1/taskings/${tasking.id}/amend`, {
        version: tasking.version,
        due_date: "2026-08-15",
        note: "Due date extended by two weeks.",
      });
      await tick();
      await tick();
      const notes = await about(fr.reporter, link);
      expect(notes.map((n) => n.kind).sort()).toEqual(["tasking.amended", "tasking.issued"]);
      expect(notes.find((n) => n.kind === "tasking.amended")!.text).toBe(
        `Tasking ${amended.reference}, “${amended.title}”, was amended: Due date extended by two weeks. It is due on 15 August 2026.`,
      );
      expectWords(notes);
    });

    it("when DE's reporter submits a response and the approver returns it with a comment, then the approver was asked to clear it and the reporter reads the comment", async () => {
      const tasking = await issue();
      const url = `/api/v1/taskings/${tasking.id}/responses/DE`;
      const link = `/taskings/${tasking.id}/responses/DE`;
      await call(de.reporter, "POST", url, { answers: [{ requirement: 1, nothing_to_report: true }] });
      await call(de.reporter, "POST", `${url}/transitions`, { action: "submit", version: 1 });
      await tick();
      const [waiting] = await about(de.approver, link);
      expect(waiting).toMatchObject({ kind: "record.awaiting_clearance" });
      expect(waiting!.text).toBe(`The response of the Embassy in Germany to tasking ${tasking.reference} is waiting for your clearance.`);
      // Not FR's approver, not the bureau (it is not their step), not the reporter who submitted it.
      expect(await about(fr.approver, link)).toEqual([]);
      expect(await about(de.analyst, link)).toEqual([]);
      expect(await about(de.reporter, link)).toEqual([]);

      await call(de.approver, "POST", `${url}/transitions`, { action: "return", version: 2, comment: "Please add the police reference." });
      await tick();
      const [returned] = await about(de.reporter, link);
      expect(returned).toMatchObject({ kind: "record.returned" });
      expect(returned!.text).toBe(
        `Your post's response to tasking ${tasking.reference} was returned by ${de.approver.actor.name}: “Please add the police reference.”`,
      );
      expectWords([waiting!, returned!]);
    });

    it("when an incident is cleared and accepted, then the analyst is asked to accept it and its reporter is told of each step", async () => {
      const incident = await recordIncident(env().context, "accepted", de, { title: "Attack on a synagogue in Halle" });
      await tick();
      const link = `/incidents/${incident.id}`;
      expect((await about(de.analyst, link)).map((n) => [n.kind, n.text])).toEqual([
        [
          "record.awaiting_acceptance",
          `Incident No. ${incident.number}, “Attack on a synagogue in Halle”, from the Embassy in Germany, was cleared and is waiting for your acceptance.`,
        ],
      ]);
      const reporter = await about(de.reporter, link);
      expect(reporter.map((n) => n.kind).sort()).toEqual(["record.accepted", "record.cleared"]);
      expect(reporter.find((n) => n.kind === "record.accepted")!.text).toBe(
        `Your incident No. ${incident.number}, “Attack on a synagogue in Halle”, was accepted by ${de.analyst.actor.name}.`,
      );
      expect((await about(de.approver, link)).map((n) => n.kind)).toEqual(["record.awaiting_clearance"]);
    });

    it("when AT's engagement is submitted and returned with a comment, then the approver was asked to clear it, the reporter reads the comment, and its overdue follow-up reaches the post", async () => {
      type Engagement = { id: string; version: number };
      // A post of its own, so the other stories' inboxes are not changed.
      const at = await deskOf(env(), "AT", de);
      const recorded = await call<Engagement>(
        at.reporter,
        "POST",
        "/api/v1/engagements",
        {
          date: "2026-03-12",
          kind: "meeting",
          counterpart: { office: "Federal Ministry of Justice", level: "working_level", office_type: "justice" },
          initiated_by: "post",
          message: "Asked for the ministry's sentencing statistics by citizenship.",
          follow_ups: [{ action: "Send the ministry our questions in writing", owner_role: "the political section", due_date: "2026-05-20" }],
        },
        201,
      );
      const submitted = await call<Engagement>(at.reporter, "POST", `/api/v1/engagements/${recorded.id}/transitions`, {
        action: "submit",
        version: recorded.version,
      });
      await call(at.approver, "POST", `/api/v1/engagements/${recorded.id}/transitions`, {
        action: "return",
        version: submitted.version,
        comment: "Say which statistics were asked for.",
      });
      await tick();
      const link = `/engagements/${recorded.id}`;
      expect((await about(at.approver, link)).map((n) => [n.kind, n.text]).sort()).toEqual([
        [
          "follow_up.due",
          "A follow-up to the engagement with Federal Ministry of Justice on 12 March 2026 was due on 20 May 2026: Send the ministry our questions in writing",
        ],
        ["record.awaiting_clearance", "The Embassy in Austria's engagement with Federal Ministry of Justice on 12 March 2026 is waiting for your clearance."],
      ]);
      const reporter = await about(at.reporter, link);
      expect(reporter.map((n) => n.kind).sort()).toEqual(["follow_up.due", "record.returned"]);
      expect(reporter.find((n) => n.kind === "record.returned")!.text).toBe(
        `Your engagement with Federal Ministry of Justice on 12 March 2026 was returned by ${at.approver.actor.name}: “Say which statistics were asked for.”`,
      );
      expectWords(reporter);
      expect(await about(de.reporter, link)).toEqual([]);
    });

    it("when a tasking falls due within a week and then passes its due date, then each post that has not submitted is reminded once of each", async () => {
      const tasking = await issue("2026-06-20");
      const url = `/api/v1/taskings/${tasking.id}/responses/DE`;
      await call(de.reporter, "POST", url, { answers: [{ requirement: 1, nothing_to_report: true }] });
      await call(de.reporter, "POST", `${url}/transitions`, { action: "submit", version: 1 });
      const reminders = async (user: TestUser, post: string) =>
        (await about(user, `/taskings/${tasking.id}/responses/${post}`)).filter((n) => n.kind.startsWith("tasking."));
      try {
        await tick();
        expect(await reminders(fr.reporter, "FR")).toEqual([]);
        clock.set("2026-06-13");
        await tick();
        await tick();
        const [soon, ...more] = await reminders(fr.reporter, "FR");
        expect(more).toEqual([]);
        expect(soon).toMatchObject({ kind: "tasking.due_soon", text: `Your post's response to tasking ${tasking.reference} is due on 20 June 2026.` });
        expect(await reminders(fr.approver, "FR")).toHaveLength(1);
        // DE has submitted: no reminder.
        expect(await reminders(de.reporter, "DE")).toEqual([]);
        clock.set("2026-06-21");
        await Promise.all([tick(), tick()]);
        const overdue = (await reminders(fr.reporter, "FR")).filter((n) => n.kind === "tasking.overdue");
        expect(overdue.map((n) => n.text)).toEqual([
          `Your post's response to tasking ${tasking.reference} was due on 20 June 2026 and has not been submitted.`,
        ]);
      } finally {
        clock.set("2026-06-01");
      }
    });

    it("when a user reads their inbox, then the unread come first a page at a time, marking read moves them down, and another's is not found", async () => {
      const reader = await env().user("reporter", "DE");
      await issue();
      await issue();
      await issue();
      await tick();
      const all = await inbox(reader);
      expect(all).toHaveLength(3);
      expect((await call<{ unread: number }>(reader, "GET", "/api/v1/notifications/unread-count")).unread).toBe(3);
      const oldest = all[2]!;
      const read = await call<NotificationOutput>(reader, "POST", `/api/v1/notifications/${oldest.id}/read`);
      expect(read.read_at).not.toBeNull();
      expect((await env().request(de.reporter, { method: "POST", url: `/api/v1/notifications/${oldest.id}/read` })).statusCode).toBe(404);
      const first = await call<NotificationList>(reader, "GET", "/api/v1/notifications?limit=2");
      expect(first.unread).toBe(2);
      expect(first.items.map((n) => n.read_at)).toEqual([null, null]);
      const second = await call<NotificationList>(reader, "GET", `/api/v1/notifications?limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`);
      expect(second.items.map((n) => n.id)).toEqual([oldest.id]);
      expect(second.next_cursor).toBeNull();
      expect(await call(reader, "POST", "/api/v1/notifications/read-all")).toEqual({ marked: 2 });
      expect((await call<{ unread: number }>(reader, "GET", "/api/v1/notifications/unread-count")).unread).toBe(0);
    });

    it("when a user chooses a daily digest, then the choice is kept and audited", async () => {
      const user = await env().user("approver", "FR");
      expect(await call<PreferencesOutput>(user, "GET", "/api/v1/notifications/preferences")).toEqual({
        email: "immediate",
        email_enabled: false,
        digest_hour: 7,
      });
      expect((await call<PreferencesOutput>(user, "PUT", "/api/v1/notifications/preferences", { email: "daily_digest" })).email).toBe("daily_digest");
      expect((await call<PreferencesOutput>(user, "GET", "/api/v1/notifications/preferences")).email).toBe("daily_digest");
      const events = (await auditEventsFor(env().context.db, "user", user.actor.id)).filter((e) => e.action === "notification.preferences_update");
      expect(events.map((e) => [e.before, e.after])).toEqual([[{ email: "immediate" }, { email: "daily_digest" }]]);
    });

    it("when the engagements' hook says a follow-up action is due, then its owner is told once", async () => {
      const owner = await env().user("reporter", "DE");
      const { db, dialect } = env().context;
      const followUps = notifier({
        db,
        dialect,
        clock,
        mail: null,
        followUpsDue: async (_db, today) => [
          {
            key: `follow-up-1:${today}`,
            recipientId: owner.actor.id,
            entityType: "engagement",
            entityId: "0193a1a2-0000-7000-8000-000000000001",
            text: "Send the ministry the statistics promised at the meeting of 2 May 2026 (due 1 June 2026).",
            link: "/engagements/0193a1a2-0000-7000-8000-000000000001",
          },
        ],
      });
      await followUps.tick();
      await followUps.tick();
      expect((await inbox(owner)).map((n) => [n.kind, n.link])).toEqual([["follow_up.due", "/engagements/0193a1a2-0000-7000-8000-000000000001"]]);
    });
  },
  { config: { clock } },
);
