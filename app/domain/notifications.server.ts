/**
 * Notifications: the one way a change tells people about itself. `notifyUsers` is called inside the
 * transaction of the change (so a notification exists exactly when its change does) and writes one row per
 * recipient for the bell, and one e-mail per recipient into the outbox, in the recipient's language
 * (app/domain/notification-emails.server.ts: sent through SMTP after the commit when configured).
 * The actor is never notified of their own change; deactivated accounts are not notified.
 *
 * The kinds and the params each kind's text reads are documented in notifications.ts.
 * The bell's page (/notifications) reads only the viewer's own notifications.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  caseAssignments,
  cases,
  countUpTo,
  notifications,
  users,
  type Case,
  type Database,
  type Notification,
  type Transaction,
} from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { notificationEmail, NOTIFICATION_EMAIL_KIND_PREFIX, recipientLocale, rememberForDelivery } from "./notification-emails.server";
import { safeNotificationLink, type NotificationKind, type NotificationParams } from "./notifications";
import { assertCan } from "./policy.server";
import type { Viewer } from "./policy";
import { enqueueEmail } from "./outbox.server";
import { isUuid } from "~/lib/ids";

export { NOTIFICATION_KINDS, type NotificationKind } from "./notifications";

export interface NotificationInput {
  recipients: readonly string[];
  kind: NotificationKind;
  caseId?: string | null;
  /** Who caused it (left out of the recipients); null for the system (clock sweeps). */
  actorUserId?: string | null;
  /** What the translated text needs: the decision, the agency's name… (notifications.ts lists them per kind). */
  params?: NotificationParams;
  /** The path the notification opens. */
  link: string;
  at?: Date;
}

export interface NotifyResult {
  /** How many people were notified. */
  count: number;
  /** The outbox messages written (one per recipient), for delivery right after the commit. */
  messageIds: string[];
}

/** notifyUsers, returning the outbox message ids too (for callers that deliver them after their commit). */
export async function notifyUsersWithEmail(tx: Transaction, input: NotificationInput, options: { baseUrl?: string } = {}): Promise<NotifyResult> {
  const wanted = [...new Set(input.recipients)].filter((id) => id !== input.actorUserId);
  if (wanted.length === 0) return { count: 0, messageIds: [] };
  const recipients = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, preferredLocale: users.preferredLocale })
    .from(users)
    .where(and(inArray(users.id, wanted), isNull(users.deactivatedAt)));
  if (recipients.length === 0) return { count: 0, messageIds: [] };
  const link = safeNotificationLink(input.link);
  const params = input.params ?? {};
  const at = input.at ?? new Date();
  await tx.insert(notifications).values(
    recipients.map((recipient) => ({
      userId: recipient.id,
      kind: input.kind,
      caseId: input.caseId ?? null,
      actorUserId: input.actorUserId ?? null,
      params,
      link,
      createdAt: at,
    })),
  );
  const [caseRow] = input.caseId ? await tx.select({ reference: cases.reference }).from(cases).where(eq(cases.id, input.caseId)) : [];
  const messageIds: string[] = [];
  for (const recipient of recipients) {
    const message = notificationEmail({
      locale: recipientLocale(recipient.preferredLocale),
      recipientName: recipient.displayName,
      kind: input.kind,
      reference: caseRow?.reference ?? null,
      params,
      link,
      baseUrl: options.baseUrl,
    });
    messageIds.push(
      await enqueueEmail(tx, {
        kind: `${NOTIFICATION_EMAIL_KIND_PREFIX}${input.kind}`,
        to: recipient.email,
        recipientUserId: recipient.id,
        ...message,
      }),
    );
  }
  // Delivered once this transaction has committed (or by whoever holds the ids, right after it).
  rememberForDelivery(messageIds);
  return { count: recipients.length, messageIds };
}

/** Notifies `recipients` (minus the actor) in the caller's transaction; returns how many were notified. */
export async function notifyUsers(tx: Transaction, input: NotificationInput): Promise<number> {
  return (await notifyUsersWithEmail(tx, input)).count;
}

// ---- Recipients ----

