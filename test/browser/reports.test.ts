// Reports in a real browser: an analyst makes a comparative brief of Germany and France from
// accepted records, previews it (its table and its map), freezes it as version 1 and downloads it
// as PDF; after the bureau corrects an accepted record, freezing again makes version 2 (and once
// more changes nothing: same hash), and comparing the two names the changed figure. A reporter
// sees their post's reports and may preview but not freeze. Every page visited is screenshotted
// (test-output/browser/) and checked with axe-core. The steps share one story, so they run in order.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordIncident } from "../../src/testing/factories.js";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

const BRIEF_TITLE = "Comparative brief: Germany, France, 2025";

describe.skipIf(!chromiumAvailable())("in a real browser, a report from preview to a compared second version", () => {
  let server: BrowserServer;
  let browser: Browser;
  let analyst: TestUser;
  let editor: TestUser;
  let reporterDe: TestUser;
  let assaultId = "";
  let reportPath = "";
  const pageErrors: string[] = [];

  /** An incident recorded by a post and taken through clearance to accepted, as the bureau would. */
  async function accepted(
    by: TestUser,
    clearer: TestUser,
    fields: { country: string; from: string; category: string; title: string; publisher: string; synthetic?: boolean },
  ): Promise<string> {
    const desk = { reporter: by, approver: clearer, analyst };
    const { country, from, category, title, publisher, synthetic } = fields;
    return (
      await recordIncident(server.env.context, "accepted", desk, { country, from, categories: [category], title, synthetic, sources: [{ title, publisher }] })
    ).id;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    analyst = await server.user("analyst");
    editor = await server.user("editor");
    reporterDe = await server.user("reporter", "DE");
    const approverDe = await server.user("approver", "DE");
    const reporterFr = await server.user("reporter", "FR");
    const approverFr = await server.user("approver", "FR");
    await accepted(reporterDe, approverDe, {
      country: "DE",
      from: "2025-03-02",
      category: "SV.RAPE",
      title: "Rape reported in Cologne",
      publisher: "Kölner Stadt-Anzeiger",
    });
    assaultId = await accepted(reporterDe, approverDe, {
      country: "DE",
      from: "2025-06-10",
      category: "SV.ASSAULT",
      title: "Assault at a festival",
      publisher: "Der Spiegel",
    });
    await accepted(reporterFr, approverFr, {
      country: "FR",
      from: "2025-04-02",
      category: "HC.VIOLENCE",
      title: "Attack on a shelter in Lyon",
      publisher: "Le Progrès",
    });
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

  it("when an analyst previews a comparative brief of Germany and France, then its table and its map show the accepted records", async () => {
    const page = await as(analyst);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    await page.getByText("No report yet.").waitFor();
    await checkPage(page, "reports-01-list-empty");

    await page.getByRole("link", { name: "New report" }).click();
    await page.getByRole("heading", { level: 1, name: "New report" }).waitFor();
    await page.getByRole("radio", { name: "Comparative brief" }).check();
    await page.getByLabel("Period").fill("2025");
    // A brief without countries: the API's error beside the field and in the summary.
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const summary = page.getByRole("alert").filter({ hasText: "The report could not be made" });
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/Countries/);
    await checkPage(page, "reports-02-new-brief-errors");

    for (const country of ["Germany (DE)", "France (FR)"]) {
      await page.getByLabel("Country to add").selectOption({ label: country });
      await page.getByRole("button", { name: "Add", exact: true }).click();
    }
    expect(await page.getByRole("list", { name: "Countries compared" }).textContent()).toMatch(/Germany \(DE\).*France \(FR\)/);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const preview = page.getByRole("article", { name: BRIEF_TITLE });
    await preview.waitFor();
    const compared = preview.getByRole("table", { name: /^Countries compared/ });
    await compared.waitFor();
    expect(await compared.getByRole("row", { name: /^Germany\s*2\b/ }).count()).toBe(1);
    expect(await compared.getByRole("row", { name: /^France\s*1\b/ }).count()).toBe(1);
    const map = preview.getByRole("img", { name: /^Map of Europe: Incidents, 2025/ });
    await map.waitFor();
    expect(await map.getAttribute("aria-label")).toContain("Germany: 2; France: 1");
    expect(await map.isVisible()).toBe(true);
    expect(await preview.getByRole("img", { name: /^Bar chart: Incidents, 2025/ }).isVisible()).toBe(true);
    // A figure's note reference leads to the note that names its sources.
    const firstNote = compared.getByRole("link", { name: /^note \d+$/ }).first();
    const noteId = (await firstNote.getAttribute("href"))!.slice(1);
    expect(await page.locator(`[id="${noteId}"]`).textContent()).toMatch(/accepted or published by the bureau and not retracted.*sources \[\d+\]/);
    expect(await preview.getByRole("heading", { name: "Sources" }).count()).toBe(1);
    await checkPage(page, "reports-03-brief-preview");
    await page.close();
  });

  it("when the analyst freezes the brief, then its page lists version 1, whose PDF downloads", async () => {
    const page = await as(analyst);
    await page.goto("/reports/new");
    await page.getByRole("radio", { name: "Comparative brief" }).check();
    await page.getByLabel("Period").fill("2025");
    for (const country of ["France (FR)", "Germany (DE)"]) {
      await page.getByLabel("Country to add").selectOption({ label: country });
      await page.getByRole("button", { name: "Add", exact: true }).click();
    }
    await page.getByRole("button", { name: "Freeze", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: BRIEF_TITLE }).waitFor();
    reportPath = new URL(page.url()).pathname;
    expect(reportPath).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
    await page.getByText(/Report created: version 1 frozen \(SHA-256 [0-9a-f]{12}…\)/).waitFor();
    const versions = page.getByRole("region", { name: "Versions (1)" });
    expect(await versions.getByRole("row").count()).toBe(2);
    expect(await versions.getByRole("rowheader", { name: /Version 1/ }).count()).toBe(1);
    await page
      .getByRole("article", { name: BRIEF_TITLE })
      .getByRole("img", { name: /^Map of Europe/ })
      .waitFor();
    await checkPage(page, "reports-04-report-version-1");

    const href = await page.getByRole("link", { name: "PDF of version 1" }).first().getAttribute("href");
    expect(href).toMatch(/\/versions\/1\/download\?format=pdf$/);
    const pdf = await page.evaluate(async (url) => {
      const response = await fetch(url!, { credentials: "same-origin" });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        disposition: response.headers.get("content-disposition"),
        head: String.fromCharCode(...bytes.slice(0, 5)),
      };
    }, href);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toMatch(/^application\/pdf/);
    expect(pdf.disposition).toMatch(/attachment/);
    expect(pdf.head).toBe("%PDF-");
    await page.close();
  });

  it("when an accepted record is corrected and the brief frozen again, then version 2 is made, a third freeze changes nothing, and Compare names the changed figure", async () => {
    // The bureau corrects the assault: it was a hate crime, not sexual violence.
    const { incidents } = server.env.context.services;
    const [assault] = await incidents.present([assaultId]);
    await incidents.updateIncident(analyst.actor, assaultId, { categories: ["HC.VIOLENCE"], version: assault!.version });

    const page = await as(analyst);
    await page.goto(reportPath);
    await page.getByRole("heading", { level: 1, name: BRIEF_TITLE }).waitFor();
    await page.getByRole("button", { name: "Freeze a new version" }).click();
    await page.getByText(/^Version 2 frozen \(SHA-256 [0-9a-f]{12}…\)/).waitFor();
    const versions = page.getByRole("region", { name: "Versions (2)" });
    expect(await versions.getByRole("row").count()).toBe(3);
    expect(new URL(page.url()).searchParams.get("version")).toBe("2");

    await page.getByRole("button", { name: "Freeze a new version" }).click();
    await page.getByText(/^No change since version 2 — same hash \([0-9a-f]{12}…\)/).waitFor();
    expect(await page.getByRole("region", { name: "Versions (2)" }).getByRole("row").count()).toBe(3);
    await checkPage(page, "reports-05-no-change-same-hash");

    const compare = page.getByRole("region", { name: "Compare versions" });
    await compare.getByLabel("From").selectOption("1");
    await compare.getByLabel("to", { exact: true }).selectOption("2");
    await compare.getByRole("button", { name: "Compare" }).click();
    const figures = compare.getByRole("table", { name: /^Figures/ });
    await figures.waitFor();
    const sexualViolence = figures.getByRole("row", { name: /Incidents by category and country › SV Sexual violence.* › Germany/ });
    expect(await sexualViolence.count()).toBe(1);
    expect((await sexualViolence.getByRole("cell").allTextContents()).slice(1)).toEqual(["2", "1"]);
    const hateCrime = figures.getByRole("row", { name: /Incidents by category and country › HC Hate crime.* › Germany/ });
    expect((await hateCrime.getByRole("cell").allTextContents()).slice(1)).toEqual(["0", "1"]);
    expect(new URL(page.url()).searchParams.get("from")).toBe("1");
    expect(new URL(page.url()).searchParams.get("to")).toBe("2");
    await checkPage(page, "reports-06-compare-1-2");

    // Version 1 still says what it said.
    await versions.getByRole("link", { name: "Version 1", exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Version 1" }).waitFor();
    const v1 = page.getByRole("article", { name: BRIEF_TITLE }).getByRole("table", { name: "Incidents by category and country" });
    await v1.waitFor();
    expect(
      (
        await v1
          .getByRole("row", { name: /^SV Sexual violence/ })
          .getByRole("cell")
          .allTextContents()
      )[0],
    ).toMatch(/^2(note \d+)?$/);

    await page.getByRole("link", { name: "Reports", exact: true }).first().click();
    const row = page.getByRole("row").filter({ hasText: BRIEF_TITLE });
    await row.waitFor();
    expect(await row.getByRole("cell").nth(5).textContent()).toBe("2");
    await checkPage(page, "reports-07-list");
    await page.close();
  });

  it("when a reporter of the German post makes a cable that counts a synthetic record, then their country is fixed, the document is watermarked, and they may preview but not freeze", async () => {
    await accepted(reporterDe, await server.user("approver", "DE"), {
      country: "DE",
      from: "2025-05-05",
      category: "VP",
      title: "[SYNTHETIC] Homicide",
      publisher: "Demo",
      synthetic: true,
    });
    const page = await as(reporterDe);
    await page.goto("/reports");
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    // The bureau's brief is the bureau's, not the post's.
    await page.getByText("No report yet.").waitFor();
    await page.getByRole("link", { name: "New report" }).click();
    expect(await page.getByRole("radio", { name: "Comparative brief" }).count()).toBe(0);
    expect(await page.getByText("Germany (DE)").textContent()).toContain("Germany (DE)");
    expect(await page.getByRole("button", { name: "Freeze", exact: true }).count()).toBe(0);
    await page.getByLabel("Period").fill("2025");
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const cable = page.getByRole("article", { name: /Germany/ });
    await cable.getByRole("heading", { name: "Summary" }).waitFor();
    await cable
      .getByRole("img", { name: /^Bar chart/ })
      .first()
      .waitFor();
    // A year's cable charts incidents by month (the synthetic record in May among them).
    expect(await cable.getByRole("img", { name: /^Line chart: Incidents by month of occurrence, Germany/ }).getAttribute("aria-label")).toMatch(
      /Mar 2025 1; Apr 2025 0; May 2025 1; Jun 2025 1;/,
    );
    // Synthetic data: the line at the top and at the foot of the document, inside its marking banners.
    expect(await cable.getByRole("note").filter({ hasText: "SYNTHETIC DATA — NOT REAL EVENTS" }).count()).toBe(2);
    expect(await cable.getByLabel("Handling marking: SBU — SENSITIVE BUT UNCLASSIFIED").count()).toBe(2);
    await checkPage(page, "reports-08-reporter-cable-preview");
    await page.close();
  });

  it("when an editor configures the 2027 country report, then the template list shows its first revision", async () => {
    const page = await as(editor);
    await page.goto("/reports");
    await page.getByRole("link", { name: "Country report templates" }).click();
    await page.getByRole("heading", { level: 1, name: "Report templates" }).waitFor();
    await page.getByLabel("Report year").fill("2027");
    await page.getByRole("button", { name: "Load the template for this year" }).click();
    await page.getByLabel("Section 1: heading").fill("Incidents and rates, 2027");
    await page.getByRole("button", { name: "Move down section 1", exact: true }).click();
    expect(await page.getByLabel("Section 2: heading").inputValue()).toBe("Incidents and rates, 2027");
    await checkPage(page, "reports-09-templates");
    await page.getByRole("button", { name: "Save the 2027 template" }).click();
    await page.getByText(/the 2027 country report now uses country-2027 revision r1/).waitFor();
    const row = page.getByRole("row").filter({ hasText: "country-2027" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Incidents and rates, 2027");
    await checkPage(page, "reports-10-templates-saved");
    await page.close();
  });

  it("then no page raised a script error or a CSP violation", () => {
    expect(pageErrors).toEqual([]);
  });
});
