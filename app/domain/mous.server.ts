/**
 * The MOU registry (administrators): list, read, register, change, end, and the signed documents. An MOU
 * is never deleted, only ended; an ended MOU stays as it was. Every change commits with an audit record of
 * what changed. Saves are optimistic: a form carries the version it was loaded at, and a save over a newer
 * version is refused with the current values rather than silently overwriting someone else's change.
 * Referral routing (mou-routing.server.ts) reads the same rows.
 */
import type { Submission } from "@conform-to/react";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  auditEvents,
  evidenceFiles,
  mouDocuments,
  mous,
  organisations,
  users,
  type Database,
  type EvidenceFile,
  type Mou,
  type Transaction,
} from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { RequestMeta } from "~/lib/http.server";
import type { ByteSource } from "~/lib/storage/storage.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { GOODS_CATEGORIES } from "./cases.schema";
import { divisionFullName, isKnownDivision } from "./divisions.server";
import type { EvidenceRejection } from "./evidence";
import { storeEvidence } from "./evidence.server";
import { mouStanding, readLiaisonContacts, todayIn, type LiaisonContact, type MouStanding, type MouStatus } from "./mous";
import type { MouFormValues } from "./mous.schema";
import { assertCan } from "./policy.server";
import type { Viewer } from "./policy";
import { isUuid } from "~/lib/ids";

export interface TerritoryEntry {
  code: string;
  /** Full Chinese name (福建省莆田市), or null for a code the division list does not know. */
  name: string | null;
}

function territoryOf(codes: readonly string[]): TerritoryEntry[] {
  return codes.map((code) => ({ code, name: divisionFullName(code) }));
}

export interface MouListRow {
  id: string;
  reference: string;
  titleZh: string;
  titleEn: string;
  police: { id: string; nameZh: string; nameEn: string };
  platform: { id: string; nameZh: string; nameEn: string };
  signedOn: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  scopeCategories: string[];
  territory: TerritoryEntry[];
  decisionPeriodDays: number;
  endedAt: Date | null;
  standing: MouStanding;
  documents: number;
}

export function portalToday(): string {
  return todayIn(env().timeZone);
}

