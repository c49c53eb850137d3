// The dashboard's rates in a real browser: with Eurostat's and the World Bank's population files
// imported (test/fixtures/stats) and accepted incidents in Austria, Germany and Ireland from 2020
// to 2022 and in 2025, the Rate per 100,000 view shows rates with their 95% intervals in the chart,
// the map, the country table and the group table, credits the population's publishers, hatches and
// explains the years without a population figure (never a 0), keeps `unknown` as a share, and its
// bars drill into the incidents behind them. Every page is screenshotted and checked with axe.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/modules/auth/actor.js";
import { FIXTURES } from "../../src/testing/stats-fixtures.js";
import { loadCsvMapping } from "../../src/modules/stats/importers/mapping.js";
import { recordIncident, type Desk } from "../../src/testing/factories.js";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

type Status = "citizen_by_birth" | "citizen_naturalised" | "asylum_seeker" | "third_country_resident" | "eu_efta_national" | "unknown";
/** Country, date, categories, perpetrators' statuses as reported (none: no group recorded). */
const INCIDENTS: [string, string, string[], Status[]][] = [
  ["AT", "2020-04-02", ["SV.ASSAULT"], ["citizen_by_birth"]],
  ["DE", "2020-05-11", ["SV.RAPE"], ["asylum_seeker"]],
  ["DE", "2020-09-23", ["SV.ASSAULT"], []],
  ["DE", "2020-10-05", ["HC.VIOLENCE"], ["citizen_by_birth"]],
  ["AT", "2021-02-14", ["SV.RAPE"], ["third_country_resident"]],
  ["AT", "2021-06-30", ["SV.OTHER"], ["unknown"]],
  ["DE", "2021-03-03", ["SV.ASSAULT"], ["citizen_naturalised"]],
  ["DE", "2021-07-19", ["SV.RAPE"], ["asylum_seeker", "citizen_by_birth"]],
  ["DE", "2021-08-08", ["SV.ASSAULT"], []],
  ["DE", "2021-11-27", ["VP"], ["eu_efta_national"]],
  ["IE", "2021-05-15", ["SV.ASSAULT"], ["citizen_by_birth"]],
  ["AT", "2022-01-20", ["HC.THREAT"], ["citizen_by_birth"]],
  ["DE", "2022-04-09", ["SV.RAPE"], ["third_country_resident"]],
  ["DE", "2022-06-18", ["SV.ASSAULT"], []],
  ["IE", "2022-03-01", ["TIP.SEX"], ["asylum_seeker"]],
  ["DE", "2025-02-12", ["SV.ASSAULT"], ["unknown"]],
];

