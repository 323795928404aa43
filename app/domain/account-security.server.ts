/**
 * One's own account: changing the password, re-authenticating before a sensitive action (step-up), and
 * one's own sessions. Every change commits with its audit record; a wrong password here counts towards the
 * account lockout like a failed sign-in (and a lock ends the sessions, since the guesser holds one).
 */
import { eq } from "drizzle-orm";
import {
  invalidateOtherUserSessions,
  invalidateUserSessionById,
  listUserSessions,
  markSessionReauthenticated,
  type SessionSummary,
} from "~/lib/auth.server";
import { users, type Database } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import { hashPassword, verifyPassword } from "~/lib/password.server";
import { actorOf, registerCredentialFailure, viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { checkPasswordStrength, type PasswordProblem } from "./passwords.server";
import type { Viewer } from "./policy";
import { checkSecondFactor } from "./two-factor.server";

export type ChangePasswordResult =
  | { ok: true; otherSessionsEnded: number }
  | { ok: false; field: "currentPassword"; problem: "account.password.currentWrong" | "account.password.locked" }
  | { ok: false; field: "newPassword"; problem: PasswordProblem | "account.validation.passwordUnchanged" };

/** Changes the viewer's password; every other session of theirs ends (this one stays). */
export async function changePassword(
  db: Database,
  viewer: Viewer,
  sessionToken: string,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<ChangePasswordResult> {
  const [user] = await db.select().from(users).where(eq(users.id, viewer.userId));
  if (!user) return { ok: false, field: "currentPassword", problem: "account.password.currentWrong" };
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const { locked } = await db.transaction((tx) =>
      registerCredentialFailure(tx, user, meta, { action: "user.password_changed", reason: "wrong_password", endSessionsOnLock: true }),
    );
    return { ok: false, field: "currentPassword", problem: locked ? "account.password.locked" : "account.password.currentWrong" };
  }
  if (input.newPassword === input.currentPassword) {
    return { ok: false, field: "newPassword", problem: "account.validation.passwordUnchanged" };
  }
  const weak = checkPasswordStrength(input.newPassword, { email: user.email, displayName: user.displayName });
  if (weak) return { ok: false, field: "newPassword", problem: weak };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const now = new Date();
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    const ended = await invalidateOtherUserSessions(tx, user.id, sessionToken);
    await recordAudit(tx, {
      action: "user.password_changed",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "user",
      entityId: user.id,
      details: { otherSessionsEnded: ended },
    });
    return { ok: true, otherSessionsEnded: ended } as const;
  });
}

export type ReauthenticationResult =
  | { ok: true }
  | { ok: false; field: "password" | "code"; problem: "account.reauth.wrong" | "account.reauth.codeRequired" | "account.reauth.locked" };

/**
 * Step-up: the viewer proves again who they are (password, and a TOTP or recovery code when enrolled); the
 * session records when. requireRecentReauthentication (policy.server.ts) reads it.
 */
export async function reauthenticate(
  db: Database,
  viewer: Viewer,
  sessionToken: string,
  input: { password: string; code?: string },
  meta: RequestMeta,
): Promise<ReauthenticationResult> {
  const [user] = await db.select().from(users).where(eq(users.id, viewer.userId));
  if (!user) return { ok: false, field: "password", problem: "account.reauth.wrong" };
  const passwordMatches = await verifyPassword(user.passwordHash, input.password);
  if (passwordMatches && user.totpEnabledAt && !input.code?.trim()) {
    return { ok: false, field: "code", problem: "account.reauth.codeRequired" };
  }
  return db.transaction(async (tx) => {
    const secondFactor = passwordMatches && user.totpEnabledAt ? await checkSecondFactor(tx, user, input.code ?? "") : null;
    if (!passwordMatches || (user.totpEnabledAt && !secondFactor)) {
      const { locked } = await registerCredentialFailure(tx, user, meta, {
        action: "auth.reauthenticated",
        reason: passwordMatches ? "wrong_second_factor" : "wrong_password",
        endSessionsOnLock: true,
      });
      return { ok: false, field: passwordMatches ? "code" : "password", problem: locked ? "account.reauth.locked" : "account.reauth.wrong" } as const;
    }
    await markSessionReauthenticated(tx, sessionToken);
    await recordAudit(tx, {
      action: "auth.reauthenticated",
      actor: actorOf(user),
      ip: meta.ip,
      entityType: "user",
      entityId: user.id,
      details: secondFactor ? { secondFactor } : {},
    });
    return { ok: true } as const;
  });
}

export function listOwnSessions(db: Database, viewer: Viewer, currentToken: string): Promise<SessionSummary[]> {
  return listUserSessions(db, viewer.userId, currentToken);
}

/** Ends one of the viewer's own sessions (never someone else's: the delete is scoped to the viewer). */
export async function endOwnSession(db: Database, viewer: Viewer, sessionId: string, meta: RequestMeta): Promise<boolean> {
  return db.transaction(async (tx) => {
    const ended = await invalidateUserSessionById(tx, viewer.userId, sessionId);
    if (!ended) return false;
    await recordAudit(tx, {
      action: "auth.session_ended",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "user",
      entityId: viewer.userId,
      // The first characters of the stored hash: enough to tell sessions apart in the log, useless as a token.
      details: { session: sessionId.slice(0, 12) },
    });
    return true;
  });
}
