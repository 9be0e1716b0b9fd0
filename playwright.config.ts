import { defineConfig } from "@playwright/test";
import type { Front } from "./e2e/fixtures";

// `npm test` runs the whole suite on SQLite, then the download journeys again with
// BINDERY_TEST_DB=postgresql (scripts/test.sh): each run keeps its own report.
const run = process.env.BINDERY_TEST_DB === "postgresql" ? "-postgresql" : "";

export default defineConfig<unknown, { front: Front }>({
  testDir: "e2e",
  // Playwright empties its output folder at start: keep it apart from the other suites' reports.
  outputDir: `test-results/playwright-artifacts${run}`,
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  // Real servers and a real browser on a shared 2-core CI machine: a journey that fails once is run once
  // more there, and the summary names it as flaky (scripts/test-summary.mjs) so it is seen, not hidden.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [
    ["list"],
    ["./e2e/reporters/axe-summary-reporter.ts"],
    ["json", { outputFile: `test-results/playwright${run}.json` }],
  ],
  // Every journey behind real nginx; the download journeys again behind real Apache (global-setup.ts).
  projects: [
    { name: "nginx", use: { front: "nginx" } },
    { name: "apache", use: { front: "apache" }, testMatch: /\/(guest-purchase|library)\.spec\.ts$/ },
  ],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
