/**
 * The queries behind /dashboard and /map (issue 5). They read the pre-aggregated rollups that
 * statistics-refresh.server.ts keeps up to date (ADR 0012: no figure older than a minute), in the viewer's scope
 * and with the filters applied; only `overdue` is read live from the referrals.
 *
 * A date range is answered from month rows for the whole months inside it plus day rows for the partial months
 * at either end (rangeCondition), so any range reads a bounded number of rows.
 *
 * Scope: platform management and platform leads read their platform organisation's cases; an agency's
 * management reads its own agency's (the case's current agency; for time to decision, the deciding agency),
 * so an agency filter naming another agency yields nothing. Anyone else reads nothing.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx, type GoodsCategory } from "~/lib/db.server";
import { GOODS_CATEGORIES } from "./cases.schema";
import { can, type Viewer } from "./policy";
import { LEVEL_BITS, ROLLUP_LEVELS, type LevelDimension } from "./statistics-refresh.server";
import {
  NO_FILTERS,
  histogramPercentile,
  isProvinceCode,
  monthsOfRange,
  splitDateRange,
  type DashboardFigures,
  type FunnelFigures,
  type MapFigures,
  type MapLayer,
  type MapPlaceFigures,
  type StatisticsFilters,
} from "./statistics";

export interface StatisticsFilterOptions {
  agencies: Array<{ id: string; nameZh: string; nameEn: string }>;
  jointOperations: Array<{ id: string; code: string; nameZh: string; nameEn: string; startsOn: string; endsOn: string | null; agencyIds: string[] }>;
  provinceCodes: string[];
  categories: GoodsCategory[];
}

/** At most this many brands in topBrands. */
export const TOP_BRANDS = 10;

type Rollup = keyof typeof ROLLUP_LEVELS;

/**
 * The most summed-up level of a rollup and grain that still keeps every dimension in `required` (ADR 0012): a
 * level's set bits are the dimensions summed away, so it must share no bit with what is required, and the more
 * bits it has, the fewer rows it holds.
 */
export function chooseLevel(rollup: Rollup, grain: "day" | "month", required: ReadonlySet<LevelDimension>): number {
  const requiredBits = [...required].reduce((bits, dimension) => bits | LEVEL_BITS[dimension], 0);
  let best = 0;
  for (const level of ROLLUP_LEVELS[rollup][grain]) {
    if ((level & requiredBits) === 0 && bitCount(level) > bitCount(best)) best = level;
  }
  return best;
}

function bitCount(value: number): number {
  let count = 0;
  for (let rest = value; rest; rest >>= 1) count += rest & 1;
  return count;
}

/** The dimensions the scope and the filters pin down (an agency's management: its agency). */
function filteredDimensions(viewer: Viewer, filters: StatisticsFilters): Set<LevelDimension> {
  const dimensions = new Set<LevelDimension>();
  if (viewer.organisationKind !== "platform" || filters.agencyId) dimensions.add("agency");
  if (filters.category) dimensions.add("category");
  if (filters.provinceCode) dimensions.add("province");
  if (filters.jointOperationId) dimensions.add("operation");
  return dimensions;
}

/** The date range over the two grains, each at its level. */
function rangeCondition(alias: string, from: string | null, to: string | null, levels: { day: number; month: number }): SQL {
  const parts = splitDateRange(from, to);
  const column = sql.raw(`${alias}.period_start`);
  const grain = sql.raw(`${alias}.grain`);
  const level = sql.raw(`${alias}.level`);
  const alternatives: SQL[] = [];
  if (parts.months) {
    const bounds = [sql`${level} = ${levels.month}`, sql`${grain} = 'month'`];
    if (parts.months.from) bounds.push(sql`${column} >= ${parts.months.from}::date`);
    if (parts.months.to) bounds.push(sql`${column} < ${parts.months.to}::date`);
    alternatives.push(sql`(${sql.join(bounds, sql` and `)})`);
  }
  for (const range of parts.days) {
    const bounds = [sql`${level} = ${levels.day}`, sql`${grain} = 'day'`];
    if (range.from) bounds.push(sql`${column} >= ${range.from}::date`);
    if (range.to) bounds.push(sql`${column} <= ${range.to}::date`);
    alternatives.push(sql`(${sql.join(bounds, sql` and `)})`);
  }
  if (alternatives.length === 0) return sql`false`;
  return sql`(${sql.join(alternatives, sql` or `)})`;
}

