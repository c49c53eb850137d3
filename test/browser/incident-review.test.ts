// The critical flow in a real browser: a reporter records an incident with two sources and submits
// it; the post's approver clears it; an analyst accepts it; the dashboard and the map show it; a
// reporter of another post cannot find it while it is a draft. Every page visited is screenshotted
// (test-output/browser/) and checked with axe-core. The steps share one story, so they run in order.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

const TITLE = "Assault on a teenager near the Zeppelinstrasse tram stop";

describe.skipIf(!chromiumAvailable())("in a real browser, an incident from capture to the dashboard", () => {
  let server: BrowserServer;
  let browser: Browser;
  let reporter: TestUser;
  let approver: TestUser;
  let analyst: TestUser;
  let otherReporter: TestUser;
  let incidentPath = "";
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    reporter = await server.user("reporter", "DE");
    approver = await server.user("approver", "DE");
    analyst = await server.user("analyst");
    otherReporter = await server.user("reporter", "FR");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh window signed in as `user`. */
  async function as(user: TestUser): Promise<Page> {
    const { page, errors } = await openPage(browser, server.url);
    page.on("close", () => pageErrors.push(...errors));
    await signIn(page, user.email, user.password);
    return page;
  }

  it("when a reporter signs in and records an incident with two sources, then the API's errors and the personal-data warning guide them, and it is saved as a draft", async () => {
    const { page, errors } = await openPage(browser, server.url);
    await page.goto("/");
    await checkPage(page, "01-sign-in");
    await signIn(page, reporter.email, reporter.password);
    await checkPage(page, "02-reporter-dashboard-empty");

    await page.getByRole("link", { name: "New incident" }).first().click();
    await expect.poll(() => page.title()).toContain("New incident");
    await checkPage(page, "03-new-incident");

    // Saving an empty form: the API's field errors, in a summary and beside each field.
    await page.getByRole("button", { name: "Save draft" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "The incident was not saved" });
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/Title/);
    expect(await page.locator("#field-title").getAttribute("aria-invalid")).toBe("true");
    await checkPage(page, "04-new-incident-api-errors");

    await page.locator("#field-title").fill(TITLE);
    await page.getByRole("checkbox", { name: "SV.ASSAULT · sexual assault" }).check();
    await page.locator("#field-summary").fill("Police report an assault on a 15-year-old girl late in the evening. Tips to hinweis@polizei.example.de.");
    await page.locator("#field-occurred-from").fill("2025-06-14");
    await page.locator("#field-location-city").fill("Berlin");
    await page.locator("#field-victims-count").fill("1");
    await page.locator("#field-victims-minors").fill("1");
    await page.getByRole("button", { name: "Add a perpetrator group" }).click();
    await page.locator("#field-perpetrators-groups-0-count").fill("2");
    await page.locator("#field-perpetrators-groups-0-migration_status").selectOption("asylum_seeker");
    await page.locator("#field-perpetrators-groups-0-basis").selectOption("official_statement");

    await page.locator("#field-sources-0-publisher").fill("Berliner Morgenblatt");
    await page.locator("#field-sources-0-title").fill("Police investigate assault at tram stop");
    await page.locator("#field-sources-0-url").fill("https://news.example.org/2025/06/15/assault");
    await page.locator("#field-sources-0-reliability").selectOption("B");
    await page.locator("#field-sources-0-credibility").selectOption("2");
    await page.getByRole("button", { name: "Add a source" }).click();
    await page.locator("#field-sources-1-kind").selectOption("police_or_prosecutor_statement");
    await page.locator("#field-sources-1-publisher").fill("Polizei Berlin");
    await page.locator("#field-sources-1-title").fill("Press release 1432: assault at a tram stop");
    await page.locator("#field-sources-1-reliability").selectOption("A");
    await page.locator("#field-sources-1-credibility").selectOption("1");

    // The e-mail address in the summary: a warning, and a way back to the text.
    await page.getByRole("button", { name: "Save draft" }).click();
    const warning = page.getByRole("dialog", { name: "This may contain personal data" });
    await warning.waitFor();
    expect(await warning.textContent()).toContain("hinweis@polizei.example.de");
    await checkPage(page, "05-personal-data-warning");
    await warning.getByRole("button", { name: "Go back and edit" }).click();
    await page.locator("#field-summary").fill("Police report an assault on a 15-year-old girl late in the evening; two suspects were detained.");

    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    incidentPath = new URL(page.url()).pathname;
    expect(incidentPath).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    const main = page.getByRole("main");
    await expect.poll(() => main.textContent()).toContain("Draft");
    expect(await main.textContent()).toContain("Sources (2)");
    expect(await main.getByLabel(/Admiralty grade B2/).count()).toBe(1);
    expect(await main.getByLabel(/Admiralty grade A1/).count()).toBe(1);
    await page.getByRole("listitem").filter({ hasText: "Recorded" }).first().waitFor();
    await checkPage(page, "06-incident-draft");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("when a reporter of another post searches for the draft or opens its address, then it is not found", async () => {
    const page = await as(otherReporter);
    await page.goto("/incidents?q=Zeppelinstrasse");
    await page.getByText("No incidents match these filters.").waitFor();
    await checkPage(page, "07-other-post-search-finds-nothing");
    await page.goto(incidentPath);
    await page.getByRole("heading", { level: 1, name: "No such incident" }).waitFor();
    await checkPage(page, "08-other-post-direct-link-not-found");
    await page.close();
  });

  it("when the reporter submits the draft, then it waits for the post's clearance", async () => {
    const page = await as(reporter);
    await page.goto(incidentPath);
    await page.getByRole("button", { name: "Submit for clearance" }).click();
    await page.getByText("Submitted to your post's approver for clearance.").waitFor();
    expect(await page.getByRole("link", { name: "Edit" }).count()).toBe(0);
    await checkPage(page, "09-incident-submitted");
    await page.close();
  });

  it("when the post's approver opens the review queue, then the submission is there and clearing it sends it to the bureau", async () => {
    const page = await as(approver);
    await page.getByRole("link", { name: "Review queue" }).click();
    const row = page.getByRole("row").filter({ hasText: TITLE });
    await row.waitFor();
    await checkPage(page, "10-approver-queue");
    await row.getByRole("button", { name: /^Clear: incident/ }).click();
    await page.getByText("Nothing is waiting for your clearance.").waitFor();
    await checkPage(page, "11-approver-queue-cleared");
    await page.close();
  });

  it("when an analyst opens the bureau's queue, then the cleared record is there, and accepting it from the queue takes it out", async () => {
    const page = await as(analyst);
    await page.getByRole("link", { name: "Review queue" }).click();
    const row = page.getByRole("row").filter({ hasText: TITLE });
    await row.waitFor();
    await checkPage(page, "12-analyst-queue");
    await row.getByRole("button", { name: /^Accept: incident/ }).click();
    await page.getByText("No cleared record is waiting for review.").waitFor();
    await page.goto(incidentPath);
    await expect.poll(() => page.getByRole("main").textContent()).toContain("Accepted");
    // The history from the audit log: recorded, submitted, cleared, accepted.
    // The history loads after the record: wait for it to show, then read it.
    const history = page.getByRole("region", { name: "History" });
    await expect.poll(() => history.textContent()).not.toContain("Loading");
    for (const step of ["Recorded", "Submitted", "Cleared", "Accepted"]) expect(await history.textContent()).toContain(step);
    await checkPage(page, "13-incident-accepted");
    await page.close();
  });

  it("when the analyst opens the dashboard, then the counts, the chart and the map show the accepted incident, and the map drills into it", async () => {
    const page = await as(analyst);
    await page.goto("/");
    const map = page.getByRole("group", { name: /^Map of Europe/ });
    const germany = map.getByRole("link", { name: "Germany: 1 incident" });
    await germany.waitFor();
    expect(await page.getByRole("group", { name: "Totals" }).textContent()).toMatch(/Incidents1/);
    expect(await page.getByText("choose Rate per 100,000 above").count()).toBe(1);
    await page.getByRole("link", { name: "Jun 2025, Sexual violence: 1 incident" }).waitFor();
    const statusTable = page.getByRole("table", { name: /migration status/ });
    expect(await statusTable.getByRole("row", { name: /Unknown/ }).count()).toBe(1);
    expect(await statusTable.getByRole("row", { name: /Asylum seeker 1/ }).count()).toBe(1);
    await checkPage(page, "14-analyst-dashboard");

    // No population figures are imported here: the rate view says so for Germany in 2025, and draws no 0.
    await page.getByRole("button", { name: "Rate per 100,000" }).click();
    await page
      .getByRole("group", { name: /^Map of Europe/ })
      .getByRole("link", { name: "Germany: 1 incident in 2025, no rate (no population figure held for Germany 2025)" })
      .waitFor();
    expect(await page.getByRole("table", { name: /by country in 2025/ }).textContent()).toContain("No population figure held for Germany 2025");
    await checkPage(page, "14b-analyst-dashboard-rates-without-population");
    await page.getByRole("button", { name: "Count" }).click();

    await page.getByRole("button", { name: "World" }).click();
    await page
      .getByRole("group", { name: /^Map of the world/ })
      .getByRole("link", { name: "Germany: 1 incident" })
      .waitFor();
    await checkPage(page, "15-analyst-dashboard-world");

    await page
      .getByRole("group", { name: /^Map of the world/ })
      .getByRole("link", { name: "Germany: 1 incident" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    expect(new URL(page.url()).searchParams.get("country")).toBe("DE");
    await page.getByRole("link", { name: TITLE }).waitFor();
    await checkPage(page, "16-drill-down-incidents");

    // The current view as CSV: a header and the one record, with its marking and grades.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export view as CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rapporteur-incidents-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(csv[0]).toMatch(/^number,id,title,country,post,/);
    expect(csv[1]).toContain(TITLE);
    expect(csv[1]).toContain(",SBU,");
    expect(csv[1]).toMatch(/,(B2;A1|A1;B2),/); // the API gives an incident's sources in no fixed order
    expect(csv.filter((line) => line !== "")).toHaveLength(2);
    await page.close();
  });

  it("when the reporter of the post looks at their dashboard, then their accepted incident counts there too, on a smaller screen as well, until they sign out", async () => {
    const page = await as(reporter);
    await page
      .getByRole("group", { name: /^Map of Europe/ })
      .getByRole("link", { name: "Germany: 1 incident" })
      .waitFor();
    await checkPage(page, "17-reporter-dashboard");
    // A laptop's smaller screen: the map and the table stack, nothing is cut off.
    await page.setViewportSize({ width: 1024, height: 700 });
    await checkPage(page, "18-reporter-dashboard-1024");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.goto(incidentPath);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.close();
  });

  it("then no page raised a script error or a CSP violation", () => {
    expect(pageErrors).toEqual([]);
  });
});
