/**
 * Evidence files and their custody, end to end (files are added only to AC-2026-000004, a draft, so other
 * specs reading the seeded leads see them as seeded): several files uploaded at once through the case page (a
 * progress bar each, the SHA-256 the server computed shown and equal to the test's own), a download that
 * checks the hash again, a file altered on the server's disk refused and flagged on the case, and another
 * agency's officer getting 404. Screenshots of the section and the custody page in both languages.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { factoryPhotoPng } from "../db/seed-evidence-files";
import { LOCALES, TEXTS, expect, originOf, signInByRequest, test, type Locale } from "./fixtures";

const SCREENSHOTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "screenshots");
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** Where the server under test keeps a blob (playwright.config.ts gives it E2E_EVIDENCE_DIR). */
function blobPath(hash: string): string {
  const root = process.env.E2E_EVIDENCE_DIR;
  if (!root) throw new Error("E2E_EVIDENCE_DIR is not set (playwright.config.ts)");
  return path.join(root, "blobs", hash.slice(0, 2), hash.slice(2, 4), hash);
}

/** Opens a seeded lead's page from the case list, by reference. */
async function openCase(page: Page, reference: string): Promise<string> {
  await page.goto("/cases");
  await page.getByRole("link", { name: reference, exact: true }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** A CSV nobody else uploads (so its blob is this test's alone). */
function uniqueCsv(label: string): Buffer {
  return Buffer.from(`\ufeff订单号,金额,备注\r\n${Date.now()},389.00,${label} ${randomBytes(8).toString("hex")}\r\n`, "utf8");
}

test.describe("evidence files", () => {
  test("an investigator uploads two files at once; both bars complete and both hashes are listed", async ({ page, baseURL }) => {
    const t = TEXTS["zh-CN"].evidence;
    await signInByRequest(page.request, baseURL, "investigator@platform.demo");
    await openCase(page, "AC-2026-000004"); // a draft
    const photo = factoryPhotoPng(Date.now() % 1000, 320, 200);
    const csv = uniqueCsv("e2e upload");
    const section = page.locator("#evidence");
    await section.getByLabel(t.uploader.chooseFiles, { exact: true }).setInputFiles([
      { name: "白云区加工厂外景.png", mimeType: "image/png", buffer: photo },
      { name: "试购订单-e2e.csv", mimeType: "text/csv", buffer: csv },
    ]);
    const queue = section.getByRole("list", { name: t.uploader.queue });
    const photoRow = queue.locator('li[data-file-name="白云区加工厂外景.png"]');
    const csvRow = queue.locator('li[data-file-name="试购订单-e2e.csv"]');
    // Each file is described on its own; the kind is guessed from the file and can be changed.
    await expect(photoRow.getByLabel(t.fields.kind)).toHaveValue("photo");
    await csvRow.getByLabel(t.fields.kind).selectOption("document");
    await csvRow.getByLabel(t.fields.description).fill("两笔试购订单");

    const answers: string[] = [];
    page.on("response", (response) => {
      if (response.url().endsWith("/evidence") && response.request().method() === "POST") answers.push(response.url());
    });
    await section.getByRole("button", { name: t.uploader.uploadCount.replace("{{count}}", "2") }).click();

    for (const [row, name, data] of [
      [photoRow, "白云区加工厂外景.png", photo],
      [csvRow, "试购订单-e2e.csv", csv],
    ] as const) {
      await expect(row.getByRole("status")).toHaveText(t.uploader.status.done, { timeout: 15_000 });
      await expect(row.getByRole("progressbar", { name: t.uploader.progressLabel.replace("{{name}}", name) })).toHaveAttribute("value", "100");
      await expect(row.locator("[data-sha256]")).toHaveAttribute("data-sha256", sha256(data));
      // And in the list, once the page has read the case again.
      const listed = section.locator("tbody tr", { hasText: name });
      await expect(listed.locator("[data-sha256]")).toHaveAttribute("data-sha256", sha256(data));
    }
    expect(answers).toHaveLength(2); // one request per file
    await expect(section.locator("tbody tr", { hasText: "试购订单-e2e.csv" })).toContainText("两笔试购订单");
    await expect(section.locator("tbody tr", { hasText: "试购订单-e2e.csv" })).toContainText(TEXTS["zh-CN"].caseVocabulary.evidenceKind.document);
  });

  test("a refused file says why, in the user's language", async ({ browser, baseURL }) => {
    const t = TEXTS.en.evidence;
    // An English browser, not the language switch: the switch would save the choice on the shared demo
    // account, and other specs expect that account to follow the browser.
    const context = await browser.newContext({ locale: "en" });
    const page = await context.newPage();
    await signInByRequest(page.request, baseURL, "investigator@platform.demo");
    await openCase(page, "AC-2026-000004");
    const section = page.locator("#evidence");
    // A PNG under a PDF's name: the bytes decide.
    await section.getByLabel(t.uploader.chooseFiles, { exact: true }).setInputFiles([
      { name: "authentication-report.pdf", mimeType: "application/pdf", buffer: factoryPhotoPng(7, 40, 40) },
    ]);
    await section.getByRole("button", { name: t.uploader.uploadCount.replace("{{count}}", "1") }).click();
    const row = section.locator('li[data-file-name="authentication-report.pdf"]');
    await expect(row.getByRole("status")).toHaveText(t.uploader.status.failed);
    await expect(row.getByRole("alert")).toContainText(t.rejection.extension_mismatch.replace("{{extension}}", "pdf").replace("{{detected}}", "PNG"));
    await context.close();
  });

  test("a download checks the hash again; a file altered on disk is refused, recorded and shown on the case", async ({ page, baseURL }) => {
    const t = TEXTS["zh-CN"].evidence;
    await signInByRequest(page.request, baseURL, "investigator@platform.demo");
    const caseId = await openCase(page, "AC-2026-000004");
    const intact = uniqueCsv("intact");
    const victim = uniqueCsv("to be altered");
    const upload = async (name: string, data: Buffer) => {
      const response = await page.request.post(`/cases/${caseId}/evidence`, {
        headers: { Accept: "application/json", Origin: originOf(baseURL) },
        multipart: { kind: "document", file: { name, mimeType: "text/csv", buffer: data } },
      });
      expect(response.status()).toBe(200);
      const answer = (await response.json()) as { ok: true; files: { id: string; sha256: string }[] };
      expect(answer.files[0]!.sha256).toBe(sha256(data));
      return answer.files[0]!.id;
    };
    const intactId = await upload("完好文件.csv", intact);
    const victimId = await upload("被篡改文件.csv", victim);

    // An intact file comes back byte for byte, under its own (Chinese) name.
    const download = await page.request.get(`/evidence/${intactId}?reason=${encodeURIComponent("e2e 核对")}`);
    expect(download.status()).toBe(200);
    expect(sha256(await download.body())).toBe(sha256(intact));
    expect(download.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("完好文件.csv")}`);
    expect(download.headers()["cache-control"]).toContain("no-store");

    // Alter the stored bytes behind the portal's back.
    const onDisk = blobPath(sha256(victim));
    fs.chmodSync(onDisk, 0o644);
    const altered = Buffer.from(victim);
    const last = altered.length - 3; // the last character of the note, before CRLF
    altered[last] = altered[last] === 0x30 ? 0x31 : 0x30;
    expect(sha256(altered)).not.toBe(sha256(victim));
    fs.writeFileSync(onDisk, altered);

    const refused = await page.request.get(`/evidence/${victimId}`, { maxRedirects: 0 });
    expect(refused.status()).toBe(303);
    expect(refused.headers()["location"]).toBe(`/evidence/${victimId}/custody?refused=integrity`);
    // In the browser, the download link lands on the file's page, which says why.
    await page.goto(`/evidence/${victimId}`);
    await expect(page.getByRole("alert").filter({ hasText: t.custody.refusedIntegrityTitle })).toBeVisible();
    const failure = page.locator("tr.custody-integrity_failure").first();
    await expect(failure).toContainText(TEXTS["zh-CN"].caseVocabulary.custodyAction.integrity_failure);
    await expect(failure.locator("[data-sha256]")).toHaveAttribute("data-sha256", sha256(altered));
    await page.screenshot({ path: path.join(SCREENSHOTS, "evidence-refused-zh-CN.png"), fullPage: true });

    // The case shows it.
    await page.goto(`/cases/${caseId}`);
    const section = page.locator("#evidence");
    await expect(section.getByRole("alert").filter({ hasText: t.section.integrityAlertTitle.replace("{{count}}", "1") })).toBeVisible();
    await expect(section.locator(`tr[data-evidence-id="${victimId}"]`)).toContainText(t.flags.integrityFailed);
    await expect(section.locator(`tr[data-evidence-id="${intactId}"]`)).not.toContainText(t.flags.integrityFailed);

    // The intact file's custody records the download with its reason.
    await page.goto(`/evidence/${intactId}/custody`);
    await expect(page.locator("tr", { hasText: "e2e 核对" })).toContainText(TEXTS["zh-CN"].caseVocabulary.custodyAction.download);
  });

  test("without JavaScript the same form posts every file in one request and the case reports the result", async ({ browser, baseURL }) => {
    const t = TEXTS["zh-CN"].evidence;
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInByRequest(page.request, baseURL, "investigator@platform.demo");
    await openCase(page, "AC-2026-000004");
    const section = page.locator("#evidence");
    await section.getByLabel(t.fields.kind).selectOption("screenshot");
    await section.getByLabel(t.fields.description).fill("无脚本上传");
    const good = uniqueCsv("no script");
    await section.getByLabel(t.uploader.chooseFiles, { exact: true }).setInputFiles([
      { name: "无脚本.csv", mimeType: "text/csv", buffer: good },
      { name: "伪装.pdf", mimeType: "application/pdf", buffer: factoryPhotoPng(11, 20, 20) },
    ]);
    await section.getByRole("button", { name: t.uploader.upload, exact: true }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\?evidence=/);
    await expect(section.getByRole("status")).toHaveText(t.section.storedNotice.replace("{{count}}", "1"));
    const refusal = section.getByRole("alert").filter({ hasText: "伪装.pdf" });
    await expect(refusal).toContainText(t.rejection.extension_mismatch.replace("{{extension}}", "pdf").replace("{{detected}}", "PNG"));
    const row = section.locator("tbody tr", { hasText: "无脚本.csv" });
    await expect(row.locator("[data-sha256]")).toHaveAttribute("data-sha256", sha256(good));
    await expect(row).toContainText("无脚本上传");
    await context.close();
  });

  test("a file is withdrawn with a reason and checked on request; it stays in the record", async ({ page, baseURL }) => {
    const t = TEXTS["zh-CN"].evidence;
    await signInByRequest(page.request, baseURL, "investigator@platform.demo");
    const caseId = await openCase(page, "AC-2026-000004");
    const data = uniqueCsv("withdraw");
    const response = await page.request.post(`/cases/${caseId}/evidence`, {
      headers: { Accept: "application/json", Origin: originOf(baseURL) },
      multipart: { kind: "document", file: { name: "误传文件.csv", mimeType: "text/csv", buffer: data } },
    });
    const id = ((await response.json()) as { files: { id: string }[] }).files[0]!.id;
    await page.goto(`/evidence/${id}/custody`);
    await page.getByRole("button", { name: t.verify.submit }).click();
    await expect(page.getByRole("status").filter({ hasText: t.custody.verifiedOk })).toBeVisible();
    // An empty reason is refused in place.
    await page.getByRole("button", { name: t.withdraw.submit }).click();
    await expect(page.getByText(t.validation.reasonRequired)).toBeVisible();
    await page.getByLabel(t.withdraw.reason).fill("误传，与本案无关");
    await page.getByRole("button", { name: t.withdraw.submit }).click();
    await expect(page.getByRole("status").filter({ hasText: t.withdraw.done })).toBeVisible();
    const actions = page.locator(".custody-table tbody tr");
    await expect(actions).toHaveCount(3);
    await expect(actions.nth(1)).toContainText(TEXTS["zh-CN"].caseVocabulary.custodyAction.verify);
    await expect(actions.nth(2)).toContainText("误传，与本案无关");
    await expect(page.getByRole("button", { name: t.withdraw.submit })).toHaveCount(0);
    await page.goto(`/cases/${caseId}`);
    await expect(page.locator(`tr[data-evidence-id="${id}"]`)).toContainText(t.flags.withdrawn);
    // Withdrawn is not deleted: the bytes are still there, and still verified on the way out.
    const download = await page.request.get(`/evidence/${id}`);
    expect(sha256(await download.body())).toBe(sha256(data));
  });

  test("another agency's officer gets 404 for a Putian evidence file", async ({ page, browser, baseURL }) => {
    await signInByRequest(page.request, baseURL, "investigator@platform.demo");
    await openCase(page, "AC-2026-000001"); // referred to Putian
    const evidenceId = await page.locator("#evidence tbody tr").first().getAttribute("data-evidence-id");
    expect(evidenceId).toMatch(/^[0-9a-f-]{36}$/);

    const putian = await browser.newContext();
    await signInByRequest(putian.request, baseURL, "officer@putian.demo");
    expect((await putian.request.get(`/evidence/${evidenceId}`)).status()).toBe(200);
    await putian.close();

    const guangzhou = await browser.newContext();
    await signInByRequest(guangzhou.request, baseURL, "officer@guangzhou.demo");
    for (const url of [`/evidence/${evidenceId}`, `/evidence/${evidenceId}/custody`]) {
      expect((await guangzhou.request.get(url, { maxRedirects: 0 })).status(), url).toBe(404);
    }
    const page404 = await guangzhou.newPage();
    await page404.goto(`/evidence/${evidenceId}/custody`);
    await expect(page404.getByRole("heading", { level: 1 })).toHaveText(TEXTS["zh-CN"].errors.notFoundTitle);
    await guangzhou.close();
  });

  for (const locale of LOCALES) {
    test(`screenshots in ${locale}`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await signInByRequest(page.request, baseURL, "investigator@platform.demo");
      // The browser's language (the context's locale) picks the page language. Not the switch: it would save
      // the choice on the seeded account, and other specs expect that account to follow the browser.
      await shoot(page, locale);
      await context.close();
    });
  }
});

async function shoot(page: Page, locale: Locale) {
  const t = TEXTS[locale].evidence;
  await openCase(page, "AC-2026-000004");
  const section = page.locator("#evidence");
  await section.getByLabel(t.uploader.chooseFiles, { exact: true }).setInputFiles([
    { name: locale === "en" ? "warehouse-night.png" : "东庄镇仓库夜景.png", mimeType: "image/png", buffer: factoryPhotoPng(900 + locale.length, 200, 120) },
    { name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) },
  ]);
  await section.screenshot({ path: path.join(SCREENSHOTS, `evidence-queue-${locale}.png`) });
  await section.getByRole("button", { name: t.uploader.uploadCount.replace("{{count}}", "1") }).click();
  await expect(section.locator("li.upload-done")).toHaveCount(1, { timeout: 15_000 });
  const name = locale === "en" ? "warehouse-night.png" : "东庄镇仓库夜景.png";
  await expect(section.locator("tbody tr", { hasText: name })).toBeVisible();
  await section.screenshot({ path: path.join(SCREENSHOTS, `evidence-section-${locale}.png`) });
  await section.getByRole("link", { name: t.actions.custodyNamed.replace("{{name}}", "白云区发货量统计.csv") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("白云区发货量统计.csv");
  await page.screenshot({ path: path.join(SCREENSHOTS, `evidence-custody-${locale}.png`), fullPage: true });
}
