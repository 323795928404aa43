/**
 * Evidence files and their chain of custody (issue 3, "Evidence and its custody").
 *
 * - Bytes arrive as a stream and are staged on disk while their SHA-256 is computed (never whole in memory);
 *   the size limit applies as they arrive; the content type is read from the bytes and checked against the
 *   file name and the declared type before anything is kept.
 * - Evidence is never overwritten or deleted: a withdrawal keeps the row and the bytes.
 * - Every touch writes a custody event (actor, time, reason, the hash seen): upload, view, download, share,
 *   export, verification, integrity failure, withdrawal. Downloads re-hash the stored bytes first and refuse
 *   a file that no longer matches, flagging it on the case.
 * - Access goes through the case: an evidence file is found only through a case the viewer may see, so
 *   another agency's file is a 404 from the query itself.
 */
import { createHash } from "node:crypto";
import { Transform, pipeline, type Readable } from "node:stream";
import { and, asc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  cases,
  custodyEvents,
  evidenceFiles,
  organisations,
  users,
  type CustodyAction,
  type DbOrTx,
  type EvidenceFile,
  type EvidenceKind,
  type EvidenceSensitivity,
  type Transaction,
} from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { forbidden, notFound, type RequestMeta } from "~/lib/http.server";
import {
  BlobNotFoundError,
  FileTooLargeError,
  evidenceStorage,
  storageFor,
  type ByteSource,
} from "~/lib/storage/storage.server";
import { sha256Of } from "~/lib/storage/staging.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { caseScopeCondition, requireCaseForViewer } from "./case-access.server";
import { checkEvidenceContent } from "./evidence-content.server";
import {
  caseAcceptsEvidence,
  cleanFileName,
  formatForContentType,
  type CustodyListItem,
  type EvidenceListItem,
  type EvidenceRejection,
} from "./evidence";
import { can, type Viewer } from "./policy";
import { isUuid } from "~/lib/ids";


export interface StoreEvidenceInput {
  /** Null only for a signed MOU document (kind "mou_document"), stored by an administrator. */
  caseId: string | null;
  /** The organisation the file belongs to: the uploader's own for case evidence. */
  organisationId: string;
  kind: EvidenceKind;
  /** The name the uploader's computer gave it; shown, never used as a path. */
  originalName: string;
  /** The Content-Type the sender declared (checked against the bytes, never trusted). */
  declaredType: string;
  sensitivity: EvidenceSensitivity;
  description: string;
  capturedBy: string;
  capturedAt: Date | null;
  stream: ByteSource;
}

export type StoreEvidenceResult = { ok: true; evidence: EvidenceFile } | { ok: false; rejection: EvidenceRejection };

/** The largest file accepted (EVIDENCE_MAX_BYTES), for the uploader to check before it sends. */
export function evidenceUploadLimit(): number {
  return env().evidenceMaxBytes;
}

function forbid(): never {
  throw forbidden();
}

/**
 * Receives one file: checks the viewer may add evidence here, stages the bytes (hash and size limit),
 * checks the content type against the bytes, keeps them, and records the row, its first custody event
 * ('upload', with the hash) and the audit record in one transaction. A refused file is not kept; the refusal
 * is audited and returned with its reason.
 */