// ——— Scope and filters ———

/** The viewer's scope and the filters (all but the dates) over a rollup aliased `alias`. */
function dimensionCondition(alias: string, viewer: Viewer, filters: StatisticsFilters): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  if (!can(viewer, "statistics.view")) return sql`false`;
  const conditions: SQL[] = [
    viewer.organisationKind === "platform"
      ? sql`${column("platform_organisation_id")} = ${viewer.organisationId}::uuid`
      : sql`${column("agency_id")} = ${viewer.organisationId}::uuid`,
  ];
  if (filters.agencyId) conditions.push(sql`${column("agency_id")} = ${filters.agencyId}::uuid`);
  if (filters.category) conditions.push(sql`${column("category")} = ${filters.category}::goods_category`);
  if (filters.provinceCode) conditions.push(sql`${column("province_code")} = ${filters.provinceCode}`);
  if (filters.jointOperationId) conditions.push(sql`${column("joint_operation_id")} = ${filters.jointOperationId}::uuid`);
  return sql.join(conditions, sql` and `);
}

/**
 * Scope, filters and date range over rollup `rollup` aliased `alias`, at the most summed-up levels that keep
 * the filtered dimensions and `groupedBy` (the dimension the query groups by, if any).
 */
function rollupCondition(rollup: Rollup, alias: string, viewer: Viewer, filters: StatisticsFilters, groupedBy: LevelDimension[] = []): SQL {
  const required = filteredDimensions(viewer, filters);
  for (const dimension of groupedBy) required.add(dimension);
  const levels = { day: chooseLevel(rollup, "day", required), month: chooseLevel(rollup, "month", required) };
  return sql`${dimensionCondition(alias, viewer, filters)} and ${rangeCondition(alias, filters.from, filters.to, levels)}`;
}

async function loadAsOf(db: DbOrTx, now: Date): Promise<string> {
  const [row] = await queryRows<{ refreshed_at: string | Date }>(db, sql`select refreshed_at from stats_refresh_state where id = 1`);
  return row ? new Date(row.refreshed_at).toISOString() : now.toISOString();
}

// ——— The dashboard ———

interface FunnelRow extends Record<string, unknown> {
  key: string | null;
  referred: number;
  accepted: number;
  raided: number;
  prosecuted: number;
  convicted: number;
  seized_value_yuan: number;
  detained: number;
  arrested: number;
  stores_closed: number;
  accounts_banned: number;
}

const FUNNEL_SUMS = sql.raw(`sum(r.referred)::float8 as referred, sum(r.accepted)::float8 as accepted, sum(r.raided)::float8 as raided,
  sum(r.prosecuted)::float8 as prosecuted, sum(r.convicted)::float8 as convicted, sum(r.seized_value_yuan)::float8 as seized_value_yuan,
  sum(r.detained)::float8 as detained, sum(r.arrested)::float8 as arrested, sum(r.stores_closed)::float8 as stores_closed,
  sum(r.accounts_banned)::float8 as accounts_banned`);

