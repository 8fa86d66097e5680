import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { nextStartArgs } from "./scripts/server-command";

// scripts/test.ts prepares the database and port; run e2e through `npm test -- e2e`.
const port = process.env.E2E_PORT;
if (!port || !process.env.DATABASE_URL)
  throw new Error("Run the end-to-end tests through `npm test` (or `npm test -- e2e`), which prepares a database.");
const baseURL = `http://127.0.0.1:${port}`;

/** Playwright cannot download its own browser here; Debian's Chromium works, or any path in CHROMIUM_PATH. */
function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "api", testMatch: "api/**/*.spec.ts" },
    {
      name: "ui",
      testMatch: "ui/**/*.spec.ts",
      use: {
        browserName: "chromium",
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: chromiumPath(),
          // Without these Chromium keeps calling home, which this network refuses.
          args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
        },
      },
    },
  ],
  webServer: {
    command: ["node", ...nextStartArgs(port, "127.0.0.1")].join(" "),
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // Short simulated calls keep the scheduling tests in seconds.
    // The fake CRMs run inside the test process: HubSpot's on a port chosen up front, LeadSquared's at any loopback port.
    env: {
      NEXTAUTH_URL: baseURL,
      LEADLINE_PUBLIC_URL: baseURL,
      LEADLINE_SIMULATOR_DELAY_MS: "300",
      HUBSPOT_API_BASE_URL: `http://127.0.0.1:${process.env.E2E_HUBSPOT_PORT}`,
      LEADLINE_LEADSQUARED_ALLOWED_HOSTS: "http://127.0.0.1:*",
    },
  },
});
