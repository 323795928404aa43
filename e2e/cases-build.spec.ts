/**
 * Building a lead (issue 3): an investigator fills the long form — two sites picked province → city →
 * district, three linked accounts, an enterprise whose credit code is wrong at first — saves it, and finds
 * it on /cases and on its own page; the same without JavaScript; two people editing one draft at once, the
 * later save refused with what the other changed and nothing typed lost. Screenshots of the form, the
 * detail page and the list in both languages go to e2e/.artifacts/screenshots/.
 *
 * Run alone: BUILD_DIR=.builds/w1a E2E_PORT=3201 node scripts/e2e.js e2e/cases-build.spec.ts
 */
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { LOCALES, TEXTS, expect, originOf, signInByRequest, test, type Locale } from "./fixtures";

const SCREENSHOTS = path.resolve("e2e/.artifacts/screenshots");
const zh = TEXTS["zh-CN"];
const BAD_CREDIT_CODE = "91350305MA33R2KX5A"; // the check character should be T
// The Xiuyu shoe company of the seeded lead AC-2026-000001: naming it again links the two cases.
const GOOD_CREDIT_CODE = "91350305MA33R2KX5T";

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ""));
}

async function chooseDivision(group: ReturnType<Page["getByRole"]>, locale: Locale, names: [string, string, string]) {
  const picker = TEXTS[locale].cases.form.divisionPicker;
  await group.getByLabel(picker.province, { exact: true }).selectOption({ label: names[0] });
  const city = group.getByLabel(picker.city, { exact: true });
  await expect(city.locator("option", { hasText: names[1] })).toHaveCount(1);
  await city.selectOption({ label: names[1] });
  const district = group.getByLabel(picker.district, { exact: true });
  await expect(district.locator("option", { hasText: names[2] })).toHaveCount(1);
  await district.selectOption({ label: names[2] });
}

