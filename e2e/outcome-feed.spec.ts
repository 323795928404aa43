/**
 * The outcome feed for the platform's systems, as the people and the systems use it:
 * - a test receiver (node:http on 127.0.0.1, a free port) checks each delivery's signature as README
 *   "Outcome feed and webhooks" tells receivers to, with its own HMAC code (not the portal's);
 * - admin@platform.demo adds a webhook endpoint pointing at it and copies the secret shown once, sends a test
 *   event, and creates a feed token (copied the same way);
 * - officer@putian.demo starts the investigation of AC-2026-000019 (seeded accepted, assigned to them);
 * - the receiver gets the event, signed; the delivery log shows it delivered with its attempt; the JSON feed
 *   read with the token returns it after the cursor; officer@guangzhou.demo gets 404 for that case's feed;
 * - screenshots of the admin pages in both languages go to e2e/.artifacts/screenshots/.
 *
 * It changes AC-2026-000019 (to investigating) and adds an endpoint and a token for the rest of the run.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { TEXTS, expect, signInByRequest, test, type Locale } from "./fixtures";

const SCREENSHOTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "screenshots");
const CASE = "AC-2026-000019";
const ADMIN = "admin@platform.demo";
const OFFICER = "officer@putian.demo";

test.describe.configure({ mode: "serial" });

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

/** A receiver as a platform system would write it: HMAC-SHA256 over "<t>.<raw body>", 5 minutes' tolerance. */
function verify(secret: string, header: string | undefined, body: string): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!parts.t || !parts.v1 || !Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let server: http.Server;
let receiverUrl = "";
let downUrl = "";
let secret = "";
const received: Received[] = [];

test.beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      // A second endpoint of the same receiver is down for maintenance: its deliveries fail and are retried.
      if (request.url === "/hooks/down") {
        response.writeHead(503, { "Content-Type": "text/plain" }).end("down for maintenance");
        return;
      }
      const verified = Boolean(secret) && verify(secret, request.headers["x-portal-signature"] as string | undefined, body);
      received.push({ headers: request.headers, body, verified });
      response.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/portal`;
  downUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/down`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function pageAs(browser: Browser, baseURL: string | undefined, email: string, locale: Locale): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, timezoneId: "Asia/Shanghai", viewport: { width: 1280, height: 900 } });
  await signInByRequest(context.request, baseURL, email);
  return context.newPage();
}

interface FeedAnswer {
  events: { id: string; seq: number; kind: string; caseReference: string; payload: Record<string, unknown> }[];
  nextCursor: number;
  hasMore: boolean;
}

