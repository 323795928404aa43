/**
 * The statistics engine against a brute-force reference computed in JavaScript straight from the source tables
 * (cases, referrals, raids, seizures, outcomes, platform actions, brands, sites): the demo world, hand-built
 * cases with known answers, random date ranges (fast-check), the incremental refresh against a full rebuild
 * after a series of changes, scope, and the dirty marker's transaction.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database, type Transaction } from "../../db/client";
import { seedDemoWorld } from "../../db/seed";
import {
  caseBrands,
  caseOutcomes,
  caseReferrals,
  cases,
  caseSites,
  jointOperations,
  platformActions,
  raids,
  raidSites,
  seizures,
  type GoodsCategory,
} from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { recordAudit } from "./audit.server";
import { organisationId, viewerFor } from "./case-workflow.testing";
import { acceptedCase } from "./police.testing";
import type { Viewer } from "./policy";
import { NO_FILTERS, type DashboardFigures, type FunnelFigures, type MapFigures, type MapLayer, type StatisticsFilters } from "./statistics";
import { loadDashboardFigures, loadMapFigures, loadStatisticsFilterOptions } from "./statistics.server";
import { rebuildAllStatistics, refreshDirtyStatistics } from "./statistics-refresh.server";

let database: TestDatabase;
let db: Database;
const ids = {} as {
  platform: string;
  putian: string;
  guangzhou: string;
  jinhua: string;
  putianMou: string;
  guangzhouMou: string;
  jinhuaMou: string;
  investigator: string;
  supervisor: string;
};
const viewers = {} as { platformManagement: Viewer; putianManagement: Viewer; lead: Viewer; investigator: Viewer; officer: Viewer; supervisor: Viewer };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoWorld(db, { password: "statistics-test-password" });
  viewers.platformManagement = await viewerFor(db, "management@platform.demo");
  viewers.putianManagement = await viewerFor(db, "management@putian.demo");
  viewers.lead = await viewerFor(db, "lead@platform.demo");
  viewers.investigator = await viewerFor(db, "investigator@platform.demo");
  viewers.officer = await viewerFor(db, "officer@putian.demo");
  viewers.supervisor = await viewerFor(db, "supervisor@putian.demo");
  ids.platform = viewers.platformManagement.organisationId;
  ids.putian = await organisationId(db, "putian-psb");
  ids.guangzhou = await organisationId(db, "guangzhou-psb");
  ids.jinhua = await organisationId(db, "jinhua-psb");
  const mouOf = async (agency: string) =>
    (await queryRows<{ id: string }>(db, sql`select id from mous where police_organisation_id = ${agency} order by signed_on limit 1`))[0]!.id;
  ids.putianMou = await mouOf(ids.putian);
  ids.guangzhouMou = await mouOf(ids.guangzhou);
  ids.jinhuaMou = await mouOf(ids.jinhua);
  ids.investigator = viewers.investigator.userId;
  ids.supervisor = viewers.supervisor.userId;
}, 180_000);

afterAll(async () => {
  await database?.destroy();
});

// ——— The brute-force reference ———

const HOUR = 3_600_000;
const shanghaiDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

interface Source {
  cases: Array<{
    id: string;
    platform: string;
    target: string | null;
    category: GoodsCategory;
    province: string | null;
    division: string | null;
    operation: string | null;
    status: string;
  }>;
  referrals: Array<{ caseId: string; agency: string; submittedAt: Date; decidedAt: Date | null; decision: string | null; dueAt: Date }>;
  raids: Array<{ id: string; caseId: string }>;
  seizures: Array<{ caseId: string; value: number | null }>;
  outcomes: Array<{ caseId: string; transferred: unknown; indicted: unknown; judgment: unknown; verdict: string | null; detained: number; arrested: number }>;
  actions: Array<{ caseId: string; kind: string; retracted: boolean }>;
  brands: Array<{ caseId: string; brand: string }>;
  caseSites: Array<{ caseId: string; type: string; division: string }>;
  raidSites: Array<{ raidId: string; type: string; division: string; caseSiteId: string | null }>;
}

async function loadSource(): Promise<Source> {
  const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(db, query);
  return {
    cases: (
      await rows<Record<string, string | null>>(
        sql`select id, platform_organisation_id, target_agency_id, category, province_code, division_code, joint_operation_id, status from cases`,
      )
    ).map((row) => ({
      id: row.id!,
      platform: row.platform_organisation_id!,
      target: row.target_agency_id ?? null,
      category: row.category as GoodsCategory,
      province: row.province_code ?? null,
      division: row.division_code ?? null,
      operation: row.joint_operation_id ?? null,
      status: row.status!,
    })),
    referrals: (
      await rows<Record<string, string | Date | null>>(sql`select case_id, agency_id, submitted_at, decided_at, decision, decision_due_at from case_referrals`)
    ).map((row) => ({
      caseId: row.case_id as string,
      agency: row.agency_id as string,
      submittedAt: new Date(row.submitted_at!),
      decidedAt: row.decided_at ? new Date(row.decided_at) : null,
      decision: (row.decision as string | null) ?? null,
      dueAt: new Date(row.decision_due_at!),
    })),
    raids: (await rows<{ id: string; case_id: string }>(sql`select id, case_id from raids`)).map((row) => ({ id: row.id, caseId: row.case_id })),
    seizures: (await rows<{ case_id: string; value_yuan: string | null }>(sql`select case_id, value_yuan::text from seizures`)).map((row) => ({
      caseId: row.case_id,
      value: row.value_yuan === null ? null : Number(row.value_yuan),
    })),
    outcomes: (
      await rows<Record<string, unknown>>(
        sql`select case_id, transferred_to_procuratorate_on::text as t, indicted_on::text as i, judgment_on::text as j, verdict, detained, arrested from case_outcomes`,
      )
    ).map((row) => ({
      caseId: row.case_id as string,
      transferred: row.t,
      indicted: row.i,
      judgment: row.j,
      verdict: (row.verdict as string | null) ?? null,
      detained: Number(row.detained),
      arrested: Number(row.arrested),
    })),
    actions: (await rows<{ case_id: string; kind: string; retracted: boolean }>(sql`select case_id, kind, retracted_at is not null as retracted from platform_actions`)).map(
      (row) => ({ caseId: row.case_id, kind: row.kind, retracted: row.retracted }),
    ),
    brands: (await rows<{ case_id: string; brand: string }>(sql`select case_id, brand from case_brands`)).map((row) => ({ caseId: row.case_id, brand: row.brand })),
    caseSites: (await rows<{ case_id: string; type: string; division_code: string }>(sql`select case_id, type, division_code from case_sites`)).map((row) => ({
      caseId: row.case_id,
      type: row.type,
      division: row.division_code,
    })),
    raidSites: (
      await rows<{ raid_id: string; type: string; division_code: string; case_site_id: string | null }>(sql`select raid_id, type, division_code, case_site_id from raid_sites`)
    ).map((row) => ({ raidId: row.raid_id, type: row.type, division: row.division_code, caseSiteId: row.case_site_id })),
  };
}

interface ReferenceFact {
  caseId: string;
  platform: string;
  agency: string;
  category: GoodsCategory;
  province: string | null;
  operation: string | null;
  day: string;
  funnel: FunnelFigures;
  seized: number;
  detained: number;
  arrested: number;
  stores: number;
  accounts: number;
  brands: string[];
  places: Array<{ layer: MapLayer; city: string }>;
}

function groupByCase<T extends { caseId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.caseId, [...(groups.get(row.caseId) ?? []), row]);
  return groups;
}

function referenceFacts(source: Source): ReferenceFact[] {
  const referralsOf = groupByCase(source.referrals);
  const raidsOf = groupByCase(source.raids);
  const seizuresOf = groupByCase(source.seizures);
  const actionsOf = groupByCase(source.actions);
  const brandsOf = groupByCase(source.brands);
  const sitesOf = groupByCase(source.caseSites);
  const outcomeOf = new Map(source.outcomes.map((outcome) => [outcome.caseId, outcome]));
  const raidSitesOf = new Map<string, Source["raidSites"]>();
  for (const site of source.raidSites) raidSitesOf.set(site.raidId, [...(raidSitesOf.get(site.raidId) ?? []), site]);
  const isCode = (code: string | null) => code !== null && /^\d{6}$/.test(code);
  const facts: ReferenceFact[] = [];
  for (const row of source.cases) {
    const referrals = [...(referralsOf.get(row.id) ?? [])].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    if (referrals.length === 0) continue;
    const outcome = outcomeOf.get(row.id);
    const raidIds = (raidsOf.get(row.id) ?? []).map((raid) => raid.id);
    const live = (actionsOf.get(row.id) ?? []).filter((action) => !action.retracted);
    const places: ReferenceFact["places"] = [];
    if (isCode(row.division)) places.push({ layer: "gang", city: `${row.division!.slice(0, 4)}00` });
    for (const site of sitesOf.get(row.id) ?? []) {
      if (site.type === "factory" && isCode(site.division)) places.push({ layer: "factory", city: `${site.division.slice(0, 4)}00` });
    }
    for (const raidId of raidIds) {
      for (const site of raidSitesOf.get(raidId) ?? []) {
        if (site.type === "factory" && site.caseSiteId === null && isCode(site.division)) places.push({ layer: "factory", city: `${site.division.slice(0, 4)}00` });
      }
    }
    facts.push({
      caseId: row.id,
      platform: row.platform,
      agency: row.target ?? referrals.at(-1)!.agency,
      category: row.category,
      province: row.province ?? (isCode(row.division) ? `${row.division!.slice(0, 2)}0000` : null),
      operation: row.operation,
      day: shanghaiDay.format(referrals[0]!.submittedAt),
      funnel: {
        referred: 1,
        accepted: referrals.some((referral) => referral.decision === "accepted") ? 1 : 0,
        raided: raidIds.length > 0 ? 1 : 0,
        prosecuted: (outcome && (outcome.transferred || outcome.indicted || outcome.judgment)) || row.status === "prosecution" ? 1 : 0,
        convicted: outcome && (outcome.verdict === "convicted" || outcome.verdict === "partially_convicted") ? 1 : 0,
      },
      seized: (seizuresOf.get(row.id) ?? []).reduce((sum, seizure) => sum + (seizure.value ?? 0), 0),
      detained: outcome?.detained ?? 0,
      arrested: outcome?.arrested ?? 0,
      stores: live.filter((action) => action.kind === "store_closed").length,
      accounts: live.filter((action) => action.kind === "account_banned").length,
      brands: [...new Set((brandsOf.get(row.id) ?? []).map((brand) => brand.brand.trim()).filter(Boolean))],
      places,
    });
  }
  return facts;
}

/** The filters other than the agency, on a fact. */
function matchesCaseFilters(fact: ReferenceFact, viewer: Viewer, filters: StatisticsFilters): boolean {
  if (viewer.organisationKind === "platform" && fact.platform !== viewer.organisationId) return false;
  if (filters.category && fact.category !== filters.category) return false;
  if (filters.provinceCode && fact.province !== filters.provinceCode) return false;
  if (filters.jointOperationId && fact.operation !== filters.jointOperationId) return false;
  if (filters.from && fact.day < filters.from) return false;
  if (filters.to && fact.day > filters.to) return false;
  return true;
}

