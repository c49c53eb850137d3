import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Two projects: everything below the browser, and the browser tests (test/browser), which build
    // the web app and need Chromium first (their global setup), and take longer per test.
    projects: [
      {
        extends: true,
        test: {
          name: "api",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["test/browser/**", "node_modules/**"],
          globalSetup: ["test/global-setup.ts"],
        },
      },
      {
        // SQLite only: what a browser sees does not depend on the database below the API.
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/browser/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // No retries: a flaky test is a bug to fix, not to hide.
    retry: 0,
  },
});
