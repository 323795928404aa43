/**
 * Raids and their seizures (case.record_outcome), written by the agency the case was referred to, while the
 * case is being investigated, raided or prosecuted.
 *
 * - Recording the first raid of a case under investigation moves it to "raided" in the raid's transaction:
 *   the next state and the audit action are the workflow table's (nextStatus / ruleFor "record_raid" in
 *   case-workflow.ts), never decided here. Later raids leave the state alone.
 * - A raid is edited from the version its form was drawn from; a save over a newer version is refused with
 *   who changed it, when and what (describeConflict), and nothing is written.
 * - Every save writes its audit record (timeline-friendly: reference, a short summary as its note, and from/to
 *   when the case moved), an outcome event for the platform's systems (no personal data of suspects: no
 *   addresses, names or free text) and a "police_update" notification to the platform side.
 *
 * For the demo seed (stable signatures; `input` is the raid form's parsed value, RaidInput in raids.schema.ts,
 * with raidedAt as "YYYY-MM-DDTHH:mm" in the portal's time zone, seizureListEvidenceId an evidence file of
 * kind "seizure_list" of the case, e.g. from storeEvidence):
 *   recordRaid(db | tx, viewer, caseId, input, { at?, ip?, locale? }) → RaidSaveResult
 *   updateRaid(db | tx, viewer, caseId, raidId, expectedVersion, input, { at?, ip?, locale? }) → RaidSaveResult
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import {
  caseSites,
  cases,
  evidenceFiles,
  raids,
  raidSites,
  seizures,
  type Case,
  type CaseStatus,
  type DbOrTx,
  type Raid,
  type Transaction,
} from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { nextStatus, ruleFor } from "./case-workflow";
import { pickedDivision } from "./cases.schema";
import { isKnownDivision, isSelectableDivision } from "./divisions.server";
import { zonedLocalDateTime } from "./evidence";
import { raidsAllowedIn, seizureTotals, type RecordConflict } from "./police";
import {
  announcePoliceUpdate,
  changedFields,
  describeConflict,
  lockCaseForViewer,
  type PoliceContext,
} from "./police-records.server";
import {
  flatSnapshot,
  loadSnapshot,
  raidEventPayload,
  raidSummary,
  readableSnapshot,
  snapshotOf,
  type SeizureRow,
  type SiteRow,
} from "./raid-snapshots.server";
import type { RaidInput } from "./raids.schema";
import type { Viewer } from "./policy";
import { assertCan } from "./policy.server";
import { isUuid } from "~/lib/ids";

export type RaidSaveResult =
  | { ok: true; raidId: string; version: number; status: CaseStatus; statusMoved: boolean }
  /** Field errors by form name ("seizures[0].seizureListEvidenceId"), as translation keys. */
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: "conflict"; conflict: RecordConflict }
  /** The case is not in a state where raids are recorded. */
  | { ok: false; reason: "not_allowed"; status: CaseStatus };

