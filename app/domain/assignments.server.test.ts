/**
 * Officers on a case (assignments.server.ts), the agency's inbox (inbox.server.ts) and the home page's
 * work queue (work-queue.server.ts), against a real database with the demo world.
 */
import { and, asc, eq } from "drizzle-orm";
import { auditEvents, caseAssignments, notifications, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { assignOfficer, getAssignmentPanel, makeLeadOfficer, unassignOfficer } from "./assignments.server";
import { acceptReferral, approveLead, getCaseTimeline, referLead, returnForInformation, submitForReview } from "./case-workflow.server";
import { insertLead, organisationId, viewerFor } from "./case-workflow.testing";
import { getInbox } from "./inbox.server";
import type { Viewer } from "./policy";
import { getWorkQueue } from "./work-queue.server";
import { requireCaseForViewer } from "./case-access.server";

let database: TestDatabase;
const viewers: Record<string, Viewer> = {};
let putianId: string;
const db = () => database.db;
const investigator = () => viewers["investigator@platform.demo"]!;
const supervisor = () => viewers["supervisor@putian.demo"]!;
const officer = () => viewers["officer@putian.demo"]!;
let secondOfficerId: string;
let retiredOfficerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "assignments-password" });
  for (const email of [
    "investigator@platform.demo",
    "lead@platform.demo",
    "supervisor@putian.demo",
    "officer@putian.demo",
    "officer@guangzhou.demo",
    "supervisor@guangzhou.demo",
  ]) {
    viewers[email] = await viewerFor(database.db, email);
  }
  putianId = await organisationId(database.db, "putian-psb");
  // A second officer of Putian, and one whose account was deactivated.
  const [second, retired] = await database.db
    .insert(users)
    .values([
      { email: "officer2@putian.test", displayName: "陈志强", role: "police_officer", organisationId: putianId, passwordHash: "x" },
      { email: "retired@putian.test", displayName: "林退休", role: "police_officer", organisationId: putianId, passwordHash: "x", deactivatedAt: new Date() },
    ])
    .returning({ id: users.id });
  secondOfficerId = second!.id;
  retiredOfficerId = retired!.id;
}, 240_000);
afterAll(async () => {
  await database.destroy();
});

