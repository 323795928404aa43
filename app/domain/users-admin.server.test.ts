import { eq } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { createUserSession, validateSessionToken } from "~/lib/auth.server";
import { useDatabaseForTesting } from "~/lib/db.server";
import { changePassword, endOwnSession, listOwnSessions } from "./account-security.server";
import { createSignInThrottle, disableInactiveAccounts, INACTIVITY_LIMIT_DAYS, LOCKOUT_THRESHOLD, signIn } from "./accounts.server";
import { verifyAuditChain } from "./audit.server";
import { getViewer } from "./policy.server";
import { auditOf, META, requestWithCookie, tokenFromCookie, userRow, viewerOf } from "./security.testing";
import { createOrganisation, listAllOrganisations } from "./organisations-admin.server";
import { changeUserRole, deactivateUser, getUserDetail, listUsers, reactivateUser, resetUserTwoFactor, unlockUser } from "./users-admin.server";

const PASSWORD = "a long demo passphrase 2026";
const DAY = 24 * 60 * 60 * 1000;
let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: PASSWORD });
  useDatabaseForTesting(database);
});
afterEach(async () => {
  await database.destroy();
});

const admin = () => viewerOf(database.db, "admin@platform.demo");
const signInAs = (email: string, password = PASSWORD) => signIn(database.db, { email, password }, META, createSignInThrottle(1_000));

describe("deactivation", () => {
  it("ends every open session of the user at once, and records why", async () => {
    const first = await signInAs("officer@putian.demo");
    const second = await signInAs("officer@putian.demo");
    if (!first.ok || !second.ok) throw new Error("sign-in failed");
    expect(await getViewer(requestWithCookie(first.setCookie))).not.toBeNull();
    const user = await userRow(database.db, "officer@putian.demo");

    expect(await deactivateUser(database.db, await admin(), user.id, "调离岗位", META)).toEqual({ ok: true });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await getViewer(requestWithCookie(first.setCookie))).toBeNull();
    expect(await getViewer(requestWithCookie(second.setCookie))).toBeNull();
    expect(await signInAs("officer@putian.demo")).toEqual({ ok: false, reason: "invalid_credentials" });
    const [audit] = await auditOf(database.db, "user.deactivated");
    expect(audit).toMatchObject({ actorLabel: "admin@platform.demo", entityId: user.id });
    expect(audit!.details).toEqual({ email: "officer@putian.demo", reason: "调离岗位", sessionsEnded: 2 });

    expect(await deactivateUser(database.db, await admin(), user.id, "again", META)).toEqual({ ok: false, problem: "admin.users.problem.unchanged" });
    expect(await reactivateUser(database.db, await admin(), user.id, META)).toEqual({ ok: true });
    expect((await signInAs("officer@putian.demo")).ok).toBe(true);
  });

  it("never lets administrators act on their own account", async () => {
    const me = await admin();
    expect(await deactivateUser(database.db, me, me.userId, "x", META)).toEqual({ ok: false, problem: "admin.users.problem.self" });
    expect(await changeUserRole(database.db, me, me.userId, "management", META)).toEqual({ ok: false, problem: "admin.users.problem.self" });
  });

  it("is for administrators only", async () => {
    const lead = await viewerOf(database.db, "lead@platform.demo");
    const user = await userRow(database.db, "officer@putian.demo");
    await expect(deactivateUser(database.db, lead, user.id, "x", META)).rejects.toMatchObject({ status: 403 });
    await expect(listUsers(database.db, lead, {})).rejects.toMatchObject({ status: 403 });
  });
});

describe("roles", () => {
  it("sets a role the organisation may hold, and refuses one it may not", async () => {
    const officer = await userRow(database.db, "officer@putian.demo");
    expect(await changeUserRole(database.db, await admin(), officer.id, "investigator", META)).toEqual({
      ok: false,
      problem: "admin.users.problem.roleNotAllowed",
    });
    expect(await changeUserRole(database.db, await admin(), officer.id, "police_supervisor", META)).toEqual({ ok: true });
    expect((await userRow(database.db, "officer@putian.demo")).role).toBe("police_supervisor");
    expect((await auditOf(database.db, "user.role_changed"))[0]!.details).toEqual({
      email: "officer@putian.demo",
      role: { from: "police_officer", to: "police_supervisor" },
    });
    const detail = await getUserDetail(database.db, await admin(), officer.id);
    expect(detail?.allowedRoles).toEqual(["police_officer", "police_supervisor", "management"]);
  });
});

