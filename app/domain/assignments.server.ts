/**
 * Officers on a case: the agency's supervisor assigns officers of their own agency to a case the agency
 * has accepted, names one of them the lead officer, and takes officers off the case. Each change is
 * audited in its transaction (the timeline shows it) and the officer assigned is notified.
 *
 * The case is locked (FOR UPDATE, through the scope query: 404 when not in scope) for each change, so two
 * supervisors acting at once are serialised; each change then checks what it changes is still as the page
 * showed it (the officer not yet on the case, the assignment still active) and says so when not.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { caseAssignments, cases, users, type Case, type CaseStatus, type DbOrTx, type Transaction } from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { recordAudit } from "./audit.server";
import { caseScopeCondition } from "./case-access.server";
import { notifyUsers } from "./notifications.server";
import { can, type Viewer } from "./policy";
import { assertCan } from "./policy.server";
import { isUuid } from "~/lib/ids";
import { viewerActor } from "./accounts.server";

/** While the agency works the case: from acceptance until it is closed. */
export const ASSIGNABLE_STATUSES = ["accepted", "investigating", "raided", "prosecution"] as const satisfies readonly CaseStatus[];

export type AssignmentRefusal =
  | { code: "wrong_state"; status: CaseStatus }
  /** Not an active officer of the viewer's agency (another agency's, deactivated, or no such person). */
  | { code: "officer_not_assignable" }
  | { code: "already_assigned"; name: string }
  | { code: "not_assigned" };

export type AssignmentOutcome = { ok: true } | { ok: false; refusal: AssignmentRefusal };

export interface AssignmentView {
  id: string;
  officerId: string;
  name: string;
  isLead: boolean;
  assignedAt: string;
  assignedByName: string | null;
}

export interface AssignmentPanelData {
  assignments: AssignmentView[];
  /** Officers the viewer may assign (active officers of the agency not yet on the case); null when the viewer may not assign now. */
  candidates: { id: string; name: string }[] | null;
  assignable: boolean;
}

export interface AssignmentContext {
  ip?: string | null;
  at?: Date;
}

function isAssignable(status: CaseStatus): boolean {
  return (ASSIGNABLE_STATUSES as readonly CaseStatus[]).includes(status);
}

/** Who is on the case now (lead officer first), and whom the viewer may add. `caseRow` comes from the scoped query. */
export async function getAssignmentPanel(db: DbOrTx, viewer: Viewer, caseRow: Case): Promise<AssignmentPanelData | null> {
  if (!caseRow.targetAgencyId || !caseRow.submittedAt) return null;
  const assignments = await activeAssignments(db, caseRow.id);
  const assignable = isAssignable(caseRow.status) && can(viewer, "case.assign") && viewer.organisationId === caseRow.targetAgencyId;
  const candidates = assignable
    ? (await agencyOfficers(db, viewer.organisationId)).filter((officer) => !assignments.some((row) => row.officerId === officer.id))
    : null;
  return { assignments, candidates, assignable };
}

export async function activeAssignments(db: DbOrTx, caseId: string): Promise<AssignmentView[]> {
  const officer = alias(users, "officer");
  const assigner = alias(users, "assigner");
  const rows = await db
    .select({
      id: caseAssignments.id,
      officerId: caseAssignments.officerId,
      name: officer.displayName,
      isLead: caseAssignments.isLead,
      assignedAt: caseAssignments.assignedAt,
      assignedByName: assigner.displayName,
    })
    .from(caseAssignments)
    .innerJoin(officer, eq(officer.id, caseAssignments.officerId))
    .leftJoin(assigner, eq(assigner.id, caseAssignments.assignedBy))
    .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)))
    .orderBy(asc(caseAssignments.assignedAt));
  return rows
    .map((row) => ({ ...row, assignedAt: row.assignedAt.toISOString() }))
    .sort((a, b) => Number(b.isLead) - Number(a.isLead));
}

/** Active police officers of an agency, by name. */
async function agencyOfficers(db: DbOrTx, agencyId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.organisationId, agencyId), eq(users.role, "police_officer"), isNull(users.deactivatedAt)))
    .orderBy(asc(users.displayName));
}

