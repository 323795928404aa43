/**
 * Inviting a user: a one-time link that expires. The token (256 bits) is shown once to the administrator and
 * put in the invitation e-mail; the database keeps only its SHA-256. Accepting it creates the account with
 * the role and organisation the administrator chose (within the policy's rules), signs the new user in, and
 * uses the invitation up in the same transaction, so a link works exactly once.
 */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { createUserSession, sessionStage } from "~/lib/auth.server";
import { randomToken, sha256Hex } from "~/lib/crypto.server";
import { invitations, organisations, users, type Database, type Organisation, type User } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import { hashPassword } from "~/lib/password.server";
import { actorOf, normaliseEmail, viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { invitationEmail } from "./emails.server";
import { deliverOutboxMessage, enqueueEmail, redactInvitationLink, type DeliveryOutcome } from "./outbox.server";
import { checkPasswordStrength, type PasswordProblem } from "./passwords.server";
import { assertCan } from "./policy.server";
import { isRoleAllowedInOrganisation, type OrganisationKind, type Role, type Viewer } from "./policy";

export const INVITATION_TTL_HOURS = 72;

type Invitation = typeof invitations.$inferSelect;

export function hashInvitationToken(token: string): string {
  return sha256Hex(`invitation:${token}`);
}

export type InviteResult =
  | { ok: true; invitationId: string; link: string; expiresAt: Date; delivery: DeliveryOutcome }
  | {
      ok: false;
      field: "email" | "organisationId" | "role";
      problem: "admin.invite.emailTaken" | "admin.invite.organisationUnknown" | "admin.invite.roleNotAllowed";
    };

export async function inviteUser(
  db: Database,
  viewer: Viewer,
  input: { email: string; displayName?: string; organisationId: string; role: Role },
  baseUrl: string,
  meta: RequestMeta,
): Promise<InviteResult> {
  assertCan(viewer, "users.manage");
  const email = normaliseEmail(input.email);
  const [organisation] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, input.organisationId), isNull(organisations.deactivatedAt)));
  if (!organisation) return { ok: false, field: "organisationId", problem: "admin.invite.organisationUnknown" };
  if (!isRoleAllowedInOrganisation(input.role, organisation.kind as OrganisationKind)) {
    return { ok: false, field: "role", problem: "admin.invite.roleNotAllowed" };
  }
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return { ok: false, field: "email", problem: "admin.invite.emailTaken" };

  const token = randomToken(32);
  const link = `${baseUrl}/invite/${token}`;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_HOURS * 60 * 60 * 1000);
  const { invitationId, messageId } = await db.transaction(async (tx) => {
    // A new invitation replaces any earlier one still open for the same address.
    const replaced = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    const [invitation] = await tx
      .insert(invitations)
      .values({
        tokenHash: hashInvitationToken(token),
        email,
        displayName: input.displayName ?? "",
        role: input.role,
        organisationId: organisation.id,
        invitedBy: viewer.userId,
        expiresAt,
      })
      .returning({ id: invitations.id });
    const message = invitationEmail({
      link,
      displayName: input.displayName || email,
      organisation,
      role: input.role,
      invitedBy: viewer.displayName,
      expiresAt,
    });
    const queued = await enqueueEmail(tx, { kind: "invitation", to: email, ...message });
    await recordAudit(tx, {
      action: "invitation.created",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "invitation",
      entityId: invitation!.id,
      details: {
        email,
        role: input.role,
        organisation: organisation.code,
        expiresAt: expiresAt.toISOString(),
        replacedInvitations: replaced.map((row) => row.id),
      },
    });
    return { invitationId: invitation!.id, messageId: queued };
  });
  const delivery = await deliverOutboxMessage(db, messageId);
  return { ok: true, invitationId, link, expiresAt, delivery };
}

export type InvitationState = "valid" | "expired" | "used" | "revoked";

export interface InvitationView {
  state: InvitationState;
  invitation: Invitation;
  organisation: Pick<Organisation, "nameZh" | "nameEn" | "kind">;
}

function stateOf(invitation: Invitation, now: Date): InvitationState {
  if (invitation.acceptedAt) return "used";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "valid";
}