/** Opens a draft by posting the form as a browser without JavaScript would; answers its id. */
async function openDraft(request: APIRequestContext, baseURL: string | undefined, title: string): Promise<string> {
  const response = await request.post("/cases/new", {
    form: { title, category: "footwear_apparel", summary: "并发编辑测试" },
    headers: { Origin: originOf(baseURL) },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const location = response.headers()["location"] ?? "";
  expect(location).toMatch(/^\/cases\/[0-9a-f-]{36}\?created=1$/);
  return location.slice("/cases/".length, "/cases/".length + 36);
}

test.describe("building a lead", () => {
  test.use({ locale: "zh-CN" });

  test("two sites, three accounts, a credit code corrected after its error, saved and found again", async ({ page, baseURL }) => {
    const t = zh.cases.form;
    const title = `莆田秀屿区假冒耐克运动鞋制售线索 ${Date.now()}`;
    await signInByRequest(page.request, baseURL, "investigator@platform.demo");
    await page.goto("/cases/new");
    await expect(page.getByRole("heading", { level: 1, name: t.newTitle })).toBeVisible();

    await page.getByLabel(t.fields.title, { exact: false }).first().fill(title);
    await page.getByLabel(t.fields.category).selectOption({ label: zh.caseVocabulary.category.footwear_apparel });
    await page.getByLabel(t.fields.summary).fill("三家淘宝店铺共用手机号，发货地指向秀屿区笏石镇，另在荔城区设仓。");
    await page.getByLabel(zh.caseVocabulary.article.art214).check();

    // Two sites, each placed province → city → district (the lists come from the server as one chooses).
    await page.getByRole("button", { name: t.add.sites }).click();
    const site1 = page.getByRole("group", { name: fill(t.item.sites, { number: 1 }) });
    await site1.getByLabel(t.fields.address).fill("福建省莆田市秀屿区笏石镇工业路 18 号");
    await chooseDivision(site1, "zh-CN", ["福建省", "莆田市", "秀屿区"]);
    await site1.getByLabel(t.fields.latitude).fill("25.3215");
    await site1.getByLabel(t.fields.longitude).fill("119.0921");
    await site1.getByLabel(t.fields.coordinateSystem).selectOption({ label: zh.caseVocabulary.coordinateSystem.gcj02 });
    await page.getByRole("button", { name: t.add.sites }).click();
    const site2 = page.getByRole("group", { name: fill(t.item.sites, { number: 2 }) });
    await site2.getByLabel(t.fields.type).selectOption({ label: zh.caseVocabulary.siteType.warehouse });
    await site2.getByLabel(t.fields.address).fill("福建省莆田市荔城区黄石镇仓储园 2 号库");
    await chooseDivision(site2, "zh-CN", ["福建省", "莆田市", "荔城区"]);

    // Three linked accounts, the first with a link reason.
    const stores = [`E2E-${Date.now()}-1`, `E2E-${Date.now()}-2`, `E2E-${Date.now()}-3`];
    for (const [index, store] of stores.entries()) {
      await page.getByRole("button", { name: t.add.accounts }).click();
      const account = page.getByRole("group", { name: fill(t.item.accounts, { number: index + 1 }) });
      await account.getByLabel(t.fields.storeId).fill(store);
      await account.getByLabel(t.fields.storeName).fill(`潮鞋工厂店 ${index + 1}`);
    }
    const firstAccount = page.getByRole("group", { name: fill(t.item.accounts, { number: 1 }) });
    await firstAccount.getByRole("button", { name: t.add.linkReasons }).click();
    await firstAccount.getByLabel(t.fields.confidence).fill("90");

    // An enterprise whose credit code has a wrong check character.
    await page.getByRole("button", { name: t.add.enterprises }).click();
    const enterprise = page.getByRole("group", { name: fill(t.item.enterprises, { number: 1 }) });
    await enterprise.getByLabel(t.fields.enterpriseName).fill("莆田市秀屿区鸿运鞋业有限公司");
    await enterprise.getByLabel(t.fields.creditCode).fill(BAD_CREDIT_CODE);

    await page.getByLabel(t.fields.salesAmount).fill("126000");
    await page.getByLabel(t.fields.unsoldGoodsValue).fill("274000");
    const art214 = page.locator(".threshold-article").filter({ hasText: zh.caseVocabulary.article.art214 });
    await expect(art214.locator(".status")).toHaveText(zh.cases.thresholds.met);

    await page.getByRole("button", { name: t.saveDraft }).click();
    const message = zh.cases.validation.creditCode.check_character;
    await expect(enterprise.getByRole("alert")).toHaveText(message);
    await expect(page.locator(".form-error-summary")).toContainText(message);
    await expect(page).toHaveURL(/\/cases\/new$/);
    // Nothing else is lost.
    await expect(page.getByLabel(t.fields.title, { exact: false }).first()).toHaveValue(title);
    await expect(site2.getByLabel(zh.cases.form.divisionPicker.district, { exact: true })).toHaveValue("350304");
    await expect(page.getByRole("group", { name: fill(t.item.accounts, { number: 3 }) }).getByLabel(t.fields.storeId)).toHaveValue(stores[2]!);
    await page.screenshot({ path: path.join(SCREENSHOTS, "cases-form-error-zh-CN.png"), fullPage: true });

    await enterprise.getByLabel(t.fields.creditCode).fill(GOOD_CREDIT_CODE);
    await page.getByRole("button", { name: t.saveDraft }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\?created=1$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /AC-\d{4}-\d{6}/ })).toBeVisible();

    const sites = page.locator("#lead-sites");
    await expect(sites).toContainText("福建省莆田市秀屿区");
    await expect(sites).toContainText("福建省莆田市荔城区");
    for (const store of stores) await expect(page.locator("#lead-accounts")).toContainText(store);
    await expect(page.locator("#lead-parties")).toContainText(GOOD_CREDIT_CODE);
    // The same company is named by the seeded Xiuyu lead: the investigator is told.
    await expect(page.locator(".cross-case")).toContainText("AC-2026-000001");
    await expect(page.locator("#lead-amounts .threshold-article").filter({ hasText: zh.caseVocabulary.article.art214 }).locator(".status")).toHaveText(
      zh.cases.thresholds.met,
    );
    const caseUrl = new URL(page.url()).pathname;

    await page.goto("/cases");
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(zh.caseVocabulary.status.draft);
    await expect(row).toContainText("福建省莆田市秀屿区");
    await row.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(caseUrl);
  });
});

test.describe("without JavaScript", () => {
  test.use({ locale: "zh-CN", javaScriptEnabled: false });

  test("rows are added and divisions chosen by posting the form; nothing typed is lost", async ({ page, baseURL }) => {
    const t = zh.cases.form;
    const title = `无脚本线索 ${Date.now()}`;
    await signInByRequest(page.request, baseURL, "investigator@platform.demo");
    await page.goto("/cases/new");
    await page.getByLabel(t.fields.title, { exact: false }).first().fill(title);
    await page.getByLabel(t.fields.category).selectOption({ label: zh.caseVocabulary.category.mother_baby });
    await page.getByRole("button", { name: t.add.sites }).click();
    const site = page.getByRole("group", { name: fill(t.item.sites, { number: 1 }) });
    await expect(page.getByLabel(t.fields.title, { exact: false }).first()).toHaveValue(title);
    await site.getByLabel(t.fields.address).fill("福建省莆田市仙游县榜头镇坝下村 32 号");
    await site.getByLabel(t.divisionPicker.province, { exact: true }).selectOption({ label: "福建省" });
    await site.getByRole("button", { name: t.divisionPicker.refresh }).click();
    await site.getByLabel(t.divisionPicker.city, { exact: true }).selectOption({ label: "莆田市" });
    await site.getByRole("button", { name: t.divisionPicker.refresh }).click();
    await site.getByLabel(t.divisionPicker.district, { exact: true }).selectOption({ label: "仙游县" });
    await expect(site.getByLabel(t.fields.address)).toHaveValue("福建省莆田市仙游县榜头镇坝下村 32 号");
    await page.getByRole("button", { name: t.saveDraft }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\?created=1$/);
    await expect(page.locator("#lead-sites")).toContainText("福建省莆田市仙游县");
  });
});

