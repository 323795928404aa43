/**
 * Joint-operation statistics and the counterfeit map (issue 5): the shapes the pages, the exports and the
 * queries share. Pure — no database here; the queries are in statistics.server.ts, the upkeep of the
 * pre-aggregated tables in statistics-refresh.server.ts (ADR 0012).
 *
 * What the figures mean:
 * - A case is counted from its first referral to an agency; the date filter picks cases by that day
 *   (Asia/Shanghai), so each funnel stage is a share of the same cohort.
 * - referred → accepted (the agency accepted it at some point) → raided (at least one raid recorded) →
 *   prosecuted (transferred to the procuratorate, indicted or judged) → convicted (verdict convicted or partly).
 * - Time to decision counts every decided referral (a case re-referred after a decline counts twice), in whole
 *   hours from submission to decision, by the deciding agency.
 * - Gangs: one per lead, placed at the lead's first site; factories: the factory sites of the lead and of its raids.
 */
import type { GoodsCategory } from "../../db/schema";
import { GOODS_CATEGORIES } from "./cases.schema";
import { isDivisionCode } from "./divisions";
import { isUuid } from "~/lib/ids";

export interface StatisticsFilters {
  /** Inclusive first and last referral day, YYYY-MM-DD; null = open. */
  from: string | null;
  to: string | null;
  agencyId: string | null;
  category: GoodsCategory | null;
  /** A province code (xx0000). */
  provinceCode: string | null;
  jointOperationId: string | null;
}

export const NO_FILTERS: StatisticsFilters = {
  from: null,
  to: null,
  agencyId: null,
  category: null,
  provinceCode: null,
  jointOperationId: null,
};

export interface FunnelFigures {
  referred: number;
  accepted: number;
  raided: number;
  prosecuted: number;
  convicted: number;
}

export interface OutcomeTotals {
  seizedValueYuan: number;
  detained: number;
  arrested: number;
  storesClosed: number;
  accountsBanned: number;
}

export interface DashboardFigures {
  /** When the pre-aggregated figures were last brought up to date (ISO). */
  asOf: string;
  funnel: FunnelFigures;
  decisionTime: { decided: number; medianHours: number | null; p90Hours: number | null };
  /** Referrals in scope past their decision deadline and still undecided, right now (live, not pre-aggregated). */
  overdue: number;
  totals: OutcomeTotals;
  byAgency: Array<{ agencyId: string; nameZh: string; nameEn: string } & FunnelFigures & Pick<OutcomeTotals, "seizedValueYuan">>;
  byCategory: Array<{ category: GoodsCategory } & FunnelFigures & Pick<OutcomeTotals, "seizedValueYuan">>;
  byProvince: Array<{ provinceCode: string | null } & FunnelFigures>;
  /** Every month of the range (months with nothing are present with zeros), oldest first, YYYY-MM. */
  byMonth: Array<{ month: string } & FunnelFigures>;
  topBrands: Array<{ brand: string; cases: number }>;
}

export type MapLayer = "gang" | "factory";

export interface MapPlaceFigures {
  /** Province (xx0000) or city (xxxx00) code. */
  code: string;
  gangs: number;
  factories: number;
  /** The categories most represented, most first (at most three). */
  topCategories: Array<{ category: GoodsCategory; count: number }>;
}

export interface MapFigures {
  asOf: string;
  /** The province drilled into, or null for the whole country. */
  provinceCode: string | null;
  /** Provinces (country view) or the province's cities (drill-down), largest first by the chosen layer. */
  places: MapPlaceFigures[];
  totals: { gangs: number; factories: number };
  /** Share (0–1) of each layer held by the five largest provinces (country view). */
  topFiveShare: { gangs: number; factories: number };
}

/**
 * Published aggregates (the exports) show counts below this as "<5", so that no person can be singled out
 * (statistical disclosure control; the screen, for management only, shows the exact figures).
 */
export const SMALL_COUNT_THRESHOLD = 5;

/** A count as it may be published: exact from the threshold up, otherwise suppressed. Zero stays zero. */
export function publishableCount(count: number): { value: number | null; suppressed: boolean } {
  if (count > 0 && count < SMALL_COUNT_THRESHOLD) return { value: null, suppressed: true };
  return { value: count, suppressed: false };
}

// ——— Filters in the address bar ———

/** The query parameters the dashboard and the map read their filters from. */
export const STATISTICS_FILTER_PARAMS = {
  from: "from",
  to: "to",
  agencyId: "agency",
  category: "category",
  provinceCode: "province",
  jointOperationId: "operation",
} as const satisfies Record<keyof StatisticsFilters, string>;

/** The i18n keys parseStatisticsFilters answers with (namespace `statistics`). */
export const STATISTICS_FILTER_ERRORS = {
  invalidDate: "statistics.filters.errors.invalidDate",
  rangeReversed: "statistics.filters.errors.rangeReversed",
  invalidAgency: "statistics.filters.errors.invalidAgency",
  invalidCategory: "statistics.filters.errors.invalidCategory",
  invalidProvince: "statistics.filters.errors.invalidProvince",
  invalidOperation: "statistics.filters.errors.invalidOperation",
} as const;

export type StatisticsFilterErrors = Partial<Record<keyof StatisticsFilters, string>>;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The filters named in a query string. An empty parameter is no filter; a value that cannot be one (a
 * malformed day, an unknown category, a province code that is not xx0000, an id that is not a UUID, a
 * first day after the last) is left out of the filters and reported under its field, as an i18n key, so the
 * page shows the message beside what was typed and the figures without that filter.
 */
