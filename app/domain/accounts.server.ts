/**
 * Signing in and out, and a user's own settings. Every state change here commits with its audit record.
 *
 * Lockout: 5 wrong passwords for one account within 15 minutes lock it for 15 minutes. A wrong password,
 * an unknown e-mail, a deactivated or a locked account all get the same answer ("invalid_credentials"),
 * so the form does not reveal which accounts exist or are locked. Failures are also counted per IP. Wrong
 * second factors and wrong re-authentications count towards the same lockout (registerCredentialFailure).
 *
 * Two-factor sign-in: a user with TOTP gets a session that waits for the second factor (two-factor.server.ts
 * completes it); when REQUIRE_TWO_FACTOR is on, a user without TOTP gets one that waits for enrolment.
 *
 * Inactivity: an account unused for 90 days is disabled when someone next tries to sign in with it, and by
 * the sweep disableInactiveAccounts (see its comment for when it runs). The last active administrator is
 * never disabled this way, or nobody could re-enable anyone.
 */
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { RateLimiterMemory } from "rate-limiter-flexible";
import {
  createUserSession,
  deleteExpiredSessions,
  invalidateSession,
  invalidateUserSessions,
  sessionStage,
} from "~/lib/auth.server";
import { auditEvents, users, type Database, type Locale, type Transaction, type User } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { RequestMeta } from "~/lib/http.server";
import { burnPasswordVerification, verifyPassword } from "~/lib/password.server";
import { recordAudit, type AuditActor } from "./audit.server";
import type { Viewer } from "./policy";

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;
export const INACTIVITY_LIMIT_DAYS = 90;
const INACTIVITY_LIMIT_MS = INACTIVITY_LIMIT_DAYS * 24 * 60 * 60 * 1000;

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
  /** next: where the new session goes — home, the second-factor page, or TOTP enrolment. */
  | { ok: true; user: User; setCookie: string; next: "home" | "second_factor" | "enrolment" }
  | { ok: false; reason: "invalid_credentials" | "too_many_attempts" };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function actorOf(user: Pick<User, "id" | "organisationId" | "email">): AuditActor {
  return { userId: user.id, organisationId: user.organisationId, label: user.email };
}

export function viewerActor(viewer: Pick<Viewer, "userId" | "organisationId" | "email">): AuditActor {
  return { userId: viewer.userId, organisationId: viewer.organisationId, label: viewer.email };
}

/**
 * One more wrong credential for `user` (a password, a second factor, a re-authentication): counted in the
 * 15-minute window, locking the account at the fifth, with the audit records of both. Call it inside the
 * transaction that records nothing else. With endSessionsOnLock, a lock also ends the user's sessions — for
 * failures made from inside a session, whose holder should not keep it after locking the account.
 */