async function thrownStatus(promise: Promise<unknown>): Promise<number | "resolved"> {
  try {
    await promise;
    return "resolved";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function referred(at: Date) {
  const row = await insertLead(db(), investigator());
  await submitForReview(db(), investigator(), { caseId: row.id, version: 1 });
  await approveLead(db(), viewers["lead@platform.demo"]!, { caseId: row.id, version: 2 });
  expect(await referLead(db(), investigator(), { caseId: row.id, version: 3, agencyId: putianId }, { at })).toMatchObject({ ok: true });
  return row.id;
}

async function accepted() {
  const id = await referred(new Date());
  expect(await acceptReferral(db(), supervisor(), { caseId: id, version: 4 })).toMatchObject({ ok: true });
  return id;
}

describe("assignments", () => {
  it("assigns officers of the agency, the first as lead officer; audited, notified, on the timeline", async () => {
    const caseId = await accepted();
    expect(await assignOfficer(db(), supervisor(), { caseId, officerId: officer().userId })).toEqual({ ok: true });
    expect(await assignOfficer(db(), supervisor(), { caseId, officerId: officer().userId })).toEqual({
      ok: false,
      refusal: { code: "already_assigned", name: "黄建明" },
    });
    expect(await assignOfficer(db(), supervisor(), { caseId, officerId: secondOfficerId })).toEqual({ ok: true });

    const panel = await getAssignmentPanel(db(), supervisor(), await requireCaseForViewer(db(), supervisor(), caseId));
    expect(panel!.assignments.map((row) => [row.name, row.isLead, row.assignedByName])).toEqual([
      ["黄建明", true, "郑国华"],
      ["陈志强", false, "郑国华"],
    ]);
    // Neither the other agency's officer nor a deactivated account is offered.
    expect(panel!.candidates).toEqual([]);

    const notified = await db()
      .select({ userId: notifications.userId, kind: notifications.kind, params: notifications.params })
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), eq(notifications.kind, "assigned")))
      .orderBy(asc(notifications.createdAt));
    expect(notified).toEqual([
      { userId: officer().userId, kind: "assigned", params: { lead: 1 } },
      { userId: secondOfficerId, kind: "assigned", params: { lead: 0 } },
    ]);
    const audits = await db().select().from(auditEvents).where(and(eq(auditEvents.caseId, caseId), eq(auditEvents.action, "case.officer_assigned")));
    expect(audits.map((audit) => audit.details)).toEqual([
      expect.objectContaining({ officerName: "黄建明", lead: true }),
      expect.objectContaining({ officerName: "陈志强", lead: false }),
    ]);
    const timeline = await getCaseTimeline(db(), investigator(), caseId);
    expect(timeline.filter((entry) => entry.action === "case.officer_assigned").map((entry) => entry.officerName)).toEqual(["黄建明", "陈志强"]);

    // One lead officer at a time.
    const second = panel!.assignments[1]!;
    expect(await makeLeadOfficer(db(), supervisor(), { caseId, assignmentId: second.id })).toEqual({ ok: true });
    const leads = await db()
      .select({ officerId: caseAssignments.officerId })
      .from(caseAssignments)
      .where(and(eq(caseAssignments.caseId, caseId), eq(caseAssignments.isLead, true)));
    expect(leads).toEqual([{ officerId: secondOfficerId }]);

    // Taking an officer off ends the assignment; doing it twice says so.
    expect(await unassignOfficer(db(), supervisor(), { caseId, assignmentId: second.id })).toEqual({ ok: true });
    expect(await unassignOfficer(db(), supervisor(), { caseId, assignmentId: second.id })).toEqual({ ok: false, refusal: { code: "not_assigned" } });
    const [ended] = await db().select().from(caseAssignments).where(eq(caseAssignments.id, second.id));
    expect(ended).toMatchObject({ endedBy: supervisor().userId, isLead: false });
    expect(ended!.endedAt).toBeInstanceOf(Date);
  });

  it("refuses another agency's officer and a deactivated account, and anyone but the agency's supervisor", async () => {
    const caseId = await accepted();
    expect(await assignOfficer(db(), supervisor(), { caseId, officerId: viewers["officer@guangzhou.demo"]!.userId })).toEqual({
      ok: false,
      refusal: { code: "officer_not_assignable" },
    });
    expect(await assignOfficer(db(), supervisor(), { caseId, officerId: retiredOfficerId })).toEqual({
      ok: false,
      refusal: { code: "officer_not_assignable" },
    });
    expect(await thrownStatus(assignOfficer(db(), officer(), { caseId, officerId: officer().userId }))).toBe(403);
    expect(await thrownStatus(assignOfficer(db(), investigator(), { caseId, officerId: officer().userId }))).toBe(403);
    expect(await thrownStatus(assignOfficer(db(), viewers["supervisor@guangzhou.demo"]!, { caseId, officerId: officer().userId }))).toBe(404);
    expect(await db().select().from(caseAssignments).where(eq(caseAssignments.caseId, caseId))).toEqual([]);
  });

  it("waits for the referral to be accepted", async () => {
    const caseId = await referred(new Date());
    expect(await assignOfficer(db(), supervisor(), { caseId, officerId: officer().userId })).toEqual({
      ok: false,
      refusal: { code: "wrong_state", status: "submitted" },
    });
    const panel = await getAssignmentPanel(db(), supervisor(), await requireCaseForViewer(db(), supervisor(), caseId));
    expect(panel).toMatchObject({ assignable: false, candidates: null, assignments: [] });
  });
});

