import { Readable } from "node:stream";
import { and, asc, eq } from "drizzle-orm";
// db/seed first: db/seed and app/lib/db.server import each other; entered from the seed side, both finish
// loading before the domain modules (which read db.server's tables at load time) run.
import { seedDemoWorld } from "../../db/seed";
import { auditEvents, cases, caseSites, notifications, outcomeEvents, raids, raidSites, seizures } from "../../db/schema";
import { createTestDatabase, testDatabaseEngine, type TestDatabase } from "../../db/testing";
import { verifyAuditChain } from "./audit.server";
import { getCaseTimeline } from "./case-workflow.server";
import { viewerFor } from "./case-workflow.testing";
import { storeEvidence } from "./evidence.server";
import { listRaids } from "./police-section.server";
import { acceptedCase, raidInput, type PoliceCast } from "./police.testing";
import type { Viewer } from "./policy";
import { RaidFormSchema } from "./raids.schema";
import { recordRaid, updateRaid } from "./raids.server";

let database: TestDatabase;
let cast: PoliceCast;
let guangzhouOfficer: Viewer;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "raids-test-password" });
  cast = {
    investigator: await viewerFor(database.db, "investigator@platform.demo"),
    lead: await viewerFor(database.db, "lead@platform.demo"),
    supervisor: await viewerFor(database.db, "supervisor@putian.demo"),
    officer: await viewerFor(database.db, "officer@putian.demo"),
  };
  guangzhouOfficer = await viewerFor(database.db, "officer@guangzhou.demo");
}, 120_000);
afterAll(async () => {
  await database.destroy();
});

async function caseRow(id: string) {
  const [row] = await db().select().from(cases).where(eq(cases.id, id));
  return row!;
}

