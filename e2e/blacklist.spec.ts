/**
 * The quarterly blacklist from proposal to publication, on the demo world's blacklist (db/seed-blacklist.ts:
 * version 1 with the Yuetang workshop and the Xindu factory, a correction withdrawing the Yuetang workshop's
 * credit code, a draft carrying both forward with the lead's own proposal of the Huating workshop awaiting
 * review; the Wutang business left as a candidate). Only that data is used: other specs run on the same database.
 *
 * - the investigator (Chinese) proposes the Wutang business, whose credit code is not to be published;
 * - the platform lead (English) is refused approving their own proposal (two-person rule) and withdraws it,
 *   approves the investigator's, and signs off: the password again on /reauthenticate, back to the sign-off,
 *   version 2 published;
 * - version 1 stays readable with its corrections; a new correction recorded on it shows there at once;
 * - management reads the list but has no draft or correction controls, and the draft is 403 for it;
 * - the PDF's text (pdftotext) and the parsed CSV hold only published values.
 *
 * It leaves version 2 published and a draft of version 3 (the new correction carried out in it).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, TEXTS, expect, signInByRequest, test, type Locale } from "./fixtures";

const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts");
const SCREENSHOTS = path.join(ARTIFACTS, "screenshots");

/** What the demo seed puts on the blacklist, written out on purpose. */
const SEEDED = {
  yuetang: { name: "莆田市秀屿区月塘建国鞋服商行", code: "92350305MA2WRM4K0C" },
  xindu: { name: "莆田市荔城区海滨鞋服贸易有限公司", code: "91350304MA2YQ0D81H" },
  wutang: { name: "莆田市涵江区梧塘志勇鞋业商行", code: "92350303MA33WT6J1X" },
  huating: { name: "莆田市城厢区华亭国庆鞋业加工部", code: "92350302MA34HT2Q5Q" },
};
const INVESTIGATOR = "investigator@platform.demo";
const LEAD = "lead@platform.demo";

test.describe.configure({ mode: "serial" });

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replaceAll(`{{${key}}}`, String(value)), text);

async function pageAs(browser: Browser, baseURL: string | undefined, email: string, locale: Locale): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, timezoneId: "Asia/Shanghai", viewport: { width: 1280, height: 900 } });
  await signInByRequest(context.request, baseURL, email);
  return context.newPage();
}

/** Conform's forms validate in the browser once hydrated; wait for it so a click is not a plain post. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined);
  await page.waitForLoadState("networkidle");
}

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Finds a candidate with the draft's search and opens its proposal form. */
async function openProposal(page: Page, locale: Locale, name: string) {
  const t = TEXTS[locale].blacklist.candidates;
  await page.getByLabel(t.searchLabel, { exact: true }).fill(name);
  await page.getByRole("button", { name: t.searchSubmit, exact: true }).click();
  await expect(page.getByTestId("blacklist-candidate")).toHaveCount(1);
  await page.getByRole("link", { name: fill(t.proposeLabel, { name }) }).click();
  await expect(page.getByRole("heading", { level: 2, name: fill(t.proposeTitle, { name }) })).toBeVisible();
}

/** The review form of a proposal in the draft. */
function reviewForm(page: Page, locale: Locale, name: string) {
  return page.getByRole("form", { name: fill(TEXTS[locale].blacklist.review.legend, { name }) });
}

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\n" || character === "\r") {
      if (character === "\r" && text[index + 1] === "\n") index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += character;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The PDF's text in the order it was written (-raw): a table cell whose text wraps stays in one piece. */
function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8", maxBuffer: 32 * 1024 * 1024 });
}

let quarter = "";

