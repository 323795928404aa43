/**
 * Administrators' work on accounts: the filtered list, one account's details, setting the role (within the
 * role ↔ organisation-kind rule of policy.ts), deactivating (every session ends in the same transaction),
 * re-enabling, unlocking, and resetting a user's two-factor sign-in when they lost their authenticator and
 * their recovery codes. Administrators never act on their own account here, so one cannot lock oneself out.
 */
import { and, asc, count, desc, eq, gt, ilike, isNotNull, isNull, lte, or, type SQL } from "drizzle-orm";
import { invalidateUserSessions, listUserSessions, type SessionSummary } from "~/lib/auth.server";
import { auditEvents, organisations, sessions, users, type Database, type Transaction, type User } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import type { UserFilters } from "./admin-users.schema";
import { INACTIVITY_LIMIT_DAYS, lastUsedAt, viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { assertCan } from "./policy.server";
import { isRoleAllowedInOrganisation, ROLES, type OrganisationKind, type Role, type Viewer } from "./policy";
import { clearTwoFactor, countUnusedRecoveryCodes } from "./two-factor.server";
import { isUuid } from "~/lib/ids";

export type AccountStatus = "active" | "locked" | "deactivated";

export interface UserListRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationNameZh: string;
  organisationNameEn: string;
  status: AccountStatus;
  deactivatedReason: string | null;
  lastUsedAt: Date;
  twoFactorEnabled: boolean;
}

function statusOf(user: Pick<User, "deactivatedAt" | "lockedUntil">, now: Date): AccountStatus {
  if (user.deactivatedAt) return "deactivated";
  if (user.lockedUntil && user.lockedUntil > now) return "locked";
  return "active";
}

export const USER_LIST_LIMIT = 500;

export async function listUsers(db: Database, viewer: Viewer, filters: UserFilters, now = new Date()): Promise<UserListRow[]> {
  assertCan(viewer, "users.manage");
  const conditions: (SQL | undefined)[] = [];
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.email, pattern), ilike(users.displayName, pattern)));
  }
  if (filters.organisation) conditions.push(eq(users.organisationId, filters.organisation));
  if (filters.role) conditions.push(eq(users.role, filters.role));
  if (filters.status === "active") conditions.push(and(isNull(users.deactivatedAt), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))));
  if (filters.status === "locked") conditions.push(and(isNull(users.deactivatedAt), gt(users.lockedUntil, now)));
  if (filters.status === "deactivated") conditions.push(isNotNull(users.deactivatedAt));
  if (filters.status === "two_factor_missing") conditions.push(and(isNull(users.deactivatedAt), isNull(users.totpEnabledAt)));
  const rows = await db
    .select({ user: users, organisation: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(...conditions))
    .orderBy(asc(organisations.kind), asc(organisations.code), asc(users.email))
    .limit(USER_LIST_LIMIT);
  return rows.map(({ user, organisation }) => ({
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role as Role,
    organisationId: organisation.id,
    organisationKind: organisation.kind as OrganisationKind,
    organisationNameZh: organisation.nameZh,
    organisationNameEn: organisation.nameEn,
    status: statusOf(user, now),
    deactivatedReason: user.deactivatedReason,
    lastUsedAt: lastUsedAt(user),
    twoFactorEnabled: Boolean(user.totpEnabledAt),
  }));
}

export interface UserDetail extends UserListRow {
  lockedUntil: Date | null;
  deactivatedAt: Date | null;
  createdAt: Date;
  lastSignInAt: Date | null;
  lastSignInIp: string | null;
  passwordChangedAt: Date | null;
  twoFactorEnabledAt: Date | null;
  recoveryCodesLeft: number;
  sessions: SessionSummary[];
  /** Roles this account may hold in its organisation. */
  allowedRoles: Role[];
  inactivityLimitDays: number;
  recentEvents: { seq: number; occurredAt: Date; action: string; outcome: "success" | "failure"; actorLabel: string | null; ip: string | null }[];
}

/** One account, for administrators; a 404 (null) for an id that names nobody. */
export async function getUserDetail(db: Database, viewer: Viewer, userId: string, now = new Date()): Promise<UserDetail | null> {
  assertCan(viewer, "users.manage");
  if (!isUuid(userId)) return null;
  const [row] = await db
    .select({ user: users, organisation: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!row) return null;
  const { user, organisation } = row;
  const kind = organisation.kind as OrganisationKind;
  const [sessions, recoveryCodesLeft, recentEvents] = await Promise.all([
    listUserSessions(db, user.id, null),
    countUnusedRecoveryCodes(db, user.id),
    db
      .select({
        seq: auditEvents.seq,
        occurredAt: auditEvents.occurredAt,
        action: auditEvents.action,
        outcome: auditEvents.outcome,
        actorLabel: auditEvents.actorLabel,
        ip: auditEvents.ip,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "user"), eq(auditEvents.entityId, user.id)))
      .orderBy(desc(auditEvents.seq))
      .limit(15),
  ]);
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role as Role,
    organisationId: organisation.id,
    organisationKind: kind,
    organisationNameZh: organisation.nameZh,
    organisationNameEn: organisation.nameEn,
    status: statusOf(user, now),
    deactivatedReason: user.deactivatedReason,
    lastUsedAt: lastUsedAt(user),
    twoFactorEnabled: Boolean(user.totpEnabledAt),
    lockedUntil: user.lockedUntil,
    deactivatedAt: user.deactivatedAt,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
    lastSignInIp: user.lastSignInIp,
    passwordChangedAt: user.passwordChangedAt,
    twoFactorEnabledAt: user.totpEnabledAt,
    recoveryCodesLeft,
    sessions,
    allowedRoles: ROLES.filter((role) => isRoleAllowedInOrganisation(role, kind)),
    inactivityLimitDays: INACTIVITY_LIMIT_DAYS,
    recentEvents,
  };
}

