// Runs once before the browser tests: Chromium must be there (in CI) or its absence is shouted
// (locally), and the web app is built if it is missing or out of date.
import { ensureWebBuild } from "../../scripts/build-web.js";
import { CHROMIUM_PATH, chromiumAvailable, inCi, skipWarning } from "./chromium.js";

export default async function setup(): Promise<void | (() => void)> {
  if (!chromiumAvailable()) {
    if (inCi()) throw new Error(`CI=true but Chromium is not at ${CHROMIUM_PATH}: the browser tests would be skipped. .ci/run installs it.`);
    process.stderr.write(skipWarning());
    return () => void process.stderr.write(skipWarning());
  }
  await ensureWebBuild();
}
