import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, numeric, pgEnum, pgTable, smallint, text, timestamp, unique, uuid, varchar, type ExtraConfigColumn } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { goodsCategory } from "./mous";

/**
 * Pre-aggregated statistics for /dashboard and /map (issue 5; docs/decisions/0012-statistics-pre-aggregation.md).
 *
 * Every change to case data writes an audit record with its case id; recordAudit marks that case dirty in
 * the same transaction (stats_dirty_cases). A job every minute (and the seeders, directly) recomputes the dirty
 * cases' fact rows and rebuilds only the rollup rows those cases touch, so no figure is older than a minute
 * and nothing is cached that the tables do not say.
 *
 * Rollups hold two grains: one row per day and one per month for the same keys. A date range is answered from
 * whole months plus the days of the partial months at either end.
 *
 * And several levels: `level` is SQL's grouping() of the row's dimensions — a set bit says that dimension is
 * summed away (and null): province 1, category 2, agency 4, the map place's city 8, joint operation 16. 0 = every
 * dimension (the base rows, built from the facts); e.g. 19 = by agency only, 23 = the platform's total. Platform
 * is kept at every level. Which levels each rollup keeps: ROLLUP_LEVELS in app/domain/statistics-refresh.server.ts.
 * A query reads the most summed-up level that still holds the dimensions it filters or groups by, so "all of
 * China, every category" reads a few thousand rows rather than a million.
 */
export const statisticsGrain = pgEnum("statistics_grain", ["day", "month"]);
export const mapLayer = pgEnum("map_layer", ["gang", "factory"]);

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

/** Cases changed since the last refresh. Written by recordAudit in the change's own transaction. */
export const statsDirtyCases = pgTable("stats_dirty_cases", {
  caseId: uuid("case_id")
    .primaryKey()
    .references(() => cases.id),
  markedAt: stamp("marked_at").notNull().defaultNow(),
});

/**
 * One row per case that has been referred to an agency: its dimensions and what became of it. The unit the
 * rollups are built from; rebuilt per case when the case is dirty.
 */
export const statsCaseFacts = pgTable(
  "stats_case_facts",
  {
    caseId: uuid("case_id")
      .primaryKey()
      .references(() => cases.id),
    platformOrganisationId: uuid("platform_organisation_id").notNull(),
    /** The agency the case is with now (null never: only referred cases have facts). */
    agencyId: uuid("agency_id").notNull(),
    category: goodsCategory("category").notNull(),
    /** GB/T 2260 province (xx0000) and city (xxxx00) of the lead's first site: where the gang operates. */
    provinceCode: varchar("province_code", { length: 6 }),
    cityCode: varchar("city_code", { length: 6 }),
    jointOperationId: uuid("joint_operation_id"),
    /** The first referral's day (Asia/Shanghai): the cohort the funnel counts the case in. */
    referredOn: date("referred_on", { mode: "string" }).notNull(),
    accepted: boolean("accepted").notNull().default(false),
    raided: boolean("raided").notNull().default(false),
    prosecuted: boolean("prosecuted").notNull().default(false),
    convicted: boolean("convicted").notNull().default(false),
    seizedValueYuan: money("seized_value_yuan").notNull().default("0"),
    detained: integer("detained").notNull().default(0),
    arrested: integer("arrested").notNull().default(0),
    storesClosed: integer("stores_closed").notNull().default(0),
    accountsBanned: integer("accounts_banned").notNull().default(0),
    brands: text("brands").array().notNull().default(sql`'{}'::text[]`),
    refreshedAt: stamp("refreshed_at").notNull().defaultNow(),
  },
  (table) => [index("stats_case_facts_key_idx").on(table.referredOn, table.agencyId, table.category, table.provinceCode)],
);

/** The key columns every rollup shares (see the header: level and grain). */
const rollupKey = () => ({
  grain: statisticsGrain("grain").notNull(),
  /** grouping() of the dimensions: a set bit = that dimension summed away (null); see the header. */
  level: smallint("level").notNull().default(0),
  periodStart: date("period_start", { mode: "string" }).notNull(),
  platformOrganisationId: uuid("platform_organisation_id").notNull(),
  /** The case's current agency (in the decision rollup: the deciding agency); null when summed away. */
  agencyId: uuid("agency_id"),
  category: goodsCategory("category"),
  provinceCode: varchar("province_code", { length: 6 }),
  jointOperationId: uuid("joint_operation_id"),
});

