/**
 * The lead's workflow on the server: every transition checks the policy action, the case's scope and
 * state, the version the page was drawn from, the two-person rule, what the form must carry (note, reason
 * code), the lead's completeness and (for a referral) the MOU, then moves the case, writes its audit record
 * and its effects (workflow-effects.server.ts: referral rows and decision clock, the agency's decision,
 * the closure, outcome events, notifications) in one transaction. The state machine itself is the table in
 * case-workflow.ts; nothing here decides a next state on its own.
 *
 * The case page's views live beside it: workflow-view.server.ts (getWorkflowView) and
 * case-timeline.server.ts (getCaseTimeline), re-exported here.
 */
import { and, desc, eq } from "drizzle-orm";
import { auditEvents, cases, users, type Case, type CaseStatus, type DbOrTx } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordAudit } from "./audit.server";
import { caseScopeCondition } from "./case-access.server";
import { checkTransition, inputRefusal, TRANSITION_ACTION, type Transition, type WorkflowRefusal } from "./case-workflow";
import { leadCompletenessFor } from "./lead-completeness.server";
import { verdictForAgency } from "./mou-routing.server";
import type { Viewer } from "./policy";
import { assertCan } from "./policy.server";
import { declinedAgencies } from "./referrals.server";
import { applyTransitionEffects } from "./workflow-effects.server";
import { isUuid } from "~/lib/ids";
import { viewerActor } from "./accounts.server";

export { getWorkflowView } from "./workflow-view.server";
export { getCaseTimeline } from "./case-timeline.server";

export interface TransitionInput {
  caseId: string;
  /** The case version the viewer's page was drawn from: a case that moved since is refused, not overwritten. */
  version: number;
  /** Review comments, withdrawal reason or note; required where the rule says so. */
  note?: string | null;
  /** For a referral: the police agency chosen. */
  agencyId?: string | null;
  /** For a decline (declineReason) or a closure (closureReason): the reason code; required by those rules. */
  reasonCode?: string | null;
}

export interface WorkflowContext {
  ip?: string | null;
  /** The instant of the transition (tests and the seed); now by default. */
  at?: Date;
}

export type WorkflowOutcome =
  | { ok: true; transition: Transition; status: CaseStatus; version: number }
  | { ok: false; transition: Transition; refusal: WorkflowRefusal };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Draft → in review: the author (or any platform case worker) asks a platform lead to review the lead. */
export function submitForReview(db: DbOrTx, viewer: Viewer, input: TransitionInput, context: WorkflowContext = {}) {
  return applyTransition(db, viewer, "submit_for_review", input, context);
}

/** In review → approved, by a platform lead who is not the lead's author (two-person rule). */
export function approveLead(db: DbOrTx, viewer: Viewer, input: TransitionInput, context: WorkflowContext = {}) {
  return applyTransition(db, viewer, "approve", input, context);
}

/** In review → draft, with the reviewer's comments (required). */
export function returnLeadToDraft(db: DbOrTx, viewer: Viewer, input: TransitionInput, context: WorkflowContext = {}) {
  return applyTransition(db, viewer, "return_to_draft", input, context);
}

/** Approved → submitted to a police agency eligible under an MOU in force; starts the decision clock. */
export function referLead(db: DbOrTx, viewer: Viewer, input: TransitionInput, context: WorkflowContext = {}) {
  return applyTransition(db, viewer, "refer", input, context);
}

/** Returned for information → submitted again to the same agency, with the answer (required). */
export function resubmitLead(db: DbOrTx, viewer: Viewer, input: TransitionInput, context: WorkflowContext = {}) {
  return applyTransition(db, viewer, "resubmit", input, context);
}

/** Any state before acceptance → withdrawn, with a reason (required). The lead stays in the record. */
export function withdrawLead(db: DbOrTx, viewer: Viewer, input: TransitionInput, context: WorkflowContext = {}) {
  return applyTransition(db, viewer, "withdraw", input, context);
}

/** Submitted → accepted by the agency's supervisor (an optional note). */
export function acceptReferral(db: DbOrTx, viewer: Viewer, input: TransitionInput, context: WorkflowContext = {}) {
  return applyTransition(db, viewer, "accept", input, context);
}

/** Submitted → declined, with a reason code and text; the platform may then refer it to another agency. */
export function declineReferral(db: DbOrTx, viewer: Viewer, input: TransitionInput, context: WorkflowContext = {}) {
  return applyTransition(db, viewer, "decline", input, context);
}

/** Submitted → returned for information, with the agency's questions; the clock stops until resubmission. */
export function returnForInformation(db: DbOrTx, viewer: Viewer, input: TransitionInput, context: WorkflowContext = {}) {
  return applyTransition(db, viewer, "return_for_info", input, context);
}

/** Refusals that are about the form's own fields: shown next to them, not worth an audit record. */
const INPUT_REFUSALS = new Set<WorkflowRefusal["code"]>(["note_required", "note_too_long", "reason_required"]);

/**
 * Takes one transition. Throws 403 when the viewer's role may never take it and 404 when the case is not
 * in the viewer's scope; every other refusal comes back as a reason (and is itself recorded as a failed
 * attempt), so the page can say what to do.
 */
