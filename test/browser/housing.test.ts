// The housing page in a real browser, for Ireland: BIS's nominal residential property price index
// (the fixture's file) drawn on the same time axis as Eurostat's asylum applicants and Ireland's
// accepted housing incidents, each panel in its own unit and credited; the table gives the index's
// base year (2010) and its latest value as the file holds it (2025-Q4: 191.7735). Checked with axe.
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/modules/auth/actor.js";
import { loadCsvMapping } from "../../src/modules/stats/importers/mapping.js";
import { deskOf, recordIncident } from "../../src/testing/factories.js";
import { FIXTURES } from "../../src/testing/stats-fixtures.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

describe.skipIf(!chromiumAvailable())("in a real browser, the housing page", () => {
  let server: BrowserServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const { context } = server.env;
    await context.services.stats.importFile(CLI_ACTOR, {
      path: join(FIXTURES, "bis_nominal_index.csv"),
      mapping: loadCsvMapping(join(FIXTURES, "bis-house-prices.mapping.json")),
    });
    await context.services.stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "asylum_applicants_total.csv"), format: "auto" });
    await context.services.stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "genesis_22221-01-01-4_excerpt.csv"), format: "auto" });
    const ireland = await deskOf(server.env, "IE");
    for (const from of ["2022-03-10", "2022-09-01", "2024-05-05"])
      await recordIncident(context, "accepted", ireland, { country: "IE", from, categories: ["HD.ACCOMMODATION"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("when an analyst chooses Ireland, then the indices show with their base year and publisher beside the incidents, each in its own unit", async () => {
    const analyst = await server.user("analyst");
    const { page, errors } = await openPage(browser, server.url);
    await signIn(page, analyst.email, analyst.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Housing" }).click();
    await page.getByRole("heading", { level: 1, name: "Housing and displacement" }).waitFor();
    await page.getByLabel("Country", { exact: true }).selectOption("IE");
    await page.getByRole("heading", { name: "Ireland" }).waitFor();

    const prices = page.getByRole("img", { name: /^Residential property prices \(nominal\) \(Index, 2010 = 100\)/ });
    await prices.waitFor();
    expect(await prices.getAttribute("aria-label")).toContain("to 2025-Q4. Source: BIS, Residential property prices, nominal index, quarterly, retrieved ");
    await page.getByRole("img", { name: /^Asylum applicants \(Persons\)/ }).waitFor();
    await page.getByRole("img", { name: /^Housing and displacement.* \(Incidents recorded and accepted, per year\), 2022 to 2024/ }).waitFor();

    const rows = page.getByRole("table", { name: "Latest figure of each series" }).locator("tbody tr");
    expect(await rows.first().locator("th, td").allTextContents()).toEqual([
      "Residential property prices (nominal)",
      "Index, 2010 = 100",
      "2010",
      "2025-Q4",
      "191.7735",
      "BIS",
    ]);
    await page.getByText("Not held for this country: rent index, reception or accommodation figures.").waitFor();
    await checkPage(page, "71-housing");
    expect(errors).toEqual([]);
  });

  it("when an analyst chooses Germany, then the reception series (benefit recipients, GENESIS) is a panel of its own in its unit, credited, on the asylum applicants' time axis", async () => {
    const analyst = await server.user("analyst");
    const { page, errors } = await openPage(browser, server.url);
    await signIn(page, analyst.email, analyst.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Housing" }).click();
    await page.getByLabel("Country", { exact: true }).selectOption("DE");
    await page.getByRole("heading", { name: "Germany" }).waitFor();
    const reception = page.getByRole("img", {
      name: /^People receiving standard benefits under the Asylum Seekers' Benefits Act .* \(Anzahl \(persons\)\), 2013 to 2015\./,
    });
    await reception.waitFor();
    expect(await reception.getAttribute("aria-label")).toContain(
      "Source: Statistische Ämter des Bundes und der Länder, Empfänger von Asylbewerberregelleistungen",
    );
    await page.getByRole("img", { name: /^Asylum applicants \(Persons\)/ }).waitFor();
    const latest = page.getByRole("table", { name: "Latest figure of each series" }).locator("tbody tr", { hasText: "Asylum Seekers' Benefits Act" });
    expect(await latest.locator("th, td").allTextContents()).toEqual([
      "People receiving standard benefits under the Asylum Seekers' Benefits Act (Asylbewerberleistungsgesetz) on 31 December",
      "Anzahl (persons)",
      "—",
      "2015",
      "974,551",
      "Statistische Ämter des Bundes und der Länder",
    ]);
    expect(errors).toEqual([]);
  });
});
