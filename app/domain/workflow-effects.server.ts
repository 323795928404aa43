/**
 * What a transition does besides moving the case, inside its transaction (applyTransition calls this once
 * the case row and its audit record are written):
 * - a referral, a resubmission or a referral to another agency after a decline starts a decision clock
 *   (a case_referrals row) and tells the agency;
 * - the agency's decision (accept, decline, return for information) is recorded on the open referral row,
 *   becomes an outcome event (feed and webhooks) and tells the platform's people;
 * - the police updates (investigation started, transferred for prosecution, closed) become outcome events
 *   and tell the platform's people; closing records the closure reason on the case's outcome record.
 * Recording a raid (record_raid) is taken by the raid form (raids.server.ts), which writes its own event
 * and notification with the raid's details, so nothing is added here for it.
 * Outcome events carry codes and states, never the free-text notes (they may name people).
 */
import { eq, sql } from "drizzle-orm";
import { caseOutcomes, organisations, type Case, type ClosureReason, type DeclineReason, type Transaction } from "~/lib/db.server";
import type { TransitionRule } from "./case-workflow";
import { agencySupervisorIds, notifyUsers, platformParticipantIds, policeParticipantIds } from "./notifications.server";
import { recordOutcomeEvent, type OutcomeEventKind } from "./outcome-events.server";
import type { Viewer } from "./policy";
import { insertReferral, recordDecision, type ReferralDecision } from "./referrals.server";

export interface TransitionEffects {
  viewer: Viewer;
  rule: TransitionRule;
  /** The case as it was before the transition, and the fields it changed. */
  before: Case;
  after: Case;
  note: string;
  reasonCode: string | null;
  at: Date;
}

const DECISIONS: Partial<Record<TransitionRule["transition"], ReferralDecision>> = {
  accept: "accepted",
  decline: "declined",
  return_for_info: "returned_for_info",
};

const EVENT_KINDS: Partial<Record<TransitionRule["transition"], OutcomeEventKind>> = {
  accept: "referral.accepted",
  decline: "referral.declined",
  return_for_info: "referral.returned_for_info",
  start_investigation: "case.investigation_started",
  transfer_for_prosecution: "case.transferred_for_prosecution",
  close: "case.closed",
};

export async function applyTransitionEffects(tx: Transaction, effects: TransitionEffects): Promise<void> {
  const { rule, before, after, viewer, at } = effects;
  const link = `/cases/${after.id}`;
  const base = { caseId: after.id, actorUserId: viewer.userId, link, at };

  if (rule.requiresEligibleAgency && after.targetAgencyId && after.mouId && after.submittedAt && after.decisionDueAt) {
    await insertReferral(tx, {
      caseId: after.id,
      agencyId: after.targetAgencyId,
      mouId: after.mouId,
      submittedBy: viewer.userId,
      submittedAt: after.submittedAt,
      decisionDueAt: after.decisionDueAt,
    });
    // Params as notifications.ts documents them for each kind.
    const agency = await agencyNames(tx, after.targetAgencyId);
    const params = { agencyNameZh: agency?.nameZh ?? null, agencyNameEn: agency?.nameEn ?? null, dueAt: after.decisionDueAt.toISOString() };
    if (rule.transition === "resubmit") {
      // The same agency gets the lead back with the answers: its supervisors and any officer on it.
      await notifyUsers(tx, { ...base, kind: "platform_update", recipients: await policeParticipantIds(tx, after), params: { ...params, event: "case.resubmitted" } });
    } else {
      await notifyUsers(tx, { ...base, kind: "referral_received", recipients: await agencySupervisorIds(tx, after.targetAgencyId), params });
    }
    return;
  }

  if (rule.transition === "withdraw" && before.targetAgencyId && (before.status === "submitted" || before.status === "returned_for_info")) {
    // The agency was waiting on (or for) this lead: it should know it will not come.
    await notifyUsers(tx, {
      ...base,
      kind: "platform_update",
      recipients: await policeParticipantIds(tx, before),
      params: { event: "case.withdrawn" },
    });
    return;
  }

  const eventKind = EVENT_KINDS[rule.transition];
  if (!eventKind) return;
  const agency = after.targetAgencyId ? await agencyNames(tx, after.targetAgencyId) : null;
  const decision = DECISIONS[rule.transition];
  if (decision) {
    await recordDecision(tx, {
      caseRow: before,
      decision,
      decidedBy: viewer.userId,
      decidedAt: at,
      declineReason: decision === "declined" ? (effects.reasonCode as DeclineReason) : null,
      note: effects.note,
    });
  }
  if (rule.transition === "close") {
    const closureReason = effects.reasonCode as ClosureReason;
    await tx
      .insert(caseOutcomes)
      .values({ caseId: after.id, closureReason, closedAt: at, updatedBy: viewer.userId, updatedAt: at })
      .onConflictDoUpdate({
        target: caseOutcomes.caseId,
        set: { closureReason, closedAt: at, updatedBy: viewer.userId, updatedAt: at, version: sql`${caseOutcomes.version} + 1` },
      });
  }

  await recordOutcomeEvent(tx, {
    caseRow: after,
    kind: eventKind,
    at,
    payload: {
      from: before.status,
      to: after.status,
      agency: agency ? { code: agency.code, nameZh: agency.nameZh, nameEn: agency.nameEn } : null,
      ...(decision ? { decision } : {}),
      ...(rule.reasonCode === "decline" ? { declineReason: effects.reasonCode } : {}),
      ...(rule.reasonCode === "closure" ? { closureReason: effects.reasonCode } : {}),
    },
  });
  await notifyUsers(tx, {
    ...base,
    kind: decision ? "referral_decided" : "police_update",
    recipients: await platformParticipantIds(tx, after),
    params: {
      agencyNameZh: agency?.nameZh ?? null,
      agencyNameEn: agency?.nameEn ?? null,
      ...(decision ? { decision } : { event: rule.transition }),
      ...(effects.reasonCode ? { reasonCode: effects.reasonCode } : {}),
    },
  });
}

async function agencyNames(tx: Transaction, agencyId: string) {
  const [row] = await tx
    .select({ code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
    .from(organisations)
    .where(eq(organisations.id, agencyId))
    .limit(1);
  return row ?? null;
}
