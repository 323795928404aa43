import { and, eq } from "drizzle-orm";
import { auditEvents, cases, casePersons, caseSites, jointOperations } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { DEMO_OPERATION_CODES } from "../../db/seed-operations";
import { createTestDatabase, testDatabaseEngine, type TestDatabase } from "../../db/testing";
import { verifyAuditChain } from "./audit.server";
import { viewerFor } from "./case-workflow.testing";
import { createLead, findCrossCaseLinks, getLeadForViewer, listCasesForViewer, listJointOperations, updateLead } from "./cases.server";
import { LeadFormSchema, type LeadInput } from "./cases.schema";
import type { Viewer } from "./policy";

let database: TestDatabase;
let investigator: Viewer;
let platformLead: Viewer;
let platformManagement: Viewer;
let admin: Viewer;
let putianOfficer: Viewer;
let guangzhouOfficer: Viewer;

const meta = { ip: "203.0.113.7", userAgent: "vitest" };
const ID_NUMBER = "11010519491231002X";
const PHONE = "13805941234";

function lead(overrides: Partial<Record<string, unknown>> = {}): LeadInput {
  return LeadFormSchema.parse({
    title: "莆田秀屿区假冒耐克运动鞋生产窝点",
    category: "footwear_apparel",
    summary: "物流发货点与三家淘宝店共用手机号，指向秀屿区笏石镇一处制鞋作坊。",
    suspectedCharges: ["art213", "art214"],
    brands: [{ brand: "NIKE", rightsHolder: "耐克创新有限合伙公司", trademarkRegistrationNo: "G1204345" }],
    sites: [
      { type: "factory", address: "福建省莆田市秀屿区笏石镇工业路 18 号", provinceCode: "350000", cityCode: "350300", districtCode: "350305", locationSource: "waybill_ship_from" },
      { type: "warehouse", address: "福建省莆田市荔城区黄石镇仓储园 2 号库", provinceCode: "350000", cityCode: "350300", districtCode: "350304", locationSource: "field_check" },
    ],
    accounts: [
      { marketplace: "taobao", storeId: "TB-1001", sellerId: "S-1001", storeName: "潮鞋工厂店", linkReasons: [{ reason: "shared_phone", confidence: 90 }] },
      { marketplace: "taobao", storeId: "TB-1002", storeName: "运动鞋特卖" },
    ],
    enterprises: [{ name: "莆田市某鞋业有限公司", creditCode: "91330100716105852F", role: "manufacturer" }],
    persons: [{ role: "controller", name: "陈某某", idNumber: ID_NUMBER, phone: PHONE }],
    salesAmount: "120000",
    unsoldGoodsValue: "280000",
    ...overrides,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "cases-test-password" });
  investigator = await viewerFor(database.db, "investigator@platform.demo");
  platformLead = await viewerFor(database.db, "lead@platform.demo");
  platformManagement = await viewerFor(database.db, "management@platform.demo");
  admin = await viewerFor(database.db, "admin@platform.demo");
  putianOfficer = await viewerFor(database.db, "officer@putian.demo");
  guangzhouOfficer = await viewerFor(database.db, "officer@guangzhou.demo");
});
afterAll(async () => {
  await database.destroy();
});

