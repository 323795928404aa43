/**
 * The referral rows (case_referrals): one per time a lead is sent to an agency (referral, resubmission,
 * referral to another agency after a decline), each with its decision clock and, once made, the agency's
 * decision. Written by the workflow (case-workflow.server.ts) inside the transition's transaction; read by
 * the workflow view (the decision, the agencies that declined, the re-routing suggestions) and the inbox.
 */
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  caseReferrals,
  organisations,
  users,
  type Case,
  type CaseReferral,
  type DbOrTx,
  type DeclineReason,
  type Transaction,
} from "~/lib/db.server";
import type { WorkflowDecision } from "./workflow-view";

export type ReferralDecision = NonNullable<CaseReferral["decision"]>;

/** Starts a referral's decision clock: a new row, undecided, due at `decisionDueAt`. */
export async function insertReferral(
  tx: Transaction,
  input: { caseId: string; agencyId: string; mouId: string; submittedBy: string; submittedAt: Date; decisionDueAt: Date },
): Promise<CaseReferral> {
  const [row] = await tx.insert(caseReferrals).values(input).returning();
  return row!;
}

/**
 * The referral the agency has still to decide: the latest undecided row for the case's current agency.
 * A lead referred before referral rows existed has none; one is written from the case's own referral
 * fields (its author as the submitter), so its decision is kept like any other.
 */
async function openReferral(tx: Transaction, caseRow: Case): Promise<CaseReferral | null> {
  if (!caseRow.targetAgencyId) return null;
  const [open] = await tx
    .select()
    .from(caseReferrals)
    .where(and(eq(caseReferrals.caseId, caseRow.id), eq(caseReferrals.agencyId, caseRow.targetAgencyId), isNull(caseReferrals.decidedAt)))
    .orderBy(desc(caseReferrals.submittedAt))
    .limit(1)
    .for("update");
  if (open) return open;
  if (!caseRow.mouId || !caseRow.submittedAt || !caseRow.decisionDueAt) return null;
  return insertReferral(tx, {
    caseId: caseRow.id,
    agencyId: caseRow.targetAgencyId,
    mouId: caseRow.mouId,
    submittedBy: caseRow.createdBy,
    submittedAt: caseRow.submittedAt,
    decisionDueAt: caseRow.decisionDueAt,
  });
}

/** Records the agency's decision on the open referral (accept, decline with its reason, return with questions). */
export async function recordDecision(
  tx: Transaction,
  input: {
    caseRow: Case;
    decision: ReferralDecision;
    decidedBy: string;
    decidedAt: Date;
    declineReason: DeclineReason | null;
    note: string;
  },
): Promise<CaseReferral | null> {
  const open = await openReferral(tx, input.caseRow);
  if (!open) return null;
  const [decided] = await tx
    .update(caseReferrals)
    .set({
      decision: input.decision,
      decidedBy: input.decidedBy,
      decidedAt: input.decidedAt,
      declineReason: input.declineReason,
      decisionNote: input.note,
    })
    .where(eq(caseReferrals.id, open.id))
    .returning();
  return decided ?? null;
}

/** Every agency that has declined this lead: it may not be referred back to them. */
export async function declinedAgencies(
  db: DbOrTx,
  caseId: string,
): Promise<{ agencyId: string; nameZh: string; nameEn: string }[]> {
  const rows = await db
    .selectDistinct({ agencyId: caseReferrals.agencyId, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
    .from(caseReferrals)
    .innerJoin(organisations, eq(organisations.id, caseReferrals.agencyId))
    .where(and(eq(caseReferrals.caseId, caseId), eq(caseReferrals.decision, "declined")));
  return rows;
}

/** The agency's decision on the lead's latest decided referral, with who made it. */
export async function latestDecision(db: DbOrTx, caseId: string): Promise<WorkflowDecision | null> {
  const decider = alias(users, "decider");
  const [row] = await db
    .select({
      decision: caseReferrals.decision,
      declineReason: caseReferrals.declineReason,
      note: caseReferrals.decisionNote,
      at: caseReferrals.decidedAt,
      byName: decider.displayName,
      agencyNameZh: organisations.nameZh,
      agencyNameEn: organisations.nameEn,
    })
    .from(caseReferrals)
    .innerJoin(organisations, eq(organisations.id, caseReferrals.agencyId))
    .leftJoin(decider, eq(decider.id, caseReferrals.decidedBy))
    .where(and(eq(caseReferrals.caseId, caseId), isNotNull(caseReferrals.decidedAt)))
    .orderBy(desc(caseReferrals.decidedAt))
    .limit(1);
  if (!row?.decision || !row.at) return null;
  return {
    decision: row.decision,
    declineReason: row.declineReason,
    note: row.note,
    byName: row.byName,
    at: row.at.toISOString(),
    agencyNameZh: row.agencyNameZh,
    agencyNameEn: row.agencyNameEn,
  };
}
