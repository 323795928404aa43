import { and, eq } from "drizzle-orm";
import { auditEvents, caseReferrals, cases } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { runClockSweeps, sweepDecisionClocks, sweepRequestDueDates } from "./clock-sweeps.server";
import { demoViewers, notificationsOf, referredCase, type DemoViewers } from "./collaboration.testing";
import { addComment, createInformationRequest } from "./information-requests.server";
import { calendarDay } from "./information-requests";

let database: TestDatabase;
let viewers: DemoViewers;
const db = () => database.db;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "sweeps-test-password" });
  viewers = await demoViewers(database.db);
});
afterAll(async () => {
  await database.destroy();
});

async function referralOf(caseId: string) {
  const [row] = await db().select().from(caseReferrals).where(eq(caseReferrals.caseId, caseId));
  if (!row) throw new Error("the referral was not recorded");
  return row;
}

async function kindsFor(userId: string, caseId: string) {
  return (await notificationsOf(db(), userId, caseId)).map((row) => row.kind).sort();
}

async function systemAudit(caseId: string, action: string) {
  return db().select().from(auditEvents).where(and(eq(auditEvents.caseId, caseId), eq(auditEvents.action, action)));
}

describe("sweepDecisionClocks", () => {
  it("reminds the agency's supervisors once before the clock runs out, and tells both sides once when it has", async () => {
    const caseRow = await referredCase(db(), viewers);
    const referral = await referralOf(caseRow.id);
    const due = referral.decisionDueAt.getTime();

    // More than a day left: nothing yet.
    await sweepDecisionClocks(db(), new Date(due - 30 * HOUR));
    expect(await kindsFor(viewers.supervisor.userId, caseRow.id)).not.toContain("decision_due_soon");

    await sweepDecisionClocks(db(), new Date(due - 12 * HOUR));
    await sweepDecisionClocks(db(), new Date(due - 11 * HOUR));
    expect((await kindsFor(viewers.supervisor.userId, caseRow.id)).filter((kind) => kind === "decision_due_soon")).toHaveLength(1);
    // Not the platform, not an officer: the supervisors decide.
    expect(await kindsFor(viewers.investigator.userId, caseRow.id)).not.toContain("decision_due_soon");
    expect((await referralOf(caseRow.id)).reminderSentAt).toEqual(new Date(due - 12 * HOUR));

    await sweepDecisionClocks(db(), new Date(due + HOUR));
    await sweepDecisionClocks(db(), new Date(due + 2 * HOUR));
    for (const viewer of [viewers.supervisor, viewers.investigator, viewers.lead]) {
      expect((await kindsFor(viewer.userId, caseRow.id)).filter((kind) => kind === "decision_overdue"), viewer.email).toHaveLength(1);
    }
    expect(await kindsFor(viewers.officer.userId, caseRow.id)).toEqual([]);

    const reminders = await systemAudit(caseRow.id, "case.decision_reminder_sent");
    const overdue = await systemAudit(caseRow.id, "case.decision_overdue_notified");
    expect(reminders).toHaveLength(1);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ actorUserId: null, actorLabel: "system", details: { reference: caseRow.reference, notified: 3 } });
  });

  it("leaves decided referrals and cases no longer waiting alone", async () => {
    const decided = await referredCase(db(), viewers);
    await db().update(caseReferrals).set({ decidedAt: new Date(), decision: "accepted" }).where(eq(caseReferrals.caseId, decided.id));
    const withdrawn = await referredCase(db(), viewers);
    await db().update(cases).set({ status: "withdrawn" }).where(eq(cases.id, withdrawn.id));
    const late = new Date((await referralOf(decided.id)).decisionDueAt.getTime() + 5 * HOUR);
    await sweepDecisionClocks(db(), late);
    for (const caseRow of [decided, withdrawn]) {
      expect((await kindsFor(viewers.supervisor.userId, caseRow.id)).filter((kind) => kind.startsWith("decision_"))).toEqual([]);
      expect((await referralOf(caseRow.id)).overdueNotifiedAt).toBeNull();
    }
  });

  it("sends nothing twice when two sweeps run at once", async () => {
    const caseRow = await referredCase(db(), viewers);
    const late = new Date((await referralOf(caseRow.id)).decisionDueAt.getTime() + HOUR);
    await Promise.all([sweepDecisionClocks(db(), late), sweepDecisionClocks(db(), late)]);
    expect((await kindsFor(viewers.supervisor.userId, caseRow.id)).filter((kind) => kind === "decision_overdue")).toHaveLength(1);
  });
});

describe("sweepRequestDueDates", () => {
  it("reminds the answering side once of an open request due within a day, and never of an answered one", async () => {
    const caseRow = await referredCase(db(), viewers, { status: "investigating" });
    const now = new Date();
    const today = calendarDay(now, "Asia/Shanghai");
    const open = await createInformationRequest(db(), viewers.officer, caseRow, { subject: "需要发货记录", body: "b", dueDate: today });
    const answered = await createInformationRequest(db(), viewers.investigator, caseRow, { subject: "请告知查处时间", body: "b", dueDate: today });
    if (!open.ok || !answered.ok) throw new Error("requests not created");
    await addComment(db(), viewers.officer, caseRow, { requestId: answered.requestId, body: "下周。" });

    await sweepRequestDueDates(db(), now);
    await sweepRequestDueDates(db(), new Date(now.getTime() + 1000));
    // The platform answers the police's request: its participants are reminded, once.
    expect((await kindsFor(viewers.investigator.userId, caseRow.id)).filter((kind) => kind === "request_due_soon")).toHaveLength(1);
    expect((await kindsFor(viewers.lead.userId, caseRow.id)).filter((kind) => kind === "request_due_soon")).toHaveLength(1);
    // The police's own request for information is not theirs to answer; the answered one needs no reminder.
    expect(await kindsFor(viewers.officer.userId, caseRow.id)).not.toContain("request_due_soon");
    expect(await systemAudit(caseRow.id, "information_request.reminder_sent")).toHaveLength(1);
  });
});

describe("runClockSweeps", () => {
  it("runs every sweep and reports what it sent; a second run at the same instant sends nothing", async () => {
    const caseRow = await referredCase(db(), viewers);
    const late = new Date((await referralOf(caseRow.id)).decisionDueAt.getTime() + HOUR);
    const first = await runClockSweeps(db(), late);
    expect(first.decisionOverdue).toBeGreaterThanOrEqual(1);
    expect(await runClockSweeps(db(), late)).toEqual({ decisionDueSoon: 0, decisionOverdue: 0, requestDueSoon: 0, emailsSent: 0 });
  });
});