describe("the inbox", () => {
  it("lists the agency's referrals awaiting a decision, overdue first then by the time left, with their clocks", async () => {
    const now = new Date();
    const hours = (n: number) => new Date(now.getTime() + n * 3600_000);
    // Decision periods are 3 days: referred 100 h ago is overdue, 60 h ago due soon, 1 h ago running.
    const overdue = await referred(hours(-100));
    const soon = await referred(hours(-60));
    const fresh = await referred(hours(-1));
    const inbox = await getInbox(db(), supervisor(), { at: now });
    const mine = inbox.awaiting.filter((row) => [overdue, soon, fresh].includes(row.caseId));
    expect(mine.map((row) => [row.caseId, row.clock.state])).toEqual([
      [overdue, "overdue"],
      [soon, "due_soon"],
      [fresh, "running"],
    ]);
    expect(mine[2]!.clock.remainingMs).toBe(71 * 3600_000);
    // The whole list is in deadline order, and the counts agree with it.
    const deadlines = inbox.awaiting.map((row) => Date.parse(row.clock.dueAt));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(inbox.counts.overdue).toBe(inbox.awaiting.filter((row) => row.clock.state === "overdue").length);
    expect(inbox.counts.overdue).toBeGreaterThanOrEqual(1);

    // Another agency sees none of Putian's; the platform's leads never appear in an agency's inbox.
    const guangzhou = await getInbox(db(), viewers["officer@guangzhou.demo"]!, { at: now });
    for (const row of [...guangzhou.awaiting, ...guangzhou.working, ...guangzhou.withPlatform]) {
      expect(await thrownStatus(requireCaseForViewer(db(), viewers["officer@guangzhou.demo"]!, row.caseId))).toBe("resolved");
    }
    expect(guangzhou.awaiting.map((row) => row.caseId)).not.toContain(overdue);
  });

  it("puts the officer's own cases first, keeps the rest of the agency's below, and filters by state", async () => {
    const caseId = await accepted();
    await assignOfficer(db(), supervisor(), { caseId, officerId: officer().userId });
    const officerInbox = await getInbox(db(), officer());
    expect(officerInbox.assignedToMe.map((row) => row.caseId)).toContain(caseId);
    expect(officerInbox.working.map((row) => row.caseId)).not.toContain(caseId);
    expect(officerInbox.assignedToMe.find((row) => row.caseId === caseId)!.officers).toEqual([{ name: "黄建明", isLead: true, isMe: true }]);
    // The supervisor is not on it: it is among the agency's cases in progress.
    const supervisorInbox = await getInbox(db(), supervisor());
    expect(supervisorInbox.working.map((row) => row.caseId)).toContain(caseId);

    const filtered = await getInbox(db(), supervisor(), { status: "accepted" });
    expect(filtered.awaiting).toEqual([]);
    expect([...filtered.assignedToMe, ...filtered.working].every((row) => row.status === "accepted")).toBe(true);

    const returnedId = await referred(new Date());
    await returnForInformation(db(), supervisor(), { caseId: returnedId, version: 4, note: "请补充" });
    expect((await getInbox(db(), supervisor())).withPlatform.map((row) => row.caseId)).toContain(returnedId);
  });

  it("lists the agency's other cases in progress only up to a limit, the most recently updated, with their total", async () => {
    await accepted();
    await accepted();
    const mineId = await accepted();
    await assignOfficer(db(), supervisor(), { caseId: mineId, officerId: officer().userId });
    const whole = await getInbox(db(), officer());
    expect(whole.workingNotListed).toBe(0);
    expect(whole.working.length).toBeGreaterThanOrEqual(2);
    expect(whole.counts.working).toBe(whole.assignedToMe.length + whole.working.length);

    const bounded = await getInbox(db(), officer(), { workingLimit: 1 });
    // The officer's own cases are never cut; the rest are, newest update first, and the total still counts them.
    expect(bounded.assignedToMe.map((row) => row.caseId)).toEqual(whole.assignedToMe.map((row) => row.caseId));
    expect(bounded.working.map((row) => row.caseId)).toEqual([whole.working[0]!.caseId]);
    expect(bounded.workingNotListed).toBe(whole.working.length - 1);
    expect(bounded.counts.working).toBe(whole.counts.working);
    expect(bounded.awaiting.map((row) => row.caseId)).toEqual(whole.awaiting.map((row) => row.caseId));
  });
});

describe("the home page's work queue", () => {
  it("gives each role what waits for it", async () => {
    const police = await getWorkQueue(db(), supervisor());
    expect(police.police!.counts.awaiting).toBeGreaterThan(0);
    expect(police.police!.mostUrgent.length).toBeLessThanOrEqual(5);
    expect([police.drafts, police.returned, police.declined, police.review]).toEqual([null, null, null, null]);

    const draft = await insertLead(db(), investigator());
    const platform = await getWorkQueue(db(), investigator());
    expect(platform.police).toBeNull();
    expect(platform.review).toBeNull();
    expect(platform.drafts!.total).toBeGreaterThanOrEqual(1);
    expect(platform.drafts!.items.every((item) => item.status === "draft")).toBe(true);
    expect(platform.drafts!.items.map((item) => item.caseId)).toContain(draft.id);
    expect(platform.returned!.items.every((item) => item.status === "returned_for_info")).toBe(true);

    // A lead in review by the investigator is in the platform lead's queue, never in its author's.
    await submitForReview(db(), investigator(), { caseId: draft.id, version: 1 });
    const lead = await getWorkQueue(db(), viewers["lead@platform.demo"]!);
    expect(lead.review!.items.map((item) => item.caseId)).toContain(draft.id);
    const ownLead = await insertLead(db(), viewers["lead@platform.demo"]!);
    await submitForReview(db(), viewers["lead@platform.demo"]!, { caseId: ownLead.id, version: 1 });
    expect((await getWorkQueue(db(), viewers["lead@platform.demo"]!)).review!.items.map((item) => item.caseId)).not.toContain(ownLead.id);
  });
});
