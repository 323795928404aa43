/**
 * The lead form's schema, shared by the browser (instant feedback) and the server (the real check), and the
 * closed sets of the case tables as values the browser can use (cases.schema.test.ts checks they match the
 * database enums). Messages are translation keys (docs/decisions/0007-forms-and-validation.md).
 *
 * A draft may be incomplete: title and category are all it needs. What it does hold must be valid, row by
 * row; what is still missing before referral is leadCompleteness's concern (cases.ts). Checks that need data
 * the browser does not have (a division code that exists, a joint operation that exists) are the domain's.
 */
import { z } from "zod";
import { creditCodeProblem, normaliseCreditCode } from "./credit-code";
import { idNumberProblem, isValidPhone, normaliseIdNumber, normalisePhone } from "./personal-data";

export const GOODS_CATEGORIES = [
  "food_drugs",
  "mother_baby",
  "auto_parts",
  "footwear_apparel",
  "household_appliances",
  "digital_accessories",
  "luggage_leather",
  "cosmetics",
  "other",
] as const;
export const CASE_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const CRIMINAL_ARTICLES = ["art140", "art141", "art142", "art143", "art144", "art213", "art214", "art215"] as const;
export const SITE_TYPES = ["factory", "warehouse", "sales_point", "label_printer", "other"] as const;
export const COORDINATE_SYSTEMS = ["gcj02", "wgs84", "bd09"] as const;
export const LOCATION_SOURCES = ["waybill_ship_from", "registered_address", "field_check", "test_purchase", "other"] as const;
export const MARKETPLACES = ["taobao", "tmall", "alibaba_1688", "aliexpress", "other"] as const;
export const STORE_STATUSES = ["active", "closed", "frozen"] as const;
export const LINK_REASONS = [
  "shared_phone",
  "shared_device",
  "shared_ip",
  "shared_payment_account",
  "shared_return_address",
  "shared_waybill_sender",
] as const;
export const ENTERPRISE_ROLES = ["manufacturer", "seller", "logistics", "label_printer", "other"] as const;
export const PERSON_ROLES = ["controller", "accomplice", "employee", "store_operator", "other"] as const;

/** How many rows of each kind one lead may hold: generous, but a bound. */
export const LEAD_LIMITS = {
  brands: 20,
  sites: 50,
  accounts: 200,
  linkReasons: LINK_REASONS.length,
  enterprises: 50,
  persons: 100,
  logistics: 100,
  testPurchases: 100,
} as const;

const required = "validation.required";
const tooLong = (max: number) => `validation.tooLong?max=${max}`;

function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    errorMap: (issue, context) => ({
      message: issue.code === "invalid_type" && context.data === undefined ? required : "validation.invalidChoice",
    }),
  });
}

/** Required text: conform turns an empty input into undefined, hence the required_error. */
function requiredText(max: number) {
  return z.string({ required_error: required }).trim().min(1, required).max(max, tooLong(max));
}

function optionalText(max: number) {
  return z.string().trim().max(max, tooLong(max)).optional().default("");
}

/** Yuan with at most two decimals, as a string (the columns are numeric(16,2); no floating point on the way). */
const money = z
  .string()
  .transform((value) => value.replace(/[,，\s]/g, ""))
  .pipe(z.string().regex(/^\d{1,14}(\.\d{1,2})?$/, "cases.validation.amount"))
  .optional();

function wholeNumber(max: number) {
  return z
    .number({ invalid_type_error: "cases.validation.wholeNumber" })
    .int("cases.validation.wholeNumber")
    .min(0, "cases.validation.wholeNumber")
    .max(max, `cases.validation.atMost?max=${max}`)
    .optional();
}

