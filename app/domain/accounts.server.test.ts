import { and, eq } from "drizzle-orm";
import { auditEvents, sessions, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { hashSessionToken, readSessionToken, validateSessionToken } from "~/lib/auth.server";
import {
  createSignInThrottle,
  LOCKOUT_THRESHOLD,
  setPreferredLocale,
  signIn,
  signOut,
  type SignInThrottle,
} from "./accounts.server";
import { verifyAuditChain } from "./audit.server";
import type { Viewer } from "./policy";

const PASSWORD = "correct horse battery";
const META = { ip: "203.0.113.7", userAgent: "vitest" };
const generousThrottle = (): SignInThrottle => createSignInThrottle(1_000);

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: PASSWORD });
});
afterEach(async () => {
  await database.destroy();
});

function tokenFrom(setCookie: string): string {
  return readSessionToken(new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]! } }))!;
}

async function userByEmail(email: string) {
  const [user] = await database.db.select().from(users).where(eq(users.email, email));
  return user!;
}

async function auditActions(entityId: string) {
  const rows = await database.db
    .select({ action: auditEvents.action, outcome: auditEvents.outcome, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.seq);
  return rows;
}

function viewerFor(user: Awaited<ReturnType<typeof userByEmail>>): Viewer {
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organisationId: user.organisationId,
    organisationKind: "platform",
    organisationCode: "platform-ip",
    organisationNameZh: "",
    organisationNameEn: "",
  };
}