export async function storeEvidence(
  db: DbOrTx,
  viewer: Viewer,
  input: StoreEvidenceInput,
  /** `at`: when it was received, for the demo seed's back-dated story; otherwise now. */
  meta: RequestMeta & { at?: Date },
  options: { maxBytes?: number } = {},
): Promise<StoreEvidenceResult> {
  if (input.caseId === null) {
    if (!can(viewer, "mou.manage") || input.kind !== "mou_document") forbid();
  } else {
    if (!can(viewer, "evidence.upload")) forbid();
    if (input.organisationId !== viewer.organisationId) forbid();
    const lead = await requireCaseForViewer(db, viewer, input.caseId);
    if (!caseAcceptsEvidence(lead.status)) return refuse(db, viewer, input, { code: "case_closed" }, meta);
  }

  const originalName = cleanFileName(input.originalName);
  const storage = evidenceStorage();
  const maxBytes = options.maxBytes ?? env().evidenceMaxBytes;
  let staged;
  try {
    staged = await storage.stage(input.stream, { maxBytes });
  } catch (error) {
    if (error instanceof FileTooLargeError) return refuse(db, viewer, input, { code: "too_large", maxBytes }, meta);
    throw error;
  }
  if (staged.sizeBytes === 0) {
    await staged.discard();
    return refuse(db, viewer, input, { code: "empty" }, meta);
  }
  const content = await checkEvidenceContent({
    path: staged.path,
    head: staged.head,
    fileName: originalName,
    declaredType: input.declaredType,
  });
  if (!content.ok) {
    await staged.discard();
    return refuse(db, viewer, input, content.rejection, meta, { sha256: staged.sha256, sizeBytes: staged.sizeBytes });
  }
  const stored = await storage.commit(staged, {
    contentType: content.format.contentType,
    extension: content.format.extensions[0],
  });
  // A blob kept whose row then fails to commit is an orphan, never a loss: storage is write-once and
  // content-addressed, so the same bytes uploaded again find it.

  const evidence = await db.transaction(async (tx) => {
    if (input.caseId) await requireCaseForViewer(tx, viewer, input.caseId);
    const [row] = await tx
      .insert(evidenceFiles)
      .values({
        caseId: input.caseId,
        organisationId: input.organisationId,
        kind: input.kind,
        originalName,
        contentType: content.format.contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        storageBackend: storage.backend,
        storageKey: stored.key,
        sensitivity: input.sensitivity,
        description: input.description,
        capturedBy: input.capturedBy,
        capturedAt: input.capturedAt,
        uploadedBy: viewer.userId,
        uploadedAt: meta.at ?? new Date(),
      })
      .returning();
    await recordCustody(tx, { evidence: row!, action: "upload", actor: viewer, sha256: stored.sha256, ip: meta.ip, at: meta.at });
    await recordAudit(tx, {
      action: "evidence.uploaded",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "evidence_file",
      entityId: row!.id,
      caseId: input.caseId,
      details: {
        originalName,
        kind: input.kind,
        contentType: content.format.contentType,
        declaredType: input.declaredType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        sensitivity: input.sensitivity,
        storageBackend: storage.backend,
      },
    });
    return row!;
  });
  return { ok: true, evidence };
}

async function refuse(
  db: DbOrTx,
  viewer: Viewer,
  input: StoreEvidenceInput,
  rejection: EvidenceRejection,
  meta: RequestMeta,
  measured: { sha256?: string; sizeBytes?: number } = {},
): Promise<StoreEvidenceResult> {
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      action: "evidence.upload_refused",
      outcome: "failure",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "case",
      entityId: input.caseId,
      caseId: input.caseId,
      details: { originalName: cleanFileName(input.originalName), declaredType: input.declaredType, rejection, ...measured },
    });
  });
  return { ok: false, rejection };
}

export interface CustodyRecord {
  evidence: Pick<EvidenceFile, "id" | "caseId">;
  action: CustodyAction;
  /** Who did it; null for the system itself (a scheduled verification). */
  actor: Pick<Viewer, "userId" | "organisationId"> | null;
  reason?: string;
  /** The hash the portal saw at this moment (computed or, for an export, the one it printed). */
  sha256?: string | null;
  ip?: string | null;
  /** When it happened; now unless given. */
  at?: Date;
}

/**
 * Appends one custody event. For other modules too: the referral packet records 'export', sharing records
 * 'share', packet verification 'verify'. It writes only the custody event: the caller writes its own audit
 * record in the same transaction, once for the whole operation rather than once per file.
 */
