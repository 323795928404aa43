/**
 * The referral packet of the seeded lead AC-2026-000001 (referred to Putian, with evidence files): downloaded
 * from the case page, its text extracted with pdftotext holds the lead's Chinese names, its amounts and the
 * SHA-256 of every evidence file (computed here from the files' own bytes); uploaded on /verify it matches;
 * another agency's officer gets 404. The packet's pages (pdftoppm) and /verify in both languages are saved
 * for people to look at in E2E_ARTIFACTS_DIR/screenshots.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { LOCALES, TEXTS, expect, signInByRequest, test, type Locale } from "./fixtures";
import type { Page } from "@playwright/test";

const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts");
const SCREENSHOTS = path.join(ARTIFACTS, "screenshots");
const REFERENCE = "AC-2026-000001";

/** What the demo seed (db/seed-cases.ts, db/seed-workflow.ts) puts in AC-2026-000001, written out on purpose. */
const SEEDED = {
  title: "莆田秀屿区假冒耐克运动鞋生产窝点",
  agency: "莆田市公安局",
  boss: "陈建华",
  store: "潮流运动鞋工厂直销店",
  salesAmount: "¥126,000.00",
  unsoldGoodsValue: "¥274,000.00",
};

function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8", maxBuffer: 32 * 1024 * 1024 });
}

/** The case's id, from its row in the case list. */
async function caseIdOf(page: Page, reference: string): Promise<string> {
  await page.goto("/cases");
  const link = page.getByRole("row").filter({ hasText: reference }).locator('a[href^="/cases/"]').first();
  const href = await link.getAttribute("href");
  const id = /^\/cases\/([0-9a-f-]{36})/.exec(href ?? "")?.[1];
  if (!id) throw new Error(`no link to ${reference} in the case list (found ${href})`);
  return id;
}

/** The verdict line of the result panel. */
function verdict(page: Page, locale: Locale) {
  return page.getByRole("region", { name: TEXTS[locale].packet.verify.resultTitle }).getByRole("status");
}

test.describe.serial("referral packet", () => {
  let caseId: string;
  let packetFile: string;

  test("downloads from the case page with the lead's Chinese names and every evidence file's SHA-256", async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL, "investigator@platform.demo");
    caseId = await caseIdOf(page, REFERENCE);
    await page.goto(`/cases/${caseId}`);

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: TEXTS["zh-CN"].cases.detail.packet }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${REFERENCE}-referral-packet.pdf`);
    packetFile = path.join(ARTIFACTS, `${REFERENCE}-referral-packet.pdf`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await download.saveAs(packetFile);

    const text = pdfText(packetFile);
    // Names in table cells may wrap onto two lines: compared without the line breaks and spaces.
    const flat = text.replace(/\s+/g, "");
    for (const expected of ["移送书", "调查报告", "物品清单", "证据清单", REFERENCE, ...Object.values(SEEDED)]) {
      expect(flat, expected).toContain(expected.replace(/\s+/g, ""));
    }

    // Every evidence file listed on the case page: its bytes' SHA-256, computed here, is in the packet.
    const hrefs = await page
      .locator('a[href^="/evidence/"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    const downloads = [...new Set(hrefs.filter((href) => /^\/evidence\/[0-9a-f-]{36}$/.test(href)))];
    expect(downloads.length, "evidence files on the case page").toBeGreaterThan(0);
    for (const href of downloads) {
      const response = await page.request.get(`${href}?reason=${encodeURIComponent("核对移送材料的证据清单")}`);
      expect(response.status(), href).toBe(200);
      const sha256 = createHash("sha256").update(await response.body()).digest("hex");
      expect(text, `SHA-256 of ${href}`).toContain(sha256);
    }

    // The manifest hash is printed (and in the QR code's value beside it).
    const manifestHash = /ACPACKET:1:AC-2026-000001:([0-9a-f]{64})/.exec(text.replace(/\s+/g, ""))?.[1];
    expect(manifestHash).toBeTruthy();
    expect(text).toContain(manifestHash!);

    // Every page, as an image, for people to look at.
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "60", packetFile, path.join(SCREENSHOTS, "packet-page")]);
  });

  test("is not found for another agency's officer", async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL, "officer@guangzhou.demo");
    const response = await page.request.get(`/cases/${caseId}/packet.pdf`);
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).not.toContain("application/pdf");
  });

  test("matches on /verify when the receiving officer uploads it", async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL, "officer@putian.demo");
    await page.goto("/verify");
    const t = TEXTS["zh-CN"].packet;
    await page.getByLabel(t.verify.fileLabel, { exact: true }).setInputFiles(packetFile);
    await page.getByRole("button", { name: t.verify.uploadSubmit, exact: true }).click();
    await expect(verdict(page, "zh-CN")).toHaveText(t.verify.match.replace("{{reference}}", REFERENCE));
    // Byte for byte the file the investigator exported.
    const issued = t.verify.issued.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace("{{name}}", "林晓雯").replace("{{time}}", ".+");
    await expect(page.getByText(new RegExp(`^${issued}$`))).toBeVisible();
    await expect(page.getByRole("link", { name: REFERENCE })).toHaveAttribute("href", `/cases/${caseId}`);
  });

  test("on /verify, a bad code keeps what was typed and says why; a changed hash does not match", async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL, "officer@putian.demo");
    await page.goto("/verify");
    const t = TEXTS["zh-CN"].packet;
    const code = page.getByLabel(t.verify.codeLabel, { exact: true });
    await code.fill("not a hash");
    await page.getByRole("button", { name: t.verify.codeSubmit, exact: true }).click();
    await expect(page.getByText(t.errors.codeInvalid)).toBeVisible();
    await expect(code).toHaveValue("not a hash");

    await code.fill(`ACPACKET:1:${REFERENCE}:${"0".repeat(64)}`);
    await page.getByRole("button", { name: t.verify.codeSubmit, exact: true }).click();
    await expect(verdict(page, "zh-CN")).toHaveText(t.verify.mismatch.replace("{{reference}}", REFERENCE));
    await expect(page.getByText(t.verify.codeOnly)).toBeVisible();
    await expect(code).toHaveValue(`ACPACKET:1:${REFERENCE}:${"0".repeat(64)}`);
  });

  for (const locale of LOCALES) {
    test.describe(`/verify in ${locale}`, () => {
      test.use({ locale });

      test(`shows the result of an upload (${locale})`, async ({ page, baseURL }) => {
        await signInByRequest(page.request, baseURL, "supervisor@putian.demo");
        await page.goto("/verify");
        const t = TEXTS[locale as Locale].packet;
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.verify.title);
        await expect(page.getByRole("navigation").getByRole("link", { name: t.nav })).toBeVisible();
        await page.screenshot({ path: path.join(SCREENSHOTS, `verify-${locale}.png`), fullPage: true });
        await page.getByLabel(t.verify.fileLabel, { exact: true }).setInputFiles(packetFile);
        await page.getByRole("button", { name: t.verify.uploadSubmit, exact: true }).click();
        await expect(verdict(page, locale)).toHaveText(t.verify.match.replace("{{reference}}", REFERENCE));
        await page.screenshot({ path: path.join(SCREENSHOTS, `verify-match-${locale}.png`), fullPage: true });
      });
    });
  }
});