async function thrownStatus(promise: Promise<unknown>): Promise<number | "resolved"> {
  try {
    await promise;
    return "resolved";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function siteIds(caseId: string) {
  return (await db().select({ id: caseSites.id }).from(caseSites).where(eq(caseSites.caseId, caseId)).orderBy(asc(caseSites.position))).map(
    (row) => row.id,
  );
}

describe(`raids (${testDatabaseEngine()})`, () => {
  it("moves a case under investigation to raided with its first raid, once and not again", async () => {
    const lead = await acceptedCase(db(), cast);
    expect(lead.status).toBe("investigating");
    const [siteId] = await siteIds(lead.id);

    const first = await recordRaid(db(), cast.officer, lead.id, raidInput({}, [siteId!]), { locale: "en" });
    expect(first).toMatchObject({ ok: true, status: "raided", statusMoved: true, version: 1 });
    const afterFirst = await caseRow(lead.id);
    expect([afterFirst.status, afterFirst.version]).toEqual(["raided", lead.version + 1]);

    const second = await recordRaid(db(), cast.officer, lead.id, raidInput({ raidedAt: "2026-01-20T06:00" }));
    expect(second).toMatchObject({ ok: true, status: "raided", statusMoved: false });
    const afterSecond = await caseRow(lead.id);
    expect([afterSecond.status, afterSecond.version]).toEqual(["raided", afterFirst.version]);

    // One audit record per raid: the first is the workflow's step (from → to), the second a raid only.
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, lead.id), eq(auditEvents.entityType, "raid")))
      .orderBy(asc(auditEvents.seq));
    expect(audit.map((event) => event.action)).toEqual(["case.raided", "raid.recorded"]);
    expect(audit[0]!.details).toMatchObject({ reference: lead.reference, from: "investigating", to: "raided", sites: 1, seizures: 2 });
    expect(audit[0]!.details).toMatchObject({ note: expect.stringContaining("¥400,000") });
    expect(audit[1]!.details).not.toHaveProperty("to");

    // The timeline shows both, the first with its change of state.
    const timeline = await getCaseTimeline(db(), cast.investigator, lead.id);
    const raidEntries = timeline.filter((entry) => entry.action === "case.raided" || entry.action === "raid.recorded");
    expect(raidEntries.map((entry) => [entry.action, entry.fromStatus, entry.toStatus])).toEqual([
      ["case.raided", "investigating", "raided"],
      ["raid.recorded", null, null],
    ]);

    // The platform's systems and people are told, without addresses.
    const events = await db().select().from(outcomeEvents).where(eq(outcomeEvents.caseId, lead.id)).orderBy(asc(outcomeEvents.seq));
    const raidEvents = events.filter((event) => event.kind === "raid.recorded");
    expect(raidEvents).toHaveLength(2);
    expect(raidEvents[0]!.payload).toMatchObject({ status: { from: "investigating", to: "raided" }, totals: { valueYuan: "400000.00", seizures: 2 } });
    expect(JSON.stringify(raidEvents.map((event) => event.payload))).not.toContain("仓库");
    const bell = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, lead.id), eq(notifications.kind, "police_update"), eq(notifications.userId, cast.investigator.userId)));
    expect(bell.filter((row) => (row.params as { event?: string }).event === "raid.recorded")).toHaveLength(2);

    const views = await listRaids(db(), afterSecond);
    expect(views).toHaveLength(2);
    expect(views[0]!.sites[0]).toMatchObject({ caseSiteId: siteId, address: "测试地址 1", divisionCode: "350305" });
    expect(views[0]!.totals).toMatchObject({
      seizures: 2,
      valueYuan: "400000.00",
      counterfeitLabels: 3000,
      quantities: [
        { unit: "pairs", quantity: "1200.00" },
        { unit: "boxes", quantity: "40.00" },
      ],
    });
    expect(await verifyAuditChain(db())).toMatchObject({ intact: true });
  });

  it("is a 404 for another agency's officer and a 403 for the platform, and writes nothing", async () => {
    const lead = await acceptedCase(db(), cast);
    expect(await thrownStatus(recordRaid(db(), guangzhouOfficer, lead.id, raidInput()))).toBe(404);
    expect(await thrownStatus(recordRaid(db(), cast.investigator, lead.id, raidInput()))).toBe(403);
    expect(await thrownStatus(recordRaid(db(), cast.lead, lead.id, raidInput()))).toBe(403);
    expect(await db().select().from(raids).where(eq(raids.caseId, lead.id))).toEqual([]);
    expect((await caseRow(lead.id)).status).toBe("investigating");

    const recorded = await recordRaid(db(), cast.officer, lead.id, raidInput());
    if (!recorded.ok) throw new Error("not recorded");
    expect(await thrownStatus(updateRaid(db(), guangzhouOfficer, lead.id, recorded.raidId, 1, raidInput({ units: "广州" })))).toBe(404);
    expect(await thrownStatus(updateRaid(db(), cast.investigator, lead.id, recorded.raidId, 1, raidInput({ units: "平台" })))).toBe(403);
    // A raid of one case cannot be reached through another.
    const other = await acceptedCase(db(), cast);
    expect(await thrownStatus(updateRaid(db(), cast.officer, other.id, recorded.raidId, 1, raidInput()))).toBe(404);
    const [stored] = await db().select().from(raids).where(eq(raids.id, recorded.raidId));
    expect([stored!.version, stored!.units]).toEqual([1, "莆田市公安局经侦支队"]);
  });

  it("is not recorded before the investigation has started", async () => {
    const lead = await acceptedCase(db(), cast, "accepted");
    expect(await recordRaid(db(), cast.officer, lead.id, raidInput())).toEqual({ ok: false, reason: "not_allowed", status: "accepted" });
    expect(await db().select().from(raids).where(eq(raids.caseId, lead.id))).toEqual([]);
  });

  it("refuses a stale edit with who changed what and when, and keeps the newer save", async () => {
    const lead = await acceptedCase(db(), cast);
    const recorded = await recordRaid(db(), cast.officer, lead.id, raidInput());
    if (!recorded.ok) throw new Error("not recorded");

    const firstEdit = await updateRaid(db(), cast.supervisor, lead.id, recorded.raidId, 1, raidInput({ units: "莆田市公安局经侦支队、秀屿分局" }));
    expect(firstEdit).toMatchObject({ ok: true, version: 2 });

    const stale = await updateRaid(db(), cast.officer, lead.id, recorded.raidId, 1, raidInput({ summary: "另一种说法" }));
    expect(stale.ok).toBe(false);
    if (stale.ok || stale.reason !== "conflict") throw new Error(`expected a conflict, got ${JSON.stringify(stale)}`);
    expect(stale.conflict.currentVersion).toBe(2);
    expect(stale.conflict.changes).toEqual([
      { action: "raid.updated", actorName: cast.supervisor.displayName, occurredAt: expect.any(String), fields: ["units"] },
    ]);
    expect(stale.conflict.current).toEqual({ units: "莆田市公安局经侦支队、秀屿分局" });

    const [stored] = await db().select().from(raids).where(eq(raids.id, recorded.raidId));
    expect([stored!.version, stored!.units, stored!.summary]).toEqual([2, "莆田市公安局经侦支队、秀屿分局", raidInput().summary]);

    // From the version the refusal showed, the save goes through; an unchanged save changes no field.
    const retried = await updateRaid(db(), cast.officer, lead.id, recorded.raidId, 2, raidInput({ units: stored!.units, summary: "另一种说法" }));
    expect(retried).toMatchObject({ ok: true, version: 3 });
    const [lastAudit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, recorded.raidId), eq(auditEvents.action, "raid.updated")))
      .orderBy(asc(auditEvents.seq))
      .offset(1);
    expect(lastAudit!.details).toMatchObject({ changes: ["summary"], fromVersion: 2, recordVersion: 3 });
  });

  it("replaces sites and seizures on edit", async () => {
    const lead = await acceptedCase(db(), cast);
    const recorded = await recordRaid(db(), cast.officer, lead.id, raidInput());
    if (!recorded.ok) throw new Error("not recorded");
    const input = raidInput();
    const edited = await updateRaid(db(), cast.officer, lead.id, recorded.raidId, 1, { ...input, seizures: input.seizures.slice(0, 1), leadSiteIds: await siteIds(lead.id) });
    expect(edited).toMatchObject({ ok: true });
    expect(await db().select().from(seizures).where(eq(seizures.raidId, recorded.raidId))).toHaveLength(1);
    expect(await db().select().from(raidSites).where(eq(raidSites.raidId, recorded.raidId))).toHaveLength(2);
  });

  it("checks the lead sites, the seizure lists and the time against the case", async () => {
    const lead = await acceptedCase(db(), cast);
    const other = await acceptedCase(db(), cast);
    const [otherSite] = await siteIds(other.id);
    const upload = (caseId: string, kind: "seizure_list" | "photo") =>
      storeEvidence(
        db(),
        cast.officer,
        {
          caseId,
          organisationId: cast.officer.organisationId,
          kind,
          originalName: "扣押清单.csv",
          declaredType: "text/csv",
          sensitivity: "sensitive",
          description: "扣押物品清单",
          capturedBy: cast.officer.displayName,
          capturedAt: null,
          stream: Readable.from([Buffer.from(`序号,物品,数量\n1,假冒耐克运动鞋,${kind}-${caseId}\n`)]),
        },
        { ip: null, userAgent: null },
      );
    const ofOtherCase = await upload(other.id, "seizure_list");
    const notAList = await upload(lead.id, "photo");
    const list = await upload(lead.id, "seizure_list");
    if (!ofOtherCase.ok || !notAList.ok || !list.ok) throw new Error("upload refused");

    const input = raidInput({ raidedAt: "2099-01-01T08:00" }, [otherSite!]);
    input.seizures[0]!.seizureListEvidenceId = ofOtherCase.evidence.id;
    input.seizures[1]!.seizureListEvidenceId = notAList.evidence.id;
    const refused = await recordRaid(db(), cast.officer, lead.id, input);
    expect(refused).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: {
        raidedAt: ["police.validation.future"],
        leadSiteIds: ["validation.invalidChoice"],
        "seizures[0].seizureListEvidenceId": ["police.raid.validation.seizureList"],
        "seizures[1].seizureListEvidenceId": ["police.raid.validation.seizureList"],
      },
    });
    expect((await caseRow(lead.id)).status).toBe("investigating");

    const good = raidInput();
    good.seizures[0]!.seizureListEvidenceId = list.evidence.id;
    const saved = await recordRaid(db(), cast.officer, lead.id, good);
    expect(saved).toMatchObject({ ok: true });
    const [view] = await listRaids(db(), await caseRow(lead.id));
    expect(view!.seizures[0]!.seizureList).toEqual({ id: list.evidence.id, originalName: "扣押清单.csv", withdrawn: false });
    expect(view!.seizures[1]!.seizureList).toBeNull();
  });
});