export async function recordCustody(tx: Transaction, record: CustodyRecord): Promise<void> {
  await tx.insert(custodyEvents).values({
    evidenceId: record.evidence.id,
    caseId: record.evidence.caseId,
    action: record.action,
    actorUserId: record.actor?.userId ?? null,
    actorOrganisationId: record.actor?.organisationId ?? null,
    reason: record.reason ?? "",
    sha256: record.sha256 ?? null,
    ip: record.ip ?? null,
    // From the clock, not the transaction's start, so events of one transaction keep their order.
    occurredAt: record.at ?? new Date(),
  });
}

/**
 * The evidence row, if the viewer may see it: through a case in their scope, or — for a signed MOU document,
 * which has no case — as an administrator of MOUs. Otherwise 404, the same as a file that does not exist.
 */
export async function requireEvidenceForViewer(db: DbOrTx, viewer: Viewer, evidenceId: string): Promise<EvidenceFile> {
  if (!isUuid(evidenceId)) throw notFound();
  const [row] = await db
    .select({ evidence: evidenceFiles })
    .from(evidenceFiles)
    .leftJoin(cases, eq(cases.id, evidenceFiles.caseId))
    .where(
      and(
        eq(evidenceFiles.id, evidenceId),
        or(
          and(isNotNull(evidenceFiles.caseId), caseScopeCondition(viewer)),
          can(viewer, "mou.manage") ? isNull(evidenceFiles.caseId) : sql`false`,
        ),
      ),
    )
    .limit(1);
  if (!row) throw notFound();
  return row.evidence;
}

const withdrawers = alias(users, "withdrawers");

/** Every evidence file of a case in the viewer's scope (withdrawn ones too: they stay in the record). */
export async function listCaseEvidence(db: DbOrTx, viewer: Viewer, caseId: string): Promise<EvidenceListItem[]> {
  const lead = await requireCaseForViewer(db, viewer, caseId);
  const rows = await db
    .select({
      evidence: evidenceFiles,
      uploadedByName: users.displayName,
      organisationNameZh: organisations.nameZh,
      organisationNameEn: organisations.nameEn,
      withdrawnByName: withdrawers.displayName,
    })
    .from(evidenceFiles)
    .innerJoin(users, eq(users.id, evidenceFiles.uploadedBy))
    .innerJoin(organisations, eq(organisations.id, evidenceFiles.organisationId))
    .leftJoin(withdrawers, eq(withdrawers.id, evidenceFiles.withdrawnBy))
    .where(eq(evidenceFiles.caseId, lead.id))
    .orderBy(asc(evidenceFiles.uploadedAt), asc(evidenceFiles.id));
  return rows.map(({ evidence, ...names }) => toListItem(evidence, names, viewer));
}

function toListItem(
  evidence: EvidenceFile,
  names: { uploadedByName: string; organisationNameZh: string; organisationNameEn: string; withdrawnByName: string | null },
  viewer: Viewer,
): EvidenceListItem {
  return {
    id: evidence.id,
    caseId: evidence.caseId,
    originalName: evidence.originalName,
    kind: evidence.kind,
    contentType: evidence.contentType,
    sizeBytes: evidence.sizeBytes,
    sha256: evidence.sha256,
    sensitivity: evidence.sensitivity,
    description: evidence.description,
    capturedBy: evidence.capturedBy,
    capturedAt: evidence.capturedAt?.toISOString() ?? null,
    uploadedAt: evidence.uploadedAt.toISOString(),
    uploadedByName: names.uploadedByName,
    organisationNameZh: names.organisationNameZh,
    organisationNameEn: names.organisationNameEn,
    ownOrganisation: evidence.organisationId === viewer.organisationId,
    withdrawnAt: evidence.withdrawnAt?.toISOString() ?? null,
    withdrawnByName: evidence.withdrawnAt ? names.withdrawnByName : null,
    withdrawnReason: evidence.withdrawnReason,
    integrityFailedAt: evidence.integrityFailedAt?.toISOString() ?? null,
  };
}

