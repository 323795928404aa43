/**
 * The home page's work queue: what is waiting for the viewer, by what their role may do (the policy, not
 * role names). For an agency's case workers, the inbox summary (inbox.server.ts); on the platform, the
 * viewer's drafts (case.create), the leads returned for information and the declined ones to re-route
 * (case.refer), and the leads awaiting a review the viewer may give (case.review: not their own).
 * Everything through the case scope query.
 */
import { and, count, desc, eq, inArray, ne, type SQL } from "drizzle-orm";
import { cases, organisations, type CaseStatus, type DbOrTx } from "~/lib/db.server";
import { caseScopeCondition } from "./case-access.server";
import { getInbox, type InboxReferral } from "./inbox.server";
import { can, type Viewer } from "./policy";

const LIST_LIMIT = 8;

export interface QueueItem {
  caseId: string;
  reference: string;
  title: string;
  status: CaseStatus;
  updatedAt: string;
  agencyNameZh: string | null;
  agencyNameEn: string | null;
}

export interface QueueList {
  items: QueueItem[];
  total: number;
}

export interface WorkQueue {
  police: {
    computedAt: string;
    counts: { awaiting: number; overdue: number; dueSoon: number; assignedToMe: number; working: number };
    mostUrgent: InboxReferral[];
  } | null;
  drafts: QueueList | null;
  returned: QueueList | null;
  declined: QueueList | null;
  review: QueueList | null;
}

export async function getWorkQueue(db: DbOrTx, viewer: Viewer, options: { at?: Date } = {}): Promise<WorkQueue> {
  const police = can(viewer, "case.investigate") ? await getInbox(db, viewer, { at: options.at }) : null;
  const platform = viewer.organisationKind === "platform";
  return {
    police: police ? { computedAt: police.computedAt, counts: police.counts, mostUrgent: police.awaiting.slice(0, 5) } : null,
    drafts: platform && can(viewer, "case.create") ? await queue(db, viewer, ["draft"], eq(cases.createdBy, viewer.userId)) : null,
    returned: platform && can(viewer, "case.refer") ? await queue(db, viewer, ["returned_for_info"]) : null,
    declined: platform && can(viewer, "case.refer") ? await queue(db, viewer, ["declined"]) : null,
    review: platform && can(viewer, "case.review") ? await queue(db, viewer, ["in_review"], ne(cases.createdBy, viewer.userId)) : null,
  };
}

async function queue(db: DbOrTx, viewer: Viewer, statuses: CaseStatus[], extra?: SQL): Promise<QueueList> {
  const where = and(caseScopeCondition(viewer), inArray(cases.status, statuses), extra);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        caseId: cases.id,
        reference: cases.reference,
        title: cases.title,
        status: cases.status,
        updatedAt: cases.updatedAt,
        agencyNameZh: organisations.nameZh,
        agencyNameEn: organisations.nameEn,
      })
      .from(cases)
      .leftJoin(organisations, eq(organisations.id, cases.targetAgencyId))
      .where(where)
      .orderBy(desc(cases.updatedAt))
      .limit(LIST_LIMIT),
    db.select({ total: count() }).from(cases).where(where),
  ]);
  return { items: rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() })), total: total?.total ?? 0 };
}
