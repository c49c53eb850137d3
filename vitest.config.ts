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
          exclude: ["test/browser/**", "src/cli/**", "node_modules/**"],
          globalSetup: ["test/global-setup.ts"],
        },
      },
      {
        // The command line as a person runs it: each test starts `rapporteur` processes (tsx loading
        // the whole app each time), which a busy two-core machine slows several times over, so
        // these get the browser tests' ceiling. Nothing in them waits for time.
        extends: true,
        test: {
          name: "cli",
          include: ["src/cli/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
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