async function statusOf(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

/** Refers a case to an agency directly in the table (the workflow's own tests cover referring). */
async function referTo(caseId: string, agencyId: string) {
  await database.db.update(cases).set({ status: "submitted", targetAgencyId: agencyId, submittedAt: new Date() }).where(eq(cases.id, caseId));
}

describe(`createLead (${testDatabaseEngine()})`, () => {
  it("gives the lead a reference from the sequence, stores every row in order, and audits it in the same transaction", async () => {
    const result = await createLead(database.db, investigator, lead(), { ...meta, at: new Date("2026-03-05T02:00:00Z") });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.reference).toMatch(/^AC-2026-\d{6}$/);
    expect(result.version).toBe(1);

    const [row] = await database.db.select().from(cases).where(eq(cases.id, result.caseId));
    expect(row).toMatchObject({ status: "draft", provinceCode: "350000", divisionCode: "350305", createdBy: investigator.userId });
    const sites = await database.db.select().from(caseSites).where(eq(caseSites.caseId, result.caseId)).orderBy(caseSites.position);
    expect(sites.map((site) => site.divisionCode)).toEqual(["350305", "350304"]);

    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, result.caseId), eq(auditEvents.action, "case.created")));
    expect(audit).toMatchObject({ actorUserId: investigator.userId, ip: "203.0.113.7", entityType: "case" });
    expect(audit!.details).toMatchObject({ reference: result.reference, counts: { sites: 2, accounts: 2, persons: 1 } });
    expect(JSON.stringify(audit!.details)).not.toContain(ID_NUMBER);
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
  });

  it("numbers leads one after another", async () => {
    const first = await createLead(database.db, investigator, lead({ title: "甲" }), meta);
    const second = await createLead(database.db, investigator, lead({ title: "乙" }), meta);
    if (!first.ok || !second.ok) throw new Error("not created");
    expect(Number(second.reference.slice(-6))).toBe(Number(first.reference.slice(-6)) + 1);
  });

  it("refuses a division code that does not exist, naming the field", async () => {
    const input = lead();
    input.sites[0]!.districtCode = "350399";
    const result = await createLead(database.db, investigator, input, meta);
    expect(result).toEqual({ ok: false, reason: "invalid", fieldErrors: { "sites[0].districtCode": ["cases.validation.unknownDivision"] } });
  });

  it("is for platform case workers only", async () => {
    expect(await statusOf(createLead(database.db, putianOfficer, lead(), meta))).toBe(403);
    expect(await statusOf(createLead(database.db, platformManagement, lead(), meta))).toBe(403);
    expect(await statusOf(createLead(database.db, admin, lead(), meta))).toBe(403);
  });
});

