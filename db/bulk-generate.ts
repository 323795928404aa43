/**
 * The bulk generator: a realistic history of referred cases — sites, linked accounts, brands, enterprises,
 * referrals with their decisions, raids with raid sites and seizures, outcomes, and the platform's follow-up —
 * written by PostgreSQL itself with INSERT … SELECT over generate_series, never row by row from Node.
 *
 * Every value is a pure function of the row number n and the seed: the i-th pseudo-random number of a row is
 * hashint8extended(n, seed·10000 + i) scaled to [0, 1), so the same seed gives the same data set (and the
 * same figures) on PostgreSQL and on PGlite, which run this same SQL. Small lookup tables (where gangs sit,
 * what each province makes, which agency a lead goes to, brands, goods) are built in TypeScript from
 * db/bulk-generate-data.ts as alias tables of 100 or 1000 buckets, loaded into temporary tables, and joined.
 *
 * The story of each case, in order: created (the creation time rises with n, so references follow time) →
 * reviewed and approved by the platform lead → referred to an agency whose MOU covers the category and, by a
 * site of the lead, the territory → decided within realistic hours (some late, some declined with a reason,
 * some returned for information and resubmitted; a declined lead is re-referred to another agency or
 * withdrawn) → investigated (filed or not) → raided (one or two raids, seizures with values) → transferred for
 * prosecution → judged → closed; or closed with an administrative penalty. Stages later than `asOf` have not
 * happened yet: the case's status is the last stage reached. With `terminalOnly` (the demo world's history)
 * every case ends closed or withdrawn before `asOf`.
 *
 * Used by db/seed-history.ts (the demo world's modest history) and scripts/db-seed.ts (`--scale N`).
 * docs/decisions/0014-scale-and-benchmarks.md explains the choices.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { childDivisions, divisionFullName, divisionName, listProvinces } from "../app/domain/divisions.server";
import { cityOf, divisionLevel, provinceOf } from "../app/domain/divisions";
import { hashPassword } from "../app/lib/password.server";
import { queryRows, type DbOrTx } from "./client";
import {
  ACCEPT_NOTES,
  BRANDS,
  CITY_WEIGHTS,
  DECLINE_REASONS,
  ENTERPRISE_TRADES,
  NAME_WORDS,
  PRODUCTS,
  PROVINCE_WEIGHTS,
  RETURN_NOTES,
  SCALE_AGENCIES,
  SCALE_OPERATIONS,
  STORE_SUFFIXES,
  STREETS,
  categoryWeightsFor,
} from "./bulk-generate-data";
import { goodsCategory, jointOperationAgencies, jointOperations, mous, organisations, users, type GoodsCategory } from "./schema";

const CATEGORIES = goodsCategory.enumValues;

/** A police agency cases may be referred to, with the people who act for it. */
export interface BulkAgency {
  id: string;
  mouId: string;
  decisionPeriodDays: number;
  scope: readonly GoodsCategory[];
  /** The MOU's territory: a province, city or district code. The lead's site in it is placed there. */
  territory: string;
  nameZh: string;
  /** Decides referrals (a supervisor). */
  deciderId: string;
  /** Records raids and outcomes (an officer). */
  officerId: string;
  /** Share of referrals it receives from its own province's gangs, relative to the others (default: the gangs there). */
  weight?: number;
}

export interface BulkOperation {
  id: string;
  startsOn: string;
  endsOn: string | null;
  /** The agencies taking part; empty = any. */
  agencyIds: string[];
}

export interface BulkGenerateOptions {
  /** Cases in the whole run (rows 0 … total-1); a batch generates a slice of them. */
  total: number;
  seed: number;
  /** First and last creation day (Asia/Shanghai, inclusive, YYYY-MM-DD). */
  fromDay: string;
  toDay: string;
  /** Nothing happens after this moment; stages not reached by then are still ahead. */
  asOf: Date;
  /** Every case ends closed or withdrawn before asOf (durations of recent cases are compressed). */
  terminalOnly: boolean;
  platformOrganisationId: string;
  investigatorId: string;
  leadId: string;
  agencies: BulkAgency[];
  operations: BulkOperation[];
  /** Share of the cases created within an operation's period (by an agency taking part) attached to it. */
  operationShare: number;
  /** Eight hex digits that start every generated id (unique per run, so runs never collide). */
  idTag: string;
  /** The case_reference_seq value of row 0 (references are AC-<year>-<referenceStart + n>). */
  referenceStart: number;
  /** Skip the per-row foreign-key triggers while loading, when the role may (a superuser). Default true. */
  skipForeignKeyTriggers?: boolean;
}

export interface BulkBatchCounts {
  cases: number;
  caseBrands: number;
  caseSites: number;
  caseAccounts: number;
  caseEnterprises: number;
  caseReferrals: number;
  raids: number;
  raidSites: number;
  seizures: number;
  caseOutcomes: number;
  platformActions: number;
}

export const EMPTY_COUNTS: BulkBatchCounts = {
  cases: 0,
  caseBrands: 0,
  caseSites: 0,
  caseAccounts: 0,
  caseEnterprises: 0,
  caseReferrals: 0,
  raids: 0,
  raidSites: 0,
  seizures: 0,
  caseOutcomes: 0,
  platformActions: 0,
};

export function addCounts(a: BulkBatchCounts, b: BulkBatchCounts): BulkBatchCounts {
  const sum = { ...a };
  for (const key of Object.keys(sum) as (keyof BulkBatchCounts)[]) sum[key] = a[key] + b[key];
  return sum;
}

export function newIdTag(): string {
  return randomBytes(4).toString("hex");
}

// ——— Lookup tables ———

/** Hamilton's rounding of weights to `buckets` slots: slot i holds the index of the item it stands for. */
export function aliasBuckets(weights: number[], buckets: number): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) throw new Error("aliasBuckets: no weight");
  const exact = weights.map((weight) => (weight / total) * buckets);
  const counts = exact.map(Math.floor);
  let missing = buckets - counts.reduce((sum, count) => sum + count, 0);
  const order = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (missing <= 0) break;
    counts[index]! += 1;
    missing -= 1;
  }
  return counts.flatMap((count, index) => Array<number>(count).fill(index));
}

interface Place {
  cidx: number;
  cityCode: string;
  cityName: string;
  /** 莆田 for 莆田市: the first characters of enterprise names and case numbers. */
  cityShort: string;
  districts: { code: string; fullName: string; localName: string; name: string }[];
}

const MUNICIPALITIES = new Set(["110000", "120000", "310000", "500000"]);

function shortCityName(name: string): string {
  return name.replace(/(市|地区|自治州|盟)$/, "").replace(/(藏族|回族|蒙古族|壮族|土家族|苗族|彝族|傣族|白族|哈尼族|朝鲜族|布依族|侗族|黎族)+$/, "");
}

export interface BulkLookups {
  /** 1000 buckets → province index, by the share of gangs per province. */
  provinceBuckets: number[];
  /**
   * 100 rows per province: row b draws the gang's category (with that category's constants and the routing
   * group of the province for it) and, independently, the gang's city (with its constants).
   */
  provinceRows: {
    pidx: number;
    b: number;
    province_code: string;
    category: GoodsCategory;
    brand_count: number;
    product_count: number;
    trade: string;
    brand_base: number;
    product_base: number;
    route_base: number;
    city_short: string;
    district_base: number;
    district_count: number;
  }[];
  places: Place[];
  /** Where each place's districts start in bulk_district (id = base + k). */
  districtBase: number[];
  agencies: (BulkAgency & { aidx: number; pidx: number; cidx: number; weight: number })[];
  /**
   * 100 buckets → agency per (routing group, category), numbered route_base + b: the group is the province if
   * one of its agencies covers the category, else one group for all the provinces without.
   */
  routeBuckets: { id: number; aidx: number }[];
}

