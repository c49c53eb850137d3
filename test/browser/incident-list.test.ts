// The incident list over many records in a real browser: pages followed to the end with no record
// twice and none left out, sorting by a column header, the verification and migration-status facets
// kept in the URL, and the dashboard's drill-down carrying its migration-status filter into the list.
// The records are the synthetic demo data (recorded through the services, in every workflow state).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDemo } from "../../src/modules/demo/service.js";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

interface Listed {
  number: number;
  occurred: { from: string };
  verification_status: string;
  perpetrators: { groups: { migration_status: string }[] };
}

describe.skipIf(!chromiumAvailable())("in a real browser, the incident list over many records", () => {
  let server: BrowserServer;
  let browser: Browser;
  let analyst: TestUser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await runDemo(server.env.context.services, { count: 160, seed: 11 });
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

  /** Every record of a listing as the API gives it to the analyst (all pages). */
  async function everything(query: string): Promise<Listed[]> {
    const items: Listed[] = [];
    let cursor: string | null = null;
    do {
      const response = await server.env.request(analyst, { method: "GET", url: `/api/v1/incidents?limit=200&${query}${cursor ? `&cursor=${cursor}` : ""}` });
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { items: Listed[]; next_cursor: string | null };
      items.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return items;
  }

  /** Wait for the list to settle on page `n` and read its rows: number and occurred date. */
  async function rowsOf(page: Page, n: number): Promise<{ number: number; occurred: string }[]> {
    await page.getByRole("navigation", { name: "Pages" }).getByText(`Page ${n}`, { exact: true }).waitFor();
    await expect.poll(() => page.locator(".result-count").textContent()).toMatch(/on this page/);
    return page.locator("table tbody tr").evaluateAll((rows) =>
      rows.map((row) => {
        const cells = row.querySelectorAll("td");
        return { number: Number(cells[0]?.textContent), occurred: cells[3]?.textContent ?? "" };
      }),
    );
  }

  it("when the analyst follows 'Next page' to the end, then every record they may see appears exactly once", async () => {
    const expected = (await everything("")).map((i) => i.number);
    expect(expected.length).toBeGreaterThan(50); // more than two pages of 25

    const page = await as(analyst);
    await page.goto("/incidents");
    await page.locator("#field-page_size").selectOption("25");
    const seen: number[] = [];
    for (let n = 1; ; n++) {
      const rows = await rowsOf(page, n);
      expect(rows.length, `page ${n}`).toBeGreaterThan(0);
      expect(rows.length, `page ${n}`).toBeLessThanOrEqual(25);
      seen.push(...rows.map((r) => r.number));
      if (n === 2) {
        // The new page starts at its top, with focus on its table, not at the buttons below it.
        await expect.poll(() => page.evaluate("document.activeElement.tagName")).toBe("TABLE");
        expect(await page.evaluate("document.querySelector('.results').getBoundingClientRect().top")).toBeGreaterThan(0);
        expect(await page.evaluate("document.querySelector('.results').getBoundingClientRect().top")).toBeLessThan(100);
        await checkPage(page, "30-incidents-page-2");
      }
      const next = page.getByRole("button", { name: "Next page" });
      if (await next.isDisabled()) break;
      await next.click();
    }
    expect(new Set(seen).size).toBe(seen.length); // no record twice
    expect(seen).toEqual(expected); // none left out, in the API's order (newest recorded first)

    // Back one page: the page before, as it was.
    const pages = Math.ceil(seen.length / 25);
    await page.getByRole("button", { name: "Previous page" }).click();
    const before = await rowsOf(page, pages - 1);
    expect(before.map((r) => r.number)).toEqual(seen.slice((pages - 2) * 25, (pages - 1) * 25));
    await page.close();
  });

  it("when the analyst sorts by the Occurred column, then the rows are in date order both ways, across pages too, and the order is in the URL", async () => {
    const page = await as(analyst);
    await page.goto("/incidents");
    const header = page.getByRole("columnheader", { name: "Occurred" });
    await header.getByRole("button", { name: "Occurred" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("-occurred");
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
    const newest = (await rowsOf(page, 1)).map((r) => r.occurred);
    expect(newest.length).toBe(50);
    expect(newest).toEqual([...newest].sort().reverse());
    expect(await page.locator("#field-sort").inputValue()).toBe("-occurred");
    await checkPage(page, "31-incidents-sorted-by-occurred");

    await header.getByRole("button", { name: "Occurred" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("occurred");
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("ascending");
    const first = await rowsOf(page, 1);
    expect(first.map((r) => r.occurred)).toEqual(first.map((r) => r.occurred).sort());
    await page.getByRole("button", { name: "Next page" }).click();
    const second = await rowsOf(page, 2);
    expect(second[0]!.occurred >= first[first.length - 1]!.occurred).toBe(true);
    expect(second.filter((r) => first.some((f) => f.number === r.number))).toEqual([]);

    // The order survives a reload: it is the URL's.
    await page.reload();
    await expect.poll(() => page.getByRole("columnheader", { name: "Occurred" }).getAttribute("aria-sort")).toBe("ascending");
    await page.close();
  });

  it("when the analyst ticks verification and migration-status facets, then the list holds exactly those records and the URL keeps the choice", async () => {
    const page = await as(analyst);
    await page.goto("/incidents");
    const statuses = page.getByRole("group", { name: "Perpetrators' migration status" });
    // Unknown is always offered, first.
    expect(await statuses.locator("label").first().textContent()).toBe("Unknown");
    await statuses.getByRole("checkbox", { name: "Unknown" }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get("migration_status")).toBe("unknown");
    await page.getByRole("group", { name: "Verification" }).getByRole("checkbox", { name: "Disputed" }).check();
    await page.getByRole("group", { name: "Verification" }).getByRole("checkbox", { name: "Corroborated" }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get("verification_status")).toBe("disputed,corroborated");
    await page.locator("#field-page_size").selectOption("100");
    const rows = await rowsOf(page, 1);

    const expected = await everything("migration_status=unknown&verification_status=disputed,corroborated");
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThanOrEqual(100);
    expect(rows.map((r) => r.number)).toEqual(expected.map((i) => i.number));
    for (const incident of expected) {
      expect(["disputed", "corroborated"]).toContain(incident.verification_status);
      expect(incident.perpetrators.groups.every((g) => g.migration_status === "unknown")).toBe(true);
    }
    const verification = await page.locator("table tbody tr td:nth-child(7)").allTextContents();
    expect(verification.every((v) => v === "Disputed" || v === "Corroborated")).toBe(true);
    await checkPage(page, "32-incidents-facets");

    // Reloading keeps the facets ticked; "Clear all filters" clears them.
    await page.reload();
    await expect.poll(() => statuses.getByRole("checkbox", { name: "Unknown" }).isChecked()).toBe(true);
    await page.getByRole("link", { name: "Clear all filters" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("");
    expect(await statuses.getByRole("checkbox", { name: "Unknown" }).isChecked()).toBe(false);
    await page.close();
  });

  it("when the dashboard is filtered by migration status, then its drill-downs open the list with that filter, and a status row opens that status", async () => {
    const page = await as(analyst);
    await page.goto("/?migration_status=irregular,asylum_seeker");
    const countries = page.getByRole("table", { name: "Incidents by country" });
    const firstCountry = countries.getByRole("rowheader").first().getByRole("link");
    await firstCountry.waitFor();
    const [country, count] = await countries
      .getByRole("row")
      .nth(1)
      .evaluate((row) => [row.querySelector("th a")!.getAttribute("href")!, Number(row.querySelector("td")!.textContent)] as const);
    await firstCountry.click();
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    const query = new URL(page.url()).searchParams;
    expect(query.get("migration_status")).toBe("irregular,asylum_seeker");
    expect(query.get("country")).toBe(new URL(country, server.url).searchParams.get("country"));
    const statuses = page.getByRole("group", { name: "Perpetrators' migration status" });
    expect(await statuses.getByRole("checkbox", { name: "Irregular" }).isChecked()).toBe(true);
    expect(await statuses.getByRole("checkbox", { name: "Asylum seeker" }).isChecked()).toBe(true);
    expect(await statuses.getByRole("checkbox", { name: "Unknown" }).isChecked()).toBe(false);
    // The list holds as many records as the dashboard counted.
    expect((await rowsOf(page, 1)).length).toBe(count);
    await checkPage(page, "33-drill-down-with-migration-status");

    await page.goto("/");
    const statusTable = page.getByRole("table", { name: /migration status/ });
    const unknownRow = statusTable.getByRole("row", { name: /^Unknown/ });
    const unknownCount = Number(await unknownRow.locator("td").first().textContent());
    expect(unknownCount).toBeGreaterThan(0);
    await unknownRow.getByRole("link", { name: "Unknown" }).click();
    await page.getByRole("heading", { level: 1, name: "Incidents" }).waitFor();
    expect(new URL(page.url()).searchParams.get("migration_status")).toBe("unknown");
    await page.locator("#field-page_size").selectOption("100");
    expect((await rowsOf(page, 1)).length).toBe(unknownCount);
    await page.close();
  });

  it("then no page raised a script error or a CSP violation", () => {
    expect(pageErrors).toEqual([]);
  });
});