test("the investigator proposes the Wutang business, its credit code kept out of publication (Chinese)", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const zh = TEXTS["zh-CN"].blacklist;
  const page = await pageAs(browser, baseURL, INVESTIGATOR, "zh-CN");
  await page.goto("/blacklist");
  await expect(page.getByRole("heading", { level: 1, name: zh.title })).toBeVisible();
  const heading = page.getByRole("heading", { level: 2, name: /^第 1 版 · \d{4}-Q[1-4]$/ });
  await expect(heading).toBeVisible();
  await screenshot(page, "blacklist-list-zh-CN");
  await page.getByRole("link", { name: zh.draftLink }).click();
  await expect(page).toHaveURL(/\/blacklist\/draft$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^第 2 版草稿 · \d{4}-Q[1-4]$/);
  const draftHeading = await page.getByRole("heading", { level: 1 }).textContent();
  quarter = /(\d{4}-Q[1-4])/.exec(draftHeading ?? "")?.[1] ?? "";
  expect(draftHeading).toBe(fill(zh.draft.heading, { number: 2, quarter }));
  // The investigator proposes; only a platform lead reviews and signs off.
  await expect(page.getByRole("heading", { name: zh.publish.title })).toHaveCount(0);
  await expect(page.getByRole("button", { name: zh.review.approve })).toHaveCount(0);

  await hydrated(page);
  await openProposal(page, "zh-CN", SEEDED.wutang.name);
  const fields = page.getByRole("group", { name: zh.candidates.fieldsLegend });
  // As the investigator chose when recording the candidate: everything but the credit code.
  await expect(fields.getByLabel(zh.field.credit_code)).not.toBeChecked();
  await expect(fields.getByLabel(zh.field.name)).toBeChecked();
  // Without a reason the form says so and keeps what was chosen.
  await page.getByRole("button", { name: zh.candidates.submit }).click();
  await expect(page.locator("#propose").getByText(TEXTS["zh-CN"].validation.required)).toBeVisible();
  await page.getByLabel(zh.candidates.note).fill("仓库查封假冒 Air Jordan 326 箱，关联店铺已关闭；信用代码关联经营者个人，不予公开。");
  await page.getByRole("button", { name: zh.candidates.submit }).click();
  await expect(page.getByRole("status").filter({ hasText: zh.notice.proposed })).toBeVisible();
  const pending = page.locator("#pending");
  await expect(pending.getByText(SEEDED.wutang.name, { exact: true })).toBeVisible();
  await expect(pending.getByText(SEEDED.huating.name, { exact: true })).toBeVisible();
  await screenshot(page, "blacklist-draft-zh-CN");
  await page.context().close();
});

test("the lead may not approve their own proposal, approves the investigator's and signs off version 2 with the password (English)", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const en = TEXTS.en.blacklist;
  const page = await pageAs(browser, baseURL, LEAD, "en");
  await page.goto("/blacklist/draft");
  await expect(page.getByRole("heading", { level: 1, name: fill(en.draft.heading, { number: 2, quarter }) })).toBeVisible();
  await hydrated(page);

  // The lead's own proposal: another lead must approve it (two-person rule). The note stays.
  const own = reviewForm(page, "en", SEEDED.huating.name);
  await expect(own.getByText(en.review.ownProposal)).toBeVisible();
  await own.getByLabel(en.review.note).fill("Withdrawn: wait for the judgment.");
  await own.getByRole("button", { name: en.review.approve }).click();
  await expect(own.getByRole("alert").filter({ hasText: en.problem.ownProposal })).toBeVisible();
  await expect(own.getByLabel(en.review.note)).toHaveValue("Withdrawn: wait for the judgment.");
  await own.getByRole("button", { name: en.review.reject }).click();
  await expect(page.getByRole("status").filter({ hasText: en.notice.rejected })).toBeVisible();

  // The investigator's proposal.
  const form = reviewForm(page, "en", SEEDED.wutang.name);
  await expect(form.getByText(en.review.ownProposal)).toHaveCount(0);
  await form.getByLabel(en.review.note).fill("Approved; the credit code stays unpublished.");
  await form.getByRole("button", { name: en.review.approve }).click();
  await expect(page.getByRole("status").filter({ hasText: en.notice.approved })).toBeVisible();
  await expect(reviewForm(page, "en", SEEDED.wutang.name)).toHaveCount(0);
  await expect(page.locator("#pending").getByText(en.draft.pendingNone)).toBeVisible();
  await expect(page.locator("#rejected").getByText(SEEDED.huating.name, { exact: true })).toBeVisible();
  await screenshot(page, "blacklist-draft-en");

  // Sign-off: the password again, then back to the sign-off with the note.
  const signOff = page.locator("#sign-off");
  await signOff.getByLabel(en.publish.note).fill("Second list of the quarter.");
  await signOff.getByRole("button", { name: fill(en.publish.submit, { number: 2 }) }).click();
  await expect(page).toHaveURL(/\/reauthenticate\?/);
  await expect(page.getByRole("heading", { level: 1, name: TEXTS.en.account.reauth.title })).toBeVisible();
  await page.getByLabel(TEXTS.en.account.reauth.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: TEXTS.en.account.reauth.submit }).click();
  await expect(page).toHaveURL(/\/blacklist\/draft\?publicationNote=/);
  await expect(page.locator("#sign-off").getByLabel(en.publish.note)).toHaveValue("Second list of the quarter.");
  await hydrated(page);
  await page.locator("#sign-off").getByRole("button", { name: fill(en.publish.submit, { number: 2 }) }).click();
  await expect(page).toHaveURL(/\/blacklist\?notice=published&number=2$/);
  await expect(page.getByRole("status").filter({ hasText: fill(en.notice.published, { number: 2 }) })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: fill(en.version.heading, { number: 2, quarter }) })).toBeVisible();

  const table = page.getByTestId("blacklist-entries");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  const row = (name: string) => table.locator("tbody tr").filter({ hasText: name });
  await expect(row(SEEDED.xindu.name)).toContainText(SEEDED.xindu.code);
  await expect(row(SEEDED.wutang.name)).toContainText(en.notPublished);
  await expect(row(SEEDED.yuetang.name)).toContainText(en.notPublished);
  await expect(table).not.toContainText(SEEDED.wutang.code);
  await expect(table).not.toContainText(SEEDED.yuetang.code);
  await expect(table).not.toContainText(SEEDED.huating.name);
  // The correction to version 1 is carried out in version 2.
  await expect(page.getByRole("heading", { level: 2, name: en.corrections.carriesOutTitle })).toBeVisible();
  await screenshot(page, "blacklist-list-en");
  await page.context().close();
});

