// The statistics page in a real browser: an analyst imports Eurostat's tps00001 (population on
// 1 January, legacy TSV) through the page and reads the report; the same file again adds nothing;
// then explores the dataset: Andorra and France charted, AD 2011 = 78,115 with its flag b in the
// table and in the CSV download, and the publisher credited under the chart. Every page is
// screenshotted and checked with axe.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../../src/testing/stats-fixtures.js";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

describe.skipIf(!chromiumAvailable())("in a real browser, the statistics page", () => {
  let server: BrowserServer;
  let browser: Browser;
  let analyst: TestUser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    analyst = await server.user("analyst");
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

  const count = (page: Page, label: string) => page.locator(".stats-count", { has: page.locator("dt", { hasText: label }) }).locator("dd");

  async function upload(page: Page): Promise<void> {
    await page.getByLabel("File", { exact: true }).setInputFiles(join(FIXTURES, "tps00001.tsv"));
    await page.getByLabel("Format").selectOption("auto");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: "Imported tps00001.tsv (Eurostat TSV)" }).waitFor();
  }

  it("when the analyst imports tps00001.tsv twice, then the first report adds values and the second adds none", async () => {
    const page = await as(analyst);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Statistics" }).click();
    await page.getByRole("heading", { level: 1, name: "Statistics" }).waitFor();
    await page.getByText("No dataset is held yet.").waitFor();
    await checkPage(page, "40-statistics-empty");

    await upload(page);
    const added = Number((await count(page, "Added").textContent())!.replace(/,/g, ""));
    expect(added).toBeGreaterThan(0);
    expect(await count(page, "Rejected").textContent()).toBe("0");
    // The list now holds the dataset.
    await page
      .getByRole("table", { name: /Datasets held/ })
      .getByRole("link", { name: "tps00001" })
      .waitFor();
    await checkPage(page, "41-statistics-imported");

    await upload(page);
    expect(await count(page, "Added").textContent()).toBe("0");
    expect(Number((await count(page, "Unchanged").textContent())!.replace(/,/g, ""))).toBe(added);
    await page.getByText(/revision 1, unchanged/).waitFor();
    await checkPage(page, "42-statistics-imported-again");
    await page.close();
  });

  it("when the analyst explores tps00001 for Andorra and France, then the chart, the table and the CSV give AD 2011 = 78,115 flagged b, credited to Eurostat", async () => {
    const page = await as(analyst);
    await page.goto("/statistics");
    await page
      .getByRole("table", { name: /Datasets held/ })
      .getByRole("link", { name: "tps00001" })
      .click();
    await page.getByRole("heading", { level: 2, name: /^Eurostat tps00001 — / }).waitFor();
    await page.getByText("Choose up to 10 countries to chart.").waitFor();
    await page.getByRole("checkbox", { name: /\bAD$/ }).check();
    await page.getByRole("checkbox", { name: /\bFR$/ }).check();

    const chart = page.getByRole("img", { name: /^Line chart: .*Andorra, France, 2008–/ });
    await chart.waitFor();
    expect(await chart.locator('[data-geo="AD"] circle').count()).toBeGreaterThan(0);
    expect(await page.locator(".stats-credit").textContent()).toMatch(/^Source: Eurostat, tps00001 — .+ \(revision 1, retrieved \d{4}-\d{2}-\d{2}\)\./);

    const table = page.getByRole("table", { name: /by period and country/ });
    const row2011 = table.getByRole("row", { name: /^2011/ });
    expect((await row2011.locator("td").first().textContent())!.trim()).toBe("78,115 b");
    // A missing value (AD 2014 is ":" in the file) is shown as no value, never 0.
    expect(await table.getByRole("row", { name: /^2014/ }).locator("td").first().textContent()).toBe(":no value");
    expect(new URL(page.url()).searchParams.get("geo")).toBe("AD,FR");
    await checkPage(page, "43-statistics-explore-ad-fr");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("tps00001-AD-FR.csv");
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("period,AD,AD flag,FR,FR flag");
    expect(lines.find((l) => l.startsWith("2011,"))).toMatch(/^2011,78115,b,\d+,/);
    expect(lines.find((l) => l.startsWith("2014,"))).toMatch(/^2014,,,\d+,/);
    await page.close();
  });

  it("then no page raised a script error or a CSP violation", () => {
    expect(pageErrors).toEqual([]);
  });
});