/** The alias tables for a set of agencies; categories no agency covers are left out of the mix. */
export function buildLookups(agencies: BulkAgency[]): BulkLookups {
  if (!agencies.length) throw new Error("bulk generator: no agencies to refer cases to");
  const provinceNames = new Map(listProvinces().map((province) => [province.code, province.name]));
  const provinces = Object.keys(PROVINCE_WEIGHTS).map((code, pidx) => ({ pidx, code }));
  const pidxOf = new Map(provinces.map((province) => [province.code, province.pidx]));

  const places: Place[] = [];
  const placeKey = new Map<string, number>();
  const placeFor = (cityCode: string, onlyDistrict?: string): number => {
    const key = onlyDistrict ?? cityCode;
    const known = placeKey.get(key);
    if (known !== undefined) return known;
    const province = provinceOf(cityCode);
    const municipality = MUNICIPALITIES.has(province);
    const districtCodes = onlyDistrict ? [onlyDistrict] : childDivisions(cityCode).map((district) => district.code);
    const codes = districtCodes.length ? districtCodes : [cityCode];
    const provinceName = provinceNames.get(province) ?? "";
    const cityName = municipality ? provinceName : divisionName(cityCode) ?? cityCode;
    const place: Place = {
      cidx: places.length,
      cityCode,
      cityName,
      cityShort: shortCityName(onlyDistrict ? divisionName(onlyDistrict) ?? cityName : cityName),
      districts: codes.map((code) => {
        const fullName = divisionFullName(code) ?? code;
        const localName = municipality ? fullName : fullName.slice(provinceName.length);
        return { code, fullName, localName, name: divisionName(code) ?? localName };
      }),
    };
    places.push(place);
    placeKey.set(key, place.cidx);
    return place.cidx;
  };

  const totalProvinceWeight = Object.values(PROVINCE_WEIGHTS).reduce((sum, weight) => sum + weight, 0);
  const placed = agencies.map((agency, aidx) => {
    const level = divisionLevel(agency.territory);
    const province = provinceOf(agency.territory);
    const pidx = pidxOf.get(province);
    if (pidx === undefined) throw new Error(`bulk generator: agency territory ${agency.territory} is in no known province`);
    const cidx =
      level === "district"
        ? placeFor(cityOf(agency.territory), agency.territory)
        : placeFor(level === "province" ? childDivisions(province)[0]?.code ?? agency.territory : agency.territory);
    // By default an agency draws its province's gangs in proportion to the gangs in its city.
    const cityWeights = CITY_WEIGHTS[province];
    const cityShare = level === "province" ? 1 : cityWeights ? (cityWeights[cityOf(agency.territory)] ?? 2) / 100 : 0.5;
    const weight = agency.weight ?? ((PROVINCE_WEIGHTS[province] ?? 0.1) / totalProvinceWeight) * cityShare;
    return { ...agency, aidx, pidx, cidx, weight };
  });

  const routable = CATEGORIES.filter((category) => placed.some((agency) => agency.scope.includes(category)));
  const routeBuckets: BulkLookups["routeBuckets"] = [];
  const routeBases = new Map<string, number>();
  const routeBaseOf = (pidx: number, category: GoodsCategory): number => {
    // A lead goes mostly to an agency of the gang's own province; failing one, to where the goods are made.
    const local = placed.some((agency) => agency.pidx === pidx && agency.scope.includes(category));
    const group = local ? pidx : -1;
    const known = routeBases.get(`${group}:${category}`);
    if (known !== undefined) return known;
    const base = routeBuckets.length;
    routeBases.set(`${group}:${category}`, base);
    const candidates = placed.filter((agency) => agency.scope.includes(category));
    const weights = candidates.map((agency) => agency.weight * (agency.pidx === group ? 30 : 1));
    aliasBuckets(weights, 100).forEach((index, b) => routeBuckets.push({ id: base + b, aidx: candidates[index]!.aidx }));
    return base;
  };
  const districtBase: number[] = [];
  const brandBase = new Map<GoodsCategory, number>();
  const productBase = new Map<GoodsCategory, number>();
  let brands = 0;
  let products = 0;
  for (const category of CATEGORIES) {
    brandBase.set(category, brands);
    productBase.set(category, products);
    brands += BRANDS[category].length;
    products += PRODUCTS[category].length;
  }

  const provinceRows: BulkLookups["provinceRows"] = [];
  for (const province of provinces) {
    const mix = categoryWeightsFor(province.code);
    const categories = aliasBuckets(
      routable.map((category) => mix[category]),
      100,
    ).map((index) => routable[index]!);
    let weights = CITY_WEIGHTS[province.code];
    if (!weights) {
      const cities = childDivisions(province.code).slice(0, 2);
      weights = Object.fromEntries(cities.map((city, index) => [city.code, index === 0 ? 70 : 30]));
    }
    const cityCodes = Object.keys(weights);
    const cities = aliasBuckets(
      cityCodes.map((code) => weights[code]!),
      100,
    ).map((index) => places[placeFor(cityCodes[index]!)]!);
    for (let b = 0; b < 100; b += 1) {
      const category = categories[b]!;
      const city = cities[b]!;
      provinceRows.push({
        pidx: province.pidx,
        b,
        province_code: province.code,
        category,
        brand_count: BRANDS[category].length,
        product_count: PRODUCTS[category].length,
        trade: ENTERPRISE_TRADES[category],
        brand_base: brandBase.get(category)!,
        product_base: productBase.get(category)!,
        route_base: routeBaseOf(province.pidx, category),
        city_short: city.cityShort,
        district_base: -1 - city.cidx, // filled in below, once every place is known
        district_count: city.districts.length,
      });
    }
  }
  let offset = 0;
  for (const place of places) {
    districtBase[place.cidx] = offset;
    offset += place.districts.length;
  }
  for (const row of provinceRows) row.district_base = districtBase[-1 - row.district_base]!;

  return {
    provinceBuckets: aliasBuckets(
      provinces.map((province) => PROVINCE_WEIGHTS[province.code]!),
      1000,
    ),
    provinceRows,
    places,
    districtBase,
    agencies: placed,
    routeBuckets,
  };
}

// ——— SQL fragments ———

/** Integers only: these are written into the SQL text. */
function int(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw new Error(`bulk generator: ${name} must be an integer (got ${value})`);
  return value;
}

function idTagOf(tag: string): string {
  if (!/^[0-9a-f]{8}$/.test(tag)) throw new Error(`bulk generator: idTag must be eight hex digits (got "${tag}")`);
  return tag;
}

/** A fresh uniform number in [0, 1) for (key, stream): 52 bits of a 64-bit hash. */
function rnd(seed: number, stream: number, key = "n"): string {
  return `((hashint8extended((${key})::bigint, ${seed * 10_000 + stream}::bigint) & 4503599627370495)::float8 / 4503599627370496.0)`;
}

/** A generated id: <tag>-<kind>-4<pos>-8<n high>-<n low>, ascending with n so the primary keys append. */
function uuidSql(tag: string, kind: number, key: string, position: string | number = 0): string {
  const kindHex = kind.toString(16).padStart(4, "0");
  return `('${tag}-${kindHex}-4' || lpad(to_hex(${position}), 3, '0') || '-8' || lpad(to_hex((${key})::bigint >> 48), 3, '0') || '-' || lpad(to_hex((${key})::bigint & 281474976710655), 12, '0'))::uuid`;
}

const ID_KIND = {
  case: 1,
  brand: 2,
  site: 3,
  account: 4,
  enterprise: 5,
  referral: 6,
  raid: 7,
  raidSite: 8,
  seizure: 9,
  platformAction: 10,
} as const;

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * A unified social credit code (GB 32100-2015) with a valid check character: "91" (an enterprise registered
 * with market regulation), the six-digit division, nine characters drawn from `hash`, the check character.
 */
function creditCodeSql(divisionExpr: string, hashExpr: string): string {
  const digit = (i: number) => `substr(${divisionExpr}, ${i + 1}, 1)::int`;
  const organisation = (i: number) => `((${hashExpr}) / ${31 ** i}::bigint % 31)::int`;
  const terms = [`${9 * CREDIT_WEIGHTS[0]! + 1 * CREDIT_WEIGHTS[1]!}`];
  for (let i = 0; i < 6; i += 1) terms.push(`${digit(i)} * ${CREDIT_WEIGHTS[2 + i]}`);
  for (let i = 0; i < 9; i += 1) terms.push(`${organisation(i)} * ${CREDIT_WEIGHTS[8 + i]}`);
  const chars = Array.from({ length: 9 }, (_, i) => `substr('${ALPHABET}', ${organisation(i)} + 1, 1)`);
  return `('91' || ${divisionExpr} || ${chars.join(" || ")} || substr('${ALPHABET}', ((31 - ((${terms.join(" + ")}) % 31)) % 31) + 1, 1))`;
}

/** A non-negative 62-bit hash for (key, stream), for codes and ids that need more than a float. */
function hashSql(seed: number, stream: number, key: string): string {
  return `(hashint8extended((${key})::bigint, ${seed * 10_000 + stream}::bigint) & 4611686018427387903)`;
}

function pick(list: readonly string[], r: string): string {
  const literal = list.map((item) => `'${item.replace(/'/g, "''")}'`).join(",");
  return `(array[${literal}])[1 + floor(${r} * ${list.length})::int]`;
}

/** "Decided within realistic hours": over half within a day, most within the three-day period, some late. */
function decisionHours(ra: string, rb: string): string {
  return `(case when ${ra} < 0.55 then 2 + ${rb} * 22 when ${ra} < 0.85 then 24 + ${rb} * 48 when ${ra} < 0.96 then 72 + ${rb} * 48 else 120 + ${rb} * 120 end)`;
}

/**
 * Times inside the generator are epoch seconds (float8 arithmetic is far cheaper per row than timestamptz and
 * interval); the inserts turn them into timestamptz. Days are China's: Asia/Shanghai has been UTC+8 without
 * daylight saving since 1991, so a local day is floor((seconds + 8 h) / 1 day).
 */
function localDay(secondsExpr: string): string {
  return `('1970-01-01'::date + floor(((${secondsExpr}) + 28800) / 86400)::int)`;
}

function asOfSeconds(options: BulkGenerateOptions): string {
  return String(options.asOf.getTime() / 1000);
}

// ——— Temporary tables ———

async function loadTable(db: DbOrTx, name: string, columns: string, rows: object[]): Promise<void> {
  // Dropped at the end of the batch (and on commit); the primary key gives the planner an index to look
  // each case's bucket up by, whatever it estimates.
  await db.execute(sql.raw(`create temp table ${name} (${columns}, primary key (id)) on commit drop`));
  await db.execute(sql`insert into ${sql.raw(name)} select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(columns)})`);
}

const TEMP_TABLES = [
  "bulk_province_pick",
  "bulk_province",
  "bulk_district",
  "bulk_agency",
  "bulk_route",
  "bulk_brand",
  "bulk_product",
  "bulk_decline",
  "bulk_operation",
  "bulk_facts",
];

