/**
 * What every police record and platform follow-up save shares: the case locked in the viewer's scope (404
 * otherwise), the audit actor, the conflict description for a save over a newer version (who, when, which
 * fields, and what is stored now), and the announcement of a change to the other side — the outcome feed and
 * the bell for the platform (police updates), the bell for the agency (platform updates) — always inside the
 * transaction of the change.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { auditEvents, cases, getDb, users, type Case, type Transaction } from "~/lib/db.server";
import { createI18n, DEFAULT_LOCALE, type Locale } from "~/lib/i18n";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n.server";
import { getPreferredLocale } from "./accounts.server";
import { caseScopeCondition } from "./case-access.server";
import { notifyUsers, platformParticipantIds, policeParticipantIds } from "./notifications.server";
import { recordOutcomeEvent, type OutcomeEventKind } from "./outcome-events.server";
import type { RecordConflict } from "./police";
import type { Viewer } from "./policy";
import { isUuid } from "~/lib/ids";

/** Where a save comes from: the request's address, its instant (the seed back-dates), the writer's language. */
export interface PoliceContext {
  ip?: string | null;
  /** When it happened; now unless given (the demo seed tells a story over weeks). */
  at?: Date;
  /** The language of the short summary written on the timeline: the writer's. Chinese unless given. */
  locale?: Locale;
}

/** The case row, locked until the transaction ends, if the viewer may see it; otherwise 404. */
export async function lockCaseForViewer(tx: Transaction, viewer: Viewer, caseId: string): Promise<Case> {
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

/** The summaries' translator, in the writer's language. */
export function summaryTranslator(locale: Locale | undefined) {
  return createI18n(locale ?? DEFAULT_LOCALE).t;
}

/**
 * The saves of one record (audit entity) after the version the user's form was drawn from. Each save's
 * audit details carry `recordVersion` (the version it made) and `changes` (the fields it changed).
 */
export async function describeConflict(
  tx: Transaction,
  record: { entityType: string; entityId: string; currentVersion: number; expectedVersion: number; current: Record<string, string> },
): Promise<RecordConflict> {
  const events = await tx
    .select({
      action: auditEvents.action,
      occurredAt: auditEvents.occurredAt,
      details: auditEvents.details,
      actorName: users.displayName,
      actorLabel: auditEvents.actorLabel,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.entityType, record.entityType),
        eq(auditEvents.entityId, record.entityId),
        eq(auditEvents.outcome, "success"),
        sql`(${auditEvents.details}->>'recordVersion')::int > ${record.expectedVersion}`,
      ),
    )
    .orderBy(asc(auditEvents.seq))
    .limit(50);
  const changes = events.map((event) => {
    const details = (event.details ?? {}) as { changes?: unknown };
    return {
      action: event.action,
      actorName: event.actorName ?? event.actorLabel,
      occurredAt: event.occurredAt.toISOString(),
      fields: Array.isArray(details.changes) ? details.changes.filter((field): field is string => typeof field === "string") : [],
    };
  });
  const changedFields = new Set(changes.flatMap((change) => change.fields));
  const current = Object.fromEntries(Object.entries(record.current).filter(([field]) => changedFields.has(field)));
  return { currentVersion: record.currentVersion, changes, current };
}

/** The fields whose values differ between two flat snapshots (values compared as JSON). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null));
}

/** The `event` of a police_update notification (notifications.ts reads it). */
export type PoliceUpdate = "raid.recorded" | "raid.updated" | "outcome.updated" | "note.shared";

/**
 * A police change, told to the platform: an outcome event (feed and webhooks) when `event` is given, and a
 * "police_update" notification to the lead's author and reviewer.
 */
export async function announcePoliceUpdate(
  tx: Transaction,
  viewer: Viewer,
  caseRow: Case,
  update: { kind: PoliceUpdate; event?: { kind: OutcomeEventKind; payload: Record<string, unknown> }; link: string; at: Date },
): Promise<void> {
  if (update.event) await recordOutcomeEvent(tx, { caseRow, kind: update.event.kind, payload: update.event.payload, at: update.at });
  await notifyUsers(tx, {
    recipients: await platformParticipantIds(tx, caseRow),
    kind: "police_update",
    caseId: caseRow.id,
    actorUserId: viewer.userId,
    params: { event: update.kind },
    link: update.link,
    at: update.at,
  });
}

/** The `event` of a platform_update notification (notifications.ts reads it). */
export type PlatformUpdate = "platform_action.recorded" | "platform_action.retracted";

/** A platform follow-up, told to the agency: a "platform_update" notification to its supervisors and the assigned officers. */
export async function announcePlatformUpdate(
  tx: Transaction,
  viewer: Viewer,
  caseRow: Case,
  update: { kind: PlatformUpdate; actionKind: string; link: string; at: Date },
): Promise<void> {
  await notifyUsers(tx, {
    recipients: await policeParticipantIds(tx, caseRow),
    kind: "platform_update",
    caseId: caseRow.id,
    actorUserId: viewer.userId,
    params: { event: update.kind, actionKind: update.actionKind },
    link: update.link,
    at: update.at,
  });
}

/** The language the viewer works in for this request (the summaries on the timeline are written in it). */
export async function writerLocale(request: Request, viewer: Viewer): Promise<Locale> {
  return resolveLocale(request, await getPreferredLocale(await getDb(), viewer.userId));
}