describe(`updateLead (${testDatabaseEngine()})`, () => {
  it("replaces the rows, bumps the version and audits a compact diff without personal data", async () => {
    const created = await createLead(database.db, investigator, lead(), meta);
    if (!created.ok) throw new Error("not created");
    const changed = lead({
      title: "莆田秀屿区假冒耐克运动鞋生产窝点（补充）",
      sites: [{ type: "factory", address: "福建省莆田市涵江区江口镇 9 号", provinceCode: "350000", cityCode: "350300", districtCode: "350303", locationSource: "field_check" }],
      persons: [{ role: "controller", name: "陈某某", phone: "13905940000" }],
    });
    const result = await updateLead(database.db, investigator, created.caseId, 1, changed, meta);
    expect(result).toMatchObject({ ok: true, version: 2 });

    const [row] = await database.db.select().from(cases).where(eq(cases.id, created.caseId));
    expect(row).toMatchObject({ version: 2, divisionCode: "350303", title: "莆田秀屿区假冒耐克运动鞋生产窝点（补充）" });
    expect(await database.db.select().from(caseSites).where(eq(caseSites.caseId, created.caseId))).toHaveLength(1);

    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, created.caseId), eq(auditEvents.action, "case.lead_updated")));
    const details = audit!.details as { fromVersion: number; version: number; changes: { fields: object; lists: object } };
    expect(details).toMatchObject({ fromVersion: 1, version: 2 });
    expect(Object.keys(details.changes.fields)).toEqual(["title"]);
    expect(details.changes.lists).toEqual({ sites: { from: 2, to: 1 }, persons: { from: 1, to: 1 } });
    const text = JSON.stringify(details);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain("13905940000");
  });

  it("refuses a save started from an older version, saying who changed what, and changes nothing", async () => {
    const created = await createLead(database.db, investigator, lead(), meta);
    if (!created.ok) throw new Error("not created");
    // Two people opened version 1. The lead saves first.
    const first = await updateLead(database.db, platformLead, created.caseId, 1, lead({ salesAmount: "150000" }), meta);
    expect(first).toMatchObject({ ok: true, version: 2 });
    const second = await updateLead(database.db, investigator, created.caseId, 1, lead({ title: "我的改动" }), meta);
    expect(second.ok).toBe(false);
    if (second.ok || second.reason !== "conflict") throw new Error("expected a conflict");
    expect(second.conflict.currentVersion).toBe(2);
    expect(second.conflict.changes).toEqual([
      expect.objectContaining({ action: "case.lead_updated", actorName: "陈志远", fields: ["salesAmount"] }),
    ]);
    const [row] = await database.db.select().from(cases).where(eq(cases.id, created.caseId));
    expect(row).toMatchObject({ version: 2, title: "莆田秀屿区假冒耐克运动鞋生产窝点", salesAmount: "150000.00" });
  });

  it("edits drafts only", async () => {
    const created = await createLead(database.db, investigator, lead(), meta);
    if (!created.ok) throw new Error("not created");
    await database.db.update(cases).set({ status: "in_review" }).where(eq(cases.id, created.caseId));
    expect(await updateLead(database.db, investigator, created.caseId, 1, lead(), meta)).toEqual({
      ok: false,
      reason: "not_editable",
      status: "in_review",
    });
  });

  it("keeps the identity numbers and phones a reviewer cannot see, and ignores person ids of other cases", async () => {
    const created = await createLead(database.db, investigator, lead(), meta);
    const other = await createLead(database.db, investigator, lead({ title: "另一条线索" }), meta);
    if (!created.ok || !other.ok) throw new Error("not created");
    const [stored] = await database.db.select().from(casePersons).where(eq(casePersons.caseId, created.caseId));
    const [foreign] = await database.db.select().from(casePersons).where(eq(casePersons.caseId, other.caseId));
    const edited = lead({
      persons: [
        { id: stored!.id, role: "controller", name: "陈某某（已核实）" },
        { id: foreign!.id, role: "accomplice", name: "林某" },
      ],
    });
    const result = await updateLead(database.db, platformLead, created.caseId, 1, edited, meta);
    expect(result.ok).toBe(true);
    const persons = await database.db.select().from(casePersons).where(eq(casePersons.caseId, created.caseId)).orderBy(casePersons.position);
    expect(persons.map((person) => [person.name, person.idNumber, person.phone])).toEqual([
      ["陈某某（已核实）", ID_NUMBER, PHONE],
      ["林某", "", ""],
    ]);
    expect(persons[0]!.id).toBe(stored!.id);
    expect(persons[1]!.id).not.toBe(foreign!.id);
    const [untouched] = await database.db.select().from(casePersons).where(eq(casePersons.id, foreign!.id));
    expect(untouched!.caseId).toBe(other.caseId);
  });

  it("is out of reach of other organisations (404) and of roles that may not edit (403)", async () => {
    const created = await createLead(database.db, investigator, lead(), meta);
    if (!created.ok) throw new Error("not created");
    expect(await statusOf(updateLead(database.db, putianOfficer, created.caseId, 1, lead(), meta))).toBe(403);
    expect(await statusOf(updateLead(database.db, platformManagement, created.caseId, 1, lead(), meta))).toBe(403);
    expect(await statusOf(updateLead(database.db, investigator, "00000000-0000-0000-0000-000000000000", 1, lead(), meta))).toBe(404);
  });
});

