/**
 * REQUIRE_TWO_FACTOR=true (the production default): a user without TOTP who enters the right password gets a
 * session good only for enrolling. Configuration is read once per process (env.server.ts), and vitest runs
 * each test file in a module context of its own, so setting it here affects this file alone.
 */
process.env.REQUIRE_TWO_FACTOR = "true";

import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { validateSessionToken } from "~/lib/auth.server";
import { env } from "~/lib/env.server";
import { useDatabaseForTesting } from "~/lib/db.server";
import { createSignInThrottle, signIn } from "./accounts.server";
import { getSessionInAnyStage, getViewer, requirePermission, requireSessionInStage } from "./policy.server";
import { META, requestWithCookie, tokenFromCookie, totpCode, userRow } from "./security.testing";
import { completeTotpEnrolment, disableOwnTwoFactor, startTotpEnrolment } from "./two-factor.server";

const PASSWORD = "a long demo passphrase 2026";
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: PASSWORD });
  useDatabaseForTesting(database);
});
afterAll(async () => {
  await database.destroy();
});

describe("two-factor sign-in required", () => {
  it("reads the setting", () => {
    expect(env().requireTwoFactor).toBe(true);
  });

  it("sends a user without TOTP to enrolment first, and lets them in once enrolled", async () => {
    const result = await signIn(database.db, { email: "officer@putian.demo", password: PASSWORD }, META, createSignInThrottle(1_000));
    expect(result).toMatchObject({ ok: true, next: "enrolment" });
    if (!result.ok) return;
    const token = tokenFromCookie(result.setCookie);
    expect((await validateSessionToken(database.db, token))?.stage).toBe("enrolment");

    // Signed out everywhere except the enrolment page.
    expect(await getViewer(requestWithCookie(result.setCookie))).toBeNull();
    const sent = await requirePermission(requestWithCookie(result.setCookie, "http://localhost/cases"), "case.view").catch((thrown: unknown) => thrown);
    expect((sent as Response).headers.get("Location")).toBe("/account/two-factor?redirectTo=%2Fcases");
    expect((await requireSessionInStage(requestWithCookie(result.setCookie), "enrolment")).viewer.email).toBe("officer@putian.demo");
    const wrongStage = await requireSessionInStage(requestWithCookie(result.setCookie), "second_factor").catch((thrown: unknown) => thrown);
    expect((wrongStage as Response).headers.get("Location")).toBe("/account/two-factor");

    const user = await userRow(database.db, "officer@putian.demo");
    const enrolment = await startTotpEnrolment(user);
    const enrolled = await completeTotpEnrolment(database.db, { token, user }, { enrolment: enrolment.enrolment, code: totpCode(enrolment.secret) }, META);
    expect(enrolled.ok).toBe(true);
    expect((await getViewer(requestWithCookie(result.setCookie)))?.email).toBe("officer@putian.demo");
    expect((await getSessionInAnyStage(requestWithCookie(result.setCookie)))?.session.stage).toBe("complete");

    // Turning it off is refused while it is required.
    expect(await disableOwnTwoFactor(database.db, { userId: user.id, organisationId: user.organisationId, email: user.email }, META)).toBe(false);
    expect((await userRow(database.db, "officer@putian.demo")).totpEnabledAt).not.toBeNull();
  });
});