function matchesAgency(agency: string, viewer: Viewer, filters: StatisticsFilters): boolean {
  if (viewer.organisationKind === "police" && agency !== viewer.organisationId) return false;
  return !filters.agencyId || agency === filters.agencyId;
}

const cents = (value: number) => Math.round(value * 100);
const zeroFunnel = (): FunnelFigures => ({ referred: 0, accepted: 0, raided: 0, prosecuted: 0, convicted: 0 });
function addFunnel(into: FunnelFigures, from: FunnelFigures) {
  for (const key of ["referred", "accepted", "raided", "prosecuted", "convicted"] as const) into[key] += from[key];
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let date = new Date(`${first}-01T00:00:00Z`); date.toISOString().slice(0, 7) <= last; date.setUTCMonth(date.getUTCMonth() + 1)) {
    months.push(date.toISOString().slice(0, 7));
  }
  return months;
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

type ComparableDashboard = Omit<DashboardFigures, "asOf" | "byAgency"> & { byAgency: Array<{ agencyId: string } & FunnelFigures & { seizedValueYuan: number }> };

function referenceDashboard(source: Source, viewer: Viewer, filters: StatisticsFilters, now: Date): ComparableDashboard {
  const facts = referenceFacts(source);
  const inScope = facts.filter((fact) => matchesCaseFilters(fact, viewer, filters) && matchesAgency(fact.agency, viewer, filters));
  const funnel = zeroFunnel();
  const totals = { seizedValueYuan: 0, detained: 0, arrested: 0, storesClosed: 0, accountsBanned: 0 };
  const group = <K extends string>(key: (fact: ReferenceFact) => K) => {
    const groups = new Map<K, FunnelFigures & { seizedValueYuan: number }>();
    for (const fact of inScope) {
      const entry = groups.get(key(fact)) ?? { ...zeroFunnel(), seizedValueYuan: 0 };
      addFunnel(entry, fact.funnel);
      entry.seizedValueYuan += fact.seized;
      groups.set(key(fact), entry);
    }
    return groups;
  };
  const brands = new Map<string, number>();
  for (const fact of inScope) {
    addFunnel(funnel, fact.funnel);
    totals.seizedValueYuan += fact.seized;
    totals.detained += fact.detained;
    totals.arrested += fact.arrested;
    totals.storesClosed += fact.stores;
    totals.accountsBanned += fact.accounts;
    for (const brand of fact.brands) brands.set(brand, (brands.get(brand) ?? 0) + 1);
  }
  // Decisions: the case's filters, the deciding agency's scope.
  const caseOk = new Set(facts.filter((fact) => matchesCaseFilters(fact, viewer, filters)).map((fact) => fact.caseId));
  const hours = source.referrals
    .filter((referral) => referral.decidedAt && caseOk.has(referral.caseId) && matchesAgency(referral.agency, viewer, filters))
    .map((referral) => Math.max(0, Math.ceil((referral.decidedAt!.getTime() - referral.submittedAt.getTime()) / HOUR)));
  // Overdue, live.
  const byId = new Map(source.cases.map((row) => [row.id, row]));
  const factById = new Map(facts.map((fact) => [fact.caseId, fact]));
  const overdue = source.referrals.filter((referral) => {
    const row = byId.get(referral.caseId)!;
    const fact = factById.get(referral.caseId)!;
    return (
      !referral.decidedAt &&
      referral.dueAt < now &&
      row.status === "submitted" &&
      row.target === referral.agency &&
      matchesCaseFilters(fact, viewer, filters) &&
      matchesAgency(referral.agency, viewer, filters)
    );
  }).length;

  const byMonthGroups = group((fact) => fact.day.slice(0, 7));
  const dataMonths = [...byMonthGroups.keys()].sort();
  const first = filters.from?.slice(0, 7) ?? dataMonths[0] ?? filters.to?.slice(0, 7);
  let last = filters.to?.slice(0, 7) ?? dataMonths.at(-1) ?? first;
  if (first && last && last < first) last = first;
  const strip = ({ seizedValueYuan: _ignored, ...rest }: FunnelFigures & { seizedValueYuan: number }) => rest;
  return {
    funnel,
    decisionTime: { decided: hours.length, medianHours: percentile(hours, 0.5), p90Hours: percentile(hours, 0.9) },
    overdue,
    totals,
    byAgency: [...group((fact) => fact.agency).entries()].map(([agencyId, entry]) => ({ agencyId, ...entry })),
    byCategory: [...group((fact) => fact.category).entries()].map(([category, entry]) => ({ category, ...entry })),
    byProvince: [...group((fact) => fact.province ?? "none").entries()].map(([code, entry]) => ({ provinceCode: code === "none" ? null : code, ...strip(entry) })),
    byMonth: first && last ? monthsBetween(first, last).map((month) => ({ month, ...(byMonthGroups.has(month) ? strip(byMonthGroups.get(month)!) : zeroFunnel()) })) : [],
    topBrands: [...brands.entries()].map(([brand, count]) => ({ brand, cases: count })),
  };
}

