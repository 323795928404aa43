/**
 * Issue 6: the MOU registry (expiry flags; an MOU registered, its signed document stored, then ended and shown
 * as no longer in force) and the audit viewer (who saw a case; the CSV export). The spec registers an MOU of
 * its own and leaves the seeded ones and the organisations as they were, for the other specs: its MOU, with
 * Guangzhou, covers less than Guangzhou's seeded one and runs out sooner, so referral routing — which weighs
 * every MOU of an agency — always prefers the seeded one.
 */
import fs from "node:fs";
import { TEXTS, expect, signInByRequest, test, type Locale } from "./fixtures";

const locale: Locale = "zh-CN";
const t = TEXTS[locale];

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

test.describe("MOU registry", () => {
  test.use({ locale });

  test("flags the MOU expiring within 30 days and the expired one", async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL, "admin@platform.demo");
    await page.goto("/admin/mous");
    await expect(page.getByRole("heading", { level: 1, name: t.admin.mous.title })).toBeVisible();
    await expect(page.getByTestId("mou-MOU-PT-2016-01")).toContainText(t.admin.mous.status.in_force);
    await expect(page.getByTestId("mou-MOU-GZ-2023-02")).toContainText(/\d+ 天后到期/);
    await expect(page.getByTestId("mou-MOU-JH-2021-01")).toContainText(t.admin.mous.status.expired);
    await expect(page.getByTestId("mou-MOU-PT-2016-01")).toContainText("福建省莆田市");
    await page.getByTestId("mou-MOU-JH-2021-01").getByRole("link").click();
    await expect(page.getByRole("note")).toContainText(t.admin.mous.expiredEffect.split("{{date}}")[0]!);
  });

  test("registers an MOU, stores its signed document, then ends it", async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL, "admin@platform.demo");

    // A mistake first (an unknown division code), which keeps everything typed.
    await page.goto("/admin/mous/new");
    await page.getByLabel(t.admin.mous.form.reference, { exact: true }).fill("MOU-GZ-E2E-01");
    await page.getByLabel(t.admin.mous.form.police, { exact: true }).selectOption({ label: "广州市公安局" });
    await page.getByLabel(t.admin.mous.form.titleZh, { exact: true }).fill("平台与广州市公安局化妆品打假补充备忘录");
    await page.getByLabel(t.admin.mous.form.titleEn, { exact: true }).fill("Supplementary MOU with Guangzhou PSB on counterfeit cosmetics");
    await page.getByLabel(t.admin.mous.form.effectiveUntil, { exact: true }).fill(isoDay(10));
    await page.getByLabel(t.caseVocabulary.category.cosmetics, { exact: true }).check();
    await page.getByLabel(t.admin.mous.form.territoryCodes, { exact: true }).fill("440199");
    await page.getByLabel(t.admin.mous.form.contactName, { exact: true }).first().fill("林警官");
    await page.getByRole("button", { name: t.admin.mous.create }).click();
    await expect(page.getByText(t.admin.mous.problem.unknownDivision.replace("{{codes}}", "440199"))).toBeVisible();
    await expect(page.getByLabel(t.admin.mous.form.reference, { exact: true })).toHaveValue("MOU-GZ-E2E-01");
    await expect(page.getByLabel(t.caseVocabulary.category.cosmetics, { exact: true })).toBeChecked();
    await page.getByLabel(t.admin.mous.form.territoryCodes, { exact: true }).fill("440100");
    await page.getByRole("button", { name: t.admin.mous.create }).click();

    await expect(page.getByRole("status")).toHaveText(t.admin.mous.notice.created);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("MOU-GZ-E2E-01");
    // It runs out within 30 days, so it is flagged from the start.
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/\d+ 天后到期/);
    await expect(page.getByText("广东省广州市")).toBeVisible();
    await expect(page.getByRole("cell", { name: "林警官", exact: true })).toBeVisible();

    // The signed document, stored as evidence and downloadable.
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    await page.getByLabel(t.admin.mous.documents.choose, { exact: true }).setInputFiles({ name: "广州补充备忘录签署页.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByRole("button", { name: t.admin.mous.documents.upload }).click();
    await expect(page.getByRole("status")).toHaveText(t.admin.mous.notice.documentAttached);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "广州补充备忘录签署页.pdf" }).click();
    const saved = await (await download).path();
    expect(fs.readFileSync(saved!).equals(pdf)).toBe(true);

    // Ending needs a reason, takes effect at once, and keeps the MOU.
    await page.getByRole("button", { name: t.admin.mous.end.submit }).click();
    await expect(page.getByText(t.admin.mous.validation.endReason)).toBeVisible();
    await page.getByLabel(t.admin.mous.end.reason, { exact: true }).fill("合作调整，双方协商终止");
    await page.getByRole("button", { name: t.admin.mous.end.submit }).click();
    await expect(page.getByRole("status")).toHaveText(t.admin.mous.notice.ended);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(t.admin.mous.status.ended);
    await expect(page.getByRole("note")).toContainText("合作调整，双方协商终止");
    await expect(page.getByRole("link", { name: t.admin.mous.edit })).toHaveCount(0);

    await page.goto("/admin/mous?status=ended");
    await expect(page.getByTestId("mou-MOU-GZ-E2E-01")).toContainText(t.admin.mous.status.ended);
    await page.goto("/admin/mous?status=expiring");
    await expect(page.getByTestId("mou-MOU-GZ-E2E-01")).toHaveCount(0);
    await expect(page.getByTestId("mou-MOU-GZ-2023-02")).toBeVisible();
  });
});