type RollupKeyColumns = Record<keyof ReturnType<typeof rollupKey>, ExtraConfigColumn>;

/**
 * The unique key (level, grain, period first: the range scan of a summed-up level) and the reads by agency (an
 * agency's management, the agency filter), by category and by province at the levels that keep them.
 */
function rollupConstraints(name: string, table: RollupKeyColumns, extra: ExtraConfigColumn[]) {
  return [
    unique(`${name}_key`)
      .on(
        table.level,
        table.grain,
        table.periodStart,
        table.platformOrganisationId,
        table.agencyId,
        table.category,
        table.provinceCode,
        table.jointOperationId,
        ...extra,
      )
      .nullsNotDistinct(),
    index(`${name}_agency_idx`).on(table.level, table.agencyId, table.grain, table.periodStart),
    index(`${name}_category_idx`).on(table.level, table.category, table.grain, table.periodStart),
    index(`${name}_province_idx`).on(table.level, table.provinceCode, table.grain, table.periodStart),
  ];
}

/** The funnel and the outcome totals, per grain × period × dimensions. */
export const statsCaseRollup = pgTable(
  "stats_case_rollup",
  {
    ...rollupKey(),
    referred: integer("referred").notNull().default(0),
    accepted: integer("accepted").notNull().default(0),
    raided: integer("raided").notNull().default(0),
    prosecuted: integer("prosecuted").notNull().default(0),
    convicted: integer("convicted").notNull().default(0),
    seizedValueYuan: money("seized_value_yuan").notNull().default("0"),
    detained: integer("detained").notNull().default(0),
    arrested: integer("arrested").notNull().default(0),
    storesClosed: integer("stores_closed").notNull().default(0),
    accountsBanned: integer("accounts_banned").notNull().default(0),
  },
  (table) => rollupConstraints("stats_case_rollup", table, []),
);

/** Decided referrals by whole hours from submission to decision, for the median and 90th percentile. */
export const statsDecisionRollup = pgTable(
  "stats_decision_rollup",
  {
    ...rollupKey(),
    hours: integer("hours").notNull(),
    referrals: integer("referrals").notNull().default(0),
  },
  (table) => rollupConstraints("stats_decision_rollup", table, [table.hours]),
);

/** Cases per brand affected. */
export const statsBrandRollup = pgTable(
  "stats_brand_rollup",
  {
    ...rollupKey(),
    brand: text("brand").notNull(),
    cases: integer("cases").notNull().default(0),
  },
  (table) => rollupConstraints("stats_brand_rollup", table, [table.brand]),
);

/**
 * The counterfeit map's two layers: gangs (one per lead, at the city of its first site) and factories (factory
 * sites of the lead and of its raids), by the place's city — and, with place_city_code null, by the place's
 * province as a whole (the country view reads those: ten times fewer rows).
 */
export const statsMapRollup = pgTable(
  "stats_map_rollup",
  {
    ...rollupKey(),
    layer: mapLayer("layer").notNull(),
    placeProvinceCode: varchar("place_province_code", { length: 6 }).notNull(),
    placeCityCode: varchar("place_city_code", { length: 6 }),
    places: integer("places").notNull().default(0),
  },
  (table) => [
    ...rollupConstraints("stats_map_rollup", table, [table.layer, table.placeProvinceCode, table.placeCityCode]),
    // A province drilled into: its cities.
    index("stats_map_rollup_place_idx").on(table.level, table.placeProvinceCode, table.grain, table.periodStart),
  ],
);

/** One row: when the rollups were last brought up to date (shown as "figures as of"). */
export const statsRefreshState = pgTable("stats_refresh_state", {
  id: integer("id").primaryKey().default(1),
  refreshedAt: stamp("refreshed_at").notNull().defaultNow(),
  casesRefreshed: bigint("cases_refreshed", { mode: "number" }).notNull().default(0),
  lastDurationMs: integer("last_duration_ms").notNull().default(0),
});

export type StatsCaseFacts = typeof statsCaseFacts.$inferSelect;