test.describe("two people editing one draft", () => {
  test.use({ locale: "zh-CN" });

  test("the later save is refused with what the other changed, and keeps its input", async ({ browser, baseURL }) => {
    const t = zh.cases.form;
    const investigatorContext = await browser.newContext({ locale: "zh-CN" });
    const leadContext = await browser.newContext({ locale: "zh-CN" });
    try {
      const investigator = await investigatorContext.newPage();
      const lead = await leadContext.newPage();
      await signInByRequest(investigator.request, baseURL, "investigator@platform.demo");
      await signInByRequest(lead.request, baseURL, "lead@platform.demo");
      const caseId = await openDraft(investigator.request, baseURL, `并发编辑 ${Date.now()}`);

      await investigator.goto(`/cases/${caseId}/edit`);
      await lead.goto(`/cases/${caseId}/edit`);
      await expect(investigator.getByRole("button", { name: t.saveDraft })).toBeVisible();
      await expect(lead.getByRole("button", { name: t.saveDraft })).toBeVisible();

      // The platform lead saves first.
      await lead.getByLabel(t.fields.title, { exact: false }).first().fill("并发编辑：审核人修改的名称");
      await lead.getByRole("button", { name: t.saveDraft }).click();
      await expect(lead).toHaveURL(new RegExp(`/cases/${caseId}\\?saved=1$`));

      // The investigator, still on version 1, saves a new summary.
      const summary = "调查员补充：发货地与秀屿区窝点一致，日均发货约 300 单。";
      await investigator.getByLabel(t.fields.summary).fill(summary);
      await investigator.getByLabel(t.fields.salesAmount).fill("88000");
      const answered = investigator.waitForResponse((response) => response.request().method() === "POST");
      await investigator.getByRole("button", { name: t.saveDraft }).click();
      expect((await answered).status()).toBe(409);
      const notice = investigator.locator(".conflict-notice");
      await expect(notice.getByRole("heading", { name: t.conflict.title })).toBeVisible();
      await expect(notice).toContainText("陈志远");
      await expect(notice).toContainText(t.fields.title);
      await expect(investigator).toHaveURL(new RegExp(`/cases/${caseId}/edit$`));
      await expect(investigator.getByLabel(t.fields.summary)).toHaveValue(summary);
      await expect(investigator.getByLabel(t.fields.salesAmount)).toHaveValue("88000");
      await investigator.screenshot({ path: path.join(SCREENSHOTS, "cases-conflict-zh-CN.png"), fullPage: true });

      // Saving again without choosing is refused again: never a silent overwrite.
      const again = investigator.waitForResponse((response) => response.request().method() === "POST");
      await investigator.getByRole("button", { name: t.saveDraft }).click();
      expect((await again).status()).toBe(409);

      // Choosing to overwrite, explicitly, saves this version.
      await investigator.getByRole("button", { name: t.conflict.overwrite }).click();
      await expect(investigator).toHaveURL(new RegExp(`/cases/${caseId}\\?saved=1$`));
      await expect(investigator.locator("#lead-summary")).toContainText(summary);
    } finally {
      await investigatorContext.close();
      await leadContext.close();
    }
  });
});

for (const locale of LOCALES) {
  test.describe(`screenshots in ${locale}`, () => {
    test.use({ locale });

    test("the list, the form and a seeded lead's page", async ({ page, baseURL }) => {
      const t = TEXTS[locale];
      await signInByRequest(page.request, baseURL, "investigator@platform.demo");
      await page.goto("/cases");
      await expect(page.getByRole("heading", { level: 1, name: t.cases.list.title })).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `cases-list-${locale}.png`), fullPage: true });

      await page.getByRole("link", { name: "莆田秀屿区假冒耐克运动鞋生产窝点" }).first().click();
      await expect(page.getByRole("heading", { level: 1, name: "莆田秀屿区假冒耐克运动鞋生产窝点" })).toBeVisible();
      await expect(page.locator("#lead-persons, #lead-parties")).toContainText("陈建华");
      await page.screenshot({ path: path.join(SCREENSHOTS, `cases-detail-${locale}.png`), fullPage: true });

      await page.goto("/cases/new");
      await page.getByRole("button", { name: t.cases.form.add.sites }).click();
      await page.getByRole("button", { name: t.cases.form.add.accounts }).click();
      await page.getByRole("button", { name: t.cases.form.add.persons }).click();
      await page.getByRole("button", { name: t.cases.form.saveDraft }).click();
      await expect(page.locator(".form-error-summary")).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `cases-form-${locale}.png`), fullPage: true });
    });
  });
}
