/**
 * Reading the audit log (administrators): filtered by actor, organisation, case, action, outcome and time,
 * newest first, keyset-paginated on the chain's sequence number (stable while records are appended), and
 * exported as CSV — the export itself is audited before the first row goes out.
 */
import { and, count, desc, eq, gte, ilike, inArray, like, lt, lte, max, sql, type SQL } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import { auditEvents, cases, organisations, type Database } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { RequestMeta } from "~/lib/http.server";
import { createI18n, type Locale } from "~/lib/i18n";
import { viewerActor } from "./accounts.server";
import { recordAudit, verifyAuditChain, type AuditChainReport } from "./audit.server";
import { CASE_READ_ACTIONS } from "./audit-reads.server";
import type { AuditFilters } from "./audit-viewer.schema";
import { zonedLocalDateTime } from "./evidence";
import { assertCan } from "./policy.server";
import type { Viewer } from "./policy";
import { isUuid } from "~/lib/ids";

export const AUDIT_PAGE_SIZE = 50;
const EXPORT_BATCH = 1_000;
/** A bound on one export; narrower filters give the rest. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export interface AuditRow {
  seq: number;
  occurredAt: Date;
  action: string;
  outcome: "success" | "failure";
  actorUserId: string | null;
  actorLabel: string | null;
  actorOrganisationId: string | null;
  actorOrganisationZh: string | null;
  actorOrganisationEn: string | null;
  ip: string | null;
  entityType: string | null;
  entityId: string | null;
  caseId: string | null;
  caseReference: string | null;
  details: Record<string, unknown>;
  hash: string;
}

interface ResolvedFilters {
  conditions: SQL[];
  /** The case the filter named, when it names one that exists. */
  caseId: string | null;
  caseUnknown: boolean;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function startOfDay(day: string): Date | null {
  return zonedLocalDateTime(`${day}T00:00`, env().timeZone);
}

async function resolveFilters(db: Database, filters: AuditFilters): Promise<ResolvedFilters> {
  const conditions: SQL[] = [];
  let caseId: string | null = null;
  let caseUnknown = false;
  if (filters.actor) conditions.push(ilike(auditEvents.actorLabel, `%${escapeLike(filters.actor)}%`));
  if (filters.organisation) conditions.push(eq(auditEvents.actorOrganisationId, filters.organisation));
  if (filters.case) {
    const byId = isUuid(filters.case);
    const [found] = await db
      .select({ id: cases.id })
      .from(cases)
      .where(byId ? eq(cases.id, filters.case) : eq(cases.reference, filters.case.toUpperCase()));
    // A case id no longer in the table still has its records (the log has no foreign keys).
    caseId = found?.id ?? (byId ? filters.case.toLowerCase() : null);
    caseUnknown = !found;
    conditions.push(caseId ? eq(auditEvents.caseId, caseId) : sql`false`);
  }
  if (filters.action) {
    conditions.push(
      filters.action.endsWith(".") ? like(auditEvents.action, `${escapeLike(filters.action)}%`) : eq(auditEvents.action, filters.action),
    );
  }
  if (filters.outcome) conditions.push(eq(auditEvents.outcome, filters.outcome));
  const from = filters.from ? startOfDay(filters.from) : null;
  if (from) conditions.push(gte(auditEvents.occurredAt, from));
  const to = filters.to ? startOfDay(filters.to) : null;
  if (to) conditions.push(lt(auditEvents.occurredAt, new Date(to.getTime() + 24 * 60 * 60 * 1000)));
  return { conditions, caseId, caseUnknown };
}

function selectRows(db: Database, where: SQL | undefined, limit: number) {
  return db
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      actorUserId: auditEvents.actorUserId,
      actorLabel: auditEvents.actorLabel,
      actorOrganisationId: auditEvents.actorOrganisationId,
      actorOrganisationZh: organisations.nameZh,
      actorOrganisationEn: organisations.nameEn,
      ip: auditEvents.ip,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      caseId: auditEvents.caseId,
      caseReference: cases.reference,
      details: auditEvents.details,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .leftJoin(organisations, eq(organisations.id, auditEvents.actorOrganisationId))
    .leftJoin(cases, eq(cases.id, auditEvents.caseId))
    .where(where)
    .orderBy(desc(auditEvents.seq))
    .limit(limit) as Promise<AuditRow[]>;
}

export interface CaseReader {
  actorLabel: string | null;
  organisationZh: string | null;
  organisationEn: string | null;
  reads: number;
  lastReadAt: Date;
}

export interface AuditPage {
  rows: AuditRow[];
  /** The cursor for the next (older) page, or null on the last page. */
  nextBefore: number | null;
  caseUnknown: boolean;
  /** With a case filter: who read the case or its evidence, and when last. */
  caseReaders: CaseReader[] | null;
}