export type AdminUserProblem =
  | "admin.users.problem.notFound"
  | "admin.users.problem.self"
  | "admin.users.problem.roleNotAllowed"
  | "admin.users.problem.unchanged";

type AdminResult = { ok: true } | { ok: false; problem: AdminUserProblem };

/** Loads the target under a row lock, refusing one's own account. */
async function lockTarget(tx: Transaction, viewer: Viewer, userId: string) {
  if (!isUuid(userId)) return { problem: "admin.users.problem.notFound" as const };
  const [row] = await tx
    .select({ user: users, kind: organisations.kind })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId))
    .for("update", { of: users });
  if (!row) return { problem: "admin.users.problem.notFound" as const };
  if (row.user.id === viewer.userId) return { problem: "admin.users.problem.self" as const };
  return { user: row.user, kind: row.kind as OrganisationKind };
}

function audit(tx: Transaction, viewer: Viewer, meta: RequestMeta, action: string, user: User, details: Record<string, unknown>) {
  return recordAudit(tx, {
    action,
    actor: viewerActor(viewer),
    ip: meta.ip,
    entityType: "user",
    entityId: user.id,
    details: { email: user.email, ...details },
  });
}

/** Sets the role; it takes effect on the user's next request (roles are read with the session). */
export async function changeUserRole(db: Database, viewer: Viewer, userId: string, role: Role, meta: RequestMeta): Promise<AdminResult> {
  assertCan(viewer, "users.manage");
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, viewer, userId);
    if (!target.user) return { ok: false, problem: target.problem };
    if (!isRoleAllowedInOrganisation(role, target.kind)) return { ok: false, problem: "admin.users.problem.roleNotAllowed" };
    if (target.user.role === role) return { ok: false, problem: "admin.users.problem.unchanged" };
    await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId));
    await audit(tx, viewer, meta, "user.role_changed", target.user, { role: { from: target.user.role, to: role } });
    return { ok: true };
  });
}

/** Deactivates the account and ends all its sessions at once. */
export async function deactivateUser(db: Database, viewer: Viewer, userId: string, reason: string, meta: RequestMeta): Promise<AdminResult> {
  assertCan(viewer, "users.manage");
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, viewer, userId);
    if (!target.user) return { ok: false, problem: target.problem };
    if (target.user.deactivatedAt) return { ok: false, problem: "admin.users.problem.unchanged" };
    const [{ open } = { open: 0 }] = await tx
      .select({ open: count() })
      .from(sessions)
      .where(eq(sessions.userId, userId));
    await tx.update(users).set({ deactivatedAt: new Date(), deactivatedReason: reason, updatedAt: new Date() }).where(eq(users.id, userId));
    await invalidateUserSessions(tx, userId);
    await audit(tx, viewer, meta, "user.deactivated", target.user, { reason, sessionsEnded: open });
    return { ok: true };
  });
}

/** Re-enables a deactivated (or inactivity-disabled) account; its 90 days start again from now. */
export async function reactivateUser(db: Database, viewer: Viewer, userId: string, meta: RequestMeta): Promise<AdminResult> {
  assertCan(viewer, "users.manage");
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, viewer, userId);
    if (!target.user) return { ok: false, problem: target.problem };
    if (!target.user.deactivatedAt) return { ok: false, problem: "admin.users.problem.unchanged" };
    const now = new Date();
    await tx
      .update(users)
      .set({
        deactivatedAt: null,
        deactivatedReason: null,
        lastActiveAt: now,
        failedSignInCount: 0,
        failedSignInWindowStartedAt: null,
        lockedUntil: null,
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    await audit(tx, viewer, meta, "user.reactivated", target.user, { previousReason: target.user.deactivatedReason });
    return { ok: true };
  });
}

export async function unlockUser(db: Database, viewer: Viewer, userId: string, meta: RequestMeta): Promise<AdminResult> {
  assertCan(viewer, "users.manage");
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, viewer, userId);
    if (!target.user) return { ok: false, problem: target.problem };
    if (!target.user.lockedUntil || target.user.lockedUntil <= new Date()) return { ok: false, problem: "admin.users.problem.unchanged" };
    await tx
      .update(users)
      .set({ lockedUntil: null, failedSignInCount: 0, failedSignInWindowStartedAt: null, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await audit(tx, viewer, meta, "user.unlocked", target.user, { lockedUntil: target.user.lockedUntil.toISOString() });
    return { ok: true };
  });
}

/**
 * For a user who lost both their authenticator and their recovery codes: removes their TOTP and ends their
 * sessions; they enrol again at their next sign-in (required) or from their account page.
 */
export async function resetUserTwoFactor(db: Database, viewer: Viewer, userId: string, meta: RequestMeta): Promise<AdminResult> {
  assertCan(viewer, "users.manage");
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, viewer, userId);
    if (!target.user) return { ok: false, problem: target.problem };
    if (!(await clearTwoFactor(tx, userId))) return { ok: false, problem: "admin.users.problem.unchanged" };
    await invalidateUserSessions(tx, userId);
    await audit(tx, viewer, meta, "user.two_factor_reset", target.user, {});
    return { ok: true };
  });
}