async function selectMous(db: Database, where?: ReturnType<typeof eq>) {
  const police = organisations;
  const rows = await db
    .select({ mou: mous, police: { id: police.id, nameZh: police.nameZh, nameEn: police.nameEn } })
    .from(mous)
    .innerJoin(police, eq(police.id, mous.policeOrganisationId))
    .where(where)
    .orderBy(asc(mous.reference));
  const platformIds = [...new Set(rows.map((row) => row.mou.platformOrganisationId))];
  const platforms = platformIds.length
    ? await db
        .select({ id: organisations.id, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
        .from(organisations)
        .where(inArray(organisations.id, platformIds))
    : [];
  const documentCounts = rows.length
    ? await db
        .select({ mouId: mouDocuments.mouId, documents: sql<number>`count(*)::int` })
        .from(mouDocuments)
        .where(inArray(mouDocuments.mouId, rows.map((row) => row.mou.id)))
        .groupBy(mouDocuments.mouId)
    : [];
  return rows.map((row) => ({
    ...row,
    platform: platforms.find((platform) => platform.id === row.mou.platformOrganisationId)!,
    documents: documentCounts.find((entry) => entry.mouId === row.mou.id)?.documents ?? 0,
  }));
}

function toListRow(row: Awaited<ReturnType<typeof selectMous>>[number], today: string): MouListRow {
  const { mou } = row;
  return {
    id: mou.id,
    reference: mou.reference,
    titleZh: mou.titleZh,
    titleEn: mou.titleEn,
    police: row.police,
    platform: row.platform,
    signedOn: mou.signedOn,
    effectiveFrom: mou.effectiveFrom,
    effectiveUntil: mou.effectiveUntil,
    scopeCategories: mou.scopeCategories,
    territory: territoryOf(mou.territoryDivisionCodes),
    decisionPeriodDays: mou.decisionPeriodDays,
    endedAt: mou.endedAt,
    standing: mouStanding(mou, today),
    documents: row.documents,
  };
}

/** Every MOU, flagged by its standing today; optionally only one standing or one agency's. */
export async function listMous(
  db: Database,
  viewer: Viewer,
  filters: { status?: MouStatus; agency?: string } = {},
  today = portalToday(),
): Promise<MouListRow[]> {
  assertCan(viewer, "mou.manage");
  const rows = await selectMous(db, filters.agency ? eq(mous.policeOrganisationId, filters.agency) : undefined);
  return rows.map((row) => toListRow(row, today)).filter((row) => !filters.status || row.standing.status === filters.status);
}

export interface MouDocumentRow {
  id: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string | null;
}

export interface MouHistoryEntry {
  seq: number;
  occurredAt: Date;
  action: string;
  actorLabel: string | null;
  details: Record<string, unknown>;
}

export interface MouDetail extends MouListRow {
  version: number;
  liaisonContacts: LiaisonContact[];
  endedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  documentFiles: MouDocumentRow[];
  history: MouHistoryEntry[];
}

export async function getMouDetail(db: Database, viewer: Viewer, mouId: string, today = portalToday()): Promise<MouDetail | null> {
  assertCan(viewer, "mou.manage");
  if (!isUuid(mouId)) return null;
  const [row] = await selectMous(db, eq(mous.id, mouId));
  if (!row) return null;
  const [documentFiles, history] = await Promise.all([
    db
      .select({
        id: evidenceFiles.id,
        originalName: evidenceFiles.originalName,
        contentType: evidenceFiles.contentType,
        sizeBytes: evidenceFiles.sizeBytes,
        sha256: evidenceFiles.sha256,
        uploadedAt: evidenceFiles.uploadedAt,
        uploadedBy: users.email,
      })
      .from(mouDocuments)
      .innerJoin(evidenceFiles, eq(evidenceFiles.id, mouDocuments.evidenceFileId))
      .leftJoin(users, eq(users.id, evidenceFiles.uploadedBy))
      .where(eq(mouDocuments.mouId, mouId))
      .orderBy(desc(mouDocuments.attachedAt)),
    db
      .select({
        seq: auditEvents.seq,
        occurredAt: auditEvents.occurredAt,
        action: auditEvents.action,
        actorLabel: auditEvents.actorLabel,
        details: auditEvents.details,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "mou"), eq(auditEvents.entityId, mouId)))
      .orderBy(desc(auditEvents.seq))
      .limit(50),
  ]);
  return {
    ...toListRow(row, today),
    version: row.mou.version,
    liaisonContacts: readLiaisonContacts(row.mou.liaisonContacts),
    endedReason: row.mou.endedReason,
    createdAt: row.mou.createdAt,
    updatedAt: row.mou.updatedAt,
    documentFiles,
    history: history.map((entry) => ({ ...entry, details: entry.details as Record<string, unknown> })),
  };
}

/** The police agencies an MOU may be signed with (active ones). */
export async function listPoliceAgencies(db: Database, viewer: Viewer) {
  assertCan(viewer, "mou.manage");
  return db
    .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
    .from(organisations)
    .where(and(eq(organisations.kind, "police"), isNull(organisations.deactivatedAt)))
    .orderBy(asc(organisations.code));
}

export type MouSaveProblem =
  | { field: "reference"; problem: "admin.mous.problem.referenceTaken" }
  | { field: "policeOrganisationId"; problem: "admin.mous.problem.notPolice" }
  | { field: "territory"; problem: "admin.mous.problem.unknownDivision"; codes: string[] }
  | { field: null; problem: "admin.mous.problem.conflict" | "admin.mous.problem.ended" | "admin.mous.problem.notFound" };

/** A refused save as a form reply: on the field it concerns, or on the whole form (conflict, ended). */
export function mouProblemReply(submission: Submission<unknown>, problem: MouSaveProblem) {
  if (problem.field === "territory") {
    return submission.reply({ fieldErrors: { territory: [`${problem.problem}?codes=${problem.codes.join(" ")}`] } });
  }
  if (problem.field) return submission.reply({ fieldErrors: { [problem.field]: [problem.problem] } });
  return submission.reply({ formErrors: [problem.problem] });
}

export type MouSaveResult = { ok: true; id: string; version: number } | ({ ok: false } & MouSaveProblem);

/** The columns a form sets, normalised, in the shape they are stored and audited. */
function columnsOf(values: MouFormValues) {
  return {
    reference: values.reference,
    titleZh: values.titleZh,
    titleEn: values.titleEn,
    policeOrganisationId: values.policeOrganisationId,
    signedOn: values.signedOn,
    effectiveFrom: values.effectiveFrom,
    effectiveUntil: values.effectiveUntil ?? null,
    // In the form's (the enum's) order, so the same choice is always stored the same way.
    scopeCategories: GOODS_CATEGORIES.filter((category) => values.scopeCategories.includes(category)) as Mou["scopeCategories"],
    territoryDivisionCodes: values.territory,
    decisionPeriodDays: values.decisionPeriodDays,
    liaisonContacts: (values.contacts ?? [])
      .filter((contact) => contact.name)
      .map((contact) => ({
        side: contact.side,
        name: contact.name ?? "",
        title: contact.title ?? "",
        phone: contact.phone ?? "",
        email: contact.email ?? "",
      })),
  };
}

async function checkReferences(tx: Transaction, values: MouFormValues, excludeId?: string): Promise<MouSaveProblem | null> {
  const [police] = await tx
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(and(eq(organisations.id, values.policeOrganisationId), isNull(organisations.deactivatedAt)));
  if (police?.kind !== "police") return { field: "policeOrganisationId", problem: "admin.mous.problem.notPolice" };
  const unknown = values.territory.filter((code) => !isKnownDivision(code));
  if (unknown.length) return { field: "territory", problem: "admin.mous.problem.unknownDivision", codes: unknown };
  const [taken] = await tx
    .select({ id: mous.id })
    .from(mous)
    .where(and(eq(mous.reference, values.reference), excludeId ? sql`${mous.id} <> ${excludeId}` : undefined));
  if (taken) return { field: "reference", problem: "admin.mous.problem.referenceTaken" };
  return null;
}

export async function createMou(db: Database, viewer: Viewer, values: MouFormValues, meta: RequestMeta): Promise<MouSaveResult> {
  assertCan(viewer, "mou.manage");
  return db.transaction(async (tx) => {
    const problem = await checkReferences(tx, values);
    if (problem) return { ok: false, ...problem };
    const columns = columnsOf(values);
    const [created] = await tx
      .insert(mous)
      .values({ ...columns, platformOrganisationId: platformOrganisationFor(viewer), createdBy: viewer.userId })
      .returning({ id: mous.id, version: mous.version });
    await recordAudit(tx, {
      action: "mou.created",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "mou",
      entityId: created!.id,
      details: columns,
    });
    return { ok: true, id: created!.id, version: created!.version };
  });
}

/** MOUs are signed by the platform organisation the administrator belongs to. */
function platformOrganisationFor(viewer: Viewer): string {
  return viewer.organisationId;
}

/** Equal as stored; lists of codes compare as sets (their order carries no meaning). */
function sameValue(a: unknown, b: unknown): boolean {
  const normal = (value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === "string") ? [...(value as string[])].sort() : value;
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

export async function updateMou(
  db: Database,
  viewer: Viewer,
  mouId: string,
  values: MouFormValues,
  meta: RequestMeta,
): Promise<MouSaveResult> {
  assertCan(viewer, "mou.manage");
  if (!isUuid(mouId)) return { ok: false, field: null, problem: "admin.mous.problem.notFound" };
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(mous).where(eq(mous.id, mouId)).for("update");
    if (!current) return { ok: false, field: null, problem: "admin.mous.problem.notFound" };
    if (current.endedAt) return { ok: false, field: null, problem: "admin.mous.problem.ended" };
    if (values.version !== current.version) return { ok: false, field: null, problem: "admin.mous.problem.conflict" };
    const problem = await checkReferences(tx, values, mouId);
    if (problem) return { ok: false, ...problem };
    const columns = columnsOf(values);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(columns)) {
      const before = current[key as keyof typeof columns];
      if (!sameValue(before, value)) changes[key] = { from: before, to: value };
    }
    if (Object.keys(changes).length === 0) return { ok: true, id: mouId, version: current.version };
    const [updated] = await tx
      .update(mous)
      .set({ ...columns, version: current.version + 1, updatedAt: new Date() })
      .where(and(eq(mous.id, mouId), eq(mous.version, current.version)))
      .returning({ version: mous.version });
    if (!updated) return { ok: false, field: null, problem: "admin.mous.problem.conflict" };
    await recordAudit(tx, {
      action: "mou.updated",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "mou",
      entityId: mouId,
      details: { reference: columns.reference, changes, version: updated.version },
    });
    return { ok: true, id: mouId, version: updated.version };
  });
}

