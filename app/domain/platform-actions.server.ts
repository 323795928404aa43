/**
 * The platform's follow-up on a case (case.record_platform_action: investigators and platform leads), once a
 * police agency has accepted it: stores closed, accounts banned, enterprises proposed for the quarterly
 * blacklist with what of them may be published. A mistaken record is retracted with a reason — never deleted
 * or edited — from the version the page showed. Each change is audited and tells the agency ("platform_update"
 * to its supervisors and the assigned officers).
 *
 * For the demo seed (stable signatures; `input` is the form's parsed value, PlatformActionInput):
 *   recordPlatformAction(db | tx, viewer, caseId, input, { at?, ip?, locale? }) → PlatformActionResult
 *   retractPlatformAction(db | tx, viewer, caseId, { actionId, version, reason }, { at?, ip? }) → RetractResult
 */
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { caseAccounts, caseEnterprises, platformActions, users, type CaseStatus, type DbOrTx } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { requireCaseForViewer } from "./case-access.server";
import { platformActionsAllowedIn, type PlatformActionView, type PublishableField, type RecordConflict } from "./police";
import { todayIn } from "./police.schema";
import type { PlatformActionInput, RetractInput } from "./platform-actions.schema";
import { announcePlatformUpdate, describeConflict, lockCaseForViewer, type PoliceContext } from "./police-records.server";
import type { Viewer } from "./policy";
import { assertCan } from "./policy.server";
import { isUuid } from "~/lib/ids";

export type PlatformActionResult =
  | { ok: true; actionId: string }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: "not_allowed"; status: CaseStatus };

export type RetractResult =
  | { ok: true }
  | { ok: false; reason: "conflict"; conflict: RecordConflict }
  | { ok: false; reason: "already_retracted" };

export async function recordPlatformAction(
  db: DbOrTx,
  viewer: Viewer,
  caseId: string,
  input: PlatformActionInput,
  context: PoliceContext = {},
): Promise<PlatformActionResult> {
  assertCan(viewer, "case.record_platform_action");
  const at = context.at ?? new Date();
  return db.transaction(async (tx): Promise<PlatformActionResult> => {
    const caseRow = await lockCaseForViewer(tx, viewer, caseId);
    if (!platformActionsAllowedIn(caseRow.status)) return { ok: false, reason: "not_allowed", status: caseRow.status };
    const errors: Record<string, string[]> = {};
    if (input.takenOn > todayIn(env().timeZone, at)) errors.takenOn = ["police.validation.future"];

    const values: typeof platformActions.$inferInsert = {
      caseId: caseRow.id,
      kind: input.kind,
      takenOn: input.takenOn,
      note: input.note,
      createdBy: viewer.userId,
      createdAt: at,
    };
    if (input.kind === "blacklist_candidate") {
      values.publishableFields = [...new Set(input.publishableFields)];
      if (input.caseEnterpriseId) {
        const [enterprise] = await tx
          .select()
          .from(caseEnterprises)
          .where(and(eq(caseEnterprises.id, input.caseEnterpriseId), eq(caseEnterprises.caseId, caseRow.id)))
          .limit(1);
        if (!enterprise) errors.caseEnterpriseId = ["validation.invalidChoice"];
        else Object.assign(values, { caseEnterpriseId: enterprise.id, enterpriseName: enterprise.name, creditCode: enterprise.creditCode });
      } else {
        Object.assign(values, { enterpriseName: input.enterpriseName, creditCode: input.creditCode });
      }
    } else if (input.caseAccountId) {
      const [account] = await tx
        .select()
        .from(caseAccounts)
        .where(and(eq(caseAccounts.id, input.caseAccountId), eq(caseAccounts.caseId, caseRow.id)))
        .limit(1);
      if (!account) errors.caseAccountId = ["validation.invalidChoice"];
      else Object.assign(values, { caseAccountId: account.id, marketplace: account.marketplace, storeId: account.storeId, sellerId: account.sellerId });
    } else {
      Object.assign(values, { marketplace: input.marketplace ?? null, storeId: input.storeId, sellerId: input.sellerId });
    }
    if (Object.keys(errors).length) return { ok: false, reason: "invalid", fieldErrors: errors };

    const [row] = await tx.insert(platformActions).values(values).returning();
    await recordAudit(tx, {
      action: "platform_action.recorded",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "platform_action",
      entityId: row!.id,
      caseId: caseRow.id,
      details: {
        reference: caseRow.reference,
        kind: row!.kind,
        recordVersion: row!.version,
        takenOn: row!.takenOn,
        ...(row!.kind === "blacklist_candidate"
          ? { enterpriseName: row!.enterpriseName, creditCode: row!.creditCode, publishableFields: row!.publishableFields }
          : { marketplace: row!.marketplace, storeId: row!.storeId, sellerId: row!.sellerId }),
        note: row!.note || undefined,
      },
    });
    await announcePlatformUpdate(tx, viewer, caseRow, {
      kind: "platform_action.recorded",
      actionKind: row!.kind,
      link: `/cases/${caseRow.id}#follow-up`,
      at,
    });
    return { ok: true, actionId: row!.id };
  });
}

