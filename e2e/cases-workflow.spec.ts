/**
 * The lead's workflow on the platform side, as the people do it:
 * - the investigator submits the seeded draft AC-2026-000004 (a Guangzhou phone-accessory factory) for
 *   review; lead@platform.demo sends it back with comments; the investigator reads them and resubmits; the
 *   lead approves. The investigator cannot approve it (no button, and a forged request is refused);
 * - the refer form of AC-2026-000004 lists Putian as unable to receive it, with the reasons in plain words,
 *   and a tampered form naming Putian is refused by the server with the same reasons;
 * - the seeded approved lead AC-2026-000002 (a Putian shoe warehouse) is referred to Putian: the decision
 *   clock shows, supervisor@putian.demo opens it, officer@guangzhou.demo gets 404;
 * - the timeline shows each step with who, when and why, in both languages; screenshots of the panel and
 *   the timeline in both languages go to e2e/.artifacts/screenshots/.
 *
 * It changes AC-2026-000004 (to approved) and AC-2026-000002 (to submitted) for the rest of the run.
 */
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { TEXTS, account, expect, originOf, signInByRequest, test, type Locale } from "./fixtures";

const SCREENSHOTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "screenshots");
const DRAFT = "AC-2026-000004";
const APPROVED = "AC-2026-000002";
const INVESTIGATOR = "investigator@platform.demo";
const LEAD = "lead@platform.demo";

test.describe.configure({ mode: "serial" });

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replaceAll(`{{${key}}}`, String(value)), text);

/** A page in a browser context of its own, signed in as `email`, in `locale`. */
async function pageAs(browser: Browser, baseURL: string | undefined, email: string, locale: Locale): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, timezoneId: "Asia/Shanghai", viewport: { width: 1280, height: 900 } });
  await signInByRequest(context.request, baseURL, email);
  return context.newPage();
}

const caseIds = new Map<string, string>();
async function openCase(page: Page, reference: string): Promise<string> {
  let id = caseIds.get(reference);
  if (!id) {
    await page.goto("/cases");
    const href = await page.getByRole("row").filter({ hasText: reference }).locator('a[href^="/cases/"]').first().getAttribute("href");
    id = href?.split("/")[2];
    if (!id) throw new Error(`no link to ${reference} in the case list`);
    caseIds.set(reference, id);
  }
  await page.goto(`/cases/${id}`);
  await waitForPanel(page);
  return id;
}

/** The panel's forms post through fetchers once the page is hydrated (they mark it with a hidden "js" field). */
async function waitForPanel(page: Page) {
  await expect(page.locator("#workflow")).toBeVisible();
  const forms = page.locator("#workflow form");
  if ((await forms.count()) > 0) await expect(forms.first().locator('input[name="js"]')).toHaveCount(1);
}

const panel = (page: Page) => page.locator("#workflow");
const timeline = (page: Page) => page.locator("#timeline");

