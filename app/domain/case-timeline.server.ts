/**
 * The case timeline for both sides (getCaseTimeline): every change recorded against the case in the audit
 * log, with who, when, what and why.
 */
import { and, asc, eq } from "drizzle-orm";
import { auditEvents, organisations, users, type CaseStatus, type DbOrTx } from "~/lib/db.server";
import { requireCaseForViewer } from "./case-access.server";
import { CASE_STATUSES } from "./case-workflow";
import type { Viewer } from "./policy";
import type { TimelineEntry } from "./workflow-view";

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
      actorOrganisationId: auditEvents.actorOrganisationId,
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
    // An agency-only investigation note (case-notes.server.ts) is seen by the agency that wrote it, no one else.
    .filter((row) => (row.details as { visibility?: unknown } | null)?.visibility !== "agency" || row.actorOrganisationId === viewer.organisationId)
    .map((row): TimelineEntry => {
      const details = (row.details ?? {}) as Record<string, unknown>;
      // The portal's own steps (clock sweeps) carry the label "system": the page names them in the reader's language.
      const name = row.actorName ?? (row.actorLabel === "system" ? null : row.actorLabel);
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
        reasonCode: firstText(details.reasonCode),
        officerName: firstText(details.officerName),
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
