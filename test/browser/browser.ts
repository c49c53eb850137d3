// Driving Chromium for the browser tests: a page per user (its own cookies), a screenshot of every
// page visited (test-output/browser/, gitignored), and an axe-core check on every page that allows
// no serious or critical violation of WCAG 2.1 A/AA.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { machineWords } from "../../src/testing/machine-words.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.js";

const SCREENSHOT_DIR = join(process.cwd(), "test-output", "browser");

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A laptop-sized window with its own cookies; browser errors fail the test that caused them. */
export async function openPage(browser: Browser, baseURL: string, viewport = { width: 1366, height: 860 }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true, reducedMotion: "reduce" });
  const page = await context.newPage();
  // A step that cannot happen should fail in seconds, not after Playwright's default 30.
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // A CSP violation or a failed script is reported on the console as an error. An API answer of
    // 4xx is the app's business (it shows the error), not a browser error.
    if (message.type() !== "error") return;
    if (message.text().startsWith("Failed to load resource") && message.location().url.includes("/api/")) return;
    errors.push(`console error: ${message.text()}`);
  });
  return { page, errors };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Run axe-core in the page (injected through the debugging protocol, so the page's CSP allows it). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(axeSource);
  const result = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] })`,
  )) as { violations: AxeViolation[] };
  return result.violations;
}

/**
 * What every page visit ends with: a full-page screenshot named `name`, the axe check, which
 * throws on any serious or critical violation (listing each, with the elements it found), and a
 * check that the page shows no identifier, backtick or machine timestamp.
 */
export async function checkPage(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const blocking = (await axeViolations(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
  // Words for people: no identifier, backtick or machine timestamp in what the page shows, but for
  // what it shows as code to be copied exactly (a one-time password, an API token).
  const code = (await page.evaluate("[...document.querySelectorAll('code')].map((c) => c.innerText).join(' ')")) as string;
  const shown = machineWords(await page.evaluate("document.body.innerText"), { dates: false }).filter((w) => !code.includes(w));
  if (shown.length > 0) throw new Error(`"${name}" (${page.url()}) shows machine words: ${[...new Set(shown)].slice(0, 10).join(", ")}`);
  if (blocking.length > 0) {
    const details = blocking.map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    at ${JSON.stringify(n.target)}: ${n.failureSummary ?? ""}`)
          .join("\n")}`,
    );
    throw new Error(`axe found ${blocking.length} serious or critical accessibility violation(s) on "${name}" (${page.url()}):\n${details.join("\n")}`);
  }
  return file;
}

/** Sign in through the sign-in page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}