export type EndMouResult = { ok: true } | { ok: false; problem: "admin.mous.problem.conflict" | "admin.mous.problem.ended" | "admin.mous.problem.notFound" };

/** Ends an MOU at once (no further referrals under it); the row and its history stay. */
export async function endMou(
  db: Database,
  viewer: Viewer,
  mouId: string,
  input: { version: number; reason: string },
  meta: RequestMeta,
): Promise<EndMouResult> {
  assertCan(viewer, "mou.manage");
  if (!isUuid(mouId)) return { ok: false, problem: "admin.mous.problem.notFound" };
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(mous).where(eq(mous.id, mouId)).for("update");
    if (!current) return { ok: false, problem: "admin.mous.problem.notFound" } as const;
    if (current.endedAt) return { ok: false, problem: "admin.mous.problem.ended" } as const;
    if (current.version !== input.version) return { ok: false, problem: "admin.mous.problem.conflict" } as const;
    const endedAt = new Date();
    await tx
      .update(mous)
      .set({ endedAt, endedReason: input.reason, version: current.version + 1, updatedAt: endedAt })
      .where(eq(mous.id, mouId));
    await recordAudit(tx, {
      action: "mou.ended",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "mou",
      entityId: mouId,
      details: {
        reference: current.reference,
        reason: input.reason,
        endedOn: todayIn(env().timeZone, endedAt),
        standingBefore: mouStanding(current, todayIn(env().timeZone, endedAt)).status,
      },
    });
    return { ok: true } as const;
  });
}

