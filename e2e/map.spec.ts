/**
 * Issue 5: the counterfeit map, in both languages. Management of the platform opens /map: the provinces are
 * drawn from the map package and shaded by the demo world's gangs (Fujian and Guangdong among the darkest),
 * each province on the map a link named with its figures, the table beside it giving the same figures, the
 * headline the top five's share. Switching to the factories layer changes the table's heading, order and
 * shares; Fujian's drill-down shows its cities, Putian with its gangs and factories, adding up to Fujian's
 * row of the country view. A category filter is applied and kept across layers and drill-down. Putian's
 * management sees its own agency's figures only; an investigator gets 403.
 *
 * Changes nothing in the demo world. Screenshots (country view with each layer, Fujian's cities) in both
 * languages go to E2E_ARTIFACTS_DIR/screenshots.
 */
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { PROVINCE_NAMES_EN } from "../app/components/statistics/provinces";
import { DEMO_ORGANISATIONS, DEMO_SETTLED_UNTIL, LOCALES, TEXTS, expect, signInByRequest, test, type Locale } from "./fixtures";

const SCREENSHOTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "screenshots");

const fill = (template: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((text, [key, value]) => text.replaceAll(`{{${key}}}`, String(value)), template);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const PROVINCE_NAMES_ZH: Record<string, string> = { "350000": "福建省", "440000": "广东省" };
const provinceName = (locale: Locale, code: string) => (locale === "zh-CN" ? PROVINCE_NAMES_ZH[code]! : PROVINCE_NAMES_EN[code]!);

/** "225 gangs" / "团伙 225 个", as the page writes a count (i18next's plural forms of each language). */
function countText(locale: Locale, kind: "gang" | "factory", count: number): string {
  const forms = TEXTS[locale].map.count;
  const formatted = new Intl.NumberFormat(locale).format(count);
  const form = count === 0 ? `${kind}_zero` : locale === "en" && count === 1 ? `${kind}_one` : `${kind}_other`;
  return fill(forms[form as keyof typeof forms], { formatted });
}

/** The accessible name of a place on the map, up to its categories: "Fujian: 225 gangs, 318 factories". */
const PUTIAN = { "zh-CN": "莆田市", en: "Putian" } as const;

function placeName(locale: Locale, name: string, gangs: number, factories: number): RegExp {
  const t = TEXTS[locale].map;
  const [withoutCategories] = t.placeLabelWithCategories.split(/[;；]/);
  const prefix = fill(withoutCategories!, { name, gangs: countText(locale, "gang", gangs), factories: countText(locale, "factory", factories) });
  return new RegExp(`^${escapeRegExp(prefix)}([;；]|$)`);
}

const number = (text: string) => Number(text.replace(/[^\d]/g, ""));

interface Row {
  code: string;
  name: string;
  gangs: number;
  factories: number;
  share: string;
}

/** The table's rows, read in one go. */
async function tableRows(page: Page): Promise<Row[]> {
  await expect(page.getByTestId("map-table")).toBeVisible();
  const rows = await page.getByTestId("map-table").evaluate((table) =>
    [...table.querySelectorAll("tbody tr")].map((row) => {
      const cell = (column: string) => row.querySelector(`[data-column="${column}"]`)?.textContent ?? "";
      const place = row.querySelector("th")!;
      return {
        code: row.getAttribute("data-code") ?? "",
        // The place's name: its link, or the cell's first text (the main categories follow it).
        name: ((place.querySelector("a") ?? place.firstChild)?.textContent ?? "").trim(),
        gangs: cell("gangs"),
        factories: cell("factories"),
        share: cell("share").trim(),
      };
    }),
  );
  return rows.map((row) => ({ ...row, gangs: number(row.gangs), factories: number(row.factories) }));
}

async function tableTotals(page: Page) {
  const foot = page.getByTestId("map-table").locator("tfoot");
  return { gangs: number(await foot.locator('[data-column="gangs"]').innerText()), factories: number(await foot.locator('[data-column="factories"]').innerText()) };
}

function area(page: Page, code: string): Locator {
  return page.getByTestId("choropleth").locator(`.map-area[data-code="${code}"]`);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

for (const locale of LOCALES) {
  test.describe(`the counterfeit map (${locale})`, () => {
    test.use({ locale });
    const t = TEXTS[locale].map;
    const tf = TEXTS[locale].statistics.filters;
    const categoryLabel = TEXTS[locale].caseVocabulary.category.footwear_apparel;

    test("management sees the provinces shaded by gangs, the same figures in the table, and switches to factories", async ({ page, baseURL }) => {
      test.setTimeout(60_000); // two full pages and their screenshots
      await signInByRequest(page.request, baseURL, "management@platform.demo");
      const response = await page.goto("/map");
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
      await expect(page.getByTestId("map-scope")).toHaveText(t.scopeAll);
      await expect(page.getByTestId("map-layer-gang")).toHaveAttribute("aria-current", "page");

      // Every provincial-level division is drawn, from the package, with Taiwan, Hong Kong and Macao.
      const map = page.getByTestId("choropleth");
      await expect(map.locator(".map-area")).toHaveCount(34);
      for (const code of ["710000", "810000", "820000", "460000"]) await expect(area(page, code).locator("path")).toHaveAttribute("d", /^M/);
      // The South China Sea islands in their inset, captioned (on two lines in English).
      expect((await map.locator(".map-inset-caption").textContent())?.replace(/\s/g, "")).toBe(t.map.southChinaSea.replace(/\s/g, ""));

      const rows = await tableRows(page);
      expect(rows.length).toBeGreaterThanOrEqual(5);
      // The table is the map's figures: ranked by gangs, adding up to the total.
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.gangs).toBeLessThanOrEqual(rows[i - 1]!.gangs);
      const totals = await tableTotals(page);
      expect(rows.reduce((sum, row) => sum + row.gangs, 0)).toBe(totals.gangs);
      expect(rows.reduce((sum, row) => sum + row.factories, 0)).toBe(totals.factories);
      await expect(page.getByTestId("map-totals")).toContainText(countText(locale, "gang", totals.gangs));

      // Fujian and Guangdong: shaded, darker than the lightest class, named with the table's figures.
      for (const code of ["350000", "440000"]) {
        const row = rows.find((each) => each.code === code)!;
        expect(row.name).toBe(provinceName(locale, code));
        expect(row.gangs).toBeGreaterThan(0);
        expect(Number(await area(page, code).getAttribute("data-class"))).toBeGreaterThanOrEqual(3);
        const link = map.getByRole("link", { name: placeName(locale, provinceName(locale, code), row.gangs, row.factories) });
        await expect(link).toHaveCount(1);
        await expect(link).toHaveAttribute("href", new RegExp(`province=${code}`));
      }
      // A province with none is grey, and still named.
      const empty = (await map.locator('.map-area[data-class="0"]').first().getAttribute("data-code"))!;
      expect(rows.some((row) => row.code === empty)).toBe(false);

      // The headline: the five largest provinces by gangs, in the table's order.
      const topFive = rows.slice(0, 5).map((row) => (locale === "zh-CN" ? row.name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, "") : row.name));
      const headline = page.getByTestId("map-headline");
      await expect(headline).toContainText(/\d+%/);
      for (const name of topFive) await expect(headline).toContainText(name);
      await expect(page.getByTestId("map-table").locator("caption")).toHaveText(t.table.captionCountry.gang);
      await expect(page.getByTestId("map-legend")).toContainText(t.legend.title.country.gang);

      // The provinces are reachable from the keyboard.
      const fujianLink = map.getByRole("link", { name: new RegExp(`^${escapeRegExp(provinceName(locale, "350000"))}`) });
      await fujianLink.focus();
      await expect(fujianLink).toBeFocused();
      await shot(page, `map-country-gangs-${locale}`);

      // Factories: the heading, the chosen column, the order and the shares change.
      await page.getByTestId("map-layer-factory").click();
      await expect(page).toHaveURL(/layer=factory/);
      await expect(page.getByTestId("map-layer-factory")).toHaveAttribute("aria-current", "page");
      await expect(page.getByTestId("map-table").locator("caption")).toHaveText(t.table.captionCountry.factory);
      await expect(page.getByTestId("map-table").locator("thead")).toContainText(t.table.share.factory);
      await expect(page.getByTestId("map-legend")).toContainText(t.legend.title.country.factory);
      const factoryRows = await tableRows(page);
      for (let i = 1; i < factoryRows.length; i++) expect(factoryRows[i]!.factories).toBeLessThanOrEqual(factoryRows[i - 1]!.factories);
      const top = factoryRows[0]!;
      expect(top.factories).toBeGreaterThan(0);
      const percent = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(top.factories / totals.factories);
      expect(top.share).toBe(percent);
      for (const code of ["350000", "440000"]) {
        const row = factoryRows.find((each) => each.code === code)!;
        expect(row.factories).toBeGreaterThan(0);
        expect(Number(await area(page, code).getAttribute("data-class"))).toBeGreaterThanOrEqual(1);
        await expect(area(page, code).locator("path")).toHaveAttribute("fill", /^#(?!eeeeec)/);
      }
      await shot(page, `map-country-factories-${locale}`);
    });

    test("drilling into Fujian shows its cities, Putian with its gangs and factories, adding up to Fujian's figures", async ({ page, baseURL }) => {
      await signInByRequest(page.request, baseURL, "management@platform.demo");
      // Read up to DEMO_SETTLED_UNTIL: the country view and the drill-down are two requests, and the minute
      // sweep may apply an earlier spec's Putian referral in between.
      await page.goto(`/map?layer=factory&to=${DEMO_SETTLED_UNTIL}`);
      const fujian = (await tableRows(page)).find((row) => row.code === "350000")!;
      await page.getByTestId("choropleth").getByRole("link", { name: new RegExp(`^${escapeRegExp(provinceName(locale, "350000"))}`) }).click();

      await expect(page).toHaveURL(/province=350000/);
      await expect(page).toHaveURL(/layer=factory/);
      await expect(page).toHaveURL(new RegExp(`to=${DEMO_SETTLED_UNTIL}`));
      await expect(page.getByRole("navigation", { name: t.breadcrumb.label })).toContainText(provinceName(locale, "350000"));
      await expect(page.getByTestId("map-table").locator("caption")).toHaveText(fill(t.table.captionProvince.factory, { province: provinceName(locale, "350000") }));
      await expect(page.getByLabel(tf.province, { exact: true })).toHaveValue("350000");

      // Fujian's nine cities are drawn; those with figures are listed.
      await expect(page.getByTestId("choropleth").locator(".map-area")).toHaveCount(9);
      const cities = await tableRows(page);
      const putian = cities.find((row) => row.code === "350300")!;
      // City names in the reader's language: 莆田市, or its pinyin in English.
      expect(putian.name).toBe(PUTIAN[locale]);
      expect(putian.gangs).toBeGreaterThan(0);
      expect(putian.factories).toBeGreaterThan(0);
      await expect(page.getByTestId("choropleth").getByRole("img", { name: placeName(locale, PUTIAN[locale], putian.gangs, putian.factories) })).toHaveCount(1);
      expect(Number(await area(page, "350300").getAttribute("data-class"))).toBeGreaterThanOrEqual(1);
      const totals = await tableTotals(page);
      expect(cities.reduce((sum, row) => sum + row.factories, 0)).toBe(totals.factories);
      expect(totals.gangs).toBe(fujian.gangs);
      expect(totals.factories).toBe(fujian.factories);
      await expect(page.getByTestId("map-headline")).toContainText(PUTIAN[locale]);
      await shot(page, `map-fujian-${locale}`);

      await page.getByTestId("map-back").click();
      await expect(page).toHaveURL((url) => url.pathname === "/map" && !url.searchParams.has("province") && url.searchParams.get("layer") === "factory");
      await expect(page.getByTestId("choropleth").locator(".map-area")).toHaveCount(34);
    });

    test("a category filter is applied, and kept across layers and the drill-down", async ({ page, baseURL }) => {
      await signInByRequest(page.request, baseURL, "management@platform.demo");
      await page.goto("/map");
      const all = await tableTotals(page);
      await page.getByLabel(tf.category, { exact: true }).selectOption({ label: categoryLabel });
      await page.getByRole("button", { name: tf.apply }).click();

      await expect(page).toHaveURL(/category=footwear_apparel/);
      await expect(page).toHaveURL(/layer=gang/);
      await expect(page.getByLabel(tf.category, { exact: true })).toHaveValue("footwear_apparel");
      const filtered = await tableTotals(page);
      expect(filtered.gangs).toBeGreaterThan(0);
      expect(filtered.gangs).toBeLessThan(all.gangs);
      // Every place's main category is the one chosen.
      for (const categories of await page.getByTestId("map-categories").allInnerTexts()) expect(categories).toContain(categoryLabel);

      await page.getByTestId("map-layer-factory").click();
      await expect(page).toHaveURL(/category=footwear_apparel/);
      await expect(page).toHaveURL(/layer=factory/);
      await expect(page.getByLabel(tf.category, { exact: true })).toHaveValue("footwear_apparel");
      expect((await tableTotals(page)).factories).toBeLessThanOrEqual(all.factories);

      await page.getByTestId("map-table").locator('tr[data-code="350000"] th a').click();
      await expect(page).toHaveURL(/province=350000/);
      await expect(page).toHaveURL(/category=footwear_apparel/);
      await expect(page.getByLabel(tf.category, { exact: true })).toHaveValue("footwear_apparel");
      await expect(page.getByTestId("map-back")).toHaveAttribute("href", /category=footwear_apparel/);
    });

    test("works without JavaScript: layers, drill-down and filters are links and a GET form", async ({ browser, baseURL }) => {
      const context = await browser.newContext({ locale, baseURL, javaScriptEnabled: false });
      const page = await context.newPage();
      await signInByRequest(page.request, baseURL, "management@platform.demo");
      await page.goto("/map");
      await page.getByTestId("map-layer-factory").click();
      await expect(page.getByTestId("map-table").locator("caption")).toHaveText(t.table.captionCountry.factory);
      await page.getByTestId("choropleth").getByRole("link", { name: new RegExp(`^${escapeRegExp(provinceName(locale, "440000"))}`) }).click();
      await expect(page).toHaveURL(/province=440000/);
      await expect(page.getByTestId("map-table").locator("caption")).toHaveText(fill(t.table.captionProvince.factory, { province: provinceName(locale, "440000") }));
      await page.getByLabel(tf.category, { exact: true }).selectOption("digital_accessories");
      await page.getByRole("button", { name: tf.apply }).click();
      await expect(page).toHaveURL((url) => url.searchParams.get("category") === "digital_accessories" && url.searchParams.get("layer") === "factory");
      await expect(page.getByTestId("map-back")).toBeVisible();
      await context.close();
    });

    test("an agency's management sees its own agency's figures only; an investigator is refused", async ({ page, browser, baseURL }) => {
      await signInByRequest(page.request, baseURL, "management@platform.demo");
      await page.goto("/map");
      const platformTotals = await tableTotals(page);

      const context = await browser.newContext({ locale, baseURL });
      const putianPage = await context.newPage();
      await signInByRequest(putianPage.request, baseURL, "management@putian.demo");
      await putianPage.goto("/map");
      const agency = locale === "zh-CN" ? DEMO_ORGANISATIONS["putian-psb"].nameZh : DEMO_ORGANISATIONS["putian-psb"].nameEn;
      await expect(putianPage.getByTestId("map-scope")).toHaveText(fill(t.scopeAgency, { agency }));
      await expect(putianPage.getByLabel(tf.agency, { exact: true })).toHaveCount(0);
      const putianTotals = await tableTotals(putianPage);
      expect(putianTotals.gangs).toBeGreaterThan(0);
      expect(putianTotals.gangs).toBeLessThan(platformTotals.gangs);
      // Putian's leads are mostly Fujian's: Fujian leads its table.
      expect((await tableRows(putianPage))[0]!.code).toBe("350000");
      await context.close();

      const investigator = await browser.newContext({ locale, baseURL });
      const investigatorPage = await investigator.newPage();
      await signInByRequest(investigatorPage.request, baseURL, "investigator@platform.demo");
      const refused = await investigatorPage.goto("/map");
      expect(refused?.status()).toBe(403);
      await investigator.close();
    });
  });
}
