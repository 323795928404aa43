/**
 * The quarterly blacklist of enterprises ("hundred enterprises selling fakes"), the rules that need no
 * database: which fields of an entry are published and how they are frozen, the quarter a version covers,
 * the candidate keys the draft page posts, and the shapes the pages receive. Shared with the browser; the
 * database side is blacklist.server.ts, the exports blacklist-export.server.ts.
 *
 * The life of the list (docs in blacklist.server.ts): candidates come from cases whose stores were closed or
 * whose people were convicted; an investigator or a platform lead proposes one into the draft for the current
 * quarter; another platform lead approves or rejects it (two-person rule); a platform lead signs the draft off
 * and publishes it as the next numbered version, each approved entry frozen to exactly its publishable
 * fields. Published versions are never edited: a correction is recorded against one, shown on it, and
 * carried out in the next version.
 */
import type { GoodsCategory } from "~/lib/db.server";
import { PUBLISHABLE_FIELDS, type PublishableField } from "./police";

export { PUBLISHABLE_FIELDS, type PublishableField };

/** Why an enterprise is on the list (db enum blacklist_basis): its stores were closed after a case, or its people were convicted. */
export const BLACKLIST_BASES = ["stores_closed", "convicted"] as const;
export type BlacklistBasis = (typeof BLACKLIST_BASES)[number];
export const BLACKLIST_ENTRY_STATUSES = ["proposed", "approved", "rejected"] as const;
export type BlacklistEntryStatus = (typeof BLACKLIST_ENTRY_STATUSES)[number];
/** The corrections a platform lead records against a published version. */
export const BLACKLIST_CORRECTION_KINDS = ["amended", "removed"] as const;
export type BlacklistCorrectionKind = (typeof BLACKLIST_CORRECTION_KINDS)[number];
export const REVIEW_DECISIONS = ["approve", "reject"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The verdicts that make a case's enterprises candidates. */
export const CONVICTED_VERDICTS = ["convicted", "partially_convicted"] as const;
/** The enterprises of a convicted case that are candidates: those that made or sold the goods. */
export const CANDIDATE_ENTERPRISE_ROLES = ["manufacturer", "seller"] as const;
/**
 * What of an enterprise taken from a convicted case is published unless the proposer chooses otherwise: not
 * its credit code, which for an individual business (个体工商户) points at a person.
 */
export const DEFAULT_PUBLISHABLE_FIELDS: readonly PublishableField[] = ["name", "province", "category", "reason"];

export const BLACKLIST_LIMITS = { note: 1000, name: 200 } as const;

/** The frozen published values of an entry: exactly its publishable fields, as codes (pages and exports name them). */
export interface PublishedValues {
  name?: string;
  credit_code?: string;
  /** GB/T 2260 province code, e.g. 350000. */
  province?: string;
  category?: GoodsCategory;
  reason?: BlacklistBasis;
}

/** What an entry holds (internal), from which its published values are taken. */
export interface EntryValues {
  enterpriseName: string;
  creditCode: string;
  provinceCode: string | null;
  category: GoodsCategory;
  basis: BlacklistBasis;
  publishableFields: readonly string[];
}

/**
 * Exactly the publishable fields of an entry, in the order of PUBLISHABLE_FIELDS; a field marked publishable
 * but empty (no credit code, no province) is left out rather than published empty.
 */
export function freezePublishedValues(entry: EntryValues): PublishedValues {
  const chosen = new Set(entry.publishableFields);
  const values: PublishedValues = {};
  for (const field of PUBLISHABLE_FIELDS) {
    if (!chosen.has(field)) continue;
    switch (field) {
      case "name":
        if (entry.enterpriseName) values.name = entry.enterpriseName;
        break;
      case "credit_code":
        if (entry.creditCode) values.credit_code = entry.creditCode;
        break;
      case "province":
        if (entry.provinceCode) values.province = entry.provinceCode;
        break;
      case "category":
        values.category = entry.category;
        break;
      case "reason":
        values.reason = entry.basis;
        break;
    }
  }
  return values;
}

/** The published values of a stored row (jsonb), keeping only known fields of the right type. */
export function readPublishedValues(stored: unknown): PublishedValues | null {
  if (!stored || typeof stored !== "object") return null;
  const source = stored as Record<string, unknown>;
  const values: PublishedValues = {};
  for (const field of PUBLISHABLE_FIELDS) {
    const value = source[field];
    if (typeof value === "string" && value) (values as Record<string, string>)[field] = value;
  }
  return values;
}

/** The fields a set of published values shows, in list order. */
export function publishedFields(values: PublishedValues): PublishableField[] {
  return PUBLISHABLE_FIELDS.filter((field) => values[field] !== undefined);
}

/** Publishable fields as chosen on a form: known ones, once each, in list order. */
export function normalisePublishableFields(fields: readonly string[]): PublishableField[] {
  const chosen = new Set(fields);
  return PUBLISHABLE_FIELDS.filter((field) => chosen.has(field));
}

/** The calendar quarter of a moment in the portal's time zone: "2026-Q4". */
export function quarterOf(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(at);
  const year = parts.find((part) => part.type === "year")?.value ?? "1970";
  const month = Number(parts.find((part) => part.type === "month")?.value ?? "1");
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

// ---- Candidates: a blacklist-candidate record of the platform's follow-up, or an enterprise of a convicted case ----

export type CandidateSource = { kind: "action"; id: string } | { kind: "enterprise"; id: string };

export function candidateKey(source: CandidateSource): string {
  return `${source.kind}:${source.id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseCandidateKey(key: string): CandidateSource | null {
  const match = /^(action|enterprise):(.+)$/.exec(key);
  if (!match || !UUID.test(match[2]!)) return null;
  return { kind: match[1] as CandidateSource["kind"], id: match[2]!.toLowerCase() };
}

// ---- What the pages receive ----

export interface CandidateView {
  key: string;
  source: CandidateSource["kind"];
  caseId: string;
  caseReference: string;
  caseTitle: string;
  basis: BlacklistBasis;
  /** The day of the judgment or of the first store closure. */
  basisDate: string | null;
  enterpriseName: string;
  creditCode: string;
  provinceCode: string | null;
  provinceName: string | null;
  category: GoodsCategory;
  /** The fields proposed for publication unless the proposer changes them. */
  publishableFields: PublishableField[];
  /** The follow-up record's reason (a blacklist-candidate record), or "". */
  note: string;
  recordedByName: string | null;
}

export interface DraftEntryView {
  id: string;
  version: number;
  status: BlacklistEntryStatus;
  caseId: string;
  caseReference: string;
  basis: BlacklistBasis;
  basisDate: string | null;
  enterpriseName: string;
  creditCode: string;
  provinceCode: string | null;
  provinceName: string | null;
  category: GoodsCategory;
  publishableFields: PublishableField[];
  /** What would be published as things stand. */
  preview: PublishedValues;
  proposedById: string;
  proposedByName: string;
  proposedAt: string;
  proposalNote: string;
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewNote: string;
  /** The published version this entry is carried forward from. */
  carriedFromVersion: number | null;
  /** Corrections to earlier versions carried out on this entry in the draft. */
  corrections: Array<{ kind: BlacklistCorrectionKind; version: number; reason: string }>;
}

export interface DraftView {
  id: string;
  quarter: string;
  version: number;
  createdAt: string;
  /** The number it gets when published. */
  nextNumber: number;
  entries: DraftEntryView[];
  counts: { proposed: number; approved: number; rejected: number; carried: number };
}

export interface PublishedEntryView {
  id: string;
  /** 1, 2, 3… in the order of the list. */
  position: number;
  values: PublishedValues;
  /** The province's name (GB/T 2260 names are proper names, in Chinese). */
  provinceName: string | null;
  corrections: CorrectionView[];
}

/**
 * One published field an amendment changes. A field withdrawn from publication comes without its value: the
 * correction's record is shown on every later version, and must not go on publishing what it withdrew.
 */
export interface AmendmentChange {
  field: PublishableField;
  /** The published value before; null when the field was not published, or is withdrawn now. */
  before: string | null;
  /** The published value from the correcting version on; null when withdrawn. */
  after: string | null;
}

/** What an amendment changes in the published values, field by field, in list order. */
export function amendmentChanges(before: PublishedValues | null, after: PublishedValues | null): AmendmentChange[] {
  const changes: AmendmentChange[] = [];
  for (const field of PUBLISHABLE_FIELDS) {
    const was = before?.[field] ?? null;
    const will = after?.[field] ?? null;
    if (was === will) continue;
    changes.push({ field, before: will === null ? null : was, after: will });
  }
  return changes;
}

export interface CorrectionView {
  id: string;
  kind: BlacklistCorrectionKind | "added";
  reason: string;
  entryId: string | null;
  /** The entry's position and name in the corrected version, as published. */
  entryPosition: number | null;
  entryName: string | null;
  /** For an amendment: what it changes. */
  changes: AmendmentChange[];
  recordedByName: string;
  recordedAt: string;
  /** The version that carries it out: its number once published, null while it is the draft. */
  correctedInVersion: number | null;
  /** The version it was recorded against (for the corrections a version carries out). */
  correctsVersion: number;
}

export interface VersionSummary {
  number: number;
  quarter: string;
  publishedAt: string;
  entries: number;
  corrections: number;
}

export interface PublishedVersionView {
  id: string;
  number: number;
  quarter: string;
  publishedAt: string;
  signedOffByName: string;
  publicationNote: string;
  entries: PublishedEntryView[];
  /** Corrections recorded against this version. */
  corrections: CorrectionView[];
  /** Corrections to earlier versions that this version carries out. */
  carriesOut: CorrectionView[];
  latestNumber: number;
  /** The names of the provinces its values and corrections name, by code. */
  provinceNames: Record<string, string>;
}
