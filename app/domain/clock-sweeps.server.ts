/**
 * The clock sweeps, run on a schedule by the job queue (runClockSweeps): reminders before a referral's
 * decision period runs out, the overdue notice when it has, and reminders before a request for information
 * is due. Each reminder goes out once: the sweep claims it with a conditional update of its "sent" column
 * in the same transaction as the notifications and the audit record, so running the sweep again, or two
 * sweeps at once, sends nothing twice. Recorded as actions of the system.
 */
import { and, asc, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import { caseReferrals, cases, informationRequests, type Case, type Database, type Transaction } from "~/lib/db.server";
import { recordAudit } from "./audit.server";
import { sideParticipantIds } from "./discussion.server";
import { DISCUSSION_STATUSES, REQUEST_DUE_SOON_MS } from "./information-requests";
import { deliverNotificationEmails, deliverWaitingNotificationEmails } from "./notification-emails.server";
import { agencySupervisorIds, notifyUsersWithEmail, platformParticipantIds, type NotificationInput } from "./notifications.server";

/** A referral whose decision is due within this is reminded (once). */
export const DECISION_DUE_SOON_MS = 24 * 60 * 60 * 1000;
/** At most this many reminders of each kind per run; the next run takes the rest. */
const BATCH = 200;

const SYSTEM = { userId: null, organisationId: null, label: "system" } as const;

export interface SweepResult {
  decisionDueSoon: number;
  decisionOverdue: number;
  requestDueSoon: number;
}

async function notifyInto(tx: Transaction, input: NotificationInput, messageIds: string[]): Promise<number> {
  const result = await notifyUsersWithEmail(tx, input);
  messageIds.push(...result.messageIds);
  return result.count;
}

/** Undecided referrals of cases still waiting for that agency's decision. */
const waitingForDecision = and(
  isNull(caseReferrals.decidedAt),
  eq(cases.status, "submitted"),
  eq(cases.targetAgencyId, caseReferrals.agencyId),
);

/**
 * Decision clocks: due within 24 h and not yet reminded → `decision_due_soon` to the agency's supervisors;
 * past due and not yet notified → `decision_overdue` to the supervisors and the platform's participants.
 */
export async function sweepDecisionClocks(db: Database, now: Date, messageIds: string[] = []): Promise<Pick<SweepResult, "decisionDueSoon" | "decisionOverdue">> {
  const dueSoon = await db
    .select({ referral: caseReferrals, caseRow: cases })
    .from(caseReferrals)
    .innerJoin(cases, eq(cases.id, caseReferrals.caseId))
    .where(
      and(
        waitingForDecision,
        isNull(caseReferrals.reminderSentAt),
        gt(caseReferrals.decisionDueAt, now),
        lte(caseReferrals.decisionDueAt, new Date(now.getTime() + DECISION_DUE_SOON_MS)),
      ),
    )
    .orderBy(asc(caseReferrals.decisionDueAt))
    .limit(BATCH);
  let decisionDueSoon = 0;
  for (const { referral, caseRow } of dueSoon) {
    const sent = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(caseReferrals)
        .set({ reminderSentAt: now })
        .where(and(eq(caseReferrals.id, referral.id), isNull(caseReferrals.reminderSentAt), isNull(caseReferrals.decidedAt)))
        .returning({ id: caseReferrals.id });
      if (!claimed) return false;
      const notified = await notifyInto(
        tx,
        {
          recipients: await agencySupervisorIds(tx, referral.agencyId),
          kind: "decision_due_soon",
          caseId: caseRow.id,
          actorUserId: null,
          params: { dueAt: referral.decisionDueAt.toISOString() },
          link: `/cases/${caseRow.id}`,
          at: now,
        },
        messageIds,
      );
      await recordAudit(tx, {
        action: "case.decision_reminder_sent",
        actor: SYSTEM,
        entityType: "case_referral",
        entityId: referral.id,
        caseId: caseRow.id,
        details: { reference: caseRow.reference, decisionDueAt: referral.decisionDueAt.toISOString(), notified },
      });
      return true;
    });
    if (sent) decisionDueSoon += 1;
  }

  const overdue = await db
    .select({ referral: caseReferrals, caseRow: cases })
    .from(caseReferrals)
    .innerJoin(cases, eq(cases.id, caseReferrals.caseId))
    .where(and(waitingForDecision, isNull(caseReferrals.overdueNotifiedAt), lte(caseReferrals.decisionDueAt, now)))
    .orderBy(asc(caseReferrals.decisionDueAt))
    .limit(BATCH);
  let decisionOverdue = 0;
  for (const { referral, caseRow } of overdue) {
    const sent = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(caseReferrals)
        .set({ overdueNotifiedAt: now })
        .where(and(eq(caseReferrals.id, referral.id), isNull(caseReferrals.overdueNotifiedAt), isNull(caseReferrals.decidedAt)))
        .returning({ id: caseReferrals.id });
      if (!claimed) return false;
      const notified = await notifyInto(
        tx,
        {
          recipients: [
            ...(await agencySupervisorIds(tx, referral.agencyId)),
            ...(await platformParticipantIds(tx, caseRow)),
            referral.submittedBy,
          ],
          kind: "decision_overdue",
          caseId: caseRow.id,
          actorUserId: null,
          params: { dueAt: referral.decisionDueAt.toISOString() },
          link: `/cases/${caseRow.id}`,
          at: now,
        },
        messageIds,
      );
      await recordAudit(tx, {
        action: "case.decision_overdue_notified",
        actor: SYSTEM,
        entityType: "case_referral",
        entityId: referral.id,
        caseId: caseRow.id,
        details: { reference: caseRow.reference, decisionDueAt: referral.decisionDueAt.toISOString(), notified },
      });
      return true;
    });
    if (sent) decisionOverdue += 1;
  }
  return { decisionDueSoon, decisionOverdue };
}