describe(`joint operations on the lead form (${testDatabaseEngine()})`, () => {
  const operationId = async (code: string) =>
    (await database.db.select({ id: jointOperations.id }).from(jointOperations).where(eq(jointOperations.code, code)))[0]!.id;
  // Putian footwear 2025 ended on 2025-10-31; Cloud Sword runs through 2026; spring shoes 2026 has no end.
  const during2026 = new Date("2026-11-23T04:00:00Z");

  it("offers the operations that have not ended, and keeps the one a lead is already under", async () => {
    const [ended, running, open] = await Promise.all(
      [DEMO_OPERATION_CODES.putianFootwear2025, DEMO_OPERATION_CODES.cloudSword2026, DEMO_OPERATION_CODES.putianFootwear2026].map(operationId),
    );
    const offered = (await listJointOperations(database.db, { day: "2026-11-23" })).map((operation) => operation.id);
    expect(offered).toContain(running);
    expect(offered).toContain(open);
    expect(offered).not.toContain(ended);
    expect((await listJointOperations(database.db, { day: "2026-11-23", keep: ended })).map((operation) => operation.id)).toContain(ended);
    // On its last day an operation is still running.
    expect((await listJointOperations(database.db, { day: "2025-10-31" })).map((operation) => operation.id)).toContain(ended);
  });

  it("refuses to put a lead under an ended operation, but lets a lead already under it be saved", async () => {
    const ended = await operationId(DEMO_OPERATION_CODES.putianFootwear2025);
    const refused = await createLead(database.db, investigator, lead({ jointOperationId: ended }), { ...meta, at: during2026 });
    expect(refused).toEqual({ ok: false, reason: "invalid", fieldErrors: { jointOperationId: ["cases.validation.operationEnded"] } });

    // Opened while the operation ran (the demo seed's past), then edited after it ended: it stays under it.
    const opened = await createLead(database.db, investigator, lead({ jointOperationId: ended }), { ...meta, at: new Date("2025-06-01T02:00:00Z") });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const saved = await updateLead(database.db, investigator, opened.caseId, opened.version, lead({ jointOperationId: ended, title: "莆田假冒运动鞋窝点（补充）" }), {
      ...meta,
      at: during2026,
    });
    expect(saved.ok).toBe(true);
    const [stored] = await database.db.select({ jointOperationId: cases.jointOperationId }).from(cases).where(eq(cases.id, opened.caseId));
    expect(stored!.jointOperationId).toBe(ended);

    // Another lead cannot be moved under it now.
    const other = await createLead(database.db, investigator, lead(), { ...meta, at: during2026 });
    if (!other.ok) throw new Error("the plain lead should save");
    const moved = await updateLead(database.db, investigator, other.caseId, other.version, lead({ jointOperationId: ended }), { ...meta, at: during2026 });
    expect(moved).toEqual({ ok: false, reason: "invalid", fieldErrors: { jointOperationId: ["cases.validation.operationEnded"] } });
  });
});

describe(`getLeadForViewer (${testDatabaseEngine()})`, () => {
  it("gives the author everything in order, unmasked", async () => {
    const created = await createLead(database.db, investigator, lead(), meta);
    if (!created.ok) throw new Error("not created");
    const detail = await getLeadForViewer(database.db, investigator, created.caseId);
    expect(detail.case).toMatchObject({ reference: created.reference, status: "draft", version: 1 });
    expect(detail.author.displayName).toBe("林晓雯");
    expect(detail.sites.map((site) => site.divisionName)).toEqual(["福建省莆田市秀屿区", "福建省莆田市荔城区"]);
    expect(detail.accounts.map((account) => account.storeId)).toEqual(["TB-1001", "TB-1002"]);
    expect(detail.accounts[0]!.linkReasons).toEqual([{ reason: "shared_phone", confidence: 90 }]);
    expect(detail.persons[0]).toMatchObject({ idNumber: ID_NUMBER, phone: PHONE });
    expect(detail.personalDataMasked).toBe(false);
    expect(detail.amounts).toEqual({ salesAmount: "120000.00", unsoldGoodsValue: "280000.00", illegalBusinessVolume: null, illegalGains: null });
  });

  it("masks personal data for platform management and the platform lead", async () => {
    const created = await createLead(database.db, investigator, lead(), meta);
    if (!created.ok) throw new Error("not created");
    for (const viewer of [platformManagement, platformLead]) {
      const detail = await getLeadForViewer(database.db, viewer, created.caseId);
      expect(detail.personalDataMasked).toBe(true);
      expect(detail.persons[0]).toMatchObject({ idNumber: "110***********002X", phone: "138****1234" });
    }
  });

  it("is 404 for police until the lead is referred to their own agency, and 403 for administrators", async () => {
    const created = await createLead(database.db, investigator, lead(), meta);
    if (!created.ok) throw new Error("not created");
    expect(await statusOf(getLeadForViewer(database.db, putianOfficer, created.caseId))).toBe(404);
    await referTo(created.caseId, guangzhouOfficer.organisationId);
    expect(await statusOf(getLeadForViewer(database.db, putianOfficer, created.caseId))).toBe(404);
    const detail = await getLeadForViewer(database.db, guangzhouOfficer, created.caseId);
    expect(detail.agency?.nameZh).toBe("广州市公安局");
    expect(detail.persons[0]!.idNumber).toBe(ID_NUMBER);
    expect(await statusOf(getLeadForViewer(database.db, admin, created.caseId))).toBe(403);
    expect(await statusOf(getLeadForViewer(database.db, investigator, "not-a-uuid"))).toBe(404);
  });
});