export async function listAuditEvents(db: Database, viewer: Viewer, filters: AuditFilters): Promise<AuditPage> {
  assertCan(viewer, "audit.view");
  const resolved = await resolveFilters(db, filters);
  const conditions = [...resolved.conditions];
  if (filters.before) conditions.push(lt(auditEvents.seq, filters.before));
  const rows = await selectRows(db, and(...conditions), AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  let caseReaders: CaseReader[] | null = null;
  if (resolved.caseId) {
    caseReaders = await db
      .select({
        actorLabel: auditEvents.actorLabel,
        organisationZh: organisations.nameZh,
        organisationEn: organisations.nameEn,
        reads: count(),
        lastReadAt: max(auditEvents.occurredAt).mapWith((value: string | Date) => new Date(value)),
      })
      .from(auditEvents)
      .leftJoin(organisations, eq(organisations.id, auditEvents.actorOrganisationId))
      .where(and(eq(auditEvents.caseId, resolved.caseId), inArray(auditEvents.action, [...CASE_READ_ACTIONS])))
      .groupBy(auditEvents.actorLabel, organisations.nameZh, organisations.nameEn)
      .orderBy(desc(max(auditEvents.occurredAt))) as CaseReader[];
  }
  return {
    rows: page,
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page.at(-1)!.seq : null,
    caseUnknown: resolved.caseUnknown,
    caseReaders,
  };
}

export interface AuditFilterOptions {
  organisations: { id: string; nameZh: string; nameEn: string }[];
  actions: string[];
}

export async function auditFilterOptions(db: Database, viewer: Viewer): Promise<AuditFilterOptions> {
  assertCan(viewer, "audit.view");
  const [organisationRows, actionRows] = await Promise.all([
    db
      .select({ id: organisations.id, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
      .from(organisations)
      .orderBy(organisations.kind, organisations.code),
    db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action),
  ]);
  return { organisations: organisationRows, actions: actionRows.map((row) => row.action) };
}

export async function verifyChainForViewer(db: Database, viewer: Viewer): Promise<AuditChainReport> {
  assertCan(viewer, "audit.view");
  return verifyAuditChain(db);
}

const CSV_COLUMNS = [
  "seq",
  "occurredAt",
  "action",
  "actionLabel",
  "outcome",
  "actor",
  "actorOrganisation",
  "ip",
  "entityType",
  "entityId",
  "caseReference",
  "caseId",
  "details",
  "hash",
] as const;

/**
 * The filtered log as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right),
 * streamed in keyset batches. The export is recorded — who, which filters, how many rows — before the first
 * row is produced.
 */
export async function exportAuditCsv(
  db: Database,
  viewer: Viewer,
  filters: AuditFilters,
  locale: Locale,
  meta: RequestMeta,
): Promise<{ stream: ReadableStream<Uint8Array>; rows: number }> {
  assertCan(viewer, "audit.view");
  const resolved = await resolveFilters(db, filters);
  // The records as they stand now: those written later (this export's own record first) are not included.
  const [head] = await db.select({ seq: max(auditEvents.seq) }).from(auditEvents);
  const where = and(...resolved.conditions, lte(auditEvents.seq, Number(head?.seq ?? 0)));
  const [total] = await db.select({ rows: count() }).from(auditEvents).where(where);
  const rows = Math.min(total?.rows ?? 0, AUDIT_EXPORT_MAX_ROWS);
  const { before: _before, ...recordedFilters } = filters;
  await db.transaction((tx) =>
    recordAudit(tx, {
      action: "audit.exported",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "audit_log",
      details: { filters: recordedFilters, rows, upToSeq: Number(head?.seq ?? 0), truncated: (total?.rows ?? 0) > AUDIT_EXPORT_MAX_ROWS },
    }),
  );

  const t = createI18n(locale).t;
  const encoder = new TextEncoder();
  let cursor: number | null = null;
  let sent = 0;
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        const header = stringify([CSV_COLUMNS.map((column) => t(`admin.audit.csv.${column}`))]);
        controller.enqueue(encoder.encode(`\uFEFF${header}`));
        return;
      }
      const limit = Math.min(EXPORT_BATCH, rows - sent);
      if (limit <= 0) {
        controller.close();
        return;
      }
      const batch = await selectRows(db, and(where, cursor === null ? undefined : lt(auditEvents.seq, cursor)), limit);
      if (batch.length === 0) {
        controller.close();
        return;
      }
      cursor = batch.at(-1)!.seq;
      sent += batch.length;
      const records = batch.map((row) => [
        row.seq,
        row.occurredAt.toISOString(),
        row.action,
        t(`audit.action.${row.action}`, { defaultValue: row.action }),
        row.outcome,
        row.actorLabel ?? "",
        (locale === "zh-CN" ? row.actorOrganisationZh : row.actorOrganisationEn) ?? "",
        row.ip ?? "",
        row.entityType ?? "",
        row.entityId ?? "",
        row.caseReference ?? "",
        row.caseId ?? "",
        JSON.stringify(row.details),
        row.hash,
      ]);
      controller.enqueue(encoder.encode(stringify(records)));
    },
  });
  return { stream, rows };
}