describe("lockout and unlocking", () => {
  it("unlocks an account locked by failed sign-ins", async () => {
    for (let attempt = 0; attempt < LOCKOUT_THRESHOLD; attempt += 1) await signInAs("officer@jinhua.demo", "wrong password!!");
    const locked = await userRow(database.db, "officer@jinhua.demo");
    const [row] = await listUsers(database.db, await admin(), { status: "locked" });
    expect(row?.email).toBe("officer@jinhua.demo");
    expect(await unlockUser(database.db, await admin(), locked.id, META)).toEqual({ ok: true });
    expect((await signInAs("officer@jinhua.demo")).ok).toBe(true);
    expect(await unlockUser(database.db, await admin(), locked.id, META)).toEqual({ ok: false, problem: "admin.users.problem.unchanged" });
  });
});

describe(`inactivity (${INACTIVITY_LIMIT_DAYS} days)`, () => {
  async function makeDormant(email: string, days = INACTIVITY_LIMIT_DAYS + 1) {
    const at = new Date(Date.now() - days * DAY);
    await database.db.update(users).set({ lastActiveAt: at, lastSignInAt: at, createdAt: at }).where(eq(users.email, email));
  }

  it("disables an account unused for 90 days when someone tries to sign in with it, with the usual answer", async () => {
    await makeDormant("officer@guangzhou.demo");
    expect(await signInAs("officer@guangzhou.demo")).toEqual({ ok: false, reason: "invalid_credentials" });
    const user = await userRow(database.db, "officer@guangzhou.demo");
    expect(user.deactivatedAt).not.toBeNull();
    expect(user.deactivatedReason).toBe("inactive");
    const [audit] = await auditOf(database.db, "user.deactivated");
    expect(audit).toMatchObject({ actorLabel: "system", entityId: user.id });
    expect(audit!.details).toMatchObject({ reason: "inactive", inactiveDays: 90, trigger: "sign_in" });
  });

  it("keeps an account used within 90 days", async () => {
    await makeDormant("officer@guangzhou.demo", INACTIVITY_LIMIT_DAYS - 1);
    expect((await signInAs("officer@guangzhou.demo")).ok).toBe(true);
  });

  it("sweeps every dormant account, once, but never the last active administrator", async () => {
    await makeDormant("officer@guangzhou.demo");
    await makeDormant("management@putian.demo");
    await makeDormant("admin@platform.demo");
    expect(await disableInactiveAccounts(database.db)).toBe(2);
    expect(await disableInactiveAccounts(database.db)).toBe(0);
    expect((await userRow(database.db, "admin@platform.demo")).deactivatedAt).toBeNull();
    expect((await userRow(database.db, "management@putian.demo")).deactivatedReason).toBe("inactive");
    expect((await auditOf(database.db, "user.deactivated")).map((row) => (row.details as { trigger: string }).trigger)).toEqual(["sweep", "sweep"]);

    // Re-enabled, the 90 days start again.
    const manager = await userRow(database.db, "management@putian.demo");
    expect(await reactivateUser(database.db, await admin(), manager.id, META)).toEqual({ ok: true });
    expect(await disableInactiveAccounts(database.db)).toBe(0);
    expect((await signInAs("management@putian.demo")).ok).toBe(true);
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: true });
  });

  it("counts use of a session as activity", async () => {
    await makeDormant("officer@putian.demo", 10);
    const user = await userRow(database.db, "officer@putian.demo");
    const { token } = await createUserSession(database.db, user.id, META);
    // A session used again after its first minute pushes its idle deadline and records the activity.
    await database.db.update(sessions).set({ expiresAt: new Date(Date.now() + 20 * 60_000) }).where(eq(sessions.userId, user.id));
    await validateSessionToken(database.db, token);
    expect((await userRow(database.db, "officer@putian.demo")).lastActiveAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("resetting two-factor sign-in", () => {
  it("does nothing for a user without it", async () => {
    const user = await userRow(database.db, "officer@putian.demo");
    expect(await resetUserTwoFactor(database.db, await admin(), user.id, META)).toEqual({ ok: false, problem: "admin.users.problem.unchanged" });
  });
});

describe("my own password and sessions", () => {
  it("changes the password, ends the other sessions and keeps this one", async () => {
    const here = await signInAs("investigator@platform.demo");
    const elsewhere = await signInAs("investigator@platform.demo");
    if (!here.ok || !elsewhere.ok) throw new Error("sign-in failed");
    const viewer = await viewerOf(database.db, "investigator@platform.demo");
    const token = tokenFromCookie(here.setCookie);

    expect(await changePassword(database.db, viewer, token, { currentPassword: "not it at all", newPassword: "river stone orchard 88" }, META)).toEqual({
      ok: false,
      field: "currentPassword",
      problem: "account.password.currentWrong",
    });
    expect(await changePassword(database.db, viewer, token, { currentPassword: PASSWORD, newPassword: "password12345" }, META)).toMatchObject({
      ok: false,
      field: "newPassword",
    });
    expect(await changePassword(database.db, viewer, token, { currentPassword: PASSWORD, newPassword: PASSWORD }, META)).toMatchObject({
      problem: "account.validation.passwordUnchanged",
    });
    expect(await changePassword(database.db, viewer, token, { currentPassword: PASSWORD, newPassword: "river stone orchard 88" }, META)).toEqual({
      ok: true,
      otherSessionsEnded: 1,
    });
    expect(await getViewer(requestWithCookie(here.setCookie))).not.toBeNull();
    expect(await getViewer(requestWithCookie(elsewhere.setCookie))).toBeNull();
    expect(await signInAs("investigator@platform.demo")).toEqual({ ok: false, reason: "invalid_credentials" });
    expect((await signInAs("investigator@platform.demo", "river stone orchard 88")).ok).toBe(true);
    expect((await userRow(database.db, "investigator@platform.demo")).passwordChangedAt).not.toBeNull();
  });

  it("lists one's own sessions and ends one of them, never another user's", async () => {
    const mine = await signInAs("lead@platform.demo");
    const other = await signInAs("lead@platform.demo");
    const theirs = await signInAs("officer@putian.demo");
    if (!mine.ok || !other.ok || !theirs.ok) throw new Error("sign-in failed");
    const viewer = await viewerOf(database.db, "lead@platform.demo");
    const listed = await listOwnSessions(database.db, viewer, tokenFromCookie(mine.setCookie));
    expect(listed).toHaveLength(2);
    expect(listed.filter((session) => session.current)).toHaveLength(1);
    expect(listed[0]).toMatchObject({ ip: META.ip, userAgent: META.userAgent });

    const officer = await userRow(database.db, "officer@putian.demo");
    const [officerSession] = await database.db.select().from(sessions).where(eq(sessions.userId, officer.id));
    expect(await endOwnSession(database.db, viewer, officerSession!.id, META)).toBe(false);
    expect(await getViewer(requestWithCookie(theirs.setCookie))).not.toBeNull();

    const otherId = listed.find((session) => !session.current)!.id;
    expect(await endOwnSession(database.db, viewer, otherId, META)).toBe(true);
    expect(await getViewer(requestWithCookie(other.setCookie))).toBeNull();
    expect(await getViewer(requestWithCookie(mine.setCookie))).not.toBeNull();
  });
});

describe("organisations", () => {
  it("adds a police partner once per code, audited, for administrators only", async () => {
    const input = { kind: "police" as const, code: "xiamen-psb", nameZh: "厦门市公安局", nameEn: "Xiamen Municipal Public Security Bureau", divisionCode: "350200" };
    const created = await createOrganisation(database.db, await admin(), input, META);
    expect(created.ok).toBe(true);
    expect(await createOrganisation(database.db, await admin(), { ...input, nameZh: "另一个" }, META)).toEqual({
      ok: false,
      field: "code",
      problem: "admin.organisations.codeTaken",
    });
    const listed = await listAllOrganisations(database.db, await admin());
    expect(listed.find((row) => row.code === "xiamen-psb")).toMatchObject({ kind: "police", accounts: 0, divisionCode: "350200" });
    expect((await auditOf(database.db, "organisation.created"))[0]!.details).toEqual(input);
    await expect(createOrganisation(database.db, await viewerOf(database.db, "lead@platform.demo"), { ...input, code: "x-psb" }, META)).rejects.toMatchObject({
      status: 403,
    });
  });
});
