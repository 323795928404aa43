/**
 * The lead's workflow on the server: every transition checks the policy action, the case's scope and
 * state, the version the page was drawn from, the two-person rule, the lead's completeness and (for a
 * referral) the MOU, then moves the case and writes its audit record in one transaction. The state machine
 * itself is the table in case-workflow.ts; nothing here decides a next state on its own.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import {
  auditEvents,
  caseAccounts,
  caseBrands,
  cases,
  caseSites,
  caseTestPurchases,
  mous,
  organisations,
  users,
  type Case,
  type CaseStatus,
  type DbOrTx,
  type Transaction,
} from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordAudit } from "./audit.server";
import { caseScopeCondition, requireCaseForViewer } from "./case-access.server";
import {
  CASE_STATUSES,
  checkTransition,
  NOTE_MAX_LENGTH,
  rulesFrom,
  TRANSITION_ACTION,
  type TimelineEntry,
  type Transition,
  type TransitionRule,
  type WorkflowActionView,
  type WorkflowRefusal,
  type WorkflowView,
} from "./case-workflow";
import { leadCompleteness } from "./cases";
import { routeLead, verdictForAgency } from "./mou-routing.server";
import { can, type Viewer } from "./policy";
import { assertCan } from "./policy.server";

export interface TransitionInput {
  caseId: string;
  /** The case version the viewer's page was drawn from: a case that moved since is refused, not overwritten. */
  version: number;
  /** Review comments, withdrawal reason or note; required where the rule says so. */
  note?: string | null;
  /** For a referral: the police agency chosen. */
  agencyId?: string | null;
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
    if (rule.note === "required" && note === "") return refuse({ code: "note_required", transition });
    if (note.length > NOTE_MAX_LENGTH) return refuse({ code: "note_too_long", max: NOTE_MAX_LENGTH });
    if (rule.requiresCompleteLead) {
      const completeness = await leadCompletenessFor(tx, current);
      if (!completeness.complete) return refuse({ code: "incomplete", missing: completeness.missing });
    }

    const changes: Partial<Case> = {};
    const details: Record<string, unknown> = { reference: current.reference, from: current.status, to: rule.to };
    if (note) details.note = note;
    if (rule.requiresEligibleAgency) {
      const agencyId = transition === "refer" ? input.agencyId : current.targetAgencyId;
      if (!agencyId) return refuse({ code: "agency_required" });
      const verdict = isUuid(agencyId) ? await verdictForAgency(tx, current, agencyId, { at }) : null;
      if (!verdict?.eligible || !verdict.mou) {
        return refuse({
          code: "agency_not_eligible",
          agencyNameZh: verdict?.agency.nameZh ?? null,
          agencyNameEn: verdict?.agency.nameEn ?? null,
          problems: verdict?.problems ?? [{ code: "no_mou" }],
        });
      }
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
      .returning({ status: cases.status, version: cases.version });
    // Unreachable while the row is locked FOR UPDATE; kept so a change of locking cannot lose an update silently.
    if (!moved) return refuse(await staleRefusal(tx, current));
    await recordAudit(tx, {
      action: rule.auditAction,
      actor: { userId: viewer.userId, organisationId: viewer.organisationId, label: viewer.email },
      ip: context.ip ?? null,
      entityType: "case",
      entityId: current.id,
      caseId: current.id,
      details: { ...details, version: moved.version },
    });
    return { ok: true, transition, status: moved.status, version: moved.version };
  });
  if (!outcome.ok && outcome.refusal.code !== "note_required" && outcome.refusal.code !== "note_too_long") {
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
      actor: { userId: viewer.userId, organisationId: viewer.organisationId, label: viewer.email },
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

async function staleRefusal(tx: Transaction, current: Case): Promise<WorkflowRefusal> {
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

/**
 * leadCompleteness (cases.ts) over what is stored: the same rule the form and the detail page show, asked
 * again inside the transaction, on the rows as they are now.
 */
async function leadCompletenessFor(db: DbOrTx, caseRow: Case): Promise<{ complete: boolean; missing: string[] }> {
  const idsOf = (table: typeof caseBrands | typeof caseSites | typeof caseAccounts | typeof caseTestPurchases) =>
    db.select({ id: table.id }).from(table).where(eq(table.caseId, caseRow.id));
  const [brands, sites, accounts, testPurchases] = await Promise.all([
    idsOf(caseBrands),
    idsOf(caseSites),
    idsOf(caseAccounts),
    idsOf(caseTestPurchases),
  ]);
  const { complete, missing } = leadCompleteness({
    case: { summary: caseRow.summary, suspectedCharges: caseRow.suspectedCharges },
    brands,
    sites,
    accounts,
    testPurchases,
    amounts: {
      salesAmount: caseRow.salesAmount,
      unsoldGoodsValue: caseRow.unsoldGoodsValue,
      illegalBusinessVolume: caseRow.illegalBusinessVolume,
      illegalGains: caseRow.illegalGains,
    },
  });
  return { complete, missing };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

// ---- The detail page: what the viewer may do now, and the timeline ----

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
  // Viewers who may take no workflow action at all (management, and the police until issue 4) see none.
  const relevant = actsOnThisSide.some((rule) => can(viewer, rule.action)) ? actsOnThisSide : [];

  let completeness: { complete: boolean; missing: string[] } | undefined;
  const completenessOnce = async () => (completeness ??= await leadCompletenessFor(db, caseRow));
  const needsAgencies = relevant.some((rule) => rule.transition === "refer" && can(viewer, rule.action));
  const agencies = needsAgencies ? await routeLead(db, caseRow, { at }) : null;
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
    target: await referralTarget(db, caseRow, at),
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

/** Audit actions that only read (views, downloads, exports, checks): not steps of the case, so not on its timeline. */
const READ_ONLY_ACTION = /\.(viewed|view|read|listed|downloaded|download|exported|export|verified|verify|printed)$/;

/**
 * The case's history for both sides: every change recorded against it, oldest first, with who (name and
 * organisation), when, what, why, and the state it moved from and to. Refused attempts and pure reads are
 * left out. 404 when the case is not in the viewer's scope.
 */
export async function getCaseTimeline(db: DbOrTx, viewer: Viewer, caseId: string): Promise<TimelineEntry[]> {
  const caseRow = await requireCaseForViewer(db, viewer, caseId);
  const rows = await db
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      details: auditEvents.details,
      actorLabel: auditEvents.actorLabel,
      actorName: users.displayName,
      organisationNameZh: organisations.nameZh,
      organisationNameEn: organisations.nameEn,
      organisationKind: organisations.kind,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditEvents.actorOrganisationId))
    .where(and(eq(auditEvents.caseId, caseRow.id), eq(auditEvents.outcome, "success")))
    .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.seq));
  return rows
    .filter((row) => !READ_ONLY_ACTION.test(row.action))
    .map((row): TimelineEntry => {
      const details = (row.details ?? {}) as Record<string, unknown>;
      const name = row.actorName ?? row.actorLabel;
      return {
        seq: row.seq,
        occurredAt: row.occurredAt.toISOString(),
        action: row.action,
        actor: name
          ? {
              name,
              organisationNameZh: row.organisationNameZh,
              organisationNameEn: row.organisationNameEn,
              organisationKind: row.organisationKind,
            }
          : null,
        fromStatus: asStatus(details.from),
        toStatus: asStatus(details.to),
        note: firstText(details.note, details.reason, details.comments),
        agencyNameZh: firstText(details.agencyNameZh),
        agencyNameEn: firstText(details.agencyNameEn),
        mouReference: firstText(details.mouReference),
        decisionDueAt: firstText(details.decisionDueAt),
      };
    });
}

function asStatus(value: unknown): CaseStatus | null {
  return typeof value === "string" && (CASE_STATUSES as readonly string[]).includes(value) ? (value as CaseStatus) : null;
}

function firstText(...values: unknown[]): string | null {
  for (const value of values) if (typeof value === "string" && value.trim()) return value;
  return null;
}
