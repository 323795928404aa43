/**
 * Upkeep of the pre-aggregated statistics (issue 5; docs/decisions/0012-statistics-pre-aggregation.md).
 *
 * Two layers:
 * - stats_case_facts: one row per referred case, its dimensions (platform, current agency, category, province,
 *   joint operation, cohort day) and what became of it (accepted, raided, prosecuted, convicted, seized value,
 *   detained, arrested, stores closed, accounts banned, brands).
 * - four rollups (case funnel and totals, decision-hours histogram, brands, map places), each at two grains (one
 *   row per day and one per month for the same keys) and several levels (db/schema/statistics.ts: the base rows
 *   keep every dimension; the summed-up rows of ROLLUP_LEVELS fewer).
 *
 * Base day rows are aggregated from the facts (plus, for decisions and map places, the referral and site rows of
 * those cases); base month rows are sums of their days; the summed-up levels are GROUPING SETS over the base rows
 * of the same grain and period. The incremental refresh works per "slice": (day, platform, category, province,
 * joint operation). A changed case touches the slice it was in and the slice it is in now; the base day rows of
 * those slices are rebuilt from the facts under them, and every other row (base months, summed-up levels) is
 * moved by the difference — new rows added, old rows subtracted — so a change costs the size of its slices, not
 * of its months. Agency is not part of the slice on purpose: a case re-referred to another agency moves between
 * agencies inside one slice, and the decision rollup is keyed by the deciding agency rather than the current one.
 * If the rollups were ever damaged by hand, rebuildAllStatistics puts them right from scratch.
 *
 * Imports db/ directly, like audit.server.ts: db/seed.ts calls rebuildAllStatistics inside its transaction.
 */
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Database, type DbOrTx, type Transaction } from "../../db/client";

/** Serialises refreshes and rebuilds (two at once would rebuild the same rollup rows twice). */
export const STATISTICS_LOCK_KEY = 7_240_512;
/**
 * Cases per refresh transaction. Small enough that a batch commits in a second or so: a user's change to a case
 * in the batch being refreshed waits for that commit to mark the case dirty again.
 */
export const DEFAULT_REFRESH_BATCH = 200;
/** A refresh stops after this many batches, so a flood of changes cannot keep one sweep running for ever. */
const MAX_BATCHES_PER_REFRESH = 500;

const DIMS = ["platform_organisation_id", "agency_id", "category", "province_code", "joint_operation_id"] as const;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

export interface StatisticsRefreshResult {
  /** Cases whose facts were recomputed. */
  cases: number;
  ms: number;
}

// ——— The facts ———

/**
 * The fact rows, as a SELECT: `caseFilter` restricts every source to some case ids (the incremental refresh),
 * or is null for all cases (grouped subqueries, hash-joined: the set-based path for a million cases).
 */
