// The mapping editor in a real browser: an analyst chooses a small national table (no country
// column: the country is the publisher's, IE), picks "Other table", reads its first rows in the
// page, marks the period, the offence and the value and gives the country, checks it (a dry run:
// three values would be added, nothing written), imports it, and finds the series in the explorer.
// Every page is checked with axe-core and for machine words.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

describe.skipIf(!chromiumAvailable())("in a real browser, the mapping editor", () => {
  let server: BrowserServer;
  let browser: Browser;
  let analyst: TestUser;
  const pageErrors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "rapporteur-mapping-browser-"));
  const table = join(dir, "garda-offences.csv");

  beforeAll(async () => {
    writeFileSync(table, "Year;Offence;Cases\n2021;Burglary;9870\n2022;Burglary;10234\n2023;Burglary;12345\n");
    server = await startServer();
    browser = await launchBrowser();
    analyst = await server.user("analyst");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function as(user: TestUser): Promise<Page> {
    const { page, errors } = await openPage(browser, server.url);
    page.on("close", () => pageErrors.push(...errors));
    await signIn(page, user.email, user.password);
    return page;
  }
  const count = (page: Page, label: string) => page.locator(".stats-count", { has: page.locator("dt", { hasText: label }) }).locator("dd");

  it("when the analyst maps a national table with a constant country, checks it and imports it, then the dry run and the import add 3 values and the series is in the explorer", async () => {
    const page = await as(analyst);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Statistics" }).click();
    await page.getByRole("heading", { level: 1, name: "Statistics" }).waitFor();
    await page.getByLabel("File", { exact: true }).setInputFiles(table);
    await page.getByLabel("Format").selectOption("csv");

    // The first rows as the import will read them, split by the semicolons it guessed.
    const preview = page.getByRole("table", { name: /The file's first 3 rows/ });
    await preview.getByRole("row", { name: /^3 2022 Burglary 10234/ }).waitFor();
    expect(await page.getByLabel("Columns are separated by").inputValue()).toBe(";");
    expect(await page.getByLabel("What Year holds").inputValue()).toBe("period");
    await page.getByLabel("What Offence holds").selectOption("dimension");
    await page.getByLabel("Name of the dimension in Offence").fill("offence");
    await page.getByLabel("What Cases holds").selectOption("value");
    await page.getByLabel("Publisher").fill("An Garda Síochána");
    await page.getByLabel("Dataset title").fill("Recorded offences");
    await page.getByText("Give the country every row is for").waitFor();
    await page.getByLabel("Country of every row").fill("IE");
    await page.getByRole("button", { name: "Download this mapping" }).waitFor();
    await checkPage(page, "mapping-01-editor");

    await page.getByRole("button", { name: "Check without importing" }).click();
    // The import runs as a job in a worker thread: on a loaded machine it may take a while to start.
    await page.getByRole("heading", { name: "Checked garda-offences.csv (table with a mapping)" }).waitFor({ timeout: 60_000 });
    await page.getByText("Nothing was written.").waitFor();
    expect(await count(page, "Would add").textContent()).toBe("3");
    const changes = page.getByRole("table", { name: "Values that would change" });
    expect(await changes.getByRole("row").count()).toBe(4);
    await changes.getByRole("row", { name: /^3 Would add .*IE 2022 10,234/ }).waitFor();
    await checkPage(page, "mapping-02-dry-run");
    // Nothing was written: the dataset is not held.
    expect(await page.getByRole("table", { name: /Datasets held/ }).count()).toBe(0);

    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("heading", { name: "Imported garda-offences.csv (table with a mapping)" }).waitFor({ timeout: 60_000 });
    expect(await count(page, "Added").textContent()).toBe("3");
    await page
      .getByRole("table", { name: /Datasets held/ })
      .getByRole("link", { name: "garda-offences" })
      .click();
    await page.getByRole("heading", { level: 2, name: /^An Garda Síochána garda-offences — Recorded offences/ }).waitFor();
    await page.getByRole("checkbox", { name: /\bIE$/ }).check();
    const values = page.getByRole("table", { name: /by period and country/ });
    expect((await values.getByRole("row", { name: /^2022/ }).locator("td").first().textContent())!.trim()).toBe("10,234");
    await checkPage(page, "mapping-03-explorer");
    await page.close();
  });

  it("then no page raised a script error or a CSP violation", () => {
    expect(pageErrors).toEqual([]);
  });
});