export async function loadLookups(db: DbOrTx, options: BulkGenerateOptions, lookups: BulkLookups): Promise<void> {
  // Every lookup is keyed by one integer (a base plus a bucket), so each join is a single equality.
  await loadTable(
    db,
    "bulk_province_pick",
    "id int, pidx int",
    lookups.provinceBuckets.map((pidx, id) => ({ id, pidx })),
  );
  await loadTable(
    db,
    "bulk_province",
    "id int, pidx int, province_code text, category text, brand_count int, product_count int, trade text, brand_base int, " +
      "product_base int, route_base int, city_short text, district_base int, district_count int",
    lookups.provinceRows.map((row) => ({ id: row.pidx * 100 + row.b, ...row })),
  );
  await loadTable(
    db,
    "bulk_district",
    "id int, code text, full_name text, local_name text, name text",
    lookups.places.flatMap((place) =>
      place.districts.map((district, k) => ({
        id: lookups.districtBase[place.cidx]! + k,
        code: district.code,
        full_name: district.fullName,
        local_name: district.localName,
        name: district.name,
      })),
    ),
  );
  await loadTable(
    db,
    "bulk_agency",
    "id int, agency_id uuid, mou_id uuid, decision_days int, pidx int, name_zh text, decider uuid, officer uuid, " +
      "city_name text, city_short text, district_base int, district_count int",
    lookups.agencies.map((agency) => {
      const place = lookups.places[agency.cidx]!;
      return {
        id: agency.aidx,
        agency_id: agency.id,
        mou_id: agency.mouId,
        decision_days: agency.decisionPeriodDays,
        pidx: agency.pidx,
        name_zh: agency.nameZh,
        decider: agency.deciderId,
        officer: agency.officerId,
        city_name: place.cityName,
        city_short: place.cityShort,
        district_base: lookups.districtBase[agency.cidx]!,
        district_count: place.districts.length,
      };
    }),
  );
  await loadTable(db, "bulk_route", "id int, aidx int", lookups.routeBuckets);
  await loadTable(
    db,
    "bulk_brand",
    "id int, brand text, rights_holder text",
    CATEGORIES.flatMap((category) => BRANDS[category]).map((brand, id) => ({ id, brand: brand.brand, rights_holder: brand.rightsHolder })),
  );
  await loadTable(
    db,
    "bulk_product",
    "id int, product text, unit text, unit_price float8, q_low int, q_high int",
    CATEGORIES.flatMap((category) => PRODUCTS[category]).map((product, id) => ({
      id,
      product: product.product,
      unit: product.unit,
      unit_price: product.unitPrice,
      q_low: product.quantity[0],
      q_high: product.quantity[1],
    })),
  );
  await loadTable(
    db,
    "bulk_decline",
    "id int, reason text, note text",
    aliasBuckets(
      DECLINE_REASONS.map((row) => row.weight),
      100,
    ).map((index, id) => ({ id, reason: DECLINE_REASONS[index]!.reason, note: DECLINE_REASONS[index]!.note })),
  );
  await loadTable(
    db,
    "bulk_operation",
    "id int, operation_id uuid, starts_on date, ends_on date, agency_ids uuid[]",
    options.operations.map((operation, id) => ({
      id,
      operation_id: operation.id,
      starts_on: operation.startsOn,
      ends_on: operation.endsOn,
      agency_ids: operation.agencyIds,
    })),
  );
}

// ——— The facts of each case ———

const UNIT_ZH: Record<string, string> = {
  pairs: "双",
  boxes: "箱",
  pieces: "件",
  sets: "套",
  cartons: "箱",
  kilograms: "千克",
  rolls: "卷",
  other: "件",
};

/** What the later statements read from bulk_facts (the pseudo-random streams stay behind). */
const FACT_COLUMNS = [
  "n",
  "pidx",
  "province_code",
  "category",
  "brand_count",
  "brand_base",
  "trade",
  "has_ref2",
  "decision1",
  "decision2",
  "gang_district",
  "gang_full_name",
  "gang_local_name",
  "gang_city_short",
  "site1_district",
  "site1_full_name",
  "site1_district_name",
  "site2_district",
  "site2_full_name",
  "agency_city_short",
  "agency_city_name",
  "gang_in_territory",
  "created_at",
  "approved_at",
  "submitted1",
  "decided1",
  "submitted2",
  "decided2",
  "accepted",
  "accepted_at",
  "last_decided",
  "withdraws",
  "filed",
  "raided",
  "raided_twice",
  "prosecuted",
  "verdict",
  "closure_reason",
  "inv_at",
  "raid1_at",
  "raid2_at",
  "transfer_at",
  "indict_at",
  "judgment_at",
  "close_at",
  "withdrawn_at",
  "status",
];

