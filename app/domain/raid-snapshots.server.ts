/**
 * The rows of a raid as raids.server.ts writes them, and what is made of them: a snapshot to compare two
 * versions (which fields a save changed), the stored raid as text for a conflict notice, the outcome event's
 * payload for the platform's systems (no addresses, names or free text), and the short summary the timeline
 * shows, in the writer's language.
 */
import { asc, eq } from "drizzle-orm";
import { raidSites, seizures, type CaseStatus, type Raid, type Transaction } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { formatDateTime } from "~/lib/i18n";
import { formatYuan, seizureTotals } from "./police";
import { summaryTranslator, type PoliceContext } from "./police-records.server";

export interface SiteRow {
  caseSiteId: string | null;
  type: (typeof raidSites.$inferInsert)["type"];
  address: string;
  divisionCode: string;
}

export interface SeizureRow {
  product: string;
  brand: string;
  quantity: string;
  unit: (typeof seizures.$inferInsert)["unit"];
  counterfeitLabels: number;
  equipment: string;
  valueYuan: string | null;
  valuationMethod: (typeof seizures.$inferInsert)["valuationMethod"] | null;
  seizureListEvidenceId: string | null;
  notes: string;
}

export interface RaidSnapshot {
  raidedAt: string;
  units: string;
  platformStaff: string;
  summary: string;
  sites: SiteRow[];
  seizures: SeizureRow[];
}

/** Numbers as the database gives them back ("1200.00"), so a save that changes nothing compares equal. */
function decimal(value: string | null): string | null {
  if (value === null) return null;
  const [whole = "0", fraction = ""] = value.split(".");
  return `${BigInt(whole).toString()}.${fraction.padEnd(2, "0").slice(0, 2)}`;
}

export function snapshotOf(columns: { raidedAt: Date; units: string; platformStaff: string; summary: string }, sites: SiteRow[], seizureRows: SeizureRow[]): RaidSnapshot {
  return {
    raidedAt: columns.raidedAt.toISOString(),
    units: columns.units,
    platformStaff: columns.platformStaff,
    summary: columns.summary,
    sites: sites.map((site) => ({ caseSiteId: site.caseSiteId, type: site.type, address: site.address, divisionCode: site.divisionCode })),
    seizures: seizureRows.map((seizure) => ({
      ...seizure,
      quantity: decimal(seizure.quantity)!,
      valueYuan: decimal(seizure.valueYuan),
    })),
  };
}

export async function loadSnapshot(tx: Transaction, raid: Raid): Promise<RaidSnapshot> {
  const siteRows = await tx.select().from(raidSites).where(eq(raidSites.raidId, raid.id)).orderBy(asc(raidSites.position));
  const seizureRows = await tx.select().from(seizures).where(eq(seizures.raidId, raid.id)).orderBy(asc(seizures.position));
  return snapshotOf(
    raid,
    siteRows,
    seizureRows.map((row) => ({
      product: row.product,
      brand: row.brand,
      quantity: row.quantity,
      unit: row.unit,
      counterfeitLabels: row.counterfeitLabels,
      equipment: row.equipment,
      valueYuan: row.valueYuan,
      valuationMethod: row.valuationMethod,
      seizureListEvidenceId: row.seizureListEvidenceId,
      notes: row.notes,
    })),
  );
}

export function flatSnapshot(snapshot: RaidSnapshot): Record<string, unknown> {
  return { ...snapshot };
}

/** The stored raid as text, for the conflict notice (sites and seizures in a line each). */
export function readableSnapshot(snapshot: RaidSnapshot): Record<string, string> {
  return {
    raidedAt: snapshot.raidedAt,
    units: snapshot.units,
    platformStaff: snapshot.platformStaff,
    summary: snapshot.summary,
    sites: snapshot.sites.map((site) => site.address).join("；"),
    seizures: snapshot.seizures.map((seizure) => `${seizure.product} × ${Number(seizure.quantity)}`).join("；"),
  };
}

export function raidEventPayload(raidId: string, snapshot: RaidSnapshot, moved: { from: CaseStatus; to: CaseStatus } | null) {
  return {
    raidId,
    raidedAt: snapshot.raidedAt,
    // Where, as the division only: addresses, names and free text stay in the portal.
    sites: snapshot.sites.map((site) => ({ type: site.type, divisionCode: site.divisionCode, leadSite: site.caseSiteId !== null })),
    seizures: snapshot.seizures.map((seizure) => ({
      product: seizure.product,
      brand: seizure.brand,
      quantity: seizure.quantity,
      unit: seizure.unit,
      counterfeitLabels: seizure.counterfeitLabels,
      valueYuan: seizure.valueYuan,
      valuationMethod: seizure.valuationMethod,
      seizureList: seizure.seizureListEvidenceId !== null,
    })),
    totals: seizureTotals(snapshot.seizures),
    ...(moved ? { status: moved } : {}),
  };
}

/** "Raid on 12/01/2026 09:30 at 2 sites; 3 seizures worth ¥400,000", in the writer's language. */
export function raidSummary(context: PoliceContext, checked: { columns: { raidedAt: Date }; sites: SiteRow[]; seizures: SeizureRow[] }): string {
  const t = summaryTranslator(context.locale);
  const locale = context.locale ?? "zh-CN";
  const totals = seizureTotals(checked.seizures);
  const time = formatDateTime(checked.columns.raidedAt, locale, env().timeZone);
  const sites = t("police.summary.sites", { count: checked.sites.length });
  if (!totals.seizures) return t("police.summary.raidNoSeizures", { time, sites });
  return t("police.summary.raid", {
    time,
    sites,
    seizures: t("police.summary.seizures", { count: totals.seizures }),
    value: formatYuan(totals.valueYuan, locale),
  });
}
