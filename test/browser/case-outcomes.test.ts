// Case outcomes in a real browser (issue 13 item 5): a post's reporter records a conviction on the
// Case outcomes page, sees the sentencing comparison count it among foreign nationals, corrects
// the defendant's status (with the reason), and sees it counted among citizens instead. Every page
// is checked with axe-core and for machine words.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "../../src/testing/harness.js";
import { caseOutcomeInput } from "../../src/modules/stats/case-outcomes-schema.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

describe.skipIf(!chromiumAvailable())("in a real browser, a case outcome recorded and corrected", () => {
  let server: BrowserServer;
  let browser: Browser;
  let reporter: TestUser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    reporter = await server.user("reporter", "DE");
    const analyst = await server.user("analyst");
    // Three citizens sentenced for the same offence at the same court level.
    for (const months of [6, 9, 12])
      await server.env.context.services.stats.recordCaseOutcome(
        analyst.actor,
        caseOutcomeInput.parse({
          country: "DE",
          offence: { category: "SV.ASSAULT" },
          court_level: "first_instance",
          decision_date: "2024-10-01",
          defendant: { migration_status: "citizen_by_birth", basis: "court_record" },
          convicted: true,
          sentence: { custodial_months: months, suspended: false },
        }),
      );
    const opened = await openPage(browser, server.url);
    page = opened.page;
    page.on("close", () => pageErrors.push(...opened.errors));
    await signIn(page, reporter.email, reporter.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The n of a group in the comparison of German sexual assaults at first instance. */
  async function groupN(group: "Citizens" | "Foreign nationals"): Promise<string> {
    await page.goto("/sentencing?country=DE&offence_category=SV.ASSAULT");
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: group, exact: true }) });
    return ((await row.getByRole("cell").first().textContent()) ?? "").trim();
  }

  it("when a reporter records an asylum seeker's conviction, then the comparison counts one foreign national", async () => {
    expect(await groupN("Foreign nationals")).toBe("0");
    await page.getByRole("link", { name: "Case outcomes" }).click();
    await page.getByRole("heading", { level: 1, name: "Case outcomes" }).waitFor();
    await page.getByLabel("Country", { exact: true }).first().selectOption("DE");
    await page.getByLabel("Offence").selectOption("SV.ASSAULT");
    await page.getByLabel("Decided on").fill("2025-02-03");
    await page.getByLabel("Defendant's migration status as reported").selectOption("asylum_seeker");
    await page.getByLabel("Custodial sentence (months)").fill("4");
    await page.getByLabel("Suspended").selectOption("yes");
    await checkPage(page, "case-outcomes-01-new");
    await page.getByRole("button", { name: "Record the case outcome" }).click();
    await page.getByText("Recorded the case outcome: Sexual violence: sexual assault in Germany, decided 2025-02-03.").waitFor();
    await checkPage(page, "case-outcomes-02-recorded");
    expect(await groupN("Foreign nationals")).toBe("1");
    expect(await groupN("Citizens")).toBe("3");
  });

  it("when the reporter corrects the defendant's status with a reason, then the comparison counts them among citizens", async () => {
    await page.goto("/case-outcomes");
    await page.getByRole("button", { name: "Correct the case outcome decided 2025-02-03" }).click();
    await page.getByRole("heading", { name: "Correct the case outcome" }).waitFor();
    await page.getByLabel("Defendant's migration status as reported").selectOption("citizen_naturalised");
    await page.getByLabel("Reason for the correction").fill("The judgment records a naturalised citizen.");
    await checkPage(page, "case-outcomes-03-correcting");
    await page.getByRole("button", { name: "Save the correction" }).click();
    await page.getByText("Corrected the case outcome: Sexual violence: sexual assault in Germany, decided 2025-02-03.").waitFor();
    expect(await groupN("Citizens")).toBe("4");
    expect(await groupN("Foreign nationals")).toBe("0");
    await checkPage(page, "case-outcomes-04-comparison");
    expect(pageErrors).toEqual([]);
  });
});
