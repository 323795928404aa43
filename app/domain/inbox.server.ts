/**
 * The police agency's inbox (/inbox, and its summary on the home page): the referrals awaiting the
 * agency's decision, most urgent first (overdue first, then by the time left), each with its decision
 * clock computed on the server; then the cases the agency is working — the viewer's own assignments first —
 * and the leads returned to the platform for information. Everything through the case scope query: an
 * agency sees only what was referred to it.
 *
 * Bounded: the referrals awaiting a decision, the leads returned to the platform and the viewer's own cases
 * are listed whole (each is somebody's to-do); the rest of the agency's cases in progress only up to
 * WORKING_LIST_LIMIT, most recently updated first, with their total (the case list has them all). Loading every
 * open case took 3–6 s for an agency with thousands (docs/decisions/0014-scale-and-benchmarks.md).
 */
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
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
/** The most of the agency's other cases in progress that the inbox lists. */
export const WORKING_LIST_LIMIT = 50;

export async function getInbox(
  db: DbOrTx,
  viewer: Viewer,
  options: { status?: InboxStatus | null; at?: Date; workingLimit?: number } = {},
): Promise<Inbox> {
  const at = options.at ?? new Date();
  const status = options.status ?? null;
  const statuses: CaseStatus[] = status ? [status] : [...INBOX_STATUSES];
  const workingStatuses = statuses.filter((each) => WORKING.includes(each));
  const otherStatuses = statuses.filter((each) => !WORKING.includes(each));
  const scope = caseScopeCondition(viewer);
  const isWorking = workingStatuses.length ? inArray(cases.status, workingStatuses) : sql`false`;
  const isOther = otherStatuses.length ? inArray(cases.status, otherStatuses) : sql`false`;
  const mine = sql`exists (select 1 from ${caseAssignments} a where a.case_id = ${cases.id} and a.officer_id = ${viewer.userId}::uuid and a.ended_at is null)`;
  const select = (where: SQL | undefined) =>
    db
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
      .where(where)
      .orderBy(desc(cases.updatedAt), desc(cases.id));
  const [toDo, others, [workingTotal]] = await Promise.all([
    // Awaiting a decision, returned to the platform, and the viewer's own cases in progress: all of them.
    select(and(scope, sql`(${isOther} or (${isWorking} and ${mine}))`)),
    select(and(scope, isWorking, sql`not ${mine}`)).limit(options.workingLimit ?? WORKING_LIST_LIMIT),
    db.select({ n: count() }).from(cases).where(and(scope, isWorking)),
  ]);
  const rows = [...toDo, ...others];
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
  const othersWorking = working.filter((row) => !row.assignedToMe);
  const workingCount = workingTotal?.n ?? 0;

  return {
    computedAt: at.toISOString(),
    status,
    awaiting,
    assignedToMe,
    // The viewer's own cases are listed above; the rest of the agency's below, the most recently updated.
    working: othersWorking,
    workingNotListed: Math.max(0, workingCount - assignedToMe.length - othersWorking.length),
    withPlatform: all.filter((row) => row.status === "returned_for_info").map(plain),
    counts: {
      awaiting: awaiting.length,
      overdue: awaiting.filter((row) => row.clock.state === "overdue").length,
      dueSoon: awaiting.filter((row) => row.clock.state === "due_soon").length,
      assignedToMe: assignedToMe.length,
      working: workingCount,
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