export async function retractPlatformAction(
  db: DbOrTx,
  viewer: Viewer,
  caseId: string,
  input: RetractInput,
  context: PoliceContext = {},
): Promise<RetractResult> {
  assertCan(viewer, "case.record_platform_action");
  const reason = input.reason.trim();
  if (!reason) throw new Error("retractPlatformAction needs a reason (the form's schema checks it first)");
  const at = context.at ?? new Date();
  return db.transaction(async (tx): Promise<RetractResult> => {
    const caseRow = await lockCaseForViewer(tx, viewer, caseId);
    if (!isUuid(input.actionId)) throw notFound();
    const [current] = await tx
      .select()
      .from(platformActions)
      .where(and(eq(platformActions.id, input.actionId), eq(platformActions.caseId, caseRow.id)))
      .for("update")
      .limit(1);
    if (!current) throw notFound();
    if (current.version !== input.version) {
      return {
        ok: false,
        reason: "conflict",
        conflict: await describeConflict(tx, {
          entityType: "platform_action",
          entityId: current.id,
          currentVersion: current.version,
          expectedVersion: input.version,
          current: { retractionReason: current.retractionReason },
        }),
      };
    }
    if (current.retractedAt) return { ok: false, reason: "already_retracted" };
    const version = current.version + 1;
    await tx
      .update(platformActions)
      .set({ retractedBy: viewer.userId, retractedAt: at, retractionReason: reason, version })
      .where(and(eq(platformActions.id, current.id), eq(platformActions.version, current.version)));
    await recordAudit(tx, {
      action: "platform_action.retracted",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "platform_action",
      entityId: current.id,
      caseId: caseRow.id,
      details: { reference: caseRow.reference, kind: current.kind, recordVersion: version, changes: ["retractionReason"], reason },
    });
    await announcePlatformUpdate(tx, viewer, caseRow, {
      kind: "platform_action.retracted",
      actionKind: current.kind,
      link: `/cases/${caseRow.id}#follow-up`,
      at,
    });
    return { ok: true };
  });
}

const retractors = alias(users, "retractors");

/** The follow-up of a case, oldest first; retracted records stay in the list, marked. Both sides read it. */
export async function listPlatformActions(db: DbOrTx, viewer: Viewer, caseId: string): Promise<PlatformActionView[]> {
  const caseRow = await requireCaseForViewer(db, viewer, caseId);
  const rows = await db
    .select({
      action: platformActions,
      createdByName: users.displayName,
      retractedByName: retractors.displayName,
      storeName: caseAccounts.storeName,
    })
    .from(platformActions)
    .innerJoin(users, eq(users.id, platformActions.createdBy))
    .leftJoin(retractors, eq(retractors.id, platformActions.retractedBy))
    .leftJoin(caseAccounts, eq(caseAccounts.id, platformActions.caseAccountId))
    .where(eq(platformActions.caseId, caseRow.id))
    .orderBy(asc(platformActions.takenOn), asc(platformActions.createdAt));
  return rows.map(({ action, ...names }) => ({
    id: action.id,
    kind: action.kind,
    marketplace: action.marketplace,
    storeId: action.storeId,
    sellerId: action.sellerId,
    storeName: names.storeName,
    enterpriseName: action.enterpriseName,
    creditCode: action.creditCode,
    publishableFields: action.publishableFields as PublishableField[],
    takenOn: action.takenOn,
    note: action.note,
    createdByName: names.createdByName,
    createdAt: action.createdAt.toISOString(),
    retractedByName: names.retractedByName,
    retractedAt: action.retractedAt?.toISOString() ?? null,
    retractionReason: action.retractionReason,
    version: action.version,
  }));
}

/** The lead's linked accounts and enterprises, for picking in the follow-up form. */
export async function platformActionChoices(db: DbOrTx, viewer: Viewer, caseId: string) {
  const caseRow = await requireCaseForViewer(db, viewer, caseId);
  const accounts = await db
    .select({
      id: caseAccounts.id,
      marketplace: caseAccounts.marketplace,
      storeId: caseAccounts.storeId,
      sellerId: caseAccounts.sellerId,
      storeName: caseAccounts.storeName,
      status: caseAccounts.status,
    })
    .from(caseAccounts)
    .where(eq(caseAccounts.caseId, caseRow.id))
    .orderBy(asc(caseAccounts.position));
  const enterprises = await db
    .select({ id: caseEnterprises.id, name: caseEnterprises.name, creditCode: caseEnterprises.creditCode, role: caseEnterprises.role })
    .from(caseEnterprises)
    .where(eq(caseEnterprises.caseId, caseRow.id))
    .orderBy(asc(caseEnterprises.position));
  return { accounts, enterprises };
}
