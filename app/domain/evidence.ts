/**
 * Evidence files: shapes and rules shared by the server and the browser (the uploader checks sizes and
 * formats before sending, the server checks them again against the bytes).
 */
import type { CaseStatus, CustodyAction, EvidenceKind, EvidenceSensitivity } from "~/lib/db.server";

export const EVIDENCE_KINDS = [
  "photo",
  "video",
  "document",
  "screenshot",
  "authentication_report",
  "seizure_list",
  "mou_document",
  "other",
] as const satisfies readonly EvidenceKind[];

/** Kinds offered when uploading to a case (a signed MOU is stored with its MOU, not a case). */
export const CASE_EVIDENCE_KINDS = [
  "photo",
  "video",
  "document",
  "screenshot",
  "authentication_report",
  "seizure_list",
  "other",
] as const satisfies readonly Exclude<EvidenceKind, "mou_document">[];

export const EVIDENCE_SENSITIVITIES = ["normal", "sensitive", "restricted"] as const satisfies readonly EvidenceSensitivity[];

export const CUSTODY_ACTIONS = [
  "upload",
  "view",
  "download",
  "share",
  "export",
  "verify",
  "integrity_failure",
  "withdraw",
] as const satisfies readonly CustodyAction[];

/** A case that is over takes no more evidence; everything it holds stays readable. */
export const EVIDENCE_CLOSED_STATUSES: readonly CaseStatus[] = ["closed", "withdrawn"];

export function caseAcceptsEvidence(status: CaseStatus): boolean {
  return !EVIDENCE_CLOSED_STATUSES.includes(status);
}

/** One evidence file as the case page lists it (dates as ISO strings: it travels as JSON). */
export interface EvidenceListItem {
  id: string;
  caseId: string | null;
  originalName: string;
  kind: EvidenceKind;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  sensitivity: EvidenceSensitivity;
  description: string;
  capturedBy: string;
  capturedAt: string | null;
  uploadedAt: string;
  uploadedByName: string;
  organisationNameZh: string;
  organisationNameEn: string;
  /** The viewer's own organisation uploaded it (only that organisation may withdraw it). */
  ownOrganisation: boolean;
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  withdrawnReason: string | null;
  integrityFailedAt: string | null;
}

export interface CustodyListItem {
  id: string;
  action: CustodyAction;
  occurredAt: string;
  actorName: string | null;
  organisationNameZh: string | null;
  organisationNameEn: string | null;
  reason: string;
  sha256: string | null;
  ip: string | null;
}

/**
 * The formats evidence may come in. `detects` are the file-type package's names for what it reads in the
 * bytes; `extensions` are the file names that may carry it; `declared` are the Content-Types senders use for
 * it. Text formats cannot be detected from bytes (file-type reads binary signatures): they are recognised by
 * their extension and accepted when the bytes look like text.
 */
export interface EvidenceFormat {
  id: string;
  contentType: string;
  extensions: readonly string[];
  detects: readonly string[];
  declared: readonly string[];
  text?: boolean;
  /** Safe to show in the browser (?inline=1); everything else is always an attachment. */
  inline?: boolean;
}

