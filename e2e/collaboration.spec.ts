/**
 * Notifications and requests for information, as the people use them, on AC-2026-000014 (investigating at
 * Putian; the seed leaves an open request for information from Putian to the platform):
 * - investigator@platform.demo (Chinese) sees the bell's unread count, opens the notification (it is marked
 *   read and leads to the request's thread) and answers the request there;
 * - officer@putian.demo (English) is told it was answered, sees the answer in the thread and replies; another
 *   user's notification is 404 for them;
 * - the investigator asks Putian a new question with a due date (a date in the past is refused next to the
 *   field, the text kept); Putian's officer is notified;
 * - officer@guangzhou.demo gets 404 on the thread and on the case's requests.
 * Screenshots of the bell, /notifications and a thread in both languages go to e2e/.artifacts/screenshots/.
 *
 * It adds an answer, a reply and a request to AC-2026-000014 and reads notifications, for the rest of the run.
 */
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { TEXTS, expect, originOf, signInByRequest, test, type Locale } from "./fixtures";

const SCREENSHOTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "screenshots");
const CASE = "AC-2026-000014";
const SEEDED_REQUEST = "请提供东峤镇三家店铺的订单明细及收款账户流水";
const INVESTIGATOR = "investigator@platform.demo";
const OFFICER = "officer@putian.demo";

test.describe.configure({ mode: "serial" });

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replaceAll(`{{${key}}}`, String(value)), text);

/** A page in a browser context of its own (its own language, never saved on the shared account), signed in. */
async function pageAs(browser: Browser, baseURL: string | undefined, email: string, locale: Locale): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, timezoneId: "Asia/Shanghai", viewport: { width: 1280, height: 900 } });
  await signInByRequest(context.request, baseURL, email);
  return context.newPage();
}

const bellCount = async (page: Page) => Number((await page.getByTestId("notification-count").textContent()) ?? "0");

/** "YYYY-MM-DD" in China, `days` from today. */
function chinaDay(days: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + days * 24 * 60 * 60 * 1000),
  );
  return parts;
}