export function factsSql(options: BulkGenerateOptions, start: number, end: number): string {
  const s = int(options.seed, "seed");
  // The i-th pseudo-random number of the row being built ("x"), computed where it is used.
  const r = (stream: number, row = "x") => rnd(s, stream, `${row}.n`);
  // A case joins one of two operations drawn for it, if it was created in that operation's period by one of its
  // agencies, with the probability operationShare (one hash join each: no correlated subquery per row).
  const operationCount = options.operations.length;
  const operationJoin = (alias: string, pick: string) =>
    operationCount === 0
      ? `left join (select null::uuid as operation_id) ${alias} on false`
      : `left join bulk_operation ${alias} on ${alias}.id = floor(${pick} * ${operationCount})::int
    and ${r(53)} < ${Number(options.operationShare)}
    and ${localDay("x.created_at")} between ${alias}.starts_on and coalesce(${alias}.ends_on, '9999-12-31'::date)
    and (cardinality(${alias}.agency_ids) = 0 or af.agency_id = any(${alias}.agency_ids))`;
  const asOf = asOfSeconds(options);
  const fromTs = String(Date.parse(`${options.fromDay}T00:00:00+08:00`) / 1000);
  const spanDays = Math.round((Date.parse(`${options.toDay}T00:00:00Z`) - Date.parse(`${options.fromDay}T00:00:00Z`)) / 86_400_000) + 1;
  if (!(spanDays > 0)) throw new Error("bulk generator: toDay must not be before fromDay");
  const terminal = options.terminalOnly ? "true" : "false";
  const unitZh = `(case p.unit ${Object.entries(UNIT_ZH)
    .map(([unit, zh]) => `when '${unit}' then '${zh}'`)
    .join(" ")} end)`;

  return `
create temp table bulk_facts on commit drop as
with base as (
  select n from generate_series(${int(start, "start")}::bigint, ${int(end - 1, "end")}::bigint) as n
),
routed as (
  select b.*, pp.pidx, pc.province_code, pc.category, pc.brand_count, pc.product_count, pc.trade, pc.brand_base, pc.product_base,
    pcity.city_short as bucket_city_short, pcity.district_base as bucket_district_base, pcity.district_count as bucket_district_count,
    rb1.aidx as aidx1, rb2.aidx as aidx_alt,
    case when ${r(10, "b")} < 0.72 then 'accepted' when ${r(10, "b")} < 0.90 then 'declined' else 'returned_for_info' end as decision1
  from base b
  join bulk_province_pick pp on pp.id = floor(${r(1, "b")} * 1000)::int
  join bulk_province pc on pc.id = pp.pidx * 100 + floor(${r(2, "b")} * 100)::int
  join bulk_province pcity on pcity.id = pp.pidx * 100 + floor(${r(6, "b")} * 100)::int
  join bulk_route rb1 on rb1.id = pc.route_base + floor(${r(3, "b")} * 100)::int
  join bulk_route rb2 on rb2.id = pc.route_base + floor(${r(4, "b")} * 100)::int
),
referred as (
  select x.*,
    (x.decision1 = 'returned_for_info' or (x.decision1 = 'declined' and ${r(11)} < 0.55 and x.aidx_alt <> x.aidx1)) as has_ref2
  from routed x
),
agencies as (
  select x.*,
    case when x.has_ref2 and x.decision1 = 'declined' then x.aidx_alt else x.aidx1 end as aidx_f,
    case when not x.has_ref2 then null
         when x.decision1 = 'returned_for_info' then case when ${r(12)} < 0.85 then 'accepted' else 'declined' end
         else case when ${r(12)} < 0.80 then 'accepted' else 'declined' end end as decision2
  from referred x
),
placed as materialized (
  select x.*, af.district_base as agency_district_base, af.district_count as agency_district_count,
    af.city_short as agency_city_short, af.city_name as agency_city_name,
    (af.pidx = x.pidx and ${r(5)} < 0.6) as gang_at_agency
  from agencies x
  join bulk_agency af on af.id = x.aidx_f
),
located as (
  select x.*,
    gd.code as gang_district, gd.full_name as gang_full_name, gd.local_name as gang_local_name,
    sd1.code as site1_district, sd1.full_name as site1_full_name, sd1.name as site1_district_name,
    sd2.code as site2_district, sd2.full_name as site2_full_name,
    case when x.gang_at_agency then x.agency_city_short else x.bucket_city_short end as gang_city_short,
    (x.gang_at_agency or x.bucket_district_base = x.agency_district_base) as gang_in_territory
  from placed x
  join bulk_district gd on gd.id = (case when x.gang_at_agency then x.agency_district_base else x.bucket_district_base end)
    + floor(${r(7)} * (case when x.gang_at_agency then x.agency_district_count else x.bucket_district_count end))::int
  join bulk_district sd1 on sd1.id = x.agency_district_base + floor(${r(8)} * x.agency_district_count)::int
  join bulk_district sd2 on sd2.id = x.agency_district_base + floor(${r(9)} * x.agency_district_count)::int
),
timed as (
  select x.*,
    ${fromTs} + floor((sqrt(1 + 3 * ((x.n + ${r(0)}) / ${int(options.total, "total")}.0)) - 1) * ${spanDays})::int * 86400
      + (8.5 + ${r(13)} * 10.5) * 3600 as created_at
  from located x
),
referral_times as (
  select x.*,
    x.created_at + (2 + ${r(14)} * 70) * 3600 as approved_at
  from timed x
),
referral_times2 as (
  select x.*, x.approved_at + (0.5 + ${r(15)} * 23.5) * 3600 as submitted1
  from referral_times x
),
decided as materialized (
  select x.*,
    least(x.submitted1 + ${decisionHours(`${r(16)}`, `${r(17)}`)} * 3600, ${asOf} - 3600) as decided1
  from referral_times2 x
),
second as (
  select x.*,
    case when x.has_ref2 then least(x.decided1 + (case when x.decision1 = 'returned_for_info' then 24 + ${r(18)} * 216 else 24 + ${r(
    18,
  )} * 144 end) * 3600,
                                    greatest(x.decided1, ${asOf} - 2 * 3600)) end as submitted2
  from decided x
),
second_decided as (
  select x.*,
    case when x.has_ref2 then least(x.submitted2 + ${decisionHours(
      `${r(19)}`,
      `${r(20)}`,
    )} * 3600, greatest(x.submitted2, ${asOf} - 3600)) end as decided2
  from second x
),
accepted as materialized (
  select x.*,
    (x.decision1 = 'accepted' or coalesce(x.decision2 = 'accepted', false)) as accepted,
    case when x.decision1 = 'accepted' then x.decided1 when x.decision2 = 'accepted' then x.decided2 end as accepted_at,
    coalesce(x.decided2, x.decided1) as last_decided,
    (${terminal} or ${r(21)} < 0.35) as withdraws
  from second_decided x
),
path as (
  select x.*,
    0.5 + ${r(22)} * 9.5 as inv_d,
    ${r(23)} < 0.92 as filed,
    ${r(23)} < 0.92 and ${r(24)} < 0.62 as raided,
    ${r(23)} < 0.92 and ${r(24)} < 0.62 and ${r(25)} < 0.18 as raided_twice,
    ${r(23)} < 0.92 and ${r(24)} < 0.62 and ${r(26)} < 0.72 as prosecuted,
    case when ${r(27)} < 0.88 then 'convicted' when ${r(27)} < 0.97 then 'partially_convicted' else 'acquitted' end as verdict
  from accepted x
),
path_days as (
  select x.*,
    x.inv_d + 7 + ${r(28)} * 83 as raid1_d,
    x.inv_d + 7 + ${r(28)} * 83 + 3 + ${r(29)} * 27 as raid2_d,
    x.inv_d + 7 + ${r(28)} * 83 + 40 + ${r(30)} * 110 as transfer_d,
    x.inv_d + 7 + ${r(28)} * 83 + 40 + ${r(30)} * 110 + 15 + ${r(31)} * 45 as indict_d,
    x.inv_d + 7 + ${r(28)} * 83 + 40 + ${r(30)} * 110 + 15 + ${r(31)} * 45 + 30 + ${r(32)} * 120 as judgment_d
  from path x
),
closing as (
  select x.*,
    case when not x.filed then x.inv_d + 10 + ${r(33)} * 50
         when x.prosecuted then x.judgment_d + 10 + ${r(33)} * 30
         when x.raided then x.raid1_d + 20 + ${r(33)} * 70
         else x.inv_d + 30 + ${r(33)} * 170 end as close_d,
    case when not x.filed then 'not_filed'
         when x.prosecuted then 'judgment'
         when x.raided then 'administrative_penalty'
         when ${r(34)} < 0.35 then 'no_crime_found'
         when ${r(34)} < 0.85 then 'administrative_penalty'
         else 'transferred_elsewhere' end as closure_reason
  from path_days x
),
compressed as (
  select x.*,
    case when ${terminal} and x.accepted
         then least(1.0, greatest(0.02, ((${asOf} - x.accepted_at) / 86400.0 - 1) / x.close_d))
         else 1.0 end as f
  from closing x
),
stamped as materialized (
  select x.*,
    x.accepted_at + x.inv_d * x.f * 86400 as inv_at,
    x.accepted_at + x.raid1_d * x.f * 86400 as raid1_at,
    x.accepted_at + x.raid2_d * x.f * 86400 as raid2_at,
    x.accepted_at + x.transfer_d * x.f * 86400 as transfer_at,
    x.accepted_at + x.indict_d * x.f * 86400 as indict_at,
    x.accepted_at + x.judgment_d * x.f * 86400 as judgment_at,
    x.accepted_at + x.close_d * x.f * 86400 as close_at,
    case when ${terminal} then least(x.last_decided + (1 + ${r(35)} * 19) * 86400, ${asOf} - 3600)
         else x.last_decided + (1 + ${r(35)} * 19) * 86400 end as withdrawn_at
  from compressed x
),
final as materialized (
  select x.*,
    case when not x.accepted then case when x.withdraws and x.withdrawn_at <= ${asOf} then 'withdrawn' else 'declined' end
         when x.close_at <= ${asOf} then 'closed'
         when x.prosecuted and x.transfer_at <= ${asOf} then 'prosecution'
         when x.raided and x.raid1_at <= ${asOf} then 'raided'
         when x.filed and x.inv_at <= ${asOf} then 'investigating'
         else 'accepted' end as status
  from stamped x
)
select ${FACT_COLUMNS.map((column) => `x.${column}`).join(", ")},
  case when x.site1_district_name like '%市' then x.site1_district_name else x.agency_city_name || x.site1_district_name end as site1_local_name,
  ${uuidSql(options.idTag, ID_KIND.case, "x.n")} as case_id,
  'AC-' || extract(year from ${localDay("x.created_at")})::int::text || '-' ||
    lpad((${int(options.referenceStart, "referenceStart")} + x.n)::text, greatest(6, length((${
    options.referenceStart
  } + x.n)::text)), '0') as reference,
  a1.agency_id as agency1_id, a1.mou_id as mou1_id, a1.decision_days as decision_days1, a1.decider as decider1,
  af.agency_id, af.mou_id, af.decision_days as decision_days_f, af.decider as decider_f, af.officer as officer_id, af.name_zh as agency_name,
  br0.brand as brand0, br0.rights_holder as rights_holder0,
  p.product, p.unit, ${unitZh} as unit_zh, p.unit_price, p.q_low, p.q_high,
  floor(${r(36)} ^ 1.6 * x.brand_count)::int as brand_k0,
  case when ${r(37)} < 0.70 then 1 when ${r(37)} < 0.95 then 2 else 3 end as brand_count_case,
  case when x.gang_in_territory then (case when ${r(38)} < 0.2 then 'factory' when ${r(38)} < 0.6 then 'warehouse' else 'sales_point' end)
       else (case when ${r(38)} < 0.5 then 'warehouse' else 'sales_point' end) end as site0_type,
  (not x.gang_in_territory or ${r(39)} < 0.4) as has_site1,
  case when ${r(40)} < 0.55 then 'factory' else 'warehouse' end as site1_type,
  ${r(41)} < 0.15 as has_site2,
  case when ${r(42)} < 0.3 then 1 when ${r(42)} < 0.6 then 2 when ${r(42)} < 0.8 then 3 when ${r(42)} < 0.92 then 4 else 5 end as account_count,
  case when ${r(43)} < 0.25 then 0 when ${r(43)} < 0.8 then 1 else 2 end as enterprise_count,
  case when ${r(44)} < 0.10 then 'low' when ${r(44)} < 0.70 then 'normal' when ${r(44)} < 0.92 then 'high' else 'urgent' end as priority,
  case when ${r(45)} < 0.45 then '{art213,art214}' when ${r(45)} < 0.80 then '{art214}' when ${r(
    45,
  )} < 0.90 then '{art213}' else '{art214,art215}' end as charges,
  round(exp(ln(60000) + 1.1 * ((${r(46)} + ${r(47)} + ${r(48)} - 1.5) * 2))::numeric, -2) as sales_amount,
  dr1.reason as decline_reason1, dr1.note as decline_note1,
  dr2.reason as decline_reason2, dr2.note as decline_note2,
  ${pick(RETURN_NOTES, `${r(49)}`)} as return_note,
  ${pick(ACCEPT_NOTES, `${r(50)}`)} as accept_note,
  1 + floor(${r(51)} ^ 2 * 6)::int as detained_count,
  ${r(52)} < 0.3 as new_site_in_raid,
  coalesce(o1.operation_id, o2.operation_id) as joint_operation_id
from final x
join bulk_agency a1 on a1.id = x.aidx1
join bulk_agency af on af.id = x.aidx_f
join bulk_product p on p.id = x.product_base + floor(${r(54)} * x.product_count)::int
join bulk_brand br0 on br0.id = x.brand_base + floor(${r(36)} ^ 1.6 * x.brand_count)::int
join bulk_decline dr1 on dr1.id = floor(${r(55)} * 100)::int
join bulk_decline dr2 on dr2.id = floor(${r(56)} * 100)::int
${operationJoin("o1", `${r(57)}`)}
${operationJoin("o2", `${r(58)}`)}
`;
}

