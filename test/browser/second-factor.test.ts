// Signing in with a second factor in a real browser: through the test OpenID Connect provider
// (the issue's must-show: the provider signs the editor in, Rapporteur asks for a TOTP code, the code
// lets them in), and an administrator's first sign-in, which leads to setting up a second factor.
// The product's default holds here: admins, editors and auditors must have one.
import { createServer } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type TestOidcProvider } from "../../src/testing/oidc-provider.js";
import { enrolSecondFactor, totpCode } from "../../src/testing/second-factor.js";
import { checkPage, launchBrowser, openPage } from "./browser.js";
import { chromiumAvailable } from "./chromium.js";
import { startServer, type BrowserServer } from "./server.js";

/** A free loopback port: the app's callback URL must be known before it listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe.skipIf(!chromiumAvailable())("in a real browser, a second factor", () => {
  let server: BrowserServer;
  let provider: TestOidcProvider;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
    provider = await startOidcProvider([callback]);
    server = await startServer(
      {
        config: {
          SECOND_FACTOR_ROLES: undefined,
          OIDC_ISSUER_URL: provider.issuer,
          OIDC_CLIENT_ID: provider.clientId,
          OIDC_CLIENT_SECRET: provider.clientSecret,
          OIDC_REDIRECT_URL: callback,
          OIDC_PROVIDER_NAME: "the test provider",
        },
      },
      port,
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  it("when an editor signs in through the test provider, then Rapporteur asks for the code of their authenticator app, and the code lets them in", async () => {
    const editor = await server.user("editor");
    const { secret } = await enrolSecondFactor(server.env, editor);
    provider.account({ sub: "editor-at-provider", email: editor.email, email_verified: true, name: editor.actor.name });

    const { page, errors } = await openPage(browser, server.url);
    await page.goto("/");
    const sso = page.getByRole("link", { name: "Sign in with the test provider" });
    await sso.waitFor();
    await checkPage(page, "sign-in-with-sso");
    await sso.click();
    // The provider's own login page.
    await page.getByLabel("E-mail address").fill(editor.email);
    await page.getByRole("button", { name: "Continue" }).click();
    // Back in Rapporteur, which asks for the second factor.
    await page.getByRole("heading", { name: "Enter your security code" }).waitFor();
    await checkPage(page, "second-factor-code");
    await page.getByLabel("Security code").fill(totpCode(secret, 1));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.getByRole("link", { name: "Second factor" }).waitFor();
    await checkPage(page, "signed-in-through-sso");
    expect(errors).toEqual([]);
  });

  it("when an administrator signs in by password for the first time, then they set up a second factor (QR code, key, a code, recovery codes saved) before anything else", async () => {
    const admin = await server.user("admin");
    const { page, errors } = await openPage(browser, server.url);
    await page.goto("/");
    await page.getByLabel("E-mail address").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "Set up a second factor" }).waitFor();
    await page.getByRole("img", { name: "QR code to scan with your authenticator app" }).waitFor();
    await checkPage(page, "second-factor-setup");
    const key = ((await page.locator("code.secret-key").textContent()) ?? "").replace(/\s+/g, "");
    await page.getByLabel("Code from the app").fill(totpCode(key));
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByText("Save your recovery codes").waitFor();
    expect(await page.locator(".recovery-codes code").count()).toBe(10);
    await checkPage(page, "second-factor-recovery-codes");
    const proceed = page.getByRole("button", { name: "Continue" });
    expect(await proceed.isDisabled()).toBe(true);
    await page.getByLabel("I have saved these codes").check();
    await proceed.click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.getByRole("heading", { name: "Users" }).waitFor();
    expect(errors).toEqual([]);
  });
});