test("version 1 stays readable, and a correction recorded on it shows there at once", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const en = TEXTS.en.blacklist;
  const lead = await pageAs(browser, baseURL, LEAD, "en");
  // A new session: recording the correction will ask for the password again.
  await lead.goto("/blacklist/versions/1");
  await expect(lead.getByRole("heading", { level: 1, name: fill(en.version.title, { number: 1 }) })).toBeVisible();
  await expect(lead.getByText(fill(en.version.notLatest, { number: 2 }))).toBeVisible();
  const corrections = lead.locator("#corrections");
  await expect(corrections.getByRole("link", { name: fill(en.corrections.correctedIn, { number: 2 }) })).toBeVisible();
  await hydrated(lead);

  const row = lead.getByTestId("blacklist-entries").locator("tbody tr").filter({ hasText: SEEDED.xindu.name });
  await row.getByText(en.correctionForm.open).click();
  await row.getByLabel(en.correctionForm.kindOption.removed).check();
  const reason = "The procuratorate sent the case back for further investigation: removed until it decides to prosecute.";
  await row.getByLabel(en.correctionForm.reason).fill(reason);
  await row.getByRole("button", { name: en.correctionForm.submit }).click();
  // A new session: the password again, then back to the form with what was typed.
  await expect(lead).toHaveURL(/\/reauthenticate\?/);
  await lead.getByLabel(TEXTS.en.account.reauth.password, { exact: true }).fill(DEMO_PASSWORD);
  await lead.getByRole("button", { name: TEXTS.en.account.reauth.submit }).click();
  await expect(lead).toHaveURL(/\/blacklist\/versions\/1\?correct=/);
  const back = lead.getByTestId("blacklist-entries").locator("tbody tr").filter({ hasText: SEEDED.xindu.name });
  await expect(back.getByLabel(en.correctionForm.reason)).toHaveValue(reason);
  await expect(back.getByLabel(en.correctionForm.kindOption.removed)).toBeChecked();
  await hydrated(lead);
  await back.getByRole("button", { name: en.correctionForm.submit }).click();
  await expect(lead).toHaveURL(/\/blacklist\/versions\/1\?notice=corrected/);
  await expect(lead.getByRole("status").filter({ hasText: en.notice.corrected })).toBeVisible();
  const removal = lead.locator("#corrections .bl-correction").filter({ hasText: reason });
  await expect(removal).toContainText(en.corrections.pending);
  await expect(removal).toContainText(fill(en.corrections.about, { position: 2, name: SEEDED.xindu.name }));
  await lead.context().close();

  // Read in Chinese: both corrections on version 1, which is unchanged (it published the Yuetang credit code).
  const zh = TEXTS["zh-CN"].blacklist;
  const reader = await pageAs(browser, baseURL, INVESTIGATOR, "zh-CN");
  await reader.goto("/blacklist/versions/1");
  await expect(reader.getByRole("heading", { level: 1, name: fill(zh.version.title, { number: 1 }) })).toBeVisible();
  await expect(reader.locator("#corrections .bl-correction")).toHaveCount(2);
  await expect(reader.locator("#corrections")).toContainText(fill(zh.corrections.correctedIn, { number: 2 }));
  await expect(reader.locator("#corrections")).toContainText(zh.corrections.pending);
  await expect(reader.getByTestId("blacklist-entries")).toContainText(SEEDED.yuetang.code);
  await expect(reader.getByTestId("blacklist-entries").locator("tbody tr")).toHaveCount(2);
  await screenshot(reader, "blacklist-version-1-zh-CN");
  await reader.context().close();
});

