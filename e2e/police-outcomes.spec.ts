/**
 * The police records of a case and the platform's follow-up, as the people do it, on AC-2026-000018 (seeded
 * under investigation, officer@putian.demo assigned, with an agency-only note):
 * - the officer (Chinese) records a raid at one of the lead's sites with two seizures, the first with its
 *   seizure list uploaded in the raid form; the case moves to raided; the seizure list opens its evidence page
 *   with its custody;
 * - the investigator (English) sees the raid on the timeline (investigating → raided) and in the outcome
 *   section with the totals, and never the agency-only note;
 * - the officer and the supervisor edit the outcome record at once: the later save is refused with who
 *   changed what, the supervisor's input still in the form; saving over it then works;
 * - the investigator records a store closure from the lead's linked accounts.
 *
 * It changes AC-2026-000018 (raided, with a raid, an outcome record and a store closure) for the rest of the run.
 */
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { TEXTS, account, expect, signInByRequest, test, type Locale } from "./fixtures";

const SCREENSHOTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "screenshots");
const REFERENCE = "AC-2026-000018";
const OFFICER = "officer@putian.demo";
const SUPERVISOR = "supervisor@putian.demo";
const INVESTIGATOR = "investigator@platform.demo";
/** The seeded agency-only note of AC-2026-000018 (db/seed-police.ts): never shown to the platform. */
const AGENCY_NOTE_FRAGMENT = "周末集中发货";

test.describe.configure({ mode: "serial" });

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replaceAll(`{{${key}}}`, String(value)), text);

async function pageAs(browser: Browser, baseURL: string | undefined, email: string, locale: Locale): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, timezoneId: "Asia/Shanghai", viewport: { width: 1280, height: 900 } });
  await signInByRequest(context.request, baseURL, email);
  return context.newPage();
}

let caseId = "";
async function openCase(page: Page): Promise<void> {
  if (!caseId) {
    await page.goto("/cases");
    const href = await page.getByRole("row").filter({ hasText: REFERENCE }).locator('a[href^="/cases/"]').first().getAttribute("href");
    caseId = href?.split("/")[2] ?? "";
    if (!caseId) throw new Error(`no link to ${REFERENCE} in the case list`);
  }
  await page.goto(`/cases/${caseId}`);
  await expect(page.locator("#outcome")).toBeVisible();
}

