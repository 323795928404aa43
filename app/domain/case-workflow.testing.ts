/**
 * Test helpers for the workflow and routing tests: viewers for the demo accounts, and leads written straight
 * into the tables (so these tests do not depend on the lead form's own domain code).
 */
import { eq } from "drizzle-orm";
import { loadViewer } from "./viewers.server";
import type { Database as Db } from "../../db/client";
import { caseAccounts, caseBrands, cases, caseSites, organisations, type GoodsCategory } from "../../db/schema";
import type { Viewer } from "./policy";

export function viewerFor(db: Db, email: string): Promise<Viewer> {
  return loadViewer(db, { email });
}

export async function organisationId(db: Db, code: string): Promise<string> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, code));
  if (!row) throw new Error(`no organisation ${code}`);
  return row.id;
}

let counter = 0;

/** A complete draft lead by `author` (leadCompleteness): one brand, one account, an amount, a factory site per division code. */
export async function insertLead(
  db: Db,
  author: Viewer,
  options: { category?: GoodsCategory; divisions?: string[]; title?: string } = {},
): Promise<typeof cases.$inferSelect> {
  counter += 1;
  const divisions = options.divisions ?? ["350305"];
  const [lead] = await db
    .insert(cases)
    .values({
      reference: `AC-TEST-${String(counter).padStart(6, "0")}-${Math.random().toString(36).slice(2, 6)}`,
      title: options.title ?? "莆田秀屿区假冒耐克运动鞋加工厂",
      summary: "物流发货点、关联店铺与试购样品指向秀屿区一处制鞋作坊。",
      category: options.category ?? "footwear_apparel",
      platformOrganisationId: author.organisationId,
      createdBy: author.userId,
      provinceCode: divisions[0] ? `${divisions[0].slice(0, 2)}0000` : null,
      divisionCode: divisions[0] ?? null,
      suspectedCharges: ["art213"],
      salesAmount: "186000.00",
    })
    .returning();
  await db.insert(caseBrands).values({ caseId: lead!.id, position: 0, brand: "NIKE", rightsHolder: "Nike Innovate C.V." });
  await db
    .insert(caseAccounts)
    .values({ caseId: lead!.id, position: 0, marketplace: "taobao", storeId: `store-${counter}`, storeName: "潮鞋工厂店" });
  if (divisions.length) {
    await db.insert(caseSites).values(
      divisions.map((divisionCode, position) => ({
        caseId: lead!.id,
        position,
        type: "factory" as const,
        address: `测试地址 ${position + 1}`,
        divisionCode,
        locationSource: "waybill_ship_from" as const,
      })),
    );
  }
  return lead!;
}
