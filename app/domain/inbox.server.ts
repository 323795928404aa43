/**
 * The police agency's inbox (/inbox, and its summary on the home page): the referrals awaiting the
 * agency's decision, most urgent first (overdue first, then by the time left), each with its decision
 * clock computed on the server; then the cases the agency is working — the viewer's own assignments first —
 * and the leads returned to the platform for information. Everything through the case scope query: an
 * agency sees only what was referred to it.
 */
import { and, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import {
  caseAssignments,
  caseReferrals,
  cases,
  users,
  type CaseStatus,
  type DbOrTx,
} from "~/lib/db.server";
import { caseScopeCondition } from "./case-access.server";
import type { Viewer } from "./policy";
import { INBOX_STATUSES, type Inbox, type InboxCase, type InboxOfficer, type InboxReferral, type InboxStatus } from "./inbox";
import { byUrgency, decisionClock } from "./referrals";

export { INBOX_STATUSES, isInboxStatus, type Inbox, type InboxCase, type InboxReferral, type InboxStatus } from "./inbox";
const WORKING: readonly CaseStatus[] = ["accepted", "investigating", "raided", "prosecution"];

export async function getInbox(db: DbOrTx, viewer: Viewer, options: { status?: InboxStatus | null; at?: Date } = {}): Promise<Inbox> {
  const at = options.at ?? new Date();
  const status = options.status ?? null;
  const conditions: SQL[] = [caseScopeCondition(viewer), inArray(cases.status, status ? [status] : [...INBOX_STATUSES])];
  const rows = await db
    .select({
      caseId: cases.id,
      reference: cases.reference,
      title: cases.title,
      category: cases.category,
      priority: cases.priority,
      status: cases.status,
      submittedAt: cases.submittedAt,
      decisionDueAt: cases.decisionDueAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .where(and(...conditions))
    .orderBy(desc(cases.updatedAt));
  const ids = rows.map((row) => row.caseId);
  const officers = await officersOf(db, ids, viewer.userId);
  const referralsHere = await referralsToAgency(db, ids, viewer.organisationId);

  const all = rows.map((row): InboxCase & { decisionDueAt: Date | null } => {
    const onCase = officers.get(row.caseId) ?? [];
    return {
      caseId: row.caseId,
      reference: row.reference,
      title: row.title,
      category: row.category,
      priority: row.priority,
      status: row.status,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
      decisionDueAt: row.decisionDueAt,
      officers: onCase,
      assignedToMe: onCase.some((officer) => officer.isMe),
    };
  });
  const plain = ({ decisionDueAt: _due, ...rest }: InboxCase & { decisionDueAt: Date | null }): InboxCase => rest;

  const awaiting = all
    .filter((row) => row.status === "submitted" && row.decisionDueAt)
    .map((row): InboxReferral => ({
      ...plain(row),
      clock: decisionClock(row.decisionDueAt!, at),
      resubmitted: (referralsHere.get(row.caseId) ?? 0) > 1,
    }))
    .sort((a, b) => byUrgency(a.clock, b.clock));
  const working = all.filter((row) => WORKING.includes(row.status)).map(plain);
  const assignedToMe = working.filter((row) => row.assignedToMe);

  return {
    computedAt: at.toISOString(),
    status,
    awaiting,
    assignedToMe,
    // The viewer's own cases are listed above; the rest of the agency's below.
    working: working.filter((row) => !row.assignedToMe),
    withPlatform: all.filter((row) => row.status === "returned_for_info").map(plain),
    counts: {
      awaiting: awaiting.length,
      overdue: awaiting.filter((row) => row.clock.state === "overdue").length,
      dueSoon: awaiting.filter((row) => row.clock.state === "due_soon").length,
      assignedToMe: assignedToMe.length,
      working: working.length,
    },
  };
}

/** The officers on each case (lead officer first), marking the viewer. */
async function officersOf(db: DbOrTx, caseIds: string[], viewerId: string): Promise<Map<string, InboxOfficer[]>> {
  const byCase = new Map<string, InboxOfficer[]>();
  if (caseIds.length === 0) return byCase;
  const rows = await db
    .select({ caseId: caseAssignments.caseId, officerId: caseAssignments.officerId, isLead: caseAssignments.isLead, name: users.displayName })
    .from(caseAssignments)
    .innerJoin(users, eq(users.id, caseAssignments.officerId))
    .where(and(inArray(caseAssignments.caseId, caseIds), isNull(caseAssignments.endedAt)))
    .orderBy(desc(caseAssignments.isLead), caseAssignments.assignedAt);
  for (const row of rows) {
    const list = byCase.get(row.caseId) ?? [];
    list.push({ name: row.name, isLead: row.isLead, isMe: row.officerId === viewerId });
    byCase.set(row.caseId, list);
  }
  return byCase;
}

/** How many times each case was sent to this agency (more than once: it came back after a return for information). */
async function referralsToAgency(db: DbOrTx, caseIds: string[], agencyId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (caseIds.length === 0) return counts;
  const rows = await db
    .select({ caseId: caseReferrals.caseId })
    .from(caseReferrals)
    .where(and(inArray(caseReferrals.caseId, caseIds), eq(caseReferrals.agencyId, agencyId)));
  for (const row of rows) counts.set(row.caseId, (counts.get(row.caseId) ?? 0) + 1);
  return counts;
}
