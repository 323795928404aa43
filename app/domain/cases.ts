/**
 * Leads: the shapes the pages and the packet read, and the pure rules over them (what is missing before
 * referral, what changed between two versions, which states may be edited). Shared with the browser;
 * the database side is cases.server.ts.
 */
import type { SubmissionResult } from "@conform-to/react";
import type {
  CASE_PRIORITIES,
  COORDINATE_SYSTEMS,
  CRIMINAL_ARTICLES,
  ENTERPRISE_ROLES,
  GOODS_CATEGORIES,
  LeadInput,
  LINK_REASONS,
  LOCATION_SOURCES,
  MARKETPLACES,
  PERSON_ROLES,
  SITE_TYPES,
  STORE_STATUSES,
} from "./cases.schema";
import { cityOf, divisionLevel, isDivisionCode, provinceOf, type DivisionOption } from "./divisions";
import type { AmountField } from "./thresholds";

type Of<T extends readonly string[]> = T[number];

export const CASE_STATUS_VALUES = [
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
export type LeadStatus = Of<typeof CASE_STATUS_VALUES>;

/**
 * The states in which the lead itself may be edited: a draft, including one a reviewer sent back (review
 * returns it to draft). Once in review or beyond, the lead is what was reviewed; the workflow adds notes.
 */
export const EDITABLE_STATUSES: readonly LeadStatus[] = ["draft"];

export function isLeadEditable(status: LeadStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export interface Named {
  id: string;
  nameZh: string;
  nameEn: string;
}

/** Everything a lead holds, as one viewer may see it (getLeadForViewer): personal data masked where needed. */
export interface LeadDetail {
  case: {
    id: string;
    reference: string;
    status: LeadStatus;
    title: string;
    summary: string;
    category: Of<typeof GOODS_CATEGORIES>;
    priority: Of<typeof CASE_PRIORITIES>;
    suspectedCharges: Array<Of<typeof CRIMINAL_ARTICLES>>;
    jointOperation: { id: string; code: string; nameZh: string; nameEn: string } | null;
    provinceCode: string | null;
    divisionCode: string | null;
    version: number;
    createdAt: Date;
    updatedAt: Date;
    approvedAt: Date | null;
    submittedAt: Date | null;
    decisionDueAt: Date | null;
  };
  platform: Named;
  /** Null until the lead is referred. */
  agency: Named | null;
  mou: { id: string; reference: string; titleZh: string; titleEn: string; decisionPeriodDays: number } | null;
  author: { id: string; displayName: string };
  reviewer: { id: string; displayName: string } | null;
  amounts: Record<AmountField, string | null>;
  brands: Array<{ brand: string; rightsHolder: string; trademarkRegistrationNo: string }>;
  sites: Array<{
    type: Of<typeof SITE_TYPES>;
    address: string;
    divisionCode: string;
    /** 福建省莆田市秀屿区 (place names stay in Chinese); the code itself if unknown. */
    divisionName: string;
    latitude: string | null;
    longitude: string | null;
    coordinateSystem: Of<typeof COORDINATE_SYSTEMS> | null;
    precisionMeters: number | null;
    locationSource: Of<typeof LOCATION_SOURCES>;
    notes: string;
  }>;
  accounts: Array<{
    marketplace: Of<typeof MARKETPLACES>;
    storeId: string;
    sellerId: string;
    storeName: string;
    status: Of<typeof STORE_STATUSES>;
    gmv: string | null;
    orders: number | null;
    periodFrom: string | null;
    periodTo: string | null;
    linkReasons: Array<{ reason: Of<typeof LINK_REASONS>; confidence: number }>;
  }>;
  enterprises: Array<{ name: string; creditCode: string; role: Of<typeof ENTERPRISE_ROLES>; address: string }>;
  /** idNumber and phone are masked when personalDataMasked. */
  persons: Array<{ id: string; role: Of<typeof PERSON_ROLES>; name: string; idNumber: string; phone: string; notes: string }>;
  personalDataMasked: boolean;
  logistics: Array<{
    courier: string;
    waybillNo: string;
    shipFromAddress: string;
    shipFromDivisionCode: string | null;
    shipFromDivisionName: string | null;
    dailyVolume: number | null;
    notes: string;
  }>;
  testPurchases: Array<{
    orderNo: string;
    storeId: string;
    amount: string | null;
    waybillNo: string;
    purchasedOn: string | null;
    sampleDescription: string;
    sampleLocation: string;
    authenticationReport: string;
  }>;
}

// ---- Completeness ----

export const COMPLETENESS_ITEMS = ["summary", "brands", "suspectedCharges", "sites", "accounts", "amounts"] as const;
export type CompletenessItem = (typeof COMPLETENESS_ITEMS)[number];
/** Not required, but a referral without them is weaker: shown as advice. */
export const RECOMMENDED_ITEMS = ["testPurchases"] as const;
export type RecommendedItem = (typeof RECOMMENDED_ITEMS)[number];

/** The parts of a lead completeness looks at (a LeadDetail has them all). */
export interface CompletenessInput {
  case: { summary: string; suspectedCharges: readonly string[] };
  brands: readonly unknown[];
  sites: readonly unknown[];
  accounts: readonly unknown[];
  amounts: Record<AmountField, string | null>;
  testPurchases: readonly unknown[];
}

/**
 * What a lead still lacks before it can go to review and to the police: a summary, a brand, a suspected
 * charge, at least one site and one linked account, and at least one amount (the thresholds depend on them).
 * A test purchase is advised (the rights holder's authentication is what shows goods are counterfeit) but
 * not required. Pure, so the form, the detail page and the workflow (case-workflow.server.ts) agree.
 */
export function leadCompleteness(lead: CompletenessInput): {
  complete: boolean;
  missing: CompletenessItem[];
  recommended: RecommendedItem[];
} {
  const missing: CompletenessItem[] = [];
  if (lead.case.summary.trim().length === 0) missing.push("summary");
  if (lead.brands.length === 0) missing.push("brands");
  if (lead.case.suspectedCharges.length === 0) missing.push("suspectedCharges");
  if (lead.sites.length === 0) missing.push("sites");
  if (lead.accounts.length === 0) missing.push("accounts");
  if (Object.values(lead.amounts).every((amount) => amount === null || amount === "")) missing.push("amounts");
  const recommended: RecommendedItem[] = lead.testPurchases.length === 0 ? ["testPurchases"] : [];
  return { complete: missing.length === 0, missing, recommended };
}

// ---- What changed between two versions (for the audit record and the conflict message) ----

export const LEAD_SCALAR_FIELDS = [
  "title",
  "summary",
  "category",
  "priority",
  "jointOperationId",
  "suspectedCharges",
  "salesAmount",
  "unsoldGoodsValue",
  "illegalBusinessVolume",
  "illegalGains",
] as const;
export const LEAD_LIST_FIELDS = ["brands", "sites", "accounts", "enterprises", "persons", "logistics", "testPurchases"] as const;
export type LeadChangedField = (typeof LEAD_SCALAR_FIELDS)[number] | (typeof LEAD_LIST_FIELDS)[number];

/** A lead as compared: the form's output with the division picked and numbers normalised. */
export type LeadSnapshot = Pick<LeadInput, (typeof LEAD_SCALAR_FIELDS)[number] | (typeof LEAD_LIST_FIELDS)[number]>;

export interface LeadDiff {
  /** Short values from → to; long text (the summary) only as "changed", lengths given. */
  fields: Partial<Record<(typeof LEAD_SCALAR_FIELDS)[number], { from: unknown; to: unknown }>>;
  /** Row counts from → to, for every list whose rows changed (never the rows: they hold personal data). */
  lists: Partial<Record<(typeof LEAD_LIST_FIELDS)[number], { from: number; to: number }>>;
}

const SHORT_TEXT = 80;

function comparable(value: unknown): string {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string" && /^\d+(\.\d+)?$/.test(value)) return String(Number(value));
  return JSON.stringify(value);
}

function shortValue(value: unknown): unknown {
  if (typeof value === "string" && value.length > SHORT_TEXT) return `${value.slice(0, SHORT_TEXT)}…`;
  return value ?? null;
}

export function diffLeads(before: LeadSnapshot, after: LeadSnapshot): LeadDiff {
  const diff: LeadDiff = { fields: {}, lists: {} };
  for (const field of LEAD_SCALAR_FIELDS) {
    if (comparable(before[field]) === comparable(after[field])) continue;
    diff.fields[field] =
      field === "summary"
        ? { from: `(${before.summary.length})`, to: `(${after.summary.length})` }
        : { from: shortValue(before[field]), to: shortValue(after[field]) };
  }
  for (const field of LEAD_LIST_FIELDS) {
    const from = before[field] as readonly unknown[];
    const to = after[field] as readonly unknown[];
    if (JSON.stringify(from.map(normaliseRow)) !== JSON.stringify(to.map(normaliseRow))) {
      diff.lists[field] = { from: from.length, to: to.length };
    }
  }
  return diff;
}

function normaliseRow(row: unknown): unknown {
  if (!row || typeof row !== "object") return row;
  // An empty value and an absent key are the same thing (a form omits what a stored row holds as "").
  const entries = Object.entries(row as Record<string, unknown>)
    .filter(([key]) => key !== "id")
    .map(([key, value]) => [key, Array.isArray(value) ? value.map(normaliseRow) : comparable(value)] as const)
    .filter(([, value]) => value !== "" && !(Array.isArray(value) && value.length === 0))
    .sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries);
}

export function changedFields(diff: LeadDiff): LeadChangedField[] {
  return [...(Object.keys(diff.fields) as LeadChangedField[]), ...(Object.keys(diff.lists) as LeadChangedField[])];
}

// ---- The edit form's starting values ----

function pickerCodes(code: string | null): { province: string; city: string; district: string } {
  if (!code || !isDivisionCode(code)) return { province: "", city: "", district: "" };
  const level = divisionLevel(code);
  return {
    province: provinceOf(code),
    city: level === "province" ? "" : cityOf(code),
    district: level === "district" ? code : "",
  };
}

/**
 * A stored lead as the form's default value (strings, as inputs hold them). Masked personal data is left
 * out: the inputs of a viewer who sees masks stay empty, and the server keeps the stored values.
 */
export function leadFormDefaults(lead: LeadDetail) {
  // numeric(16,2) reads back as "530000.00": shown as typed, "530000".
  const text = (value: string | number | null) => (value === null ? "" : String(value).replace(/\.00$/, ""));
  return {
    title: lead.case.title,
    summary: lead.case.summary,
    category: lead.case.category,
    priority: lead.case.priority,
    jointOperationId: lead.case.jointOperation?.id ?? "",
    suspectedCharges: lead.case.suspectedCharges,
    brands: lead.brands,
    sites: lead.sites.map((site) => {
      const codes = pickerCodes(site.divisionCode);
      return {
        type: site.type,
        address: site.address,
        provinceCode: codes.province,
        cityCode: codes.city,
        districtCode: codes.district,
        latitude: text(site.latitude),
        longitude: text(site.longitude),
        coordinateSystem: site.coordinateSystem ?? "",
        precisionMeters: text(site.precisionMeters),
        locationSource: site.locationSource,
        notes: site.notes,
      };
    }),
    accounts: lead.accounts.map((account) => ({
      ...account,
      gmv: text(account.gmv),
      orders: text(account.orders),
      periodFrom: account.periodFrom ?? "",
      periodTo: account.periodTo ?? "",
      linkReasons: account.linkReasons.map((link) => ({ reason: link.reason, confidence: String(link.confidence) })),
    })),
    enterprises: lead.enterprises,
    persons: lead.persons.map((person) => ({
      id: person.id,
      role: person.role,
      name: person.name,
      idNumber: lead.personalDataMasked ? "" : person.idNumber,
      phone: lead.personalDataMasked ? "" : person.phone,
      notes: person.notes,
    })),
    salesAmount: text(lead.amounts.salesAmount),
    unsoldGoodsValue: text(lead.amounts.unsoldGoodsValue),
    illegalBusinessVolume: text(lead.amounts.illegalBusinessVolume),
    illegalGains: text(lead.amounts.illegalGains),
    logistics: lead.logistics.map((row) => {
      const codes = pickerCodes(row.shipFromDivisionCode);
      return {
        courier: row.courier,
        waybillNo: row.waybillNo,
        shipFromAddress: row.shipFromAddress,
        shipFromProvinceCode: codes.province,
        shipFromCityCode: codes.city,
        shipFromDistrictCode: codes.district,
        dailyVolume: text(row.dailyVolume),
        notes: row.notes,
      };
    }),
    testPurchases: lead.testPurchases.map((purchase) => ({
      ...purchase,
      amount: text(purchase.amount),
      purchasedOn: purchase.purchasedOn ?? "",
    })),
  };
}

// ---- The case list ----

export interface CaseListItem {
  id: string;
  reference: string;
  title: string;
  status: LeadStatus;
  category: Of<typeof GOODS_CATEGORIES>;
  priority: Of<typeof CASE_PRIORITIES>;
  divisionCode: string | null;
  divisionName: string | null;
  agency: { nameZh: string; nameEn: string } | null;
  authorName: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Another case that names the same store, seller, enterprise, phone or address (within the viewer's scope). */
export interface CrossCaseLink {
  caseId: string;
  reference: string;
  title: string;
  status: LeadStatus;
  matches: Array<{ kind: "store" | "seller" | "credit_code" | "phone" | "address"; value: string }>;
}

// ---- The lead form's answers (lead-form.server.ts → the form) ----

/** Who changed a lead since the version a user started from (a refused save shows it). */
export interface LeadConflictView {
  currentVersion: number;
  status: LeadStatus;
  changes: Array<{ action: string; actorName: string | null; occurredAt: string; fields: LeadChangedField[] }>;
}

/** What the new and edit actions answer with when they do not redirect. */
export interface LeadFormReply {
  result: SubmissionResult<string[]>;
  /** Lists for the division pickers, for the codes the posted form holds (a browser without JavaScript). */
  divisionOptions: Record<string, DivisionOption[]>;
  conflict?: LeadConflictView;
}