/** A real calendar day written YYYY-MM-DD (what <input type="date"> posts). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

const isoDate = z.string().refine(isIsoDate, "cases.validation.date").optional();

const provinceCode = z.string().regex(/^\d{2}0000$/, "validation.invalidChoice");
const cityCode = z.string().regex(/^\d{4}00$/, "validation.invalidChoice");
const districtCode = z.string().regex(/^\d{6}$/, "validation.invalidChoice");

function listOf<T extends z.ZodTypeAny>(item: T, max: number) {
  return z.array(item).max(max, `cases.validation.tooMany?max=${max}`).optional().default([]);
}

/** The city must lie in the province and the district in the city (the picker keeps them so; a crafted post may not). */
function checkDivisionChain(
  value: { province?: string; city?: string; district?: string },
  names: { city: string; district: string },
  context: z.RefinementCtx,
) {
  if (value.city && value.province && value.city.slice(0, 2) !== value.province.slice(0, 2)) {
    context.addIssue({ code: "custom", path: [names.city], message: "cases.validation.divisionMismatch" });
  }
  if (value.district && value.city && value.district.slice(0, 4) !== value.city.slice(0, 4)) {
    context.addIssue({ code: "custom", path: [names.district], message: "cases.validation.divisionMismatch" });
  }
  if (value.district && !value.city) {
    context.addIssue({ code: "custom", path: [names.city], message: required });
  }
}

export const BrandSchema = z.object({
  brand: requiredText(100),
  rightsHolder: optionalText(200),
  trademarkRegistrationNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{0,2}\d{1,12}$/, "cases.validation.trademarkNo")
    .optional()
    .default(""),
});

export const SiteSchema = z
  .object({
    type: choice(SITE_TYPES),
    address: requiredText(300),
    provinceCode: z.string({ required_error: "cases.validation.provinceRequired" }).pipe(provinceCode),
    cityCode: z.string({ required_error: "cases.validation.cityRequired" }).pipe(cityCode),
    districtCode: districtCode.optional(),
    latitude: z.number({ invalid_type_error: "cases.validation.latitude" }).min(-90, "cases.validation.latitude").max(90, "cases.validation.latitude").optional(),
    longitude: z
      .number({ invalid_type_error: "cases.validation.longitude" })
      .min(-180, "cases.validation.longitude")
      .max(180, "cases.validation.longitude")
      .optional(),
    coordinateSystem: choice(COORDINATE_SYSTEMS).optional(),
    precisionMeters: wholeNumber(100_000),
    locationSource: choice(LOCATION_SOURCES),
    notes: optionalText(1000),
  })
  .superRefine((site, context) => {
    checkDivisionChain({ province: site.provinceCode, city: site.cityCode, district: site.districtCode }, { city: "cityCode", district: "districtCode" }, context);
    const hasLatitude = site.latitude !== undefined;
    const hasLongitude = site.longitude !== undefined;
    // A coordinate that failed its own check already has its message; say nothing more about the pair.
    const invalid = (value: number | undefined, limit: number) => value !== undefined && !(Number.isFinite(value) && Math.abs(value) <= limit);
    if (invalid(site.latitude, 90) || invalid(site.longitude, 180)) return;
    if (hasLatitude !== hasLongitude) {
      context.addIssue({ code: "custom", path: [hasLatitude ? "longitude" : "latitude"], message: "cases.validation.coordinatePair" });
    }
    if ((hasLatitude || hasLongitude) && !site.coordinateSystem) {
      context.addIssue({ code: "custom", path: ["coordinateSystem"], message: "cases.validation.coordinateSystemRequired" });
    }
    // GCJ-02 and BD-09 are only defined inside China; a point far outside it is usually swapped or mistyped.
    if (hasLatitude && hasLongitude && (site.latitude! < 3 || site.latitude! > 54 || site.longitude! < 73 || site.longitude! > 136)) {
      context.addIssue({ code: "custom", path: ["latitude"], message: "cases.validation.outsideChina" });
    }
  });

