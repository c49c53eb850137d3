// Further flows in a real browser: two people editing one draft (the 409 and the way forward), a
// return to the post made from the keyboard alone, an administrator adding a user who must then
// choose a password, and an administrator adding a post and renaming it. Every page visited is
// screenshotted and checked with axe-core.
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
    expect(
      (await server.env.request(reporter, { method: "POST", url: `/api/v1/incidents/${id}/transitions`, json: { action: "submit", version: current.version } }))
        .statusCode,
    ).toBe(200);

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

  it("when an administrator adds a post and renames it, then the API's errors show beside their fields, the dialog works from the keyboard, and the new post can be given to users", async () => {
    const page = await as(admin);
    await page.getByRole("link", { name: "Posts" }).click();
    await page.getByRole("heading", { level: 1, name: "Posts" }).waitFor();
    const form = page.getByRole("form", { name: "Add a post" });
    // The button beside the title takes the keyboard to the form below the list.
    await page.getByRole("button", { name: "Add a post" }).click();
    await expect.poll(() => page.evaluate("document.activeElement.id")).toBe("field-country_code");

    // Nothing filled in: the API's field errors, listed and beside each field.
    await form.getByRole("button", { name: "Add post" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "The post was not added" });
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/Host country: choose the host country.*Name: must not be empty.*City: must not be empty/s);
    for (const id of ["#field-country_code", "#field-name", "#field-city"]) expect(await page.locator(id).getAttribute("aria-invalid"), id).toBe("true");
    expect(await page.locator("#field-name-error").textContent()).toContain("must not be empty");
    await checkPage(page, "40-admin-post-errors");

    // Countries with a post are not offered; Japan is.
    expect(await page.locator("#field-country_code option[value='AT']").count()).toBe(0);
    await page.locator("#field-country_code").selectOption("JP");
    await page.locator("#field-name").fill("Embassy in Japan");
    await page.locator("#field-city").fill("Tokyo");
    await form.getByRole("button", { name: "Add post" }).click();
    await page.getByRole("status").filter({ hasText: "Embassy in Japan (JP) added, in Tokyo." }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "Embassy in Japan" });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/JPEmbassy in JapanEmbassyJapanTokyo/);
    expect(await page.locator("#field-country_code option[value='JP']").count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    await checkPage(page, "41-admin-post-added");

    // Renaming it from the keyboard: the dialog takes focus; a blank name is refused beside the field.
    const edit = row.getByRole("button", { name: "Edit Embassy in Japan" });
    await edit.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Edit post JP" });
    await dialog.waitFor();
    expect(await dialog.getByLabel("Name").inputValue()).toBe("Embassy in Japan");
    await dialog.getByLabel("Name").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Space");
    await page.keyboard.press("Enter"); // submits the dialog's form
    await dialog.getByRole("alert").filter({ hasText: "The post was not saved" }).waitFor();
    expect(await dialog.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    expect(await dialog.locator("#field-edit-name-error").textContent()).toContain("must not be empty");
    await checkPage(page, "42-admin-post-rename-error");
    await dialog.getByLabel("Name").fill("Embassy of the Republic in Japan");
    await dialog.getByLabel("City").fill("Tokyo (Minato)");
    await dialog.getByRole("button", { name: "Save" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate("document.querySelector('dialog[open]') === null")).toBe(true);
    await page.getByRole("status").filter({ hasText: "Embassy in Japan is now Embassy of the Republic in Japan, in Tokyo (Minato): saved." }).waitFor();
    await page.getByRole("cell", { name: "Embassy of the Republic in Japan", exact: true }).waitFor();
    await expect.poll(() => page.evaluate("document.activeElement.textContent")).toBe("Edit Embassy of the Republic in Japan");
    await checkPage(page, "43-admin-post-renamed");
    const posts = (await server.env.request(admin, { method: "GET", url: "/api/v1/posts" })).json() as {
      items: { code: string; name: string; city: string }[];
    };
    expect(posts.items.find((p) => p.code === "JP")).toMatchObject({ name: "Embassy of the Republic in Japan", city: "Tokyo (Minato)" });

    // Escape closes the dialog without saving.
    await page.getByRole("button", { name: "Edit Embassy of the Republic in Japan" }).click();
    await dialog.waitFor();
    await dialog.getByLabel("City").fill("Osaka");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.evaluate("document.querySelector('dialog[open]') === null")).toBe(true);
    expect(await page.getByRole("cell", { name: "Tokyo (Minato)", exact: true }).count()).toBe(1);
    expect(await page.getByRole("cell", { name: "Osaka" }).count()).toBe(0);

    // The new post is at once a post users can be given.
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await page.locator("#field-role").selectOption("approver");
    await page.locator("#field-post").selectOption("JP");
    expect(await page.locator("#field-post option:checked").textContent()).toBe("Embassy of the Republic in Japan (JP)");
    await page.close();
  });

  it("then no page raised a script error or a CSP violation", () => {
    expect(pageErrors).toEqual([]);
  });
});
