/**
 * The demo world's joint operations (issue 5), through the joint-operations domain like a platform lead would:
 * - 云剑-2026 "Cloud Sword 2026" (Putian and Guangzhou, 2026-03-01 … 2026-12-31), with the Putian leads
 *   AC-2026-000007 … -000010 (raided, raided, prosecution, closed) attached — moved from the footwear campaign;
 * - the 2026 Putian footwear campaign (open-ended), which keeps the other leads the case seeds gave it;
 * - the 2025 Putian footwear operation, ended.
 * The two 2026 operations are registered bare by db/seed-mous.ts (the lead seeds name them); here they get their
 * agencies and descriptions. Runs after the demo cases and the police steps, before the history seed, which may
 * attach older cases to these operations by code: keep DEMO_OPERATION_CODES stable.
 */
import { eq } from "drizzle-orm";
import { createOperation, updateOperation, attachCase } from "../app/domain/joint-operations.server";
import { OperationFormSchema } from "../app/domain/joint-operations.schema";
import { loadViewer } from "../app/domain/viewers.server";
import type { Viewer } from "../app/domain/policy";
import type { Transaction } from "./client";
import { jointOperations } from "./schema";
import type { DemoWorldContext } from "./seed";

export const DEMO_OPERATION_CODES = {
  cloudSword2026: "cloud-sword-2026",
  putianFootwear2026: "spring-shoes-2026",
  putianFootwear2025: "putian-footwear-2025",
} as const;

/** The leads the seed attaches to Cloud Sword 2026. */
export const CLOUD_SWORD_DEMO_LEADS = ["AC-2026-000007", "AC-2026-000008", "AC-2026-000009", "AC-2026-000010"] as const;

const META = { ip: null, userAgent: "demo seed" };

interface DemoOperation {
  code: string;
  nameZh: string;
  nameEn: string;
  description: string;
  startsOn: string;
  endsOn?: string;
  agencies: string[];
}

const DEMO_OPERATIONS: DemoOperation[] = [
  {
    code: DEMO_OPERATION_CODES.cloudSword2026,
    nameZh: "“云剑-2026”专项行动",
    nameEn: "Cloud Sword 2026",
    description:
      "平台与莆田、广州两地公安机关联合开展的打假专项行动，重点打击制售假冒鞋服和3C数码配件的团伙及其上游工厂。平台负责线索研判和店铺处置，公安机关负责立案侦查和收网。",
    startsOn: "2026-03-01",
    endsOn: "2026-12-31",
    agencies: ["putian-psb", "guangzhou-psb"],
  },
  {
    code: DEMO_OPERATION_CODES.putianFootwear2026,
    nameZh: "莆田制售假鞋专项整治",
    nameEn: "Putian counterfeit footwear campaign",
    description: "针对莆田地区制售假冒品牌运动鞋的常态化整治，结束日期视整治效果另定。",
    startsOn: "2026-01-01",
    agencies: ["putian-psb"],
  },
  {
    code: DEMO_OPERATION_CODES.putianFootwear2025,
    nameZh: "2025年莆田鞋类打假联合行动",
    nameEn: "Putian footwear joint operation 2025",
    description: "2025年平台与莆田市公安局联合打击假冒运动鞋加工窝点的专项行动，已于当年10月底结束。",
    startsOn: "2025-04-01",
    endsOn: "2025-10-31",
    agencies: ["putian-psb"],
  },
];

async function ensureOperation(tx: Transaction, lead: Viewer, demo: DemoOperation, context: DemoWorldContext): Promise<string> {
  const [existing] = await tx
    .select({ id: jointOperations.id, version: jointOperations.version })
    .from(jointOperations)
    .where(eq(jointOperations.code, demo.code));
  const values = OperationFormSchema.parse({
    version: existing?.version,
    code: demo.code,
    nameZh: demo.nameZh,
    nameEn: demo.nameEn,
    description: demo.description,
    startsOn: demo.startsOn,
    endsOn: demo.endsOn,
    agencyIds: demo.agencies.map((code) => {
      const id = context.organisationIdByCode.get(code);
      if (!id) throw new Error(`seed: no organisation ${code}`);
      return id;
    }),
  });
  const result = existing ? await updateOperation(tx, lead, existing.id, values, META) : await createOperation(tx, lead, values, META);
  if (!result.ok) throw new Error(`seed: operation ${demo.code} refused: ${JSON.stringify(result)}`);
  return result.id;
}

export async function seedDemoOperations(tx: Transaction, context: DemoWorldContext): Promise<void> {
  const leadId = context.userIdByEmail.get("lead@platform.demo");
  if (!leadId) throw new Error("seed: the platform lead account is missing");
  const lead = await loadViewer(tx, { userId: leadId });
  const ids = new Map<string, string>();
  for (const demo of DEMO_OPERATIONS) ids.set(demo.code, await ensureOperation(tx, lead, demo, context));

  const cloudSword = ids.get(DEMO_OPERATION_CODES.cloudSword2026)!;
  for (const reference of CLOUD_SWORD_DEMO_LEADS) {
    const result = await attachCase(tx, lead, cloudSword, reference, META);
    if (!result.ok) throw new Error(`seed: could not attach ${reference} to Cloud Sword 2026: ${result.problem}`);
  }
}
