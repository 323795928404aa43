/**
 * What guards every page: the Origin check on state-changing requests (CSRF), the session cookie's
 * attributes, the security headers, and a session that ends when its user signs out.
 */
import { DEMO_PASSWORD, TEXTS, expect, originOf, signInViaForm, signOutViaHeader, test } from "./fixtures";

const FORBIDDEN = /403 Forbidden/;

test.describe("state-changing requests need this portal's Origin", () => {
  for (const path of ["/login", "/logout", "/set-language"]) {
    test(`POST ${path} from another site gets 403`, async ({ request }) => {
      const response = await request.post(path, {
        headers: { Origin: "http://evil.example" },
        form: { email: "investigator@platform.demo", password: DEMO_PASSWORD, locale: "en" },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(403);
      expect(await response.text()).toMatch(FORBIDDEN);
      expect(response.headers()["set-cookie"]).toBeUndefined();
    });

    test(`POST ${path} with no Origin gets 403`, async ({ request }) => {
      const response = await request.post(path, {
        form: { email: "investigator@platform.demo", password: DEMO_PASSWORD, locale: "en" },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(403);
      expect(await response.text()).toMatch(FORBIDDEN);
    });
  }

  test("the same POST with this portal's Origin reaches the route", async ({ request, baseURL }) => {
    // An empty form, so no account is touched: the route answers with its validation errors.
    const response = await request.post("/login", { headers: { Origin: originOf(baseURL) }, form: {}, maxRedirects: 0 });
    expect(response.status()).toBe(400);
  });

  test("a foreign Origin is refused even with a valid session cookie", async ({ page }) => {
    await signInViaForm(page, "zh-CN", "management@platform.demo");
    const response = await page.request.post("/logout", { headers: { Origin: "http://evil.example" }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    await page.reload();
    // Still signed in: the forged sign-out did nothing.
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("banner").getByRole("button", { name: TEXTS["zh-CN"].nav.signOut })).toBeVisible();
  });
});

test.describe("session cookie", () => {
  test("is __Host- prefixed, HttpOnly, Secure, SameSite=Lax and ends with the browser", async ({ page, context }) => {
    await signInViaForm(page, "zh-CN", "lead@platform.demo");
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name.endsWith("portal_session"));
    expect(session, "a session cookie").toBeDefined();
    expect(session).toMatchObject({
      name: "__Host-portal_session",
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      expires: -1,
    });
    // A __Host- cookie has no Domain attribute: it is sent to this host only.
    expect(session!.domain).toBe("localhost");
    expect(session!.value.length).toBeGreaterThanOrEqual(32);
    // Page scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain("portal_session");
  });

  test("is dead on the server once its user signs out", async ({ page, context, playwright, baseURL }) => {
    await signInViaForm(page, "zh-CN", "investigator@platform.demo");
    const session = (await context.cookies()).find((cookie) => cookie.name === "__Host-portal_session");
    expect(session).toBeDefined();
    await signOutViaHeader(page, "zh-CN");
    expect((await context.cookies()).some((cookie) => cookie.name === "__Host-portal_session")).toBe(false);

    // Replaying the old token (as someone who had copied it would) no longer opens the home page.
    const replay = await playwright.request.newContext({ baseURL });
    try {
      const response = await replay.get("/", {
        headers: { Cookie: `__Host-portal_session=${session!.value}` },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(302);
      expect(response.headers()["location"]).toBe("/login");
    } finally {
      await replay.dispose();
    }
  });
});

test("pages carry the security headers", async ({ page }) => {
  for (const path of ["/login", "/no-such-page"]) {
    const response = await page.goto(path);
    expect(response, path).not.toBeNull();
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, `${path} content-security-policy`).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBeTruthy();
    expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
  // The nonce changes per response, and the page's own scripts carry it (or they would not run).
  const first = (await page.goto("/login"))!.headers()["content-security-policy"];
  const second = (await page.goto("/login"))!.headers()["content-security-policy"];
  expect(first).not.toBe(second);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXTS["zh-CN"].login.title);
});
