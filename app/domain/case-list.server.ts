/**
 * The case list: the viewer's scope (caseScopeCondition), filters, and keyset pagination on
 * (created_at, id) — or (priority, created_at, id) when sorted by priority — never OFFSET, so page 500 costs
 * what page 1 costs. The cursor carries created_at at full microsecond precision: a JavaScript Date would
 * round it to milliseconds and repeat or skip rows at a page boundary.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { cases, organisations, users, type DbOrTx } from "~/lib/db.server";
import { caseScopeCondition } from "./case-access.server";
import type { CaseListItem, LeadStatus } from "./cases";
import type { CaseListSort, CASE_PRIORITIES, GOODS_CATEGORIES } from "./cases.schema";
import { divisionFullName } from "./divisions.server";
import type { Viewer } from "./policy";
import { assertCan } from "./policy.server";
import { isUuid } from "~/lib/ids";

export interface CaseListFilters {
  status?: LeadStatus;
  category?: (typeof GOODS_CATEGORIES)[number];
  agencyId?: string;
  /** A province (350000): cases whose first site lies in it. */
  provinceCode?: string;
  /** Inclusive calendar days (YYYY-MM-DD) in `timeZone`. */
  createdFrom?: string;
  createdTo?: string;
  sort?: CaseListSort;
  timeZone?: string;
  pageSize?: number;
}

export interface CaseListPage {
  items: CaseListItem[];
  /** Opaque; pass back for the next page. Null on the last page. */
  nextCursor: string | null;
}

interface Cursor {
  t: string;
  i: string;
  p?: (typeof CASE_PRIORITIES)[number];
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const PRIORITIES = new Set(["low", "normal", "high", "urgent"]);

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/** A cursor that does not decode (tampered, stale format) simply means the first page. */
export function decodeCursor(raw: string | null | undefined, sort: CaseListSort): Cursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
    if (typeof value.t !== "string" || !TIMESTAMP.test(value.t) || typeof value.i !== "string" || !isUuid(value.i)) return null;
    if (sort === "priority" && (typeof value.p !== "string" || !PRIORITIES.has(value.p))) return null;
    return { t: value.t, i: value.i, p: value.p };
  } catch {
    return null;
  }
}

const MAX_PAGE_SIZE = 100;

export async function listCasesForViewer(
  db: DbOrTx,
  viewer: Viewer,
  filters: CaseListFilters,
  cursor: string | null | undefined,
): Promise<CaseListPage> {
  assertCan(viewer, "case.view");
  const sort = filters.sort ?? "newest";
  const pageSize = Math.min(Math.max(filters.pageSize ?? 25, 1), MAX_PAGE_SIZE);
  const timeZone = filters.timeZone ?? "Asia/Shanghai";
  const conditions: SQL[] = [caseScopeCondition(viewer)];
  if (filters.status) conditions.push(eq(cases.status, filters.status));
  if (filters.category) conditions.push(eq(cases.category, filters.category));
  if (isUuid(filters.agencyId)) conditions.push(eq(cases.targetAgencyId, filters.agencyId));
  if (filters.provinceCode) conditions.push(eq(cases.provinceCode, filters.provinceCode));
  if (filters.createdFrom) {
    conditions.push(sql`${cases.createdAt} >= ((${filters.createdFrom}::date)::timestamp at time zone ${timeZone})`);
  }
  if (filters.createdTo) {
    conditions.push(sql`${cases.createdAt} < (((${filters.createdTo}::date) + 1)::timestamp at time zone ${timeZone})`);
  }
  const after = decodeCursor(cursor, sort);
  if (after) {
    conditions.push(
      sort === "priority"
        ? sql`(${cases.priority}, ${cases.createdAt}, ${cases.id}) < (${after.p}::case_priority, ${after.t}::timestamptz, ${after.i}::uuid)`
        : sql`(${cases.createdAt}, ${cases.id}) < (${after.t}::timestamptz, ${after.i}::uuid)`,
    );
  }
  const order = sort === "priority" ? [desc(cases.priority), desc(cases.createdAt), desc(cases.id)] : [desc(cases.createdAt), desc(cases.id)];

  const rows = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      title: cases.title,
      status: cases.status,
      category: cases.category,
      priority: cases.priority,
      divisionCode: cases.divisionCode,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
      createdAtExact: sql<string>`to_char(${cases.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      agencyNameZh: organisations.nameZh,
      agencyNameEn: organisations.nameEn,
      authorName: users.displayName,
    })
    .from(cases)
    .leftJoin(organisations, eq(organisations.id, cases.targetAgencyId))
    .innerJoin(users, eq(users.id, cases.createdBy))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(pageSize + 1);

  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      id: row.id,
      reference: row.reference,
      title: row.title,
      status: row.status,
      category: row.category,
      priority: row.priority,
      divisionCode: row.divisionCode,
      divisionName: row.divisionCode ? divisionFullName(row.divisionCode) : null,
      agency: row.agencyNameZh !== null && row.agencyNameEn !== null ? { nameZh: row.agencyNameZh, nameEn: row.agencyNameEn } : null,
      authorName: row.authorName,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    })),
    nextCursor:
      rows.length > pageSize && last
        ? encodeCursor(sort === "priority" ? { t: last.createdAtExact, i: last.id, p: last.priority } : { t: last.createdAtExact, i: last.id })
        : null,
  };
}

/** The police agencies a platform viewer may filter by (an agency's own viewers see only their own cases). */
export async function listAgencyFilterOptions(db: DbOrTx, viewer: Viewer) {
  assertCan(viewer, "case.view");
  if (viewer.organisationKind !== "platform") return [];
  return db
    .select({ id: organisations.id, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
    .from(organisations)
    .where(eq(organisations.kind, "police"))
    .orderBy(organisations.code);
}