describe("signIn", () => {
  it("signs in with the right password, case-insensitively by e-mail, and stores only the token's hash", async () => {
    const result = await signIn(
      database.db,
      { email: "  Investigator@Platform.DEMO ", password: PASSWORD },
      META,
      generousThrottle(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.setCookie).toMatch(/HttpOnly/);
    expect(result.setCookie).toMatch(/SameSite=Lax/);
    expect(result.setCookie).not.toMatch(/Max-Age|Expires/i);
    const token = tokenFrom(result.setCookie);
    const stored = await database.db.select().from(sessions).where(eq(sessions.userId, result.user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).not.toBe(token);
    expect(stored[0]!.id).toBe(hashSessionToken(token));
    expect(stored[0]!.ip).toBe(META.ip);
    expect((await validateSessionToken(database.db, token))?.user.email).toBe("investigator@platform.demo");
    expect(await auditActions(result.user.id)).toEqual([
      { action: "auth.sign_in", outcome: "success", details: {} },
    ]);
  });

  it("answers a wrong password and an unknown e-mail alike, and audits both", async () => {
    const wrong = await signIn(database.db, { email: "lead@platform.demo", password: "nope" }, META, generousThrottle());
    const unknown = await signIn(database.db, { email: "nobody@platform.demo", password: "nope" }, META, generousThrottle());
    expect(wrong).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknown).toEqual({ ok: false, reason: "invalid_credentials" });
    const failures = await database.db
      .select({ label: auditEvents.actorLabel, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign_in"), eq(auditEvents.outcome, "failure")))
      .orderBy(auditEvents.seq);
    expect(failures).toEqual([
      { label: "lead@platform.demo", details: { reason: "wrong_password", failuresInWindow: 1 } },
      { label: "nobody@platform.demo", details: { reason: "unknown_account" } },
    ]);
  });

  it(`locks an account after ${LOCKOUT_THRESHOLD} wrong passwords within 15 minutes, with the same answer`, async () => {
    const throttle = generousThrottle();
    for (let attempt = 1; attempt <= LOCKOUT_THRESHOLD; attempt += 1) {
      expect(await signIn(database.db, { email: "officer@putian.demo", password: "wrong" }, META, throttle)).toEqual({
        ok: false,
        reason: "invalid_credentials",
      });
    }
    const locked = await userByEmail("officer@putian.demo");
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(locked.lockedUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);

    // Even the right password is refused while locked, and says nothing more than a wrong one.
    expect(await signIn(database.db, { email: "officer@putian.demo", password: PASSWORD }, META, throttle)).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    const actions = (await auditActions(locked.id)).map((row) => row.action);
    expect(actions.filter((action) => action === "auth.account_locked")).toHaveLength(1);
    expect((await auditActions(locked.id)).at(-1)?.details).toMatchObject({ reason: "locked" });

    // When the lock has run out, the right password works again and the counters are reset.
    await database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1_000) })
      .where(eq(users.id, locked.id));
    const after = await signIn(database.db, { email: "officer@putian.demo", password: PASSWORD }, META, throttle);
    expect(after.ok).toBe(true);
    const reset = await userByEmail("officer@putian.demo");
    expect(reset.failedSignInCount).toBe(0);
    expect(reset.lockedUntil).toBeNull();
  });

  it("does not lock for failures spread wider than the 15-minute window", async () => {
    const throttle = generousThrottle();
    for (let attempt = 1; attempt < LOCKOUT_THRESHOLD; attempt += 1) {
      await signIn(database.db, { email: "officer@putian.demo", password: "wrong" }, META, throttle);
    }
    const user = await userByEmail("officer@putian.demo");
    await database.db
      .update(users)
      .set({ failedSignInWindowStartedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(users.id, user.id));
    await signIn(database.db, { email: "officer@putian.demo", password: "wrong" }, META, throttle);
    const after = await userByEmail("officer@putian.demo");
    expect(after.lockedUntil).toBeNull();
    expect(after.failedSignInCount).toBe(1);
  });

  it("throttles an IP after too many failures, whichever accounts it tries", async () => {
    const throttle = createSignInThrottle(3);
    for (const email of ["a@platform.demo", "b@platform.demo", "c@platform.demo"]) {
      expect(await signIn(database.db, { email, password: "x" }, META, throttle)).toMatchObject({
        reason: "invalid_credentials",
      });
    }
    expect(await signIn(database.db, { email: "lead@platform.demo", password: PASSWORD }, META, throttle)).toEqual({
      ok: false,
      reason: "too_many_attempts",
    });
    // Another address is not affected.
    const elsewhere = await signIn(
      database.db,
      { email: "lead@platform.demo", password: PASSWORD },
      { ...META, ip: "198.51.100.1" },
      throttle,
    );
    expect(elsewhere.ok).toBe(true);
  });

  it("refuses a deactivated account and ends its open sessions", async () => {
    const first = await signIn(database.db, { email: "officer@guangzhou.demo", password: PASSWORD }, META, generousThrottle());
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const token = tokenFrom(first.setCookie);
    await database.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, first.user.id));
    expect(await validateSessionToken(database.db, token)).toBeNull();
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, first.user.id))).toHaveLength(0);
    expect(
      await signIn(database.db, { email: "officer@guangzhou.demo", password: PASSWORD }, META, generousThrottle()),
    ).toEqual({ ok: false, reason: "invalid_credentials" });
  });
});

describe("signOut and preferences", () => {
  it("ends the session on the server and records it", async () => {
    const result = await signIn(database.db, { email: "admin@platform.demo", password: PASSWORD }, META, generousThrottle());
    if (!result.ok) throw new Error("sign-in failed");
    const token = tokenFrom(result.setCookie);
    await signOut(database.db, viewerFor(result.user), token, META);
    expect(await validateSessionToken(database.db, token)).toBeNull();
    expect((await auditActions(result.user.id)).map((row) => row.action)).toEqual(["auth.sign_in", "auth.sign_out"]);
  });

  it("saves the language on the account with an audit record of what changed, once", async () => {
    const user = await userByEmail("supervisor@putian.demo");
    await setPreferredLocale(database.db, viewerFor(user), "en", META);
    await setPreferredLocale(database.db, viewerFor(user), "en", META);
    expect((await userByEmail("supervisor@putian.demo")).preferredLocale).toBe("en");
    const changes = (await auditActions(user.id)).filter((row) => row.action === "user.locale_changed");
    expect(changes).toEqual([
      { action: "user.locale_changed", outcome: "success", details: { preferredLocale: { from: null, to: "en" } } },
    ]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: true });
  });
});