test("management reads the list but has no draft or correction controls", async ({ browser, baseURL }) => {
  const zh = TEXTS["zh-CN"].blacklist;
  const page = await pageAs(browser, baseURL, "management@platform.demo", "zh-CN");
  await page.goto("/blacklist");
  await expect(page.getByRole("heading", { level: 2, name: fill(zh.version.heading, { number: 2, quarter }) })).toBeVisible();
  await expect(page.getByTestId("blacklist-entries").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByRole("link", { name: zh.draftLink })).toHaveCount(0);
  await expect(page.getByText(zh.correctionForm.open)).toHaveCount(0);
  expect((await page.request.get("/blacklist/draft")).status()).toBe(403);
  await page.context().close();

  // The police side's management reads it too, in English.
  const police = await pageAs(browser, baseURL, "management@putian.demo", "en");
  await police.goto("/blacklist/versions/2");
  await expect(police.getByRole("heading", { level: 1, name: fill(TEXTS.en.blacklist.version.title, { number: 2 }) })).toBeVisible();
  await expect(police.getByRole("link", { name: TEXTS.en.blacklist.draftLink })).toHaveCount(0);
  await screenshot(police, "blacklist-version-2-en");
  await police.context().close();
});

test("the PDF and the CSV hold only published values", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const page = await pageAs(browser, baseURL, "management@platform.demo", "zh-CN");
  await page.goto("/blacklist/versions/2");
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const zh = TEXTS["zh-CN"].blacklist;

  const pdfDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: fill(zh.exports.pdfLabel, { number: 2 }) }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe(`blacklist-v2-${quarter}.pdf`);
  const pdfFile = path.join(ARTIFACTS, pdf.suggestedFilename());
  await pdf.saveAs(pdfFile);
  const text = pdfText(pdfFile).replace(/\s+/g, "");
  for (const expected of [zh.pdf.title, fill(zh.pdf.subtitle, { number: 2, quarter }), SEEDED.yuetang.name, SEEDED.xindu.name, SEEDED.wutang.name, SEEDED.xindu.code, "福建省"]) {
    expect(text, expected).toContain(expected.replace(/\s+/g, ""));
  }
  for (const hidden of [SEEDED.wutang.code, SEEDED.yuetang.code, SEEDED.huating.name, SEEDED.huating.code]) expect(text, hidden).not.toContain(hidden);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  execFileSync("pdftoppm", ["-png", "-r", "70", pdfFile, path.join(SCREENSHOTS, "blacklist-v2-pdf")]);

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: fill(zh.exports.csvLabel, { number: 2 }) }).click();
  const csv = fs.readFileSync((await (await csvDownload).path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(csv.slice(1)).filter((row) => row.some(Boolean));
  expect(header).toEqual([zh.csv.version, zh.csv.quarter, zh.field.position, zh.field.name, zh.field.credit_code, zh.field.province, zh.field.category, zh.field.reason, zh.csv.correction]);
  expect(rows.map((row) => [row[0], row[1], row[3], row[4]])).toEqual([
    ["2", quarter, SEEDED.yuetang.name, ""],
    ["2", quarter, SEEDED.xindu.name, SEEDED.xindu.code],
    ["2", quarter, SEEDED.wutang.name, ""],
  ]);
  expect(rows.every((row) => row[5] === "福建省" && row[6] === TEXTS["zh-CN"].caseVocabulary.category.footwear_apparel)).toBe(true);
  expect(csv).not.toContain(SEEDED.wutang.code);
  expect(csv).not.toContain(SEEDED.yuetang.code);
  await page.context().close();
});
