/**
 * Account lockout: five wrong passwords within 15 minutes lock the account for 15 minutes, and the form
 * answers a locked account, a wrong password and an unknown e-mail alike, so it reveals nothing.
 *
 * The lock outlives the run's other specs, so this spec has an account of its own (officer@jinhua.demo)
 * and runs after everything else (project "chromium-lockout" in playwright.config.ts).
 */
import { DEMO_PASSWORD, TEXTS, expect, signInFormError, submitSignInFormAndWait, test } from "./fixtures";

const LOCKED = "officer@jinhua.demo";
const LOCKOUT_THRESHOLD = 5;

test.use({ locale: "en" });

test("five wrong passwords lock the account; the right one then fails with the same message", async ({ page }) => {
  const message = TEXTS.en.login.invalidCredentials;
  await page.goto("/login");

  for (let attempt = 1; attempt <= LOCKOUT_THRESHOLD; attempt += 1) {
    const response = await submitSignInFormAndWait(page, "en", LOCKED, `wrong-password-${attempt}`);
    expect(response.status(), `attempt ${attempt}`).toBe(401);
    await expect(signInFormError(page), `attempt ${attempt}`).toHaveText(message);
    await expect(page).toHaveURL((url) => url.pathname === "/login");
  }
  const wrongPasswordText = await signInFormError(page).innerText();

  const locked = await submitSignInFormAndWait(page, "en", LOCKED, DEMO_PASSWORD);
  expect(locked.status()).toBe(401);
  await expect(signInFormError(page)).toHaveText(message);
  expect(await signInFormError(page).innerText()).toBe(wrongPasswordText);
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("banner").getByRole("button", { name: TEXTS.en.nav.signOut })).toHaveCount(0);

  // An e-mail no account has: the very same answer.
  await page.goto("/login");
  const unknown = await submitSignInFormAndWait(page, "en", "nobody@jinhua.demo", DEMO_PASSWORD);
  expect(unknown.status()).toBe(401);
  await expect(signInFormError(page)).toHaveText(message);
  expect(await signInFormError(page).innerText()).toBe(wrongPasswordText);

  // Still locked for a fresh browser, too (the lock is on the account, not the session).
  await page.context().clearCookies();
  await page.goto("/login");
  await submitSignInFormAndWait(page, "en", LOCKED, DEMO_PASSWORD);
  await expect(signInFormError(page)).toHaveText(message);
});