describe(`listCasesForViewer (${testDatabaseEngine()})`, () => {
  const FROM = "2024-02-01";
  const TO = "2024-02-29";
  const created: Array<{ id: string; at: Date; priority: string }> = [];

  beforeAll(async () => {
    // Eleven leads in February 2024 (before everything else in this database, the demo history included); two share a creation instant,
    // so the id must break the tie.
    const instants = [1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10].map((day) => new Date(Date.UTC(2024, 1, day * 2, 4, 0, 0, 123)));
    const priorities = ["low", "normal", "high", "urgent"] as const;
    for (const [index, at] of instants.entries()) {
      const priority = priorities[index % 4]!;
      const category = index % 3 === 0 ? "mother_baby" : "footwear_apparel";
      const result = await createLead(database.db, investigator, lead({ title: `列表测试 ${index}`, priority, category }), { ...meta, at });
      if (!result.ok) throw new Error("not created");
      created.push({ id: result.caseId, at, priority });
    }
  });

  const filters = { createdFrom: FROM, createdTo: TO, pageSize: 4 };

  it("pages by keyset: each page continues exactly after the one before, newest first", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listCasesForViewer(database.db, investigator, filters, cursor);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    const expected = [...created].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id)).map((each) => each.id);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(11);
  });

  it("pages by priority, then newest, without repeating or skipping", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listCasesForViewer(database.db, investigator, { ...filters, sort: "priority" }, cursor);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    const rank = { low: 0, normal: 1, high: 2, urgent: 3 } as Record<string, number>;
    const expected = [...created]
      .sort((a, b) => rank[b.priority]! - rank[a.priority]! || b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id))
      .map((each) => each.id);
    expect(seen).toEqual(expected);
  });

  it("filters by category, status, province, agency and day", async () => {
    const motherBaby = await listCasesForViewer(database.db, investigator, { ...filters, pageSize: 50, category: "mother_baby" }, null);
    expect(motherBaby.items).toHaveLength(4);
    expect(motherBaby.items.every((item) => item.category === "mother_baby")).toBe(true);

    await database.db.update(cases).set({ status: "in_review" }).where(eq(cases.id, created[0]!.id));
    const inReview = await listCasesForViewer(database.db, investigator, { ...filters, status: "in_review" }, null);
    expect(inReview.items.map((item) => item.id)).toEqual([created[0]!.id]);

    const fujian = await listCasesForViewer(database.db, investigator, { ...filters, pageSize: 50, provinceCode: "350000" }, null);
    expect(fujian.items).toHaveLength(11);
    expect(fujian.items[0]!.divisionName).toBe("福建省莆田市秀屿区");
    expect((await listCasesForViewer(database.db, investigator, { ...filters, provinceCode: "440000" }, null)).items).toHaveLength(0);

    // Days are calendar days in China time: 2024-02-02 04:00 UTC is 12:00 on the 2nd in Shanghai.
    const oneDay = await listCasesForViewer(database.db, investigator, { createdFrom: "2024-02-02", createdTo: "2024-02-02" }, null);
    expect(oneDay.items.map((item) => item.id)).toEqual([created[0]!.id]);

    await referTo(created[1]!.id, putianOfficer.organisationId);
    const toPutian = await listCasesForViewer(database.db, investigator, { ...filters, agencyId: putianOfficer.organisationId }, null);
    expect(toPutian.items.map((item) => [item.id, item.agency?.nameZh])).toEqual([[created[1]!.id, "莆田市公安局"]]);
  });

  it("shows the police only what was referred to them, and administrators nothing", async () => {
    const police = await listCasesForViewer(database.db, putianOfficer, { ...filters, pageSize: 50 }, null);
    expect(police.items.map((item) => item.id)).toEqual([created[1]!.id]);
    expect((await listCasesForViewer(database.db, guangzhouOfficer, filters, null)).items).toHaveLength(0);
    expect(await statusOf(listCasesForViewer(database.db, admin, filters, null))).toBe(403);
  });

  it("treats a tampered cursor as the first page", async () => {
    const first = await listCasesForViewer(database.db, investigator, filters, null);
    const tampered = await listCasesForViewer(database.db, investigator, filters, "not-a-cursor");
    expect(tampered.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
  });
});

