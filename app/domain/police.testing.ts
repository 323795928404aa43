/**
 * Test helpers for the police records' tests: a lead by the investigator, taken through the real workflow
 * (review, approval, referral to Putian, acceptance by Putian's supervisor, and — on request — the start of
 * the investigation by Putian's officer), and a raid form value to record.
 */
import { eq } from "drizzle-orm";
import type { Database as Db } from "../../db/client";
import { cases } from "../../db/schema";
import { applyTransition } from "./case-workflow.server";
import type { Transition } from "./case-workflow";
import { insertLead, organisationId } from "./case-workflow.testing";
import type { Viewer } from "./policy";
import type { RaidInput } from "./raids.schema";

export interface PoliceCast {
  investigator: Viewer;
  lead: Viewer;
  supervisor: Viewer;
  officer: Viewer;
}

async function step(db: Db, viewer: Viewer, transition: Transition, caseId: string, extra: { agencyId?: string } = {}) {
  const [row] = await db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  const outcome = await applyTransition(db, viewer, transition, { caseId, version: row!.version, note: "测试", ...extra });
  if (!outcome.ok) throw new Error(`${transition} refused: ${JSON.stringify(outcome.refusal)}`);
}

/** A lead referred to and accepted by Putian; investigating unless `until` says "accepted". */
export async function acceptedCase(db: Db, cast: PoliceCast, until: "accepted" | "investigating" = "investigating") {
  const lead = await insertLead(db, cast.investigator);
  await step(db, cast.investigator, "submit_for_review", lead.id);
  await step(db, cast.lead, "approve", lead.id);
  await step(db, cast.investigator, "refer", lead.id, { agencyId: await organisationId(db, "putian-psb") });
  await step(db, cast.supervisor, "accept", lead.id);
  if (until === "investigating") await step(db, cast.officer, "start_investigation", lead.id);
  const [row] = await db.select().from(cases).where(eq(cases.id, lead.id));
  return row!;
}

/** A raid at the lead's first site with two seizures (¥400,000 in all), as the form would post it. */
export function raidInput(overrides: Partial<RaidInput> = {}, leadSiteIds: string[] = []): RaidInput {
  return {
    raidedAt: "2026-01-12T09:30",
    units: "莆田市公安局经侦支队",
    platformStaff: "平台打假专员 1 名",
    summary: "对加工厂实施搜查，当场查获假冒耐克运动鞋。",
    leadSiteIds,
    newSites: leadSiteIds.length ? [] : [{ type: "warehouse", address: "秀屿区笏石镇仓库", provinceCode: "350000", cityCode: "350300", districtCode: "350305" }],
    seizures: [
      {
        product: "假冒耐克运动鞋",
        brand: "NIKE",
        quantity: "1200",
        unit: "pairs",
        counterfeitLabels: 3000,
        equipment: "制鞋流水线 1 条",
        valueYuan: "360000",
        valuationMethod: "marked_price",
        notes: "",
      },
      {
        product: "假冒耐克鞋盒",
        brand: "NIKE",
        quantity: "40",
        unit: "boxes",
        counterfeitLabels: 0,
        equipment: "",
        valueYuan: "40000.00",
        valuationMethod: "price_appraisal",
        notes: "",
      },
    ],
    ...overrides,
  };
}
