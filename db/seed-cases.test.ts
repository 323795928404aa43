import { and, eq, gte, lte } from "drizzle-orm";
// First: db/seed and app/lib/db.server import each other; entered from the seed side, both finish loading
// before the domain modules (which read db.server's tables at load time) run.
import { seedDemoWorld } from "./seed";
import { viewerFor } from "../app/domain/case-workflow.testing";
import { findCrossCaseLinks, getLeadForViewer } from "../app/domain/cases.server";
import { evaluateThresholds, meetsAnyThreshold } from "../app/domain/thresholds";
import { auditEvents, cases } from "./schema";
import { createTestDatabase, testDatabaseEngine, type TestDatabase } from "./testing";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "seed-cases-password" });
});
afterAll(async () => {
  await database.destroy();
});

describe(`the Putian story's leads (${testDatabaseEngine()})`, () => {
  it("are six leads with fixed references, each created with its audit record", async () => {
    // The first six of the demo world; the police side's leads (-000007 on) have their own test.
    const rows = await database.db.select().from(cases).where(and(gte(cases.reference, "AC-2026-000001"), lte(cases.reference, "AC-2026-000006"))).orderBy(cases.reference);
    expect(rows.map((row) => [row.reference, row.title, row.divisionCode])).toEqual([
      ["AC-2026-000001", "莆田秀屿区假冒耐克运动鞋生产窝点", "350305"],
      ["AC-2026-000002", "莆田荔城区假冒阿迪达斯运动鞋仓储点", "350304"],
      ["AC-2026-000003", "涵江区假冒耐克 Jordan 鞋标印制点", "350303"],
      ["AC-2026-000004", "广州白云区假冒手机配件加工厂", "440111"],
      ["AC-2026-000005", "仙游县假冒品牌童鞋作坊", "350322"],
      ["AC-2026-000006", "莆田城厢区假冒运动服饰网店", "350302"],
    ]);
    for (const row of rows) {
      const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.caseId, row.id));
      expect(audits.map((audit) => audit.action)).toContain("case.created");
    }
  });

  it("put the Xiuyu factory over the art. 214 threshold and the Chengxiang shop under every threshold", async () => {
    const investigator = await viewerFor(database.db, "investigator@platform.demo");
    const [factory] = await database.db.select().from(cases).where(eq(cases.reference, "AC-2026-000001"));
    const [shop] = await database.db.select().from(cases).where(eq(cases.reference, "AC-2026-000006"));
    const factoryLead = await getLeadForViewer(database.db, investigator, factory!.id);
    expect(factoryLead.sites).toHaveLength(2);
    expect(factoryLead.accounts).toHaveLength(3);
    expect(factoryLead.persons.map((person) => person.role)).toEqual(["controller", "accomplice", "accomplice"]);
    const factoryCheck = evaluateThresholds(factoryLead.amounts);
    expect(factoryCheck.find((result) => result.article === "art214")?.met).toBe(true);
    const shopLead = await getLeadForViewer(database.db, investigator, shop!.id);
    expect(meetsAnyThreshold(evaluateThresholds(shopLead.amounts))).toBe(false);
  });

  it("link the factory to the warehouse and the label printer through the accomplices' phones", async () => {
    const investigator = await viewerFor(database.db, "investigator@platform.demo");
    const [factory] = await database.db.select().from(cases).where(eq(cases.reference, "AC-2026-000001"));
    const links = await findCrossCaseLinks(database.db, investigator, factory!.id);
    expect(links.map((link) => [link.reference, link.matches.map((match) => match.kind)])).toEqual([
      ["AC-2026-000002", ["phone"]],
      ["AC-2026-000003", ["phone"]],
    ]);
  });
});