test("review, referral and the timeline of a lead", async ({ browser, baseURL }) => {
  // One story across five accounts and two languages: longer than the default 30 s on two shared cores.
  test.setTimeout(150_000);
  const zh = TEXTS["zh-CN"].workflow;
  const investigator = await pageAs(browser, baseURL, INVESTIGATOR, "zh-CN");
  const lead = await pageAs(browser, baseURL, LEAD, "zh-CN");
  let draftId = "";

  await test.step("the investigator submits the seeded draft for review", async () => {
    draftId = await openCase(investigator, DRAFT);
    await expect(panel(investigator).locator(".case-status")).toHaveText(TEXTS["zh-CN"].caseVocabulary.status.draft);
    await panel(investigator).getByLabel(zh.submitForReview.noteLabel).fill("白云区工厂线索已整理完毕，请审核。");
    await panel(investigator).getByRole("button", { name: zh.transition.submit_for_review }).click();
    await expect(panel(investigator).getByRole("status")).toHaveText(zh.done.submit_for_review);
    await expect(panel(investigator).locator(".case-status")).toHaveText(TEXTS["zh-CN"].caseVocabulary.status.in_review);
  });

  await test.step("the investigator cannot approve: no button, the reason, and a forged request is refused", async () => {
    await expect(panel(investigator).getByRole("button", { name: zh.transition.approve })).toHaveCount(0);
    await expect(panel(investigator).locator(".workflow-blocked")).toContainText(
      fill(zh.refusal.not_permitted, { transition: zh.transition.approve }),
    );
    const forged = await investigator.request.post(`/cases/${draftId}/workflow`, {
      form: { intent: "approve", version: "2", js: "1" },
      headers: { Origin: originOf(baseURL) },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    await panel(investigator).screenshot({ path: path.join(SCREENSHOTS, "workflow-in-review-zh-CN.png") });
  });

  await test.step("the platform lead sends it back: comments are required, then recorded", async () => {
    await openCase(lead, DRAFT);
    const review = panel(lead);
    await review.getByRole("button", { name: zh.transition.return_to_draft }).click();
    await expect(review.getByText(zh.noteRequired.return_to_draft)).toBeVisible();
    await review.screenshot({ path: path.join(SCREENSHOTS, "workflow-review-zh-CN.png") });
    await review.getByLabel(zh.review.noteLabel).fill("请补充苹果公司授权机构鉴定报告的编号，并核实厂房楼层。");
    await review.getByRole("button", { name: zh.transition.return_to_draft }).click();
    await expect(review.getByRole("status")).toHaveText(zh.done.return_to_draft);
    await expect(review.locator(".case-status")).toHaveText(TEXTS["zh-CN"].caseVocabulary.status.draft);
  });

  let draftVersion = "";
  await test.step("the investigator reads the comments and resubmits", async () => {
    await openCase(investigator, DRAFT);
    draftVersion = await panel(investigator).locator('input[name="version"]').first().inputValue();
    const note = panel(investigator).locator(".workflow-note");
    await expect(note).toContainText("请补充苹果公司授权机构鉴定报告的编号，并核实厂房楼层。");
    await expect(note).toContainText(account(LEAD).displayName);
    await panel(investigator).getByLabel(zh.submitForReview.noteLabel).fill("已补充鉴定报告编号，厂房位于 B 栋 3 楼。");
    await panel(investigator).getByRole("button", { name: zh.transition.submit_for_review }).click();
    await expect(panel(investigator).getByRole("status")).toHaveText(zh.done.submit_for_review);
  });

  await test.step("a page drawn before the resubmission is refused as stale", async () => {
    // The lead's tab still shows the draft it sent back; the version it names is now out of date.
    const stale = await lead.request.post(`/cases/${draftId}/workflow`, {
      form: { intent: "withdraw", version: draftVersion, note: "旧页面", js: "1" },
      headers: { Origin: originOf(baseURL) },
      maxRedirects: 0,
    });
    expect(stale.status()).toBe(409);
    expect((await stale.json()).refusal).toMatchObject({ code: "stale", status: "in_review" });
    // Posted without JavaScript, the same refusal sends the browser back to the case, which says why.
    const plain = await lead.request.post(`/cases/${draftId}/workflow`, {
      form: { intent: "withdraw", version: draftVersion, note: "旧页面" },
      headers: { Origin: originOf(baseURL) },
      maxRedirects: 0,
    });
    expect(plain.status()).toBe(302);
    const location = plain.headers()["location"]!;
    expect(location).toBe(`/cases/${draftId}?workflowError=stale&intent=withdraw#workflow`);
    await lead.goto(location);
    await expect(panel(lead).getByRole("alert").first()).toHaveText(zh.refusal.stale_generic);
  });

  await test.step("the platform lead approves", async () => {
    await openCase(lead, DRAFT);
    await panel(lead).getByLabel(zh.review.noteLabel).fill("证据充分，同意移送。");
    await panel(lead).getByRole("button", { name: zh.transition.approve }).click();
    await expect(panel(lead).getByRole("status")).toHaveText(zh.done.approve);
    await expect(panel(lead).locator(".case-status")).toHaveText(TEXTS["zh-CN"].caseVocabulary.status.approved);
  });

  await test.step("the refer form says why Putian cannot receive a Guangzhou accessories lead, and the server agrees", async () => {
    await openCase(investigator, DRAFT);
    const refused = panel(investigator).locator(".workflow-refused li[data-agency=putian-psb]");
    const categories = TEXTS["zh-CN"].caseVocabulary.category;
    await expect(refused).toContainText("莆田市公安局");
    await expect(refused).toContainText(`“${categories.digital_accessories}”不在合作备忘录 MOU-PT-2016-01 的协作范围内`);
    await expect(refused).toContainText("广东省广州市白云区");
    await expect(panel(investigator).locator(".workflow-refused li[data-agency=jinhua-psb]")).toContainText("已于");
    // Only Guangzhou is offered.
    const offered = panel(investigator).getByRole("radio");
    await expect(offered).toHaveCount(1);
    await expect(panel(investigator).locator(".workflow-agencies")).toContainText("广州市公安局");
    await investigator.screenshot({ path: path.join(SCREENSHOTS, "workflow-refer-zh-CN.png"), fullPage: true });

    // A tampered form names Putian anyway.
    const putianId = await refused.getAttribute("data-agency-id");
    await investigator.evaluate((id) => {
      const radio = document.querySelector<HTMLInputElement>('#workflow input[type="radio"][name="agencyId"]')!;
      radio.value = id!;
    }, putianId);
    await panel(investigator).getByRole("button", { name: zh.transition.refer }).click();
    const alert = panel(investigator).locator(".workflow-action .workflow-error");
    await expect(alert).toContainText(fill(zh.refusal.agency_not_eligible, { agency: "莆田市公安局" }));
    await expect(alert).toContainText("MOU-PT-2016-01");
    await panel(investigator).screenshot({ path: path.join(SCREENSHOTS, "workflow-refer-refused-zh-CN.png") });
    await expect(panel(investigator).locator(".case-status")).toHaveText(TEXTS["zh-CN"].caseVocabulary.status.approved);
  });

  let referredId = "";
  await test.step("the investigator refers the Putian lead to Putian; the decision clock shows", async () => {
    referredId = await openCase(investigator, APPROVED);
    const putian = panel(investigator).getByRole("radio", { name: /莆田市公安局/ });
    await expect(putian).toBeChecked();
    await expect(panel(investigator).locator(".workflow-refused li[data-agency=guangzhou-psb]")).toContainText(
      "均不在合作备忘录 MOU-GZ-2023-02 的辖区内",
    );
    await panel(investigator).getByLabel(zh.refer.noteLabel).fill("请莆田市公安局经侦支队接收。");
    await panel(investigator).getByRole("button", { name: zh.transition.refer }).click();
    await expect(panel(investigator).getByRole("status")).toHaveText(zh.done.refer);
    const target = panel(investigator).locator(".workflow-target");
    await expect(target).toContainText("莆田市公安局");
    await expect(target).toContainText("MOU-PT-2016-01");
    await expect(target).toContainText(zh.target.decisionDueAt);
    await expect(target.locator(".workflow-clock")).toContainText(fill(zh.target.remaining, { days: 2, hours: 23 }));
  });

  await test.step("Putian's supervisor opens it; Guangzhou's officer gets 404", async () => {
    const supervisor = await pageAs(browser, baseURL, "supervisor@putian.demo", "zh-CN");
    await supervisor.goto(`/cases/${referredId}`);
    await expect(supervisor.getByRole("heading", { level: 1 })).toContainText("荔城区");
    await expect(timeline(supervisor).locator('[data-action="case.referred"]')).toContainText("请莆田市公安局经侦支队接收。");
    await expect(panel(supervisor).locator(".workflow-target")).toContainText(zh.target.decisionDueAt);
    const outsider = await pageAs(browser, baseURL, "officer@guangzhou.demo", "zh-CN");
    const response = await outsider.goto(`/cases/${referredId}`);
    expect(response?.status()).toBe(404);
    await expect(outsider.getByRole("heading", { level: 1 })).toHaveText(TEXTS["zh-CN"].errors.notFoundTitle);
    const forged = await outsider.request.post(`/cases/${referredId}/workflow`, {
      form: { intent: "withdraw", version: "1", note: "x", js: "1" },
      headers: { Origin: originOf(baseURL) },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(404);
  });

  for (const locale of ["zh-CN", "en"] as const) {
    await test.step(`the timeline shows who, when and why, in ${locale}`, async () => {
      const t = TEXTS[locale];
      const page = await pageAs(browser, baseURL, INVESTIGATOR, locale);
      await openCase(page, DRAFT);
      const steps = timeline(page).locator("li.timeline-entry").filter({ has: page.locator(".timeline-status") });
      await expect(steps).toHaveCount(4);
      const investigatorName = account(INVESTIGATOR).displayName;
      const leadName = account(LEAD).displayName;
      const org = locale === "zh-CN" ? "平台治理部知识产权专项组" : "Platform Governance Department, IP Special Team";
      const expected: [string, string, string | null][] = [
        [t.workflow.timeline.event["case.submitted_for_review"], investigatorName, "白云区工厂线索已整理完毕，请审核。"],
        [t.workflow.timeline.event["case.returned_to_draft"], leadName, "请补充苹果公司授权机构鉴定报告的编号，并核实厂房楼层。"],
        [t.workflow.timeline.event["case.submitted_for_review"], investigatorName, "已补充鉴定报告编号，厂房位于 B 栋 3 楼。"],
        [t.workflow.timeline.event["case.approved"], leadName, "证据充分，同意移送。"],
      ];
      for (const [index, [what, who, why]] of expected.entries()) {
        const entry = steps.nth(index);
        await expect(entry.locator(".timeline-what strong")).toHaveText(what);
        await expect(entry.locator(".timeline-actor")).toContainText(who);
        await expect(entry.locator(".timeline-actor")).toContainText(org);
        await expect(entry.locator("time")).toHaveText(/2026|20\d\d/);
        if (why) await expect(entry.locator(".timeline-note blockquote")).toHaveText(why);
      }
      await expect(steps.nth(1).locator(".timeline-status")).toHaveText(
        fill(t.workflow.timeline.statusChange, { from: t.caseVocabulary.status.in_review, to: t.caseVocabulary.status.draft }),
      );
      await expect(steps.nth(1).locator(".timeline-note-label")).toHaveText(t.workflow.timeline.note["case.returned_to_draft"]);
      await page.locator("#workflow").screenshot({ path: path.join(SCREENSHOTS, `workflow-panel-${locale}.png`) });
      await timeline(page).screenshot({ path: path.join(SCREENSHOTS, `workflow-timeline-${locale}.png`) });

      await openCase(page, APPROVED);
      await expect(timeline(page).locator('[data-action="case.referred"]')).toContainText(
        locale === "zh-CN" ? "移送至莆田市公安局，依据备忘录 MOU-PT-2016-01" : "To Putian Municipal Public Security Bureau under MOU-PT-2016-01",
      );
      await page.locator("#workflow").screenshot({ path: path.join(SCREENSHOTS, `workflow-referred-${locale}.png`) });
      await page.context().close();
    });
  }
});