describe("the raid form's schema", () => {
  const form = (overrides: Record<string, unknown>) =>
    RaidFormSchema.safeParse({
      raidedAt: "2026-01-12T09:30",
      leadSiteIds: [],
      newSites: [{ type: "factory", address: "溪白村", provinceCode: "350000", cityCode: "350300", districtCode: "350305" }],
      seizures: [],
      ...overrides,
    });
  const messages = (result: ReturnType<typeof form>) =>
    result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));

  it("needs a time and at least one site", () => {
    expect(messages(form({ raidedAt: "yesterday" }))).toEqual({ raidedAt: "police.validation.dateTime" });
    expect(messages(form({ newSites: [] }))).toEqual({ leadSiteIds: "police.validation.siteRequired" });
  });

  it("wants quantities above zero, amounts with two decimals at most, and a valuation method with a value", () => {
    const seizure = { product: "鞋", quantity: "0", unit: "pairs", valueYuan: "12.345" };
    expect(messages(form({ seizures: [seizure] }))).toEqual({
      "seizures.0.quantity": "police.validation.quantity",
      "seizures.0.valueYuan": "cases.validation.amount",
    });
    expect(messages(form({ seizures: [{ ...seizure, quantity: "326", valueYuan: "1,200.50" }] }))).toEqual({
      "seizures.0.valuationMethod": "police.validation.valuationMethodRequired",
    });
    expect(messages(form({ seizures: [{ product: "鞋", unit: "pairs", quantity: "326", counterfeitLabels: -1 }] }))).toEqual({
      "seizures.0.counterfeitLabels": "cases.validation.wholeNumber",
    });
  });

  it("keeps a new site's division in its province and city", () => {
    expect(messages(form({ newSites: [{ type: "factory", address: "x", provinceCode: "350000", cityCode: "330700", districtCode: "350305" }] }))).toEqual({
      "newSites.0.cityCode": "cases.validation.divisionMismatch",
      "newSites.0.districtCode": "cases.validation.divisionMismatch",
    });
  });
});