export async function registerCredentialFailure(
  tx: Transaction,
  user: User,
  meta: RequestMeta,
  options: { action: string; reason: string; countsTowardsLock?: boolean; endSessionsOnLock?: boolean },
): Promise<{ locked: boolean }> {
  const now = new Date();
  const windowOpen =
    user.failedSignInWindowStartedAt !== null &&
    now.getTime() - user.failedSignInWindowStartedAt.getTime() < LOCKOUT_WINDOW_MS;
  const failures = windowOpen ? user.failedSignInCount + 1 : 1;
  const locks = (options.countsTowardsLock ?? true) && failures >= LOCKOUT_THRESHOLD;
  await tx
    .update(users)
    .set({
      failedSignInCount: locks ? 0 : failures,
      failedSignInWindowStartedAt: locks ? null : windowOpen ? user.failedSignInWindowStartedAt : now,
      lockedUntil: locks ? new Date(now.getTime() + LOCKOUT_DURATION_MS) : user.lockedUntil,
    })
    .where(eq(users.id, user.id));
  await recordAudit(tx, {
    action: options.action,
    outcome: "failure",
    actor: actorOf(user),
    ip: meta.ip,
    entityType: "user",
    entityId: user.id,
    details: { reason: options.reason, failuresInWindow: failures },
  });
  if (locks) {
    if (options.endSessionsOnLock) await invalidateUserSessions(tx, user.id);
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
  return { locked: locks };
}

/** When the account was last used: its last request, else its last sign-in, else its creation. */
export function lastUsedAt(user: Pick<User, "lastActiveAt" | "lastSignInAt" | "createdAt">): Date {
  return user.lastActiveAt ?? user.lastSignInAt ?? user.createdAt;
}

export function isInactive(user: Pick<User, "lastActiveAt" | "lastSignInAt" | "createdAt">, now = new Date()): boolean {
  return now.getTime() - lastUsedAt(user).getTime() > INACTIVITY_LIMIT_MS;
}

async function isLastActiveAdministrator(tx: Transaction, user: Pick<User, "id" | "role">): Promise<boolean> {
  if (user.role !== "administrator") return false;
  const [row] = await tx
    .select({ others: count() })
    .from(users)
    .where(and(eq(users.role, "administrator"), isNull(users.deactivatedAt), sql`${users.id} <> ${user.id}`));
  return (row?.others ?? 0) === 0;
}

async function disableInactiveAccount(tx: Transaction, user: User, now: Date, trigger: "sign_in" | "sweep"): Promise<boolean> {
  // Re-read under a row lock: a concurrent sweep or administrator may have got there first.
  const [current] = await tx.select().from(users).where(eq(users.id, user.id)).for("update");
  if (!current || current.deactivatedAt || !isInactive(current, now)) return false;
  if (await isLastActiveAdministrator(tx, current)) return false;
  await tx
    .update(users)
    .set({ deactivatedAt: now, deactivatedReason: "inactive", updatedAt: now })
    .where(eq(users.id, user.id));
  await invalidateUserSessions(tx, user.id);
  await recordAudit(tx, {
    action: "user.deactivated",
    actor: { userId: null, organisationId: null, label: "system" },
    entityType: "user",
    entityId: user.id,
    details: {
      reason: "inactive",
      inactiveDays: INACTIVITY_LIMIT_DAYS,
      lastUsedAt: lastUsedAt(current).toISOString(),
      trigger,
      email: current.email,
    },
  });
  return true;
}

/**
 * Disables every account unused for 90 days (except the last active administrator), each with its audit
 * record. Sign-in applies the same rule to the account being used, so this sweep is what keeps the user
 * list truthful: the administrators' user list runs it before it lists. It is idempotent and cheap (one
 * indexed query when there is nothing to do), so a scheduler may also call it (e.g. hourly).
 */
export async function disableInactiveAccounts(db: Database, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - INACTIVITY_LIMIT_MS);
  const candidates = await db
    .select()
    .from(users)
    .where(
      and(
        isNull(users.deactivatedAt),
        // A typed parameter: in raw SQL postgres.js cannot tell a Date's type by itself.
        sql`coalesce(${users.lastActiveAt}, ${users.lastSignInAt}, ${users.createdAt}) < ${cutoff.toISOString()}::timestamptz`,
      ),
    );
  let disabled = 0;
  for (const user of candidates) {
    if (await db.transaction((tx) => disableInactiveAccount(tx, user, now, "sweep"))) disabled += 1;
  }
  return disabled;
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

  let [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (user && !user.deactivatedAt && isInactive(user, now)) {
    const disabled = await db.transaction((tx) => disableInactiveAccount(tx, user!, now, "sign_in"));
    if (disabled) user = { ...user, deactivatedAt: now, deactivatedReason: "inactive" };
  }
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
    const failed = user;
    await db.transaction((tx) =>
      registerCredentialFailure(tx, failed, meta, {
        action: "auth.sign_in",
        reason: failed.deactivatedAt ? "deactivated" : "wrong_password",
        countsTowardsLock: !passwordMatches,
      }),
    );
    return { ok: false, reason: "invalid_credentials" };
  }

  const stage = sessionStage({ twoFactorVerifiedAt: null }, user);
  if (stage === "second_factor") {
    // The password was right, but the sign-in is not done: the failure counters are reset only once the
    // second factor is passed, so that re-entering the password cannot buy more guesses at the code.
    const pending = user;
    const setCookie = await db.transaction(async (tx) => {
      await deleteExpiredSessions(tx);
      const session = await createUserSession(tx, pending.id, meta);
      await recordAudit(tx, {
        action: "auth.password_verified",
        actor: actorOf(pending),
        ip: meta.ip,
        entityType: "user",
        entityId: pending.id,
        details: { secondFactor: "pending" },
      });
      return session.setCookie;
    });
    return { ok: true, user, setCookie, next: "second_factor" };
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
        lastActiveAt: now,
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
      ...(stage === "enrolment" ? { details: { twoFactorEnrolment: "required" } } : {}),
    });
    return session.setCookie;
  });
  return { ok: true, user, setCookie, next: stage === "enrolment" ? "enrolment" : "home" };
}

export async function signOut(db: Database, viewer: Viewer, token: string, meta: RequestMeta): Promise<void> {
  await db.transaction(async (tx) => {
    await invalidateSession(tx, token);
    await recordAudit(tx, {
      action: "auth.sign_out",
      actor: viewerActor(viewer),
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
      actor: viewerActor(viewer),
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