// ——— One batch ———

/** Reports the time each statement of a batch took (the scale run prints them; tests ignore them). */
export type BulkStepListener = (step: string, milliseconds: number, rows: number) => void;

async function countInserted(db: DbOrTx, statement: string): Promise<number> {
  const rows = await queryRows<{ count: string | number }>(
    db,
    sql.raw(`with inserted as (${statement} returning 1) select count(*) as count from inserted`),
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * Generates rows [start, end) of the run into the database. Run it inside a transaction (the temporary
 * lookup tables live until its end); `lookups` from buildLookups(options.agencies).
 */
export async function generateBulkBatch(
  db: DbOrTx,
  options: BulkGenerateOptions,
  lookups: BulkLookups,
  start: number,
  end: number,
  onStep?: BulkStepListener,
): Promise<BulkBatchCounts> {
  const tag = idTagOf(options.idTag);
  const s = int(options.seed, "seed");
  if (end <= start) return { ...EMPTY_COUNTS };
  await db.execute(sql.raw(`drop table if exists ${TEMP_TABLES.map((table) => `pg_temp.${table}`).join(", ")}`));
  // The rows are consistent by construction (every reference is to a row generated or looked up here; the tests
  // check it set-based): as a superuser, the per-row foreign-key triggers are skipped for the batch, the way a
  // dump is restored. Otherwise they run.
  const fastLoad = options.skipForeignKeyTriggers !== false && (await isSuperuser(db));
  if (fastLoad) await db.execute(sql.raw("set local session_replication_role = replica"));
  // The planner cannot know how many rows a lateral generate_series gives, guesses high, and would spend
  // seconds compiling each statement with JIT for a few milliseconds of work.
  const [jit] = await queryRows<{ previous: string | null }>(db, sql`select current_setting('jit', true) as previous`);
  if (jit?.previous) await db.execute(sql`select set_config('jit', 'off', true)`);
  let clock = performance.now();
  const step = (name: string, rows: number) => {
    const now = performance.now();
    onStep?.(name, now - clock, rows);
    clock = now;
    return rows;
  };
  await loadLookups(db, options, lookups);
  step("lookups", 0);
  await db.execute(sql.raw(factsSql(options, start, end)));
  step("facts", end - start);

  const asOf = asOfSeconds(options);
  const platform = `'${options.platformOrganisationId}'::uuid`;
  const investigator = `'${options.investigatorId}'::uuid`;
  const lead = `'${options.leadId}'::uuid`;
  for (const id of [options.platformOrganisationId, options.investigatorId, options.leadId]) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`bulk generator: not a uuid: ${id}`);
  }
  const key = (position: string) => `(f.n * 16 + ${position})`;
  const siteId = (position: number) => uuidSql(tag, ID_KIND.site, "f.n", position);
  const accountId = (position: string) => uuidSql(tag, ID_KIND.account, "f.n", position);
  const enterpriseId = (position: string) => uuidSql(tag, ID_KIND.enterprise, "f.n", position);
  // Whether the store of account i was closed after the raid (and when), the same in case_accounts and platform_actions.
  const storeClosedOn = (i: string) =>
    `(case when f.raided and f.raid1_at <= ${asOf} and ${rnd(s, 100, key(i))} < 0.8
            and f.raid1_at + (1 + ${rnd(s, 101, key(i))} * 9) * 86400 <= ${asOf}
           then ${localDay(`f.raid1_at + (1 + ${rnd(s, 101, key(i))} * 9) * 86400`)}
           when f.status = 'closed' and f.closure_reason = 'administrative_penalty' and not f.raided and ${rnd(s, 100, key(i))} < 0.6
           then ${localDay(`f.close_at + (1 + ${rnd(s, 101, key(i))} * 4) * 86400`)} end)`;
  const accountBannedOn = (i: string) =>
    `(case when f.raided and f.raid1_at <= ${asOf} and ${rnd(s, 102, key(i))} < 0.35
            and f.raid1_at + (2 + ${rnd(s, 103, key(i))} * 12) * 86400 <= ${asOf}
           then ${localDay(`f.raid1_at + (2 + ${rnd(s, 103, key(i))} * 12) * 86400`)} end)`;
  const marketplace = (i: string) =>
    `(case when ${rnd(s, 104, key(i))} < 0.5 then 'taobao' when ${rnd(s, 104, key(i))} < 0.62 then 'tmall' when ${rnd(
      s,
      104,
      key(i),
    )} < 0.9 then 'alibaba_1688' else 'aliexpress' end)`;
  const storeIdOf = (i: string) => `(${hashSql(s, 105, key(i))} % 9000000000 + 1000000000)::text`;
  const sellerIdOf = (i: string) => `('2200' || (${hashSql(s, 106, key(i))} % 90000000000 + 10000000000)::text)`;
  const updatedAt = `to_timestamp(case f.status when 'withdrawn' then f.withdrawn_at when 'declined' then f.last_decided when 'closed' then f.close_at
      when 'prosecution' then f.transfer_at when 'raided' then greatest(f.raid1_at, case when f.raided_twice and f.raid2_at <= ${asOf} then f.raid2_at end)
      when 'investigating' then f.inv_at else f.accepted_at end)`;
  const counts = { ...EMPTY_COUNTS };
  const gmv = (i: string) => `round((5000 + ${rnd(s, 107, key(i))} ^ 2 * 1500000)::numeric, 2)`;

  counts.cases = step(
    "cases",
    await countInserted(
      db,
      `insert into cases (id, reference, status, title, summary, category, priority, joint_operation_id, suspected_charges,
        platform_organisation_id, created_by, target_agency_id, mou_id, province_code, division_code,
        sales_amount, unsold_goods_value, illegal_business_volume, illegal_gains,
        reviewed_by, approved_at, submitted_at, decision_due_at, version, created_at, updated_at)
     select f.case_id, f.reference, f.status::case_status,
       f.gang_local_name || '假冒' || f.brand0 || f.product ||
         (case f.site0_type when 'factory' then '生产窝点' when 'warehouse' then '仓储窝点' else '售假团伙' end),
       '经平台数据分析，' || f.account_count || '家店铺通过共用手机号、退货地址及发货网点与' || f.gang_full_name ||
         '一处' || (case f.site0_type when 'factory' then '生产窝点' when 'warehouse' then '仓库' else '销售档口' end) ||
         '关联，涉嫌销售假冒' || f.brand0 || f.product || '。试购商品经权利人鉴定为假冒，已销售金额约' ||
         greatest(1, round(f.sales_amount / 10000))::text || '万元。',
       f.category::goods_category, f.priority::case_priority, f.joint_operation_id, f.charges::criminal_article[],
       ${platform}, ${investigator}, f.agency_id, f.mou_id, f.province_code, f.gang_district,
       f.sales_amount, round((f.sales_amount * (0.5 + ${rnd(s, 110, "f.n")} * 2.5))::numeric, -2),
       round((f.sales_amount * (1.5 + ${rnd(s, 110, "f.n")} * 2.5))::numeric, -2), round((f.sales_amount * (0.15 + ${rnd(
        s,
        111,
        "f.n",
      )} * 0.25))::numeric, -2),
       ${lead}, to_timestamp(f.approved_at), to_timestamp(coalesce(f.submitted2, f.submitted1)),
       to_timestamp(coalesce(f.submitted2 + f.decision_days_f * 86400, f.submitted1 + f.decision_days1 * 86400)),
       (case f.status when 'withdrawn' then 6 when 'declined' then 5 when 'closed' then 9 when 'prosecution' then 8
          when 'raided' then 7 when 'investigating' then 6 else 5 end) + (case when f.has_ref2 then 2 else 0 end),
       to_timestamp(f.created_at), ${updatedAt}
     from pg_temp.bulk_facts f order by f.n`,
    ),
  );

  counts.caseBrands = step(
    "caseBrands",
    await countInserted(
      db,
      `insert into case_brands (id, case_id, position, brand, rights_holder, trademark_registration_no)
     select ${uuidSql(tag, ID_KIND.brand, "f.n", "j")}, f.case_id, j, b.brand, b.rights_holder, ''
     from pg_temp.bulk_facts f
     cross join lateral generate_series(0, f.brand_count_case - 1) as j
     join pg_temp.bulk_brand b on b.id = f.brand_base + (f.brand_k0 + j) % f.brand_count
     order by f.n, j`,
    ),
  );

  const address = (fullName: string, stream: number, suffix: string) =>
    `${fullName} || ${pick(STREETS, rnd(s, stream, "f.n"))} || (1 + floor(${rnd(s, stream + 1, "f.n")} * 398))::int::text || '号' || ${suffix}`;
  const siteSuffix = (type: string) =>
    `(case ${type} when 'factory' then '厂房' when 'warehouse' then '仓库' when 'label_printer' then '印务作坊' else '档口' end)`;
  const locationSource = (stream: number) =>
    `(case when ${rnd(s, stream, "f.n")} < 0.45 then 'waybill_ship_from' when ${rnd(s, stream, "f.n")} < 0.65 then 'registered_address' when ${rnd(
      s,
      stream,
      "f.n",
    )} < 0.85 then 'field_check' else 'test_purchase' end)::location_source`;
  counts.caseSites = step(
    "caseSites",
    await countInserted(
      db,
      `insert into case_sites (id, case_id, position, type, address, division_code, location_source, notes)
     select id, case_id, position, type::site_type, address, division_code, location_source, notes from (
       select f.n, ${siteId(0)} as id, f.case_id, 0 as position, f.site0_type as type,
         ${address("f.gang_full_name", 120, siteSuffix("f.site0_type"))} as address, f.gang_district as division_code,
         ${locationSource(122)} as location_source, '' as notes
       from pg_temp.bulk_facts f
       union all
       select f.n, ${siteId(1)}, f.case_id, 1, f.site1_type, ${address("f.site1_full_name", 123, siteSuffix("f.site1_type"))},
         f.site1_district, ${locationSource(125)}, '物流回溯：发货网点与涉案店铺退货地址一致。'
       from pg_temp.bulk_facts f where f.has_site1
       union all
       select f.n, ${siteId(2)}, f.case_id, 2, case when ${rnd(s, 126, "f.n")} < 0.5 then 'label_printer' else 'warehouse' end,
         ${address("f.site2_full_name", 127, `(case when ${rnd(s, 126, "f.n")} < 0.5 then '印务作坊' else '仓库' end)`)},
         f.site2_district, ${locationSource(129)}, ''
       from pg_temp.bulk_facts f where f.has_site2
     ) sites order by n, position`,
    ),
  );

  const linkReason = (i: string) =>
    `${pick(
      ["shared_phone", "shared_device", "shared_ip", "shared_payment_account", "shared_return_address", "shared_waybill_sender"],
      rnd(s, 130, key(i)),
    )}`;
  counts.caseAccounts = step(
    "caseAccounts",
    await countInserted(
      db,
      `insert into case_accounts (id, case_id, position, marketplace, store_id, seller_id, store_name, status, gmv, orders, period_from, period_to, link_reasons)
     select ${accountId("i")}, f.case_id, i, ${marketplace("i")}::marketplace, ${storeIdOf("i")}, ${sellerIdOf("i")},
       ${pick(NAME_WORDS, rnd(s, 131, key("i")))} || f.product || ${pick(STORE_SUFFIXES, rnd(s, 132, key("i")))},
       (case when ${storeClosedOn("i")} is not null then 'closed' when ${rnd(s, 133, key("i"))} < 0.08 then 'frozen' else 'active' end)::store_status,
       ${gmv("i")}, greatest(1, (${gmv("i")} / greatest(10, f.unit_price * 1.4))::int),
       ${localDay("f.created_at - 180 * 86400")}, ${localDay("f.created_at - 86400")},
       jsonb_build_array(jsonb_build_object('reason', ${linkReason("i")}, 'confidence', 60 + floor(${rnd(s, 134, key("i"))} * 40)::int))
     from pg_temp.bulk_facts f cross join lateral generate_series(0, f.account_count - 1) as i
     order by f.n, i`,
    ),
  );

  const enterpriseDistrict = (i: string) =>
    `(case when ${i} = 0 and (f.has_site1 or f.gang_in_territory) then f.site1_district else f.gang_district end)`;
  counts.caseEnterprises = step(
    "caseEnterprises",
    await countInserted(
      db,
      `insert into case_enterprises (id, case_id, position, name, credit_code, role, address)
     select ${enterpriseId("i")}, f.case_id, i,
       (case when i = 0 then f.agency_city_short else f.gang_city_short end) || ${pick(NAME_WORDS, rnd(s, 140, key("i")))} || f.trade ||
         (case when i = 0 then '有限公司' else '商行' end),
       ${creditCodeSql(enterpriseDistrict("i"), hashSql(s, 141, key("i")))},
       (case when i = 0 then (case when f.site0_type = 'factory' or (f.has_site1 and f.site1_type = 'factory') then 'manufacturer' else 'seller' end)
             when ${rnd(s, 142, key("i"))} < 0.5 then 'seller' when ${rnd(
        s,
        142,
        key("i"),
      )} < 0.8 then 'logistics' else 'label_printer' end)::enterprise_role,
       (case when i = 0 then f.site1_full_name else f.gang_full_name end) || ${pick(STREETS, rnd(s, 143, key("i")))} ||
         (1 + floor(${rnd(s, 144, key("i"))} * 398))::int::text || '号'
     from pg_temp.bulk_facts f cross join lateral generate_series(0, f.enterprise_count - 1) as i
     order by f.n, i`,
    ),
  );

  const reminder = (submitted: string, decided: string, days: string) =>
    `to_timestamp(case when ${decided} > ${submitted} + ${days} * 86400 - 24 * 3600 then ${submitted} + ${days} * 86400 - 24 * 3600 end)`;
  const overdue = (submitted: string, decided: string, days: string) =>
    `to_timestamp(case when ${decided} > ${submitted} + ${days} * 86400 then ${submitted} + ${days} * 86400 + 300 end)`;
  counts.caseReferrals = step(
    "caseReferrals",
    await countInserted(
      db,
      `insert into case_referrals (id, case_id, agency_id, mou_id, submitted_by, submitted_at, decision_due_at, reminder_sent_at,
        overdue_notified_at, decision, decided_by, decided_at, decline_reason, decision_note)
     select id, case_id, agency_id, mou_id, ${investigator}, to_timestamp(submitted_at), to_timestamp(due_at), reminder_at, overdue_at,
       decision::referral_decision, decided_by, to_timestamp(decided_at), decline_reason::decline_reason, note from (
       select f.n, 0 as position, ${uuidSql(tag, ID_KIND.referral, "f.n", 0)} as id, f.case_id, f.agency1_id as agency_id, f.mou1_id as mou_id,
         f.submitted1 as submitted_at, f.submitted1 + f.decision_days1 * 86400 as due_at,
         ${reminder("f.submitted1", "f.decided1", "f.decision_days1")} as reminder_at, ${overdue(
        "f.submitted1",
        "f.decided1",
        "f.decision_days1",
      )} as overdue_at,
         f.decision1 as decision, f.decider1 as decided_by, f.decided1 as decided_at,
         case when f.decision1 = 'declined' then f.decline_reason1 end as decline_reason,
         case f.decision1 when 'declined' then f.decline_note1 when 'returned_for_info' then f.return_note else f.accept_note end as note
       from pg_temp.bulk_facts f
       union all
       select f.n, 1, ${uuidSql(tag, ID_KIND.referral, "f.n", 1)}, f.case_id, f.agency_id, f.mou_id,
         f.submitted2, f.submitted2 + f.decision_days_f * 86400,
         ${reminder("f.submitted2", "f.decided2", "f.decision_days_f")}, ${overdue("f.submitted2", "f.decided2", "f.decision_days_f")},
         f.decision2, f.decider_f, f.decided2,
         case when f.decision2 = 'declined' then f.decline_reason2 end,
         case when f.decision2 = 'declined' then f.decline_note2 else f.accept_note end
       from pg_temp.bulk_facts f where f.has_ref2
     ) referrals order by n, position`,
    ),
  );

  // Raids: the first after the investigation began, a second one for some; seizures are valued per raid.
  const raidRows = `
    select f.*, 0 as raid_no, f.raid1_at as raid_time from pg_temp.bulk_facts f where f.accepted and f.raided and f.raid1_at <= ${asOf}
    union all
    select f.*, 1, least(f.raid2_at, ${asOf} - 3600) from pg_temp.bulk_facts f where f.accepted and f.raided_twice and f.raid2_at <= ${asOf}`;
  const quantity = `round((f.q_low + (f.q_high - f.q_low) * ${rnd(s, 150, key("f.raid_no"))} ^ 2) / (case when f.raid_no = 0 then 1 else 3 end))`;
  const value = `round((${quantity} * f.unit_price * (0.8 + ${rnd(s, 151, key("f.raid_no"))} * 0.4))::numeric, -2)`;
  counts.raids = step(
    "raids",
    await countInserted(
      db,
      `insert into raids (id, case_id, raided_at, units, platform_staff, summary, created_by, created_at, updated_at, version)
     select ${uuidSql(tag, ID_KIND.raid, "f.n", "f.raid_no")}, f.case_id, to_timestamp(f.raid_time),
       f.agency_name || '经侦支队、' || f.site1_district_name || (case when f.site1_district_name like '%市' then '公安局' else '公安分局' end),
       case when ${rnd(s, 152, key("f.raid_no"))} < 0.6 then '平台知识产权专项组 ' || (1 + floor(${rnd(
        s,
        153,
        key("f.raid_no"),
      )} * 3))::int || ' 人' else '' end,
       '对' || (case when f.raid_no = 0 and not f.has_site1 then f.gang_full_name else f.site1_full_name end) || '的涉案' ||
         (case when f.raid_no = 0 then (case (case when f.has_site1 then f.site1_type else f.site0_type end)
                when 'factory' then '生产窝点' when 'warehouse' then '仓库' else '销售档口' end) else '仓库' end) ||
         '依法搜查，' || (case when f.raid_no = 0 then '现场抓获犯罪嫌疑人' || f.detained_count || '名，' else '' end) ||
         '查获假冒' || f.brand0 || f.product || ${quantity}::bigint || f.unit_zh || '，涉案货值约' || greatest(1, round(${value} / 10000)) || '万元。',
       f.officer_id, to_timestamp(least(f.raid_time + (8 + ${rnd(s, 154, key("f.raid_no"))} * 20) * 3600, ${asOf})),
       to_timestamp(least(f.raid_time + (8 + ${rnd(s, 154, key("f.raid_no"))} * 20) * 3600, ${asOf})), 1
     from (${raidRows}) f order by f.n, f.raid_no`,
    ),
  );

  counts.raidSites = step(
    "raidSites",
    await countInserted(
      db,
      `insert into raid_sites (id, raid_id, position, case_site_id, type, address, division_code)
     select id, raid_id, position, case_site_id, type::site_type, address, division_code from (
       select f.n, f.raid_no, 0 as position, ${uuidSql(tag, ID_KIND.raidSite, "f.n", "f.raid_no * 4")} as id,
         ${uuidSql(tag, ID_KIND.raid, "f.n", "f.raid_no")} as raid_id,
         case when f.raid_no = 0 then (case when f.has_site1 then ${siteId(1)} else ${siteId(0)} end) end as case_site_id,
         case when f.raid_no = 0 then (case when f.has_site1 then f.site1_type else f.site0_type end) else 'warehouse' end as type,
         case when f.raid_no = 0 and f.has_site1 then ${address("f.site1_full_name", 123, siteSuffix("f.site1_type"))}
              when f.raid_no = 0 then ${address("f.gang_full_name", 120, siteSuffix("f.site0_type"))}
              else ${address("f.site1_full_name", 160, "'仓库'")} end as address,
         case when f.raid_no = 0 and not f.has_site1 then f.gang_district else f.site1_district end as division_code
       from (${raidRows}) f
       union all
       select f.n, f.raid_no, 1, ${uuidSql(tag, ID_KIND.raidSite, "f.n", "f.raid_no * 4 + 1")},
         ${uuidSql(tag, ID_KIND.raid, "f.n", "f.raid_no")}, null, 'warehouse',
         ${address("f.site1_full_name", 162, "'仓库（侦查中发现）'")}, f.site1_district
       from (${raidRows}) f where f.raid_no = 0 and f.new_site_in_raid
     ) rs order by n, raid_no, position`,
    ),
  );

  counts.seizures = step(
    "seizures",
    await countInserted(
      db,
      `insert into seizures (id, case_id, raid_id, position, product, brand, quantity, unit, counterfeit_labels, equipment, value_yuan, valuation_method, notes)
     select id, case_id, raid_id, position, product, brand, quantity, unit::seizure_unit, labels, equipment, value_yuan, method::valuation_method, notes from (
       select f.n, f.raid_no, 0 as position, ${uuidSql(tag, ID_KIND.seizure, "f.n", "f.raid_no * 4")} as id, f.case_id,
         ${uuidSql(tag, ID_KIND.raid, "f.n", "f.raid_no")} as raid_id,
         '假冒' || f.brand0 || f.product as product, f.brand0 as brand, ${quantity} as quantity, f.unit, 0 as labels, '' as equipment,
         ${value} as value_yuan,
         case when ${rnd(s, 155, key("f.raid_no"))} < 0.5 then 'actual_sale_price' when ${rnd(
        s,
        155,
        key("f.raid_no"),
      )} < 0.7 then 'marked_price' else 'price_appraisal' end as method,
         case when ${rnd(s, 155, key("f.raid_no"))} < 0.5 then '按涉案店铺实际销售均价计算。' when ${rnd(
        s,
        155,
        key("f.raid_no"),
      )} < 0.7 then '按商品标价计算。' else '经价格认定中心认定。' end as notes
       from (${raidRows}) f
       union all
       select f.n, f.raid_no, 1, ${uuidSql(tag, ID_KIND.seizure, "f.n", "f.raid_no * 4 + 1")}, f.case_id,
         ${uuidSql(tag, ID_KIND.raid, "f.n", "f.raid_no")},
         '假冒 ' || f.brand0 || ' 商标标识、吊牌、包装', f.brand0, round(500 + ${rnd(s, 156, key("f.raid_no"))} ^ 2 * 30000), 'pieces',
         round(500 + ${rnd(s, 156, key("f.raid_no"))} ^ 2 * 30000)::int, '', null, null, ''
       from (${raidRows}) f where ${rnd(s, 157, key("f.raid_no"))} < 0.6
       union all
       select f.n, f.raid_no, 2, ${uuidSql(tag, ID_KIND.seizure, "f.n", "f.raid_no * 4 + 2")}, f.case_id,
         ${uuidSql(tag, ID_KIND.raid, "f.n", "f.raid_no")},
         '制假设备', '', 2 + floor(${rnd(s, 158, key("f.raid_no"))} * 12), 'sets', 0,
         '生产设备 ' || (1 + floor(${rnd(s, 158, key("f.raid_no"))} * 8))::int || ' 台、包装封口机 ' || (1 + floor(${rnd(
        s,
        159,
        key("f.raid_no"),
      )} * 4))::int || ' 台',
         null, null, ''
       from (${raidRows}) f where f.raid_no = 0 and (f.site0_type = 'factory' or (f.has_site1 and f.site1_type = 'factory')) and ${rnd(
        s,
        157,
        key("f.raid_no"),
      )} < 0.5
     ) z order by n, raid_no, position`,
    ),
  );

  const day = localDay;
  const reached = (expr: string) => `(${expr} <= ${asOf})`;
  const convicted = `f.verdict in ('convicted', 'partially_convicted')`;
  counts.caseOutcomes = step(
    "caseOutcomes",
    await countInserted(
      db,
      `insert into case_outcomes (case_id, filing_decision, police_case_number, filed_on, not_filed_reason, detained, arrested, on_bail,
        residential_surveillance, charges, route, transferred_to_procuratorate_on, procuratorate, indicted_on, court, judgment_on, verdict,
        sentence, fines_yuan, administrative_authority, administrative_decision, administrative_decided_on, administrative_fine_yuan,
        closure_reason, closed_at, updated_by, updated_at, version)
     select f.case_id,
       (case when f.filed and ${reached("f.inv_at")} then 'filed' when not f.filed and ${reached(
        "f.close_at",
      )} then 'not_filed' end)::filing_decision,
       case when f.filed and ${reached("f.inv_at")} then substr(f.agency_city_short, 1, 1) || '公（经）立字〔' || extract(year from ${localDay(
        "f.inv_at",
      )})::int || '〕' ||
         (1000 + floor(${rnd(s, 170, "f.n")} * 8999))::int || '号' else '' end,
       case when f.filed and ${reached("f.inv_at")} then ${day("f.inv_at")} end,
       case when not f.filed and ${reached("f.close_at")} then '经审查，认为没有犯罪事实，决定不予立案。' else '' end,
       case when f.raided and ${reached("f.raid1_at")} then f.detained_count else 0 end,
       case when f.prosecuted and ${reached("f.transfer_at")} then greatest(1, floor(f.detained_count * (0.3 + ${rnd(
        s,
        171,
        "f.n",
      )} * 0.7)))::int else 0 end,
       case when f.prosecuted and ${reached("f.transfer_at")} then f.detained_count - greatest(1, floor(f.detained_count * (0.3 + ${rnd(
        s,
        171,
        "f.n",
      )} * 0.7)))::int else 0 end,
       0,
       case when f.filed and ${reached("f.inv_at")} then f.charges::criminal_article[] else '{}'::criminal_article[] end,
       (case when f.prosecuted and ${reached("f.transfer_at")} then 'criminal'
             when f.closure_reason = 'administrative_penalty' and ${reached("f.close_at")} then 'administrative' end)::outcome_route,
       case when f.prosecuted and ${reached("f.transfer_at")} then ${day("f.transfer_at")} end,
       case when f.prosecuted and ${reached("f.transfer_at")} then f.site1_local_name || '人民检察院' else '' end,
       case when f.prosecuted and ${reached("f.indict_at")} then ${day("f.indict_at")} end,
       case when f.prosecuted and ${reached("f.indict_at")} then f.site1_local_name || '人民法院' else '' end,
       case when f.prosecuted and ${reached("f.judgment_at")} then ${day("f.judgment_at")} end,
       (case when f.prosecuted and ${reached("f.judgment_at")} then f.verdict end)::verdict,
       case when f.prosecuted and ${reached("f.judgment_at")} then
         case when ${convicted} then '被告人' || f.detained_count || '人犯' || (case when f.charges like '%art213%' then '假冒注册商标罪' else '销售假冒注册商标的商品罪' end) ||
           '，分别判处有期徒刑' || (6 + floor(${rnd(s, 172, "f.n")} * 42))::int || '个月至' || (1 + floor(${rnd(
        s,
        173,
        "f.n",
      )} * 5))::int || '年不等，并处罚金；扣押的假冒商品及制假设备予以没收。'
         else '宣告被告人无罪。' end else '' end,
       case when f.prosecuted and ${reached("f.judgment_at")} and ${convicted} then round((20000 + ${rnd(
        s,
        174,
        "f.n",
      )} ^ 2 * 800000)::numeric, -3) end,
       case when f.closure_reason = 'administrative_penalty' and ${reached("f.close_at")} then f.agency_city_name || '市场监督管理局' else '' end,
       case when f.closure_reason = 'administrative_penalty' and ${reached("f.close_at")} then '没收假冒商品，并处罚款。' else '' end,
       case when f.closure_reason = 'administrative_penalty' and ${reached("f.close_at")} then ${day("f.close_at")} end,
       case when f.closure_reason = 'administrative_penalty' and ${reached("f.close_at")} then round((5000 + ${rnd(
        s,
        175,
        "f.n",
      )} * 195000)::numeric, -2) end,
       (case when ${reached("f.close_at")} then f.closure_reason end)::closure_reason,
       case when ${reached("f.close_at")} then to_timestamp(f.close_at) end,
       f.officer_id, ${updatedAt}, 1 + (case when f.status = 'closed' then 3 else 1 end)
     from pg_temp.bulk_facts f where f.accepted order by f.n`,
    ),
  );

  counts.platformActions = step(
    "platformActions",
    await countInserted(
      db,
      `insert into platform_actions (id, case_id, kind, case_account_id, marketplace, store_id, seller_id, taken_on, note, created_by, created_at)
     select id, case_id, kind::platform_action_kind, account_id, marketplace::marketplace, store_id, seller_id, taken_on, note, ${investigator},
       to_timestamp((taken_on - '1970-01-01'::date) * 86400.0 + 7200) from (
       select f.n, i, 0 as k, ${uuidSql(tag, ID_KIND.platformAction, "f.n", "i * 2")} as id, f.case_id, 'store_closed' as kind, ${accountId(
        "i",
      )} as account_id,
         ${marketplace("i")} as marketplace, ${storeIdOf("i")} as store_id, ${sellerIdOf("i")} as seller_id, ${storeClosedOn("i")} as taken_on,
         '依据警方通报，店铺涉嫌销售假冒商品，已永久关闭。' as note
       from pg_temp.bulk_facts f cross join lateral generate_series(0, f.account_count - 1) as i
       where ${storeClosedOn("i")} is not null
       union all
       select f.n, i, 1, ${uuidSql(tag, ID_KIND.platformAction, "f.n", "i * 2 + 1")}, f.case_id, 'account_banned', ${accountId("i")},
         ${marketplace("i")}, ${storeIdOf("i")}, ${sellerIdOf("i")}, ${accountBannedOn("i")}, '卖家账号已封禁，关联账号一并处置。'
       from pg_temp.bulk_facts f cross join lateral generate_series(0, f.account_count - 1) as i
       where ${accountBannedOn("i")} is not null
     ) z order by n, i, k`,
    ),
  );

  await db.execute(sql.raw(`drop table if exists ${TEMP_TABLES.map((table) => `pg_temp.${table}`).join(", ")}`));
  if (fastLoad) await db.execute(sql.raw("set local session_replication_role = origin"));
  if (jit?.previous) await db.execute(sql`select set_config('jit', ${jit.previous}, true)`);
  return counts;
}

