/**
 * Where signing in leads: a signed-out visitor is sent to /login and brought back afterwards, but only ever
 * to a path on this portal (no open redirect).
 */
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, TEXTS, account, expect, greeting, originOf, signInViaForm, submitSignInForm, test } from "./fixtures";

test.use({ locale: "en" });

/** Answers any request to evil.example locally, so a bad redirect shows up as a URL, not a DNS error. */
async function trapEvilExample(page: Page) {
  await page.context().route(
    (url) => url.hostname === "evil.example",
    (route) => route.fulfill({ status: 200, contentType: "text/plain", body: "evil.example" }),
  );
}

test("a signed-out visit to / goes to /login", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.ok()).toBe(true);
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXTS.en.login.title);
});

test("signing in from /login?redirectTo=/ lands home", async ({ page }) => {
  await signInViaForm(page, "en", "lead@platform.demo", { path: "/login?redirectTo=%2F" });
  await expect(page).toHaveURL((url) => url.pathname === "/" && url.search === "");
});

const OFF_SITE_TARGETS = [
  "//evil.example",
  "https://evil.example/",
  "/\\evil.example",
  // Browsers drop tabs from URLs, so "/<TAB>/evil.example" would become "//evil.example".
  "/\t/evil.example",
  // Resolves to the path "//evil.example".
  "/..//evil.example",
];

for (const target of OFF_SITE_TARGETS) {
  test(`redirectTo=${JSON.stringify(target)} lands on this portal's home page instead`, async ({ page, baseURL }) => {
    await trapEvilExample(page);
    const demo = account("management@platform.demo");
    await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`);
    await submitSignInForm(page, "en", demo.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(`${originOf(baseURL)}/`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", demo.displayName));

    // A signed-in visitor following the same link is sent home as well.
    await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`);
    await expect(page).toHaveURL(`${originOf(baseURL)}/`);
  });
}
