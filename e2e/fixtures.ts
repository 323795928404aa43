/**
 * Shared pieces for the end-to-end specs: the demo accounts, the interface texts in both languages, and
 * sign-in helpers (through the form, as a person does, or by request when the form is not under test).
 *
 * Texts come from the app's own dictionaries, so a copy edit does not break the suite while a missing or
 * wrong translation key (shown raw, or in the other language) still does.
 */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { en } from "../app/locales/en";
import { zhCN } from "../app/locales/zh-CN";
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PASSWORD, type DemoAccount } from "./demo-world";

export { expect, test } from "@playwright/test";
export { DEMO_ACCOUNTS, DEMO_SETTLED_UNTIL, DEMO_ORGANISATIONS, DEMO_PASSWORD, type DemoAccount, type Role } from "./demo-world";

export type Locale = "zh-CN" | "en";
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
export const TEXTS = { "zh-CN": zhCN, en } as const;

export function account(email: string): DemoAccount {
  const found = DEMO_ACCOUNTS.find((candidate) => candidate.email === email);
  if (!found) throw new Error(`No demo account ${email}`);
  return found;
}

/** "Hello, {{name}}" / "{{name}}，您好" filled in. */
export function greeting(locale: Locale, name: string): string {
  return TEXTS[locale].home.greeting.replace("{{name}}", name);
}

export function organisationName(locale: Locale, code: keyof typeof DEMO_ORGANISATIONS): string {
  const organisation = DEMO_ORGANISATIONS[code];
  return locale === "zh-CN" ? organisation.nameZh : organisation.nameEn;
}

/** The origin the server sees for this run; a state-changing request without it is refused (403). */
export function originOf(baseURL: string | undefined): string {
  if (!baseURL) throw new Error("baseURL is not set (playwright.config.ts)");
  return new URL(baseURL).origin;
}

/** Fills in and submits the sign-in form of the page already shown, in the given interface language. */
export async function submitSignInForm(page: Page, locale: Locale, email: string, password: string): Promise<void> {
  const t = TEXTS[locale].login;
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.submit, exact: true }).click();
}

/** Signs in through /login as a person would, and waits for the home page. */
export async function signInViaForm(
  page: Page,
  locale: Locale,
  email: string,
  options: { password?: string; path?: string } = {},
): Promise<void> {
  await page.goto(options.path ?? "/login");
  await expect(page.getByRole("heading", { level: 1, name: TEXTS[locale].login.title })).toBeVisible();
  await submitSignInForm(page, locale, email, options.password ?? DEMO_PASSWORD);
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: greeting(locale, account(email).displayName) })).toBeVisible();
}

/**
 * Signs in by posting the form directly (the session cookie lands in the page's browser context), for specs
 * that test what comes after signing in rather than the form itself.
 */
export async function signInByRequest(request: APIRequestContext, baseURL: string | undefined, email: string) {
  const response = await request.post("/login", {
    form: { email, password: DEMO_PASSWORD, redirectTo: "/" },
    headers: { Origin: originOf(baseURL) },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in as ${email}`).toBe(302);
  expect(response.headers()["location"]).toBe("/");
}

/**
 * Submits the sign-in form and waits for the server's answer, whether the browser posted it itself or
 * (once hydrated) through Remix: a repeated failure shows the same message, so the text alone cannot
 * tell that the new attempt has been answered.
 */
export async function submitSignInFormAndWait(page: Page, locale: Locale, email: string, password: string) {
  const answered = page.waitForResponse(
    (response) => new URL(response.url()).pathname === "/login" && response.request().method() === "POST",
  );
  await submitSignInForm(page, locale, email, password);
  return answered;
}

/** The sign-in form's own error (not a field's), e.g. invalid credentials. */
export function signInFormError(page: Page) {
  return page.locator("#sign-in > [role=alert]");
}

/** Signs out with the header button and checks the sign-in page's notice. */
export async function signOutViaHeader(page: Page, locale: Locale): Promise<void> {
  const t = TEXTS[locale];
  await page.getByRole("banner").getByRole("button", { name: t.nav.signOut, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("signedOut") === "1");
  await expect(page.getByRole("status")).toHaveText(t.login.signedOut);
  await expect(page.getByRole("heading", { level: 1, name: t.login.title })).toBeVisible();
}
