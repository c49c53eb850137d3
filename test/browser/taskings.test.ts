// Taskings in a real browser (issue 14's first must-show, without engagements): an editor issues a
// tasking to DE and FR; DE's reporter finds it in the inbox, answers its two requirements (one
// "nothing to report"), cites an incident and submits; DE's approver clears; the analyst accepts; after the due
// date (a test clock) the compliance matrix shows DE accepted and FR overdue, and the response
// downloads as a cable that cites the tasking. Every page is checked with axe-core and for machine words.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../../src/testing/clock.js";
import { recordIncident } from "../../src/testing/factories.js";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

const clock = testClock("2026-06-01");
const REFERENCE = "STATE 654321";
const INCIDENT = "Grooming network prosecuted in Saxony";

describe.skipIf(!chromiumAvailable())("in a real browser, a tasking from issue to compliance", () => {
  let server: BrowserServer;
  let browser: Browser;
  let editor: TestUser;
  let reporter: TestUser;
  let approver: TestUser;
  let analyst: TestUser;
  let taskingPath = "";
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ config: { clock } });
    browser = await launchBrowser();
    editor = await server.user("editor");
    reporter = await server.user("reporter", "DE");
    approver = await server.user("approver", "DE");
    analyst = await server.user("analyst");
    await recordIncident(
      server.env.context,
      "submitted",
      { reporter },
      {
        title: INCIDENT,
        categories: ["SE.ORGANISED"],
        sources: [{ kind: "court_record", publisher: "Landgericht Leipzig", title: "Judgment on the Leipzig network", reliability: "A", credibility: 1 }],
      },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function as(user: TestUser): Promise<Page> {
    const { page, errors } = await openPage(browser, server.url);
    page.on("close", () => pageErrors.push(...errors));
    await signIn(page, user.email, user.password);
    return page;
  }

  it("when an editor drafts a tasking to DE and FR and issues it, then the page says so after asking", async () => {
    const page = await as(editor);
    await page.getByRole("link", { name: "Taskings" }).click();
    await page.getByRole("heading", { level: 1, name: "Taskings" }).waitFor();
    await page.getByLabel("Reference").fill(REFERENCE);
    await page.getByLabel("Title").fill("Crimes and abuses linked to migration");
    await page.getByLabel("Text", { exact: true }).fill("Posts are asked to report on the concerns below.");
    await page.getByLabel("Requirements").fill("Organised sexual exploitation of girls.\nHousing requisitioned for accommodation.");
    await page.getByLabel("Period covered from").fill("2026-01-01");
    await page.getByLabel("Period covered to").fill("2026-05-31");
    await page.getByLabel("Due date").fill("2026-06-30");
    await page.getByLabel("Posts", { exact: true }).fill("DE, FR");
    await checkPage(page, "taskings-01-new");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await page.getByText(`Saved the draft tasking ${REFERENCE}.`).waitFor();
    taskingPath = new URL(page.url()).pathname;
    await checkPage(page, "taskings-02-draft");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Issue to posts" }).click();
    await page.getByText(`Issued ${REFERENCE} to 2 posts.`).waitFor();
    await page.close();
  });

  it("when DE's reporter answers both requirements, cites an incident and submits, then each step is confirmed", async () => {
    // What `serve` does on its timer: the issue in the audit log becomes the post's notifications.
    await server.env.context.notifier.tick();
    const page = await as(reporter);
    await page.getByRole("link", { name: "Notifications: 1 unread notification" }).click();
    await page.getByRole("link", { name: new RegExp(`^Tasking ${REFERENCE}, .* was issued to your post\\.`) }).click();
    await page.getByRole("link", { name: "Answer this tasking" }).click();
    await page.getByRole("heading", { level: 1, name: `Response of Embassy in Germany to ${REFERENCE}` }).waitFor();
    await page.getByLabel("Answer to requirement 1").fill("One network was prosecuted in Saxony.");
    await page.getByRole("group", { name: "Incidents cited for requirement 1" }).getByLabel(new RegExp(INCIDENT)).check();
    await page.getByRole("group", { name: "Requirement 2: nothing to report?" }).getByLabel("Nothing to report").check();
    await checkPage(page, "taskings-03-response");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await page.getByText("Saved the draft response: 2 of 2 requirements answered.").waitFor();
    await page.getByRole("button", { name: "Submit for clearance" }).click();
    await page.getByText("Submitted the response for clearance.").waitFor();
    await checkPage(page, "taskings-04-submitted");
    await page.close();
  });

  it("when DE's approver clears it and the analyst accepts it, then the cable cites the tasking", async () => {
    const post = await as(approver);
    await post.goto(`${taskingPath}/responses/DE`);
    await post.getByRole("button", { name: "Clear" }).click();
    await post.getByText("Cleared the response for the bureau.").waitFor();
    await post.close();

    const page = await as(analyst);
    await page.goto(taskingPath);
    await page.getByRole("link", { name: "Embassy in Germany" }).click();
    await page.getByRole("button", { name: "Accept" }).click();
    await page.getByText("Accepted the response.").waitFor();
    await checkPage(page, "taskings-05-accepted");
    const href = await page.getByRole("link", { name: "Text of the cable" }).getAttribute("href");
    const cable = await page.evaluate(async (url) => {
      const response = await fetch(url!, { credentials: "same-origin" });
      return { status: response.status, text: await response.text() };
    }, href);
    expect(cable.status).toBe(200);
    expect(cable.text).toContain(`REF: ${REFERENCE}`);
    // Words wrap at 80 columns: read the paragraphs as running text.
    const flat = cable.text.replace(/\s+/g, " ");
    expect(flat).toMatch(/2\. \(SBU\) Requirement 1 \([^)]*\): One network was prosecuted in Saxony\./);
    expect(flat).toMatch(/3\. \(SBU\) Requirement 2 \([^)]*\): Nothing to report\./);
    expect(flat).toMatch(new RegExp(`${INCIDENT} \\([^)]*\\) \\[1\\]`));
    expect(flat).toMatch(/SOURCES \[1\] Landgericht Leipzig, “Judgment on the Leipzig network”/);
    await page.close();
  });

  it("when the due date has passed, then the compliance matrix shows DE accepted and FR overdue", async () => {
    clock.set("2026-07-01");
    const page = await as(analyst);
    await page.getByRole("link", { name: "Compliance" }).click();
    await page.getByRole("heading", { level: 1, name: "Compliance" }).waitFor();
    await page.getByRole("row", { name: new RegExp(`${REFERENCE} Embassy in Germany Accepted`) }).waitFor();
    await page.getByRole("row", { name: new RegExp(`${REFERENCE} Embassy in France Overdue`) }).waitFor();
    await checkPage(page, "taskings-06-compliance");
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
