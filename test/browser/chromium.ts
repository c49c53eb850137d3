// Where the browser tests find Chromium (Debian's, never a downloaded one) and whether they must:
// with CI=true a missing Chromium fails the run; locally the tests are skipped with a loud warning.
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Headless, and no traffic to anything but the server under test. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);
export const inCi = (): boolean => process.env["CI"] === "true" || process.env["CI"] === "1";

export function skipWarning(): string {
  const bar = "!".repeat(78);
  return (
    `\n${bar}\n!! Chromium is not at ${CHROMIUM_PATH}: the BROWSER TESTS ARE SKIPPED.\n` +
    `!! Install it (apt-get install chromium) or set CHROMIUM_PATH; CI (CI=true) fails instead of skipping.\n${bar}\n\n`
  );
}
