/**
 * The sign-in form's validation: required fields in both languages (in the browser, and on the server for a
 * browser without JavaScript), and a failed sign-in that keeps what was typed.
 */
import { LOCALES, TEXTS, expect, signInFormError, submitSignInFormAndWait, test } from "./fixtures";

const REQUIRED = { en: "This field is required.", "zh-CN": "此项为必填项。" } as const;

for (const locale of LOCALES) {
  test.describe(`with a ${locale} browser`, () => {
    test.use({ locale });
    const t = TEXTS[locale];

    test("an empty form shows 'required' under both fields", async ({ page }) => {
      expect(t.validation.required).toBe(REQUIRED[locale]);
      await page.goto("/login");
      await page.getByRole("button", { name: t.login.submit, exact: true }).click();
      const email = page.getByLabel(t.login.email, { exact: true });
      const password = page.getByLabel(t.login.password, { exact: true });
      await expect(page.locator(".field").filter({ has: email }).getByRole("alert")).toHaveText(REQUIRED[locale]);
      await expect(page.locator(".field").filter({ has: password }).getByRole("alert")).toHaveText(REQUIRED[locale]);
      await expect(email).toHaveAttribute("aria-invalid", "true");
      await expect(page).toHaveURL((url) => url.pathname === "/login");
    });

    test("a failed sign-in keeps the typed e-mail", async ({ page }) => {
      // An address no account has, so no account's failure count moves.
      const typed = `someone.${locale.toLowerCase()}@nowhere.demo`;
      await page.goto("/login");
      const response = await submitSignInFormAndWait(page, locale, typed, "not-the-password");
      expect(response.status()).toBe(401);
      await expect(signInFormError(page)).toHaveText(t.login.invalidCredentials);
      await expect(page.getByLabel(t.login.email, { exact: true })).toHaveValue(typed);
    });
  });
}

test.describe("without JavaScript", () => {
  test.use({ locale: "zh-CN", javaScriptEnabled: false });

  test("the server checks the form too and answers in the page's language", async ({ page }) => {
    const t = TEXTS["zh-CN"];
    await page.goto("/login");
    await page.getByRole("button", { name: t.login.submit, exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/login");
    await expect(page.getByRole("alert").filter({ hasText: REQUIRED["zh-CN"] })).toHaveCount(2);

    await page.getByLabel(t.login.email, { exact: true }).fill("not-an-address");
    await page.getByLabel(t.login.password, { exact: true }).fill("x");
    await page.getByRole("button", { name: t.login.submit, exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: t.validation.email })).toBeVisible();
    await expect(page.getByLabel(t.login.email, { exact: true })).toHaveValue("not-an-address");
  });
});