export interface EvidenceDetail extends EvidenceListItem {
  caseReference: string | null;
  caseTitle: string | null;
}

/** One evidence file with its names and its case, for the custody page. */
export async function getEvidenceDetail(db: DbOrTx, viewer: Viewer, evidenceId: string): Promise<EvidenceDetail> {
  const evidence = await requireEvidenceForViewer(db, viewer, evidenceId);
  const [names] = await db
    .select({
      uploadedByName: users.displayName,
      organisationNameZh: organisations.nameZh,
      organisationNameEn: organisations.nameEn,
      withdrawnByName: withdrawers.displayName,
      caseReference: cases.reference,
      caseTitle: cases.title,
    })
    .from(evidenceFiles)
    .innerJoin(users, eq(users.id, evidenceFiles.uploadedBy))
    .innerJoin(organisations, eq(organisations.id, evidenceFiles.organisationId))
    .leftJoin(withdrawers, eq(withdrawers.id, evidenceFiles.withdrawnBy))
    .leftJoin(cases, eq(cases.id, evidenceFiles.caseId))
    .where(eq(evidenceFiles.id, evidence.id));
  const { caseReference, caseTitle, ...rest } = names!;
  return { ...toListItem(evidence, rest, viewer), caseReference, caseTitle };
}

/** The chain of custody of one file, oldest first. */
export async function listCustody(db: DbOrTx, viewer: Viewer, evidenceId: string): Promise<CustodyListItem[]> {
  const evidence = await requireEvidenceForViewer(db, viewer, evidenceId);
  const rows = await db
    .select({
      event: custodyEvents,
      actorName: users.displayName,
      organisationNameZh: organisations.nameZh,
      organisationNameEn: organisations.nameEn,
    })
    .from(custodyEvents)
    .leftJoin(users, eq(users.id, custodyEvents.actorUserId))
    .leftJoin(organisations, eq(organisations.id, custodyEvents.actorOrganisationId))
    .where(eq(custodyEvents.evidenceId, evidence.id))
    .orderBy(asc(custodyEvents.occurredAt), asc(custodyEvents.id));
  return rows.map(({ event, ...names }) => ({
    id: event.id,
    action: event.action,
    occurredAt: event.occurredAt.toISOString(),
    actorName: names.actorName,
    organisationNameZh: names.organisationNameZh,
    organisationNameEn: names.organisationNameEn,
    reason: event.reason,
    sha256: event.sha256,
    ip: event.ip,
  }));
}

/**
 * The file, if the viewer may withdraw it: in scope (else 404) and uploaded by the viewer's own organisation
 * (else 403: a police agency cannot withdraw the platform's evidence, nor the platform the police's).
 */
export async function requireWithdrawableEvidence(db: DbOrTx, viewer: Viewer, evidenceId: string): Promise<EvidenceFile> {
  if (!can(viewer, "evidence.withdraw")) forbid();
  const evidence = await requireEvidenceForViewer(db, viewer, evidenceId);
  if (evidence.organisationId !== viewer.organisationId) forbid();
  return evidence;
}

export type WithdrawEvidenceResult = { ok: true; evidence: EvidenceFile } | { ok: false; reason: "already_withdrawn" };

/**
 * Withdraws a file with a reason: it no longer counts as evidence of the case, but its row and its bytes stay
 * (and so does its place in the chain of custody). Only the organisation that uploaded it may withdraw it.
 */
