/**
 * Signing in and out, and a user's own settings. Every state change here commits with its audit record.
 *
 * Lockout: 5 wrong passwords for one account within 15 minutes lock it for 15 minutes. A wrong password,
 * an unknown e-mail, a deactivated or a locked account all get the same answer ("invalid_credentials"),
 * so the form does not reveal which accounts exist or are locked. Failures are also counted per IP.
 */
import { and, desc, eq } from "drizzle-orm";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createUserSession, deleteExpiredSessions, invalidateSession } from "~/lib/auth.server";
import { auditEvents, users, type Database, type Locale, type User } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { RequestMeta } from "~/lib/http.server";
import { burnPasswordVerification, verifyPassword } from "~/lib/password.server";
import { recordAudit, type AuditActor } from "./audit.server";
import type { Viewer } from "./policy";

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;

/** Failed sign-ins per client IP; in-process memory (one server process, see ADR 0006). */
export interface SignInThrottle {
  isBlocked(ip: string): Promise<boolean>;
  recordFailure(ip: string): Promise<void>;
}

export function createSignInThrottle(failuresPerWindow: number, windowSeconds = LOCKOUT_WINDOW_MS / 1000): SignInThrottle {
  const limiter = new RateLimiterMemory({ points: failuresPerWindow, duration: windowSeconds });
  return {
    async isBlocked(ip) {
      const state = await limiter.get(ip);
      return (state?.consumedPoints ?? 0) >= failuresPerWindow;
    },
    async recordFailure(ip) {
      await limiter.consume(ip).catch(() => undefined); // rejects once over the limit; the count is what matters
    },
  };
}

let defaultThrottle: SignInThrottle | undefined;
function signInThrottle(): SignInThrottle {
  defaultThrottle ??= createSignInThrottle(env().signInFailuresPerIp);
  return defaultThrottle;
}

export type SignInResult =
  | { ok: true; user: User; setCookie: string }
  | { ok: false; reason: "invalid_credentials" | "too_many_attempts" };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function actorOf(user: Pick<User, "id" | "organisationId" | "email">): AuditActor {
  return { userId: user.id, organisationId: user.organisationId, label: user.email };
}

export async function signIn(
  db: Database,
  input: { email: string; password: string },
  meta: RequestMeta,
  throttle: SignInThrottle = signInThrottle(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const ipKey = meta.ip ?? "unknown";
  const now = new Date();

  if (await throttle.isBlocked(ipKey)) {
    await db.transaction((tx) =>
      recordAudit(tx, {
        action: "auth.sign_in_throttled",
        outcome: "failure",
        actor: { userId: null, organisationId: null, label: email },
        ip: meta.ip,
      }),
    );
    return { ok: false, reason: "too_many_attempts" };
  }

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) {
    await burnPasswordVerification(input.password);
    await throttle.recordFailure(ipKey);
    await db.transaction((tx) =>
      recordAudit(tx, {
        action: "auth.sign_in",
        outcome: "failure",
        actor: { userId: null, organisationId: null, label: email },
        ip: meta.ip,
        details: { reason: "unknown_account" },
      }),
    );
    return { ok: false, reason: "invalid_credentials" };
  }

  if (user.lockedUntil && user.lockedUntil > now) {
    await burnPasswordVerification(input.password);
    await throttle.recordFailure(ipKey);
    await db.transaction((tx) =>
      recordAudit(tx, {
        action: "auth.sign_in",
        outcome: "failure",
        actor: actorOf(user),
        ip: meta.ip,
        entityType: "user",
        entityId: user.id,
        details: { reason: "locked", lockedUntil: user.lockedUntil!.toISOString() },
      }),
    );
    return { ok: false, reason: "invalid_credentials" };
  }

  const passwordMatches = await verifyPassword(user.passwordHash, input.password);
  if (!passwordMatches || user.deactivatedAt) {
    await throttle.recordFailure(ipKey);
    await db.transaction(async (tx) => {
      const windowOpen =
        user.failedSignInWindowStartedAt !== null &&
        now.getTime() - user.failedSignInWindowStartedAt.getTime() < LOCKOUT_WINDOW_MS;
      const failures = windowOpen ? user.failedSignInCount + 1 : 1;
      const locks = passwordMatches ? false : failures >= LOCKOUT_THRESHOLD;
      await tx
        .update(users)
        .set({
          failedSignInCount: locks ? 0 : failures,
          failedSignInWindowStartedAt: locks ? null : windowOpen ? user.failedSignInWindowStartedAt : now,
          lockedUntil: locks ? new Date(now.getTime() + LOCKOUT_DURATION_MS) : user.lockedUntil,
        })
        .where(eq(users.id, user.id));
      await recordAudit(tx, {
        action: "auth.sign_in",
        outcome: "failure",
        actor: actorOf(user),
        ip: meta.ip,
        entityType: "user",
        entityId: user.id,
        details: { reason: user.deactivatedAt ? "deactivated" : "wrong_password", failuresInWindow: failures },
      });
      if (locks) {
        await recordAudit(tx, {
          action: "auth.account_locked",
          outcome: "success",
          actor: actorOf(user),
          ip: meta.ip,
          entityType: "user",
          entityId: user.id,
          details: { failures, lockedForMinutes: LOCKOUT_DURATION_MS / 60_000 },
        });
      }
    });
    return { ok: false, reason: "invalid_credentials" };
  }

  const setCookie = await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        failedSignInCount: 0,
        failedSignInWindowStartedAt: null,
        lockedUntil: null,
        lastSignInAt: now,
        lastSignInIp: meta.ip,
      })
      .where(eq(users.id, user.id));
    await deleteExpiredSessions(tx); // housekeeping: abandoned sessions would otherwise stay forever
    const session = await createUserSession(tx, user.id, meta);
    await recordAudit(tx, {
      action: "auth.sign_in",
      outcome: "success",
      actor: actorOf(user),
      ip: meta.ip,
      entityType: "user",
      entityId: user.id,
    });
    return session.setCookie;
  });
  return { ok: true, user, setCookie };
}