export type AttachDocumentResult = { ok: true; evidence: EvidenceFile } | { ok: false; rejection: EvidenceRejection | { code: "not_found" } };

/**
 * Stores a signed document as evidence (kind "mou_document", no case; hashed, type-checked and kept
 * write-once by the evidence store) and files it under the MOU.
 */
export async function attachMouDocument(
  db: Database,
  viewer: Viewer,
  mouId: string,
  file: { originalName: string; declaredType: string; stream: ByteSource },
  meta: RequestMeta,
): Promise<AttachDocumentResult> {
  assertCan(viewer, "mou.manage");
  const [mou] = isUuid(mouId) ? await db.select().from(mous).where(eq(mous.id, mouId)) : [];
  if (!mou) return { ok: false, rejection: { code: "not_found" } };
  const stored = await storeEvidence(
    db,
    viewer,
    {
      caseId: null,
      organisationId: mou.platformOrganisationId,
      kind: "mou_document",
      originalName: file.originalName,
      declaredType: file.declaredType,
      sensitivity: "normal",
      description: mou.reference,
      capturedBy: "",
      capturedAt: null,
      stream: file.stream,
    },
    meta,
  );
  if (!stored.ok) return stored;
  await db.transaction(async (tx) => {
    await tx.insert(mouDocuments).values({ mouId, evidenceFileId: stored.evidence.id, attachedBy: viewer.userId });
    await recordAudit(tx, {
      action: "mou.document_attached",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "mou",
      entityId: mouId,
      details: {
        reference: mou.reference,
        evidenceFileId: stored.evidence.id,
        originalName: stored.evidence.originalName,
        sha256: stored.evidence.sha256,
        sizeBytes: stored.evidence.sizeBytes,
      },
    });
  });
  return { ok: true, evidence: stored.evidence };
}

/** The evidence row of one of this MOU's documents, or null (not this MOU's, or no such file). */
export async function findMouDocument(db: Database, viewer: Viewer, mouId: string, fileId: string): Promise<EvidenceFile | null> {
  assertCan(viewer, "mou.manage");
  if (!isUuid(mouId) || !isUuid(fileId)) return null;
  const [row] = await db
    .select({ evidence: evidenceFiles })
    .from(mouDocuments)
    .innerJoin(evidenceFiles, eq(evidenceFiles.id, mouDocuments.evidenceFileId))
    .where(and(eq(mouDocuments.mouId, mouId), eq(mouDocuments.evidenceFileId, fileId)));
  return row?.evidence ?? null;
}
