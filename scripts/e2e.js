#!/usr/bin/env node
/**
 * `npm run test:e2e`: the end-to-end suite, from nothing to a summary line.
 *
 *   node scripts/e2e.js [--postgres] [any `playwright test` arguments]
 *
 * 1. Makes sure Debian's Chromium is there (Playwright cannot download its own browsers on these machines);
 *    as root on Debian it installs it, otherwise it says how and stops.
 * 2. Builds the app (`npx remix build`, always: a dev build left in build/ cannot be served).
 * 3. Runs `npx playwright test` with the remaining arguments (playwright.config.ts starts the server on a
 *    fresh embedded database).
 * With --postgres, the server uses a new PostgreSQL database, portal_e2e_<timestamp>, created on
 * E2E_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards, pass or fail.
 * Exits with Playwright's exit code. E2E_PORT, E2E_ARTIFACTS_DIR and BUILD_DIR let runs share a checkout
 * (see playwright.config.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import postgres from "postgres";

const CHROMIUM = "/usr/bin/chromium";
const SUMMARY_FILE = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "summary.txt");
const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

const args = process.argv.slice(2);
const usePostgres = args.includes("--postgres");
const playwrightArgs = args.filter((arg) => arg !== "--postgres");

function log(message) {
  console.log(`[e2e] ${message}`);
}

function run(command, commandArgs, options = {}) {
  log(`$ ${[command, ...commandArgs].join(" ")}`);
  const result = spawnSync(command, commandArgs, { stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const isDebian = fs.existsSync("/etc/debian_version");
  if (isRoot && isDebian) {
    log(`${CHROMIUM} is missing; installing Debian's chromium and fonts-noto-cjk (Chinese glyphs for screenshots).`);
    if (run("apt-get", ["update"]) !== 0 || run("apt-get", ["install", "-y", "chromium", "fonts-noto-cjk"]) !== 0) {
      log("apt-get failed; install the packages above by hand and run again.");
      process.exit(1);
    }
    if (fs.existsSync(CHROMIUM)) return;
  }
  console.error(
    [
      `[e2e] The end-to-end tests need Chromium at ${CHROMIUM} (Playwright cannot download browsers here).`,
      "[e2e] Install it, with the Chinese fonts the screenshots need, then run again:",
      "[e2e]   sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk",
    ].join("\n"),
  );
  process.exit(1);
}

/** Runs Playwright; Ctrl-C reaches it directly (same process group), and we wait for it to finish. */
function runPlaywright(env) {
  log(`$ npx playwright test ${playwrightArgs.join(" ")}`.trimEnd());
  return new Promise((resolve) => {
    const child = spawn("npx", ["playwright", "test", ...playwrightArgs], { stdio: "inherit", env });
    const ignore = () => {}; // let the child stop first, so the database can still be dropped
    process.on("SIGINT", ignore);
    process.on("SIGTERM", ignore);
    child.on("error", (error) => {
      console.error(error);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", ignore);
      process.off("SIGTERM", ignore);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function quoteIdentifier(name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected database name ${name}`);
  return `"${name}"`;
}

async function withAdminConnection(adminUrl, work) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main() {
  ensureChromium();

  if (run("npx", ["remix", "build"]) !== 0) {
    log("The build failed; no tests were run.");
    return 1;
  }

  fs.rmSync(SUMMARY_FILE, { force: true });
  const env = { ...process.env };
  if (!usePostgres) {
    if (env.E2E_DATABASE_URL) log("Using E2E_DATABASE_URL from the environment (it should be an empty database).");
    return runPlaywright(env);
  }

  const adminUrl = process.env.E2E_POSTGRES_URL || DEFAULT_ADMIN_URL;
  const database = `portal_e2e_${Date.now()}`;
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${database}`;

  await withAdminConnection(adminUrl, (sql) => sql.unsafe(`CREATE DATABASE ${quoteIdentifier(database)}`));
  log(`Created database ${database} on ${databaseUrl.host}.`);
  let code = 1;
  try {
    env.E2E_DATABASE_URL = databaseUrl.toString();
    code = await runPlaywright(env);
  } finally {
    try {
      // WITH (FORCE): a server that did not shut down cleanly may still hold connections.
      await withAdminConnection(adminUrl, (sql) =>
        sql.unsafe(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`),
      );
      log(`Dropped database ${database}.`);
    } catch (error) {
      log(`Could not drop database ${database}: ${error instanceof Error ? error.message : error}`);
      code = code || 1;
    }
    // The summary line must stay the last line of the output.
    if (fs.existsSync(SUMMARY_FILE)) process.stdout.write(fs.readFileSync(SUMMARY_FILE, "utf8"));
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error("[e2e]", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
