/**
 * Joint operations (issue 5): an administrator or a platform lead registers a named operation (code, names,
 * period, the police agencies taking part) and changes it; a platform lead attaches leads to it and detaches
 * them with a reason. The dashboard filters by the operation (cases.joint_operation_id).
 *
 * - Every change commits with its audit record (recordAudit, same transaction). Attaching and detaching
 *   change the case, so their records carry the case id: the statistics refresh picks the case up, and the
 *   case's own timeline and lead-form conflict message show the change.
 * - Edits are optimistic: the form carries the version it was loaded at; a save over a newer version is
 *   refused with who changed what and when (describeConflict), and the user's input stays in the form.
 * - Need to know: leads are found and listed only through the viewer's case scope (caseScopeCondition), so a
 *   lead of another organisation is "not found"; an administrator, who has no case access, sees counts only.
 */
import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import {
  auditEvents,
  cases,
  jointOperationAgencies,
  jointOperations,
  organisations,
  users,
  type DbOrTx,
  type JointOperation,
  type Transaction,
} from "~/lib/db.server";
import { notFound, type RequestMeta } from "~/lib/http.server";
import { isUuid } from "~/lib/ids";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { caseScopeCondition } from "./case-access.server";
import {
  operationStatus,
  type AttachedLead,
  type NamedOrganisation,
  type OperationDetail,
  type OperationField,
  type OperationHistoryEntry,
  type OperationListRow,
} from "./joint-operations";
import type { OperationFormValues } from "./joint-operations.schema";
import { portalToday } from "./mous.server";
import { describeConflict } from "./police-records.server";
import type { RecordConflict } from "./police";
import { can, type Viewer } from "./policy";
import { assertCan } from "./policy.server";

export { portalToday };

/** Attached leads listed per page on the operation's page. */
export const ATTACHED_PAGE_SIZE = 25;

const ENTITY = "joint_operation";

// ---- Reading ----

async function agenciesOf(db: DbOrTx, operationIds: string[]): Promise<Map<string, NamedOrganisation[]>> {
  const byOperation = new Map<string, NamedOrganisation[]>();
  if (operationIds.length === 0) return byOperation;
  const rows = await db
    .select({
      operationId: jointOperationAgencies.jointOperationId,
      id: organisations.id,
      code: organisations.code,
      nameZh: organisations.nameZh,
      nameEn: organisations.nameEn,
    })
    .from(jointOperationAgencies)
    .innerJoin(organisations, eq(organisations.id, jointOperationAgencies.agencyId))
    .where(inArray(jointOperationAgencies.jointOperationId, operationIds))
    .orderBy(asc(organisations.code));
  for (const { operationId, ...agency } of rows) {
    const list = byOperation.get(operationId) ?? [];
    list.push(agency);
    byOperation.set(operationId, list);
  }
  return byOperation;
}

async function attachedCounts(db: DbOrTx, operationIds: string[]): Promise<Map<string, number>> {
  if (operationIds.length === 0) return new Map();
  const rows = await db
    .select({ operationId: cases.jointOperationId, count: sql<number>`count(*)::int` })
    .from(cases)
    .where(inArray(cases.jointOperationId, operationIds))
    .groupBy(cases.jointOperationId);
  return new Map(rows.map((row) => [row.operationId!, row.count]));
}

function listRow(operation: JointOperation, agencies: NamedOrganisation[], attached: number, today: string): OperationListRow {
  return {
    id: operation.id,
    code: operation.code,
    nameZh: operation.nameZh,
    nameEn: operation.nameEn,
    startsOn: operation.startsOn,
    endsOn: operation.endsOn,
    status: operationStatus(operation, today),
    agencies,
    attachedLeads: attached,
  };
}

/** Every operation, the running ones first, then the upcoming, then the ended; newest start first within each. */
export async function listOperations(db: DbOrTx, viewer: Viewer, today = portalToday()): Promise<OperationListRow[]> {
  assertCan(viewer, "joint_operations.manage");
  const rows = await db.select().from(jointOperations).orderBy(desc(jointOperations.startsOn), asc(jointOperations.code));
  const ids = rows.map((row) => row.id);
  const [agencies, counts] = [await agenciesOf(db, ids), await attachedCounts(db, ids)];
  const order = { active: 0, upcoming: 1, ended: 2 } as const;
  return rows
    .map((row) => listRow(row, agencies.get(row.id) ?? [], counts.get(row.id) ?? 0, today))
    .sort((a, b) => order[a.status] - order[b.status]);
}

