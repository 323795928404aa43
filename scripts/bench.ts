/**
 * `npm run bench`: the portal's pages under load, against the production build, on 127.0.0.1.
 *
 *   DATABASE_URL=postgres://…/portal_scale npm run bench -- [--duration 10] [--connections 10] [--port 3190] [--no-build]
 *
 * 1. Builds the app (`npm run build`, skipped with --no-build when build/ is current) and starts `node server.js`
 *    with NODE_ENV=production on a free port of 127.0.0.1, on the database DATABASE_URL names (else the
 *    embedded one), and waits for /healthz.
 * 2. Signs in as the demo accounts the pages are for (the sign-in form, with the Origin header a browser
 *    sends), keeps each session cookie, and finds what the URLs need: a joint operation from the dashboard's
 *    filter, the cursor of the case list's fifth page by following "next" four times.
 * 3. Loads each page with autocannon (a fixed duration and number of connections each, one page at a time),
 *    reads every response's Server-Timing (the server's own time, server.js), and prints a table:
 *    requests per second, 50th and 99th percentile latency as the client saw it and as the server spent it,
 *    errors and non-2xx answers. The same figures go to bench-results/<timestamp>.json.
 * docs/decisions/0014-scale-and-benchmarks.md explains why autocannon and what the figures mean.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

interface BenchOptions {
  duration: number;
  connections: number;
  port: number | null;
  build: boolean;
  only: string | null;
}

function parseArguments(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    duration: Number(process.env.BENCH_DURATION ?? 10),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    port: process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : null,
    build: true,
    only: null,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index]!.split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[(index += 1)] ?? "";
    if (flag === "--no-build") options.build = false;
    else if (flag === "--duration") options.duration = Number(value());
    else if (flag === "--connections") options.connections = Number(value());
    else if (flag === "--port") options.port = Number(value());
    else if (flag === "--only") options.only = value();
    else
      throw new Error(
        `Unknown argument "${argv[index]}". Usage: npm run bench -- [--duration s] [--connections n] [--port p] [--no-build] [--only text]`,
      );
  }
  for (const [name, number] of [
    ["--duration", options.duration],
    ["--connections", options.connections],
  ] as const) {
    if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number.`);
  }
  return options;
}

const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "portal-demo-2026";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function startServer(port: number): ChildProcess {
  const child = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      // A demo installation: the demo accounts sign in without a second factor.
      SEED_DEMO: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(`[server] ${chunk}`));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[server] ${chunk}`));
  return child;
}

async function waitForHealth(base: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server stopped (exit code ${child.exitCode}) before it was ready.`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server did not answer ${base}/healthz within ${timeoutMs / 1000} s.`);
}

/** Signs in through the form (as a browser would, Origin included) and answers the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
  if (response.status !== 302 || !cookies.some((cookie) => cookie.includes("portal_session="))) {
    throw new Error(`Signing in as ${email} failed (HTTP ${response.status}). Is the demo world seeded, with DEMO_PASSWORD?`);
  }
  return cookies.join("; ");
}

async function page(base: string, url: string, cookie: string): Promise<string> {
  const response = await fetch(`${base}${url}`, { headers: { cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
}

/** The query string of the case list's page `n` (1 = first), following the "next page" links. */
async function caseListPage(base: string, cookie: string, query: string, n: number): Promise<string> {
  let url = `/cases${query ? `?${query}` : ""}`;
  for (let step = 1; step < n; step += 1) {
    const html = await page(base, url, cookie);
    const next = [...html.matchAll(/href="(\/cases\?[^"]*cursor=[^"]+)"/g)].map((match) => decodeEntities(match[1]!));
    if (!next.length) throw new Error(`The case list (${url}) has no page ${step + 1}.`);
    url = next[next.length - 1]!;
  }
  return url;
}

/** A joint operation's id from the dashboard's filter, if there is one. */
async function someOperation(base: string, cookie: string): Promise<string | null> {
  const html = await page(base, "/dashboard", cookie);
  const select = /<select[^>]*name="operation"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  const ids = [...select.matchAll(/value="([0-9a-f-]{36})"/g)].map((match) => match[1]!);
  return ids[0] ?? null;
}

