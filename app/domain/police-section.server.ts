/**
 * The case page's police section in one call (getPoliceSection): investigation notes the viewer may read,
 * raids with their sites and seizures (each seizure's list as a link to its evidence page), the totals, the
 * outcome record and the platform's follow-up, and which of them the viewer may add or edit now. Both sides
 * read it; `caseRow` must come from the scoped query (requireCaseForViewer).
 */
import { asc, eq, inArray } from "drizzle-orm";
import { evidenceFiles, raidSites, raids, seizures, users, type Case, type DbOrTx, type Raid } from "~/lib/db.server";
import { getCaseOutcome } from "./case-outcomes.server";
import { listCaseNotes } from "./case-notes.server";
import { divisionFullName } from "./divisions.server";
import { listPlatformActions } from "./platform-actions.server";
import {
  notesAllowedIn,
  outcomeEditableIn,
  platformActionsAllowedIn,
  raidsAllowedIn,
  seizureTotals,
  type PoliceSectionView,
  type RaidView,
} from "./police";
import { can, type Viewer } from "./policy";

/** The raids of a case in the viewer's scope, oldest first, with their sites and seizures. */
export async function listRaids(db: DbOrTx, caseRow: Case): Promise<RaidView[]> {
  const raidRows = await db.select().from(raids).where(eq(raids.caseId, caseRow.id)).orderBy(asc(raids.raidedAt), asc(raids.createdAt));
  if (!raidRows.length) return [];
  const ids = raidRows.map((raid) => raid.id);
  const siteRows = await db.select().from(raidSites).where(inArray(raidSites.raidId, ids)).orderBy(asc(raidSites.position));
  const seizureRows = await db
    .select({ seizure: seizures, listName: evidenceFiles.originalName, listWithdrawnAt: evidenceFiles.withdrawnAt })
    .from(seizures)
    .leftJoin(evidenceFiles, eq(evidenceFiles.id, seizures.seizureListEvidenceId))
    .where(inArray(seizures.raidId, ids))
    .orderBy(asc(seizures.position));
  const names = await raidAuthors(db, raidRows);
  return raidRows.map((raid) => {
    const raidSeizures = seizureRows
      .filter((row) => row.seizure.raidId === raid.id)
      .map(({ seizure, listName, listWithdrawnAt }) => ({
        position: seizure.position,
        product: seizure.product,
        brand: seizure.brand,
        quantity: seizure.quantity,
        unit: seizure.unit,
        counterfeitLabels: seizure.counterfeitLabels,
        equipment: seizure.equipment,
        valueYuan: seizure.valueYuan,
        valuationMethod: seizure.valuationMethod,
        notes: seizure.notes,
        seizureList:
          seizure.seizureListEvidenceId && listName !== null
            ? { id: seizure.seizureListEvidenceId, originalName: listName, withdrawn: listWithdrawnAt !== null }
            : null,
      }));
    return {
      id: raid.id,
      raidedAt: raid.raidedAt.toISOString(),
      units: raid.units,
      platformStaff: raid.platformStaff,
      summary: raid.summary,
      version: raid.version,
      recordedByName: names.get(raid.createdBy) ?? "",
      updatedByName: raid.updatedBy ? (names.get(raid.updatedBy) ?? null) : null,
      updatedAt: raid.updatedAt.toISOString(),
      sites: siteRows
        .filter((site) => site.raidId === raid.id)
        .map((site) => ({
          position: site.position,
          caseSiteId: site.caseSiteId,
          type: site.type,
          address: site.address,
          divisionCode: site.divisionCode,
          divisionName: divisionFullName(site.divisionCode),
        })),
      seizures: raidSeizures,
      totals: seizureTotals(raidSeizures),
    };
  });
}

export async function getPoliceSection(db: DbOrTx, viewer: Viewer, caseRow: Case): Promise<PoliceSectionView> {
  const [notes, raidViews, outcome, platformActions] = [
    await listCaseNotes(db, viewer, caseRow.id),
    await listRaids(db, caseRow),
    await getCaseOutcome(db, viewer, caseRow.id),
    await listPlatformActions(db, viewer, caseRow.id),
  ];
  const police = viewer.organisationKind === "police";
  const capabilities = {
    addNote: police && can(viewer, "case.investigate") && notesAllowedIn(caseRow.status),
    recordRaid: police && can(viewer, "case.record_outcome") && raidsAllowedIn(caseRow.status),
    editOutcome: police && can(viewer, "case.record_outcome") && outcomeEditableIn(caseRow.status),
    recordPlatformAction: can(viewer, "case.record_platform_action") && platformActionsAllowedIn(caseRow.status),
  };
  const hasRecords = notes.length > 0 || raidViews.length > 0 || outcome !== null || platformActions.length > 0;
  return {
    visible: hasRecords || platformActionsAllowedIn(caseRow.status),
    notes,
    raids: raidViews,
    totals: seizureTotals(raidViews.flatMap((raid) => raid.seizures)),
    outcome,
    platformActions,
    can: capabilities,
  };
}

/** The users' names for the raids of a case (recorded by, last changed by). */
async function raidAuthors(db: DbOrTx, raidRows: Raid[]): Promise<Map<string, string>> {
  const ids = [...new Set(raidRows.flatMap((raid) => [raid.createdBy, raid.updatedBy]).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}
