/**
 * The agency's decisions, as the people do them (issue 4), on the demo referrals seeded for this spec:
 * - AC-2026-000015: supervisor@putian.demo sees it on /inbox with its decision clock (the overdue
 *   AC-2026-000020 above it), accepts it and assigns officer@putian.demo, who then finds it under
 *   "assigned to me";
 * - AC-2026-000016: the supervisor declines it with a reason code and text (the form insists on both);
 *   investigator@platform.demo reads the decline, sees the agencies whose MOU fits (not Putian; Jinhua's MOU
 *   has expired and says so) and refers it to Guangzhou, whose supervisor finds it with a fresh clock;
 * - AC-2026-000017: the supervisor returns it with questions; the investigator reads them on the case and
 *   answers by resubmitting; the supervisor finds it back in the inbox, marked resubmitted, with a fresh clock,
 *   and both steps on the timeline;
 * - officer@guangzhou.demo gets 404 on Putian's referrals, and a forged decision from Guangzhou is 404.
 * Chinese and English browsers both; screenshots of /inbox and the panel in both languages go to
 * e2e/.artifacts/screenshots/. It changes AC-2026-000015, -000016 and -000017 for the rest of the run.
 */
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { TEXTS, account, expect, originOf, signInByRequest, test, type Locale } from "./fixtures";

const SCREENSHOTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "screenshots");
const ACCEPT = "AC-2026-000015";
const DECLINE = "AC-2026-000016";
const RETURN = "AC-2026-000017";
const OVERDUE = "AC-2026-000020";
const SUPERVISOR = "supervisor@putian.demo";
const OFFICER = "officer@putian.demo";
const INVESTIGATOR = "investigator@platform.demo";

test.describe.configure({ mode: "serial" });

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replaceAll(`{{${key}}}`, String(value)), text);
/** A dictionary text with {{placeholders}} as a pattern: numbers stand for any number. */
const pattern = (text: string, values: Record<string, string | RegExp> = {}) =>
  new RegExp(
    text
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\\\{\\\{(\w+)\\\}\\\}/g, (_, key: string) => {
        const value = values[key];
        return value instanceof RegExp ? value.source : value !== undefined ? value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : "\\d+";
      }),
  );

async function pageAs(browser: Browser, baseURL: string | undefined, email: string, locale: Locale): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, timezoneId: "Asia/Shanghai", viewport: { width: 1280, height: 900 } });
  await signInByRequest(context.request, baseURL, email);
  return context.newPage();
}

const caseIds = new Map<string, string>();
/** The case's id, from the case list (every role with case.view has one). */
async function caseId(page: Page, reference: string): Promise<string> {
  let id = caseIds.get(reference);
  if (!id) {
    await page.goto("/cases");
    const href = await page.getByRole("row").filter({ hasText: reference }).locator('a[href^="/cases/"]').first().getAttribute("href");
    id = href?.split("/")[2];
    if (!id) throw new Error(`no link to ${reference} in the case list`);
    caseIds.set(reference, id);
  }
  return id;
}

async function openCase(page: Page, reference: string): Promise<string> {
  const id = await caseId(page, reference);
  await page.goto(`/cases/${id}`);
  await waitForHydration(page);
  return id;
}

/** The panel's forms post through fetchers once the page is hydrated (they mark it with a hidden "js" field). */
async function waitForHydration(page: Page) {
  await expect(page.locator("#workflow")).toBeVisible();
  const forms = page.locator("#workflow form");
  if ((await forms.count()) > 0) await expect(forms.first().locator('input[name="js"]')).toHaveCount(1);
}

const panel = (page: Page) => page.locator("#workflow");
const inboxRow = (page: Page, reference: string) => page.locator(`tr[data-reference="${reference}"]`);