/** Both sides in one order, money in cents, brands as a set (ties may sort differently under the database's collation). */
function comparable(figures: DashboardFigures | ComparableDashboard): ComparableDashboard {
  const money = <T extends { seizedValueYuan: number }>(entry: T) => ({ ...entry, seizedValueYuan: cents(entry.seizedValueYuan) });
  return {
    funnel: figures.funnel,
    decisionTime: figures.decisionTime,
    overdue: figures.overdue,
    totals: money(figures.totals),
    byAgency: figures.byAgency
      .map(({ agencyId, referred, accepted, raided, prosecuted, convicted, seizedValueYuan }) =>
        money({ agencyId, referred, accepted, raided, prosecuted, convicted, seizedValueYuan }),
      )
      .sort((a, b) => a.agencyId.localeCompare(b.agencyId)),
    byCategory: figures.byCategory.map(money).sort((a, b) => a.category.localeCompare(b.category)),
    byProvince: [...figures.byProvince].sort((a, b) => (a.provinceCode ?? "").localeCompare(b.provinceCode ?? "")),
    byMonth: figures.byMonth,
    // Compared apart (expectBrandsMatch): ties at the cut may fall either way under the database's collation.
    topBrands: [],
  };
}

function expectBrandsMatch(actual: DashboardFigures["topBrands"], all: ComparableDashboard["topBrands"]) {
  const counts = new Map(all.map((entry) => [entry.brand, entry.cases]));
  const expectedCounts = all.map((entry) => entry.cases).sort((a, b) => b - a).slice(0, 10);
  expect(actual.map((entry) => entry.cases)).toEqual(expectedCounts);
  for (const entry of actual) expect(entry.cases).toBe(counts.get(entry.brand));
}