describe.skipIf(!chromiumAvailable())("in a real browser, the dashboard's rates per 100,000", () => {
  let server: BrowserServer;
  let browser: Browser;
  let analyst: TestUser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const { stats } = server.env.context.services;
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "migr_pop1ctz_sample.jsonstat.json") });
    await stats.importFile(CLI_ACTOR, { path: join(FIXTURES, "population.csv"), mapping: loadCsvMapping(join(FIXTURES, "worldbank-population.mapping.json")) });
    analyst = await server.user("analyst");
    const desks = new Map<string, Pick<Desk, "reporter" | "approver" | "analyst">>();
    for (const [country, from, categories, statuses] of INCIDENTS) {
      if (!desks.has(country))
        desks.set(country, { reporter: await server.user("reporter", country), approver: await server.user("approver", country), analyst });
      await recordIncident(server.env.context, "accepted", desks.get(country)!, {
        country,
        from,
        categories,
        title: `Rates view: ${categories.join(", ")} in ${country} on ${from}`,
        groups: statuses.map((migration_status) => ({ count: 1, migration_status })),
      });
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

  it("when the analyst switches to Rate per 100,000, then the chart shows each year's rates with their intervals and credits the population, and 2025 says it has no population figure", async () => {
    const page = await as(analyst);
    await page
      .getByRole("group", { name: /^Map of Europe/ })
      .getByRole("link", { name: "Germany: 10 incidents" })
      .waitFor();
    await page.getByRole("group", { name: "Show" }).getByRole("button", { name: "Rate per 100,000" }).click();
    const chart = page.getByRole("group", { name: /^Incidents per 100,000 residents per year by category/ });
    // 2021, sexual violence in AT, DE and IE together: 6 incidents over their 2021 populations.
    const sv2021 = chart.getByRole("link", { name: /^2021, Sexual violence: [0-9.]+ per 100,000 \(95% interval [0-9.]+–[0-9.]+\), 6 incidents$/ });
    await sv2021.waitFor();
    // No figure for 2025 in any file: hatched and explained, never drawn as 0.
    expect(
      await chart
        .getByRole("img", {
          name: "2025: no rate, no population figure held for Austria, Germany and Ireland 2025, so there is no rate over the countries together",
        })
        .count(),
    ).toBe(1);
    expect(await page.getByText(/^Population: Eurostat, [^;]+, revision 1; World Bank, [^;]+, revision 1\.$/).count()).toBeGreaterThanOrEqual(1);
    expect(new URL(page.url()).searchParams.get("measure")).toBe("rate");
    // The map opens on the latest year with both an incident and a rate: 2022 (2023 and 2024 have
    // the World Bank's figures but no incident, 2025 an incident but no figure).
    expect(await page.getByLabel("Year", { exact: true }).inputValue()).toBe("2022");
    await checkPage(page, "30-dashboard-rates");

    await sv2021.click();
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    const list = new URL(page.url()).searchParams;
    expect([list.get("category"), list.get("occurred_from"), list.get("occurred_to")]).toEqual(["SV", "2021-01-01", "2021-12-31"]);
    await page.close();
  });

  it("when a year is chosen, then the map and the country table give each country's rate with its interval and population, and the groups keep unknown as a share", async () => {
    const page = await as(analyst);
    await page.goto("/?measure=rate&year=2021");
    const table = page.getByRole("table", { name: /by country in 2021/ });
    // Germany 2021: 4 incidents over 83,196,711 (migr_pop1ctz, TOTAL); the interval is Garwood's for k = 4,
    // SciPy chi2.ppf(0.025, 8)/2 = 1.0898653736 and chi2.ppf(0.975, 10)/2 = 10.2415886754, times 100,000 / 83,196,711.
    const germany = table.getByRole("row", { name: /^Germany/ });
    await germany.waitFor();
    expect((await germany.textContent())!.replace(/\s+/g, " ")).toBe("Germany40.004810.00131–0.012383,196,711");
    await page
      .getByRole("group", { name: /^Map of Europe/ })
      .getByRole("link", { name: "Germany: 0.00481 per 100,000 in 2021 (95% interval 0.00131–0.0123), 4 incidents" })
      .waitFor();

    const groups = page.getByRole("table", { name: /by group of perpetrators' migration status/ });
    expect(await groups.getByRole("row", { name: /^Foreign nationals/ }).textContent()).toMatch(/foreign citizens$/);
    const unknown = groups.getByRole("row", { name: /^Unknown/ });
    // 2021: 7 incidents; unknown in AT (an unknown group) and DE (no group recorded).
    expect(await unknown.textContent()).toMatch(/Never a rate\. Share of all incidents: 29% \(95% interval \d+–\d+%\), 2 of 7\./);
    expect(await page.getByText(/not a pure rate per resident/).count()).toBe(1);
    await checkPage(page, "31-dashboard-rates-2021");

    // 2024: figures for every country but no incident: rates of 0 with their upper bounds, in the first class.
    await page.getByLabel("Year", { exact: true }).selectOption("2024");
    const zero = page
      .getByRole("group", { name: /^Map of Europe/ })
      .getByRole("img", { name: "Germany: 0 per 100,000 in 2024 (95% interval 0–0.00442), 0 incidents" });
    await zero.waitFor();
    expect(await zero.locator("path").getAttribute("fill")).toBe("#c6dbef");
    await checkPage(page, "32-dashboard-rates-2024-none-counted");

    await page.getByLabel("Year", { exact: true }).selectOption("2025");
    const missing = page.getByRole("table", { name: /by country in 2025/ }).getByRole("row", { name: /^Germany/ });
    await missing.waitFor();
    expect(await missing.textContent()).toContain("No population figure held for Germany 2025");
    await page
      .getByRole("group", { name: /^Map of Europe/ })
      .getByRole("link", { name: "Germany: 1 incident in 2025, no rate (no population figure held for Germany 2025)" })
      .waitFor();
    expect(await page.getByRole("group", { name: "Totals" }).textContent()).toContain("no population figure held for Austria, Germany and Ireland 2025");
    await checkPage(page, "33-dashboard-rates-2025-no-population");
    // A laptop's smaller screen: the map and the tables stack, nothing is cut off.
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByLabel("Year", { exact: true }).selectOption("2021");
    await page.getByRole("table", { name: /by country in 2021/ }).waitFor();
    await checkPage(page, "34-dashboard-rates-1024");

    await page.getByRole("group", { name: "Show" }).getByRole("button", { name: "Count" }).click();
    await page
      .getByRole("group", { name: /^Map of Europe/ })
      .getByRole("link", { name: "Germany: 10 incidents" })
      .waitFor();
    expect(new URL(page.url()).searchParams.get("measure")).toBeNull();
    await page.close();
  });

  it("then no page raised a script error or a CSP violation", () => {
    expect(pageErrors).toEqual([]);
  });
});