export async function applyTransition(
  db: DbOrTx,
  viewer: Viewer,
  transition: Transition,
  input: TransitionInput,
  context: WorkflowContext = {},
): Promise<WorkflowOutcome> {
  assertCan(viewer, TRANSITION_ACTION[transition]);
  if (!isUuid(input.caseId)) throw notFound();
  const at = context.at ?? new Date();
  const note = input.note?.trim() ?? "";
  const reasonCode = input.reasonCode?.trim() || null;
  const outcome = await db.transaction(async (tx): Promise<WorkflowOutcome> => {
    const [current] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, input.caseId), caseScopeCondition(viewer)))
      .for("update")
      .limit(1);
    if (!current) throw notFound();
    const refuse = (refusal: WorkflowRefusal): WorkflowOutcome => ({ ok: false, transition, refusal });

    if (current.version !== input.version) return refuse(await staleRefusal(tx, current));
    const check = checkTransition(viewer, current, transition);
    if (!check.ok) return refuse(check.refusal);
    const { rule } = check;
    const missing = inputRefusal(rule, { note, reasonCode });
    if (missing) return refuse(missing);
    if (rule.requiresCompleteLead) {
      const completeness = await leadCompletenessFor(tx, current);
      if (!completeness.complete) return refuse({ code: "incomplete", missing: completeness.missing });
    }

    const changes: Partial<Case> = {};
    const details: Record<string, unknown> = { reference: current.reference, from: current.status, to: rule.to };
    if (note) details.note = note;
    if (rule.reasonCode) details.reasonCode = reasonCode;
    if (rule.requiresEligibleAgency) {
      const agencyId = transition === "refer" ? input.agencyId : current.targetAgencyId;
      if (!agencyId) return refuse({ code: "agency_required" });
      const verdict = isUuid(agencyId) ? await verdictForAgency(tx, current, agencyId, { at }) : null;
      // After a decline the lead goes to another agency: never back to one that declined it.
      const declined = transition === "refer" ? (await declinedAgencies(tx, current.id)).find((row) => row.agencyId === agencyId) : undefined;
      if (declined) return refuse({ code: "agency_declined", agencyNameZh: declined.nameZh, agencyNameEn: declined.nameEn });
      if (!verdict?.eligible || !verdict.mou) {
        return refuse({
          code: "agency_not_eligible",
          agencyNameZh: verdict?.agency.nameZh ?? null,
          agencyNameEn: verdict?.agency.nameEn ?? null,
          problems: verdict?.problems ?? [{ code: "no_mou" }],
        });
      }
      // Every referral starts a full decision period: a resubmission after a return for information
      // restarts the clock from the moment the answers went back (the agency decides on the new file).
      const decisionDueAt = new Date(at.getTime() + verdict.mou.decisionPeriodDays * DAY_MS);
      Object.assign(changes, { targetAgencyId: agencyId, mouId: verdict.mou.id, submittedAt: at, decisionDueAt });
      Object.assign(details, {
        agencyId,
        agencyNameZh: verdict.agency.nameZh,
        agencyNameEn: verdict.agency.nameEn,
        mouId: verdict.mou.id,
        mouReference: verdict.mou.reference,
        decisionPeriodDays: verdict.mou.decisionPeriodDays,
        submittedAt: at.toISOString(),
        decisionDueAt: decisionDueAt.toISOString(),
      });
    }
    if (transition === "submit_for_review") Object.assign(changes, { reviewedBy: null, approvedAt: null });
    if (transition === "approve") Object.assign(changes, { reviewedBy: viewer.userId, approvedAt: at });
    if (transition === "return_to_draft") Object.assign(changes, { reviewedBy: viewer.userId, approvedAt: null });

    const [moved] = await tx
      .update(cases)
      .set({ ...changes, status: rule.to, version: current.version + 1, updatedAt: at })
      .where(and(eq(cases.id, current.id), eq(cases.version, current.version), eq(cases.status, current.status)))
      .returning();
    // Unreachable while the row is locked FOR UPDATE; kept so a change of locking cannot lose an update silently.
    if (!moved) return refuse(await staleRefusal(tx, current));
    await recordAudit(tx, {
      action: rule.auditAction,
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "case",
      entityId: current.id,
      caseId: current.id,
      details: { ...details, version: moved.version },
    });
    await applyTransitionEffects(tx, { viewer, rule, before: current, after: moved, note, reasonCode, at });
    return { ok: true, transition, status: moved.status, version: moved.version };
  });
  if (!outcome.ok && !INPUT_REFUSALS.has(outcome.refusal.code)) {
    await recordRefusedAttempt(db, viewer, input, outcome, context);
  }
  return outcome;
}

/** A refused attempt is itself worth knowing about (an author trying to approve their own lead, a forged agency). */
async function recordRefusedAttempt(
  db: DbOrTx,
  viewer: Viewer,
  input: TransitionInput,
  outcome: Extract<WorkflowOutcome, { ok: false }>,
  context: WorkflowContext,
) {
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      action: "case.transition_refused",
      outcome: "failure",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "case",
      entityId: input.caseId,
      caseId: input.caseId,
      details: {
        transition: outcome.transition,
        reason: outcome.refusal.code,
        pageVersion: input.version,
        ...(input.agencyId ? { agencyId: input.agencyId } : {}),
      },
    });
  });
}

/** Who changed the case last, and when: what a refused stale save shows (reused by other case records' saves). */
export async function staleRefusal(tx: DbOrTx, current: Case): Promise<WorkflowRefusal> {
  const [last] = await tx
    .select({ occurredAt: auditEvents.occurredAt, name: users.displayName, label: auditEvents.actorLabel })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.caseId, current.id), eq(auditEvents.outcome, "success")))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return {
    code: "stale",
    status: current.status,
    version: current.version,
    changedBy: last ? (last.name ?? last.label) : null,
    changedAt: last ? last.occurredAt.toISOString() : null,
  };
}

