// The sentencing page in a real browser, over the constructed case of src/testing/sentencing-case.ts:
// at first instance the two groups are compared (box plots with n = 10 and n = 11 beside them, the
// medians 13 and 9 months, Mann–Whitney p = 0.138); at appeal one citizen fewer, so the comparison is
// refused with its reason and no box is drawn. Screenshotted and checked with axe.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordCase } from "../../src/testing/sentencing-case.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

describe.skipIf(!chromiumAvailable())("in a real browser, the sentencing page", () => {
  let server: BrowserServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const reporter = await server.user("reporter", "DE");
    await recordCase(server.env, reporter, "first_instance");
    await recordCase(server.env, reporter, "appeal", 1);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("when an analyst opens it for Germany, then the compared court level shows box plots with n, and the other says why it is not compared", async () => {
    const analyst = await server.user("analyst");
    const { page, errors } = await openPage(browser, server.url);
    await signIn(page, analyst.email, analyst.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sentencing" }).click();
    await page.getByRole("heading", { level: 1, name: "Sentencing comparison" }).waitFor();
    await page.getByLabel("Country").selectOption("DE");

    const first = page.locator("section", {
      has: page.getByRole("heading", { name: "Germany — Sexual violence: sexual assault (ICCS 03012), first instance" }),
    });
    const plot = first.getByRole("img", { name: /^Box plot/ });
    await plot.waitFor();
    const name = (await plot.getAttribute("aria-label"))!;
    expect(name).toContain("Citizens, n = 10: median 13 months, quartiles 10.5 to 22.5, from 0 to 36");
    expect(name).toContain("Foreign nationals, n = 11: median 9 months, quartiles 6 to 13.5, from 3 to 20");
    expect(await plot.locator("text", { hasText: /^n = \d+$/ }).allTextContents()).toEqual(["n = 10", "n = 11"]);
    const rows = await first.getByRole("table").locator("tbody tr").allInnerTexts();
    expect(rows.map((r) => r.split("\t").map((c) => c.trim()))).toEqual([
      ["Citizens", "10", "13", "10.5–22.5", "40% (4)", "20% (2)"],
      ["Foreign nationals", "11", "9", "6–13.5", "55% (6)", "9% (1)"],
    ]);
    await first.getByText(/Mann–Whitney U = 76\.5, two-sided p = 0\.138/).waitFor();
    await first.getByText("No significant difference in custodial months between the two groups.").waitFor();

    const appeal = page.locator("section", { has: page.getByRole("heading", { name: "Germany — Sexual violence: sexual assault (ICCS 03012), appeal" }) });
    await appeal.getByText("Not compared: group citizens has n=9, below the minimum of 10.").waitFor();
    expect(await appeal.getByRole("img").count()).toBe(0);
    expect(await appeal.getByRole("table").locator("tbody tr").first().locator("th, td").allTextContents()).toEqual(["Citizens", "9", "—", "—", "—", "—"]);

    await checkPage(page, "70-sentencing");
    expect(errors).toEqual([]);
  });
});