export async function signOut(db: Database, viewer: Viewer, token: string, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    await invalidateSession(tx, token);
    await recordAudit(tx, {
      action: "auth.sign_out",
      actor: { userId: viewer.userId, organisationId: viewer.organisationId, label: viewer.email },
      ip: meta.ip,
      entityType: "user",
      entityId: viewer.userId,
    });
  });
}

export async function setPreferredLocale(db: Database, viewer: Viewer, locale: Locale, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ preferredLocale: users.preferredLocale })
      .from(users)
      .where(eq(users.id, viewer.userId))
      .for("update");
    if (before?.preferredLocale === locale) return;
    await tx.update(users).set({ preferredLocale: locale, updatedAt: new Date() }).where(eq(users.id, viewer.userId));
    await recordAudit(tx, {
      action: "user.locale_changed",
      actor: { userId: viewer.userId, organisationId: viewer.organisationId, label: viewer.email },
      ip: meta.ip,
      entityType: "user",
      entityId: viewer.userId,
      details: { preferredLocale: { from: before?.preferredLocale ?? null, to: locale } },
    });
  });
}

export async function getPreferredLocale(db: Database, userId: string): Promise<Locale | null> {
  const [row] = await db
    .select({ preferredLocale: users.preferredLocale })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.preferredLocale ?? null;
}

export interface AccountActivity {
  seq: number;
  occurredAt: Date;
  action: string;
  outcome: "success" | "failure";
  ip: string | null;
}

/** The viewer's own recent sign-in and account events: a check that nobody else has used the account. */
export async function listOwnAccountActivity(db: Database, viewer: Viewer, limit = 10): Promise<AccountActivity[]> {
  return db
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, viewer.userId)))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}

export async function getLastSignIn(db: Database, viewer: Viewer): Promise<{ at: Date; ip: string | null } | null> {
  // The sign-in before this session's: the current one is always "just now" and tells nothing.
  const rows = await db
    .select({ at: auditEvents.occurredAt, ip: auditEvents.ip })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, "user"),
        eq(auditEvents.entityId, viewer.userId),
        eq(auditEvents.action, "auth.sign_in"),
        eq(auditEvents.outcome, "success"),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(2);
  return rows[1] ?? null;
}
