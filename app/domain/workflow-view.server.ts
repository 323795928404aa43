/**
 * The workflow as the case page shows it (getWorkflowView): what the viewer may do now and why not where
 * not; for a referral the agencies with their verdicts (after a decline, those whose MOU would fit, never
 * the agencies that declined: the re-routing suggestions); where the lead went and its decision clock; the
 * agency's decision; the note that brought the case to its current state.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { auditEvents, mous, organisations, users, type Case, type DbOrTx } from "~/lib/db.server";
import { checkTransition, rulesFrom, type TransitionRule, type WorkflowRefusal } from "./case-workflow";
import { leadCompletenessFor } from "./lead-completeness.server";
import { routeLead, verdictForAgency } from "./mou-routing.server";
import { can, type Viewer } from "./policy";
import { declinedAgencies, latestDecision } from "./referrals.server";
import type { WorkflowActionView, WorkflowView } from "./workflow-view";

/**
 * What the viewer may do with the case now, each with the reason why not where not; for a referral the
 * agencies with their verdicts; where the lead went and its decision clock; the note that brought it to its
 * current state (the reviewer's comments when it was sent back). `caseRow` must come from the scoped query.
 */
export async function getWorkflowView(
  db: DbOrTx,
  viewer: Viewer,
  caseRow: Case,
  options: { at?: Date } = {},
): Promise<WorkflowView> {
  const at = options.at ?? new Date();
  const actsOnThisSide = rulesFrom(caseRow.status).filter((rule) => rule.side === viewer.organisationKind);
  // Viewers who may take no workflow action in this state (management; an officer while a referral awaits
  // the supervisor's decision) see none.
  const relevant = actsOnThisSide.some((rule) => can(viewer, rule.action)) ? actsOnThisSide : [];

  let completeness: { complete: boolean; missing: string[] } | undefined;
  const completenessOnce = async () => (completeness ??= await leadCompletenessFor(db, caseRow));
  const needsAgencies = relevant.some((rule) => rule.transition === "refer" && can(viewer, rule.action));
  const declinedBy = caseRow.targetAgencyId ? await declinedAgencies(db, caseRow.id) : [];
  // A declined lead is never offered back to an agency that declined it; the others whose MOU fits are the
  // suggestions (the refer form offers the eligible ones).
  const agencies = needsAgencies
    ? (await routeLead(db, caseRow, { at })).filter((verdict) => !declinedBy.some((declined) => declined.agencyId === verdict.agency.id))
    : null;
  const resubmitVerdict =
    caseRow.targetAgencyId && relevant.some((rule) => rule.transition === "resubmit")
      ? await verdictForAgency(db, caseRow, caseRow.targetAgencyId, { at })
      : null;

  const actions: WorkflowActionView[] = [];
  for (const rule of relevant) {
    actions.push({
      transition: rule.transition,
      to: rule.to,
      note: rule.note,
      ...(await actionAvailability(viewer, caseRow, rule, completenessOnce, agencies, resubmitVerdict)),
    });
  }

  return {
    status: caseRow.status,
    version: caseRow.version,
    category: caseRow.category,
    actions,
    agencies,
    declinedBy,
    target: await referralTarget(db, caseRow, at),
    decision: caseRow.targetAgencyId ? await latestDecision(db, caseRow.id) : null,
    latestNote: await noteThatLedHere(db, caseRow),
    computedAt: at.toISOString(),
  };
}

async function actionAvailability(
  viewer: Viewer,
  caseRow: Case,
  rule: TransitionRule,
  completeness: () => Promise<{ complete: boolean; missing: string[] }>,
  agencies: WorkflowView["agencies"],
  resubmitVerdict: Awaited<ReturnType<typeof verdictForAgency>>,
): Promise<{ allowed: boolean; refusal: WorkflowRefusal | null }> {
  const check = checkTransition(viewer, caseRow, rule.transition);
  if (!check.ok) return { allowed: false, refusal: check.refusal };
  if (rule.requiresCompleteLead) {
    const { complete, missing } = await completeness();
    if (!complete) return { allowed: false, refusal: { code: "incomplete", missing } };
  }
  if (rule.transition === "refer" && !agencies?.some((verdict) => verdict.eligible)) {
    return { allowed: false, refusal: { code: "no_eligible_agency" } };
  }
  if (rule.transition === "resubmit" && !resubmitVerdict?.eligible) {
    return {
      allowed: false,
      refusal: {
        code: "agency_not_eligible",
        agencyNameZh: resubmitVerdict?.agency.nameZh ?? null,
        agencyNameEn: resubmitVerdict?.agency.nameEn ?? null,
        problems: resubmitVerdict?.problems ?? [{ code: "no_mou" }],
      },
    };
  }
  return { allowed: true, refusal: null };
}

async function referralTarget(db: DbOrTx, caseRow: Case, at: Date): Promise<WorkflowView["target"]> {
  if (!caseRow.targetAgencyId) return null;
  const [agency] = await db
    .select({ nameZh: organisations.nameZh, nameEn: organisations.nameEn })
    .from(organisations)
    .where(eq(organisations.id, caseRow.targetAgencyId))
    .limit(1);
  const [mou] = caseRow.mouId
    ? await db.select({ reference: mous.reference }).from(mous).where(eq(mous.id, caseRow.mouId)).limit(1)
    : [];
  return {
    agencyId: caseRow.targetAgencyId,
    agencyNameZh: agency?.nameZh ?? "",
    agencyNameEn: agency?.nameEn ?? "",
    mouReference: mou?.reference ?? null,
    submittedAt: caseRow.submittedAt?.toISOString() ?? null,
    decisionDueAt: caseRow.decisionDueAt?.toISOString() ?? null,
    // The clock runs only while the agency owes a decision.
    decisionOverdue: caseRow.status === "submitted" && !!caseRow.decisionDueAt && caseRow.decisionDueAt < at,
  };
}

/** The comments or reason given with the transition that brought the case to its current state, if any. */
async function noteThatLedHere(db: DbOrTx, caseRow: Case): Promise<WorkflowView["latestNote"]> {
  const [last] = await db
    .select({ action: auditEvents.action, details: auditEvents.details, at: auditEvents.occurredAt, name: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.caseId, caseRow.id),
        eq(auditEvents.outcome, "success"),
        sql`${auditEvents.details}->>'to' is not null`,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const details = (last?.details ?? {}) as Record<string, unknown>;
  if (!last || details.to !== caseRow.status || typeof details.note !== "string" || !details.note) return null;
  return { action: last.action, text: details.note, byName: last.name, at: last.at.toISOString() };
}