/** The police agencies an operation may name (active ones). */
export async function listOperationAgencies(db: DbOrTx, viewer: Viewer): Promise<NamedOrganisation[]> {
  assertCan(viewer, "joint_operations.manage");
  return db
    .select({ id: organisations.id, code: organisations.code, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
    .from(organisations)
    .where(and(eq(organisations.kind, "police"), isNull(organisations.deactivatedAt)))
    .orderBy(asc(organisations.code));
}

/** Names of operations by id (for "moved from …" notices and history lines). */
export async function operationNames(db: DbOrTx, viewer: Viewer, ids: string[]) {
  assertCan(viewer, "joint_operations.manage");
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select({ id: jointOperations.id, code: jointOperations.code, nameZh: jointOperations.nameZh, nameEn: jointOperations.nameEn })
    .from(jointOperations)
    .where(inArray(jointOperations.id, valid));
}

export async function getOperationDetail(
  db: DbOrTx,
  viewer: Viewer,
  operationId: string,
  options: { today?: string; page?: number } = {},
): Promise<OperationDetail | null> {
  assertCan(viewer, "joint_operations.manage");
  if (!isUuid(operationId)) return null;
  const today = options.today ?? portalToday();
  const [row] = await db
    .select({ operation: jointOperations, createdBy: users.displayName })
    .from(jointOperations)
    .leftJoin(users, eq(users.id, jointOperations.createdBy))
    .where(eq(jointOperations.id, operationId));
  if (!row) return null;
  const { operation } = row;
  const agencies = (await agenciesOf(db, [operation.id])).get(operation.id) ?? [];
  const countsByStatus = await db
    .select({ status: cases.status, count: sql<number>`count(*)::int` })
    .from(cases)
    .where(eq(cases.jointOperationId, operation.id))
    .groupBy(cases.status)
    .orderBy(asc(cases.status));
  const attached = countsByStatus.reduce((sum, entry) => sum + entry.count, 0);
  const leads = can(viewer, "case.view") ? await attachedLeadsPage(db, viewer, operation.id, options.page ?? 1) : null;
  return {
    ...listRow(operation, agencies, attached, today),
    description: operation.description,
    version: operation.version,
    createdAt: operation.createdAt.toISOString(),
    updatedAt: operation.updatedAt.toISOString(),
    createdBy: row.createdBy,
    countsByStatus,
    leads,
    history: await operationHistory(db, viewer, operation.id),
  };
}

async function attachedLeadsPage(db: DbOrTx, viewer: Viewer, operationId: string, requestedPage: number) {
  const where = and(eq(cases.jointOperationId, operationId), caseScopeCondition(viewer));
  const [{ inScope } = { inScope: 0 }] = await db.select({ inScope: sql<number>`count(*)::int` }).from(cases).where(where);
  const pageCount = Math.max(1, Math.ceil(inScope / ATTACHED_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  const rows = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      title: cases.title,
      status: cases.status,
      updatedAt: cases.updatedAt,
      agencyZh: organisations.nameZh,
      agencyEn: organisations.nameEn,
    })
    .from(cases)
    .leftJoin(organisations, eq(organisations.id, cases.targetAgencyId))
    .where(where)
    .orderBy(desc(cases.reference))
    .limit(ATTACHED_PAGE_SIZE)
    .offset((page - 1) * ATTACHED_PAGE_SIZE);
  const items: AttachedLead[] = rows.map((lead) => ({
    id: lead.id,
    reference: lead.reference,
    title: lead.title,
    status: lead.status,
    agency: lead.agencyZh !== null && lead.agencyEn !== null ? { nameZh: lead.agencyZh, nameEn: lead.agencyEn } : null,
    updatedAt: lead.updatedAt.toISOString(),
  }));
  return { items, inScope, page, pageCount };
}

interface OperationRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

/**
 * The operation's own changes, and the leads attached to it, detached from it or moved away from it. Lead
 * entries are shown only for leads in the viewer's scope (never to an administrator).
 */
async function operationHistory(db: DbOrTx, viewer: Viewer, operationId: string): Promise<OperationHistoryEntry[]> {
  const events = await db
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      caseId: auditEvents.caseId,
      details: auditEvents.details,
      actorName: users.displayName,
      actorLabel: auditEvents.actorLabel,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.outcome, "success"),
        or(
          and(eq(auditEvents.entityType, ENTITY), eq(auditEvents.entityId, operationId)),
          and(eq(auditEvents.action, "case.joint_operation_attached"), sql`${auditEvents.details}->'previousOperation'->>'id' = ${operationId}`),
        ),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(100);
  const caseIds = [...new Set(events.flatMap((event) => (event.caseId ? [event.caseId] : [])))];
  const visible = new Set(
    caseIds.length && can(viewer, "case.view")
      ? (await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.id, caseIds), caseScopeCondition(viewer)))).map((row) => row.id)
      : [],
  );
  return events.flatMap((event): OperationHistoryEntry[] => {
    if (event.caseId && !visible.has(event.caseId)) return [];
    const details = (event.details ?? {}) as Record<string, unknown>;
    const ref = (value: unknown): OperationRef | null =>
      value && typeof value === "object" && typeof (value as OperationRef).code === "string" ? (value as OperationRef) : null;
    const previous = ref(details.previousOperation);
    // A lead attached to another operation, taken from this one: this operation's history shows it leaving.
    const leaving = event.action === "case.joint_operation_attached" && previous?.id === operationId;
    return [
      {
        seq: event.seq,
        occurredAt: event.occurredAt.toISOString(),
        action: leaving ? "case.joint_operation_moved_away" : event.action,
        actorName: event.actorName ?? event.actorLabel,
        fields: Array.isArray(details.changes) ? details.changes.filter((field): field is string => typeof field === "string") : [],
        reference: event.caseId && typeof details.reference === "string" ? details.reference : null,
        movedFrom: !leaving && previous ? previous : null,
        movedTo: leaving ? ref(details.operation) : null,
        reason: typeof details.reason === "string" ? details.reason : null,
      },
    ];
  });
}

