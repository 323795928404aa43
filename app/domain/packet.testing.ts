/**
 * Test helpers for the referral packet: a referred lead with Chinese content in every section and evidence
 * rows, written straight into the tables (so the packet tests depend neither on the lead form nor on the
 * demo seed's choices), and the text of a PDF through pdftotext, as a reader's tools would extract it.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import type { Database as Db } from "../../db/client";
import {
  caseAccounts,
  caseBrands,
  caseEnterprises,
  caseLogistics,
  casePersons,
  cases,
  caseSites,
  caseTestPurchases,
  evidenceFiles,
  mous,
  organisations,
  users,
} from "../../db/schema";

const run = promisify(execFile);

export const PACKET_FIXTURE = {
  title: "莆田荔城区假冒耐克运动鞋生产窝点",
  enterprise: "莆田市荔城区鑫达鞋业有限公司",
  creditCode: "91350304MA2Y8N3K5B",
  person: "张建国",
  idNumber: "350304198503120017",
  phone: "13805941234",
  storeName: "潮鞋汇旗舰店",
  salesAmount: "412000.00",
  illegalBusinessVolume: "592000.00",
  sampleLocation: "平台证物室",
} as const;

let counter = 0;

export interface PacketFixture {
  caseId: string;
  reference: string;
  evidence: Array<{ id: string; name: string; sha256: string }>;
}

/** A lead referred to Putian under the demo MOU, with two evidence files (bytes are not stored: the packet reads metadata). */
export async function insertReferredLead(db: Db, options: { referred?: boolean } = {}): Promise<PacketFixture> {
  counter += 1;
  const referred = options.referred ?? true;
  const organisationId = async (code: string) =>
    (await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, code)))[0]!.id;
  const userId = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  const platform = await organisationId("platform-ip");
  const putian = await organisationId("putian-psb");
  const author = await userId("investigator@platform.demo");
  const reviewer = await userId("lead@platform.demo");
  const [mou] = await db.select().from(mous).where(and(eq(mous.policeOrganisationId, putian)));
  const reference = `AC-2099-${String(900000 + counter + Math.floor(Math.random() * 90000)).padStart(6, "0")}`;

  const [lead] = await db
    .insert(cases)
    .values({
      reference,
      status: referred ? "submitted" : "draft",
      title: PACKET_FIXTURE.title,
      summary: "物流发货点集中于荔城区黄石镇，三家淘宝店铺共用同一手机号与寄件人。\n试买样品经权利人鉴定为假冒注册商标的商品。",
      category: "footwear_apparel",
      priority: "high",
      suspectedCharges: ["art213", "art214"],
      platformOrganisationId: platform,
      createdBy: author,
      reviewedBy: referred ? reviewer : null,
      approvedAt: referred ? new Date("2026-11-15T02:00:00Z") : null,
      submittedAt: referred ? new Date("2026-11-16T02:00:00Z") : null,
      targetAgencyId: referred ? putian : null,
      mouId: referred ? (mou?.id ?? null) : null,
      provinceCode: "350000",
      divisionCode: "350304",
      salesAmount: PACKET_FIXTURE.salesAmount,
      unsoldGoodsValue: "180000.00",
      illegalBusinessVolume: PACKET_FIXTURE.illegalBusinessVolume,
    })
    .returning();
  const caseId = lead!.id;
  await db.insert(caseBrands).values({ caseId, position: 0, brand: "NIKE 耐克", rightsHolder: "耐克创新有限合伙公司", trademarkRegistrationNo: "G1234567" });
  await db.insert(caseSites).values({
    caseId,
    position: 0,
    type: "factory",
    address: "福建省莆田市荔城区黄石镇工业路 88 号",
    divisionCode: "350304",
    latitude: "25.430100",
    longitude: "119.020300",
    coordinateSystem: "gcj02",
    precisionMeters: 50,
    locationSource: "waybill_ship_from",
  });
  await db.insert(caseAccounts).values({
    caseId,
    position: 0,
    marketplace: "taobao",
    storeId: "573000123",
    sellerId: "2201001",
    storeName: PACKET_FIXTURE.storeName,
    gmv: "1234567.50",
    orders: 8123,
    periodFrom: "2026-01-01",
    periodTo: "2026-10-31",
    linkReasons: [{ reason: "shared_phone", confidence: 90 }],
  });
  await db.insert(caseEnterprises).values({ caseId, position: 0, name: PACKET_FIXTURE.enterprise, creditCode: PACKET_FIXTURE.creditCode, role: "manufacturer", address: "莆田市荔城区黄石镇" });
  await db.insert(casePersons).values({ caseId, position: 0, role: "controller", name: PACKET_FIXTURE.person, idNumber: PACKET_FIXTURE.idNumber, phone: PACKET_FIXTURE.phone, notes: "鞋厂实际控制人" });
  await db.insert(caseLogistics).values({ caseId, position: 0, courier: "中通快递", waybillNo: "ZT7312345678", shipFromAddress: "莆田市荔城区黄石镇", dailyVolume: 350 });
  await db.insert(caseTestPurchases).values({
    caseId,
    position: 0,
    orderNo: "3012345678901234",
    storeId: "573000123",
    amount: "399.00",
    waybillNo: "ZT7312345678",
    purchasedOn: "2026-10-12",
    sampleDescription: "耐克 Air Jordan 1 运动鞋一双（42 码）",
    sampleLocation: PACKET_FIXTURE.sampleLocation,
    authenticationReport: "耐克公司 2026-10-20 出具鉴定意见：系假冒注册商标的商品",
  });
  const evidence = [];
  for (const [index, name] of ["试买订单截图.png", "工厂外景照片.jpg"].entries()) {
    evidence.push(await insertEvidence(db, caseId, { name, uploadedBy: author, organisationId: platform, seed: `${reference}-${index}` }));
  }
  return { caseId, reference, evidence };
}

