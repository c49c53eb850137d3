// Notable cases in a real browser (issue 13 item 5): the bureau's analyst records one on the
// sentencing page from two case outcomes of Germany chosen by their description in words (an
// offence and the related prosecution of someone else for an online insult), and sees them side by
// side — part, offence, court, status as reported, date, sentence — with the sentence that one pair
// of cases proves nothing. Every page is checked with axe-core and for machine words.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "../../src/testing/harness.js";
import { NOTABLE_CASE_CAVEAT } from "../../src/domain/case-words.js";
import { caseOutcomeInput } from "../../src/modules/stats/case-outcomes-schema.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

describe.skipIf(!chromiumAvailable())("in a real browser, a notable case recorded and shown side by side", () => {
  let server: BrowserServer;
  let browser: Browser;
  let analyst: TestUser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    analyst = await server.user("analyst");
    const reporter = await server.user("reporter", "DE");
    const record = (fields: Record<string, unknown>) =>
      server.env.context.services.stats.recordCaseOutcome(
        reporter.actor,
        caseOutcomeInput.parse({ country: "DE", court_level: "first_instance", convicted: true, ...fields }),
      );
    await record({
      offence: { category: "SV.RAPE" },
      decision_date: "2024-03-14",
      defendant: { migration_status: "asylum_seeker", basis: "court_record" },
      sentence: { custodial_months: 24, suspended: true },
    });
    await record({
      offence: { category: "JS" },
      decision_date: "2024-09-02",
      defendant: { migration_status: "citizen_by_birth", basis: "court_record" },
      sentence: { fine: { amount: 1200, currency: "EUR" } },
    });
    const opened = await openPage(browser, server.url);
    page = opened.page;
    page.on("close", () => pageErrors.push(...opened.errors));
    await signIn(page, analyst.email, analyst.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("when the analyst records a notable case of the two outcomes, then the sentencing page shows them side by side with the caveat", async () => {
    await page.goto("/sentencing?country=DE");
    await page.getByText("No notable case is recorded for this country.").waitFor();
    await page.getByRole("button", { name: "Record a notable case" }).click();
    const form = page.getByRole("form", { name: "Record a notable case" });
    await form.getByLabel("Title", { exact: true }).fill("A rape, and the prosecution of a friend of the victim for an online insult");
    await form.getByLabel("What happened").fill("A friend of the victim criticised one of the men online and was prosecuted for insult.");
    const decisions = form.getByLabel("Decision");
    await decisions.nth(0).selectOption({
      label: "Sexual violence: rape, first instance, decided 14 March 2024; defendant: Asylum seeker; 24 months in custody, suspended",
    });
    await decisions.nth(1).selectOption({
      label:
        "Justice and sentencing: a notable case outcome or policy, first instance, decided 2 September 2024; defendant: Citizen by birth; fine of 1,200 EUR",
    });
    await checkPage(page, "notable-cases-01-form");
    await form.getByRole("button", { name: "Record the notable case" }).click();
    await page.getByText("Recorded the notable case “A rape, and the prosecution of a friend of the victim for an online insult”.").waitFor();

    const article = page.getByRole("article", { name: "Notable case: A rape, and the prosecution of a friend of the victim for an online insult" });
    const headers = await article.getByRole("columnheader").allTextContents();
    expect(headers.map((h) => h.trim())).toEqual(["The original offence", "The related prosecution"]);
    const row = async (name: string) =>
      (
        await article
          .getByRole("row")
          .filter({ has: page.getByRole("rowheader", { name, exact: true }) })
          .getByRole("cell")
          .allTextContents()
      ).map((c) => c.trim());
    expect(await row("Offence")).toEqual(["Sexual violence: rape (ICCS 03011)", "Justice and sentencing: a notable case outcome or policy"]);
    expect(await row("Defendant's migration status as reported")).toEqual(["Asylum seeker", "Citizen by birth"]);
    expect(await row("Decided")).toEqual(["14 March 2024", "2 September 2024"]);
    expect(await row("Sentence")).toEqual(["24 months in custody, suspended", "fine of 1,200 EUR"]);
    await article.getByText(NOTABLE_CASE_CAVEAT).waitFor();
    await checkPage(page, "notable-cases-02-side-by-side");
    expect(pageErrors).toEqual([]);
  });
});
