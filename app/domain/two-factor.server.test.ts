import { and, eq, isNull } from "drizzle-orm";
import { recoveryCodes, sessions, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { createUserSession, hashSessionToken, validateSessionToken } from "~/lib/auth.server";
import { decryptSecret } from "~/lib/crypto.server";
import { useDatabaseForTesting } from "~/lib/db.server";
import { createSignInThrottle, LOCKOUT_THRESHOLD, signIn } from "./accounts.server";
import { reauthenticate } from "./account-security.server";
import { verifyAuditChain } from "./audit.server";
import { getViewer, requireRecentReauthentication, requireViewer } from "./policy.server";
import { auditOf, META, requestWithCookie, tokenFromCookie, totpCode, userRow, viewerOf, wrongTotpCode } from "./security.testing";
import {
  completeSecondFactor,
  completeTotpEnrolment,
  countUnusedRecoveryCodes,
  openTotpEnrolment,
  regenerateRecoveryCodes,
  RECOVERY_CODE_COUNT,
  startTotpEnrolment,
} from "./two-factor.server";

const PASSWORD = "a long demo passphrase 2026";
const EMAIL = "lead@platform.demo";
const throttle = () => createSignInThrottle(1_000);

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: PASSWORD });
  useDatabaseForTesting(database);
});
afterEach(async () => {
  await database.destroy();
});

/** Signs in with the password and enrols TOTP in that session; returns the secret and the recovery codes. */
async function enrol(email = EMAIL) {
  const signedIn = await signIn(database.db, { email, password: PASSWORD }, META, throttle());
  if (!signedIn.ok) throw new Error("sign-in failed");
  const token = tokenFromCookie(signedIn.setCookie);
  const user = await userRow(database.db, email);
  const enrolment = await startTotpEnrolment(user);
  const result = await completeTotpEnrolment(database.db, { token, user }, { enrolment: enrolment.enrolment, code: totpCode(enrolment.secret) }, META);
  if (!result.ok) throw new Error(`enrolment failed: ${result.reason}`);
  return { secret: enrolment.secret, recoveryCodes: result.recoveryCodes, token, setCookie: signedIn.setCookie };
}

/** The password step of signing in for a user with TOTP: a session waiting for its second factor. */
async function passwordStep(email = EMAIL) {
  const result = await signIn(database.db, { email, password: PASSWORD }, META, throttle());
  if (!result.ok) throw new Error("password step failed");
  expect(result.next).toBe("second_factor");
  const token = tokenFromCookie(result.setCookie);
  return { token, setCookie: result.setCookie, user: await userRow(database.db, email) };
}

describe("TOTP enrolment", () => {
  it("stores the secret encrypted, issues ten hashed recovery codes, and needs a right code", async () => {
    const user = await userRow(database.db, EMAIL);
    const { token } = await createUserSession(database.db, user.id, META);
    const enrolment = await startTotpEnrolment(user);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    // Nothing is stored before confirmation.
    expect((await userRow(database.db, EMAIL)).totpSecretEncrypted).toBeNull();

    const wrong = await completeTotpEnrolment(database.db, { token, user }, { enrolment: enrolment.enrolment, code: wrongTotpCode(enrolment.secret) }, META);
    expect(wrong).toEqual({ ok: false, reason: "wrong_code" });
    expect((await userRow(database.db, EMAIL)).totpEnabledAt).toBeNull();

    const result = await completeTotpEnrolment(database.db, { token, user }, { enrolment: enrolment.enrolment, code: totpCode(enrolment.secret) }, META);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(result.recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of result.recoveryCodes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);

    const stored = await userRow(database.db, EMAIL);
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(stored.totpSecretEncrypted).not.toContain(enrolment.secret);
    expect(decryptSecret(stored.totpSecretEncrypted!, "totp-secret", stored.id)).toBe(enrolment.secret);
    // Bound to its user: the same ciphertext does not open for anyone else.
    expect(decryptSecret(stored.totpSecretEncrypted!, "totp-secret", "someone-else")).toBeNull();

    const codes = await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    for (const row of codes) expect(result.recoveryCodes).not.toContain(row.codeHash);
    expect((await auditOf(database.db, "auth.two_factor_enrolled")).at(-1)?.details).toEqual({ replacedPrevious: false, recoveryCodesIssued: 10 });
  });

  it("refuses a sealed enrolment made for another user, altered, or older than 15 minutes", async () => {
    const user = await userRow(database.db, EMAIL);
    const enrolment = await startTotpEnrolment(user);
    expect(openTotpEnrolment(enrolment.enrolment, user.id)).toBe(enrolment.secret);
    expect(openTotpEnrolment(enrolment.enrolment, "another-user")).toBeNull();
    expect(openTotpEnrolment(`${enrolment.enrolment.slice(0, -2)}AA`, user.id)).toBeNull();
    const old = await startTotpEnrolment(user, Date.now() - 16 * 60_000);
    expect(openTotpEnrolment(old.enrolment, user.id)).toBeNull();
  });
});