export async function loadDashboardFigures(
  db: DbOrTx,
  viewer: Viewer,
  filters: StatisticsFilters,
  now: Date = new Date(),
): Promise<DashboardFigures> {
  // One query per figure, each at the level that fits it; run side by side (a pool runs them in parallel).
  const funnelBy = (key: SQL, groupedBy: LevelDimension[]) =>
    queryRows<FunnelRow>(
      db,
      sql`select ${key} as key, ${FUNNEL_SUMS}
          from stats_case_rollup r
          where ${rollupCondition("case", "r", viewer, filters, groupedBy)}
          group by 1`,
    );
  const [monthRows, agencyRows, categoryRows, provinceRows, hourRows, brandRows, overdue, asOf] = await Promise.all([
    funnelBy(sql`to_char(r.period_start, 'YYYY-MM')`, []),
    funnelBy(sql`r.agency_id::text`, ["agency"]),
    funnelBy(sql`r.category::text`, ["category"]),
    funnelBy(sql`r.province_code`, ["province"]),
    queryRows<{ hours: number; referrals: number }>(
      db,
      sql`select r.hours, sum(r.referrals)::float8 as referrals
          from stats_decision_rollup r
          where ${rollupCondition("decision", "r", viewer, filters)}
          group by r.hours order by r.hours`,
    ),
    queryRows<{ brand: string; cases: number }>(
      db,
      sql`select r.brand, sum(r.cases)::float8 as cases
          from stats_brand_rollup r
          where ${rollupCondition("brand", "r", viewer, filters)}
          group by r.brand order by cases desc, r.brand limit ${TOP_BRANDS}`,
    ),
    countOverdue(db, viewer, filters, now),
    loadAsOf(db, now),
  ]);

  const funnelOf = (row: FunnelRow): FunnelFigures => ({
    referred: Number(row.referred),
    accepted: Number(row.accepted),
    raided: Number(row.raided),
    prosecuted: Number(row.prosecuted),
    convicted: Number(row.convicted),
  });
  const byReferred = <T extends FunnelFigures>(a: T, b: T) => b.referred - a.referred;
  const sum = (column: keyof FunnelRow) => monthRows.reduce((total, row) => total + Number(row[column]), 0);

  const agencyNames = await loadAgencyNames(db, agencyRows.flatMap((row) => (row.key ? [row.key] : [])));
  const byMonth = new Map(monthRows.map((row) => [row.key!, funnelOf(row)]));

  const decided = hourRows.reduce((total, row) => total + Number(row.referrals), 0);
  const histogram = hourRows.map((row) => ({ hours: Number(row.hours), count: Number(row.referrals) }));

  return {
    asOf,
    funnel: {
      referred: sum("referred"),
      accepted: sum("accepted"),
      raided: sum("raided"),
      prosecuted: sum("prosecuted"),
      convicted: sum("convicted"),
    },
    decisionTime: {
      decided,
      medianHours: histogramPercentile(histogram, 0.5),
      p90Hours: histogramPercentile(histogram, 0.9),
    },
    overdue,
    totals: {
      seizedValueYuan: sum("seized_value_yuan"),
      detained: sum("detained"),
      arrested: sum("arrested"),
      storesClosed: sum("stores_closed"),
      accountsBanned: sum("accounts_banned"),
    },
    byAgency: agencyRows
      .filter((row) => row.key !== null)
      .map((row) => {
        const names = agencyNames.get(row.key!) ?? { nameZh: row.key!, nameEn: row.key! };
        return { agencyId: row.key!, ...names, ...funnelOf(row), seizedValueYuan: Number(row.seized_value_yuan) };
      })
      .sort((a, b) => byReferred(a, b) || a.nameEn.localeCompare(b.nameEn)),
    byCategory: categoryRows
      .filter((row) => row.key !== null)
      .map((row) => ({ category: row.key as GoodsCategory, ...funnelOf(row), seizedValueYuan: Number(row.seized_value_yuan) }))
      .sort((a, b) => byReferred(a, b) || GOODS_CATEGORIES.indexOf(a.category) - GOODS_CATEGORIES.indexOf(b.category)),
    byProvince: provinceRows
      .map((row) => ({ provinceCode: row.key, ...funnelOf(row) }))
      .sort((a, b) => byReferred(a, b) || (a.provinceCode ?? "999999").localeCompare(b.provinceCode ?? "999999")),
    byMonth: monthsOfRange(filters, [...byMonth.keys()]).map((month) => ({
      month,
      ...(byMonth.get(month) ?? { referred: 0, accepted: 0, raided: 0, prosecuted: 0, convicted: 0 }),
    })),
    topBrands: brandRows.map((row) => ({ brand: row.brand, cases: Number(row.cases) })),
  };
}

