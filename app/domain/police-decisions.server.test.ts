/**
 * The agency's decisions through applyTransition on a real database: accept, decline (reason code and
 * text, then re-routing suggestions that never include the declining agency), return for information and
 * resubmission (a fresh clock), the police updates and closure; the referral rows, outcome events and
 * notifications each writes in its transaction; 404 for another agency, stale versions refused.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { auditEvents, caseOutcomes, caseReferrals, cases, notifications, outcomeEvents, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import {
  acceptReferral,
  applyTransition,
  approveLead,
  declineReferral,
  getWorkflowView,
  referLead,
  resubmitLead,
  returnForInformation,
  submitForReview,
} from "./case-workflow.server";
import { insertLead, organisationId, viewerFor } from "./case-workflow.testing";
import { getInbox } from "./inbox.server";
import type { Viewer } from "./policy";

let database: TestDatabase;
const viewers: Record<string, Viewer> = {};
let putianId: string;
let guangzhouId: string;
const db = () => database.db;
const investigator = () => viewers["investigator@platform.demo"]!;
const supervisor = () => viewers["supervisor@putian.demo"]!;
const officer = () => viewers["officer@putian.demo"]!;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "police-decisions-password" });
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
  guangzhouId = await organisationId(database.db, "guangzhou-psb");
}, 240_000);
afterAll(async () => {
  await database.destroy();
});

async function current(caseId: string) {
  const [row] = await db().select().from(cases).where(eq(cases.id, caseId));
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

/** A lead by the investigator, reviewed by the lead and referred to Putian at `at`; sites in Putian (and Guangzhou if asked). */
async function referredToPutian(at: Date, divisions = ["350305"]) {
  const row = await insertLead(db(), investigator(), { divisions });
  expect(await submitForReview(db(), investigator(), { caseId: row.id, version: 1 })).toMatchObject({ ok: true });
  expect(await approveLead(db(), viewers["lead@platform.demo"]!, { caseId: row.id, version: 2 })).toMatchObject({ ok: true });
  expect(await referLead(db(), investigator(), { caseId: row.id, version: 3, agencyId: putianId }, { at })).toMatchObject({ ok: true });
  return current(row.id);
}

const referralsOf = (caseId: string) =>
  db().select().from(caseReferrals).where(eq(caseReferrals.caseId, caseId)).orderBy(asc(caseReferrals.submittedAt));
const eventsOf = (caseId: string) => db().select().from(outcomeEvents).where(eq(outcomeEvents.caseId, caseId)).orderBy(asc(outcomeEvents.seq));
const notificationsOf = (caseId: string) =>
  db()
    .select({ kind: notifications.kind, params: notifications.params, email: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.caseId, caseId))
    .orderBy(asc(notifications.createdAt));

describe("referral rows and the decision clock", () => {
  it("starts a clock on referral and tells the agency's supervisors", async () => {
    const at = new Date("2026-11-02T02:00:00Z");
    const row = await referredToPutian(at);
    expect(await referralsOf(row.id)).toEqual([
      expect.objectContaining({
        agencyId: putianId,
        mouId: row.mouId,
        submittedBy: investigator().userId,
        submittedAt: at,
        decisionDueAt: new Date(at.getTime() + 3 * DAY),
        decision: null,
        decidedAt: null,
      }),
    ]);
    expect(await notificationsOf(row.id)).toEqual([
      expect.objectContaining({ kind: "referral_received", email: "supervisor@putian.demo", params: expect.objectContaining({ agencyNameZh: "莆田市公安局" }) }),
    ]);
  });
});