describe("two-step sign-in", () => {
  it("leaves the session unusable until the second factor, then completes it with a generated code", async () => {
    const { secret } = await enrol();
    const pending = await passwordStep();
    // Half-signed-in: every guard treats it as signed out, and sends it to the second-factor page.
    expect(await getViewer(requestWithCookie(pending.setCookie))).toBeNull();
    const denied = await requireViewer(requestWithCookie(pending.setCookie, "http://localhost/cases?x=1")).catch((thrown: unknown) => thrown);
    expect(denied).toBeInstanceOf(Response);
    expect((denied as Response).headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fcases%3Fx%3D1");
    expect((await auditOf(database.db, "auth.password_verified")).length).toBe(1);

    const wrong = await completeSecondFactor(database.db, pending, wrongTotpCode(secret), META);
    expect(wrong).toEqual({ ok: false, reason: "wrong_code" });
    expect(await getViewer(requestWithCookie(pending.setCookie))).toBeNull();

    // The enrolment used the current step, so the next step's code is the one a user would type next.
    const later = Date.now() + 30_000;
    vi.useFakeTimers({ now: later, toFake: ["Date"] });
    try {
      const result = await completeSecondFactor(database.db, pending, totpCode(secret, later), META);
      expect(result).toMatchObject({ ok: true, method: "totp" });
      expect((await getViewer(requestWithCookie(pending.setCookie)))?.email).toBe(EMAIL);
      const [row] = await database.db.select().from(sessions).where(eq(sessions.id, hashSessionToken(pending.token)));
      expect(row!.twoFactorVerifiedAt).not.toBeNull();
      // The wrong code was counted and is now forgotten.
      expect((await userRow(database.db, EMAIL)).failedSignInCount).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("never accepts the same TOTP code twice", async () => {
    const { secret } = await enrol();
    const at = Date.now() + 30_000;
    vi.useFakeTimers({ now: at, toFake: ["Date"] });
    try {
      const first = await passwordStep();
      expect((await completeSecondFactor(database.db, first, totpCode(secret, at), META)).ok).toBe(true);
      const second = await passwordStep();
      expect(await completeSecondFactor(database.db, second, totpCode(secret, at), META)).toEqual({ ok: false, reason: "wrong_code" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("accepts each recovery code once, in any case and spacing", async () => {
    const { recoveryCodes: codes } = await enrol();
    const first = await passwordStep();
    const typed = ` ${codes[3]!.toLowerCase().replace("-", " ")} `;
    expect(await completeSecondFactor(database.db, first, typed, META)).toEqual({
      ok: true,
      method: "recovery_code",
      recoveryCodesLeft: RECOVERY_CODE_COUNT - 1,
    });
    const second = await passwordStep();
    expect(await completeSecondFactor(database.db, second, codes[3]!, META)).toEqual({ ok: false, reason: "wrong_code" });
    expect(await completeSecondFactor(database.db, second, codes[4]!, META)).toMatchObject({ ok: true, recoveryCodesLeft: RECOVERY_CODE_COUNT - 2 });
    const user = await userRow(database.db, EMAIL);
    expect(await countUnusedRecoveryCodes(database.db, user.id)).toBe(RECOVERY_CODE_COUNT - 2);
  });

  it(`locks the account and ends the session after ${LOCKOUT_THRESHOLD} wrong codes, even after re-entering the password`, async () => {
    const { secret } = await enrol();
    let pending = await passwordStep();
    for (let attempt = 1; attempt < LOCKOUT_THRESHOLD; attempt += 1) {
      expect(await completeSecondFactor(database.db, pending, wrongTotpCode(secret), META)).toEqual({ ok: false, reason: "wrong_code" });
      // Re-entering the password does not reset the count.
      if (attempt === 2) pending = await passwordStep();
    }
    expect(await completeSecondFactor(database.db, pending, wrongTotpCode(secret), META)).toEqual({ ok: false, reason: "locked" });
    expect(await validateSessionToken(database.db, pending.token)).toBeNull();
    const user = await userRow(database.db, EMAIL);
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await auditOf(database.db, "auth.account_locked")).length).toBe(1);
    // Locked: the right password now gets the generic refusal.
    expect(await signIn(database.db, { email: EMAIL, password: PASSWORD }, META, throttle())).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: true });
  });

  it("regenerates recovery codes, invalidating the old ones", async () => {
    const { recoveryCodes: old } = await enrol();
    const viewer = await viewerOf(database.db, EMAIL);
    const fresh = await regenerateRecoveryCodes(database.db, viewer, META);
    expect(fresh).toHaveLength(RECOVERY_CODE_COUNT);
    expect(fresh!.some((code) => old.includes(code))).toBe(false);
    const pending = await passwordStep();
    expect(await completeSecondFactor(database.db, pending, old[0]!, META)).toEqual({ ok: false, reason: "wrong_code" });
    expect((await completeSecondFactor(database.db, pending, fresh![0]!, META)).ok).toBe(true);
    const user = await userRow(database.db, EMAIL);
    const unused = await database.db
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
    expect(unused).toHaveLength(RECOVERY_CODE_COUNT - 1);
  });
});

describe("step-up (requireRecentReauthentication)", () => {
  it("sends a session older than the limit to /reauthenticate and back, and lets it through after", async () => {
    const { setCookie, token, secret } = await enrol();
    const viewer = await viewerOf(database.db, EMAIL);
    const request = requestWithCookie(setCookie, "http://localhost/admin/users/x?index", { method: "POST" });
    // Just signed in (and enrolled): recent enough.
    await expect(requireRecentReauthentication(request, viewer, 10)).resolves.toBeUndefined();

    // An hour later: asked again, with the page (and the chosen values) to come back to.
    await database.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 60 * 60_000), twoFactorVerifiedAt: new Date(Date.now() - 60 * 60_000) })
      .where(eq(sessions.id, hashSessionToken(token)));
    const thrown = await requireRecentReauthentication(request, viewer, 10, { returnTo: "/admin/users/x?role=management" }).catch((error: unknown) => error);
    expect((thrown as Response).headers.get("Location")).toBe("/reauthenticate?redirectTo=%2Fadmin%2Fusers%2Fx%3Frole%3Dmanagement");
    const fallback = await requireRecentReauthentication(request, viewer, 10).catch((error: unknown) => error);
    expect((fallback as Response).headers.get("Location")).toBe("/reauthenticate?redirectTo=%2Fadmin%2Fusers%2Fx");

    // A password alone is not enough for a user with TOTP; a wrong code counts as a failure.
    expect(await reauthenticate(database.db, viewer, token, { password: PASSWORD }, META)).toEqual({
      ok: false,
      field: "code",
      problem: "account.reauth.codeRequired",
    });
    expect(await reauthenticate(database.db, viewer, token, { password: "wrong password here", code: "123456" }, META)).toMatchObject({
      ok: false,
      field: "password",
    });
    const later = Date.now() + 30_000;
    vi.useFakeTimers({ now: later, toFake: ["Date"] });
    try {
      expect(await reauthenticate(database.db, viewer, token, { password: PASSWORD, code: totpCode(secret, later) }, META)).toEqual({ ok: true });
      await expect(requireRecentReauthentication(request, viewer, 10)).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
    expect((await auditOf(database.db, "auth.reauthenticated")).map((row) => row.outcome)).toEqual(["failure", "success"]);
  });
});

describe("when two-factor sign-in is not required", () => {
  it("signs a user without TOTP straight in (the demo world's default)", async () => {
    const result = await signIn(database.db, { email: "officer@putian.demo", password: PASSWORD }, META, throttle());
    expect(result).toMatchObject({ ok: true, next: "home" });
    const user = await database.db.select().from(users).where(eq(users.email, "officer@putian.demo"));
    expect(user[0]!.totpEnabledAt).toBeNull();
  });
});