export const LinkReasonSchema = z.object({
  reason: choice(LINK_REASONS),
  confidence: z
    .number({ required_error: required, invalid_type_error: "cases.validation.confidence" })
    .int("cases.validation.confidence")
    .min(0, "cases.validation.confidence")
    .max(100, "cases.validation.confidence"),
});

export const AccountSchema = z
  .object({
    marketplace: choice(MARKETPLACES),
    storeId: requiredText(64).regex(/^\S+$/, "cases.validation.noSpaces"),
    sellerId: z.string().trim().max(64, tooLong(64)).regex(/^\S*$/, "cases.validation.noSpaces").optional().default(""),
    storeName: optionalText(200),
    status: choice(STORE_STATUSES).default("active"),
    gmv: money,
    orders: wholeNumber(1_000_000_000),
    periodFrom: isoDate,
    periodTo: isoDate,
    linkReasons: listOf(LinkReasonSchema, LEAD_LIMITS.linkReasons),
  })
  .superRefine((account, context) => {
    const { periodFrom, periodTo } = account;
    // Refinements run even when a field failed: compare only two real days.
    if (periodFrom && periodTo && isIsoDate(periodFrom) && isIsoDate(periodTo) && periodFrom > periodTo) {
      context.addIssue({ code: "custom", path: ["periodTo"], message: "cases.validation.periodOrder" });
    }
    const seen = new Set<string>();
    account.linkReasons.forEach((link, index) => {
      if (seen.has(link.reason)) {
        context.addIssue({ code: "custom", path: ["linkReasons", index, "reason"], message: "cases.validation.duplicateReason" });
      }
      seen.add(link.reason);
    });
  });

export const EnterpriseSchema = z.object({
  name: requiredText(200),
  creditCode: z
    .string()
    .transform(normaliseCreditCode)
    .superRefine((code, context) => {
      const problem = code ? creditCodeProblem(code) : null;
      if (problem) context.addIssue({ code: "custom", message: `cases.validation.creditCode.${problem}` });
    })
    .optional()
    .default(""),
  role: choice(ENTERPRISE_ROLES).default("other"),
  address: optionalText(300),
});

export const PersonSchema = z.object({
  /** The stored row this one edits: lets a viewer who sees masks keep the identity number and phone they cannot see. */
  id: z.string().uuid().optional(),
  role: choice(PERSON_ROLES),
  name: requiredText(60),
  idNumber: z
    .string()
    .transform(normaliseIdNumber)
    .superRefine((value, context) => {
      const problem = value ? idNumberProblem(value) : null;
      if (problem) context.addIssue({ code: "custom", message: `cases.validation.idNumber.${problem}` });
    })
    .optional()
    .default(""),
  phone: z
    .string()
    .transform(normalisePhone)
    .refine((value) => value === "" || isValidPhone(value), "cases.validation.phone")
    .optional()
    .default(""),
  notes: optionalText(500),
});

export const LogisticsSchema = z
  .object({
    courier: requiredText(60),
    waybillNo: z.string().trim().max(40, tooLong(40)).regex(/^[A-Za-z0-9-]*$/, "cases.validation.waybill").optional().default(""),
    shipFromAddress: optionalText(300),
    shipFromProvinceCode: provinceCode.optional(),
    shipFromCityCode: cityCode.optional(),
    shipFromDistrictCode: districtCode.optional(),
    dailyVolume: wholeNumber(10_000_000),
    notes: optionalText(500),
  })
  .superRefine((row, context) =>
    checkDivisionChain(
      { province: row.shipFromProvinceCode, city: row.shipFromCityCode, district: row.shipFromDistrictCode },
      { city: "shipFromCityCode", district: "shipFromDistrictCode" },
      context,
    ),
  );