// ---- Creating and changing ----

export type OperationProblem =
  | { field: "code"; problem: "operations.problem.codeTaken" }
  | { field: "agencyIds"; problem: "operations.problem.notPolice" }
  | { field: null; problem: "operations.problem.conflict"; conflict: RecordConflict };

export type OperationSaveResult = { ok: true; id: string; version: number } | ({ ok: false } & OperationProblem);

function columnsOf(values: OperationFormValues) {
  return {
    code: values.code,
    nameZh: values.nameZh,
    nameEn: values.nameEn,
    description: values.description ?? "",
    startsOn: values.startsOn,
    endsOn: values.endsOn ?? null,
  };
}

/** A code is taken whatever its letter case ("Cloud-Sword-2026" is "cloud-sword-2026"). */
async function codeTaken(tx: DbOrTx, code: string, excludeId?: string): Promise<boolean> {
  const [taken] = await tx
    .select({ id: jointOperations.id })
    .from(jointOperations)
    .where(and(sql`lower(${jointOperations.code}) = lower(${code})`, excludeId ? ne(jointOperations.id, excludeId) : undefined))
    .limit(1);
  return Boolean(taken);
}

/** Every id is a police agency that is active, or one the operation already has (kept if deactivated since). */
async function allPoliceAgencies(tx: DbOrTx, ids: string[], alreadyTakingPart: string[] = []): Promise<boolean> {
  const rows = await tx
    .select({ id: organisations.id, deactivatedAt: organisations.deactivatedAt })
    .from(organisations)
    .where(and(inArray(organisations.id, ids), eq(organisations.kind, "police")));
  return rows.length === ids.length && rows.every((row) => row.deactivatedAt === null || alreadyTakingPart.includes(row.id));
}

/** PostgreSQL's unique_violation, as postgres.js and PGlite report it (drizzle may wrap it as the cause). */
function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 4; depth += 1) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a save; two saves racing for one code both pass the check, and the unique index refuses the second. */
async function guardCode<T>(save: () => Promise<T>): Promise<T | { ok: false; field: "code"; problem: "operations.problem.codeTaken" }> {
  try {
    return await save();
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "code", problem: "operations.problem.codeTaken" };
    throw error;
  }
}

export async function createOperation(db: DbOrTx, viewer: Viewer, values: OperationFormValues, meta: RequestMeta): Promise<OperationSaveResult> {
  assertCan(viewer, "joint_operations.manage");
  return guardCode(() =>
    db.transaction(async (tx): Promise<OperationSaveResult> => {
      if (await codeTaken(tx, values.code)) return { ok: false, field: "code", problem: "operations.problem.codeTaken" };
      if (!(await allPoliceAgencies(tx, values.agencyIds))) return { ok: false, field: "agencyIds", problem: "operations.problem.notPolice" };
      const columns = columnsOf(values);
      const [created] = await tx
        .insert(jointOperations)
        .values({ ...columns, createdBy: viewer.userId })
        .returning({ id: jointOperations.id, version: jointOperations.version });
      await tx.insert(jointOperationAgencies).values(values.agencyIds.map((agencyId) => ({ jointOperationId: created!.id, agencyId })));
      await recordAudit(tx, {
        action: "joint_operation.created",
        actor: viewerActor(viewer),
        ip: meta.ip,
        entityType: ENTITY,
        entityId: created!.id,
        details: { ...columns, agencyIds: [...values.agencyIds].sort(), recordVersion: created!.version },
      });
      return { ok: true, id: created!.id, version: created!.version };
    }),
  );
}