export function factsSelect(caseIds: SQL | null): SQL {
  const only = (column: string) => (caseIds ? sql`where ${sql.raw(column)} = any(${caseIds})` : sql``);
  const andOnly = (column: string) => (caseIds ? sql`and ${sql.raw(column)} = any(${caseIds})` : sql``);
  return sql`
    select
      c.id,
      c.platform_organisation_id,
      coalesce(c.target_agency_id, rf.last_agency_id),
      c.category,
      coalesce(c.province_code, case when c.division_code ~ '^[0-9]{6}$' then left(c.division_code, 2) || '0000' end),
      case when c.division_code ~ '^[0-9]{6}$' then left(c.division_code, 4) || '00' end,
      c.joint_operation_id,
      (rf.first_submitted_at at time zone 'Asia/Shanghai')::date,
      rf.accepted,
      ra.case_id is not null,
      coalesce(o.transferred_to_procuratorate_on is not null or o.indicted_on is not null or o.judgment_on is not null, false)
        or c.status = 'prosecution',
      coalesce(o.verdict in ('convicted', 'partially_convicted'), false),
      coalesce(sz.value_yuan, 0),
      coalesce(o.detained, 0),
      coalesce(o.arrested, 0),
      coalesce(pa.stores_closed, 0),
      coalesce(pa.accounts_banned, 0),
      coalesce(b.brands, '{}'::text[]),
      now()
    from cases c
    join (
      select case_id,
             min(submitted_at) as first_submitted_at,
             coalesce(bool_or(decision = 'accepted'), false) as accepted,
             (array_agg(agency_id order by submitted_at desc))[1] as last_agency_id
      from case_referrals ${only("case_id")}
      group by case_id
    ) rf on rf.case_id = c.id
    left join (select distinct case_id from raids ${only("case_id")}) ra on ra.case_id = c.id
    left join case_outcomes o on o.case_id = c.id
    left join (
      select case_id, sum(value_yuan) as value_yuan from seizures ${only("case_id")} group by case_id
    ) sz on sz.case_id = c.id
    left join (
      select case_id,
             count(*) filter (where kind = 'store_closed') as stores_closed,
             count(*) filter (where kind = 'account_banned') as accounts_banned
      from platform_actions where retracted_at is null ${andOnly("case_id")}
      group by case_id
    ) pa on pa.case_id = c.id
    left join (
      select case_id, array_agg(distinct btrim(brand) order by btrim(brand)) as brands
      from case_brands where btrim(brand) <> '' ${andOnly("case_id")}
      group by case_id
    ) b on b.case_id = c.id
    ${caseIds ? sql`where c.id = any(${caseIds})` : sql``}`;
}

const FACT_COLUMNS = sql.raw(`(case_id, platform_organisation_id, agency_id, category, province_code, city_code, joint_operation_id,
  referred_on, accepted, raided, prosecuted, convicted, seized_value_yuan, detained, arrested, stores_closed, accounts_banned,
  brands, refreshed_at)`);

// ——— The rollups ———

/**
 * Bits of `level` (SQL's grouping() of the dimensions): a set bit = that dimension summed away (null). The map
 * has one more: its places' city (8), summed away into the place's whole province for the country view.
 */
export const LEVEL_BITS = { agency: 4, category: 2, province: 1, city: 8, operation: 16 } as const;
export type LevelDimension = keyof typeof LEVEL_BITS;

interface RollupSpec {
  table: string;
  /** Key columns after the dimensions (hours, brand, layer and place). */
  extraKeys: string[];
  /** Summed columns. */
  measures: string[];
  /**
   * The base day rows (level 0, every dimension) from a set of facts `f` (already restricted): selects grain,
   * level, period_start, the dimensions, the extra keys and the measures, in that order.
   */
  dayRows(facts: SQL, caseIds: SQL | null): SQL;
  /** The summed-up levels kept besides the base, per grain (statistics.server.ts reads the same lists). */
  levels: Record<"day" | "month", number[]>;
  /** The map: its place city is a fourth dimension (bit 8), so the country view reads whole provinces' rows. */
  cityDimension?: boolean;
}

const CASE_MEASURES = [
  "referred",
  "accepted",
  "raided",
  "prosecuted",
  "convicted",
  "seized_value_yuan",
  "detained",
  "arrested",
  "stores_closed",
  "accounts_banned",
];

/** Whole hours from submission to decision (a part of an hour counts as one). */
export const DECISION_HOURS_SQL = "greatest(0, ceil(extract(epoch from (r.decided_at - r.submitted_at)) / 3600))::int";

/**
 * Which levels each rollup keeps besides the base (0). Whole months: by agency only (19), by category only (21),
 * by province only (22), the total (23), and the total per joint operation (7). Days, read only for the partial
 * months at either end of a range: the total, and per joint operation. The funnel's breakdowns (by agency, by
 * category, by province, under a filter on another of them or on a joint operation) also keep each pair of
 * agency, category and province (17, 18, 20), and each of them per joint operation (3, 5, 6); its days keep each
 * one alone. The map always shows categories: by whole province with agency and operation summed away, keeping
 * province (28) or not (29), or keeping agency (24); by city keeping province (20) or not (21); and per joint
 * operation by whole province (13) and by city (5).
 */
