// Engagements in a real browser (issue 14 item 4): DE's reporter records a démarche at the interior
// ministry, attaches its notes, gives it a follow-up owned by the post's approver (chosen by name)
// and submits it; DE's approver sees the notes, starts to return it and cancels (the comment stays),
// then clears it; the analyst accepts it; DE's reporter cites it
// in the post's response to a tasking, whose cable then has its "Engagement with the host
// government" section. Every page is checked with axe-core and for machine words.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../../src/testing/clock.js";
import { taskingFields } from "../../src/testing/factories.js";
import type { TestUser } from "../../src/testing/harness.js";
import { taskingInput } from "../../src/modules/taskings/schema.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

const clock = testClock("2026-06-01");
const OFFICE = "Federal Ministry of the Interior";
const NOTES = Buffer.from("Notes of the démarche: the ministry agreed to share its figures.\n");
const COMMENT = "Please name the state secretary you met.";

describe.skipIf(!chromiumAvailable())("in a real browser, an engagement from record to a response's cable", () => {
  let server: BrowserServer;
  let browser: Browser;
  let reporter: TestUser;
  let approver: TestUser;
  let analyst: TestUser;
  let engagementPath = "";
  let taskingId = "";
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ config: { clock } });
    browser = await launchBrowser();
    reporter = await server.user("reporter", "DE");
    approver = await server.user("approver", "DE");
    analyst = await server.user("analyst");
    const editor = await server.user("editor");
    const { taskings } = server.env.context.services;
    const drafted = await taskings.createTasking(editor.actor, taskingInput.parse(taskingFields("2026-06-30")));
    taskingId = (await taskings.issueTasking(editor.actor, drafted.id, drafted.version)).id;
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

  it("when DE's reporter records an engagement and submits it, then each step says what it did", async () => {
    const page = await as(reporter);
    await page.getByRole("link", { name: "Engagements" }).click();
    await page.getByRole("heading", { level: 1, name: "Engagements with host governments" }).waitFor();
    await page.getByRole("link", { name: "Record an engagement" }).click();
    await page.getByLabel("Date").fill("2026-03-12");
    await page.getByLabel("Kind").selectOption("demarche");
    await page.getByLabel("Office met").fill(OFFICE);
    await page.getByLabel("Level").selectOption("senior_official");
    await page.getByLabel("Office type").selectOption("interior");
    await page.getByLabel("Topics").fill("SE.ORGANISED, TIP");
    await page.getByLabel("Message delivered").fill("Delivered the concerns on organised sexual exploitation and offered support.");
    await page.getByLabel("Response", { exact: true }).selectOption("receptive");
    await page.getByLabel("The response, in your words").fill("The ministry agreed to share its figures.");
    await checkPage(page, "engagements-01-new");
    await page.getByRole("button", { name: "Record the engagement" }).click();
    await page.getByText("Recorded the engagement as a draft of your post.").waitFor();
    engagementPath = new URL(page.url()).pathname;
    await page.getByLabel("File to attach").setInputFiles({ name: "meeting-notes.txt", mimeType: "text/plain", buffer: NOTES });
    await page.getByRole("button", { name: "Attach the file" }).click();
    await page.getByText(`Attached meeting-notes.txt (plain text, ${NOTES.length} bytes).`).waitFor();
    const href = await page.getByRole("link", { name: "meeting-notes.txt" }).getAttribute("href");
    const download = await page.evaluate(async (url) => {
      const response = await fetch(url!, { credentials: "same-origin" });
      return { status: response.status, disposition: response.headers.get("content-disposition"), text: await response.text() };
    }, href);
    expect(download).toEqual({ status: 200, disposition: 'attachment; filename="meeting-notes.txt"', text: NOTES.toString() });
    await page.getByLabel("New follow-up action").fill("Send the programme list");
    await page.getByLabel("Owner", { exact: true }).selectOption({ label: approver.actor.name });
    await page.getByLabel("Due date").fill("2026-06-20");
    await page.getByRole("button", { name: "Add the follow-up action" }).click();
    await page.getByText("Added the follow-up action.").waitFor();
    await page.getByText(`Send the programme list — ${approver.actor.name}, due 20 June 2026: open`).waitFor();
    await page.getByRole("button", { name: "Submit for clearance" }).click();
    await page.getByText("Submitted the engagement for clearance.").waitFor();
    await checkPage(page, "engagements-02-submitted");
    await page.close();
  });

  it("when DE's approver clears it and the analyst accepts it, then the list shows it accepted", async () => {
    const post = await as(approver);
    await post.getByRole("link", { name: "Engagements" }).click();
    await post.getByRole("link", { name: "12 March 2026" }).click();
    await post.getByRole("link", { name: "meeting-notes.txt" }).waitFor();
    // Returning asks first, showing the comment; Cancel keeps the comment and the engagement as they were.
    await post.getByLabel("Comment for the post (needed to return it)").fill(COMMENT);
    await post.getByRole("button", { name: "Return to post" }).click();
    const confirmation = post.getByRole("dialog", { name: "Return the engagement to the post?" });
    await confirmation.getByText(COMMENT).waitFor();
    await checkPage(post, "engagements-03-return-asked");
    await confirmation.getByRole("button", { name: "Cancel" }).click();
    await confirmation.waitFor({ state: "hidden" });
    expect(await post.getByLabel("Comment for the post (needed to return it)").inputValue()).toBe(COMMENT);
    await post.getByRole("button", { name: "Clear" }).click();
    await post.getByRole("status").getByText("Cleared the engagement for the bureau.").waitFor();
    // Focus lands on what the page said, so a keyboard or screen-reader user hears it and goes on from there.
    expect(await post.evaluate("document.activeElement?.textContent")).toBe("Cleared the engagement for the bureau.");
    await post.close();

    const page = await as(analyst);
    await page.goto(engagementPath);
    await page.getByRole("button", { name: "Accept" }).click();
    await page.getByText("Accepted the engagement.").waitFor();
    await checkPage(page, "engagements-03-accepted");
    await page.getByRole("link", { name: "Engagements" }).click();
    await page.getByLabel("Search the office, message and response").fill("interior");
    await page.getByRole("button", { name: "Show engagements" }).click();
    await page.getByRole("row", { name: new RegExp(`12 March 2026 Embassy in Germany ${OFFICE} Senior official Receptive Accepted`) }).waitFor();
    await checkPage(page, "engagements-04-list");
    await page.close();
  });

  it("when DE's reporter cites it in the post's response, then the response's cable has the engagement section", async () => {
    const page = await as(reporter);
    await page.goto(`/taskings/${taskingId}/responses/DE`);
    await page.getByLabel("Answer to requirement 1").fill("We raised it with the ministry.");
    // Nothing written in the search: the post's latest engagements.
    await page.getByRole("button", { name: "Find for engagements cited for requirement 1" }).click();
    await page.getByRole("group", { name: "Engagements cited for requirement 1" }).getByLabel(new RegExp(OFFICE)).check();
    await checkPage(page, "engagements-05-response");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await page.getByText("Saved the draft response: 1 of 2 requirements answered.").waitFor();
    const href = await page.getByRole("link", { name: "Text of the cable" }).getAttribute("href");
    const cable = await page.evaluate(async (url) => {
      const response = await fetch(url!, { credentials: "same-origin" });
      return { status: response.status, text: await response.text() };
    }, href);
    expect(cable.status).toBe(200);
    const flat = cable.text.replace(/\s+/g, " ");
    expect(flat).toContain(`Engagement of 12 March 2026 with ${OFFICE} (senior official): receptive.`);
    expect(flat).toContain("ENGAGEMENT WITH THE HOST GOVERNMENT");
    expect(flat).toContain("The ministry agreed to share its figures.");
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