/** Conform's forms validate in the browser once hydrated; wait for it so a click is not a plain post. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
  await page.waitForLoadState("networkidle");
}

test("a raid with seizures, seen by the platform; a concurrent edit refused; the platform's follow-up", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const zh = TEXTS["zh-CN"];
  const en = TEXTS.en;
  const officer = await pageAs(browser, baseURL, OFFICER, "zh-CN");

  await test.step("the officer records a raid with two seizures, one with its seizure list uploaded", async () => {
    await openCase(officer);
    await expect(officer.locator(".case-status").first()).toHaveText(zh.caseVocabulary.status.investigating);
    await officer.locator("#outcome").getByRole("link", { name: zh.police.section.recordRaid }).click();
    await expect(officer.getByRole("heading", { level: 1, name: zh.police.raid.newTitle })).toBeVisible();
    await hydrated(officer);

    const r = zh.police.raid.fields;
    const s = zh.police.seizure.fields;
    await officer.getByLabel(r.raidedAt).fill("2026-11-20T05:30");
    await officer.getByLabel(r.units).fill("莆田市公安局经侦支队、涵江分局");
    await officer.getByLabel(r.platformStaff).fill("平台打假专员 2 名");
    await officer.getByLabel(r.summary).fill("凌晨对厂房实施搜查，当场查获假冒运动鞋及鞋底模具。");
    await officer.locator('input[name="leadSiteIds"]').first().check();

    const first = officer.getByRole("group", { name: fill(zh.police.rows.item.seizures, { number: 1 }) });
    await first.getByLabel(s.product).fill("假冒阿迪达斯椰子运动鞋");
    await first.getByLabel(s.brand).fill("adidas");
    await first.getByLabel(s.quantity).fill("2400");
    await first.getByLabel(s.counterfeitLabels).fill("5000");
    await first.getByLabel(s.valueYuan).fill("360000");
    await first.getByLabel(s.valuationMethod).selectOption("marked_price");
    await first.getByLabel(s.seizureListFile).setInputFiles({
      name: "扣押清单-0018.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("序号,物品名称,数量,单位\n1,假冒阿迪达斯椰子运动鞋,2400,双\n2,鞋底模具,12,套\n", "utf8"),
    });

    await officer.getByRole("button", { name: zh.police.rows.add.seizures }).click();
    const second = officer.getByRole("group", { name: fill(zh.police.rows.item.seizures, { number: 2 }) });
    await second.getByLabel(s.product).fill("鞋底模具");
    await second.getByLabel(s.quantity).fill("12");
    await second.getByLabel(s.unit).selectOption("sets");
    await second.getByLabel(s.valueYuan).fill("40000");
    await second.getByLabel(s.valuationMethod).selectOption("price_appraisal");

    await officer.getByRole("button", { name: zh.police.raid.save }).click();
    await expect(officer).toHaveURL((url) => url.pathname === `/cases/${caseId}` && url.searchParams.get("police") === "raidRecordedMoved");
    await expect(officer.getByRole("status").filter({ hasText: fill(zh.police.notice.raidRecordedMoved, { status: zh.caseVocabulary.status.raided }) })).toBeVisible();
    await expect(officer.locator(".case-status").first()).toHaveText(zh.caseVocabulary.status.raided);
    const outcome = officer.locator("#outcome");
    await expect(outcome.locator(".police-totals")).toContainText("¥400,000");
    await expect(outcome.locator(".police-seizures tbody tr")).toHaveCount(2);
    await officer.locator("#outcome").screenshot({ path: path.join(SCREENSHOTS, "police-outcome-zh.png") });

    // The seizure list went through the evidence system: its page shows the file and its custody.
    await outcome.getByRole("link", { name: "扣押清单-0018.csv" }).click();
    await expect(officer).toHaveURL(/\/evidence\/[0-9a-f-]{36}\/custody$/);
    await expect(officer.getByText("扣押清单-0018.csv").first()).toBeVisible();
    await expect(officer.getByText(zh.caseVocabulary.custodyAction.upload).first()).toBeVisible();
  });

  await test.step("the investigator sees the raid on the timeline and in the outcome section, not the agency's note", async () => {
    const investigator = await pageAs(browser, baseURL, INVESTIGATOR, "en");
    await openCase(investigator);
    const raided = investigator.locator("#timeline .timeline-entry").filter({ hasText: en.workflow.timeline.event["case.raided"] });
    await expect(raided).toHaveCount(1);
    await expect(raided).toContainText(
      fill(en.workflow.timeline.statusChange, { from: en.caseVocabulary.status.investigating, to: en.caseVocabulary.status.raided }),
    );
    await expect(raided).toContainText("¥400,000");
    const outcome = investigator.locator("#outcome");
    await expect(outcome.getByRole("heading", { name: en.police.section.outcomeTitle })).toBeVisible();
    await expect(outcome.locator(".police-totals")).toContainText("¥400,000");
    await expect(outcome.locator(".police-totals")).toContainText(`2,400 ${en.caseVocabulary.seizureUnit.pairs}`);
    await expect(outcome.getByRole("link", { name: "扣押清单-0018.csv" })).toBeVisible();
    // The platform may not record raids: no link, and the page itself is refused.
    await expect(outcome.getByRole("link", { name: en.police.section.recordRaid })).toHaveCount(0);
    expect((await investigator.goto(`/cases/${caseId}/raids/new`))?.status()).toBe(403);
    await openCase(investigator);
    await expect(investigator.locator("body")).not.toContainText(AGENCY_NOTE_FRAGMENT);
    await investigator.locator("#outcome").screenshot({ path: path.join(SCREENSHOTS, "police-outcome-en.png") });
    await investigator.context().close();
  });

  await test.step("two people edit the outcome record at once: the later save is refused, showing what changed, input kept", async () => {
    const supervisor = await pageAs(browser, baseURL, SUPERVISOR, "en");
    await officer.goto(`/cases/${caseId}/outcome`);
    await supervisor.goto(`/cases/${caseId}/outcome`);
    await hydrated(officer);
    await hydrated(supervisor);
    const zf = zh.police.outcome.fields;
    const ef = en.police.outcome.fields;

    await officer.getByLabel(zf.filingDecision).selectOption("filed");
    await officer.getByLabel(zf.policeCaseNumber).fill("莆公经立字〔2026〕18号");
    await officer.getByLabel(zf.detained).fill("3");
    await officer.getByRole("button", { name: zh.police.outcome.save }).click();
    await expect(officer).toHaveURL((url) => url.searchParams.get("police") === "outcomeSaved");

    await supervisor.getByLabel(ef.policeCaseNumber).fill("莆公经立字〔2026〕81号");
    await supervisor.getByLabel(ef.arrested).fill("2");
    await supervisor.getByRole("button", { name: en.police.outcome.save }).click();
    const conflict = supervisor.locator(".police-conflict");
    await expect(conflict.getByRole("heading", { name: en.police.conflict.title })).toBeVisible();
    await expect(conflict).toContainText(account(OFFICER).displayName);
    await expect(conflict).toContainText(ef.policeCaseNumber);
    await expect(conflict).toContainText(ef.detained);
    await expect(conflict).toContainText("莆公经立字〔2026〕18号");
    // What the supervisor typed is still there.
    await expect(supervisor.getByLabel(ef.policeCaseNumber)).toHaveValue("莆公经立字〔2026〕81号");
    await expect(supervisor.getByLabel(ef.arrested)).toHaveValue("2");
    await supervisor.locator("main").screenshot({ path: path.join(SCREENSHOTS, "police-outcome-conflict-en.png") });

    // Having read it, the supervisor corrects the number and saves over the newer version.
    await supervisor.getByLabel(ef.policeCaseNumber).fill("莆公经立字〔2026〕18号");
    await supervisor.getByLabel(ef.detained).fill("3");
    await supervisor.getByRole("button", { name: en.police.conflict.overwrite }).click();
    await expect(supervisor).toHaveURL((url) => url.searchParams.get("police") === "outcomeSaved");
    await expect(supervisor.locator("#outcome .police-outcome")).toContainText(fill(en.police.section.persons, { detained: 3, arrested: 2, onBail: 0, residentialSurveillance: 0 }));
    await supervisor.context().close();
  });

  await test.step("the investigator records a store closure from the lead's linked accounts", async () => {
    const investigator = await pageAs(browser, baseURL, INVESTIGATOR, "zh-CN");
    await openCase(investigator);
    await investigator.locator("#follow-up").getByRole("link", { name: zh.police.section.recordFollowUp }).click();
    await expect(investigator.getByRole("heading", { level: 1, name: zh.police.platformAction.title })).toBeVisible();
    await hydrated(investigator);
    const f = zh.police.platformAction.fields;
    await investigator.getByLabel(zh.caseVocabulary.platformActionKind.store_closed).check();
    await investigator.getByLabel(f.caseAccountId).selectOption({ index: 1 });
    await investigator.getByLabel(f.note).fill("依据公安查处结果关闭该店铺。");
    await investigator.getByRole("button", { name: zh.police.platformAction.save }).click();
    await expect(investigator).toHaveURL((url) => url.searchParams.get("police") === "platformActionRecorded");
    const followUp = investigator.locator("#follow-up");
    await expect(followUp.locator(".police-action")).toHaveCount(1);
    await expect(followUp.locator(".police-action")).toContainText(zh.caseVocabulary.platformActionKind.store_closed);
    await expect(followUp.locator(".police-action")).toContainText("依据公安查处结果关闭该店铺。");
    await investigator.context().close();
  });

  await officer.context().close();
});