export const ROLLUP_LEVELS: Record<"case" | "decision" | "brand" | "map", Record<"day" | "month", number[]>> = {
  case: { day: [19, 21, 22, 23, 7], month: [17, 18, 20, 19, 21, 22, 23, 3, 5, 6, 7] },
  decision: { day: [23, 7], month: [19, 21, 22, 23, 7] },
  brand: { day: [23, 7], month: [19, 21, 22, 23, 7] },
  map: { day: [29, 13], month: [24, 28, 29, 20, 21, 13, 5] },
};

const ROLLUPS: RollupSpec[] = [
  {
    table: "stats_case_rollup",
    extraKeys: [],
    measures: CASE_MEASURES,
    levels: ROLLUP_LEVELS.case,
    dayRows: (facts) => sql`
      select 'day'::statistics_grain, 0, f.referred_on, f.platform_organisation_id, f.agency_id, f.category, f.province_code, f.joint_operation_id,
        count(*), count(*) filter (where f.accepted), count(*) filter (where f.raided), count(*) filter (where f.prosecuted),
        count(*) filter (where f.convicted), sum(f.seized_value_yuan), sum(f.detained), sum(f.arrested), sum(f.stores_closed),
        sum(f.accounts_banned)
      from ${facts}
      group by f.referred_on, f.platform_organisation_id, f.agency_id, f.category, f.province_code, f.joint_operation_id`,
  },
  {
    table: "stats_decision_rollup",
    extraKeys: ["hours"],
    measures: ["referrals"],
    levels: ROLLUP_LEVELS.decision,
    // By the deciding agency (the referral's), in the case's cohort.
    dayRows: (facts) => sql`
      select 'day'::statistics_grain, 0, f.referred_on, f.platform_organisation_id, r.agency_id, f.category, f.province_code, f.joint_operation_id,
        ${sql.raw(DECISION_HOURS_SQL)} as hours, count(*)
      from ${facts}
      join case_referrals r on r.case_id = f.case_id and r.decided_at is not null
      group by f.referred_on, f.platform_organisation_id, r.agency_id, f.category, f.province_code, f.joint_operation_id, hours`,
  },
  {
    table: "stats_brand_rollup",
    extraKeys: ["brand"],
    measures: ["cases"],
    levels: ROLLUP_LEVELS.brand,
    dayRows: (facts) => sql`
      select 'day'::statistics_grain, 0, f.referred_on, f.platform_organisation_id, f.agency_id, f.category, f.province_code, f.joint_operation_id,
        b.brand, count(*)
      from ${facts}
      cross join lateral unnest(f.brands) as b(brand)
      group by f.referred_on, f.platform_organisation_id, f.agency_id, f.category, f.province_code, f.joint_operation_id, b.brand`,
  },
  {
    table: "stats_map_rollup",
    extraKeys: ["layer", "place_province_code", "place_city_code"],
    measures: ["places"],
    levels: ROLLUP_LEVELS.map,
    cityDimension: true,
    // Gangs: one per case, at the city of its first site. Factories: the lead's factory sites and the factories
    // found in raids that are not one of the lead's sites, each at its own city.
    // `caseIds` (the incremental refresh) keeps the place sources to the cases of the slices.
    dayRows: (facts, caseIds) => {
      const only = (column: string) => (caseIds ? sql`and ${sql.raw(column)} = any(${caseIds})` : sql``);
      return sql`
      select 'day'::statistics_grain, 0, f.referred_on, f.platform_organisation_id, f.agency_id, f.category, f.province_code, f.joint_operation_id,
        p.layer, left(p.city_code, 2) || '0000', p.city_code, count(*)
      from ${facts}
      join (
        select g.case_id, 'gang'::map_layer as layer, g.city_code
        from stats_case_facts g where g.city_code is not null ${only("g.case_id")}
        union all
        select s.case_id, 'factory'::map_layer, left(s.division_code, 4) || '00'
        from case_sites s where s.type = 'factory' and s.division_code ~ '^[0-9]{6}$' ${only("s.case_id")}
        union all
        select rd.case_id, 'factory'::map_layer, left(rs.division_code, 4) || '00'
        from raid_sites rs join raids rd on rd.id = rs.raid_id
        where rs.type = 'factory' and rs.case_site_id is null and rs.division_code ~ '^[0-9]{6}$' ${only("rd.case_id")}
      ) p on p.case_id = f.case_id
      group by f.referred_on, f.platform_organisation_id, f.agency_id, f.category, f.province_code, f.joint_operation_id,
        p.layer, p.city_code`;
    },
  },
];