// ——— Agencies and people ———

/** The demo world's agencies and users, as the generator needs them (by organisation code and e-mail). */
export async function demoAgencies(db: DbOrTx, codes: string[], people: Record<string, { decider: string; officer: string }>): Promise<BulkAgency[]> {
  const rows = await db
    .select({ organisation: organisations, mou: mous })
    .from(organisations)
    .innerJoin(mous, eq(mous.policeOrganisationId, organisations.id))
    .where(and(inArray(organisations.code, codes), isNull(mous.endedAt)));
  const emails = Object.values(people).flatMap((person) => [person.decider, person.officer]);
  const userRows = emails.length ? await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails)) : [];
  const userId = new Map(userRows.map((user) => [user.email, user.id]));
  return codes.flatMap((code) => {
    const row = rows.find((candidate) => candidate.organisation.code === code);
    const person = people[code];
    if (!row || !person) return [];
    const deciderId = userId.get(person.decider);
    const officerId = userId.get(person.officer);
    if (!deciderId || !officerId) throw new Error(`bulk generator: the demo world lacks ${person.decider} or ${person.officer}`);
    return [
      {
        id: row.organisation.id,
        mouId: row.mou.id,
        decisionPeriodDays: row.mou.decisionPeriodDays,
        scope: row.mou.scopeCategories,
        territory: row.mou.territoryDivisionCodes[0] ?? row.organisation.divisionCode ?? "",
        nameZh: row.organisation.nameZh,
        deciderId,
        officerId,
      },
    ];
  });
}