/** The stored values of the form's fields, as text (what a refused save shows as "now stored"). */
function storedText(operation: JointOperation, agencyIds: string[]): Record<OperationField, string> {
  return {
    code: operation.code,
    nameZh: operation.nameZh,
    nameEn: operation.nameEn,
    description: operation.description,
    startsOn: operation.startsOn,
    endsOn: operation.endsOn ?? "",
    agencyIds: agencyIds.join(" "),
  };
}

export async function updateOperation(
  db: DbOrTx,
  viewer: Viewer,
  operationId: string,
  values: OperationFormValues,
  meta: RequestMeta,
): Promise<OperationSaveResult> {
  assertCan(viewer, "joint_operations.manage");
  if (!isUuid(operationId)) throw notFound();
  return guardCode(() =>
    db.transaction(async (tx): Promise<OperationSaveResult> => {
      const [current] = await tx.select().from(jointOperations).where(eq(jointOperations.id, operationId)).for("update");
      if (!current) throw notFound();
      const currentAgencies = (
        await tx
          .select({ id: jointOperationAgencies.agencyId })
          .from(jointOperationAgencies)
          .where(eq(jointOperationAgencies.jointOperationId, operationId))
      )
        .map((row) => row.id)
        .sort();
      if (values.version !== current.version) {
        return {
          ok: false,
          field: null,
          problem: "operations.problem.conflict",
          conflict: await describeConflict(tx, {
            entityType: ENTITY,
            entityId: operationId,
            currentVersion: current.version,
            expectedVersion: values.version ?? 0,
            current: storedText(current, currentAgencies),
          }),
        };
      }
      if (await codeTaken(tx, values.code, operationId)) return { ok: false, field: "code", problem: "operations.problem.codeTaken" };
      if (!(await allPoliceAgencies(tx, values.agencyIds, currentAgencies))) {
        return { ok: false, field: "agencyIds", problem: "operations.problem.notPolice" };
      }

      const columns = columnsOf(values);
      const nextAgencies = [...values.agencyIds].sort();
      const before: Record<OperationField, unknown> = { ...current, agencyIds: currentAgencies };
      const after: Record<OperationField, unknown> = { ...columns, agencyIds: nextAgencies };
      const diff: Partial<Record<OperationField, { from: unknown; to: unknown }>> = {};
      for (const field of Object.keys(after) as OperationField[]) {
        if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) diff[field] = { from: before[field] ?? null, to: after[field] };
      }
      const changes = Object.keys(diff);
      if (changes.length === 0) return { ok: true, id: operationId, version: current.version };

      const version = current.version + 1;
      await tx
        .update(jointOperations)
        .set({ ...columns, version, updatedAt: new Date() })
        .where(and(eq(jointOperations.id, operationId), eq(jointOperations.version, current.version)));
      if (diff.agencyIds) {
        await tx.delete(jointOperationAgencies).where(eq(jointOperationAgencies.jointOperationId, operationId));
        await tx.insert(jointOperationAgencies).values(nextAgencies.map((agencyId) => ({ jointOperationId: operationId, agencyId })));
      }
      await recordAudit(tx, {
        action: "joint_operation.updated",
        actor: viewerActor(viewer),
        ip: meta.ip,
        entityType: ENTITY,
        entityId: operationId,
        details: { code: columns.code, recordVersion: version, changes, diff },
      });
      return { ok: true, id: operationId, version };
    }),
  );
}

// ---- Attaching and detaching leads ----

export type AttachResult =
  | { ok: true; caseId: string; reference: string; movedFrom: OperationRef | null }
  | { ok: false; problem: "operations.problem.caseNotFound" | "operations.problem.caseWithdrawn" | "operations.problem.alreadyAttached" };