export const TestPurchaseSchema = z.object({
  orderNo: requiredText(64).regex(/^\S+$/, "cases.validation.noSpaces"),
  storeId: z.string().trim().max(64, tooLong(64)).optional().default(""),
  amount: money,
  waybillNo: z.string().trim().max(40, tooLong(40)).regex(/^[A-Za-z0-9-]*$/, "cases.validation.waybill").optional().default(""),
  purchasedOn: isoDate,
  sampleDescription: optionalText(500),
  sampleLocation: optionalText(200),
  authenticationReport: optionalText(2000),
});

export const LeadFormSchema = z.object({
  title: requiredText(200),
  summary: optionalText(10_000),
  category: choice(GOODS_CATEGORIES),
  priority: choice(CASE_PRIORITIES).default("normal"),
  jointOperationId: z.string().uuid("validation.invalidChoice").optional(),
  suspectedCharges: z
    .array(choice(CRIMINAL_ARTICLES))
    .optional()
    .default([])
    .transform((articles) => [...new Set(articles)]),
  brands: listOf(BrandSchema, LEAD_LIMITS.brands),
  sites: listOf(SiteSchema, LEAD_LIMITS.sites),
  accounts: listOf(AccountSchema, LEAD_LIMITS.accounts).superRefine((accounts, context) => {
    const seen = new Set<string>();
    accounts.forEach((account, index) => {
      const key = `${account.marketplace}:${account.storeId}`;
      if (seen.has(key)) context.addIssue({ code: "custom", path: [index, "storeId"], message: "cases.validation.duplicateStore" });
      seen.add(key);
    });
  }),
  enterprises: listOf(EnterpriseSchema, LEAD_LIMITS.enterprises),
  persons: listOf(PersonSchema, LEAD_LIMITS.persons),
  salesAmount: money,
  unsoldGoodsValue: money,
  illegalBusinessVolume: money,
  illegalGains: money,
  logistics: listOf(LogisticsSchema, LEAD_LIMITS.logistics),
  testPurchases: listOf(TestPurchaseSchema, LEAD_LIMITS.testPurchases),
});

export type LeadInput = z.output<typeof LeadFormSchema>;
export type SiteInput = LeadInput["sites"][number];
export type PersonInput = LeadInput["persons"][number];

/** The finest division a site's picker holds: its district, else its city. */
export function pickedDivision(row: { provinceCode?: string; cityCode?: string; districtCode?: string }): string | undefined {
  return row.districtCode || row.cityCode || row.provinceCode || undefined;
}

/** The list page's filters, read leniently from the query string: a value that is not valid is dropped. */
export const CASE_LIST_SORTS = ["newest", "priority"] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

const LIST_STATUSES = [
  "draft",
  "in_review",
  "approved",
  "submitted",
  "returned_for_info",
  "accepted",
  "declined",
  "investigating",
  "raided",
  "prosecution",
  "closed",
  "withdrawn",
] as const;

const CaseListQuerySchema = z.object({
  status: z.enum(LIST_STATUSES).optional().catch(undefined),
  category: z.enum(GOODS_CATEGORIES).optional().catch(undefined),
  agencyId: z.string().uuid().optional().catch(undefined),
  provinceCode: z.string().regex(/^\d{2}0000$/).optional().catch(undefined),
  createdFrom: z.string().refine(isIsoDate).optional().catch(undefined),
  createdTo: z.string().refine(isIsoDate).optional().catch(undefined),
  sort: z.enum(CASE_LIST_SORTS).optional().catch(undefined),
  cursor: z.string().max(400).optional().catch(undefined),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

/** The list's query string, leniently: a value that is not valid (a stale link, a hand-edited URL) is dropped. */
export function parseCaseListQuery(params: URLSearchParams): CaseListQuery & { dateRangeInverted: boolean } {
  const raw = Object.fromEntries([...params.entries()].filter(([, value]) => value !== ""));
  const query = CaseListQuerySchema.parse(raw);
  return { ...query, dateRangeInverted: Boolean(query.createdFrom && query.createdTo && query.createdFrom > query.createdTo) };
}