async function loadAgencyNames(db: DbOrTx, ids: string[]): Promise<Map<string, { nameZh: string; nameEn: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name_zh: string; name_en: string }>(
    db,
    sql`select id, name_zh, name_en from organisations where id = any(${`{${ids.join(",")}}`}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.id, { nameZh: row.name_zh, nameEn: row.name_en }]));
}

/**
 * Referrals in scope still waiting for the agency's decision past its deadline, right now (live: the
 * partial index case_referrals_open_due_idx holds only undecided referrals). "Waiting" as the clock sweeps
 * read it: the case is still submitted to that agency (a withdrawn lead's clock no longer runs).
 */
async function countOverdue(db: DbOrTx, viewer: Viewer, filters: StatisticsFilters, now: Date): Promise<number> {
  if (!can(viewer, "statistics.view")) return 0;
  const conditions: SQL[] = [
    sql`r.decided_at is null`,
    sql`r.decision_due_at < ${now.toISOString()}::timestamptz`,
    sql`c.status = 'submitted'`,
    sql`c.target_agency_id = r.agency_id`,
    viewer.organisationKind === "platform"
      ? sql`c.platform_organisation_id = ${viewer.organisationId}::uuid`
      : sql`r.agency_id = ${viewer.organisationId}::uuid`,
  ];
  if (filters.agencyId) conditions.push(sql`r.agency_id = ${filters.agencyId}::uuid`);
  if (filters.category) conditions.push(sql`c.category = ${filters.category}::goods_category`);
  if (filters.provinceCode) {
    conditions.push(
      sql`coalesce(c.province_code, case when c.division_code ~ '^[0-9]{6}$' then left(c.division_code, 2) || '0000' end) = ${filters.provinceCode}`,
    );
  }
  if (filters.jointOperationId) conditions.push(sql`c.joint_operation_id = ${filters.jointOperationId}::uuid`);
  if (filters.from || filters.to) {
    // The case's cohort: the day (Asia/Shanghai) of its first referral.
    const cohort = sql`((select min(first.submitted_at) from case_referrals first where first.case_id = r.case_id) at time zone 'Asia/Shanghai')::date`;
    if (filters.from) conditions.push(sql`${cohort} >= ${filters.from}::date`);
    if (filters.to) conditions.push(sql`${cohort} <= ${filters.to}::date`);
  }
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from case_referrals r join cases c on c.id = r.case_id where ${sql.join(conditions, sql` and `)}`,
  );
  return Number(row?.n ?? 0);
}

// ——— The map ———

/**
 * The counterfeit map: gangs and factories by province (country view) or by city (a province drilled into),
 * each place's three main categories by the chosen layer, and the share of the five largest places.
 */
export async function loadMapFigures(
  db: DbOrTx,
  viewer: Viewer,
  filters: StatisticsFilters,
  options: { provinceCode: string | null; layer: MapLayer },
): Promise<MapFigures> {
  const provinceCode = options.provinceCode && isProvinceCode(options.provinceCode) ? options.provinceCode : null;
  // The country view reads whole provinces' rows where a level has them; a province drilled into, its cities'.
  const [rows, asOf] = await Promise.all([
    queryRows<{ code: string; layer: MapLayer; category: GoodsCategory; places: number }>(
      db,
      provinceCode
        ? sql`select r.place_city_code as code, r.layer, r.category, sum(r.places)::float8 as places
              from stats_map_rollup r
              where ${rollupCondition("map", "r", viewer, filters, ["category", "city"])} and r.place_province_code = ${provinceCode}
              group by 1, r.layer, r.category`
        : sql`select r.place_province_code as code, r.layer, r.category, sum(r.places)::float8 as places
              from stats_map_rollup r
              where ${rollupCondition("map", "r", viewer, filters, ["category"])}
              group by 1, r.layer, r.category`,
    ),
    loadAsOf(db, new Date()),
  ]);

  const byPlace = new Map<string, { gangs: number; factories: number; categories: Map<GoodsCategory, number> }>();
  for (const row of rows) {
    const entry = byPlace.get(row.code) ?? { gangs: 0, factories: 0, categories: new Map<GoodsCategory, number>() };
    const count = Number(row.places);
    if (row.layer === "gang") entry.gangs += count;
    else entry.factories += count;
    if (row.layer === options.layer) entry.categories.set(row.category, (entry.categories.get(row.category) ?? 0) + count);
    byPlace.set(row.code, entry);
  }
  const layerCount = (place: { gangs: number; factories: number }) => (options.layer === "gang" ? place.gangs : place.factories);
  const places: MapPlaceFigures[] = [...byPlace.entries()]
    .map(([code, entry]) => ({
      code,
      gangs: entry.gangs,
      factories: entry.factories,
      topCategories: [...entry.categories.entries()]
        .filter(([, count]) => count > 0)
        .sort((a, b) => b[1] - a[1] || GOODS_CATEGORIES.indexOf(a[0]) - GOODS_CATEGORIES.indexOf(b[0]))
        .slice(0, 3)
        .map(([category, count]) => ({ category, count })),
    }))
    .sort((a, b) => layerCount(b) - layerCount(a) || b.gangs + b.factories - (a.gangs + a.factories) || a.code.localeCompare(b.code));

  const totals = {
    gangs: places.reduce((sum, entry) => sum + entry.gangs, 0),
    factories: places.reduce((sum, entry) => sum + entry.factories, 0),
  };
  const topFive = (pick: (entry: MapPlaceFigures) => number, total: number) =>
    total === 0
      ? 0
      : places
          .map(pick)
          .sort((a, b) => b - a)
          .slice(0, 5)
          .reduce((sum, count) => sum + count, 0) / total;
  return {
    asOf,
    provinceCode,
    places,
    totals,
    topFiveShare: { gangs: topFive((entry) => entry.gangs, totals.gangs), factories: topFive((entry) => entry.factories, totals.factories) },
  };
}