function columnList(spec: RollupSpec): string {
  return ["grain", "level", "period_start", ...DIMS, ...spec.extraKeys, ...spec.measures].join(", ");
}

/** The base rows of a rollup (alias `alias`): every dimension (for the map, each city). */
function isBase(_spec: RollupSpec, alias: string): SQL {
  return sql.raw(`${alias}.level = 0`);
}

/** The base month rows from base day rows `d` (already restricted): sums per month and key. */
function monthRows(spec: RollupSpec, days: SQL): SQL {
  const keys = [...DIMS, ...spec.extraKeys].map((column) => `d.${column}`).join(", ");
  const sums = spec.measures.map((column) => `sum(d.${column})`).join(", ");
  return sql`
    select 'month'::statistics_grain, 0, date_trunc('month', d.period_start)::date, ${sql.raw(keys)}, ${sql.raw(sums)}
    from ${days}
    group by date_trunc('month', d.period_start), ${sql.raw(keys)}`;
}

/**
 * The summed-up rows of one grain from its base rows `b` (already restricted), in one pass: GROUPING SETS, one
 * per level kept (and, for the map, per place granularity), `level` = grouping() of the three dimensions.
 */
function derivedRows(spec: RollupSpec, grain: "day" | "month", base: SQL): SQL {
  const always = ["b.grain", "b.period_start", "b.platform_organisation_id"];
  const columns: Record<LevelDimension, { column: string; none: string }> = {
    agency: { column: "b.agency_id", none: "null::uuid" },
    category: { column: "b.category", none: "null::goods_category" },
    province: { column: "b.province_code", none: "null::varchar" },
    city: { column: "b.place_city_code", none: "null::varchar" },
    operation: { column: "b.joint_operation_id", none: "null::uuid" },
  };
  const dimensions = (Object.keys(LEVEL_BITS) as LevelDimension[]).filter((dimension) => dimension !== "city" || spec.cityDimension);
  const levels = spec.levels[grain];
  // grouping() takes only columns some set groups by; a dimension no set keeps is summed away (null) everywhere.
  const keptSomewhere = (dimension: LevelDimension) => levels.some((level) => (level & LEVEL_BITS[dimension]) === 0);
  const levelExpression = dimensions
    .map((dimension) => (keptSomewhere(dimension) ? `grouping(${columns[dimension].column}) * ${LEVEL_BITS[dimension]}` : String(LEVEL_BITS[dimension])))
    .join(" + ");
  const selected = (dimension: LevelDimension) => (keptSomewhere(dimension) ? columns[dimension].column : columns[dimension].none);
  const extras = spec.extraKeys.filter((column) => column !== "place_city_code").map((column) => `b.${column}`);
  const sets = levels.map((level) => {
    const kept = dimensions.filter((dimension) => (level & LEVEL_BITS[dimension]) === 0).map((dimension) => columns[dimension].column);
    return `(${[...always, ...kept, ...extras].join(", ")})`;
  });
  const extraSelect = spec.extraKeys.map((column) => (column === "place_city_code" ? selected("city") : `b.${column}`));
  const select = [
    "b.grain",
    levelExpression,
    "b.period_start",
    "b.platform_organisation_id",
    selected("agency"),
    selected("category"),
    selected("province"),
    selected("operation"),
    ...extraSelect,
    ...spec.measures.map((column) => `sum(b.${column})`),
  ];
  return sql`
    select ${sql.raw(select.join(", "))}
    from ${base}
    group by grouping sets (${sql.raw(sets.join(", "))})`;
}