export async function withdrawEvidence(
  db: DbOrTx,
  viewer: Viewer,
  evidenceId: string,
  reason: string,
  meta: RequestMeta,
): Promise<WithdrawEvidenceResult> {
  const trimmed = reason.trim();
  if (!trimmed) throw new Error("withdrawEvidence needs a reason (the schema checks it first)");
  return db.transaction(async (tx) => {
    const evidence = await requireWithdrawableEvidence(tx, viewer, evidenceId);
    const [updated] = await tx
      .update(evidenceFiles)
      .set({ withdrawnAt: new Date(), withdrawnBy: viewer.userId, withdrawnReason: trimmed })
      .where(and(eq(evidenceFiles.id, evidence.id), isNull(evidenceFiles.withdrawnAt)))
      .returning();
    if (!updated) return { ok: false, reason: "already_withdrawn" } as const;
    await recordCustody(tx, { evidence, action: "withdraw", actor: viewer, reason: trimmed, sha256: evidence.sha256, ip: meta.ip });
    await recordAudit(tx, {
      action: "evidence.withdrawn",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "evidence_file",
      entityId: evidence.id,
      caseId: evidence.caseId,
      details: { originalName: evidence.originalName, sha256: evidence.sha256, reason: trimmed },
    });
    return { ok: true, evidence: updated } as const;
  });
}

export type OpenEvidenceResult =
  | {
      status: "ok";
      evidence: EvidenceFile;
      /** The bytes, re-hashed again as they go out; the last piece is held back until they match. */
      stream: Readable;
      /** Shown in the browser (a format safe to show, and asked for), or sent as an attachment. */
      inline: boolean;
    }
  | { status: "integrity_failure"; evidence: EvidenceFile; actualSha256: string | null }
  | { status: "reason_required"; evidence: EvidenceFile };

/**
 * Opens a file for download (or, with `view`, for showing in the browser) after checking its hash again.
 * Bytes that no longer match — altered, truncated, gone — are refused: the row is flagged
 * (integrity_failed_at), an 'integrity_failure' custody event and a failed audit record are written, and the
 * case shows it. Otherwise a 'download' or 'view' custody event is written before the first byte goes out.
 * Restricted files need a reason.
 */
export async function openEvidenceForDownload(
  db: DbOrTx,
  viewer: Viewer,
  evidenceId: string,
  request: { reason?: string; view?: boolean },
  meta: RequestMeta,
): Promise<OpenEvidenceResult> {
  if (!can(viewer, "evidence.download") && !can(viewer, "mou.manage")) forbid();
  const evidence = await requireEvidenceForViewer(db, viewer, evidenceId);
  if (evidence.caseId !== null && !can(viewer, "evidence.download")) forbid();
  const reason = (request.reason ?? "").trim().slice(0, 500);
  if (evidence.sensitivity === "restricted" && !reason) return { status: "reason_required", evidence };
  return openStoredEvidence(db, viewer, evidence, { reason, view: Boolean(request.view) }, meta);
}

/**
 * The verify-then-serve step on a row the caller has already authorised (openEvidenceForDownload does for
 * case evidence; the MOU registry can for its documents).
 */
export async function openStoredEvidence(
  db: DbOrTx,
  viewer: Viewer,
  evidence: EvidenceFile,
  request: { reason: string; view: boolean },
  meta: RequestMeta,
): Promise<OpenEvidenceResult> {
  const check = await measureStoredBytes(evidence);
  if (check.sha256 !== evidence.sha256) {
    const flagged = await recordIntegrityFailure(db, viewer, evidence, check.sha256, meta, "download");
    return { status: "integrity_failure", evidence: flagged, actualSha256: check.sha256 };
  }
  const inline = request.view && Boolean(formatForContentType(evidence.contentType)?.inline);
  await db.transaction(async (tx) => {
    await recordCustody(tx, {
      evidence,
      action: inline ? "view" : "download",
      actor: viewer,
      reason: request.reason,
      sha256: check.sha256,
      ip: meta.ip,
    });
    await recordAudit(tx, {
      action: inline ? "evidence.viewed" : "evidence.downloaded",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "evidence_file",
      entityId: evidence.id,
      caseId: evidence.caseId,
      details: { originalName: evidence.originalName, sha256: check.sha256, reason: request.reason },
    });
  });
  const source = await storageFor(evidence.storageBackend).get(evidence.storageKey);
  const stream = verifyingStream(source, evidence.sha256, (actual) => {
    // The bytes changed between the check and the sending: the download is cut short, and recorded.
    void recordIntegrityFailure(db, viewer, evidence, actual, meta, "download").catch((error: unknown) => {
      console.error("Could not record an evidence integrity failure", error);
    });
  });
  return { status: "ok", evidence, stream, inline };
}

