import { eq, inArray } from "drizzle-orm";
// db/seed first: db/seed and app/lib/db.server import each other; entered from the seed side, both finish
// loading before the domain modules (which read db.server's tables at load time) run.
import { seedDemoWorld } from "./seed";
import { verifyAuditChain } from "../app/domain/audit.server";
import { getCaseTimeline } from "../app/domain/case-workflow.server";
import { viewerFor } from "../app/domain/case-workflow.testing";
import { getLeadForViewer } from "../app/domain/cases.server";
import { leadCompleteness } from "../app/domain/cases";
import { routeLead } from "../app/domain/mou-routing.server";
import {
  caseAssignments,
  caseNotes,
  caseOutcomes,
  caseReferrals,
  cases,
  evidenceFiles,
  informationRequests,
  notifications,
  organisations,
  outboxMessages,
  platformActions,
  raids,
  raidSites,
  seizures,
} from "./schema";
import { POLICE_DEMO_STATES } from "./seed-police-cases";
import { createTestDatabase, testDatabaseEngine, type TestDatabase } from "./testing";

const DAY = 24 * 60 * 60 * 1000;

let database: TestDatabase;
/** The seed reads its clock somewhere between these two instants. */
let seedingStarted: Date;
let seedingEnded: Date;
beforeAll(async () => {
  database = await createTestDatabase();
  seedingStarted = new Date();
  await seedDemoWorld(database.db, { password: "seed-police-password" });
  seedingEnded = new Date();
}, 120_000);
afterAll(async () => {
  await database.destroy();
});

async function byReference(reference: string) {
  const [row] = await database.db.select().from(cases).where(eq(cases.reference, reference));
  if (!row) throw new Error(`no case ${reference}`);
  return row;
}

async function organisationId(code: string) {
  const [row] = await database.db.select().from(organisations).where(eq(organisations.code, code));
  return row!.id;
}

