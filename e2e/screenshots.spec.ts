/**
 * Full-page screenshots for people to look at (no pixel assertions): the sign-in page and the home pages of
 * an investigator and the administrator, in both languages. Written to e2e/.artifacts/screenshots/ (or
 * E2E_ARTIFACTS_DIR/screenshots).
 */
import path from "node:path";
import { LOCALES, TEXTS, account, expect, greeting, signInByRequest, test } from "./fixtures";

const SCREENSHOTS = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "screenshots");

for (const locale of LOCALES) {
  test.describe(`screenshots in ${locale}`, () => {
    test.use({ locale });

    test("sign-in page", async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXTS[locale].login.title);
      await page.screenshot({ path: path.join(SCREENSHOTS, `login-${locale}.png`), fullPage: true });
    });

    for (const [label, email] of [
      ["investigator", "investigator@platform.demo"],
      ["admin", "admin@platform.demo"],
    ] as const) {
      test(`home page of the ${label}`, async ({ page, baseURL }) => {
        await signInByRequest(page.request, baseURL, email);
        await page.goto("/");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting(locale, account(email).displayName));
        await page.screenshot({ path: path.join(SCREENSHOTS, `home-${label}-${locale}.png`), fullPage: true });
      });
    }
  });
}
