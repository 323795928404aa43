/** The 404 page in both languages, and the readiness probe. */
import { LOCALES, TEXTS, expect, test } from "./fixtures";

const NOT_FOUND_TITLE = { en: "Page not found", "zh-CN": "页面不存在" } as const;

for (const locale of LOCALES) {
  test.describe(`with a ${locale} browser`, () => {
    test.use({ locale });

    test("an unknown address shows the 404 page", async ({ page }) => {
      const t = TEXTS[locale];
      const response = await page.goto("/no-such-page/anywhere?x=1");
      expect(response?.status()).toBe(404);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(NOT_FOUND_TITLE[locale]);
      expect(t.errors.notFoundTitle).toBe(NOT_FOUND_TITLE[locale]);
      await expect(page.getByText(t.errors.statusCode.replace("{{status}}", "404"), { exact: true })).toBeVisible();
      await expect(page.getByText(t.errors.notFoundBody)).toBeVisible();
      // Inside the normal layout, with a way back.
      await expect(page.getByRole("banner")).toBeVisible();
      await page.getByRole("link", { name: t.errors.backHome }).click();
      await expect(page).toHaveURL((url) => url.pathname === "/login"); // home, which sends the signed-out to sign in
    });
  });
}

test("/healthz answers 200 {status: ok}", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toEqual({ status: "ok" });
});