/** Tolerance for a clock a little ahead of the server's. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export async function recordRaid(
  db: DbOrTx,
  viewer: Viewer,
  caseId: string,
  input: RaidInput,
  context: PoliceContext = {},
): Promise<RaidSaveResult> {
  assertCan(viewer, "case.record_outcome");
  const at = context.at ?? new Date();
  return db.transaction(async (tx): Promise<RaidSaveResult> => {
    const caseRow = await lockCaseForViewer(tx, viewer, caseId);
    if (!raidsAllowedIn(caseRow.status)) return { ok: false, reason: "not_allowed", status: caseRow.status };
    const checked = await checkRaidInput(tx, caseRow, input, at);
    if (!checked.ok) return { ok: false, reason: "invalid", fieldErrors: checked.fieldErrors };

    const [raid] = await tx
      .insert(raids)
      .values({ caseId: caseRow.id, ...checked.columns, createdBy: viewer.userId, createdAt: at, updatedAt: at })
      .returning();
    await insertChildren(tx, caseRow.id, raid!.id, checked);

    // The first raid of a case under investigation: the workflow table says where it goes and what it is called.
    const to = nextStatus(caseRow.status, "record_raid");
    const rule = ruleFor(caseRow.status, "record_raid");
    let caseVersion = caseRow.version;
    if (to && rule) {
      const [moved] = await tx
        .update(cases)
        .set({ status: to, version: caseRow.version + 1, updatedAt: at })
        .where(and(eq(cases.id, caseRow.id), eq(cases.version, caseRow.version), eq(cases.status, caseRow.status)))
        .returning({ version: cases.version });
      // Unreachable while the case row is locked FOR UPDATE; kept so a change of locking cannot pass silently.
      if (!moved) throw new Error("The case changed while its raid was being recorded");
      caseVersion = moved.version;
    }

    const snapshot = snapshotOf(checked.columns, checked.sites, checked.seizures);
    const note = raidSummary(context, checked);
    await recordAudit(tx, {
      action: rule && to ? rule.auditAction : "raid.recorded",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "raid",
      entityId: raid!.id,
      caseId: caseRow.id,
      details: {
        reference: caseRow.reference,
        raidId: raid!.id,
        recordVersion: raid!.version,
        ...(to ? { from: caseRow.status, to, version: caseVersion } : {}),
        sites: snapshot.sites.length,
        seizures: snapshot.seizures.length,
        valueYuan: seizureTotals(snapshot.seizures).valueYuan,
        note,
      },
    });
    await announcePoliceUpdate(tx, viewer, caseRow, {
      kind: "raid.recorded",
      event: { kind: "raid.recorded", payload: raidEventPayload(raid!.id, snapshot, to ? { from: caseRow.status, to } : null) },
      link: `/cases/${caseRow.id}#outcome`,
      at,
    });
    return { ok: true, raidId: raid!.id, version: raid!.version, status: to ?? caseRow.status, statusMoved: Boolean(to) };
  });
}

export async function updateRaid(
  db: DbOrTx,
  viewer: Viewer,
  caseId: string,
  raidId: string,
  expectedVersion: number,
  input: RaidInput,
  context: PoliceContext = {},
): Promise<RaidSaveResult> {
  assertCan(viewer, "case.record_outcome");
  const at = context.at ?? new Date();
  return db.transaction(async (tx): Promise<RaidSaveResult> => {
    const caseRow = await lockCaseForViewer(tx, viewer, caseId);
    const current = await lockRaid(tx, caseRow.id, raidId);
    if (!raidsAllowedIn(caseRow.status)) return { ok: false, reason: "not_allowed", status: caseRow.status };
    const before = await loadSnapshot(tx, current);
    if (current.version !== expectedVersion) {
      return {
        ok: false,
        reason: "conflict",
        conflict: await describeConflict(tx, {
          entityType: "raid",
          entityId: current.id,
          currentVersion: current.version,
          expectedVersion,
          current: readableSnapshot(before),
        }),
      };
    }
    const checked = await checkRaidInput(tx, caseRow, input, at);
    if (!checked.ok) return { ok: false, reason: "invalid", fieldErrors: checked.fieldErrors };

    const after = snapshotOf(checked.columns, checked.sites, checked.seizures);
    const changes = changedFields(flatSnapshot(before), flatSnapshot(after));
    const version = current.version + 1;
    await tx
      .update(raids)
      .set({ ...checked.columns, updatedBy: viewer.userId, updatedAt: at, version })
      .where(and(eq(raids.id, current.id), eq(raids.version, current.version)));
    await tx.delete(seizures).where(eq(seizures.raidId, current.id));
    await tx.delete(raidSites).where(eq(raidSites.raidId, current.id));
    await insertChildren(tx, caseRow.id, current.id, checked);
    await recordAudit(tx, {
      action: "raid.updated",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "raid",
      entityId: current.id,
      caseId: caseRow.id,
      details: {
        reference: caseRow.reference,
        raidId: current.id,
        fromVersion: current.version,
        recordVersion: version,
        changes,
        sites: after.sites.length,
        seizures: after.seizures.length,
        valueYuan: seizureTotals(after.seizures).valueYuan,
        note: raidSummary(context, checked),
      },
    });
    await announcePoliceUpdate(tx, viewer, caseRow, {
      kind: "raid.updated",
      event: { kind: "raid.updated", payload: { ...raidEventPayload(current.id, after, null), changes } },
      link: `/cases/${caseRow.id}#outcome`,
      at,
    });
    return { ok: true, raidId: current.id, version, status: caseRow.status, statusMoved: false };
  });
}

/** The raid, if it belongs to the case (found through the scoped case query); otherwise 404. */
export async function requireRaidOfCase(db: DbOrTx, caseRow: Pick<Case, "id">, raidId: string): Promise<Raid> {
  if (!isUuid(raidId)) throw notFound();
  const [row] = await db
    .select()
    .from(raids)
    .where(and(eq(raids.id, raidId), eq(raids.caseId, caseRow.id)))
    .limit(1);
  if (!row) throw notFound();
  return row;
}

