/**
 * Notifications: the one way a change tells people about itself. `notifyUsers` is called inside the
 * transaction of the change (so a notification exists exactly when its change does) and writes one row per
 * recipient for the bell; e-mail copies go through the outbox (app/domain/outbox.server.ts).
 * The actor is never notified of their own change.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { caseAssignments, notifications, users, type Case, type Transaction } from "~/lib/db.server";

export const NOTIFICATION_KINDS = [
  /** A referral reached the agency (supervisors). */
  "referral_received",
  /** The agency accepted, declined or returned a referral (platform side). */
  "referral_decided",
  /** An officer was assigned to a case (that officer). */
  "assigned",
  /** A police update on the case: investigation, raid, seizure, outcome, prosecution, closure (platform side). */
  "police_update",
  /** The platform recorded follow-up or resubmitted (police side). */
  "platform_update",
  /** A request for information was made to the recipient's side. */
  "request_received",
  /** A request the recipient's side made was answered. */
  "request_answered",
  /** A new comment on a case or request thread. */
  "comment_added",
  /** The decision clock of a referral runs out soon (supervisors). */
  "decision_due_soon",
  /** The decision clock ran out without a decision (supervisors, and the platform side). */
  "decision_overdue",
  /** A request for information is due soon and still open (the answering side). */
  "request_due_soon",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationInput {
  recipients: readonly string[];
  kind: NotificationKind;
  caseId?: string | null;
  /** Who caused it (left out of the recipients); null for the system (clock sweeps). */
  actorUserId?: string | null;
  /** What the translated text needs: the case reference, the decision, the agency's name… */
  params?: Record<string, string | number | null>;
  /** The path the notification opens. */
  link: string;
  at?: Date;
}

export async function notifyUsers(tx: Transaction, input: NotificationInput): Promise<number> {
  const recipients = [...new Set(input.recipients)].filter((id) => id !== input.actorUserId);
  if (recipients.length === 0) return 0;
  await tx.insert(notifications).values(
    recipients.map((userId) => ({
      userId,
      kind: input.kind,
      caseId: input.caseId ?? null,
      actorUserId: input.actorUserId ?? null,
      params: input.params ?? {},
      link: input.link,
      createdAt: input.at ?? new Date(),
    })),
  );
  return recipients.length;
}

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