describe("accept", () => {
  it("is the supervisor's: records the decision, an outcome event and tells the platform", async () => {
    const row = await referredToPutian(new Date("2026-11-02T02:00:00Z"));
    // The officer may not decide (403); nobody of another agency even finds the case (404).
    expect(await thrownStatus(acceptReferral(db(), officer(), { caseId: row.id, version: row.version }))).toBe(403);
    expect(await thrownStatus(acceptReferral(db(), viewers["supervisor@guangzhou.demo"]!, { caseId: row.id, version: row.version }))).toBe(404);

    const at = new Date("2026-11-03T01:00:00Z");
    expect(await acceptReferral(db(), supervisor(), { caseId: row.id, version: row.version, note: "经侦支队受理" }, { at })).toEqual({
      ok: true,
      transition: "accept",
      status: "accepted",
      version: row.version + 1,
    });
    expect(await referralsOf(row.id)).toEqual([
      expect.objectContaining({ decision: "accepted", decidedBy: supervisor().userId, decidedAt: at, decisionNote: "经侦支队受理", declineReason: null }),
    ]);
    const [event] = await eventsOf(row.id);
    expect(event).toMatchObject({ kind: "referral.accepted", agencyId: putianId, occurredAt: at });
    expect(event!.payload).toMatchObject({ caseReference: row.reference, from: "submitted", to: "accepted", decision: "accepted", agency: { code: "putian-psb" } });
    // Free text never goes into the feed.
    expect(JSON.stringify(event!.payload)).not.toContain("经侦支队受理");
    const told = (await notificationsOf(row.id)).filter((notification) => notification.kind === "referral_decided");
    expect(told.map((notification) => notification.email).sort()).toEqual(["investigator@platform.demo", "lead@platform.demo"]);
    expect(told[0]!.params).toMatchObject({ decision: "accepted" });
  });

  it("refuses a page drawn from an older version, saying who changed the case and when", async () => {
    const row = await referredToPutian(new Date("2026-11-02T02:00:00Z"));
    await returnForInformation(db(), supervisor(), { caseId: row.id, version: row.version, note: "请补充" });
    const outcome = await acceptReferral(db(), supervisor(), { caseId: row.id, version: row.version });
    expect(outcome).toMatchObject({ ok: false, refusal: { code: "stale", status: "returned_for_info", version: row.version + 1, changedBy: "郑国华" } });
    expect((await current(row.id)).status).toBe("returned_for_info");
  });
});

describe("decline and re-routing", () => {
  it("needs a reason code and a text", async () => {
    const row = await referredToPutian(new Date("2026-11-02T02:00:00Z"));
    const input = { caseId: row.id, version: row.version };
    expect(await declineReferral(db(), supervisor(), { ...input, note: "不属管辖" })).toMatchObject({
      ok: false,
      refusal: { code: "reason_required", transition: "decline" },
    });
    expect(await declineReferral(db(), supervisor(), { ...input, note: "不属管辖", reasonCode: "judgment" })).toMatchObject({
      ok: false,
      refusal: { code: "reason_required" },
    });
    expect(await declineReferral(db(), supervisor(), { ...input, reasonCode: "outside_jurisdiction" })).toMatchObject({
      ok: false,
      refusal: { code: "note_required", transition: "decline" },
    });
    expect((await current(row.id)).status).toBe("submitted");
    expect((await referralsOf(row.id))[0]!.decision).toBeNull();
  });

  it("records the reason, suggests the other agencies whose MOU fits, and never goes back to the declining one", async () => {
    // Sites in Putian and Guangzhou: both agencies' MOUs fit the lead.
    const row = await referredToPutian(new Date("2026-11-02T02:00:00Z"), ["350305", "440106"]);
    const at = new Date("2026-11-03T03:00:00Z");
    expect(
      await declineReferral(db(), supervisor(), { caseId: row.id, version: row.version, reasonCode: "outside_jurisdiction", note: "主要窝点在广州白云区" }, { at }),
    ).toMatchObject({ ok: true, status: "declined" });
    expect((await referralsOf(row.id))[0]).toMatchObject({ decision: "declined", declineReason: "outside_jurisdiction", decisionNote: "主要窝点在广州白云区", decidedAt: at });
    const [event] = await eventsOf(row.id);
    expect(event).toMatchObject({ kind: "referral.declined" });
    expect(event!.payload).toMatchObject({ declineReason: "outside_jurisdiction" });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, row.id), eq(auditEvents.action, "case.declined")));
    expect(audit!.details).toMatchObject({ reasonCode: "outside_jurisdiction", note: "主要窝点在广州白云区", from: "submitted", to: "declined" });

    const declined = await current(row.id);
    const view = await getWorkflowView(db(), investigator(), declined);
    expect(view.decision).toMatchObject({ decision: "declined", declineReason: "outside_jurisdiction", note: "主要窝点在广州白云区", byName: "郑国华", agencyNameZh: "莆田市公安局" });
    expect(view.declinedBy).toEqual([{ agencyId: putianId, nameZh: "莆田市公安局", nameEn: expect.any(String) }]);
    expect(view.agencies!.map((verdict) => verdict.agency.code)).not.toContain("putian-psb");
    expect(view.agencies!.filter((verdict) => verdict.eligible).map((verdict) => verdict.agency.code)).toEqual(["guangzhou-psb"]);
    expect(view.actions.map((action) => [action.transition, action.allowed])).toEqual([
      ["refer", true],
      ["withdraw", true],
    ]);

    // Referring back to Putian is refused with the reason; Guangzhou receives it with a clock of its own.
    expect(await referLead(db(), investigator(), { caseId: row.id, version: declined.version, agencyId: putianId })).toMatchObject({
      ok: false,
      refusal: { code: "agency_declined", agencyNameZh: "莆田市公安局" },
    });
    const referredAt = new Date("2026-11-04T00:00:00Z");
    expect(
      await referLead(db(), investigator(), { caseId: row.id, version: declined.version, agencyId: guangzhouId }, { at: referredAt }),
    ).toMatchObject({ ok: true, status: "submitted" });
    const referrals = await referralsOf(row.id);
    expect(referrals).toHaveLength(2);
    expect(referrals[1]).toMatchObject({ agencyId: guangzhouId, submittedAt: referredAt, decisionDueAt: new Date(referredAt.getTime() + 3 * DAY), decision: null });
    expect((await notificationsOf(row.id)).filter((notification) => notification.kind === "referral_received").map((notification) => notification.email)).toEqual([
      "supervisor@putian.demo",
      "supervisor@guangzhou.demo",
    ]);
    // Guangzhou sees it in its inbox now; Putian no longer sees the case.
    const guangzhouInbox = await getInbox(db(), viewers["supervisor@guangzhou.demo"]!, { at: referredAt });
    expect(guangzhouInbox.awaiting.map((item) => item.caseId)).toContain(row.id);
    expect(await thrownStatus(acceptReferral(db(), supervisor(), { caseId: row.id, version: declined.version + 1 }))).toBe(404);
  });
});

