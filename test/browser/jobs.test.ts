// The jobs page in a real browser: an administrator finds a failed import among the jobs, in words,
// tries it again (after saying yes), and is told what was done. The page is checked with axe-core
// and for machine words.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/modules/auth/actor.js";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

describe.skipIf(!chromiumAvailable())("in a real browser, the jobs page", () => {
  let server: BrowserServer;
  let browser: Browser;
  let admin: TestUser;
  let analyst: TestUser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await server.user("admin");
    analyst = await server.user("analyst");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("when an administrator retries a failed import, then the page asks first and says what it did", async () => {
    const jobs = server.env.context.services.jobs;
    // Queued for later so no runner takes it, then cancelled: a job that can be tried again.
    const job = await jobs.enqueue(analyst.actor, { kind: "stats.import", payload: {}, runAfter: "9999-12-31T00:00:00.000Z" });
    await jobs.cancel(CLI_ACTOR, job.id);
    const { page, errors } = await openPage(browser, server.url);
    await signIn(page, admin.email, admin.password);
    await page.getByRole("link", { name: "Jobs" }).click();
    await page.getByRole("heading", { level: 1, name: "Jobs" }).waitFor();
    const row = page.getByRole("row", { name: new RegExp(`Statistics import Cancelled ${analyst.actor.name}`) });
    await row.waitFor();
    await checkPage(page, "jobs");
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Retry this job" }).click();
    await page.getByText(/^Queued the statistics import asked for by .+ to be tried again\.$/).waitFor();
    expect((await jobs.get(CLI_ACTOR, job.id)).state).not.toBe("cancelled");
    expect(errors).toEqual([]);
  });
});
