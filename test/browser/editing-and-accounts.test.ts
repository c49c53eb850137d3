// Further flows in a real browser: two people editing one draft (the 409 and the way forward), a
// return to the post made from the keyboard alone, and an administrator adding a user who must
// then choose a password. Every page visited is screenshotted and checked with axe-core.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "../../src/testing/harness.js";
import { checkPage, launchBrowser, openPage, signIn } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

describe.skipIf(!chromiumAvailable())("in a real browser, editing together, the keyboard and accounts", () => {
  let server: BrowserServer;
  let browser: Browser;
  let reporter: TestUser;
  let approver: TestUser;
  let admin: TestUser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    reporter = await server.user("reporter", "AT");
    approver = await server.user("approver", "AT");
    admin = await server.user("admin");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function as(user: { email: string; password: string }): Promise<Page> {
    const { page, errors } = await openPage(browser, server.url);
    page.on("close", () => pageErrors.push(...errors));
    await signIn(page, user.email, user.password);
    return page;
  }

  /** A draft of post AT recorded through the API. */
  async function draft(title: string): Promise<{ id: string; number: number }> {
    const response = await server.env.request(reporter, {
      method: "POST",
      url: "/api/v1/incidents",
      json: {
        country: "AT",
        occurred: { from: "2025-03-02", precision: "day" },
        categories: ["HD.PROTEST"],
        title,
        summary: "A protest about the use of a former hotel as accommodation.",
        sources: [{ kind: "news", publisher: "Wiener Abendblatt", title: "Protest outside former hotel", reliability: "C", credibility: 3 }],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it("when two people edit one draft and the second saves last, then they see who changed what and can keep their change on top", async () => {
    const { id } = await draft("Protest outside a hotel used as accommodation");
    const first = await as(reporter);
    const second = await as(approver);
    await first.goto(`/incidents/${id}/edit`);
    await second.goto(`/incidents/${id}/edit`);
    await first.locator("#field-title").fill("Protest outside a former hotel used as accommodation in Graz");
    await first.getByRole("button", { name: "Save changes" }).click();
    await first.getByRole("heading", { level: 1, name: "Protest outside a former hotel used as accommodation in Graz" }).waitFor();

    await second.locator("#field-summary").fill("About 200 people protested peacefully; the police reported no arrests.");
    await second.getByRole("button", { name: "Save changes" }).click();
    const conflict = second.getByRole("dialog", { name: "Someone else saved this incident first" });
    await conflict.waitFor();
    expect(await conflict.textContent()).toMatch(/They changed: Title\..*You changed: Summary\./s);
    await checkPage(second, "21-edit-conflict");
    await conflict.getByRole("button", { name: "Keep my changes on top of theirs" }).click();
    await second.getByText(/Your changes are now laid over version 2/).waitFor();
    expect(await second.locator("#field-title").inputValue()).toBe("Protest outside a former hotel used as accommodation in Graz");
    await checkPage(second, "22-edit-conflict-resolved");
    await second.getByRole("button", { name: "Save changes" }).click();
    await second.getByRole("heading", { level: 1, name: "Protest outside a former hotel used as accommodation in Graz" }).waitFor();
    expect(await second.getByRole("main").textContent()).toContain("the police reported no arrests");
    await first.close();
    await second.close();
  });

  it("when an approver returns a submission with the keyboard alone, then the dialog takes focus, Escape cancels, and the comment reaches the post", async () => {
    const { id, number } = await draft("Eviction of tenants from a building bought for accommodation");
    const current = (await server.env.request(reporter, { method: "GET", url: `/api/v1/incidents/${id}` })).json() as { version: number };
    expect((await server.env.request(reporter, { method: "POST", url: `/api/v1/incidents/${id}/transitions`, json: { action: "submit", version: current.version } })).statusCode).toBe(200);

    const page = await as(approver);
    await page.goto("/review");
    const returnButton = page.getByRole("button", { name: `Return to post: incident ${number}` });
    await returnButton.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Return to post: incident ${number}` });
    await dialog.waitFor();
    expect(await page.evaluate("document.activeElement.closest('dialog') !== null")).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.evaluate("document.querySelector('dialog[open]') === null")).toBe(true);
    await expect.poll(() => page.evaluate("document.activeElement.getAttribute('aria-label')")).toBe(`Return to post: incident ${number}`);

    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await dialog.getByLabel("What should the post change?").focus();
    await page.keyboard.type("Please add the court reference of the eviction order.");
    await page.keyboard.press("Tab"); // to the dialog's "Return to post" button
    await checkPage(page, "23-return-dialog");
    await page.keyboard.press("Enter");
    await page.getByText("Nothing is waiting for your clearance.").waitFor();
    await page.close();

    const post = await as(reporter);
    await post.goto(`/incidents/${id}`);
    await post.getByText("Please add the court reference of the eviction order.").waitFor();
    expect(await post.getByRole("link", { name: "Edit" }).count()).toBe(1);
    await checkPage(post, "24-returned-to-post");
    await post.close();
  });

  it("when an administrator adds a user, then the user signs in with the one-time password and must choose their own first", async () => {
    const page = await as(admin);
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await page.getByRole("cell", { name: admin.email }).waitFor();
    await checkPage(page, "25-admin-users");
    await page.locator("#field-name").fill("Reporter Vienna");
    await page.locator("#field-email").fill("reporter.vienna@example.org");
    await page.locator("#field-role").selectOption("reporter");
    await page.locator("#field-post").selectOption("AT");
    await page.getByRole("button", { name: "Add user" }).click();
    const password = page.getByRole("status").filter({ hasText: "Reporter Vienna can now sign in" }).locator("code");
    await password.waitFor();
    const oneTime = (await password.textContent())!;
    await page.getByRole("cell", { name: "reporter.vienna@example.org" }).waitFor();
    await checkPage(page, "26-admin-user-added");
    await page.getByRole("link", { name: "Posts" }).click();
    await page.getByRole("cell", { name: "Embassy" }).first().waitFor();
    await checkPage(page, "27-admin-posts");
    await page.close();

    const newcomer = await openPage(browser, server.url);
    await newcomer.page.goto("/");
    await newcomer.page.getByLabel("E-mail address").fill("reporter.vienna@example.org");
    await newcomer.page.getByLabel("Password").fill(oneTime);
    await newcomer.page.getByRole("button", { name: "Sign in" }).click();
    await newcomer.page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
    await checkPage(newcomer.page, "28-must-change-password");
    await newcomer.page.getByLabel("Current password").fill(oneTime);
    await newcomer.page.getByLabel("New password", { exact: true }).fill("quiet lantern orchard 8152");
    await newcomer.page.getByLabel("New password again").fill("quiet lantern orchard 8152");
    await newcomer.page.getByRole("button", { name: "Change password" }).click();
    await newcomer.page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    await checkPage(newcomer.page, "29-first-dashboard");
    pageErrors.push(...newcomer.errors);
    await newcomer.page.close();
  });

  it("then no page raised a script error or a CSP violation", () => {
    expect(pageErrors).toEqual([]);
  });
});
