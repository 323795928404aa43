/**
 * The interface language: the browser's preference first, then the switch in the header, remembered in a
 * cookie for everyone and on the account of the signed-in (so it follows them to another browser).
 */
import {
  DEMO_PASSWORD,
  TEXTS,
  account,
  expect,
  greeting,
  originOf,
  submitSignInForm,
  test,
} from "./fixtures";

// language.spec.ts alone changes this account's saved language (see demo-world.ts).
const SWITCHER = account("supervisor@guangzhou.demo");

test.describe("with an English browser", () => {
  test.use({ locale: "en" });

  test("the sign-in page is English; the switch makes it Chinese and a cookie keeps it so", async ({ page, context }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(page.getByLabel(TEXTS.en.login.email, { exact: true })).toBeVisible();

    // The switch names the other language in that language, and says what it does in it too.
    const toChinese = page.getByRole("banner").getByRole("button", { name: TEXTS.en.nav.switchToLabel });
    await expect(toChinese).toHaveText("中文");
    await toChinese.click();

    await expect(page).toHaveURL((url) => url.pathname === "/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
    await expect(page.getByLabel(TEXTS["zh-CN"].login.email, { exact: true })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("button", { name: TEXTS["zh-CN"].nav.switchToLabel })).toHaveText(
      "English",
    );

    const languageCookie = (await context.cookies()).find((cookie) => cookie.name === "portal_lng");
    expect(languageCookie, "the portal_lng cookie").toBeDefined();
    // A Remix cookie: base64 of the JSON value.
    expect(JSON.parse(Buffer.from(decodeURIComponent(languageCookie!.value), "base64").toString("utf8"))).toBe("zh-CN");
    // Remembered across browser restarts: a persistent cookie, unlike the session's.
    expect(languageCookie!.expires).toBeGreaterThan(Date.now() / 1000 + 30 * 24 * 60 * 60);

    // A new load, and a new tab, still Chinese though the browser asks for English.
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
    const another = await context.newPage();
    await another.goto("/no-such-page");
    await expect(another.getByRole("heading", { level: 1 })).toHaveText(TEXTS["zh-CN"].errors.notFoundTitle);
    await another.close();

    // And back.
    await page.getByRole("banner").getByRole("button", { name: TEXTS["zh-CN"].nav.switchToLabel }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  });

  test("a signed-in user's choice is saved on the account and follows them to a fresh browser", async ({
    page,
    browser,
    baseURL,
  }) => {
    // Not signInViaForm: after an earlier run against this database the account may already say Chinese.
    await page.goto("/login");
    await submitSignInForm(page, "en", SWITCHER.email, DEMO_PASSWORD);
    await expect(page).toHaveURL((url) => url.pathname === "/");
    // Start from English on the account too, so the test holds however often it runs against one database.
    const reset = await page.request.post("/set-language", {
      form: { locale: "en", redirectTo: "/" },
      headers: { Origin: originOf(baseURL) },
    });
    expect(reset.ok()).toBe(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", SWITCHER.displayName));

    await page.getByRole("banner").getByRole("button", { name: TEXTS.en.nav.switchToLabel }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("zh-CN", SWITCHER.displayName));

    // Another browser: no cookies at all, and it prefers English.
    const fresh = await browser.newContext({ locale: "en" });
    try {
      const freshPage = await fresh.newPage();
      await freshPage.goto("/login");
      await expect(freshPage.locator("html")).toHaveAttribute("lang", "en");
      await submitSignInForm(freshPage, "en", SWITCHER.email, DEMO_PASSWORD);
      await expect(freshPage).toHaveURL((url) => url.pathname === "/");
      await expect(freshPage.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(freshPage.getByRole("heading", { level: 1 })).toHaveText(greeting("zh-CN", SWITCHER.displayName));
      await expect(freshPage.getByRole("banner").getByRole("button", { name: TEXTS["zh-CN"].nav.signOut })).toBeVisible();
      expect((await fresh.cookies()).some((cookie) => cookie.name === "portal_lng")).toBe(false);
    } finally {
      await fresh.close();
    }
  });
});

test.describe("with a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("the sign-in page is Chinese and offers English", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
    await expect(page.getByRole("banner").getByRole("button", { name: TEXTS["zh-CN"].nav.switchToLabel })).toHaveText(
      "English",
    );
  });
});
