// Notifications in a real browser (issue 14 item 5): a tasking is issued to DE; DE's reporter answers
// and submits; DE's approver returns the response with a comment on its page; the reporter sees the
// bell's badge (its count in words for screen readers too), finds the notification with the comment
// in the inbox, opens the response from it, marks all read, and chooses a daily digest on the account
// page. Every page is checked with axe-core and for machine words.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { taskingFields } from "../../src/testing/factories.js";
import type { TestUser } from "../../src/testing/harness.js";
import { responseInput, taskingInput } from "../../src/modules/taskings/schema.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

const COMMENT = "Please add the police reference to the second answer.";

describe.skipIf(!chromiumAvailable())("in a real browser, a returned response reaches its reporter's inbox", () => {
  let server: BrowserServer;
  let browser: Browser;
  let reporter: TestUser;
  let approver: TestUser;
  let taskingId = "";
  let reference = "";
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const editor = await server.user("editor");
    reporter = await server.user("reporter", "DE");
    approver = await server.user("approver", "DE");
    const { taskings } = server.env.context.services;
    const drafted = await taskings.createTasking(editor.actor, taskingInput.parse(taskingFields("2026-12-31", { targets: { posts: ["DE"] } })));
    const issued = await taskings.issueTasking(editor.actor, drafted.id, drafted.version);
    taskingId = issued.id;
    reference = issued.reference;
    const saved = await taskings.responses.save(
      reporter.actor,
      taskingId,
      "DE",
      responseInput.parse({
        answers: [
          { requirement: 1, narrative: "Two cases reached the courts." },
          { requirement: 2, nothing_to_report: true },
        ],
      }),
    );
    await taskings.responses.transition(reporter.actor, taskingId, "DE", { action: "submit", version: saved.version });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  async function as(user: TestUser): Promise<Page> {
    const { page, errors } = await openPage(browser, server.url);
    page.on("close", () => pageErrors.push(...errors));
    await signIn(page, user.email, user.password);
    return page;
  }

  it("when DE's approver returns the response with a comment, then the reporter sees the badge and the comment in the inbox", async () => {
    const page = await as(approver);
    await page.goto(`/taskings/${taskingId}/responses/DE`);
    await page.getByLabel("Comment for the post (needed to return it)").fill(COMMENT);
    await page.getByRole("button", { name: /^Return/ }).click();
    // It asks first, showing the comment that will be sent.
    const confirmation = page.getByRole("dialog", { name: "Return the response to the post?" });
    await confirmation.getByText(COMMENT).waitFor();
    await confirmation.getByRole("button", { name: "Return with this comment" }).click();
    await page.getByRole("status").getByText("Returned the response to the post with your comment.").waitFor();
    await page.close();
    // What `serve` does on its timer: the audit log's new events become notifications.
    await server.env.context.notifier.tick();

    const mine = await as(reporter);
    // The badge says it in words too (the tasking issued to the post, and the response returned).
    await mine.getByRole("link", { name: "Notifications: 2 unread notifications" }).waitFor();
    expect(await mine.locator(".bell-badge").textContent()).toBe("2");
    await mine.getByRole("link", { name: "Notifications: 2 unread notifications" }).click();
    await mine.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    const text = `Your post's response to tasking ${reference} was returned by ${approver.actor.name}: “${COMMENT}”`;
    await mine.getByRole("link", { name: text }).waitFor();
    await checkPage(mine, "notifications-01-inbox");

    await mine.getByRole("link", { name: text }).click();
    await mine.getByText("Returned with a comment").waitFor();
    await mine.getByText(COMMENT).first().waitFor();

    await mine.getByRole("link", { name: /^Notifications:/ }).click();
    await mine.getByRole("button", { name: "Mark all read" }).click();
    await mine.getByText(/^Marked (1 notification|\d+ notifications) read\.$/).waitFor();
    await mine.getByRole("link", { name: "Notifications: no unread notifications" }).waitFor();
    expect(await mine.locator(".bell-badge").count()).toBe(0);
    await checkPage(mine, "notifications-02-all-read");

    await mine.getByRole("link", { name: "E-mail settings" }).click();
    await mine.getByRole("heading", { level: 1, name: "Notification settings" }).waitFor();
    await mine.getByLabel("Notifications by e-mail").selectOption("daily_digest");
    await mine.getByRole("button", { name: "Save" }).click();
    await mine.getByText(/^Saved\. From now on: one e-mail a day/).waitFor();
    await checkPage(mine, "notifications-03-settings");
    await mine.close();
  });
});