/** The invitation a token opens, whatever its state; null for a token never issued. */
export async function findInvitation(db: Database, token: string, now = new Date()): Promise<InvitationView | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({ invitation: invitations, organisation: { nameZh: organisations.nameZh, nameEn: organisations.nameEn, kind: organisations.kind } })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  if (!row) return null;
  return { state: stateOf(row.invitation, now), invitation: row.invitation, organisation: row.organisation };
}

export type AcceptResult =
  | { ok: true; user: User; setCookie: string; next: "home" | "enrolment" }
  | { ok: false; problem: "invalid" | "account.invite.emailTaken" }
  | { ok: false; problem: PasswordProblem; field: "newPassword" };

export async function acceptInvitation(
  db: Database,
  token: string,
  input: { displayName: string; newPassword: string },
  meta: RequestMeta,
): Promise<AcceptResult> {
  const found = await findInvitation(db, token);
  if (!found || found.state !== "valid") return { ok: false, problem: "invalid" };
  const weak = checkPasswordStrength(input.newPassword, { email: found.invitation.email, displayName: input.displayName });
  if (weak) return { ok: false, problem: weak, field: "newPassword" };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const now = new Date();
    // Use the invitation up first, conditionally: of two concurrent acceptances only one gets the row.
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(invitations.id, found.invitation.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .returning();
    if (!invitation) return { ok: false, problem: "invalid" } as const;
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
    if (taken) {
      tx.rollback(); // throws; nothing of this attempt is kept, the invitation stays open
    }
    const [user] = await tx
      .insert(users)
      .values({
        organisationId: invitation.organisationId,
        email: invitation.email,
        displayName: input.displayName,
        role: invitation.role,
        passwordHash,
        passwordChangedAt: now,
        lastSignInAt: now,
        lastSignInIp: meta.ip,
        lastActiveAt: now,
      })
      .returning();
    await tx.update(invitations).set({ acceptedUserId: user!.id }).where(eq(invitations.id, invitation.id));
    await redactInvitationLink(tx, token);
    const session = await createUserSession(tx, user!.id, meta);
    await recordAudit(tx, {
      action: "invitation.accepted",
      actor: actorOf(user!),
      ip: meta.ip,
      entityType: "invitation",
      entityId: invitation.id,
      details: { email: invitation.email, role: invitation.role, userId: user!.id },
    });
    await recordAudit(tx, {
      action: "auth.sign_in",
      actor: actorOf(user!),
      ip: meta.ip,
      entityType: "user",
      entityId: user!.id,
      details: { via: "invitation" },
    });
    const stage = sessionStage({ twoFactorVerifiedAt: null }, user!);
    return { ok: true, user: user!, setCookie: session.setCookie, next: stage === "enrolment" ? "enrolment" : "home" } as const;
  }).catch((error: unknown) => {
    if (isRollback(error)) return { ok: false, problem: "account.invite.emailTaken" } as const;
    throw error;
  });
}

function isRollback(error: unknown): boolean {
  return error instanceof Error && error.name === "TransactionRollbackError";
}

export interface PendingInvitation {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationNameZh: string;
  organisationNameEn: string;
  invitedByEmail: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** Invitations not yet accepted, revoked or expired, soonest to expire first. */
export async function listPendingInvitations(db: Database, viewer: Viewer, now = new Date()): Promise<PendingInvitation[]> {
  assertCan(viewer, "users.manage");
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      displayName: invitations.displayName,
      role: invitations.role,
      organisationNameZh: organisations.nameZh,
      organisationNameEn: organisations.nameEn,
      invitedByEmail: users.email,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.expiresAt));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

export async function revokeInvitation(db: Database, viewer: Viewer, invitationId: string, meta: RequestMeta): Promise<boolean> {
  assertCan(viewer, "users.manage");
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id, email: invitations.email });
    if (!revoked) return false;
    await recordAudit(tx, {
      action: "invitation.revoked",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "invitation",
      entityId: revoked.id,
      details: { email: revoked.email },
    });
    return true;
  });
}