export type VerifyEvidenceResult = { intact: true; sha256: string } | { intact: false; actualSha256: string | null };

/** Re-hashes a file's stored bytes on request and records the verification (or the failure) in its custody. */
export async function verifyEvidence(db: DbOrTx, viewer: Viewer, evidenceId: string, meta: RequestMeta): Promise<VerifyEvidenceResult> {
  if (!can(viewer, "evidence.download")) forbid();
  const evidence = await requireEvidenceForViewer(db, viewer, evidenceId);
  const check = await measureStoredBytes(evidence);
  if (check.sha256 !== evidence.sha256) {
    await recordIntegrityFailure(db, viewer, evidence, check.sha256, meta, "verify");
    return { intact: false, actualSha256: check.sha256 };
  }
  await db.transaction(async (tx) => {
    await recordCustody(tx, { evidence, action: "verify", actor: viewer, sha256: check.sha256, ip: meta.ip });
    await recordAudit(tx, {
      action: "evidence.verified",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "evidence_file",
      entityId: evidence.id,
      caseId: evidence.caseId,
      details: { sha256: check.sha256 },
    });
  });
  return { intact: true, sha256: check.sha256 };
}

/** The SHA-256 of what storage holds now; null when the bytes are gone. */
async function measureStoredBytes(evidence: EvidenceFile): Promise<{ sha256: string | null }> {
  try {
    const source = await storageFor(evidence.storageBackend).get(evidence.storageKey);
    return { sha256: (await sha256Of(source)).sha256 };
  } catch (error) {
    if (error instanceof BlobNotFoundError) return { sha256: null };
    throw error;
  }
}

async function recordIntegrityFailure(
  db: DbOrTx,
  viewer: Viewer,
  evidence: EvidenceFile,
  actualSha256: string | null,
  meta: RequestMeta,
  during: "download" | "verify",
): Promise<EvidenceFile> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [flagged] = await tx
      .update(evidenceFiles)
      .set({ integrityFailedAt: sql`coalesce(${evidenceFiles.integrityFailedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(evidenceFiles.id, evidence.id))
      .returning();
    await recordCustody(tx, {
      evidence,
      action: "integrity_failure",
      actor: viewer,
      reason: during,
      sha256: actualSha256,
      ip: meta.ip,
    });
    await recordAudit(tx, {
      action: "evidence.integrity_failed",
      outcome: "failure",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "evidence_file",
      entityId: evidence.id,
      caseId: evidence.caseId,
      details: { expectedSha256: evidence.sha256, actualSha256, missing: actualSha256 === null, during },
    });
    return flagged ?? evidence;
  });
}

/**
 * Passes the bytes through while hashing them, holding the last piece back until the end: if the hash
 * does not match then, the stream fails before the receiver has the whole file.
 */
function verifyingStream(source: Readable, expectedSha256: string, onMismatch: (actual: string) => void): Readable {
  const hash = createHash("sha256");
  let held: Buffer | null = null;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      const previous = held;
      held = chunk;
      callback(null, previous ?? undefined);
    },
    flush(callback) {
      const actual = hash.digest("hex");
      if (actual !== expectedSha256) {
        onMismatch(actual);
        callback(new Error("The evidence file's bytes changed while it was being sent"));
        return;
      }
      callback(null, held ?? undefined);
    },
  });
  pipeline(source, check, () => {});
  return check;
}