/** The side that answers a request: the case's other side from the one that asked. */
function answeringSide(caseRow: Case, requestingOrganisationId: string): string | null {
  return requestingOrganisationId === caseRow.platformOrganisationId ? caseRow.targetAgencyId : caseRow.platformOrganisationId;
}

/** Open requests due within 24 h (or already past due) and not yet reminded → `request_due_soon` to the answering side. */
export async function sweepRequestDueDates(db: Database, now: Date, messageIds: string[] = []): Promise<Pick<SweepResult, "requestDueSoon">> {
  const due = await db
    .select({ request: informationRequests, caseRow: cases })
    .from(informationRequests)
    .innerJoin(cases, eq(cases.id, informationRequests.caseId))
    .where(
      and(
        eq(informationRequests.status, "open"),
        isNull(informationRequests.reminderSentAt),
        lte(informationRequests.dueAt, new Date(now.getTime() + REQUEST_DUE_SOON_MS)),
        inArray(cases.status, [...DISCUSSION_STATUSES]),
      ),
    )
    .orderBy(asc(informationRequests.dueAt))
    .limit(BATCH);
  let requestDueSoon = 0;
  for (const { request, caseRow } of due) {
    const side = answeringSide(caseRow, request.requestingOrganisationId);
    const sent = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(informationRequests)
        .set({ reminderSentAt: now })
        .where(and(eq(informationRequests.id, request.id), isNull(informationRequests.reminderSentAt), eq(informationRequests.status, "open")))
        .returning({ id: informationRequests.id });
      if (!claimed) return false;
      const notified = side
        ? await notifyInto(
            tx,
            {
              recipients: await sideParticipantIds(tx, caseRow, side),
              kind: "request_due_soon",
              caseId: caseRow.id,
              actorUserId: null,
              params: { dueAt: request.dueAt.toISOString(), subject: request.subject },
              link: `/cases/${caseRow.id}/requests/${request.id}`,
              at: now,
            },
            messageIds,
          )
        : 0;
      await recordAudit(tx, {
        action: "information_request.reminder_sent",
        actor: SYSTEM,
        entityType: "information_request",
        entityId: request.id,
        caseId: caseRow.id,
        details: { reference: caseRow.reference, requestId: request.id, dueAt: request.dueAt.toISOString(), notified },
      });
      return true;
    });
    if (sent) requestDueSoon += 1;
  }
  return { requestDueSoon };
}

/**
 * Every sweep, then the e-mail they wrote (through SMTP when configured), then any notification e-mail
 * left waiting. The job queue calls this on a schedule; it is safe to run at any time, any number of times.
 */
export async function runClockSweeps(db: Database, now: Date = new Date()): Promise<SweepResult & { emailsSent: number }> {
  const messageIds: string[] = [];
  const decisions = await sweepDecisionClocks(db, now, messageIds);
  const requests = await sweepRequestDueDates(db, now, messageIds);
  const emailsSent = (await deliverNotificationEmails(db, messageIds)) + (await deliverWaitingNotificationEmails(db, now));
  return { ...decisions, ...requests, emailsSent };
}
