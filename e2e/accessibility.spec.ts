/** Accessibility basics: the skip link, labelled inputs, the page language and landmarks. */
import { LOCALES, TEXTS, expect, signInViaForm, test, type Locale } from "./fixtures";
import type { Page } from "@playwright/test";

/** Every input a person can use has a <label for> and an accessible name. */
async function expectEveryInputLabelled(page: Page) {
  const inputs = page.locator("input:not([type=hidden]), select, textarea");
  const count = await inputs.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    const input = inputs.nth(index);
    const id = await input.getAttribute("id");
    expect(id, `input #${index} has an id`).toBeTruthy();
    await expect(page.locator(`label[for="${id}"]`), `a label for #${id}`).toHaveCount(1);
    await expect(input).toHaveAccessibleName(/\S/);
  }
  const buttons = page.getByRole("button");
  for (let index = 0; index < (await buttons.count()); index += 1) {
    await expect(buttons.nth(index)).toHaveAccessibleName(/\S/);
  }
}

async function expectSkipLinkFocusesMain(page: Page, locale: Locale) {
  const skip = page.getByRole("link", { name: TEXTS[locale].nav.skipToContent });
  await expect(skip).toHaveAttribute("href", "#main");
  await skip.focus();
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport(); // hidden off-screen until focused
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
}

for (const locale of LOCALES) {
  test.describe(`with a ${locale} browser`, () => {
    test.use({ locale });

    test("sign-in page: skip link, labelled inputs, language and landmarks", async ({ page }) => {
      await page.goto("/login");
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("main")).toHaveCount(1);
      await expect(page.getByRole("banner")).toHaveCount(1);
      await expect(page.getByRole("contentinfo")).toHaveCount(1);
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      // The skip link is the first thing in the page.
      expect(await page.evaluate(() => document.body.firstElementChild?.getAttribute("href"))).toBe("#main");
      await expectEveryInputLabelled(page);
      await expectSkipLinkFocusesMain(page, locale);
    });
  });
}

test("home page: the first Tab reaches the skip link, Enter moves focus to main", async ({ page }) => {
  await signInViaForm(page, "zh-CN", "supervisor@putian.demo");
  await page.goto("/"); // a fresh load, focus at the start of the document
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: TEXTS["zh-CN"].nav.skipToContent });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});