/** Active police supervisors of an agency. */
export async function agencySupervisorIds(tx: Transaction, agencyId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organisationId, agencyId), eq(users.role, "police_supervisor"), isNull(users.deactivatedAt)));
  return rows.map((row) => row.id);
}

/** Officers currently assigned to a case. */
export async function assignedOfficerIds(tx: Transaction, caseId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: caseAssignments.officerId })
    .from(caseAssignments)
    .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)));
  return rows.map((row) => row.id);
}

/** The police side of a case: its agency's supervisors and the officers assigned to it. */
export async function policeParticipantIds(tx: Transaction, caseRow: Pick<Case, "id" | "targetAgencyId">): Promise<string[]> {
  if (!caseRow.targetAgencyId) return [];
  return [...new Set([...(await agencySupervisorIds(tx, caseRow.targetAgencyId)), ...(await assignedOfficerIds(tx, caseRow.id))])];
}

/** The platform side of a case: the lead's author and its reviewer, while their accounts are active. */
export async function platformParticipantIds(tx: Transaction, caseRow: Pick<Case, "createdBy" | "reviewedBy">): Promise<string[]> {
  const ids = [caseRow.createdBy, caseRow.reviewedBy].filter((id): id is string => Boolean(id));
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), isNull(users.deactivatedAt)));
  return rows.map((row) => row.id);
}

// ---- The bell and /notifications: the viewer's own notifications only ----

/** The bell shows "99+" above this; counting stops there (one index-only scan of the unread index). */
export const UNREAD_COUNT_CAP = 99;

export async function countUnreadNotifications(db: Database, userId: string): Promise<number> {
  const unread = db
    .select({ one: sql`1` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return countUpTo(db, unread, UNREAD_COUNT_CAP);
}

export const NOTIFICATIONS_PAGE_SIZE = 25;

export interface NotificationListItem {
  id: string;
  kind: string;
  params: unknown;
  link: string;
  createdAt: Date;
  readAt: Date | null;
  caseReference: string | null;
  actorName: string | null;
}

export interface NotificationPage {
  items: NotificationListItem[];
  /** createdAt|id of the last row, for the next (older) page; null on the last page. */
  nextCursor: string | null;
  unread: number;
}

function parseCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  const [at, id] = cursor?.split("|") ?? [];
  if (!at || !id || Number.isNaN(Date.parse(at)) || !isUuid(id)) return null;
  return { at: new Date(at), id };
}

/** The viewer's notifications, newest first, keyset-paginated on (createdAt, id). */
export async function listNotifications(db: Database, viewer: Viewer, cursor: string | null): Promise<NotificationPage> {
  assertCan(viewer, "notifications.view");
  const after = parseCursor(cursor);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      params: notifications.params,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      caseReference: cases.reference,
      actorName: users.displayName,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(users, eq(users.id, notifications.actorUserId))
    .where(
      and(
        eq(notifications.userId, viewer.userId),
        after ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE + 1);
  const items = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > NOTIFICATIONS_PAGE_SIZE && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
    unread: await countUnreadNotifications(db, viewer.userId),
  };
}

/** One of the viewer's own notifications; another user's (or none) is 404, the same answer. */
export async function requireOwnNotification(db: Database, viewer: Viewer, id: string): Promise<Notification> {
  assertCan(viewer, "notifications.view");
  if (!isUuid(id)) throw notFound();
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, viewer.userId)))
    .limit(1);
  if (!row) throw notFound();
  return row;
}

/** Opening a notification marks it read and returns where it leads. */
export async function openNotification(db: Database, viewer: Viewer, id: string, at = new Date()): Promise<string> {
  const row = await requireOwnNotification(db, viewer, id);
  if (!row.readAt) {
    await db
      .update(notifications)
      .set({ readAt: at })
      .where(and(eq(notifications.id, row.id), eq(notifications.userId, viewer.userId), isNull(notifications.readAt)));
  }
  return safeNotificationLink(row.link);
}

/** Marks every unread notification of the viewer read; returns how many. */
export async function markAllNotificationsRead(db: Database, viewer: Viewer, at = new Date()): Promise<number> {
  assertCan(viewer, "notifications.view");
  const updated = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, viewer.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}