test("a police update reaches the platform's systems as a signed webhook and through the feed", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const en = TEXTS.en.integrations;
  const admin = await pageAs(browser, baseURL, ADMIN, "en");
  let token = "";

  await test.step("the administrator adds a webhook endpoint and copies its secret, shown once", async () => {
    await admin.goto("/admin/integrations");
    await expect(admin.getByRole("heading", { level: 1, name: en.title })).toBeVisible();
    await admin.getByRole("button", { name: en.endpoints.add }).click();
    await expect(admin.locator("#create-endpoint").getByText(TEXTS.en.validation.required)).toBeVisible();
    await admin.getByLabel(en.endpoints.url).fill("ftp://soc.platform.example/hooks");
    await admin.getByRole("button", { name: en.endpoints.add }).click();
    await expect(admin.getByText(en.validation.urlProtocol)).toBeVisible();
    await admin.getByLabel(en.endpoints.url).fill(receiverUrl);
    await admin.getByLabel(en.endpoints.description).fill("Risk control case intake (e2e receiver)");
    await admin.getByRole("button", { name: en.endpoints.add }).click();
    const shown = admin.getByTestId("webhook-secret");
    await expect(shown).toHaveText(/^whsec_/);
    secret = (await shown.textContent())!.trim();
    await expect(admin.getByTestId("webhook-endpoint").filter({ hasText: receiverUrl })).toContainText(en.endpoints.active);
  });

  await test.step("a test event arrives signed", async () => {
    const row = admin.getByTestId("webhook-endpoint").filter({ hasText: receiverUrl });
    await row.getByRole("button", { name: en.endpoints.test }).click();
    await expect(admin.getByTestId("test-event-result")).toContainText("HTTP 204");
    const test = received.find((entry) => entry.headers["x-portal-event"] === "portal.test");
    expect(test?.verified).toBe(true);
    // The secret is not shown again.
    await admin.reload();
    await expect(admin.getByTestId("webhook-secret")).toHaveCount(0);
    await expect(admin.getByText(secret)).toHaveCount(0);
  });

  await test.step("a second endpoint, which will be down", async () => {
    await admin.getByLabel(en.endpoints.url).fill(downUrl);
    await admin.getByRole("button", { name: en.endpoints.add }).click();
    await expect(admin.getByTestId("webhook-endpoint").filter({ hasText: downUrl })).toContainText(en.endpoints.active);
  });

  await test.step("the administrator creates a feed token and copies it", async () => {
    await admin.getByLabel(en.tokens.name, { exact: true }).fill("Risk control data warehouse");
    await admin.getByRole("button", { name: en.tokens.add }).click();
    const shown = admin.getByTestId("api-token");
    await expect(shown).toHaveText(/^acp_/);
    token = (await shown.textContent())!.trim();
    await expect(admin.getByTestId("api-token-row").filter({ hasText: "Risk control data warehouse" })).toContainText(en.tokens.neverUsed);
  });

  const feed = async (search: string) => {
    const response = await admin.request.get(`/api/feed${search}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status(), `GET /api/feed${search}`).toBe(200);
    return (await response.json()) as FeedAnswer;
  };
  let cursor = 0;
  await test.step("the feed is read to its end with the token", async () => {
    for (let page = await feed("?limit=500"); ; page = await feed(`?after=${page.nextCursor}&limit=500`)) {
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
  });

  await test.step("officer@putian.demo starts the investigation of AC-2026-000019", async () => {
    const officer = await pageAs(browser, baseURL, OFFICER, "zh-CN");
    await officer.goto("/cases");
    const href = await officer.getByRole("row").filter({ hasText: CASE }).locator('a[href^="/cases/"]').first().getAttribute("href");
    expect(href).toBeTruthy();
    await officer.goto(href!);
    const form = officer.locator("#workflow form").filter({ has: officer.locator('button[value="start_investigation"]') });
    await expect(form.locator('input[name="js"]')).toHaveCount(1); // hydrated
    const note = form.locator("textarea");
    if ((await note.count()) > 0) await note.first().fill("已开始侦查，调取物流及资金流水。");
    await form.locator('button[value="start_investigation"]').click();
    await expect(officer.locator("#workflow").getByRole("status")).toHaveText(TEXTS["zh-CN"].workflow.done.start_investigation);
    await officer.context().close();
  });

  // Other specs' events may reach the receiver too in a full run: ours is this case's investigation.
  const ours = () =>
    received.find((entry) => entry.headers["x-portal-event"] === "case.investigation_started" && (JSON.parse(entry.body) as { caseReference?: string }).caseReference === CASE);
  await test.step("the receiver gets the event, and its signature verifies", async () => {
    await expect
      .poll(() => ours()?.body ?? null, { timeout: 30_000 })
      .not.toBeNull();
    const delivery = ours()!;
    expect(delivery.verified).toBe(true);
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(delivery.headers["x-portal-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(delivery.body) as FeedAnswer["events"][number];
    expect(body).toMatchObject({ kind: "case.investigation_started", caseReference: CASE });
    expect(body.seq).toBeGreaterThan(cursor);
  });

  await test.step("the delivery log shows it delivered, with its attempt", async () => {
    await admin.goto("/admin/integrations/deliveries?status=delivered");
    const entry = admin.getByTestId("webhook-delivery").filter({ hasText: CASE }).filter({ hasText: "case.investigation_started" });
    await expect(async () => {
      await admin.reload();
      await expect(entry).toHaveAttribute("data-status", "delivered", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(entry.getByTestId("delivery-status")).toHaveText(en.deliveries.status.delivered);
    await expect(entry.getByTestId("delivery-attempt").first()).toContainText("HTTP 204");
  });

  await test.step("the delivery to the endpoint that is down is retrying; retrying it now records another attempt", async () => {
    await admin.goto("/admin/integrations/deliveries?status=retrying");
    const entry = admin.getByTestId("webhook-delivery").filter({ hasText: downUrl }).filter({ hasText: CASE });
    await expect(async () => {
      await admin.reload();
      await expect(entry).toHaveAttribute("data-status", "retrying", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(entry.getByTestId("delivery-attempt").first()).toContainText("HTTP 503");
    await expect(entry.getByTestId("delivery-attempt").first()).toContainText("down for maintenance");
    await expect(entry.getByRole("button")).toHaveText(en.deliveries.retry);
    await entry.getByRole("button").click();
    await expect(admin.getByTestId("retry-result")).toContainText("HTTP 503");
    // At least the two attempts (the queue's own first retry may have come in between).
    await expect.poll(() => entry.getByTestId("delivery-attempt").count()).toBeGreaterThanOrEqual(2);
  });

  await test.step("the JSON feed returns it after the cursor; another agency gets 404 for the case", async () => {
    const page = await feed(`?after=${cursor}`);
    const event = page.events.find((candidate) => candidate.kind === "case.investigation_started" && candidate.caseReference === CASE);
    expect(event).toBeTruthy();
    expect(page.events.every((candidate) => candidate.seq > cursor)).toBe(true);
    const byCase = await feed(`?after=${cursor}&case=${CASE}`);
    expect(byCase.events.map((candidate) => candidate.id)).toContain(event!.id);

    const guangzhou = await browser.newContext({ baseURL });
    await signInByRequest(guangzhou.request, baseURL, "officer@guangzhou.demo");
    expect((await guangzhou.request.get(`/api/feed?case=${CASE}`)).status()).toBe(404);
    await guangzhou.close();
    expect((await admin.request.get("/api/feed", { headers: { Authorization: "Bearer acp_not-a-real-token" } })).status()).toBe(401);
  });

  await test.step("the administrator disables the endpoint that is down; its waiting delivery is marked failed", async () => {
    await admin.goto("/admin/integrations");
    await admin.getByTestId("webhook-endpoint").filter({ hasText: downUrl }).getByRole("button", { name: en.endpoints.disable }).click();
    await expect(admin.getByRole("status").filter({ hasText: en.notice.disabled })).toBeVisible();
    await expect(admin.getByTestId("webhook-endpoint").filter({ hasText: downUrl })).toContainText(en.endpoints.disabled);
    await admin.goto("/admin/integrations/deliveries?status=failed");
    await expect(admin.getByTestId("webhook-delivery").filter({ hasText: downUrl }).filter({ hasText: CASE })).toHaveAttribute("data-status", "failed");
  });

  await test.step("the admin pages in both languages", async () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const page = locale === "en" ? admin : await pageAs(browser, baseURL, ADMIN, locale);
      const t = TEXTS[locale].integrations;
      await page.goto("/admin/integrations");
      await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: t.endpoints.title })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: t.tokens.title })).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `integrations-${locale}.png`), fullPage: true });
      await page.goto("/admin/integrations/deliveries");
      await expect(page.getByRole("heading", { level: 1, name: t.deliveries.title })).toBeVisible();
      await expect(page.getByTestId("webhook-delivery").first()).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `integrations-deliveries-${locale}.png`), fullPage: true });
    }
  });
});