test("accept with the decision clock, then assign an officer", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const zh = TEXTS["zh-CN"];
  const supervisor = await pageAs(browser, baseURL, SUPERVISOR, "zh-CN");

  await test.step("the inbox lists the referral with its clock, the overdue one first", async () => {
    await supervisor.goto("/inbox");
    await expect(supervisor.getByRole("heading", { level: 1 })).toHaveText(zh.inbox.title);
    const awaiting = supervisor.locator("section", { has: supervisor.getByRole("heading", { name: zh.inbox.awaiting.title }) });
    const rows = awaiting.locator("tbody tr");
    await expect(rows.first()).toHaveAttribute("data-reference", OVERDUE);
    await expect(rows.first()).toHaveAttribute("data-clock", "overdue");
    await expect(rows.first().locator(".workflow-clock")).toHaveText(pattern(zh.workflow.target.overdueBy));
    const row = inboxRow(supervisor, ACCEPT);
    await expect(row).toHaveAttribute("data-clock", "running");
    await expect(row.locator(".workflow-clock")).toHaveText(pattern(zh.workflow.target.remaining, { days: "2" }));
    await supervisor.screenshot({ path: path.join(SCREENSHOTS, "inbox-zh-CN.png"), fullPage: true });
    await row.getByRole("link").click();
    await waitForHydration(supervisor);
  });

  await test.step("the supervisor accepts it, seeing the clock on the case", async () => {
    await expect(panel(supervisor).locator(".workflow-target .workflow-clock")).toHaveText(pattern(zh.workflow.target.remaining, { days: "2" }));
    await panel(supervisor).screenshot({ path: path.join(SCREENSHOTS, "police-decision-panel-zh-CN.png") });
    const accept = supervisor.locator("form#workflow-accept");
    await accept.getByLabel(zh.workflow.decide.acceptNoteLabel).fill("经侦支队受理，由黄建明主办。");
    await accept.getByRole("button", { name: zh.workflow.transition.accept }).click();
    await expect(panel(supervisor).getByRole("status")).toHaveText(zh.workflow.done.accept);
    await expect(panel(supervisor).locator(".case-status")).toHaveText(zh.caseVocabulary.status.accepted);
  });

  await test.step("and assigns officer@putian.demo as lead officer", async () => {
    const officerName = account(OFFICER).displayName;
    const assignments = supervisor.locator("#assignments");
    await expect(assignments).toContainText(zh.assignment.none);
    await assignments.getByLabel(zh.assignment.officer).selectOption({ label: officerName });
    await assignments.getByRole("button", { name: zh.assignment.assign, exact: true }).click();
    await expect(assignments.getByRole("status")).toHaveText(zh.assignment.done.assign);
    await expect(assignments.locator(`li[data-officer="${officerName}"]`)).toContainText(zh.assignment.lead);
    await expect(supervisor.locator('#timeline [data-action="case.officer_assigned"]')).toContainText(officerName);
  });

  await test.step("the officer finds it assigned to them", async () => {
    const en = TEXTS.en;
    const officer = await pageAs(browser, baseURL, OFFICER, "en");
    await officer.goto("/inbox");
    const mine = officer.locator("#mine");
    await expect(mine.getByRole("heading", { level: 2 })).toContainText(en.inbox.assignedToMe.title);
    await expect(mine.locator(`tr[data-reference="${ACCEPT}"]`)).toContainText(en.inbox.me);
    await officer.screenshot({ path: path.join(SCREENSHOTS, "inbox-officer-en.png"), fullPage: true });
    await mine.locator(`tr[data-reference="${ACCEPT}"]`).getByRole("link").click();
    await waitForHydration(officer);
    await expect(officer.locator("#assignments")).toContainText(account(OFFICER).displayName);
    // Officers work the case: the investigation can start; assigning is the supervisor's.
    await expect(officer.locator("form#workflow-start_investigation")).toBeVisible();
    await expect(officer.locator("#assignments form")).toHaveCount(0);
    await officer.context().close();
  });
  await supervisor.context().close();
});