describe(`the police side of the demo world (${testDatabaseEngine()})`, () => {
  it("leaves every new lead in the state the conventions' table names, all referred to Putian", async () => {
    const references = Object.keys(POLICE_DEMO_STATES);
    expect(references).toEqual(Array.from({ length: 14 }, (_, index) => `AC-2026-${String(index + 7).padStart(6, "0")}`));
    const rows = await database.db.select().from(cases).where(inArray(cases.reference, references));
    const states = Object.fromEntries(rows.map((row) => [row.reference, row.status]));
    expect(states).toEqual(POLICE_DEMO_STATES);
    const putian = await organisationId("putian-psb");
    for (const row of rows) expect([row.reference, row.targetAgencyId]).toEqual([row.reference, putian]);
  });

  it("leaves the first six leads as the earlier seeds made them", async () => {
    const rows = await database.db.select().from(cases).where(inArray(cases.reference, ["AC-2026-000001", "AC-2026-000002", "AC-2026-000003", "AC-2026-000004", "AC-2026-000005", "AC-2026-000006"]));
    expect(Object.fromEntries(rows.map((row) => [row.reference, row.status]))).toEqual({
      "AC-2026-000001": "submitted",
      "AC-2026-000002": "approved",
      "AC-2026-000003": "in_review",
      "AC-2026-000004": "draft",
      "AC-2026-000005": "submitted",
      "AC-2026-000006": "withdrawn",
    });
  });

  it("gives every new lead what a referral needs (leadCompleteness) and a test purchase", async () => {
    const investigator = await viewerFor(database.db, "investigator@platform.demo");
    for (const reference of Object.keys(POLICE_DEMO_STATES)) {
      const lead = await getLeadForViewer(database.db, investigator, (await byReference(reference)).id);
      const completeness = leadCompleteness(lead);
      expect([reference, completeness.missing, completeness.recommended]).toEqual([reference, [], []]);
    }
  });

  it("has AC-2026-000020's decision clock run out (referred four days before seeding) and fresh clocks on -000015 … -000017", async () => {
    const overdue = await byReference("AC-2026-000020");
    expect(overdue.status).toBe("submitted");
    expect(overdue.decisionDueAt!.getTime()).toBeLessThan(seedingStarted.getTime());
    expect(seedingEnded.getTime() - overdue.submittedAt!.getTime()).toBeGreaterThanOrEqual(4 * DAY);
    expect(seedingStarted.getTime() - overdue.submittedAt!.getTime()).toBeLessThanOrEqual(4 * DAY);
    for (const reference of ["AC-2026-000015", "AC-2026-000016", "AC-2026-000017"]) {
      const fresh = await byReference(reference);
      expect(fresh.decisionDueAt!.getTime()).toBeGreaterThanOrEqual(seedingStarted.getTime() + 3 * DAY);
    }
  });

  it("has officer@putian.demo assigned, as lead officer, on the cases the agency accepted", async () => {
    const officer = await viewerFor(database.db, "officer@putian.demo");
    for (const reference of ["AC-2026-000007", "AC-2026-000008", "AC-2026-000009", "AC-2026-000013", "AC-2026-000014", "AC-2026-000018", "AC-2026-000019"]) {
      const rows = await database.db.select().from(caseAssignments).where(eq(caseAssignments.caseId, (await byReference(reference)).id));
      const active = rows.filter((row) => row.endedAt === null).map((row) => [row.officerId, row.isLead]);
      expect([reference, active]).toEqual([reference, [[officer.userId, true]]]);
    }
    for (const reference of ["AC-2026-000015", "AC-2026-000016", "AC-2026-000017", "AC-2026-000020"]) {
      const rows = await database.db.select().from(caseAssignments).where(eq(caseAssignments.caseId, (await byReference(reference)).id));
      expect([reference, rows]).toEqual([reference, []]);
    }
  });

  it("records Putian's decline of -000011 with its reason code, and -000012's questions", async () => {
    const declined = await byReference("AC-2026-000011");
    const [referral] = await database.db.select().from(caseReferrals).where(eq(caseReferrals.caseId, declined.id));
    expect(referral).toMatchObject({ decision: "declined", declineReason: "outside_jurisdiction" });
    expect(referral!.decisionNote).toContain("广州市白云区");
    const returned = await byReference("AC-2026-000012");
    const [questions] = await database.db.select().from(caseReferrals).where(eq(caseReferrals.caseId, returned.id));
    expect(questions).toMatchObject({ decision: "returned_for_info" });
    expect(questions!.decisionNote).toContain("鉴定报告");
  });

  it("lets Guangzhou receive the declined -000011 and the multi-city -000016 (Jinhua's MOU has expired)", async () => {
    for (const reference of ["AC-2026-000011", "AC-2026-000016"]) {
      const verdicts = await routeLead(database.db, await byReference(reference));
      const eligible = verdicts.filter((verdict) => verdict.eligible).map((verdict) => verdict.agency.code);
      expect([reference, eligible]).toEqual([reference, ["guangzhou-psb", "putian-psb"]]);
    }
    const jinhua = (await routeLead(database.db, await byReference("AC-2026-000016"))).find((verdict) => verdict.agency.code === "jinhua-psb");
    expect(jinhua!.problems.map((problem) => problem.code)).toEqual(["expired"]);
  });

  it("writes the officer's notes; the platform's timeline shows the shared one's text, never the agency's own", async () => {
    const raided = await byReference("AC-2026-000007");
    const notes = await database.db.select().from(caseNotes).where(eq(caseNotes.caseId, raided.id));
    expect(notes.map((row) => row.visibility).sort()).toEqual(["agency", "shared"]);
    const investigator = await viewerFor(database.db, "investigator@platform.demo");
    const texts = (await getCaseTimeline(database.db, investigator, raided.id)).map((entry) => entry.note ?? "");
    expect(texts.some((text) => text.includes("请平台协助冻结"))).toBe(true);
    expect(texts.some((text) => text.includes("蹲守"))).toBe(false);
  });

  it("records the timeline of the raided factory: platform steps, then the agency's", async () => {
    const supervisor = await viewerFor(database.db, "supervisor@putian.demo");
    const timeline = await getCaseTimeline(database.db, supervisor, (await byReference("AC-2026-000007")).id);
    const steps = timeline.filter((entry) => entry.toStatus).map((entry) => [entry.action, entry.actor?.name]);
    expect(steps).toEqual([
      ["case.submitted_for_review", "林晓雯"],
      ["case.approved", "陈志远"],
      ["case.referred", "林晓雯"],
      ["case.accepted", "郑国华"],
      ["case.investigation_started", "黄建明"],
      ["case.raided", "黄建明"],
    ]);
  });

  it("raids the Xitianwei factory: both sites, the boss and two accomplices detained, about 400,000 yuan of fake Nikes", async () => {
    const factory = await byReference("AC-2026-000007");
    const [raid, ...more] = await database.db.select().from(raids).where(eq(raids.caseId, factory.id));
    expect(more).toHaveLength(0);
    expect(raid!.raidedAt.toISOString()).toBe("2026-10-21T21:30:00.000Z"); // 05:30 on 22 October, Beijing time
    const sites = await database.db.select().from(raidSites).where(eq(raidSites.raidId, raid!.id));
    expect(sites.map((site) => [site.type, site.divisionCode, site.caseSiteId !== null])).toEqual([
      ["factory", "350304", true],
      ["warehouse", "350304", true],
    ]);
    const seized = await database.db.select().from(seizures).where(eq(seizures.raidId, raid!.id)).orderBy(seizures.position);
    const shoes = seized.filter((row) => row.unit === "pairs");
    expect(shoes.every((row) => row.brand === "NIKE" && row.valuationMethod !== null)).toBe(true);
    expect(shoes.reduce((sum, row) => sum + Number(row.valueYuan), 0)).toBe(400_000);
    expect(seized.some((row) => row.counterfeitLabels > 0)).toBe(true);
    expect(seized.some((row) => row.equipment.includes("压底机"))).toBe(true);
    // The seizure list went through the evidence system, as the officer's upload would.
    const [list] = await database.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, seized[0]!.seizureListEvidenceId!));
    expect(list).toMatchObject({ caseId: factory.id, kind: "seizure_list" });
    const [outcome] = await database.db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, factory.id));
    expect(outcome).toMatchObject({ filingDecision: "filed", detained: 3, charges: ["art213", "art214"] });
    const follow = await database.db.select().from(platformActions).where(eq(platformActions.caseId, factory.id));
    expect(follow.map((row) => row.kind).sort()).toEqual(["account_banned", "store_closed", "store_closed"]);
  });

  it("seals up 326 boxes of fake Air Jordans in the Wutang warehouse", async () => {
    const warehouse = await byReference("AC-2026-000008");
    const seized = await database.db.select().from(seizures).where(eq(seizures.caseId, warehouse.id)).orderBy(seizures.position);
    expect(seized[0]).toMatchObject({ brand: "AIR JORDAN", quantity: "326.00", unit: "boxes" });
    const [raid] = await database.db.select().from(raids).where(eq(raids.caseId, warehouse.id));
    expect(raid!.raidedAt.getTime()).toBeGreaterThanOrEqual(Date.parse("2026-10-01T00:00:00+08:00"));
    expect(raid!.summary).toContain("326箱");
  });

  it("has -000009 with the procuratorate and -000010 judged, closed and followed up by the platform", async () => {
    const prosecuted = await byReference("AC-2026-000009");
    const [withProcuratorate] = await database.db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, prosecuted.id));
    expect(withProcuratorate).toMatchObject({
      arrested: 2,
      charges: ["art213", "art214"],
      route: "criminal",
      procuratorate: "莆田市荔城区人民检察院",
      transferredToProcuratorateOn: "2026-11-16",
    });
    // Its raid found a warehouse the lead did not know: a new site beside the lead's own.
    const [xinduRaid] = await database.db.select().from(raids).where(eq(raids.caseId, prosecuted.id));
    const xinduSites = await database.db.select().from(raidSites).where(eq(raidSites.raidId, xinduRaid!.id)).orderBy(raidSites.position);
    expect(xinduSites.map((site) => [site.type, site.caseSiteId === null])).toEqual([
      ["factory", false],
      ["warehouse", true],
    ]);
    const judged = await byReference("AC-2026-000010");
    const [judgment] = await database.db.select().from(caseOutcomes).where(eq(caseOutcomes.caseId, judged.id));
    expect(judgment).toMatchObject({ verdict: "convicted", finesYuan: "300000.00", closureReason: "judgment" });
    expect(judgment!.sentence).toContain("有期徒刑");
    const follow = await database.db.select().from(platformActions).where(eq(platformActions.caseId, judged.id));
    expect(follow.map((row) => row.kind).sort()).toEqual(["account_banned", "blacklist_candidate", "store_closed", "store_closed"]);
    const candidate = follow.find((row) => row.kind === "blacklist_candidate")!;
    expect(candidate.caseEnterpriseId).not.toBeNull();
    expect(candidate.publishableFields).toEqual(expect.arrayContaining(["name", "credit_code"]));
  });

  it("leaves an open request for information from Putian to the platform on -000014, not yet due", async () => {
    const investigating = await byReference("AC-2026-000014");
    const requests = await database.db.select().from(informationRequests).where(eq(informationRequests.caseId, investigating.id));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ status: "open", requestingOrganisationId: await organisationId("putian-psb") });
    expect(requests[0]!.dueAt.getTime()).toBeGreaterThan(seedingEnded.getTime() + DAY);
  });

  it("leaves only the last days' notifications unread and no e-mail copies of the seeded past in the outbox", async () => {
    const supervisor = await viewerFor(database.db, "supervisor@putian.demo");
    const rows = await database.db.select().from(notifications).where(eq(notifications.userId, supervisor.userId));
    const fresh = await byReference("AC-2026-000015");
    const old = await byReference("AC-2026-000007");
    expect(rows.filter((row) => row.caseId === fresh.id).map((row) => [row.kind, row.readAt])).toEqual([["referral_received", null]]);
    const oldOnes = rows.filter((row) => row.caseId === old.id);
    expect(oldOnes.length).toBeGreaterThan(0);
    expect(oldOnes.every((row) => row.readAt !== null && row.readAt > row.createdAt)).toBe(true);
    // The e-mail copies of the seeded past are not left in the outbox to be sent to the demo accounts.
    expect(await database.db.select().from(outboxMessages)).toEqual([]);
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
  });
});
