/**
 * Issue 5: joint operations. The platform lead registers an operation in Chinese with two agencies (after a
 * period that ends before it starts is refused with everything typed kept), attaches a demo lead by its
 * reference — moving it from the footwear campaign — sees it listed, and takes it out again with a reason. An
 * administrator edits the operation in English, sees only counts of attached leads (no case access), and a
 * second, stale edit of theirs is refused naming who saved first. Management and police get 403.
 *
 * Leaves the demo world as other specs need it: the lead it borrows, AC-2026-000013, is not used by any other
 * spec, and the operations the seed registers keep their leads. Screenshots of the list and an operation's page
 * in both languages go to E2E_ARTIFACTS_DIR/screenshots.
 */
import path from "node:path";
import { TEXTS, expect, signInByRequest, test, type Locale } from "./fixtures";

const SCREENSHOTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "screenshots");
const zh = TEXTS["zh-CN"];
const en = TEXTS.en;
const CODE = "clean-net-2026-e2e";
const NAME_ZH = "“净网-2026”闽粤联合行动";
const NAME_EN = "Clean Net 2026";
const LEAD = "AC-2026-000013";

/** The calendar day `offset` days from today (UTC is close enough: the spec keeps weeks either side). */
function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

const fill = (template: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((text, [key, value]) => text.replaceAll(`{{${key}}}`, String(value)), template);

test.describe.configure({ mode: "serial" });

test.describe("a platform lead, in Chinese", () => {
  test.use({ locale: "zh-CN" });
  const t = zh.operations;

  test("registers an operation with two agencies after a period that ends before it starts is refused", async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL, "lead@platform.demo");
    await page.goto("/operations");
    await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
    await expect(page.getByTestId("operation-cloud-sword-2026")).toContainText(t.status.active);
    await expect(page.getByTestId("operation-putian-footwear-2025")).toContainText(t.status.ended);
    await page.getByRole("link", { name: t.new }).click();

    await page.getByLabel(t.form.code, { exact: true }).fill(CODE);
    await page.getByLabel(t.form.nameZh, { exact: true }).fill(NAME_ZH);
    await page.getByLabel(t.form.nameEn, { exact: true }).fill(NAME_EN);
    await page.getByLabel(t.form.description, { exact: true }).fill("平台与莆田、广州两地公安机关联合清理网上售假店铺。");
    await page.getByLabel(t.form.startsOn, { exact: true }).fill(isoDay(-10));
    await page.getByLabel(t.form.endsOn, { exact: true }).fill(isoDay(-20));
    await page.getByLabel("莆田市公安局", { exact: true }).check();
    await page.getByLabel("广州市公安局", { exact: true }).check();
    await page.getByRole("button", { name: t.form.create }).click();

    await expect(page.getByText(t.validation.endBeforeStart)).toBeVisible();
    await expect(page).toHaveURL(/\/operations\/new$/);
    await expect(page.getByLabel(t.form.code, { exact: true })).toHaveValue(CODE);
    await expect(page.getByLabel(t.form.nameZh, { exact: true })).toHaveValue(NAME_ZH);
    await expect(page.getByLabel("莆田市公安局", { exact: true })).toBeChecked();
    await expect(page.getByLabel("广州市公安局", { exact: true })).toBeChecked();

    await page.getByLabel(t.form.endsOn, { exact: true }).fill(isoDay(60));
    await page.getByRole("button", { name: t.form.create }).click();
    await expect(page.getByRole("status")).toHaveText(t.notice.created);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(NAME_ZH);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(t.status.active);
    const agencies = page.getByRole("list", { name: t.columns.agencies });
    await expect(agencies.getByRole("listitem")).toHaveText(["广州市公安局", "莆田市公安局"]);
    await expect(page.getByRole("link", { name: t.figures })).toHaveAttribute("href", /^\/dashboard\?operation=[0-9a-f-]{36}$/);
  });

  test("attaches a demo lead by its reference, moving it from the footwear campaign, and takes it out with a reason", async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL, "lead@platform.demo");
    await page.goto("/operations");
    await page.getByTestId(`operation-${CODE}`).getByRole("link", { name: NAME_ZH }).click();
    await expect(page.getByText(t.leads.none)).toBeVisible();

    // An unknown reference is refused on the field, and what was typed stays.
    await page.getByLabel(t.attach.reference, { exact: true }).fill("AC-2026-999999");
    await page.getByRole("button", { name: t.attach.submit, exact: true }).click();
    await expect(page.getByText(t.problem.caseNotFound)).toBeVisible();
    await expect(page.getByLabel(t.attach.reference, { exact: true })).toHaveValue("AC-2026-999999");

    await page.getByLabel(t.attach.reference, { exact: true }).fill(LEAD.toLowerCase());
    await page.getByRole("button", { name: t.attach.submit, exact: true }).click();
    await expect(page.getByRole("status")).toContainText(fill(t.notice.attached, { reference: LEAD }));
    await expect(page.getByRole("status")).toContainText(fill(t.notice.movedFrom, { name: "莆田制售假鞋专项整治" }));
    const row = page.getByTestId(`lead-${LEAD}`);
    await expect(row).toContainText(zh.caseVocabulary.status.accepted);
    await expect(row).toContainText("莆田市公安局");
    await expect(row.getByRole("link", { name: LEAD })).toHaveAttribute("href", /^\/cases\/[0-9a-f-]{36}$/);

    // The list counts it, and the campaign it came from no longer has it.
    await page.goto("/operations");
    await expect(page.getByTestId(`operation-${CODE}`).getByRole("cell").nth(4)).toContainText("1");
    await page.screenshot({ path: path.join(SCREENSHOTS, "operations-list-zh-CN.png"), fullPage: true });
    await page.getByTestId("operation-spring-shoes-2026").getByRole("link").first().click();
    await expect(page.getByTestId(`lead-${LEAD}`)).toHaveCount(0);
    await expect(page.getByRole("listitem").filter({ hasText: LEAD })).toContainText(fill(t.history.movedAway, { actor: "陈志远", reference: LEAD, to: NAME_ZH }));

    await page.goto("/operations");
    await page.getByTestId(`operation-${CODE}`).getByRole("link", { name: NAME_ZH }).click();
    await expect(page.getByTestId(`lead-${LEAD}`)).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "operation-detail-zh-CN.png"), fullPage: true });

    // Taking it out needs a reason.
    const leadRow = page.getByTestId(`lead-${LEAD}`);
    await leadRow.getByText(t.detach.open).click();
    await leadRow.getByRole("button", { name: t.detach.submit }).click();
    await expect(leadRow.getByText(t.validation.reasonRequired)).toBeVisible();
    await leadRow.getByLabel(fill(t.detach.reason, { reference: LEAD }), { exact: true }).fill("经核实不属于本次行动范围");
    await leadRow.getByRole("button", { name: t.detach.submit }).click();
    await expect(page.getByRole("status")).toHaveText(fill(t.notice.detached, { reference: LEAD }));
    await expect(page.getByTestId(`lead-${LEAD}`)).toHaveCount(0);
    await expect(page.getByText(t.leads.none)).toBeVisible();
    await expect(page.getByText(fill(t.history.detached, { actor: "陈志远", reference: LEAD, reason: "经核实不属于本次行动范围" }))).toBeVisible();
  });
});

