/**
 * The police side of a case as the pages see it (issue 4, helper B): the closed sets of the police tables as
 * values the browser can use (police.test.ts checks they match the database enums), which states allow
 * which record, the seizure totals, and the shapes the case page and the edit forms receive. Pure and shared
 * with the browser; the database side is case-notes.server.ts, raids.server.ts, case-outcomes.server.ts,
 * platform-actions.server.ts and police-section.server.ts.
 */
import type {
  CaseStatus,
  ClosureReason,
  CriminalArticle,
  PlatformActionKind,
  SeizureUnit,
  ValuationMethod,
} from "~/lib/db.server";

export const NOTE_VISIBILITIES = ["agency", "shared"] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];
export const SEIZURE_UNITS = ["pairs", "boxes", "pieces", "sets", "cartons", "kilograms", "rolls", "other"] as const satisfies readonly SeizureUnit[];
export const VALUATION_METHODS = [
  "actual_sale_price",
  "marked_price",
  "genuine_market_price",
  "price_appraisal",
  "invoice",
  "other",
] as const satisfies readonly ValuationMethod[];
export const FILING_DECISIONS = ["filed", "not_filed"] as const;
export type FilingDecision = (typeof FILING_DECISIONS)[number];
export const OUTCOME_ROUTES = ["criminal", "administrative"] as const;
export type OutcomeRoute = (typeof OUTCOME_ROUTES)[number];
export const VERDICTS = ["convicted", "acquitted", "partially_convicted"] as const;
export type Verdict = (typeof VERDICTS)[number];
export const CLOSURE_REASONS = [
  "judgment",
  "administrative_penalty",
  "not_filed",
  "no_crime_found",
  "transferred_elsewhere",
  "other",
] as const satisfies readonly ClosureReason[];
export const PLATFORM_ACTION_KINDS = ["store_closed", "account_banned", "blacklist_candidate"] as const satisfies readonly PlatformActionKind[];
/** What of a blacklist candidate may appear in the published blacklist (platform_actions.publishable_fields). */
export const PUBLISHABLE_FIELDS = ["name", "credit_code", "province", "category", "reason"] as const;
export type PublishableField = (typeof PUBLISHABLE_FIELDS)[number];

/** Investigation notes: from acceptance until the case is closed. */
export const NOTE_STATUSES = ["accepted", "investigating", "raided", "prosecution"] as const satisfies readonly CaseStatus[];
/** Raids: once the investigation has started, until the case is closed. */
export const RAID_STATUSES = ["investigating", "raided", "prosecution"] as const satisfies readonly CaseStatus[];
/** The outcome record (filing, persons, charges, prosecution): from acceptance until the case is closed. */
export const OUTCOME_STATUSES = ["accepted", "investigating", "raided", "prosecution"] as const satisfies readonly CaseStatus[];
/** The platform's follow-up: once an agency has accepted the case, and after it closed. */
export const PLATFORM_ACTION_STATUSES = ["accepted", "investigating", "raided", "prosecution", "closed"] as const satisfies readonly CaseStatus[];

const within = (list: readonly CaseStatus[]) => (status: CaseStatus) => list.includes(status);
export const notesAllowedIn = within(NOTE_STATUSES);
export const raidsAllowedIn = within(RAID_STATUSES);
export const outcomeEditableIn = within(OUTCOME_STATUSES);
export const platformActionsAllowedIn = within(PLATFORM_ACTION_STATUSES);

export const POLICE_LIMITS = {
  noteLength: 4000,
  raidSites: 20,
  seizures: 50,
  text: 500,
  longText: 4000,
} as const;

// ---- Money and quantities: decimal strings, summed in hundredths (no floating point on the way) ----

/** "400000.00" → 40000000 hundredths; null for an empty or malformed value. */
export function toHundredths(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, sign, whole = "0", fraction = ""] = match;
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign ? -hundredths : hundredths;
}

