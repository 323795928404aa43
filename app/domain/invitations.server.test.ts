import { eq } from "drizzle-orm";
import { invitations, organisations, outboxMessages, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { validateSessionToken } from "~/lib/auth.server";
import { useDatabaseForTesting } from "~/lib/db.server";
import { setMailSenderForTesting, type MailMessage } from "~/lib/mail.server";
import { verifyAuditChain } from "./audit.server";
import { acceptInvitation, findInvitation, hashInvitationToken, inviteUser, listPendingInvitations, revokeInvitation } from "./invitations.server";
import { listOutbox } from "./outbox.server";
import { auditOf, META, tokenFromCookie, viewerOf } from "./security.testing";

const BASE = "https://portal.example";
const NEW_PASSWORD = "harbour lantern cobalt 71";
let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "irrelevant for these tests" });
  useDatabaseForTesting(database);
  setMailSenderForTesting(null); // SMTP not configured unless a test says otherwise
});
afterEach(async () => {
  setMailSenderForTesting(undefined);
  await database.destroy();
});

async function organisationIdOf(code: string) {
  const [row] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, code));
  return row!.id;
}

async function invite(email = "new.officer@putian.demo", role: "police_officer" | "investigator" = "police_officer", code = "putian-psb") {
  const admin = await viewerOf(database.db, "admin@platform.demo");
  const result = await inviteUser(
    database.db,
    admin,
    { email, displayName: "林志强", organisationId: await organisationIdOf(code), role },
    BASE,
    META,
  );
  if (!result.ok) throw new Error(result.problem);
  return { ...result, token: result.link.slice(`${BASE}/invite/`.length) };
}