// ——— Filter choices ———

/**
 * What the filter controls offer: the agencies in the viewer's scope (the platform: every agency it has an
 * MOU with; an agency's management: its own), the joint operations (an agency's management: those it takes
 * part in), the provinces that have figures, and every goods category.
 */
export async function loadStatisticsFilterOptions(db: DbOrTx, viewer: Viewer): Promise<StatisticsFilterOptions> {
  if (!can(viewer, "statistics.view")) return { agencies: [], jointOperations: [], provinceCodes: [], categories: [] };
  const platform = viewer.organisationKind === "platform";
  const [agencies, operations, provinces] = await Promise.all([
    queryRows<{ id: string; name_zh: string; name_en: string }>(
      db,
      platform
        ? sql`select o.id, o.name_zh, o.name_en from organisations o
              where o.kind = 'police' and exists (
                select 1 from mous m where m.police_organisation_id = o.id and m.platform_organisation_id = ${viewer.organisationId}::uuid)
              order by o.name_en`
        : sql`select o.id, o.name_zh, o.name_en from organisations o where o.id = ${viewer.organisationId}::uuid`,
    ),
    queryRows<{ id: string; code: string; name_zh: string; name_en: string; starts_on: string | Date; ends_on: string | Date | null; agency_ids: string[] | string | null }>(
      db,
      sql`select j.id, j.code, j.name_zh, j.name_en, j.starts_on::text as starts_on, j.ends_on::text as ends_on,
            coalesce((select array_agg(a.agency_id::text order by a.agency_id) from joint_operation_agencies a where a.joint_operation_id = j.id), '{}') as agency_ids
          from joint_operations j
          ${platform ? sql`` : sql`where exists (select 1 from joint_operation_agencies a where a.joint_operation_id = j.id and a.agency_id = ${viewer.organisationId}::uuid)`}
          order by j.starts_on desc, j.code`,
    ),
    queryRows<{ province_code: string }>(
      db,
      sql`select distinct r.province_code from stats_case_rollup r
          where r.province_code is not null and ${rollupCondition("case", "r", viewer, NO_FILTERS, ["province"])}
          order by r.province_code`,
    ),
  ]);
  return {
    agencies: agencies.map((row) => ({ id: row.id, nameZh: row.name_zh, nameEn: row.name_en })),
    jointOperations: operations.map((row) => ({
      id: row.id,
      code: row.code,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      startsOn: String(row.starts_on),
      endsOn: row.ends_on === null ? null : String(row.ends_on),
      agencyIds: parseTextArray(row.agency_ids),
    })),
    provinceCodes: provinces.map((row) => row.province_code),
    categories: [...GOODS_CATEGORIES],
  };
}

/** A text[] as the drivers give it: an array (postgres.js, PGlite) or, defensively, the literal {a,b}. */
function parseTextArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",") : [];
}