async function lockRaid(tx: Transaction, caseId: string, raidId: string): Promise<Raid> {
  if (!isUuid(raidId)) throw notFound();
  const [row] = await tx
    .select()
    .from(raids)
    .where(and(eq(raids.id, raidId), eq(raids.caseId, caseId)))
    .for("update")
    .limit(1);
  if (!row) throw notFound();
  return row;
}

// ---- Checking the input against the case ----

type CheckedRaid =
  | {
      ok: true;
      columns: { raidedAt: Date; units: string; platformStaff: string; summary: string };
      sites: SiteRow[];
      seizures: SeizureRow[];
    }
  | { ok: false; fieldErrors: Record<string, string[]> };

async function checkRaidInput(tx: Transaction, caseRow: Case, input: RaidInput, at: Date): Promise<CheckedRaid> {
  const errors: Record<string, string[]> = {};
  const add = (name: string, key: string) => (errors[name] ??= []).push(key);

  const raidedAt = zonedLocalDateTime(input.raidedAt, env().timeZone);
  if (!raidedAt) add("raidedAt", "police.validation.dateTime");
  else if (raidedAt.getTime() > at.getTime() + FUTURE_TOLERANCE_MS) add("raidedAt", "police.validation.future");

  const leadSites = input.leadSiteIds.length
    ? await tx
        .select()
        .from(caseSites)
        .where(and(eq(caseSites.caseId, caseRow.id), inArray(caseSites.id, input.leadSiteIds)))
        .orderBy(asc(caseSites.position))
    : [];
  if (leadSites.length !== new Set(input.leadSiteIds).size) add("leadSiteIds", "validation.invalidChoice");

  input.newSites.forEach((site, index) => {
    const code = pickedDivision(site);
    for (const [field, value] of [
      ["provinceCode", site.provinceCode],
      ["cityCode", site.cityCode],
      ["districtCode", site.districtCode],
    ] as const) {
      if (value && !isKnownDivision(value)) add(`newSites[${index}].${field}`, "cases.validation.unknownDivision");
    }
    if (code && isKnownDivision(code) && !isSelectableDivision(code)) add(`newSites[${index}].cityCode`, "cases.validation.cityRequired");
  });

  const listIds = [...new Set(input.seizures.map((seizure) => seizure.seizureListEvidenceId).filter(isUuid))];
  const lists = listIds.length
    ? await tx
        .select({ id: evidenceFiles.id })
        .from(evidenceFiles)
        .where(
          and(
            inArray(evidenceFiles.id, listIds),
            eq(evidenceFiles.caseId, caseRow.id),
            eq(evidenceFiles.kind, "seizure_list"),
            isNull(evidenceFiles.withdrawnAt),
          ),
        )
    : [];
  const knownLists = new Set(lists.map((row) => row.id));
  input.seizures.forEach((seizure, index) => {
    if (seizure.seizureListEvidenceId && !knownLists.has(seizure.seizureListEvidenceId)) {
      add(`seizures[${index}].seizureListEvidenceId`, "police.raid.validation.seizureList");
    }
  });
  if (Object.keys(errors).length || !raidedAt) return { ok: false, fieldErrors: errors };

  return {
    ok: true,
    columns: { raidedAt, units: input.units, platformStaff: input.platformStaff, summary: input.summary },
    sites: [
      ...leadSites.map((site) => ({ caseSiteId: site.id, type: site.type, address: site.address, divisionCode: site.divisionCode })),
      ...input.newSites.map((site) => ({ caseSiteId: null, type: site.type, address: site.address, divisionCode: pickedDivision(site)! })),
    ],
    seizures: input.seizures.map((seizure) => ({
      product: seizure.product,
      brand: seizure.brand,
      quantity: seizure.quantity,
      unit: seizure.unit,
      counterfeitLabels: seizure.counterfeitLabels,
      equipment: seizure.equipment,
      valueYuan: seizure.valueYuan ?? null,
      valuationMethod: seizure.valuationMethod ?? null,
      seizureListEvidenceId: seizure.seizureListEvidenceId ?? null,
      notes: seizure.notes,
    })),
  };
}

async function insertChildren(tx: Transaction, caseId: string, raidId: string, checked: Extract<CheckedRaid, { ok: true }>) {
  if (checked.sites.length) {
    await tx.insert(raidSites).values(checked.sites.map((site, position) => ({ raidId, position, ...site })));
  }
  if (checked.seizures.length) {
    await tx.insert(seizures).values(checked.seizures.map((seizure, position) => ({ caseId, raidId, position, ...seizure })));
  }
}