describe("return for information and resubmission", () => {
  it("sends the questions to the platform, stops the clock, and a resubmission restarts it with the answers", async () => {
    const row = await referredToPutian(new Date("2026-11-02T02:00:00Z"));
    expect(await returnForInformation(db(), supervisor(), { caseId: row.id, version: row.version, note: "  " })).toMatchObject({
      ok: false,
      refusal: { code: "note_required", transition: "return_for_info" },
    });
    const returnedAt = new Date("2026-11-03T00:00:00Z");
    const questions = "1. 试购样品现存何处？\n2. 请提供工厂租赁合同。";
    expect(await returnForInformation(db(), supervisor(), { caseId: row.id, version: row.version, note: questions }, { at: returnedAt })).toMatchObject({
      ok: true,
      status: "returned_for_info",
    });
    const returned = await current(row.id);
    const platformView = await getWorkflowView(db(), investigator(), returned, { at: new Date("2026-11-09T00:00:00Z") });
    expect(platformView.decision).toMatchObject({ decision: "returned_for_info", note: questions });
    // The clock is stopped: no overdue flag while the lead is with the platform.
    expect(platformView.target!.decisionOverdue).toBe(false);
    expect((await eventsOf(row.id)).map((event) => event.kind)).toEqual(["referral.returned_for_info"]);

    const resubmittedAt = new Date("2026-11-05T08:00:00Z");
    expect(await resubmitLead(db(), investigator(), { caseId: row.id, version: returned.version, note: "1. 样品存于杭州证据室。\n2. 合同已上传。" }, { at: resubmittedAt })).toMatchObject({
      ok: true,
      status: "submitted",
    });
    const referrals = await referralsOf(row.id);
    expect(referrals.map((referral) => [referral.decision, referral.decisionNote])).toEqual([
      ["returned_for_info", questions],
      [null, ""],
    ]);
    expect(referrals[1]).toMatchObject({ agencyId: putianId, submittedAt: resubmittedAt, decisionDueAt: new Date(resubmittedAt.getTime() + 3 * DAY) });
    expect(await current(row.id)).toMatchObject({ decisionDueAt: new Date(resubmittedAt.getTime() + 3 * DAY) });
    const updates = (await notificationsOf(row.id)).filter((notification) => notification.kind === "platform_update");
    expect(updates).toEqual([expect.objectContaining({ email: "supervisor@putian.demo", params: expect.objectContaining({ event: "case.resubmitted" }) })]);
    // Back in the inbox, marked as resubmitted, with a fresh clock.
    const inbox = await getInbox(db(), supervisor(), { at: resubmittedAt });
    expect(inbox.awaiting.find((item) => item.caseId === row.id)).toMatchObject({ resubmitted: true, clock: { state: "running", remainingMs: 3 * DAY } });
  });
});

