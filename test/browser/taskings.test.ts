// Taskings in a real browser (issue 14's first must-show): an editor drafts a tasking to DE and FR
// (a requirement asking about a category, another for a statistic), edits the draft and issues it;
// DE's reporter finds it in the inbox, answers its two requirements (one "nothing to report"),
// finds and cites an incident (by its number) and an accepted engagement (by words), and submits;
// DE's approver clears; the analyst accepts; the response downloads as a cable that cites the
// tasking and names the engagement; after the due date (a test clock) the compliance matrix shows
// DE accepted and FR overdue; an amendment changes a requirement and the posts see it as a change.
// Every page is checked with axe-core and for machine words.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engagementInput } from "../../src/modules/engagements/schema.js";
import { testClock } from "../../src/testing/clock.js";
import { engagementFields, recordIncident } from "../../src/testing/factories.js";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

const clock = testClock("2026-06-01");
const REFERENCE = "STATE 654321";
const INCIDENT = "Grooming network prosecuted in Saxony";
const OTHER_INCIDENT = "Arson at a reception centre in Bautzen";
const OFFICE = "Federal Ministry of the Interior";

describe.skipIf(!chromiumAvailable())("in a real browser, a tasking from issue to compliance", () => {
  let server: BrowserServer;
  let browser: Browser;
  let editor: TestUser;
  let reporter: TestUser;
  let approver: TestUser;
  let analyst: TestUser;
  let taskingPath = "";
  let incidentNumber = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ config: { clock } });
    browser = await launchBrowser();
    editor = await server.user("editor");
    reporter = await server.user("reporter", "DE");
    approver = await server.user("approver", "DE");
    analyst = await server.user("analyst");
    const cited = await recordIncident(
      server.env.context,
      "submitted",
      { reporter },
      {
        title: INCIDENT,
        categories: ["SE.ORGANISED"],
        sources: [{ kind: "court_record", publisher: "Landgericht Leipzig", title: "Judgment on the Leipzig network", reliability: "A", credibility: 1 }],
      },
    );
    incidentNumber = cited.number;
    await recordIncident(server.env.context, "draft", { reporter }, { title: OTHER_INCIDENT });
    // An engagement of DE's, accepted by the bureau, as engagements.test.ts records one in the browser.
    const { engagements } = server.env.context.services;
    let engagement = await engagements.create(
      reporter.actor,
      engagementInput.parse(engagementFields({ response: "receptive", response_text: "The ministry agreed to share its figures." })),
    );
    for (const [user, action] of [
      [reporter, "submit"],
      [approver, "clear"],
      [analyst, "accept"],
    ] as const) {
      engagement = await engagements.transition(user.actor, engagement.id, { action, version: engagement.version });
    }
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

  it("when an editor drafts a tasking to DE and FR, edits the draft and issues it, then the page shows what each requirement asks and says what was done", async () => {
    const page = await as(editor);
    await page.getByRole("link", { name: "Taskings" }).click();
    await page.getByRole("heading", { level: 1, name: "Taskings" }).waitFor();
    await page.getByLabel("Reference").fill(REFERENCE);
    await page.getByLabel("Title").fill("Crimes and abuses linked");
    await page.getByLabel("Text", { exact: true }).fill("Posts are asked to report on the concerns below.");
    await page.getByLabel("Requirement 1", { exact: true }).fill("Organised sexual exploitation of girls.");
    await page.getByText("Categories requirement 1 asks about (none chosen)").click();
    await page.getByRole("group", { name: "Categories requirement 1 asks about" }).getByLabel("Organised sexual exploitation", { exact: true }).check();
    await page.getByRole("button", { name: "Add a requirement" }).click();
    await page.getByLabel("Requirement 2", { exact: true }).fill("Housing requisitioned for accommodation.");
    await page.getByLabel("Statistics requirement 2 asks for").fill("accommodation capacity");
    await page.getByLabel("Period covered from").fill("2026-01-01");
    await page.getByLabel("Period covered to").fill("2026-05-31");
    await page.getByLabel("Due date").fill("2026-06-30");
    await page.getByLabel("Posts", { exact: true }).fill("DE, FR");
    await checkPage(page, "taskings-01-new");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await page.getByText(`Saved the draft tasking ${REFERENCE}.`).waitFor();
    taskingPath = new URL(page.url()).pathname;
    const asks = page.locator("ol.requirements");
    await asks.getByText("Organised sexual exploitation", { exact: true }).waitFor();
    await asks.getByText("accommodation capacity", { exact: true }).waitFor();
    // The draft's edit form holds what was saved: change the title.
    await page.getByLabel("Title").fill("Crimes and abuses linked to migration");
    await page.getByRole("button", { name: "Save the changes" }).click();
    await page.getByText(`Saved the changes to the draft tasking ${REFERENCE}.`).waitFor();
    await page.getByRole("heading", { level: 1, name: `${REFERENCE}: Crimes and abuses linked to migration` }).waitFor();
    await checkPage(page, "taskings-02-draft");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Issue to posts" }).click();
    await page.getByText(`Issued ${REFERENCE} to 2 posts.`).waitFor();
    await page.close();
  });

  it("when DE's reporter answers both requirements, finds and cites an incident and an engagement and submits, then each step is confirmed", async () => {
    // What `serve` does on its timer: the issue in the audit log becomes the post's notifications.
    await server.env.context.notifier.tick();
    const page = await as(reporter);
    // The engagement's clearing and acceptance reached the inbox too.
    await page.getByRole("link", { name: /^Notifications: \d+ unread notifications?$/ }).click();
    await page.getByRole("link", { name: new RegExp(`^Tasking ${REFERENCE}, .* was issued to your post\\.`) }).click();
    await page.getByRole("link", { name: "Answer this tasking" }).click();
    await page.getByRole("heading", { level: 1, name: `Response of Embassy in Germany to ${REFERENCE}` }).waitFor();
    await page.getByText("Organised sexual exploitation", { exact: true }).waitFor();
    await page.getByLabel("Answer to requirement 1").fill("One network was prosecuted in Saxony.");
    // The incident by its number: only it is found, not the post's other incident.
    await page.getByLabel("Find incidents of the post for requirement 1").fill(`No. ${incidentNumber}`);
    await page.getByRole("button", { name: "Find for incidents cited for requirement 1" }).click();
    const incidents = page.getByRole("group", { name: "Incidents cited for requirement 1" });
    await incidents.getByLabel(new RegExp(INCIDENT)).check();
    expect(await incidents.getByLabel(new RegExp(OTHER_INCIDENT)).count()).toBe(0);
    // The engagement by words of its office.
    await page.getByLabel("Find engagements of the post for requirement 1").fill("interior");
    await page.getByRole("button", { name: "Find for engagements cited for requirement 1" }).click();
    await page.getByRole("group", { name: "Engagements cited for requirement 1" }).getByLabel(new RegExp(OFFICE)).check();
    await page.getByRole("group", { name: "Requirement 2: nothing to report?" }).getByLabel("Nothing to report").check();
    await checkPage(page, "taskings-03-response");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await page.getByText("Saved the draft response: 2 of 2 requirements answered.").waitFor();
    // What the response cites stays shown, ticked, after the save.
    expect(await incidents.getByLabel(new RegExp(INCIDENT)).isChecked()).toBe(true);
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
    expect(flat).toContain(`Engagement of 12 March 2026 with ${OFFICE} (senior official): receptive.`);
    expect(flat).toContain("ENGAGEMENT WITH THE HOST GOVERNMENT");
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
  });

  it("when the editor amends a requirement, then the versions sent to posts show the change with its note", async () => {
    const page = await as(editor);
    await page.goto(taskingPath);
    await page.getByLabel("Requirement 2", { exact: true }).fill("Housing requisitioned or acquired for accommodation.");
    await page.getByLabel("What the amendment changes").fill("Requirement 2 also asks about housing acquired.");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Send the amendment" }).click();
    await page.getByText(`Sent version 2 of ${REFERENCE} to its posts.`).waitFor();
    await page.getByText(/^Version 2, .*: changed the requirements — Requirement 2 also asks about housing acquired\.$/).waitFor();
    await checkPage(page, "taskings-07-amended");
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