function referenceMap(source: Source, viewer: Viewer, filters: StatisticsFilters, options: { provinceCode: string | null; layer: MapLayer }) {
  const counts = new Map<string, { gangs: number; factories: number; categories: Map<GoodsCategory, number> }>();
  for (const fact of referenceFacts(source)) {
    if (!matchesCaseFilters(fact, viewer, filters) || !matchesAgency(fact.agency, viewer, filters)) continue;
    for (const place of fact.places) {
      const province = `${place.city.slice(0, 2)}0000`;
      if (options.provinceCode && province !== options.provinceCode) continue;
      const code = options.provinceCode ? place.city : province;
      const entry = counts.get(code) ?? { gangs: 0, factories: 0, categories: new Map() };
      if (place.layer === "gang") entry.gangs += 1;
      else entry.factories += 1;
      if (place.layer === options.layer) entry.categories.set(fact.category, (entry.categories.get(fact.category) ?? 0) + 1);
      counts.set(code, entry);
    }
  }
  return [...counts.entries()]
    .map(([code, entry]) => ({ code, gangs: entry.gangs, factories: entry.factories, categoryCounts: Object.fromEntries(entry.categories) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function comparableMap(figures: MapFigures) {
  return figures.places
    .map((place) => ({ code: place.code, gangs: place.gangs, factories: place.factories }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

async function expectDashboardMatches(viewer: Viewer, filters: StatisticsFilters, now = new Date(), source?: Source) {
  const actual = await loadDashboardFigures(db, viewer, filters, now);
  const expected = referenceDashboard(source ?? (await loadSource()), viewer, filters, now);
  expect(comparable(actual)).toEqual(comparable(expected));
  expectBrandsMatch(actual.topBrands, expected.topBrands);
  return actual;
}

// ——— Writing hand-built cases (each change audited with its case id, as the portal does) ———

let counter = 0;

async function change(caseId: string, write: (tx: Transaction) => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    await write(tx);
    await recordAudit(tx, { action: "statistics_test.changed", caseId });
  });
}

interface CaseSpec {
  category?: GoodsCategory;
  division?: string;
  operation?: string | null;
  status?: "submitted" | "accepted" | "investigating" | "raided" | "prosecution" | "closed" | "declined" | "withdrawn";
  brands?: string[];
  factorySites?: string[];
  referrals: Array<{ agency: "putian" | "guangzhou" | "jinhua"; at: Date; decision?: "accepted" | "declined" | "returned_for_info"; afterHours?: number; dueHours?: number }>;
}

async function insertCase(spec: CaseSpec): Promise<string> {
  counter += 1;
  const division = spec.division ?? "350305";
  const agencyIds = { putian: ids.putian, guangzhou: ids.guangzhou, jinhua: ids.jinhua };
  const mouIds = { putian: ids.putianMou, guangzhou: ids.guangzhouMou, jinhua: ids.jinhuaMou };
  const last = spec.referrals.at(-1)!;
  const [row] = await db
    .insert(cases)
    .values({
      reference: `AC-STAT-${String(counter).padStart(6, "0")}`,
      status: spec.status ?? "submitted",
      title: `统计测试线索 ${counter}`,
      category: spec.category ?? "footwear_apparel",
      platformOrganisationId: ids.platform,
      createdBy: ids.investigator,
      targetAgencyId: agencyIds[last.agency],
      mouId: mouIds[last.agency],
      provinceCode: `${division.slice(0, 2)}0000`,
      divisionCode: division,
      jointOperationId: spec.operation ?? null,
      submittedAt: last.at,
      decisionDueAt: new Date(last.at.getTime() + (last.dueHours ?? 72) * HOUR),
    })
    .returning({ id: cases.id });
  const caseId = row!.id;
  await change(caseId, async (tx) => {
    for (const referral of spec.referrals) {
      await tx.insert(caseReferrals).values({
        caseId,
        agencyId: agencyIds[referral.agency],
        mouId: mouIds[referral.agency],
        submittedBy: ids.investigator,
        submittedAt: referral.at,
        decisionDueAt: new Date(referral.at.getTime() + (referral.dueHours ?? 72) * HOUR),
        decision: referral.decision ?? null,
        decidedAt: referral.decision ? new Date(referral.at.getTime() + (referral.afterHours ?? 1) * HOUR) : null,
        decidedBy: referral.decision ? ids.supervisor : null,
      });
    }
    const brands = spec.brands ?? ["NIKE"];
    if (brands.length) await tx.insert(caseBrands).values(brands.map((brand, position) => ({ caseId, position, brand })));
    const sites = spec.factorySites ?? [division];
    if (sites.length) {
      await tx
        .insert(caseSites)
        .values(sites.map((code, position) => ({ caseId, position, type: "factory" as const, address: `工厂 ${position}`, divisionCode: code, locationSource: "waybill_ship_from" as const })));
    }
  });
  return caseId;
}

async function addRaid(caseId: string, options: { values?: Array<string | null>; newFactory?: string; at?: Date } = {}): Promise<string> {
  let raidId = "";
  await change(caseId, async (tx) => {
    const [raid] = await tx
      .insert(raids)
      .values({ caseId, raidedAt: options.at ?? new Date("2026-02-01T02:00:00Z"), createdBy: ids.supervisor })
      .returning({ id: raids.id });
    raidId = raid!.id;
    await tx.insert(raidSites).values({
      raidId,
      position: 0,
      type: options.newFactory ? "factory" : "warehouse",
      address: "新发现地点",
      divisionCode: options.newFactory ?? "350305",
    });
    const values = options.values ?? ["400000.00"];
    if (values.length) {
      await tx.insert(seizures).values(values.map((valueYuan, position) => ({ caseId, raidId, position, product: "假冒运动鞋", quantity: "100", unit: "pairs" as const, valueYuan })));
    }
  });
  return raidId;
}

async function snapshot(): Promise<Record<string, string[]>> {
  const tables = ["stats_case_rollup", "stats_decision_rollup", "stats_brand_rollup", "stats_map_rollup"];
  const result: Record<string, string[]> = {};
  result.facts = (await queryRows<{ row: string }>(db, sql`select (to_jsonb(t) - 'refreshed_at')::text as row from stats_case_facts t order by 1`)).map((r) => r.row);
  for (const table of tables) {
    result[table] = (await queryRows<{ row: string }>(db, sql`select to_jsonb(t)::text as row from ${sql.raw(table)} t order by 1`)).map((r) => r.row);
  }
  return result;
}

async function newOperation(code: string): Promise<string> {
  const [row] = await db
    .insert(jointOperations)
    .values({ code, nameZh: `测试行动 ${code}`, nameEn: `Test operation ${code}`, startsOn: "2025-01-01" })
    .returning({ id: jointOperations.id });
  return row!.id;
}

const bj = (local: string) => new Date(`${local}+08:00`);

// ——— The tests ———

describe("the demo world", () => {
  it("is aggregated by the seed: every referred case has its facts and nothing is left dirty", async () => {
    const [facts] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stats_case_facts`);
    const [referred] = await queryRows<{ n: number }>(db, sql`select count(distinct case_id)::int as n from case_referrals`);
    const [dirty] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stats_dirty_cases`);
    expect(facts!.n).toBeGreaterThan(0);
    expect(facts!.n).toBe(referred!.n);
    expect(dirty!.n).toBe(0);
  });

  it("gives the platform's management every agency's figures, equal to a brute-force count", async () => {
    const figures = await expectDashboardMatches(viewers.platformManagement, NO_FILTERS);
    expect(figures.funnel.referred).toBeGreaterThan(0);
    expect(figures.byAgency.map((row) => row.agencyId)).toContain(ids.putian);
    expect(figures.byAgency.find((row) => row.agencyId === ids.putian)?.nameZh).toBe("莆田市公安局");
    // The funnel narrows: each stage is a share of the same cohort.
    expect(figures.funnel.accepted).toBeLessThanOrEqual(figures.funnel.referred);
    expect(figures.funnel.convicted).toBeLessThanOrEqual(figures.funnel.referred);
    expect(figures.byMonth.reduce((sum, month) => sum + month.referred, 0)).toBe(figures.funnel.referred);
  });

  it("shows Putian's management only Putian's cases, and nothing under another agency's filter", async () => {
    const putian = await expectDashboardMatches(viewers.putianManagement, NO_FILTERS);
    expect(putian.byAgency.map((row) => row.agencyId)).toEqual([ids.putian]);
    const all = await loadDashboardFigures(db, viewers.platformManagement, NO_FILTERS);
    expect(putian.funnel.referred).toBe(all.byAgency.find((row) => row.agencyId === ids.putian)!.referred);

    const other = await loadDashboardFigures(db, viewers.putianManagement, { ...NO_FILTERS, agencyId: ids.guangzhou });
    expect(other.funnel).toEqual({ referred: 0, accepted: 0, raided: 0, prosecuted: 0, convicted: 0 });
    expect(other.decisionTime).toEqual({ decided: 0, medianHours: null, p90Hours: null });
    expect(other.overdue).toBe(0);
    expect(other.byAgency).toEqual([]);
    expect(other.topBrands).toEqual([]);
    expect((await loadMapFigures(db, viewers.putianManagement, { ...NO_FILTERS, agencyId: ids.guangzhou }, { provinceCode: null, layer: "gang" })).places).toEqual([]);
  });

  it("gives nothing to a role that may not read statistics", async () => {
    const figures = await loadDashboardFigures(db, viewers.investigator, NO_FILTERS);
    expect(figures.funnel.referred).toBe(0);
    expect(figures.byMonth).toEqual([]);
    expect((await loadStatisticsFilterOptions(db, viewers.officer)).agencies).toEqual([]);
  });

  it("draws the map by province and by city, equal to a brute-force count", async () => {
    const source = await loadSource();
    for (const viewer of [viewers.platformManagement, viewers.putianManagement]) {
      for (const layer of ["gang", "factory"] as const) {
        const country = await loadMapFigures(db, viewer, NO_FILTERS, { provinceCode: null, layer });
        expect(comparableMap(country)).toEqual(referenceMap(source, viewer, NO_FILTERS, { provinceCode: null, layer }).map(({ categoryCounts: _c, ...place }) => place));
        const fujian = await loadMapFigures(db, viewer, NO_FILTERS, { provinceCode: "350000", layer });
        const expected = referenceMap(source, viewer, NO_FILTERS, { provinceCode: "350000", layer });
        expect(comparableMap(fujian)).toEqual(expected.map(({ categoryCounts: _c, ...place }) => place));
        for (const place of fujian.places) {
          expect(place.code.slice(0, 2)).toBe("35");
          const counts = expected.find((entry) => entry.code === place.code)!.categoryCounts;
          for (const top of place.topCategories) expect(top.count).toBe(counts[top.category]);
          expect(place.topCategories.length).toBe(Math.min(3, Object.keys(counts).length));
        }
        // Largest first by the chosen layer.
        const key = layer === "gang" ? "gangs" : "factories";
        expect(country.places.map((place) => place[key])).toEqual([...country.places.map((place) => place[key])].sort((a, b) => b - a));
        expect(country.totals.gangs).toBe(country.places.reduce((sum, place) => sum + place.gangs, 0));
      }
    }
  });

  it("offers the agencies, operations and provinces in the viewer's scope", async () => {
    const platform = await loadStatisticsFilterOptions(db, viewers.platformManagement);
    expect(platform.agencies.map((agency) => agency.id)).toEqual(expect.arrayContaining([ids.putian, ids.guangzhou, ids.jinhua]));
    expect(platform.categories).toContain("footwear_apparel");
    expect(platform.provinceCodes).toContain("350000");
    const putian = await loadStatisticsFilterOptions(db, viewers.putianManagement);
    expect(putian.agencies.map((agency) => agency.id)).toEqual([ids.putian]);
    for (const operation of putian.jointOperations) expect(operation.agencyIds).toContain(ids.putian);
  });
});

describe("hand-built cases", () => {
  it("counts the funnel stages and the outcome totals of one cohort", async () => {
    const operation = await newOperation("STAT-FUNNEL");
    const referredOnly = await insertCase({ operation, referrals: [{ agency: "putian", at: bj("2026-01-05T10:00") }] });
    const accepted = await insertCase({ operation, status: "investigating", referrals: [{ agency: "putian", at: bj("2026-01-06T10:00"), decision: "accepted", afterHours: 5 }] });
    const raided = await insertCase({ operation, status: "raided", referrals: [{ agency: "putian", at: bj("2026-01-07T10:00"), decision: "accepted" }] });
    await addRaid(raided, { values: ["400000.00", "25000.50", null] });
    const convicted = await insertCase({ operation, status: "closed", brands: ["NIKE", "adidas"], referrals: [{ agency: "putian", at: bj("2026-01-08T10:00"), decision: "accepted" }] });
    await addRaid(convicted, { values: ["1000.00"] });
    await change(convicted, async (tx) => {
      await tx.insert(caseOutcomes).values({ caseId: convicted, detained: 3, arrested: 2, transferredToProcuratorateOn: "2026-03-01", verdict: "convicted" });
      await tx.insert(platformActions).values([
        { caseId: convicted, kind: "store_closed", takenOn: "2026-02-01", createdBy: ids.investigator },
        { caseId: convicted, kind: "store_closed", takenOn: "2026-02-01", createdBy: ids.investigator },
        { caseId: convicted, kind: "account_banned", takenOn: "2026-02-01", createdBy: ids.investigator },
        { caseId: convicted, kind: "account_banned", takenOn: "2026-02-01", createdBy: ids.investigator, retractedAt: new Date(), retractedBy: ids.investigator },
        { caseId: convicted, kind: "blacklist_candidate", takenOn: "2026-02-01", createdBy: ids.investigator },
      ]);
    });
    const prosecutionByStatus = await insertCase({ operation, status: "prosecution", referrals: [{ agency: "guangzhou", at: bj("2026-01-09T10:00"), decision: "accepted" }] });
    // Declined by Putian, accepted by Guangzhou: one case, two decisions, counted with Guangzhou (its agency now).
    const rerouted = await insertCase({
      operation,
      referrals: [
        { agency: "putian", at: bj("2026-01-10T10:00"), decision: "declined", afterHours: 20 },
        { agency: "guangzhou", at: bj("2026-01-12T10:00"), decision: "accepted", afterHours: 2 },
      ],
    });
    void referredOnly;
    void accepted;
    void prosecutionByStatus;
    void rerouted;
    const result = await refreshDirtyStatistics(db);
    expect(result.cases).toBeGreaterThanOrEqual(6);

    const filters = { ...NO_FILTERS, jointOperationId: operation };
    const figures = await expectDashboardMatches(viewers.platformManagement, filters);
    expect(figures.funnel).toEqual({ referred: 6, accepted: 5, raided: 2, prosecuted: 2, convicted: 1 });
    expect(figures.totals).toEqual({ seizedValueYuan: 426000.5, detained: 3, arrested: 2, storesClosed: 2, accountsBanned: 1 });
    expect(figures.byAgency.map((row) => [row.agencyId, row.referred])).toEqual(
      expect.arrayContaining([
        [ids.putian, 4],
        [ids.guangzhou, 2],
      ]),
    );
    expect(figures.byMonth).toEqual([{ month: "2026-01", referred: 6, accepted: 5, raided: 2, prosecuted: 2, convicted: 1 }]);
    expect(figures.topBrands[0]).toEqual({ brand: "NIKE", cases: 6 });
    expect(figures.topBrands).toContainEqual({ brand: "adidas", cases: 1 });
    // Six decisions, Putian's decline among them (by the deciding agency).
    expect(figures.decisionTime.decided).toBe(6);
    const putianOnly = await expectDashboardMatches(viewers.platformManagement, { ...filters, agencyId: ids.putian });
    expect(putianOnly.decisionTime.decided).toBe(4); // three acceptances and the decline
    expect(putianOnly.funnel.referred).toBe(4);
    const putianManagement = await expectDashboardMatches(viewers.putianManagement, filters);
    expect(putianManagement.decisionTime.decided).toBe(4);
  });

  it("takes the median and 90th percentile of decision hours from the histogram, as sorting every value would", async () => {
    const operation = await newOperation("STAT-HOURS");
    // Hours after submission: 0.2 → 1, 1.5 → 2, 2 → 2, 4.5 → 5, 30, 69.1 → 70, 71, 100.
    const afterHours = [0.2, 1.5, 2, 4.5, 30, 69.1, 71, 100];
    for (const [index, hours] of afterHours.entries()) {
      await insertCase({ operation, referrals: [{ agency: "jinhua", at: bj(`2026-02-${String(3 + index).padStart(2, "0")}T09:00`), decision: "accepted", afterHours: hours }] });
    }
    await refreshDirtyStatistics(db);
    const figures = await expectDashboardMatches(viewers.platformManagement, { ...NO_FILTERS, jointOperationId: operation });
    expect(figures.decisionTime).toEqual({ decided: 8, medianHours: 5, p90Hours: 100 });
    const firstHalf = await expectDashboardMatches(viewers.platformManagement, { ...NO_FILTERS, jointOperationId: operation, to: "2026-02-06" });
    expect(firstHalf.decisionTime).toEqual({ decided: 4, medianHours: 2, p90Hours: 5 });
  });

  it("counts a case in the cohort of its first referral's day in Beijing time", async () => {
    const operation = await newOperation("STAT-MIDNIGHT");
    // 2026-01-31 16:30 UTC is 2026-02-01 00:30 in Beijing.
    await insertCase({ operation, referrals: [{ agency: "putian", at: new Date("2026-01-31T16:30:00Z") }] });
    await refreshDirtyStatistics(db);
    const filters = { ...NO_FILTERS, jointOperationId: operation };
    expect((await loadDashboardFigures(db, viewers.platformManagement, { ...filters, from: "2026-02-01", to: "2026-02-01" })).funnel.referred).toBe(1);
    expect((await loadDashboardFigures(db, viewers.platformManagement, { ...filters, to: "2026-01-31" })).funnel.referred).toBe(0);
  });

  it("counts live the referrals past their deadline that are still waiting, in scope and with the filters", async () => {
    const operation = await newOperation("STAT-OVERDUE");
    const now = new Date("2026-03-10T12:00:00Z");
    // Past due and waiting (Putian, then Guangzhou); past due but decided; not yet due; past due but withdrawn.
    await insertCase({ operation, referrals: [{ agency: "putian", at: new Date("2026-03-01T00:00:00Z"), dueHours: 72 }] });
    await insertCase({ operation, category: "cosmetics", referrals: [{ agency: "guangzhou", at: new Date("2026-03-02T00:00:00Z"), dueHours: 72 }] });
    await insertCase({ operation, status: "accepted", referrals: [{ agency: "putian", at: new Date("2026-03-01T00:00:00Z"), decision: "accepted", afterHours: 100 }] });
    await insertCase({ operation, referrals: [{ agency: "putian", at: new Date("2026-03-09T00:00:00Z"), dueHours: 72 }] });
    await insertCase({ operation, status: "withdrawn", referrals: [{ agency: "putian", at: new Date("2026-03-01T00:00:00Z"), dueHours: 72 }] });
    // Not refreshed on purpose: overdue is read live.
    const filters = { ...NO_FILTERS, jointOperationId: operation };
    expect((await loadDashboardFigures(db, viewers.platformManagement, filters, now)).overdue).toBe(2);
    expect((await loadDashboardFigures(db, viewers.putianManagement, filters, now)).overdue).toBe(1);
    expect((await loadDashboardFigures(db, viewers.platformManagement, { ...filters, category: "cosmetics" }, now)).overdue).toBe(1);
    expect((await loadDashboardFigures(db, viewers.platformManagement, { ...filters, agencyId: ids.jinhua }, now)).overdue).toBe(0);
    expect((await loadDashboardFigures(db, viewers.platformManagement, { ...filters, from: "2026-03-02" }, now)).overdue).toBe(1);
    expect((await loadDashboardFigures(db, viewers.platformManagement, filters, new Date("2026-03-03T00:00:00Z"))).overdue).toBe(0);
    await refreshDirtyStatistics(db);
    await expectDashboardMatches(viewers.platformManagement, filters, now);
  });

  it("answers any date range from months and days as a day-by-day count would (property)", async () => {
    const operation = await newOperation("STAT-RANGES");
    // A spread of cases over five months, with decisions, raids and brands, from a fixed pseudo-random sequence.
    let seed = 20_260_501;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const categories: GoodsCategory[] = ["footwear_apparel", "cosmetics", "mother_baby"];
    const divisions = ["350305", "350102", "440106", "330782"];
    for (let index = 0; index < 45; index++) {
      const at = new Date(Date.UTC(2025, 10, 1) + Math.floor(random() * 150 * 24) * HOUR);
      const decided = random() < 0.7;
      const caseId = await insertCase({
        operation,
        category: categories[Math.floor(random() * categories.length)],
        division: divisions[Math.floor(random() * divisions.length)],
        brands: ["NIKE", "PUMA", "LV"].filter(() => random() < 0.5),
        status: decided ? "investigating" : "submitted",
        referrals: [{ agency: (["putian", "guangzhou", "jinhua"] as const)[Math.floor(random() * 3)]!, at, decision: decided ? "accepted" : undefined, afterHours: 1 + random() * 90 }],
      });
      if (decided && random() < 0.4) await addRaid(caseId, { values: [String(Math.floor(random() * 100_000))], newFactory: random() < 0.5 ? "441900" : undefined });
    }
    await refreshDirtyStatistics(db);
    const source = await loadSource();
    const day = fc.integer({ min: 0, max: 170 }).map((offset) => new Date(Date.UTC(2025, 9, 20 + offset)).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(
        fc.option(day, { nil: null }),
        fc.option(day, { nil: null }),
        fc.option(fc.constantFrom(...categories), { nil: null }),
        fc.option(fc.constantFrom("350000", "440000", "330000"), { nil: null }),
        fc.constantFrom("platform", "putian", "platform-jinhua", "everything"),
        fc.constantFrom("350000", "440000"),
        async (a, b, category, provinceCode, who, drillInto) => {
          const [from, to] = a && b && a > b ? [b, a] : [a, b];
          // "everything": the demo world's cases too (no joint operation filter).
          const filters = {
            ...NO_FILTERS,
            jointOperationId: who === "everything" ? null : operation,
            agencyId: who === "platform-jinhua" ? ids.jinhua : null,
            from,
            to,
            category,
            provinceCode,
          };
          const viewer = who === "putian" ? viewers.putianManagement : viewers.platformManagement;
          await expectDashboardMatches(viewer, filters, new Date(), source);
          for (const options of [
            { provinceCode: null, layer: "factory" as const },
            { provinceCode: drillInto, layer: "gang" as const },
          ]) {
            const map = await loadMapFigures(db, viewer, filters, options);
            expect(comparableMap(map)).toEqual(referenceMap(source, viewer, filters, options).map(({ categoryCounts: _c, ...place }) => place));
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe("freshness", () => {
  it("refreshes only what changed, to the same rows a full rebuild gives", async () => {
    const operation = await newOperation("STAT-INCREMENTAL");
    const a = await insertCase({ operation, status: "investigating", referrals: [{ agency: "putian", at: bj("2026-04-02T10:00"), decision: "accepted" }] });
    const b = await insertCase({ operation, status: "raided", referrals: [{ agency: "putian", at: bj("2026-04-03T10:00"), decision: "accepted" }] });
    const c = await insertCase({ operation, referrals: [{ agency: "putian", at: bj("2026-04-28T23:30") }] });
    const d = await insertCase({ operation, category: "cosmetics", referrals: [{ agency: "guangzhou", at: bj("2026-05-02T10:00"), decision: "accepted" }] });
    const e = await insertCase({ operation, status: "closed", referrals: [{ agency: "jinhua", at: bj("2026-05-03T10:00"), decision: "accepted" }] });
    await change(e, async (tx) => {
      await tx.insert(platformActions).values({ caseId: e, kind: "store_closed", takenOn: "2026-05-20", createdBy: ids.investigator });
    });
    await refreshDirtyStatistics(db);
    const before = await loadDashboardFigures(db, viewers.platformManagement, { ...NO_FILTERS, jointOperationId: operation });

    // A raid added, with a factory that was not one of the lead's sites.
    await addRaid(a, { values: ["88000.00"], newFactory: "350322" });
    // An outcome recorded.
    await change(b, async (tx) => {
      await tx.insert(caseOutcomes).values({ caseId: b, detained: 2, arrested: 1, indictedOn: "2026-06-01", verdict: "partially_convicted" });
    });
    // Declined by Putian, re-referred to Guangzhou: the case moves agency.
    await change(c, async (tx) => {
      await tx
        .update(caseReferrals)
        .set({ decision: "declined", decidedAt: bj("2026-04-30T10:00"), decidedBy: ids.supervisor })
        .where(sql`${caseReferrals.caseId} = ${c}`);
      await tx.insert(caseReferrals).values({
        caseId: c,
        agencyId: ids.guangzhou,
        mouId: ids.guangzhouMou,
        submittedBy: ids.investigator,
        submittedAt: bj("2026-05-01T10:00"),
        decisionDueAt: bj("2026-05-04T10:00"),
      });
      await tx.update(cases).set({ targetAgencyId: ids.guangzhou, mouId: ids.guangzhouMou }).where(sql`${cases.id} = ${c}`);
    });
    // The lead's category and first site corrected: the case moves slice.
    await change(d, async (tx) => {
      await tx.update(cases).set({ category: "mother_baby", provinceCode: "440000", divisionCode: "440106" }).where(sql`${cases.id} = ${d}`);
    });
    // A platform action retracted.
    await change(e, async (tx) => {
      await tx.update(platformActions).set({ retractedAt: new Date(), retractedBy: ids.investigator, retractionReason: "误关店铺" }).where(sql`${platformActions.caseId} = ${e}`);
    });
    // And one case through the portal's own workflow (review, approval, referral, acceptance): its audit records mark it.
    const cast = { investigator: viewers.investigator, lead: viewers.lead, supervisor: viewers.supervisor, officer: viewers.officer };
    const workflowCase = await acceptedCase(db, cast);

    const [dirty] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from stats_dirty_cases`);
    expect(dirty!.n).toBe(6);
    const refreshed = await refreshDirtyStatistics(db, { batchSize: 2 });
    expect(refreshed.cases).toBe(6);
    expect(await queryRows(db, sql`select case_id from stats_dirty_cases`)).toEqual([]);
    const incremental = await snapshot();

    const after = await expectDashboardMatches(viewers.platformManagement, { ...NO_FILTERS, jointOperationId: operation });
    expect(after.funnel.raided).toBe(before.funnel.raided + 1);
    expect(after.funnel.prosecuted).toBe(before.funnel.prosecuted + 1);
    expect(after.funnel.convicted).toBe(before.funnel.convicted + 1);
    expect(after.totals.storesClosed).toBe(before.totals.storesClosed - 1);
    expect(after.totals.seizedValueYuan).toBe(before.totals.seizedValueYuan + 88000);
    expect(after.byAgency.find((row) => row.agencyId === ids.guangzhou)!.referred).toBe(2);
    expect(after.byCategory.map((row) => row.category)).not.toContain("cosmetics");
    const [workflowFact] = await queryRows<{ accepted: boolean; agency_id: string }>(db, sql`select accepted, agency_id from stats_case_facts where case_id = ${workflowCase.id}`);
    expect(workflowFact).toEqual({ accepted: true, agency_id: ids.putian });

    const rebuilt = await rebuildAllStatistics(db);
    expect(rebuilt.cases).toBe(incremental.facts!.length);
    expect(await snapshot()).toEqual(incremental);
  });

  it("keeps the dirty mark with its transaction: rolled back, the case is not marked", async () => {
    const operation = await newOperation("STAT-ROLLBACK");
    const caseId = await insertCase({ operation, referrals: [{ agency: "putian", at: bj("2026-04-10T10:00") }] });
    await refreshDirtyStatistics(db);
    await expect(
      db.transaction(async (tx) => {
        await tx.update(cases).set({ category: "cosmetics" }).where(sql`${cases.id} = ${caseId}`);
        await recordAudit(tx, { action: "statistics_test.changed", caseId });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await queryRows(db, sql`select case_id from stats_dirty_cases where case_id = ${caseId}`)).toEqual([]);
    // A refused attempt does not mark either; a committed change does.
    await db.transaction((tx) => recordAudit(tx, { action: "statistics_test.refused", caseId, outcome: "failure" }).then(() => undefined));
    expect(await queryRows(db, sql`select case_id from stats_dirty_cases where case_id = ${caseId}`)).toEqual([]);
    await change(caseId, async (tx) => {
      await tx.update(cases).set({ category: "cosmetics" }).where(sql`${cases.id} = ${caseId}`);
    });
    expect(await queryRows(db, sql`select case_id from stats_dirty_cases where case_id = ${caseId}`)).toEqual([{ case_id: caseId }]);
  });

  it("says as of when the figures were brought up to date", async () => {
    const startedAt = Date.now();
    await refreshDirtyStatistics(db);
    const figures = await loadDashboardFigures(db, viewers.platformManagement, NO_FILTERS);
    expect(Date.parse(figures.asOf)).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(Date.parse(figures.asOf)).toBeLessThanOrEqual(Date.now());
    const map = await loadMapFigures(db, viewers.platformManagement, NO_FILTERS, { provinceCode: null, layer: "gang" });
    expect(map.asOf).toBe(figures.asOf);
  });
});