describe("the investigation and closure", () => {
  it("moves accepted → investigating → prosecution → closed, each a police update for the platform; closing needs a closure reason", async () => {
    const row = await referredToPutian(new Date("2026-11-02T02:00:00Z"));
    let version = row.version;
    const step = async (viewer: Viewer, transition: Parameters<typeof applyTransition>[2], input: { note?: string; reasonCode?: string } = {}) => {
      const outcome = await applyTransition(db(), viewer, transition, { caseId: row.id, version, ...input });
      if (outcome.ok) version = outcome.version;
      return outcome;
    };
    expect(await step(supervisor(), "accept")).toMatchObject({ ok: true });
    expect(await step(officer(), "start_investigation", { note: "已立案侦查" })).toMatchObject({ ok: true, status: "investigating" });
    expect(await step(officer(), "transfer_for_prosecution")).toMatchObject({ ok: true, status: "prosecution" });
    expect(await step(officer(), "close", { note: "已判决" })).toMatchObject({ ok: false, refusal: { code: "reason_required", transition: "close" } });
    const closedAt = new Date();
    expect(await step(officer(), "close", { note: "一审判决已生效", reasonCode: "judgment" })).toMatchObject({ ok: true, status: "closed" });

    const [outcome] = await db().select().from(caseOutcomes).where(eq(caseOutcomes.caseId, row.id));
    expect(outcome).toMatchObject({ closureReason: "judgment", updatedBy: officer().userId });
    expect(outcome!.closedAt!.getTime()).toBeGreaterThanOrEqual(closedAt.getTime() - 1000);
    expect((await eventsOf(row.id)).map((event) => event.kind)).toEqual([
      "referral.accepted",
      "case.investigation_started",
      "case.transferred_for_prosecution",
      "case.closed",
    ]);
    const [closed] = await db().select().from(outcomeEvents).where(eq(outcomeEvents.caseId, row.id)).orderBy(desc(outcomeEvents.seq)).limit(1);
    expect(closed!.payload).toMatchObject({ closureReason: "judgment", to: "closed" });
    const updates = (await notificationsOf(row.id)).filter((notification) => notification.kind === "police_update" && notification.email === "investigator@platform.demo");
    expect(updates.map((notification) => (notification.params as { event: string }).event)).toEqual(["start_investigation", "transfer_for_prosecution", "close"]);
    // Nothing leaves "closed".
    for (const transition of ["start_investigation", "close", "withdraw"] as const) {
      const viewer = transition === "withdraw" ? investigator() : officer();
      expect(await applyTransition(db(), viewer, transition, { caseId: row.id, version, note: "x", reasonCode: "other" })).toMatchObject({
        ok: false,
        refusal: { code: "wrong_state", status: "closed" },
      });
    }
  });

  it("never lets the police act before the platform submits the lead", async () => {
    const row = await insertLead(db(), investigator());
    expect(await submitForReview(db(), investigator(), { caseId: row.id, version: 1 })).toMatchObject({ ok: true });
    expect(await approveLead(db(), viewers["lead@platform.demo"]!, { caseId: row.id, version: 2 })).toMatchObject({ ok: true });
    for (const transition of ["accept", "decline", "return_for_info"] as const) {
      expect(await thrownStatus(applyTransition(db(), supervisor(), transition, { caseId: row.id, version: 3, note: "x", reasonCode: "other" }))).toBe(404);
    }
    expect(await thrownStatus(applyTransition(db(), officer(), "start_investigation", { caseId: row.id, version: 3 }))).toBe(404);
  });
});