test("a request for information goes back and forth, with notifications, in both languages", async ({ browser, baseURL }) => {
  // Four people in four browser contexts, each signing in: longer than one page's default budget.
  test.setTimeout(120_000);
  const zh = TEXTS["zh-CN"].collaboration;
  const en = TEXTS.en.collaboration;
  let threadPath = "";
  let caseId = "";
  let investigatorsNotification = "";

  await test.step("the investigator sees the bell's count and opens the notification (marked read)", async () => {
    const investigator = await pageAs(browser, baseURL, INVESTIGATOR, "zh-CN");
    await investigator.goto("/");
    const bell = investigator.getByTestId("notification-bell");
    await expect(bell).toBeVisible();
    const before = await bellCount(investigator);
    expect(before).toBeGreaterThan(0);
    await expect(bell).toHaveAttribute("aria-label", fill(zh.bell.labelUnread_other, { count: before }));
    await investigator.locator(".site-header").screenshot({ path: path.join(SCREENSHOTS, "notifications-bell-zh-CN.png") });

    await bell.click();
    await expect(investigator).toHaveURL(/\/notifications$/);
    await expect(investigator.getByRole("heading", { level: 1, name: zh.notifications.title })).toBeVisible();
    await expect(investigator.getByRole("heading", { level: 2, name: fill(zh.notifications.unread_other, { count: before }) })).toBeVisible();
    const sentence = fill(zh.notification.text.request_received, { organisation: "莆田市公安局", reference: CASE });
    const item = investigator.getByTestId("notification").filter({ hasText: sentence }).filter({ hasText: SEEDED_REQUEST });
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute("data-unread", "true");
    await expect(item.getByText(zh.notifications.unreadFlag)).toBeVisible();
    await investigator.screenshot({ path: path.join(SCREENSHOTS, "notifications-list-zh-CN.png"), fullPage: true });
    investigatorsNotification = (await item.locator("form").getAttribute("action")) ?? "";
    expect(investigatorsNotification).toMatch(/^\/notifications\/[0-9a-f-]{36}$/);

    await item.getByRole("button").click();
    await expect(investigator).toHaveURL(/\/cases\/[0-9a-f-]{36}\/requests\/[0-9a-f-]{36}$/);
    threadPath = new URL(investigator.url()).pathname;
    caseId = threadPath.split("/")[2]!;
    await expect(investigator.getByRole("heading", { level: 1, name: SEEDED_REQUEST })).toBeVisible();
    // Read now: one fewer on the bell (a fresh page load counts again).
    await investigator.goto(threadPath);
    await expect(bell).toHaveAttribute("aria-label", before > 1 ? fill(zh.bell.labelUnread_other, { count: before - 1 }) : zh.bell.label);
    await investigator.goto("/notifications");
    await expect(investigator.getByTestId("notification").filter({ hasText: sentence }).filter({ hasText: SEEDED_REQUEST })).not.toHaveAttribute(
      "data-unread",
      "true",
    );
  });

  await test.step("the investigator answers the request in its thread", async () => {
    const investigator = await pageAs(browser, baseURL, INVESTIGATOR, "zh-CN");
    await investigator.goto(threadPath);
    await expect(investigator.locator("[data-request-status]").first()).toHaveText(TEXTS["zh-CN"].caseVocabulary.informationRequestStatus.open);
    await investigator.getByLabel(zh.requests.thread.answerLabel).fill("三家店铺的订单明细（共 2,316 条）和收款账户流水已作为证据上传，请在证据栏查收。");
    await investigator.getByRole("button", { name: zh.requests.thread.answerSubmit }).click();
    await expect(investigator.getByRole("status")).toHaveText(fill(zh.requests.thread.answered, { other: "莆田市公安局" }));
    await expect(investigator.locator("[data-request-status]").first()).toHaveText(TEXTS["zh-CN"].caseVocabulary.informationRequestStatus.answered);
    const answer = investigator.getByTestId("comment").filter({ hasText: "2,316" });
    await expect(answer).toContainText(zh.requests.thread.answerMark);
    await investigator.screenshot({ path: path.join(SCREENSHOTS, "request-thread-zh-CN.png"), fullPage: true });
  });

  await test.step("Putian's officer is told, sees the answer and replies; another user's notification is 404", async () => {
    const officer = await pageAs(browser, baseURL, OFFICER, "en");
    await officer.goto("/notifications");
    const sentence = fill(en.notification.text.request_answered, { organisation: "Platform Governance Department, IP Special Team", reference: CASE });
    const item = officer.getByTestId("notification").filter({ hasText: sentence }).first();
    await expect(item).toBeVisible();
    await officer.locator(".site-header").screenshot({ path: path.join(SCREENSHOTS, "notifications-bell-en.png") });
    await officer.screenshot({ path: path.join(SCREENSHOTS, "notifications-list-en.png"), fullPage: true });
    await item.getByRole("button").click();
    await expect(officer).toHaveURL((url) => url.pathname === threadPath);
    await expect(officer.locator("[data-request-status]").first()).toHaveText(TEXTS.en.caseVocabulary.informationRequestStatus.answered);
    await expect(officer.getByTestId("comment").filter({ hasText: "2,316" })).toContainText(en.requests.thread.answerMark);
    await officer.getByLabel(en.requests.thread.replyLabel).fill("Received, thank you. We will check the payment accounts against the 1688 store.");
    await officer.getByRole("button", { name: en.requests.thread.replySubmit }).click();
    await expect(officer.getByRole("status")).toHaveText(en.requests.thread.replied);
    await expect(officer.getByTestId("comment")).toHaveCount(2);
    await expect(officer.getByLabel(en.requests.thread.replyLabel)).toHaveValue("");
    // The asking side may close it.
    await expect(officer.getByRole("button", { name: en.requests.thread.closeSubmit })).toBeVisible();
    await officer.screenshot({ path: path.join(SCREENSHOTS, "request-thread-en.png"), fullPage: true });

    // The investigator's notification is not the officer's: 404, and it stays as it was.
    const response = await officer.goto(investigatorsNotification);
    expect(response?.status()).toBe(404);
    const forged = await officer.request.post(investigatorsNotification, { headers: { Origin: originOf(baseURL) }, maxRedirects: 0 });
    expect(forged.status()).toBe(404);
  });

  await test.step("the investigator asks Putian a new question with a due date; the officer is notified", async () => {
    const investigator = await pageAs(browser, baseURL, INVESTIGATOR, "en");
    await investigator.goto(`/cases/${caseId}`);
    const section = investigator.locator("#requests");
    await expect(section.getByRole("heading", { name: en.requests.sectionTitle })).toBeVisible();
    await expect(section.getByTestId("request-row").filter({ hasText: SEEDED_REQUEST })).toContainText(TEXTS.en.caseVocabulary.informationRequestStatus.answered);
    await section.screenshot({ path: path.join(SCREENSHOTS, "case-requests-section-en.png") });
    await section.getByRole("link", { name: en.requests.newRequest }).click();
    await expect(investigator).toHaveURL(new RegExp(`/cases/${caseId}/requests#new-request$`));
    const due = investigator.getByLabel(en.requests.form.dueDate);
    await expect(due).toHaveValue(chinaDay(3));

    // A date in the past is refused next to the field; what was typed stays.
    const subject = "Has the Dongqiao workshop been searched yet?";
    await investigator.getByLabel(en.requests.form.subject).fill(subject);
    await investigator.getByLabel(en.requests.form.body).fill("The stores are still shipping; we would like to plan closing them with your raid.");
    await due.fill(chinaDay(-2));
    await investigator.getByRole("button", { name: en.requests.form.submit }).click();
    await expect(investigator.locator("#new-request").getByText(en.requests.errors.dueInPast)).toBeVisible();
    await expect(investigator.getByLabel(en.requests.form.subject)).toHaveValue(subject);

    await investigator.getByLabel(en.requests.form.dueDate).fill(chinaDay(5));
    await investigator.getByRole("button", { name: en.requests.form.submit }).click();
    await expect(investigator).toHaveURL(/\/requests\/[0-9a-f-]{36}\?sent=1$/);
    await expect(investigator.getByRole("status")).toHaveText(fill(en.requests.form.sent, { other: "Putian Municipal Public Security Bureau" }));
    await expect(investigator.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    const [year, month, day] = chinaDay(5).split("-");
    await expect(investigator.locator(".collab-due")).toHaveText(fill(en.requests.thread.due, { time: `${month}/${day}/${year}, 23:59` }));

    const officer = await pageAs(browser, baseURL, OFFICER, "zh-CN");
    await officer.goto("/notifications");
    const sentence = fill(zh.notification.text.request_received, { organisation: "平台治理部知识产权专项组", reference: CASE });
    await expect(officer.getByTestId("notification").filter({ hasText: sentence }).filter({ hasText: subject })).toHaveAttribute("data-unread", "true");
    await officer.goto(`/cases/${caseId}/requests`);
    await expect(officer.getByTestId("request-row").filter({ hasText: subject })).toContainText(TEXTS["zh-CN"].caseVocabulary.informationRequestStatus.open);
  });

  await test.step("Guangzhou's officer gets 404 on the thread and the requests", async () => {
    const outsider = await pageAs(browser, baseURL, "officer@guangzhou.demo", "zh-CN");
    for (const target of [threadPath, `/cases/${caseId}/requests`]) {
      const response = await outsider.goto(target);
      expect(response?.status(), target).toBe(404);
      await expect(outsider.getByRole("heading", { level: 1 })).toHaveText(TEXTS["zh-CN"].errors.notFoundTitle);
    }
    const forged = await outsider.request.post(threadPath, {
      form: { intent: "comment", body: "x" },
      headers: { Origin: originOf(baseURL) },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(404);
  });
});
