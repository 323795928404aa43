/**
 * End-to-end tests: Debian's Chromium against the production server (server.js) with the demo world seeded
 * into a fresh database per run. `npm run test:e2e` (scripts/e2e.js) builds first; `npx playwright test`
 * alone needs a current `npx remix build`.
 *
 * Environment:
 * - E2E_PORT: the port to serve on (default 3100). Nothing may already listen there.
 * - E2E_ARTIFACTS_DIR: where failure screenshots/traces, the screenshots for people and the summary go
 *   (default e2e/.artifacts). Runs in parallel on one checkout give each its own, with its own E2E_PORT
 *   and BUILD_DIR (remix.config.js).
 * - E2E_EVIDENCE_DIR: the server's EVIDENCE_DIR (default: a new temporary directory, removed at the end).
 * - E2E_DATABASE_URL: a PostgreSQL database to run against (it must exist and should be empty; scripts/e2e.js
 *   --postgres creates and drops one). Without it, embedded PGlite in a new temporary directory, removed
 *   when the run ends (or in E2E_PGLITE_DATA_DIR, kept, if that is set).
 *
 * The demo world is changed for good by two specs (see e2e/demo-world.ts), so a second run against the same
 * database may fail the lockout-dependent sign-in test for 15 minutes: give every run a fresh database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { DEMO_PASSWORD } from "./e2e/demo-world";

const port = Number(process.env.E2E_PORT || 3100);
// localhost, not 127.0.0.1: Chromium treats http://localhost as a secure context, so the production
// cookies (Secure, __Host- prefix) work without TLS, as they would over https.
const baseURL = `http://localhost:${port}`;
const databaseUrl = process.env.E2E_DATABASE_URL || "";
const artifactsDir = process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts";

// This file is loaded by the runner and again by each worker; only the first creates the data directory
// (the workers inherit the variable) and removes it once the runner exits, after the server has stopped.
if (!databaseUrl && !process.env.E2E_PGLITE_DATA_DIR) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-pglite-"));
  process.env.E2E_PGLITE_DATA_DIR = dataDir;
  process.once("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
}
// Evidence files get a directory of their own per run too (e2e/evidence.spec.ts alters one on disk), never
// the checkout's ./data/evidence, which parallel runs would share.
if (!process.env.E2E_EVIDENCE_DIR) {
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-evidence-"));
  process.env.E2E_EVIDENCE_DIR = evidenceDir;
  process.once("exit", () => fs.rmSync(evidenceDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: "e2e",
  outputDir: `${artifactsDir}/test-results`,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // The whole suite, as a backstop against a hung run (about 6 minutes on 2 cores at issue 4).
  globalTimeout: 35 * 60_000,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two cores: a second worker measured no faster (about 70 s a run either way), only busier.
  workers: 1,
  fullyParallel: false,
  reporter: [["list"], ["./scripts/playwright-summary-reporter.ts"]],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: /lockout\.spec\.ts$/ },
    // The lockout spec locks a demo account for 15 minutes, and the sign-in spec signs in as every account,
    // so it runs only after everything else has finished.
    { name: "chromium-lockout", testMatch: /lockout\.spec\.ts$/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: "node server.js",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 240_000, // the server seeds the demo world (with its case history) before it answers
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "ignore",
    stderr: "pipe",
    // Every setting the server reads is given here, so a developer's own shell cannot change the run.
    env: {
      NODE_ENV: "production",
      SEED_DEMO: "true",
      DEMO_PASSWORD,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      PGLITE_DATA_DIR: process.env.E2E_PGLITE_DATA_DIR ?? "",
      // The suite signs in well over 30 times from one address; the per-IP throttle has unit tests.
      SIGN_IN_FAILURES_PER_IP: "1000",
      COOKIE_SECURE: "true",
      TRUST_PROXY: "false",
      TRUSTED_ORIGINS: "",
      EVIDENCE_DIR: process.env.E2E_EVIDENCE_DIR,
    },
  },
});