describe("inviting", () => {
  it("stores only the token's hash, puts the link in the outbox when SMTP is not configured, and audits it", async () => {
    const { token, link, delivery, invitationId } = await invite();
    expect(link).toMatch(/^https:\/\/portal\.example\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(delivery).toBe("not_configured");
    const [row] = await database.db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row!.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const admin = await viewerOf(database.db, "admin@platform.demo");
    const { messages } = await listOutbox(database.db, admin, null);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.toAddress).toBe("new.officer@putian.demo");
    expect(messages[0]!.bodyText).toContain(link);
    expect(messages[0]!.bodyText).toContain("莆田市公安局");
    expect(messages[0]!.bodyText).toContain("Putian Municipal Public Security Bureau");
    expect(messages[0]!.sentAt).toBeNull();
    const [audit] = await auditOf(database.db, "invitation.created");
    expect(audit!.details).toMatchObject({ email: "new.officer@putian.demo", role: "police_officer", organisation: "putian-psb" });
    expect(JSON.stringify(audit!.details)).not.toContain(token);
  });

  it("e-mails through SMTP when configured, then blanks the link out of the stored copy", async () => {
    const sent: MailMessage[] = [];
    setMailSenderForTesting({ send: async (message) => void sent.push(message) });
    const { token, delivery } = await invite();
    expect(delivery).toBe("sent");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`/invite/${token}`);
    const [stored] = await database.db.select().from(outboxMessages);
    expect(stored!.sentAt).not.toBeNull();
    expect(stored!.bodyText).not.toContain(token);
    expect(stored!.bodyText).toContain("/invite/[…]");
  });

  it("keeps the message, with the error, when sending fails", async () => {
    setMailSenderForTesting({ send: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:25")) });
    const { delivery } = await invite();
    expect(delivery).toBe("failed");
    const [stored] = await database.db.select().from(outboxMessages);
    expect(stored!.sentAt).toBeNull();
    expect(stored!.lastError).toContain("ECONNREFUSED");
    expect((await auditOf(database.db, "outbox.send_failed")).length).toBe(1);
  });

  it("refuses a role the organisation may not hold, and an address that already has an account", async () => {
    const admin = await viewerOf(database.db, "admin@platform.demo");
    const putian = await organisationIdOf("putian-psb");
    expect(await inviteUser(database.db, admin, { email: "x@putian.demo", organisationId: putian, role: "investigator" }, BASE, META)).toEqual({
      ok: false,
      field: "role",
      problem: "admin.invite.roleNotAllowed",
    });
    expect(await inviteUser(database.db, admin, { email: "Officer@Putian.demo", organisationId: putian, role: "police_officer" }, BASE, META)).toEqual({
      ok: false,
      field: "email",
      problem: "admin.invite.emailTaken",
    });
    await expect(
      inviteUser(database.db, await viewerOf(database.db, "lead@platform.demo"), { email: "y@putian.demo", organisationId: putian, role: "police_officer" }, BASE, META),
    ).rejects.toBeInstanceOf(Response);
  });

  it("replaces an earlier open invitation to the same address", async () => {
    const first = await invite();
    const second = await invite();
    expect((await findInvitation(database.db, first.token))?.state).toBe("revoked");
    expect((await findInvitation(database.db, second.token))?.state).toBe("valid");
    const admin = await viewerOf(database.db, "admin@platform.demo");
    expect((await listPendingInvitations(database.db, admin)).map((row) => row.id)).toEqual([second.invitationId]);
    // The outbox pages newest first; a cursor continues after the row it names.
    const { messages } = await listOutbox(database.db, admin, null);
    expect(messages).toHaveLength(2);
    const older = await listOutbox(database.db, admin, `${messages[0]!.createdAt.toISOString()}|${messages[0]!.id}`);
    expect(older.messages.map((message) => message.id)).toEqual([messages[1]!.id]);
    expect(older.nextCursor).toBeNull();
  });
});

describe("accepting", () => {
  it("creates the account with the invited role, signs it in, and works only once", async () => {
    const { token } = await invite();
    const accepted = await acceptInvitation(database.db, token, { displayName: "林志强", newPassword: NEW_PASSWORD }, META);
    expect(accepted).toMatchObject({ ok: true, next: "home" });
    if (!accepted.ok) return;
    expect(accepted.user).toMatchObject({ email: "new.officer@putian.demo", role: "police_officer", displayName: "林志强" });
    expect((await validateSessionToken(database.db, tokenFromCookie(accepted.setCookie)))?.stage).toBe("complete");
    expect((await findInvitation(database.db, token))?.state).toBe("used");

    const again = await acceptInvitation(database.db, token, { displayName: "Someone", newPassword: "another good passphrase 9" }, META);
    expect(again).toEqual({ ok: false, problem: "invalid" });
    expect(await database.db.select().from(users).where(eq(users.email, "new.officer@putian.demo"))).toHaveLength(1);
    // The link is blanked out of the unsent message too.
    const [stored] = await database.db.select().from(outboxMessages);
    expect(stored!.bodyText).not.toContain(token);
    expect((await auditOf(database.db, "invitation.accepted")).length).toBe(1);
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: true });
  });

  it("refuses an expired, a revoked and an unknown link", async () => {
    const expired = await invite("a@putian.demo");
    await database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(invitations.id, expired.invitationId));
    expect((await findInvitation(database.db, expired.token))?.state).toBe("expired");
    expect(await acceptInvitation(database.db, expired.token, { displayName: "A", newPassword: NEW_PASSWORD }, META)).toEqual({ ok: false, problem: "invalid" });

    const revoked = await invite("b@putian.demo");
    const admin = await viewerOf(database.db, "admin@platform.demo");
    expect(await revokeInvitation(database.db, admin, revoked.invitationId, META)).toBe(true);
    expect(await revokeInvitation(database.db, admin, revoked.invitationId, META)).toBe(false);
    expect(await acceptInvitation(database.db, revoked.token, { displayName: "B", newPassword: NEW_PASSWORD }, META)).toEqual({ ok: false, problem: "invalid" });

    expect(await findInvitation(database.db, "x".repeat(43))).toBeNull();
    expect(await findInvitation(database.db, "../../etc/passwd")).toBeNull();
    expect(await database.db.select().from(users).where(eq(users.email, "a@putian.demo"))).toHaveLength(0);
  });

  it("applies the password rules: common passwords and ones built from the user's own name are refused", async () => {
    const { token } = await invite("wang.fang@putian.demo");
    for (const weak of ["password1234", "iloveyou12345", "qwertyuiop123", "wang.fang@putian.demo"]) {
      expect(await acceptInvitation(database.db, token, { displayName: "王芳", newPassword: weak }, META)).toMatchObject({
        ok: false,
        field: "newPassword",
        problem: expect.stringMatching(/^account\.validation\.password(Common|Guessable)$/),
      });
    }
    expect(await acceptInvitation(database.db, token, { displayName: "王芳", newPassword: "aaaaaaaaaaaaaaaa" }, META)).toMatchObject({
      problem: "account.validation.passwordGuessable",
    });
    // Nothing was used up by the refusals.
    expect((await findInvitation(database.db, token))?.state).toBe("valid");
    expect((await acceptInvitation(database.db, token, { displayName: "王芳", newPassword: "tea kettle meridian 4 llama" }, META)).ok).toBe(true);
  });
});