describe(`cross-case links (${testDatabaseEngine()})`, () => {
  it("names other cases sharing a store, seller, credit code, phone or address, within the viewer's scope", async () => {
    const unique = `X${Date.now()}`;
    const base = lead({
      title: "关联测试 A",
      accounts: [{ marketplace: "tmall", storeId: `${unique}-S`, sellerId: `${unique}-U` }],
      enterprises: [{ name: "某鞋业", creditCode: "91440300708461136T" }],
      persons: [{ role: "controller", name: "郑某", phone: "13600001111" }],
      sites: [{ type: "factory", address: `${unique} 号厂房`, provinceCode: "350000", cityCode: "350300", districtCode: "350305", locationSource: "field_check" }],
    });
    const a = await createLead(database.db, investigator, base, meta);
    const b = await createLead(database.db, investigator, { ...base, title: "关联测试 B" }, meta);
    const unrelated = await createLead(
      database.db,
      investigator,
      lead({ title: "无关", accounts: [{ marketplace: "taobao", storeId: `${unique}-S` }], persons: [], enterprises: [], sites: [] }),
      meta,
    );
    if (!a.ok || !b.ok || !unrelated.ok) throw new Error("not created");

    const links = await findCrossCaseLinks(database.db, investigator, a.caseId);
    const toB = links.find((link) => link.caseId === b.caseId);
    expect(toB?.matches.map((match) => match.kind).sort()).toEqual(["address", "credit_code", "phone", "seller", "store"]);
    expect(toB?.matches.find((match) => match.kind === "phone")?.value).toBe("13600001111");
    // Same store id on another marketplace is another store.
    expect(links.some((link) => link.caseId === unrelated.caseId)).toBe(false);

    const masked = await findCrossCaseLinks(database.db, platformManagement, a.caseId);
    expect(masked.find((link) => link.caseId === b.caseId)?.matches.find((match) => match.kind === "phone")?.value).toBe("136****1111");

    // Police see links only among cases referred to them.
    await referTo(a.caseId, guangzhouOfficer.organisationId);
    expect(await findCrossCaseLinks(database.db, guangzhouOfficer, a.caseId)).toEqual([]);
    await referTo(b.caseId, guangzhouOfficer.organisationId);
    expect((await findCrossCaseLinks(database.db, guangzhouOfficer, a.caseId)).map((link) => link.caseId)).toEqual([b.caseId]);
    expect(await statusOf(findCrossCaseLinks(database.db, putianOfficer, a.caseId))).toBe(404);
  });
});