export function parseStatisticsFilters(params: URLSearchParams): { filters: StatisticsFilters; errors: StatisticsFilterErrors } {
  const filters: StatisticsFilters = { ...NO_FILTERS };
  const errors: StatisticsFilterErrors = {};
  const read = (field: keyof StatisticsFilters) => (params.get(STATISTICS_FILTER_PARAMS[field]) ?? "").trim();

  for (const field of ["from", "to"] as const) {
    const value = read(field);
    if (!value) continue;
    if (isIsoDay(value)) filters[field] = value;
    else errors[field] = STATISTICS_FILTER_ERRORS.invalidDate;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    filters.to = null;
    errors.to = STATISTICS_FILTER_ERRORS.rangeReversed;
  }

  const agency = read("agencyId");
  if (agency) {
    if (isUuid(agency)) filters.agencyId = agency.toLowerCase();
    else errors.agencyId = STATISTICS_FILTER_ERRORS.invalidAgency;
  }
  const category = read("category");
  if (category) {
    if ((GOODS_CATEGORIES as readonly string[]).includes(category)) filters.category = category as GoodsCategory;
    else errors.category = STATISTICS_FILTER_ERRORS.invalidCategory;
  }
  const province = read("provinceCode");
  if (province) {
    if (isProvinceCode(province)) filters.provinceCode = province;
    else errors.provinceCode = STATISTICS_FILTER_ERRORS.invalidProvince;
  }
  const operation = read("jointOperationId");
  if (operation) {
    if (isUuid(operation)) filters.jointOperationId = operation.toLowerCase();
    else errors.jointOperationId = STATISTICS_FILTER_ERRORS.invalidOperation;
  }
  return { filters, errors };
}

/** The query string for a set of filters (only the ones set), in a fixed order: from, to, agency, category, province, operation. */
export function statisticsFiltersToSearchParams(filters: StatisticsFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of Object.keys(STATISTICS_FILTER_PARAMS) as Array<keyof StatisticsFilters>) {
    const value = filters[field];
    if (value) params.set(STATISTICS_FILTER_PARAMS[field], value);
  }
  return params;
}

/** A GB/T 2260 province code: two digits then 0000 (350000 Fujian). */
export function isProvinceCode(code: string): boolean {
  return isDivisionCode(code) && code.endsWith("0000") && code !== "000000";
}

/** Whether any filter is set. */
export function hasStatisticsFilters(filters: StatisticsFilters): boolean {
  return Object.values(filters).some((value) => value !== null);
}

// ——— Date ranges over the two grains of the rollups ———

/** byMonth lists at most this many months (the latest of the range). */
export const MAX_MONTHS = 360;

export interface RangeParts {
  /** Month rows with period_start in [from, to) — null bounds are open; null as a whole: no month rows. */
  months: { from: string | null; to: string | null } | null;
  /** Day rows with period_start in [from, to] (inclusive), for the partial months at either end. */
  days: Array<{ from: string | null; to: string | null }>;
}

/**
 * Splits an inclusive day range into the whole months inside it and the days of the partial months at either
 * end. Pure, so the property tests can compare it with a day-by-day count.
 */
export function splitDateRange(from: string | null, to: string | null): RangeParts {
  const wholeFrom = from === null ? null : isFirstOfMonth(from) ? from : firstOfNextMonth(from);
  const wholeTo = to === null ? null : isLastOfMonth(to) ? addDays(to, 1) : firstOfMonth(to);
  if (wholeFrom !== null && wholeTo !== null && wholeFrom >= wholeTo) {
    // No whole month inside: days only.
    return { months: null, days: [{ from, to }] };
  }
  const days: RangeParts["days"] = [];
  if (from !== null && wholeFrom !== null && from < wholeFrom) days.push({ from, to: addDays(wholeFrom, -1) });
  if (to !== null && wholeTo !== null && wholeTo <= to) days.push({ from: wholeTo, to });
  return { months: { from: wholeFrom, to: wholeTo }, days };
}

/**
 * The value at rank ⌈p·n⌉ of a histogram's values (nearest rank; the median of an even count is the lower
 * middle value), found from the cumulative counts. Null when the histogram is empty.
 */
export function histogramPercentile(histogram: Array<{ hours: number; count: number }>, p: number): number | null {
  const sorted = [...histogram].filter((bin) => bin.count > 0).sort((a, b) => a.hours - b.hours);
  const total = sorted.reduce((sum, bin) => sum + bin.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let cumulative = 0;
  for (const bin of sorted) {
    cumulative += bin.count;
    if (cumulative >= rank) return bin.hours;
  }
  return sorted.at(-1)!.hours;
}

/** Every month (YYYY-MM) of the filter's range; an open end takes the data's first or last month. */
export function monthsOfRange(filters: Pick<StatisticsFilters, "from" | "to">, dataMonths: string[]): string[] {
  const sorted = [...dataMonths].sort();
  let first = filters.from ? filters.from.slice(0, 7) : sorted[0] ?? null;
  let last = filters.to ? filters.to.slice(0, 7) : sorted.at(-1) ?? null;
  first ??= last;
  last ??= first;
  if (first === null || last === null) return [];
  if (last < first) last = first;
  const months: string[] = [];
  let [year, month] = last.split("-").map(Number) as [number, number];
  for (let current = last; current >= first && months.length < MAX_MONTHS; ) {
    months.push(current);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    current = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
  }
  return months.reverse();
}

// ——— Dates (YYYY-MM-DD strings, calendar arithmetic in UTC) ———

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function isFirstOfMonth(day: string): boolean {
  return day.endsWith("-01");
}

function isLastOfMonth(day: string): boolean {
  return addDays(day, 1).endsWith("-01");
}

function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function firstOfNextMonth(day: string): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}