function chinaDay(offsetDays: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

interface Target {
  name: string;
  account: string;
  url: string;
}

interface Result {
  name: string;
  account: string;
  url: string;
  requests: number;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  serverP50: number | null;
  serverP99: number | null;
  errors: number;
  timeouts: number;
  non2xx: number;
}

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function load(base: string, target: Target, cookie: string, options: BenchOptions): Promise<Result> {
  const serverTimes: number[] = [];
  const result = await autocannon({
    url: `${base}${target.url}`,
    connections: options.connections,
    duration: options.duration,
    headers: { cookie, "accept-language": "zh-CN" },
    setupClient(client) {
      // autocannon 9 hands on its HTTP parser's header block: { headers: [name, value, name, value, …] }.
      client.on("headers", (parsed: unknown) => {
        const raw = (parsed as { headers?: unknown }).headers;
        const values: string[] = [];
        if (Array.isArray(raw)) {
          for (let index = 0; index + 1 < raw.length; index += 2) {
            if (String(raw[index]).toLowerCase() === "server-timing") values.push(String(raw[index + 1]));
          }
        } else if (parsed && typeof parsed === "object" && "server-timing" in parsed) {
          values.push(String((parsed as Record<string, unknown>)["server-timing"]));
        }
        for (const value of values) {
          const match = /app;dur=([\d.]+)/.exec(value);
          if (match) serverTimes.push(Number(match[1]));
        }
      });
    },
  });
  serverTimes.sort((a, b) => a - b);
  return {
    name: target.name,
    account: target.account,
    url: target.url,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    serverP50: percentile(serverTimes, 50),
    serverP99: percentile(serverTimes, 99),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

function printTable(results: Result[]): void {
  const header = ["page", "req/s", "p50 ms", "p99 ms", "server p50", "server p99", "errors", "non-2xx"];
  const rows = results.map((row) => [
    row.name,
    row.requestsPerSecond.toFixed(1),
    String(row.latencyP50),
    String(row.latencyP99),
    row.serverP50 === null ? "–" : row.serverP50.toFixed(1),
    row.serverP99 === null ? "–" : row.serverP99.toFixed(1),
    String(row.errors + row.timeouts),
    String(row.non2xx),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((width, column) => (column === 0 ? `-${"-".repeat(width)}-` : `${"-".repeat(width + 1)}:`)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  if (options.build) {
    console.log("Building the production bundle (npm run build)…");
    const built = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (built.status !== 0) return built.status ?? 1;
  }
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port);
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  process.once("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    await waitForHealth(base, server);
    const cookies = new Map<string, string>();
    for (const email of ["management@platform.demo", "management@putian.demo", "investigator@platform.demo", "supervisor@putian.demo"])
      cookies.set(email, await signIn(base, email));
    const management = cookies.get("management@platform.demo")!;
    const investigator = cookies.get("investigator@platform.demo")!;
    const supervisor = cookies.get("supervisor@putian.demo")!;
    const operation = await someOperation(base, management);
    const targets: Target[] = [
      { name: "/dashboard", account: "management@platform.demo", url: "/dashboard" },
      { name: "/dashboard (last 90 days)", account: "management@platform.demo", url: `/dashboard?from=${chinaDay(-90)}&to=${chinaDay(0)}` },
      { name: "/dashboard (category)", account: "management@platform.demo", url: "/dashboard?category=footwear_apparel" },
      { name: "/dashboard (province)", account: "management@platform.demo", url: "/dashboard?province=350000" },
      ...(operation ? [{ name: "/dashboard (operation)", account: "management@platform.demo", url: `/dashboard?operation=${operation}` }] : []),
      {
        // The hardest shape: partial months at both ends (day rows) and two filters at once.
        name: "/dashboard (range, category, province)",
        account: "management@platform.demo",
        url: `/dashboard?from=${chinaDay(-500)}&to=${chinaDay(-40)}&category=cosmetics&province=440000`,
      },
      { name: "/dashboard (agency's management)", account: "management@putian.demo", url: "/dashboard" },
      { name: "/map", account: "management@platform.demo", url: "/map" },
      { name: "/map (range, category)", account: "management@platform.demo", url: `/map?from=${chinaDay(-200)}&to=${chinaDay(-10)}&category=footwear_apparel` },
      { name: "/map?province=350000", account: "management@platform.demo", url: "/map?province=350000" },
      { name: "/cases (platform, first page)", account: "investigator@platform.demo", url: "/cases" },
      { name: "/cases (platform, page 5)", account: "investigator@platform.demo", url: await caseListPage(base, investigator, "", 5) },
      { name: "/cases (status + category)", account: "investigator@platform.demo", url: "/cases?status=closed&category=digital_accessories" },
      { name: "/cases (province, by priority)", account: "investigator@platform.demo", url: "/cases?provinceCode=350000&sort=priority" },
      {
        name: "/cases (waiting, category, province, month)",
        account: "investigator@platform.demo",
        url: `/cases?status=submitted&category=cosmetics&provinceCode=440000&createdFrom=${chinaDay(-30)}&createdTo=${chinaDay(0)}`,
      },
      {
        name: "/cases (province, by priority, page 5)",
        account: "investigator@platform.demo",
        url: await caseListPage(base, investigator, "provinceCode=350000&sort=priority", 5),
      },
      { name: "/cases (agency, first page)", account: "supervisor@putian.demo", url: "/cases" },
      { name: "/cases (agency, page 5)", account: "supervisor@putian.demo", url: await caseListPage(base, supervisor, "", 5) },
    ].filter((target) => !options.only || target.name.includes(options.only));

    console.log(
      `\nLoading ${targets.length} pages for ${options.duration} s each with ${options.connections} connections (${base}, NODE_ENV=production)…\n`,
    );
    const results: Result[] = [];
    for (const target of targets) {
      // One request first, so a broken page shows at once instead of as ten seconds of non-2xx.
      await page(base, target.url, cookies.get(target.account)!);
      const result = await load(base, target, cookies.get(target.account)!, options);
      results.push(result);
      console.log(`  ${target.name}: ${result.requestsPerSecond} req/s, p50 ${result.latencyP50} ms, p99 ${result.latencyP99} ms`);
    }
    console.log("");
    printTable(results);

    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "",
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        platform: `${os.type()} ${os.release()}`,
        node: process.version,
      },
      loadAverage: os.loadavg(),
      database: process.env.DATABASE_URL ? process.env.DATABASE_URL.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@") : "embedded PGlite",
      settings: { duration: options.duration, connections: options.connections },
      results,
    };
    fs.mkdirSync("bench-results", { recursive: true });
    const file = path.join("bench-results", `${report.date.replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nSaved ${file}`);
    return results.some((result) => result.errors + result.timeouts > 0 || result.non2xx > 0) ? 2 : 0;
  } finally {
    stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