/** An evidence row as an upload leaves it (metadata only). */
export async function insertEvidence(
  db: Db,
  caseId: string,
  options: { name: string; uploadedBy: string; organisationId: string; seed?: string },
): Promise<{ id: string; name: string; sha256: string }> {
  const sha256 = createHash("sha256").update(options.seed ?? `${caseId}-${options.name}-${Math.random()}`).digest("hex");
  const [row] = await db
    .insert(evidenceFiles)
    .values({
      caseId,
      organisationId: options.organisationId,
      kind: options.name.endsWith(".png") ? "screenshot" : "photo",
      originalName: options.name,
      contentType: options.name.endsWith(".png") ? "image/png" : "image/jpeg",
      sizeBytes: 20_000 + sha256.charCodeAt(0) * 100,
      sha256,
      storageBackend: "local",
      storageKey: sha256,
      uploadedBy: options.uploadedBy,
    })
    .returning();
  return { id: row!.id, name: row!.originalName, sha256 };
}

/** The text pdftotext (poppler) extracts, in reading order. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "packet-text-"));
  try {
    const file = path.join(dir, "packet.pdf");
    fs.writeFileSync(file, pdf);
    const { stdout } = await run("pdftotext", ["-enc", "UTF-8", file, "-"], { maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The fonts pdffonts (poppler) lists: name, and whether each is embedded and subset. */
export async function pdfFonts(pdf: Uint8Array): Promise<Array<{ name: string; embedded: boolean; subset: boolean }>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "packet-fonts-"));
  try {
    const file = path.join(dir, "packet.pdf");
    fs.writeFileSync(file, pdf);
    const { stdout } = await run("pdffonts", [file]);
    // name type encoding emb sub uni object-id: the three yes/no columns sit before the object number.
    return stdout
      .split("\n")
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        const columns = line.trim().split(/\s+/);
        const flags = columns.slice(-5, -2);
        return { name: columns[0]!, embedded: flags[0] === "yes", subset: flags[1] === "yes" };
      });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