async function lockOperation(tx: Transaction, operationId: string): Promise<OperationRef> {
  if (!isUuid(operationId)) throw notFound();
  const [operation] = await tx
    .select({ id: jointOperations.id, code: jointOperations.code, nameZh: jointOperations.nameZh, nameEn: jointOperations.nameEn })
    .from(jointOperations)
    .where(eq(jointOperations.id, operationId))
    .for("share");
  if (!operation) throw notFound();
  return operation;
}

/** The lead-form diff shape (cases.ts LeadDiff), so the lead's own conflict message names the change too. */
function caseChange(from: string | null, to: string | null) {
  return { fields: { jointOperationId: { from, to } }, lists: {} };
}

/**
 * Attaches the lead with this reference (in the viewer's scope, not withdrawn) to the operation. A lead
 * belongs to at most one operation: one attached elsewhere is moved, and the result names where from.
 * Throws 404 for an unknown operation.
 */
export async function attachCase(db: DbOrTx, viewer: Viewer, operationId: string, reference: string, meta: RequestMeta): Promise<AttachResult> {
  assertCan(viewer, "joint_operations.manage");
  assertCan(viewer, "joint_operations.attach_case");
  return db.transaction(async (tx): Promise<AttachResult> => {
    const operation = await lockOperation(tx, operationId);
    const [current] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.reference, reference.trim().toUpperCase()), caseScopeCondition(viewer)))
      .for("update")
      .limit(1);
    if (!current) return { ok: false, problem: "operations.problem.caseNotFound" };
    if (current.status === "withdrawn") return { ok: false, problem: "operations.problem.caseWithdrawn" };
    if (current.jointOperationId === operation.id) return { ok: false, problem: "operations.problem.alreadyAttached" };
    const [previous] = current.jointOperationId
      ? await tx
          .select({ id: jointOperations.id, code: jointOperations.code, nameZh: jointOperations.nameZh, nameEn: jointOperations.nameEn })
          .from(jointOperations)
          .where(eq(jointOperations.id, current.jointOperationId))
      : [];
    const version = current.version + 1;
    await tx
      .update(cases)
      .set({ jointOperationId: operation.id, version, updatedAt: new Date() })
      .where(and(eq(cases.id, current.id), eq(cases.version, current.version)));
    await recordAudit(tx, {
      action: "case.joint_operation_attached",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: ENTITY,
      entityId: operation.id,
      caseId: current.id,
      details: {
        reference: current.reference,
        operation,
        previousOperation: previous ?? null,
        fromVersion: current.version,
        version,
        changes: caseChange(current.jointOperationId, operation.id),
      },
    });
    return { ok: true, caseId: current.id, reference: current.reference, movedFrom: previous ?? null };
  });
}

export type DetachResult = { ok: true; reference: string } | { ok: false; problem: "operations.problem.notAttached" };

/** Takes the lead (in the viewer's scope) out of the operation, with the reason recorded. */
export async function detachCase(
  db: DbOrTx,
  viewer: Viewer,
  operationId: string,
  input: { caseId: string; reason: string },
  meta: RequestMeta,
): Promise<DetachResult> {
  assertCan(viewer, "joint_operations.manage");
  assertCan(viewer, "joint_operations.attach_case");
  const reason = input.reason.trim();
  if (!reason) throw new Error("detachCase needs a reason (the form's schema checks it first)");
  return db.transaction(async (tx): Promise<DetachResult> => {
    const operation = await lockOperation(tx, operationId);
    if (!isUuid(input.caseId)) return { ok: false, problem: "operations.problem.notAttached" };
    const [current] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, input.caseId), caseScopeCondition(viewer)))
      .for("update")
      .limit(1);
    if (!current || current.jointOperationId !== operation.id) return { ok: false, problem: "operations.problem.notAttached" };
    const version = current.version + 1;
    await tx
      .update(cases)
      .set({ jointOperationId: null, version, updatedAt: new Date() })
      .where(and(eq(cases.id, current.id), eq(cases.version, current.version)));
    await recordAudit(tx, {
      action: "case.joint_operation_detached",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: ENTITY,
      entityId: operation.id,
      caseId: current.id,
      details: { reference: current.reference, operation, reason, fromVersion: current.version, version, changes: caseChange(operation.id, null) },
    });
    return { ok: true, reference: current.reference };
  });
}

/** For tests and the seed: an operation's id by its code. */
export async function operationIdByCode(db: DbOrTx, code: string): Promise<string | null> {
  const [row] = await db.select({ id: jointOperations.id }).from(jointOperations).where(eq(jointOperations.code, code));
  return row?.id ?? null;
}
