/**
 * Signing in: every demo account in Chinese, a subset in English. Each lands on its home page with its
 * name, role and organisation, the main navigation, and signs out back to /login with the notice.
 */
import {
  DEMO_ACCOUNTS,
  DEMO_ORGANISATIONS,
  TEXTS,
  expect,
  greeting,
  organisationName,
  signInViaForm,
  signOutViaHeader,
  test,
  type DemoAccount,
  type Locale,
} from "./fixtures";

/** English is checked on one account per role, and the administrator's organisation table. */
const ENGLISH_SUBSET = [
  "investigator@platform.demo",
  "lead@platform.demo",
  "admin@platform.demo",
  "officer@putian.demo",
  "supervisor@putian.demo",
  "management@putian.demo",
];

const RUNS: { locale: Locale; accounts: readonly DemoAccount[] }[] = [
  { locale: "zh-CN", accounts: DEMO_ACCOUNTS },
  { locale: "en", accounts: DEMO_ACCOUNTS.filter((demo) => ENGLISH_SUBSET.includes(demo.email)) },
];

for (const { locale, accounts } of RUNS) {
  test.describe(`sign-in with a ${locale} browser`, () => {
    test.use({ locale });
    const t = TEXTS[locale];

    for (const demo of accounts) {
      test(`${demo.email} (${demo.role}) reaches home and signs out`, async ({ page }) => {
        await signInViaForm(page, locale, demo.email);

        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page).toHaveTitle(`${t.home.title} · ${t.app.shortName}`);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting(locale, demo.displayName));

        const facts = page.getByRole("main").locator("dl");
        await expect(facts.locator("div", { has: page.locator("dt", { hasText: t.home.role }) }).locator("dd")).toHaveText(
          t.roles[demo.role],
        );
        await expect(
          facts.locator("div", { has: page.locator("dt", { hasText: t.home.organisation }) }).locator("dd"),
        ).toContainText(organisationName(locale, demo.organisation));

        const header = page.getByRole("banner");
        await expect(header.getByRole("navigation", { name: t.nav.main })).toBeVisible();
        await expect(header.getByRole("navigation", { name: t.nav.main }).getByRole("link", { name: t.nav.home })).toBeVisible();
        await expect(header).toContainText(demo.displayName);
        await expect(header).toContainText(t.roles[demo.role]);

        // Only the administrator sees every organisation of the partnership.
        const organisationsTable = page.getByRole("region", { name: t.home.organisationsTitle });
        if (demo.role === "administrator") {
          await expect(organisationsTable).toBeVisible();
          const rows = organisationsTable.locator("tbody tr");
          await expect(rows).toHaveCount(Object.keys(DEMO_ORGANISATIONS).length);
          for (const code of Object.keys(DEMO_ORGANISATIONS) as (keyof typeof DEMO_ORGANISATIONS)[]) {
            await expect(rows.filter({ hasText: organisationName(locale, code) })).toHaveCount(1);
          }
        } else {
          await expect(organisationsTable).toHaveCount(0);
        }

        await signOutViaHeader(page, locale);
        // Signed out means signed out: home sends the visitor back to the sign-in page.
        await page.goto("/");
        await expect(page).toHaveURL((url) => url.pathname === "/login");
      });
    }
  });
}
