/**
 * Reads worth auditing: who looked at a case (its page, its packet, its evidence), so the audit viewer can
 * answer "who saw this case". Loaders call recordCaseRead after the scoped query has found the case (an
 * out-of-scope request is a 404 and reads nothing). Evidence downloads and views are already recorded by the
 * evidence store (evidence.viewed / evidence.downloaded, with the case id); the viewer counts those too.
 *
 * A read is recorded in a transaction of its own: there is no change to commit it with. Repeated views of
 * the same case by the same person within 10 minutes (reloads, switching tabs of one page) are recorded once.
 */
import { and, desc, eq, gte } from "drizzle-orm";
import { auditEvents, type Database } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import type { Viewer } from "./policy";

export const CASE_READ_ACTION = "case.viewed";
/** The actions that count as reading a case in the audit viewer's "who saw this case". */
export const CASE_READ_ACTIONS = [CASE_READ_ACTION, "evidence.viewed", "evidence.downloaded", "packet.exported"] as const;
const REPEAT_WINDOW_MS = 10 * 60 * 1000;

export interface CaseReadMeta extends RequestMeta {
  /** Which view of the case was read, e.g. "detail", "timeline", "evidence_list" (default "detail"). */
  view?: string;
}

/** Records that the viewer read a case; returns false when an identical read was recorded moments ago. */
export async function recordCaseRead(db: Database, viewer: Viewer, caseId: string, meta: CaseReadMeta): Promise<boolean> {
  const view = meta.view ?? "detail";
  const since = new Date(Date.now() - REPEAT_WINDOW_MS);
  const recent = await db
    .select({ details: auditEvents.details })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.caseId, caseId),
        gte(auditEvents.occurredAt, since),
        eq(auditEvents.action, CASE_READ_ACTION),
        eq(auditEvents.actorUserId, viewer.userId),
      ),
    )
    .orderBy(desc(auditEvents.occurredAt))
    .limit(20);
  if (recent.some((row) => (row.details as { view?: string }).view === view)) return false;
  await db.transaction((tx) =>
    recordAudit(tx, {
      action: CASE_READ_ACTION,
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "case",
      entityId: caseId,
      caseId,
      details: { view },
    }),
  );
  return true;
}