test.describe("an administrator, in English", () => {
  test.use({ locale: "en" });
  const t = en.operations;

  test("sees only counts of attached leads, and edits the operation", async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL, "admin@platform.demo");
    await page.goto("/operations");
    await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "operations-list-en.png"), fullPage: true });

    // Cloud Sword 2026 has leads attached: the administrator sees how many, by status, and none of the leads.
    await page.getByTestId("operation-cloud-sword-2026").getByRole("link", { name: "Cloud Sword 2026" }).click();
    await expect(page.getByRole("note")).toHaveText(t.leads.countsOnly);
    await expect(page.getByTestId("status-counts")).toContainText(en.caseVocabulary.status.raided);
    await expect(page.getByText(/AC-2026-\d{6}/)).toHaveCount(0);
    await expect(page.getByLabel(t.attach.reference)).toHaveCount(0);
    await expect(page.getByRole("link", { name: t.figures })).toHaveCount(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "operation-detail-en.png"), fullPage: true });

    await page.goto("/operations");
    await page.getByTestId(`operation-${CODE}`).getByRole("link", { name: NAME_EN }).click();
    await page.getByRole("link", { name: t.edit }).click();
    await expect(page.getByLabel(t.form.nameZh, { exact: true })).toHaveValue(NAME_ZH);
    await page.getByLabel(t.form.nameEn, { exact: true }).fill("Clean Net 2026 (Putian, Guangzhou, Jinhua)");
    await page.getByLabel("Jinhua Municipal Public Security Bureau", { exact: true }).check();
    await page.getByRole("button", { name: t.form.save }).click();
    await expect(page.getByRole("status")).toHaveText(t.notice.saved);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Clean Net 2026 (Putian, Guangzhou, Jinhua)");
    await expect(page.getByRole("list", { name: t.columns.agencies }).getByRole("listitem")).toHaveCount(3);
    await expect(page.getByText(fill(t.history.updated, { actor: "赵敏", fields: [t.form.nameEn, t.form.agencies].join(t.listSeparator) }))).toBeVisible();
  });

  test("is refused a save over a newer version, told who saved first, with the input kept", async ({ page, browser, baseURL }) => {
    await signInByRequest(page.request, baseURL, "admin@platform.demo");
    await page.goto("/operations");
    await page.getByTestId(`operation-${CODE}`).getByRole("link").first().click();
    await page.getByRole("link", { name: t.edit }).click();
    await expect(page.getByLabel(t.form.code, { exact: true })).toHaveValue(CODE);
    const editUrl = page.url();

    // Meanwhile the platform lead changes the last day.
    const other = await browser.newContext({ locale: "zh-CN" });
    const otherPage = await other.newPage();
    await signInByRequest(otherPage.request, baseURL, "lead@platform.demo");
    await otherPage.goto(editUrl);
    await otherPage.getByLabel(zh.operations.form.endsOn, { exact: true }).fill(isoDay(90));
    await otherPage.getByRole("button", { name: zh.operations.form.save }).click();
    await expect(otherPage.getByRole("status")).toHaveText(zh.operations.notice.saved);
    await other.close();

    await page.getByLabel(t.form.description, { exact: true }).fill("Platform and police in Putian, Guangzhou and Jinhua clear out online sellers of fakes.");
    await page.getByRole("button", { name: t.form.save }).click();
    const notice = page.getByRole("alert").filter({ hasText: t.conflict.title });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("陈志远");
    await expect(notice).toContainText(t.form.endsOn);
    await expect(notice).toContainText(isoDay(90));
    await expect(page.getByLabel(t.form.description, { exact: true })).toHaveValue(/clear out online sellers/);

    // Having read it, the administrator saves over it.
    await notice.getByRole("button", { name: t.conflict.overwrite }).click();
    await expect(page.getByRole("status")).toHaveText(t.notice.saved);
    await expect(page.getByText(/clear out online sellers/)).toBeVisible();
  });
});

test.describe("management and police", () => {
  for (const [email, locale] of [
    ["management@platform.demo", "zh-CN"],
    ["management@putian.demo", "zh-CN"],
    ["supervisor@putian.demo", "en"],
  ] as const) {
    test(`${email} gets 403 on /operations and no link to it`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await signInByRequest(page.request, baseURL, email);
      const response = await page.goto("/operations");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXTS[locale as Locale].errors.forbiddenTitle);
      await page.goto("/");
      await expect(page.getByRole("navigation").getByRole("link", { name: TEXTS[locale as Locale].operations.nav })).toHaveCount(0);
      expect((await page.request.get("/operations/new")).status()).toBe(403);
      await context.close();
    });
  }
});