/** Assigns an officer of the viewer's agency; the first officer on a case (or one marked lead) becomes its lead officer. */
export async function assignOfficer(
  db: DbOrTx,
  viewer: Viewer,
  input: { caseId: string; officerId: string; lead?: boolean },
  context: AssignmentContext = {},
): Promise<AssignmentOutcome> {
  assertCan(viewer, "case.assign");
  const at = context.at ?? new Date();
  return db.transaction(async (tx) => {
    const caseRow = await lockCase(tx, viewer, input.caseId);
    if (!isAssignable(caseRow.status)) return { ok: false, refusal: { code: "wrong_state", status: caseRow.status } };
    const officer = (await agencyOfficers(tx, viewer.organisationId)).find((candidate) => candidate.id === input.officerId);
    if (!officer || caseRow.targetAgencyId !== viewer.organisationId) return { ok: false, refusal: { code: "officer_not_assignable" } };
    const current = await activeAssignments(tx, caseRow.id);
    if (current.some((row) => row.officerId === officer.id)) {
      return { ok: false, refusal: { code: "already_assigned", name: officer.name } };
    }
    const lead = input.lead === true || !current.some((row) => row.isLead);
    if (lead) await clearLead(tx, caseRow.id);
    await tx.insert(caseAssignments).values({ caseId: caseRow.id, officerId: officer.id, isLead: lead, assignedBy: viewer.userId, assignedAt: at });
    await audit(tx, viewer, caseRow, "case.officer_assigned", { officerId: officer.id, officerName: officer.name, lead }, context);
    await notifyUsers(tx, {
      recipients: [officer.id],
      kind: "assigned",
      caseId: caseRow.id,
      actorUserId: viewer.userId,
      params: { lead: lead ? 1 : 0 },
      link: `/cases/${caseRow.id}`,
      at,
    });
    return { ok: true };
  });
}

/** Takes an officer off the case (the assignment ends; it stays in the record). */
export async function unassignOfficer(
  db: DbOrTx,
  viewer: Viewer,
  input: { caseId: string; assignmentId: string },
  context: AssignmentContext = {},
): Promise<AssignmentOutcome> {
  assertCan(viewer, "case.assign");
  const at = context.at ?? new Date();
  return db.transaction(async (tx) => {
    const caseRow = await lockCase(tx, viewer, input.caseId);
    const assignment = (await activeAssignments(tx, caseRow.id)).find((row) => row.id === input.assignmentId);
    if (!assignment) return { ok: false, refusal: { code: "not_assigned" } };
    await tx
      .update(caseAssignments)
      .set({ endedAt: at, endedBy: viewer.userId, isLead: false })
      .where(eq(caseAssignments.id, assignment.id));
    await audit(tx, viewer, caseRow, "case.officer_unassigned", { officerId: assignment.officerId, officerName: assignment.name, wasLead: assignment.isLead }, context);
    return { ok: true };
  });
}

/** Makes an officer already on the case its lead officer (one at a time). */
export async function makeLeadOfficer(
  db: DbOrTx,
  viewer: Viewer,
  input: { caseId: string; assignmentId: string },
  context: AssignmentContext = {},
): Promise<AssignmentOutcome> {
  assertCan(viewer, "case.assign");
  return db.transaction(async (tx) => {
    const caseRow = await lockCase(tx, viewer, input.caseId);
    if (!isAssignable(caseRow.status)) return { ok: false, refusal: { code: "wrong_state", status: caseRow.status } };
    const assignment = (await activeAssignments(tx, caseRow.id)).find((row) => row.id === input.assignmentId);
    if (!assignment) return { ok: false, refusal: { code: "not_assigned" } };
    if (assignment.isLead) return { ok: true };
    await clearLead(tx, caseRow.id);
    await tx.update(caseAssignments).set({ isLead: true }).where(eq(caseAssignments.id, assignment.id));
    await audit(tx, viewer, caseRow, "case.lead_officer_changed", { officerId: assignment.officerId, officerName: assignment.name }, context);
    return { ok: true };
  });
}

async function lockCase(tx: Transaction, viewer: Viewer, caseId: string): Promise<Case> {
  if (!isUuid(caseId)) throw notFound();
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), caseScopeCondition(viewer)))
    .for("update")
    .limit(1);
  if (!row) throw notFound();
  return row;
}

async function clearLead(tx: Transaction, caseId: string) {
  await tx
    .update(caseAssignments)
    .set({ isLead: false })
    .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt), eq(caseAssignments.isLead, true)));
}

async function audit(
  tx: Transaction,
  viewer: Viewer,
  caseRow: Case,
  action: string,
  details: Record<string, unknown>,
  context: AssignmentContext,
) {
  await recordAudit(tx, {
    action,
    actor: viewerActor(viewer),
    ip: context.ip ?? null,
    entityType: "case",
    entityId: caseRow.id,
    caseId: caseRow.id,
    details: { reference: caseRow.reference, ...details },
  });
}