test("decline with a reason; the platform sees the agencies whose MOU fits and refers elsewhere", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const en = TEXTS.en;
  const zh = TEXTS["zh-CN"];
  const supervisor = await pageAs(browser, baseURL, SUPERVISOR, "en");

  await test.step("the decline form insists on a reason code and a text", async () => {
    await openCase(supervisor, DECLINE);
    const decline = supervisor.locator("form#workflow-decline");
    await supervisor.locator("details", { has: decline }).locator("summary").click();
    await decline.getByRole("button", { name: en.workflow.transition.decline }).click();
    await expect(decline).toContainText(en.workflow.reasonRequired.decline);
    await expect(decline).toContainText(en.workflow.noteRequired.decline);
    await panel(supervisor).screenshot({ path: path.join(SCREENSHOTS, "police-decline-en.png") });
    await decline.getByLabel(en.workflow.decide.declineReasonLabel).selectOption({ label: en.caseVocabulary.declineReason.outside_jurisdiction });
    await decline.getByLabel(en.workflow.decide.declineNoteLabel).fill("销售网络的仓储和发货均在广州白云区，莆田仅有注册地址，请移送广州。");
    await decline.getByRole("button", { name: en.workflow.transition.decline }).click();
    await expect(panel(supervisor).getByRole("status")).toHaveText(en.workflow.done.decline);
    await expect(panel(supervisor).locator(".case-status")).toHaveText(en.caseVocabulary.status.declined);
  });

  await test.step("the investigator reads the decline and the suggestions, and refers it to Guangzhou", async () => {
    const investigator = await pageAs(browser, baseURL, INVESTIGATOR, "zh-CN");
    await investigator.goto("/cases");
    const putianId = await investigator.locator("#filter-agency option", { hasText: "莆田市公安局" }).getAttribute("value");
    expect(putianId).toMatch(/^[0-9a-f-]{36}$/);
    await openCase(investigator, DECLINE);
    const decision = panel(investigator).locator(".workflow-decision");
    await expect(decision.getByRole("heading")).toHaveText(fill(zh.workflow.decision.declinedTitle, { agency: "莆田市公安局" }));
    await expect(decision).toContainText(fill(zh.workflow.decision.reason, { reason: zh.caseVocabulary.declineReason.outside_jurisdiction }));
    await expect(decision).toContainText("莆田仅有注册地址");
    const suggestions = panel(investigator).locator(".workflow-reroute");
    await expect(suggestions.getByRole("heading")).toHaveText(zh.workflow.reroute.title);
    await expect(suggestions.locator("li[data-agency]")).toHaveCount(1);
    await expect(suggestions.locator("li[data-agency=guangzhou-psb]")).toContainText("广州市公安局");
    await expect(suggestions).toContainText(fill(zh.workflow.reroute.declinedBy, { agencies: "莆田市公安局" }));
    // Jinhua covers one of the sites, but its MOU has expired: listed with the reason, not offered.
    await expect(panel(investigator).locator(".workflow-refused li[data-agency=jinhua-psb]")).toContainText("MOU-JH-2021-01");
    const offered = panel(investigator).getByRole("radio");
    await expect(offered).toHaveCount(1);
    await expect(panel(investigator).getByRole("radio", { name: /广州市公安局/ })).toBeChecked();
    await panel(investigator).screenshot({ path: path.join(SCREENSHOTS, "police-reroute-zh-CN.png") });

    // A forged form naming Putian again is refused by the server, with the reason.
    const version = await panel(investigator).locator('input[name="version"]').first().inputValue();
    const forged = await investigator.request.post(`/cases/${caseIds.get(DECLINE)}/workflow`, {
      form: { intent: "refer", version, agencyId: putianId!, js: "1" },
      headers: { Origin: originOf(baseURL) },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(422);
    expect((await forged.json()).refusal).toMatchObject({ code: "agency_declined", agencyNameZh: "莆田市公安局" });

    await panel(investigator).getByLabel(zh.workflow.refer.noteLabel).fill("莆田市公安局建议移送广州，请广州市公安局接收。");
    await panel(investigator).getByRole("button", { name: zh.workflow.transition.refer }).click();
    await expect(panel(investigator).getByRole("status")).toHaveText(zh.workflow.done.refer);
    await expect(panel(investigator).locator(".workflow-target")).toContainText("广州市公安局");
    await investigator.context().close();
  });

  await test.step("Guangzhou's supervisor finds it with a fresh clock", async () => {
    // language.spec.ts saves a language on this account (it is its switcher), so the page may be in either;
    // the account's choice wins over the browser's, as it should.
    const guangzhou = await pageAs(browser, baseURL, "supervisor@guangzhou.demo", "en");
    await guangzhou.goto("/inbox");
    const shown = (await guangzhou.locator("html").getAttribute("lang")) === "zh-CN" ? TEXTS["zh-CN"] : en;
    const row = inboxRow(guangzhou, DECLINE);
    await expect(row).toHaveAttribute("data-clock", "running");
    await expect(row.locator(".workflow-clock")).toHaveText(pattern(shown.workflow.target.remaining, { days: "2" }));
    await guangzhou.context().close();
  });
  await supervisor.context().close();
});

test("return for information, answered by resubmission with a fresh clock", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const en = TEXTS.en;
  const zh = TEXTS["zh-CN"];
  const supervisor = await pageAs(browser, baseURL, SUPERVISOR, "zh-CN");
  const questions = "1. 试购样品现存放何处？\n2. 请补充凤凰山街道发货点的现场核查照片。";
  const answers = "1. 样品存于杭州证据室，编号 S-2026-117。\n2. 现场照片已上传至证据材料。";

  await test.step("the supervisor returns it with questions", async () => {
    await openCase(supervisor, RETURN);
    const form = supervisor.locator("form#workflow-return_for_info");
    await supervisor.locator("details", { has: form }).locator("summary").click();
    await form.getByLabel(zh.workflow.decide.returnNoteLabel).fill(questions);
    await form.getByRole("button", { name: zh.workflow.transition.return_for_info }).click();
    await expect(panel(supervisor).getByRole("status")).toHaveText(zh.workflow.done.return_for_info);
    await expect(panel(supervisor).locator(".case-status")).toHaveText(zh.caseVocabulary.status.returned_for_info);
  });

  await test.step("the investigator reads the questions and resubmits with the answers", async () => {
    const investigator = await pageAs(browser, baseURL, INVESTIGATOR, "en");
    await investigator.goto("/");
    await expect(investigator.locator(`#queue-returned li[data-reference="${RETURN}"]`)).toBeVisible();
    await openCase(investigator, RETURN);
    const decision = panel(investigator).locator(".workflow-decision");
    await expect(decision.getByRole("heading")).toHaveText(fill(en.workflow.decision.returnedTitle, { agency: "Putian Municipal Public Security Bureau" }));
    await expect(decision.locator("blockquote")).toHaveText(questions);
    await expect(panel(investigator)).toContainText(en.workflow.target.clockPaused);
    await panel(investigator).screenshot({ path: path.join(SCREENSHOTS, "police-returned-en.png") });
    await panel(investigator).getByLabel(en.workflow.resubmit.noteLabel).fill(answers);
    await panel(investigator).getByRole("button", { name: en.workflow.transition.resubmit }).click();
    await expect(panel(investigator).getByRole("status")).toHaveText(en.workflow.done.resubmit);
    await investigator.context().close();
  });

  await test.step("the supervisor finds it back, resubmitted, with a fresh clock; the timeline has both", async () => {
    await supervisor.goto("/inbox");
    const row = inboxRow(supervisor, RETURN);
    await expect(row).toContainText(zh.inbox.awaiting.resubmitted);
    await expect(row.locator(".workflow-clock")).toHaveText(pattern(zh.workflow.target.remaining, { days: "2" }));
    await row.getByRole("link").click();
    await waitForHydration(supervisor);
    const timeline = supervisor.locator("#timeline");
    await expect(timeline.locator('[data-action="case.returned_for_info"] blockquote')).toHaveText(questions);
    await expect(timeline.locator('[data-action="case.returned_for_info"]')).toContainText(zh.workflow.timeline.note["case.returned_for_info"]);
    await expect(timeline.locator('[data-action="case.resubmitted"] blockquote')).toHaveText(answers);
    await expect(supervisor.locator("form#workflow-accept")).toBeVisible();
  });
  await supervisor.context().close();
});