test.describe("audit viewer", () => {
  test.use({ locale });

  test("shows who saw a case, and exports the log as CSV", async ({ page, browser, baseURL }) => {
    // An officer of Putian opens the case referred to Putian and downloads one of its evidence files.
    const officer = await browser.newContext({ locale });
    const officerPage = await officer.newPage();
    await signInByRequest(officerPage.request, baseURL, "officer@putian.demo");
    await officerPage.goto("/cases");
    await officerPage.getByRole("link", { name: "AC-2026-000001" }).first().click();
    await expect(officerPage).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    const href = await officerPage.locator('a[href^="/evidence/"]:not([href*="/custody"]):not([href*="inline"])').first().getAttribute("href");
    expect((await officerPage.request.get(href!)).status()).toBe(200);
    await officer.close();

    await signInByRequest(page.request, baseURL, "admin@platform.demo");
    await page.goto("/admin/audit");
    await expect(page.getByTestId("chain-status")).toContainText(t.admin.audit.chainIntact_other.split("{{")[0]!);
    await page.getByLabel(t.admin.audit.filterCase, { exact: true }).fill("AC-2026-000001");
    await page.getByRole("button", { name: t.admin.applyFilters }).click();
    await expect(page.getByRole("heading", { name: t.admin.audit.readersTitle.replace("{{value}}", "AC-2026-000001") })).toBeVisible();
    const readers = page.getByTestId("case-readers");
    await expect(readers.getByRole("row").filter({ hasText: "officer@putian.demo" })).toContainText("莆田市公安局");

    // The export carries the same filter, and is itself recorded.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: t.admin.audit.export }).click();
    const csv = fs.readFileSync((await (await download).path())!, "utf8");
    expect(csv.split("\n")[0]).toContain(t.admin.audit.csv.actorOrganisation);
    expect(csv).toContain("evidence.downloaded");
    expect(csv).toContain("officer@putian.demo");
    expect(csv).not.toContain("admin@platform.demo,"); // only records of this case
    await page.goto(`/admin/audit?action=audit.exported`);
    await expect(page.getByRole("row").filter({ hasText: "admin@platform.demo" }).first()).toContainText(t.audit.action["audit.exported"]);
  });
});