export function fromHundredths(value: number): string {
  const sign = value < 0 ? "-" : "";
  const absolute = Math.abs(value);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** ¥400,000 / ¥1,234.50 in the reader's locale (decimals only when there are any). */
export function formatYuan(value: string | null | undefined, locale: string): string {
  const hundredths = toHundredths(value ?? null);
  if (hundredths === null) return "";
  const fraction = hundredths % 100 !== 0;
  return `¥${new Intl.NumberFormat(locale, {
    minimumFractionDigits: fraction ? 2 : 0,
    maximumFractionDigits: 2,
  }).format(hundredths / 100)}`;
}

/** A quantity as typed or stored ("326.00") for reading: "326". */
export function formatQuantity(value: string, locale: string): string {
  const hundredths = toHundredths(value);
  if (hundredths === null) return value;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(hundredths / 100);
}

export interface SeizureFigures {
  quantity: string;
  unit: SeizureUnit;
  valueYuan: string | null;
  counterfeitLabels: number;
}

export interface SeizureTotals {
  seizures: number;
  /** The sum of the seizures' values, yuan with two decimals; "0.00" when none has a value. */
  valueYuan: string;
  /** Seizures that carry no value (their goods are not in the total). */
  unvalued: number;
  counterfeitLabels: number;
  /** Quantities added up per unit, in the order of SEIZURE_UNITS. */
  quantities: Array<{ unit: SeizureUnit; quantity: string }>;
}

export function seizureTotals(seizures: readonly SeizureFigures[]): SeizureTotals {
  let value = 0;
  let unvalued = 0;
  let labels = 0;
  const byUnit = new Map<SeizureUnit, number>();
  for (const seizure of seizures) {
    const seizureValue = toHundredths(seizure.valueYuan);
    if (seizureValue === null) unvalued += 1;
    else value += seizureValue;
    labels += seizure.counterfeitLabels;
    byUnit.set(seizure.unit, (byUnit.get(seizure.unit) ?? 0) + (toHundredths(seizure.quantity) ?? 0));
  }
  return {
    seizures: seizures.length,
    valueYuan: fromHundredths(value),
    unvalued,
    counterfeitLabels: labels,
    quantities: SEIZURE_UNITS.filter((unit) => byUnit.has(unit)).map((unit) => ({ unit, quantity: fromHundredths(byUnit.get(unit)!) })),
  };
}

// ---- Concurrent edits ----

/** A save over a newer version: who changed the record since, when, and which fields; what is stored now. */
export interface RecordConflict {
  currentVersion: number;
  changes: Array<{ actorName: string | null; occurredAt: string; action: string; fields: string[] }>;
  /** The stored values of the changed fields, as text for reading (field → value). */
  current: Record<string, string>;
}

// ---- What the case page receives ----

export interface NoteView {
  id: string;
  visibility: NoteVisibility;
  body: string;
  authorName: string;
  organisationNameZh: string;
  organisationNameEn: string;
  createdAt: string;
}

export interface RaidSiteView {
  position: number;
  caseSiteId: string | null;
  type: string;
  address: string;
  divisionCode: string;
  divisionName: string | null;
}

export interface SeizureView extends SeizureFigures {
  position: number;
  product: string;
  brand: string;
  equipment: string;
  valuationMethod: ValuationMethod | null;
  notes: string;
  seizureList: { id: string; originalName: string; withdrawn: boolean } | null;
}

export interface RaidView {
  id: string;
  raidedAt: string;
  units: string;
  platformStaff: string;
  summary: string;
  version: number;
  recordedByName: string;
  updatedByName: string | null;
  updatedAt: string;
  sites: RaidSiteView[];
  seizures: SeizureView[];
  totals: SeizureTotals;
}

export interface OutcomeView {
  filingDecision: FilingDecision | null;
  policeCaseNumber: string;
  filedOn: string | null;
  notFiledReason: string;
  detained: number;
  arrested: number;
  onBail: number;
  residentialSurveillance: number;
  charges: CriminalArticle[];
  route: OutcomeRoute | null;
  transferredToProcuratorateOn: string | null;
  procuratorate: string;
  indictedOn: string | null;
  court: string;
  judgmentOn: string | null;
  verdict: Verdict | null;
  sentence: string;
  finesYuan: string | null;
  administrativeAuthority: string;
  administrativeDecision: string;
  administrativeDecidedOn: string | null;
  administrativeFineYuan: string | null;
  closureReason: ClosureReason | null;
  closedAt: string | null;
  version: number;
  updatedByName: string | null;
  updatedAt: string;
}

export interface PlatformActionView {
  id: string;
  kind: PlatformActionKind;
  marketplace: string | null;
  storeId: string;
  sellerId: string;
  storeName: string | null;
  enterpriseName: string;
  creditCode: string;
  publishableFields: PublishableField[];
  takenOn: string;
  note: string;
  createdByName: string;
  createdAt: string;
  retractedByName: string | null;
  retractedAt: string | null;
  retractionReason: string;
  version: number;
}

/** The case page's police section: notes, raids and seizures, the outcome record and the platform's follow-up. */
export interface PoliceSectionView {
  /** Whether the section has anything to show or offer (a case not yet accepted has none). */
  visible: boolean;
  notes: NoteView[];
  raids: RaidView[];
  totals: SeizureTotals;
  outcome: OutcomeView | null;
  platformActions: PlatformActionView[];
  can: {
    addNote: boolean;
    recordRaid: boolean;
    editOutcome: boolean;
    recordPlatformAction: boolean;
  };
}