export const EVIDENCE_FORMATS: readonly EvidenceFormat[] = [
  { id: "jpeg", contentType: "image/jpeg", extensions: ["jpg", "jpeg", "jpe"], detects: ["jpg"], declared: ["image/jpeg", "image/jpg", "image/pjpeg"], inline: true },
  { id: "png", contentType: "image/png", extensions: ["png"], detects: ["png", "apng"], declared: ["image/png", "image/apng"], inline: true },
  { id: "gif", contentType: "image/gif", extensions: ["gif"], detects: ["gif"], declared: ["image/gif"], inline: true },
  { id: "webp", contentType: "image/webp", extensions: ["webp"], detects: ["webp"], declared: ["image/webp"], inline: true },
  { id: "bmp", contentType: "image/bmp", extensions: ["bmp"], detects: ["bmp"], declared: ["image/bmp", "image/x-ms-bmp"], inline: true },
  { id: "tiff", contentType: "image/tiff", extensions: ["tif", "tiff"], detects: ["tif"], declared: ["image/tiff"] },
  { id: "heic", contentType: "image/heic", extensions: ["heic", "heif"], detects: ["heic"], declared: ["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"] },
  { id: "mp4", contentType: "video/mp4", extensions: ["mp4", "m4v"], detects: ["mp4", "m4v", "f4v"], declared: ["video/mp4", "video/x-m4v"], inline: true },
  { id: "mov", contentType: "video/quicktime", extensions: ["mov", "qt"], detects: ["mov"], declared: ["video/quicktime"] },
  { id: "webm", contentType: "video/webm", extensions: ["webm"], detects: ["webm"], declared: ["video/webm", "audio/webm"], inline: true },
  { id: "avi", contentType: "video/x-msvideo", extensions: ["avi"], detects: ["avi"], declared: ["video/x-msvideo", "video/avi", "video/vnd.avi", "video/msvideo"] },
  { id: "mkv", contentType: "video/x-matroska", extensions: ["mkv"], detects: ["mkv"], declared: ["video/x-matroska", "video/matroska"] },
  { id: "3gp", contentType: "video/3gpp", extensions: ["3gp"], detects: ["3gp"], declared: ["video/3gpp", "audio/3gpp"] },
  { id: "mp3", contentType: "audio/mpeg", extensions: ["mp3"], detects: ["mp3"], declared: ["audio/mpeg", "audio/mp3"], inline: true },
  { id: "m4a", contentType: "audio/mp4", extensions: ["m4a"], detects: ["m4a"], declared: ["audio/mp4", "audio/x-m4a", "audio/m4a"] },
  { id: "wav", contentType: "audio/wav", extensions: ["wav"], detects: ["wav"], declared: ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"], inline: true },
  { id: "amr", contentType: "audio/amr", extensions: ["amr"], detects: ["amr"], declared: ["audio/amr"] },
  { id: "pdf", contentType: "application/pdf", extensions: ["pdf"], detects: ["pdf"], declared: ["application/pdf", "application/x-pdf"], inline: true },
  {
    id: "docx",
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    detects: ["docx"],
    declared: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  {
    id: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
    detects: ["xlsx"],
    declared: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  },
  {
    id: "pptx",
    contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: ["pptx"],
    detects: ["pptx"],
    declared: ["application/vnd.openxmlformats-officedocument.presentationml.presentation"],
  },
  {
    // Word 97–2003, Excel 97–2003, PowerPoint 97–2003 and Outlook messages share one container format.
    id: "cfb",
    contentType: "application/x-cfb",
    extensions: ["doc", "xls", "ppt", "msg"],
    detects: ["cfb"],
    declared: ["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/vnd.ms-outlook", "application/x-cfb"],
  },
  // OFD (China's fixed-layout format for e-invoices and official documents) is a ZIP container.
  { id: "zip", contentType: "application/zip", extensions: ["zip", "ofd"], detects: ["zip"], declared: ["application/zip", "application/x-zip-compressed", "application/ofd"] },
  { id: "7z", contentType: "application/x-7z-compressed", extensions: ["7z"], detects: ["7z"], declared: ["application/x-7z-compressed"] },
  { id: "rar", contentType: "application/vnd.rar", extensions: ["rar"], detects: ["rar"], declared: ["application/vnd.rar", "application/x-rar-compressed", "application/x-rar"] },
  // Text: recognised by extension, checked to be text.
  { id: "txt", contentType: "text/plain", extensions: ["txt", "log", "md"], detects: [], declared: ["text/plain", "text/markdown", "text/x-log"], text: true, inline: true },
  {
    id: "csv",
    contentType: "text/csv",
    extensions: ["csv"],
    detects: [],
    // Windows browsers send CSV as Excel's type.
    declared: ["text/csv", "text/plain", "application/csv", "text/x-csv", "application/vnd.ms-excel", "text/comma-separated-values"],
    text: true,
    inline: true,
  },
  { id: "tsv", contentType: "text/tab-separated-values", extensions: ["tsv"], detects: [], declared: ["text/tab-separated-values", "text/plain"], text: true, inline: true },
  { id: "json", contentType: "application/json", extensions: ["json"], detects: [], declared: ["application/json", "text/json", "text/plain"], text: true },
  { id: "eml", contentType: "message/rfc822", extensions: ["eml"], detects: [], declared: ["message/rfc822"], text: true },
];

/** For the file input's `accept`: every extension the portal takes. */
export const ACCEPTED_EXTENSIONS: readonly string[] = EVIDENCE_FORMATS.flatMap((format) => format.extensions.map((ext) => `.${ext}`));

export function formatForContentType(contentType: string): EvidenceFormat | undefined {
  return EVIDENCE_FORMATS.find((format) => format.contentType === contentType);
}

/** The lower-case extension of a file name, or "" when it has none. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/**
 * The name as shown and stored: the last path segment (old browsers sent whole paths), without control
 * characters, at most 255 characters (keeping the extension). It is only ever displayed or sent back in a
 * Content-Disposition header, never used as a path.
 */
export function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (raw.split(/[/\\]/).pop() ?? "").replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  if (!base) return "unnamed";
  if (base.length <= 255) return base;
  const extension = extensionOf(base);
  return extension && extension.length < 20 ? `${base.slice(0, 254 - extension.length)}.${extension}` : base.slice(0, 255);
}

/** A kind guessed from the file, to preselect in the uploader (the investigator can change it). */
export function guessEvidenceKind(fileName: string, browserType: string): EvidenceKind {
  const extension = extensionOf(fileName);
  if (browserType.startsWith("video/") || ["mp4", "mov", "webm", "avi", "mkv", "3gp", "m4v"].includes(extension)) return "video";
  if (/screenshot|截图|截屏|屏幕快照/i.test(fileName)) return "screenshot";
  if (browserType.startsWith("image/")) return "photo";
  if (/鉴定|authentic/i.test(fileName)) return "authentication_report";
  if (/扣押|seizure/i.test(fileName)) return "seizure_list";
  if (["pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "ofd", "ppt", "pptx"].includes(extension)) return "document";
  return "other";
}

/** Why an evidence file was refused; the interface says it in the viewer's language (evidence.rejection.*). */
export type EvidenceRejection =
  | { code: "too_large"; maxBytes: number }
  | { code: "empty" }
  | { code: "not_accepted"; detected: string }
  | { code: "unrecognised"; extension: string }
  | { code: "extension_mismatch"; detected: string; extension: string }
  | { code: "declared_mismatch"; detected: string; declared: string }
  | { code: "not_text"; extension: string }
  | { code: "case_closed" }
  | { code: "invalid_fields"; fields: Record<string, string[]> }
  | { code: "malformed" }
  | { code: "no_file" };

export type EvidenceRejectionCode = EvidenceRejection["code"];

/** The uploader's answer per file (JSON from POST /cases/:id/evidence). */
export type EvidenceUploadAnswer =
  | { ok: true; files: { id: string; originalName: string; sha256: string; sizeBytes: number }[] }
  | { ok: false; originalName: string | null; rejection: EvidenceRejection; stored: { id: string; originalName: string }[] };

/**
 * "2026-11-20T14:30" typed into a datetime-local field, read in the portal's time zone (not the server's or
 * the browser's), as an instant. Null when it is not such a value.
 */
export function zonedLocalDateTime(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second ?? 0);
  if (Number.isNaN(asUtc)) return null;
  // The zone's offset at that moment (computed twice: the first guess can sit on the other side of a change).
  let instant = asUtc - zoneOffsetMs(asUtc, timeZone);
  instant = asUtc - zoneOffsetMs(instant, timeZone);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day!) return null; // 2026-02-30
  return new Date(instant);
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return local - Math.floor(instant / 1000) * 1000;
}

/** The value a datetime-local field shows for an instant, in the portal's time zone. */
export function toZonedLocalInput(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** 1536 → "1.5 MB" in the reader's locale (binary multiples, the way operating systems show file sizes). */
export function formatFileSize(bytes: number, locale: string): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/**
 * What a form posted without JavaScript reports back on the case page (a query parameter after the
 * redirect): how many files were kept, and why others were refused.
 */
export interface UploadNotice {
  stored: number;
  refused: { name: string | null; rejection: EvidenceRejection }[];
}

export function encodeUploadNotice(notice: UploadNotice): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ ...notice, refused: notice.refused.slice(0, 10) }));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The notice, or null for anything that is not one (the parameter comes from the address bar). */
export function decodeUploadNotice(value: string | null): UploadNotice | null {
  if (!value || value.length > 8000) return null;
  try {
    const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))) as unknown;
    if (typeof parsed !== "object" || parsed === null) return null;
    const { stored, refused } = parsed as Partial<UploadNotice>;
    if (typeof stored !== "number" || !Array.isArray(refused)) return null;
    const valid = refused.filter(
      (entry) =>
        typeof entry === "object" &&
        entry !== null &&
        (typeof entry.name === "string" || entry.name === null) &&
        typeof entry.rejection?.code === "string",
    );
    return { stored, refused: valid.slice(0, 10) };
  } catch {
    return null;
  }
}