/** The joint operations already in the database, with their agencies, to attach generated cases to. */
export async function existingOperations(db: DbOrTx): Promise<BulkOperation[]> {
  const operations = await db.select().from(jointOperations).orderBy(jointOperations.code);
  const links = await db.select().from(jointOperationAgencies);
  return operations.map((operation) => ({
    id: operation.id,
    startsOn: operation.startsOn,
    endsOn: operation.endsOn,
    agencyIds: links.filter((link) => link.jointOperationId === operation.id).map((link) => link.agencyId),
  }));
}

/**
 * The synthetic city public security bureaus of a scale run (db/bulk-generate-data.ts SCALE_AGENCIES), each
 * with an MOU covering every category in its city and one deactivated supervisor account standing for the
 * agency's decisions and records (nobody signs in with it). Idempotent: agencies already there are reused.
 */
export async function ensureScaleAgencies(
  db: DbOrTx,
  options: { platformOrganisationId: string; adminId: string | null; signedOn: string },
): Promise<BulkAgency[]> {
  const existing = await db
    .select()
    .from(organisations)
    .where(
      inArray(
        organisations.code,
        SCALE_AGENCIES.map((agency) => agency.code),
      ),
    );
  const known = new Set(existing.map((organisation) => organisation.code));
  const missing = SCALE_AGENCIES.filter((agency) => !known.has(agency.code));
  if (missing.length) {
    const nameZh = (territory: string) =>
      divisionLevel(territory) === "province"
        ? `${listProvinces().find((province) => province.code === territory)?.name ?? territory}公安局`
        : `${divisionName(territory) ?? territory}公安局`;
    const inserted = await db
      .insert(organisations)
      .values(
        missing.map((agency) => ({
          code: agency.code,
          kind: "police" as const,
          nameZh: nameZh(agency.territory),
          nameEn: `${agency.nameEn} ${divisionLevel(agency.territory) === "district" ? "City" : "Municipal"} Public Security Bureau`,
          divisionCode: agency.territory,
        })),
      )
      .returning();
    // One unusable password for all of them: the accounts are deactivated at once and never signed in with.
    const passwordHash = await hashPassword(randomBytes(24).toString("base64url"));
    const now = new Date();
    await db.insert(users).values(
      inserted.map((organisation) => ({
        organisationId: organisation.id,
        email: `records@${organisation.code}.scale.invalid`,
        displayName: `${organisation.nameZh}（规模测试）`,
        role: "police_supervisor" as const,
        passwordHash,
        deactivatedAt: now,
        deactivatedReason: "Synthetic agency of a scale run (npm run db:seed -- --scale): stands for the agency's records; nobody signs in.",
      })),
    );
    await db.insert(mous).values(
      inserted.map((organisation) => ({
        reference: `MOU-${organisation.code.toUpperCase()}`.slice(0, 40),
        titleZh: `平台与${organisation.nameZh}打击假冒伪劣商品合作备忘录（规模测试）`,
        titleEn: `MOU between the platform and ${organisation.nameEn} (scale run)`,
        platformOrganisationId: options.platformOrganisationId,
        policeOrganisationId: organisation.id,
        signedOn: options.signedOn,
        effectiveFrom: options.signedOn,
        effectiveUntil: null,
        scopeCategories: [...CATEGORIES],
        territoryDivisionCodes: [organisation.divisionCode!],
        decisionPeriodDays: 3,
        liaisonContacts: [],
        createdBy: options.adminId,
      })),
    );
  }
  const rows = await db
    .select({ organisation: organisations, mou: mous, user: users })
    .from(organisations)
    .innerJoin(mous, eq(mous.policeOrganisationId, organisations.id))
    .innerJoin(users, eq(users.organisationId, organisations.id))
    .where(
      inArray(
        organisations.code,
        SCALE_AGENCIES.map((agency) => agency.code),
      ),
    );
  return SCALE_AGENCIES.flatMap((agency) => {
    const row = rows.find((candidate) => candidate.organisation.code === agency.code);
    if (!row) return [];
    return [
      {
        id: row.organisation.id,
        mouId: row.mou.id,
        decisionPeriodDays: row.mou.decisionPeriodDays,
        scope: row.mou.scopeCategories,
        territory: agency.territory,
        nameZh: row.organisation.nameZh,
        deciderId: row.user.id,
        officerId: row.user.id,
      },
    ];
  });
}

/** The named campaigns of a scale run (SCALE_OPERATIONS), created once. */
export async function ensureScaleOperations(db: DbOrTx, createdBy: string | null): Promise<void> {
  await db
    .insert(jointOperations)
    .values(
      SCALE_OPERATIONS.map((operation) => ({
        ...operation,
        description: "规模测试数据（npm run db:seed -- --scale）。",
        createdBy,
      })),
    )
    .onConflictDoNothing({ target: jointOperations.code });
}

async function isSuperuser(db: DbOrTx): Promise<boolean> {
  const [row] = await queryRows<{ superuser: boolean }>(db, sql`select current_setting('is_superuser') = 'on' as superuser`);
  return row?.superuser === true;
}

/** Reserves `count` reference numbers from case_reference_seq and answers the first. */
export async function reserveReferences(db: DbOrTx, count: number): Promise<number> {
  const [row] = await queryRows<{ first: string | number }>(db, sql`select nextval('case_reference_seq') as first`);
  const first = Number(row!.first);
  if (count > 1) await db.execute(sql`select setval('case_reference_seq', ${first + count - 1})`);
  return first;
}