test("another agency gets 404 on Putian's referrals, in both languages", async ({ browser, baseURL }) => {
  const supervisor = await pageAs(browser, baseURL, SUPERVISOR, "en");
  const ids = [await caseId(supervisor, ACCEPT), await caseId(supervisor, RETURN)];
  await supervisor.goto("/inbox");
  await supervisor.screenshot({ path: path.join(SCREENSHOTS, "inbox-en.png"), fullPage: true });
  await supervisor.context().close();
  for (const locale of ["zh-CN", "en"] as const) {
    const outsider = await pageAs(browser, baseURL, "officer@guangzhou.demo", locale);
    for (const id of ids) {
      const response = await outsider.goto(`/cases/${id}`);
      expect(response?.status()).toBe(404);
      await expect(outsider.getByRole("heading", { level: 1 })).toHaveText(TEXTS[locale].errors.notFoundTitle);
    }
    await outsider.goto("/inbox");
    await expect(outsider.locator(`tr[data-reference="${ACCEPT}"], tr[data-reference="${RETURN}"]`)).toHaveCount(0);
    await outsider.context().close();
  }
  const guangzhouSupervisor = await pageAs(browser, baseURL, "supervisor@guangzhou.demo", "en");
  const forged = await guangzhouSupervisor.request.post(`/cases/${ids[1]}/workflow`, {
    form: { intent: "accept", version: "1", js: "1" },
    headers: { Origin: originOf(baseURL) },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(404);
  await guangzhouSupervisor.context().close();
});