// Null-safe equality that still hashes (province and joint operation may be null).
const sameSlice = (left: string, right: string) =>
  sql.raw(`${left}.platform_organisation_id = ${right}.platform_organisation_id
    and ${left}.category = ${right}.category
    and coalesce(${left}.province_code, '') = coalesce(${right}.province_code, '')
    and coalesce(${left}.joint_operation_id, '${NIL_UUID}'::uuid) = coalesce(${right}.joint_operation_id, '${NIL_UUID}'::uuid)`);
// ——— Full rebuild ———

/**
 * Recomputes every case's facts and every rollup from scratch, set-based (truncate, then INSERT … SELECT …
 * GROUP BY): the seeders and the bulk generator call it. Takes a database or a caller's transaction (the demo
 * seed's); the dirty marks it covers are cleared first, so a change committed while it runs is refreshed later.
 */
export async function rebuildAllStatistics(db: DbOrTx): Promise<StatisticsRefreshResult> {
  const started = Date.now();
  const startedAt = new Date(started);
  let cases = 0;
  await db.transaction(async (tx) => {
    await lockStatistics(tx);
    await tx.execute(sql`set local work_mem = '256MB'`);
    await tx.execute(sql`delete from stats_dirty_cases`);
    await tx.execute(sql`truncate stats_case_facts`);
    // In cohort-day order: the incremental refresh reads the facts of a day through stats_case_facts_key_idx.
    await tx.execute(sql`insert into stats_case_facts ${FACT_COLUMNS} ${factsSelect(null)} order by 8`);
    const [counted] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from stats_case_facts`);
    cases = counted?.n ?? 0;
    await tx.execute(sql`analyze stats_case_facts`);
    await rebuildRollupsFromFacts(tx);
    await recordRefresh(tx, startedAt, cases, Date.now() - started, "replace");
  });
  return { cases, ms: Date.now() - started };
}

/**
 * Every rollup row again from stats_case_facts (and the referral and site rows of those cases). A million cases
 * make several million rollup rows: the table's indexes and unique key are dropped for the load and built again
 * afterwards from their own definitions (pg_indexes, pg_constraint), which is many times faster than keeping
 * them up to date row by row.
 */
export async function rebuildRollupsFromFacts(tx: Transaction): Promise<void> {
  await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
  for (const spec of ROLLUPS) {
    const table = sql.raw(spec.table);
    const columns = sql.raw(columnList(spec));
    const constraints = await queryRows<{ name: string; definition: string }>(
      tx,
      sql`select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
          where conrelid = ${spec.table}::regclass and contype = 'u'`,
    );
    const indexes = await queryRows<{ name: string; definition: string }>(
      tx,
      sql`select i.indexname as name, i.indexdef as definition from pg_indexes i
          where i.schemaname = current_schema() and i.tablename = ${spec.table}
            and not exists (select 1 from pg_constraint c where c.conrelid = ${spec.table}::regclass and c.conname = i.indexname)`,
    );
    for (const constraint of constraints) await tx.execute(sql`alter table ${table} drop constraint ${sql.identifier(constraint.name)}`);
    for (const index of indexes) await tx.execute(sql`drop index ${sql.identifier(index.name)}`);

    await tx.execute(sql`truncate ${table}`);
    // Written in the order the reads go (level, grain, agency, category, province, joint operation, period), so a
    // read by agency or category finds its rows on a few pages rather than one row per page.
    const ordered = sql.raw("order by 2, 1, 5, 6, 7, 8, 3");
    await tx.execute(sql`insert into ${table} (${columns}) ${spec.dayRows(sql`stats_case_facts f`, null)} ${ordered}`);
    await tx.execute(sql`insert into ${table} (${columns}) ${monthRows(spec, sql`${table} d where d.grain = 'day'`)} ${ordered}`);
    for (const grain of ["day", "month"] as const) {
      await tx.execute(
        sql`insert into ${table} (${columns}) ${derivedRows(spec, grain, sql`${table} b where b.grain = ${grain} and ${isBase(spec, "b")}`)} ${ordered}`,
      );
    }

    for (const index of indexes) await tx.execute(sql.raw(index.definition));
    for (const constraint of constraints) {
      await tx.execute(sql`alter table ${table} add constraint ${sql.identifier(constraint.name)} ${sql.raw(constraint.definition)}`);
    }
    await tx.execute(sql`analyze ${table}`);
  }
}

// ——— Incremental refresh ———

/**
 * Brings the statistics up to date with the cases changed since the last refresh (the minute sweep, and once
 * when the job queue starts). Each batch is one transaction: take up to `batchSize` dirty case ids (DELETE …
 * RETURNING), recompute their facts, then rebuild the day slices they were in or are in now, the months of
 * those days, and the summed-up levels of those days and months. A batch that fails rolls back with its dirty
 * marks, so nothing is lost.
 */
export async function refreshDirtyStatistics(db: Database, options: { batchSize?: number } = {}): Promise<StatisticsRefreshResult> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_REFRESH_BATCH);
  const started = Date.now();
  // Every change committed before this moment is in the figures once the loop ends.
  const startedAt = new Date(started);
  let cases = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_REFRESH; batch++) {
    const taken = await db.transaction(async (tx) => {
      await lockStatistics(tx);
      const dirty = await queryRows<{ case_id: string }>(
        tx,
        sql`delete from stats_dirty_cases where case_id in (
              select case_id from stats_dirty_cases order by marked_at, case_id limit ${batchSize} for update skip locked
            ) returning case_id`,
      );
      if (dirty.length > 0) await refreshCases(tx, dirty.map((row) => row.case_id));
      return dirty.length;
    });
    cases += taken;
    if (taken < batchSize) break;
  }
  const ms = Date.now() - started;
  await db.transaction(async (tx) => recordRefresh(tx, startedAt, cases, ms, "add"));
  return { cases, ms };
}

async function refreshCases(tx: Transaction, caseIds: string[]): Promise<void> {
  const ids = sql`${`{${caseIds.join(",")}}`}::uuid[]`;
  const sliceColumns = "referred_on::text as referred_on, platform_organisation_id, category, province_code, joint_operation_id";
  // The slices the cases were in…
  const before = await queryRows<SliceRow>(tx, sql`select distinct ${sql.raw(sliceColumns)} from stats_case_facts where case_id = any(${ids})`);
  await tx.execute(sql`delete from stats_case_facts where case_id = any(${ids})`);
  await tx.execute(sql`insert into stats_case_facts ${FACT_COLUMNS} ${factsSelect(ids)}`);
  // …and the slices they are in now.
  const after = await queryRows<SliceRow>(tx, sql`select distinct ${sql.raw(sliceColumns)} from stats_case_facts where case_id = any(${ids})`);
  const slices = distinctSlices([...before, ...after]);
  if (slices.length === 0) return;

  const sliceJson = JSON.stringify(slices);
  const daySlices = sql`(select * from jsonb_to_recordset(${sliceJson}::jsonb)
      as k(referred_on date, platform_organisation_id uuid, category goods_category, province_code varchar, joint_operation_id uuid))`;
  // The days and months whose summed-up rows may change.
  const periods = {
    day: [...new Set(slices.map((slice) => slice.referred_on))],
    month: [...new Set(slices.map((slice) => `${slice.referred_on.slice(0, 7)}-01`))],
  };
  const periodList = (grain: "day" | "month") => sql`${`{${periods[grain].join(",")}}`}::date[]`;

  // Every case of those slices (their base day rows are rebuilt from all of them).
  const inSlices = await queryRows<{ case_id: string }>(
    tx,
    sql`select f.case_id from stats_case_facts f join ${daySlices} k on f.referred_on = k.referred_on and ${sameSlice("f", "k")}`,
  );
  const sliceCaseIds = sql`${`{${inSlices.map((row) => row.case_id).join(",")}}`}::uuid[]`;

  for (const spec of ROLLUPS) {
    const table = sql.raw(spec.table);
    const columns = sql.raw(columnList(spec));
    // The change to the base rows, as rows to add (new) and to take away (old, measures negated): the summed-up
    // levels are then moved by exactly that much, without reading the rest of their days and months.
    const delta = sql.raw(`stats_delta_${spec.table}`);
    await tx.execute(sql`create temp table ${delta} (like ${table}) on commit drop`);
    const negated = sql.raw(
      ["grain", "level", "period_start", ...DIMS, ...spec.extraKeys].map((column) => `r.${column}`).concat(spec.measures.map((column) => `-r.${column}`)).join(", "),
    );
    // Base day rows of the slices, from the facts: the old ones out (into the delta, negated), the new ones in.
    await tx.execute(
      sql`insert into ${delta} (${columns}) select ${negated} from ${table} r, ${daySlices} k
          where r.grain = 'day' and ${isBase(spec, "r")} and r.period_start = k.referred_on and ${sameSlice("r", "k")}`,
    );
    await tx.execute(
      sql`delete from ${table} r using ${daySlices} k
          where r.grain = 'day' and ${isBase(spec, "r")} and r.period_start = k.referred_on and ${sameSlice("r", "k")}`,
    );
    await tx.execute(
      sql`with added as (insert into ${table} (${columns}) ${spec.dayRows(
        sql`stats_case_facts f join ${daySlices} k on f.referred_on = k.referred_on and ${sameSlice("f", "k")}`,
        sliceCaseIds,
      )} returning *) insert into ${delta} select * from added`,
    );
    // Base month rows: moved by their days' change.
    await tx.execute(sql`insert into ${delta} (${columns}) ${monthRows(spec, sql`${delta} d where d.grain = 'day'`)}`);
    // Every level of both grains moved by the change (the base months from the month delta, the summed-up
    // levels from each grain's delta through GROUPING SETS); rows that fall to nothing go.
    const key = sql.identifier(`${spec.table}_key`);
    const add = sql.raw(spec.measures.map((column) => `${column} = ${spec.table}.${column} + excluded.${column}`).join(", "));
    await tx.execute(
      sql`insert into ${table} (${columns}) select ${sql.raw(columnList(spec))} from ${delta} where grain = 'month'
          on conflict on constraint ${key} do update set ${add}`,
    );
    for (const grain of ["day", "month"] as const) {
      await tx.execute(
        sql`insert into ${table} (${columns}) ${derivedRows(spec, grain, sql`${delta} b where b.grain = ${grain}`)}
            on conflict on constraint ${key} do update set ${add}`,
      );
      await tx.execute(
        sql`delete from ${table} r where r.level in (${sql.raw([0, ...spec.levels[grain]].join(", "))}) and r.grain = ${grain}
              and r.period_start = any(${periodList(grain)}) and r.${sql.raw(spec.measures[0]!)} = 0`,
      );
    }
  }
}

interface SliceRow extends Record<string, unknown> {
  referred_on: string;
  platform_organisation_id: string;
  category: string;
  province_code: string | null;
  joint_operation_id: string | null;
}

function distinctSlices(rows: SliceRow[]): SliceRow[] {
  const seen = new Map<string, SliceRow>();
  for (const row of rows) {
    // Drivers answer a date as a string (postgres.js) or a Date (PGlite); the JSON wants YYYY-MM-DD.
    const day = dayString(row.referred_on as unknown);
    const slice = { ...row, referred_on: day };
    seen.set([day, row.platform_organisation_id, row.category, row.province_code, row.joint_operation_id].join("|"), slice);
  }
  return [...seen.values()];
}

function dayString(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

async function lockStatistics(tx: Transaction): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${STATISTICS_LOCK_KEY})`);
}

async function recordRefresh(tx: Transaction, at: Date, cases: number, ms: number, mode: "replace" | "add"): Promise<void> {
  await tx.execute(
    sql`insert into stats_refresh_state (id, refreshed_at, cases_refreshed, last_duration_ms)
        values (1, ${at.toISOString()}::timestamptz, ${cases}, ${Math.round(ms)})
        on conflict (id) do update set
          refreshed_at = greatest(stats_refresh_state.refreshed_at, excluded.refreshed_at),
          cases_refreshed = ${mode === "add" ? sql`stats_refresh_state.cases_refreshed + excluded.cases_refreshed` : sql`excluded.cases_refreshed`},
          last_duration_ms = excluded.last_duration_ms`,
  );
}
