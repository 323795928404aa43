import { and, asc, eq } from "drizzle-orm";
import { auditEvents, cases, caseSites } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { recordAudit, verifyAuditChain } from "./audit.server";
import { requireCaseForViewer } from "./case-access.server";
import {
  acceptReferral,
  applyTransition,
  approveLead,
  getCaseTimeline,
  getWorkflowView,
  referLead,
  resubmitLead,
  returnForInformation,
  returnLeadToDraft,
  submitForReview,
  withdrawLead,
} from "./case-workflow.server";
import { insertLead, organisationId, viewerFor } from "./case-workflow.testing";
import type { Viewer } from "./policy";

let database: TestDatabase;
const viewers: Record<string, Viewer> = {};
let putianId: string;
let guangzhouId: string;
const META = { ip: "198.51.100.4" };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "workflow-test-password" });
  for (const email of [
    "investigator@platform.demo",
    "lead@platform.demo",
    "management@platform.demo",
    "admin@platform.demo",
    "supervisor@putian.demo",
    "officer@putian.demo",
    "officer@guangzhou.demo",
  ]) {
    viewers[email] = await viewerFor(database.db, email);
  }
  putianId = await organisationId(database.db, "putian-psb");
  guangzhouId = await organisationId(database.db, "guangzhou-psb");
});
afterAll(async () => {
  await database.destroy();
});

const investigator = () => viewers["investigator@platform.demo"]!;
const lead = () => viewers["lead@platform.demo"]!;
const db = () => database.db;

async function current(caseId: string) {
  const [row] = await db().select().from(cases).where(eq(cases.id, caseId));
  return row!;
}

async function caseAudit(caseId: string) {
  return db().select().from(auditEvents).where(eq(auditEvents.caseId, caseId)).orderBy(asc(auditEvents.seq));
}

/** Moves a fresh lead by the investigator to `approved`, through the real transitions. */
async function approvedLead(options: Parameters<typeof insertLead>[2] = {}) {
  const row = await insertLead(db(), investigator(), options);
  expect(await submitForReview(db(), investigator(), { caseId: row.id, version: 1 })).toMatchObject({ ok: true });
  expect(await approveLead(db(), lead(), { caseId: row.id, version: 2 })).toMatchObject({ ok: true });
  return current(row.id);
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

describe("review", () => {
  it("goes draft → in review → back to draft with comments → in review → approved, each step audited", async () => {
    const row = await insertLead(db(), investigator());
    const at = new Date("2026-11-22T02:00:00Z");

    expect(await submitForReview(db(), investigator(), { caseId: row.id, version: 1, note: "请审核" }, { ...META, at })).toEqual({
      ok: true,
      transition: "submit_for_review",
      status: "in_review",
      version: 2,
    });
    // Comments are required to send a lead back.
    expect(await returnLeadToDraft(db(), lead(), { caseId: row.id, version: 2, note: "   " })).toEqual({
      ok: false,
      transition: "return_to_draft",
      refusal: { code: "note_required", transition: "return_to_draft" },
    });
    expect(
      await returnLeadToDraft(db(), lead(), { caseId: row.id, version: 2, note: "补充试购鉴定报告" }, META),
    ).toMatchObject({ ok: true, status: "draft", version: 3 });
    expect((await current(row.id)).reviewedBy).toBe(lead().userId);

    const draftView = await getWorkflowView(db(), investigator(), await current(row.id));
    expect(draftView.latestNote).toMatchObject({ action: "case.returned_to_draft", text: "补充试购鉴定报告", byName: "陈志远" });
    expect(draftView.actions.map((action) => [action.transition, action.allowed])).toEqual([
      ["submit_for_review", true],
      ["withdraw", true],
    ]);

    expect(await submitForReview(db(), investigator(), { caseId: row.id, version: 3 }, META)).toMatchObject({ ok: true });
    expect(await approveLead(db(), lead(), { caseId: row.id, version: 4, note: "同意移送" }, META)).toMatchObject({
      ok: true,
      status: "approved",
      version: 5,
    });
    const approved = await current(row.id);
    expect(approved).toMatchObject({ status: "approved", reviewedBy: lead().userId, version: 5 });
    expect(approved.approvedAt).toBeInstanceOf(Date);

    const audit = (await caseAudit(row.id)).filter((event) => event.outcome === "success");
    expect(audit.map((event) => [event.action, (event.details as { from: string }).from, (event.details as { to: string }).to])).toEqual([
      ["case.submitted_for_review", "draft", "in_review"],
      ["case.returned_to_draft", "in_review", "draft"],
      ["case.submitted_for_review", "draft", "in_review"],
      ["case.approved", "in_review", "approved"],
    ]);
    expect(audit[1]).toMatchObject({
      actorUserId: lead().userId,
      actorOrganisationId: lead().organisationId,
      actorLabel: "lead@platform.demo",
      ip: META.ip,
      entityType: "case",
      entityId: row.id,
      details: { note: "补充试购鉴定报告", reference: row.reference, version: 3 },
    });
    expect(audit[0]!.occurredAt.getTime()).toBeGreaterThan(0);
    expect((await verifyAuditChain(db())).intact).toBe(true);
  });

  it("keeps the two-person rule: the author may not approve their own lead, and the attempt is recorded", async () => {
    // A platform lead who wrote the lead themselves.
    const row = await insertLead(db(), lead());
    await submitForReview(db(), lead(), { caseId: row.id, version: 1 });
    expect(await approveLead(db(), lead(), { caseId: row.id, version: 2 })).toEqual({
      ok: false,
      transition: "approve",
      refusal: { code: "own_lead" },
    });
    expect((await current(row.id)).status).toBe("in_review");
    const [refused] = (await caseAudit(row.id)).filter((event) => event.outcome === "failure");
    expect(refused).toMatchObject({
      action: "case.transition_refused",
      actorUserId: lead().userId,
      details: { transition: "approve", reason: "own_lead" },
    });
    // The page says so too.
    const view = await getWorkflowView(db(), lead(), await current(row.id));
    expect(view.actions.find((action) => action.transition === "approve")).toMatchObject({
      allowed: false,
      refusal: { code: "own_lead" },
    });
  });

  it("lets only a platform lead approve: 403 for an investigator, management and the police", async () => {
    const row = await insertLead(db(), investigator());
    await submitForReview(db(), investigator(), { caseId: row.id, version: 1 });
    for (const email of ["investigator@platform.demo", "management@platform.demo", "supervisor@putian.demo"]) {
      expect(await thrownStatus(approveLead(db(), viewers[email]!, { caseId: row.id, version: 2 })), email).toBe(403);
    }
    const view = await getWorkflowView(db(), investigator(), await current(row.id));
    expect(view.actions.find((action) => action.transition === "approve")).toMatchObject({
      allowed: false,
      refusal: { code: "not_permitted" },
    });
    expect((await getWorkflowView(db(), viewers["management@platform.demo"]!, await current(row.id))).actions).toEqual([]);
  });

  it("refuses a stale page: the case moved since the page was drawn", async () => {
    const row = await insertLead(db(), investigator());
    await submitForReview(db(), investigator(), { caseId: row.id, version: 1 });
    // The investigator's other tab still shows version 1 (a draft) and tries to submit again.
    expect(await submitForReview(db(), investigator(), { caseId: row.id, version: 1 })).toEqual({
      ok: false,
      transition: "submit_for_review",
      refusal: {
        code: "stale",
        status: "in_review",
        version: 2,
        changedBy: "林晓雯",
        changedAt: expect.any(String),
      },
    });
    // And a reviewer whose page is older than a withdrawal cannot approve what is gone.
    await withdrawLead(db(), investigator(), { caseId: row.id, version: 2, note: "重复线索" });
    expect(await approveLead(db(), lead(), { caseId: row.id, version: 2 })).toMatchObject({
      ok: false,
      refusal: { code: "stale", status: "withdrawn", version: 3 },
    });
    expect((await current(row.id)).status).toBe("withdrawn");
  });

  it("refuses a transition the state does not allow, even with the current version", async () => {
    const row = await insertLead(db(), investigator());
    expect(await approveLead(db(), lead(), { caseId: row.id, version: 1 })).toEqual({
      ok: false,
      transition: "approve",
      refusal: { code: "wrong_state", transition: "approve", status: "draft" },
    });
    expect(await referLead(db(), investigator(), { caseId: row.id, version: 1, agencyId: putianId })).toMatchObject({
      ok: false,
      refusal: { code: "wrong_state", status: "draft" },
    });
  });

  it("refuses to review an incomplete lead", async () => {
    const row = await insertLead(db(), investigator(), { divisions: [] });
    const outcome = await submitForReview(db(), investigator(), { caseId: row.id, version: 1 });
    expect(outcome).toMatchObject({ ok: false, refusal: { code: "incomplete" } });
    expect(outcome.ok ? [] : (outcome.refusal as { missing: string[] }).missing.length).toBeGreaterThan(0);
    const view = await getWorkflowView(db(), investigator(), await current(row.id));
    expect(view.actions.find((action) => action.transition === "submit_for_review")).toMatchObject({
      allowed: false,
      refusal: { code: "incomplete" },
    });
  });
});

describe("referral", () => {
  it("offers the eligible agencies and refuses the others with reasons", async () => {
    const row = await approvedLead();
    const view = await getWorkflowView(db(), investigator(), row);
    expect(view.actions.map((action) => [action.transition, action.allowed])).toEqual([
      ["refer", true],
      ["withdraw", true],
    ]);
    expect(view.agencies!.map((verdict) => [verdict.agency.code, verdict.eligible])).toEqual([
      ["putian-psb", true],
      ["guangzhou-psb", false],
      ["jinhua-psb", false],
    ]);
  });

  it("refuses an ineligible agency at submission, whatever the form sent", async () => {
    const row = await approvedLead();
    expect(await referLead(db(), investigator(), { caseId: row.id, version: row.version, agencyId: guangzhouId })).toEqual({
      ok: false,
      transition: "refer",
      refusal: {
        code: "agency_not_eligible",
        agencyNameZh: "广州市公安局",
        agencyNameEn: "Guangzhou Municipal Public Security Bureau",
        problems: [expect.objectContaining({ code: "no_site_in_territory" })],
      },
    });
    // Not an agency at all (the platform itself), not a uuid, or none.
    for (const agencyId of [investigator().organisationId, "putian-psb"]) {
      expect(await referLead(db(), investigator(), { caseId: row.id, version: row.version, agencyId })).toMatchObject({
        ok: false,
        refusal: { code: "agency_not_eligible", problems: [{ code: "no_mou" }] },
      });
    }
    expect(await referLead(db(), investigator(), { caseId: row.id, version: row.version })).toMatchObject({
      ok: false,
      refusal: { code: "agency_required" },
    });
    expect(await current(row.id)).toMatchObject({ status: "approved", targetAgencyId: null, submittedAt: null });
    const refusals = (await caseAudit(row.id)).filter((event) => event.outcome === "failure");
    expect(refusals[0]).toMatchObject({ details: { reason: "agency_not_eligible", agencyId: guangzhouId } });
  });

  it("refers to Putian: agency, MOU, submission time and the decision clock; Putian sees it, Guangzhou does not", async () => {
    const row = await approvedLead();
    const at = new Date("2026-11-22T06:30:00Z");
    expect(
      await referLead(db(), investigator(), { caseId: row.id, version: row.version, agencyId: putianId, note: "请莆田经侦接收" }, { ...META, at }),
    ).toMatchObject({ ok: true, status: "submitted" });
    const referred = await current(row.id);
    expect(referred).toMatchObject({ status: "submitted", targetAgencyId: putianId, submittedAt: at });
    expect(referred.mouId).not.toBeNull();
    expect(referred.decisionDueAt).toEqual(new Date("2026-11-25T06:30:00Z"));

    const supervisor = viewers["supervisor@putian.demo"]!;
    expect((await requireCaseForViewer(db(), supervisor, row.id)).id).toBe(row.id);
    expect(await thrownStatus(requireCaseForViewer(db(), viewers["officer@guangzhou.demo"]!, row.id))).toBe(404);

    // Both sides see where it went and the clock; the supervisor has the agency's decision to make, the
    // officer nothing (deciding is the supervisor's), and neither any platform action.
    const policeView = await getWorkflowView(db(), supervisor, referred, { at: new Date("2026-11-26T00:00:00Z") });
    expect(policeView.actions.map((action) => [action.transition, action.allowed])).toEqual([
      ["accept", true],
      ["decline", true],
      ["return_for_info", true],
    ]);
    expect((await getWorkflowView(db(), viewers["officer@putian.demo"]!, referred)).actions).toEqual([]);
    expect(policeView.target).toMatchObject({
      agencyNameZh: "莆田市公安局",
      mouReference: "MOU-PT-2016-01",
      decisionDueAt: "2026-11-25T06:30:00.000Z",
      decisionOverdue: true,
    });
    const platformView = await getWorkflowView(db(), investigator(), referred, { at });
    expect(platformView.target!.decisionOverdue).toBe(false);
    expect(platformView.actions.map((action) => action.transition)).toEqual(["withdraw"]);
  });

  it("resubmits a lead returned for information to the same agency, restarting the clock", async () => {
    const row = await approvedLead();
    await referLead(db(), investigator(), { caseId: row.id, version: row.version, agencyId: putianId });
    expect(
      await returnForInformation(db(), viewers["supervisor@putian.demo"]!, { caseId: row.id, version: row.version + 1, note: "请补充工商登记信息" }),
    ).toMatchObject({ ok: true, status: "returned_for_info" });
    const returned = await current(row.id);
    expect(await resubmitLead(db(), investigator(), { caseId: row.id, version: returned.version })).toMatchObject({
      ok: false,
      refusal: { code: "note_required" },
    });
    const at = new Date("2026-12-01T01:00:00Z");
    expect(
      await resubmitLead(db(), investigator(), { caseId: row.id, version: returned.version, note: "已补充工商登记信息" }, { at }),
    ).toMatchObject({ ok: true, status: "submitted" });
    expect(await current(row.id)).toMatchObject({ targetAgencyId: putianId, decisionDueAt: new Date("2026-12-04T01:00:00Z") });
  });

  it("will not resubmit once the agency's MOU no longer covers the lead", async () => {
    const row = await approvedLead();
    await referLead(db(), investigator(), { caseId: row.id, version: row.version, agencyId: putianId });
    await returnForInformation(db(), viewers["supervisor@putian.demo"]!, { caseId: row.id, version: row.version + 1, note: "请补充" });
    // The lead's only site moved out of Putian since.
    await db().update(caseSites).set({ divisionCode: "440106" }).where(eq(caseSites.caseId, row.id));
    const returned = await current(row.id);
    const view = await getWorkflowView(db(), investigator(), returned);
    expect(view.actions.find((action) => action.transition === "resubmit")).toMatchObject({
      allowed: false,
      refusal: { code: "agency_not_eligible", agencyNameZh: "莆田市公安局" },
    });
    expect(await resubmitLead(db(), investigator(), { caseId: row.id, version: returned.version, note: "x" })).toMatchObject({
      ok: false,
      refusal: { code: "agency_not_eligible" },
    });
  });
});

describe("withdrawal", () => {
  it("needs a reason, and works from a referred lead", async () => {
    const row = await approvedLead();
    await referLead(db(), investigator(), { caseId: row.id, version: row.version, agencyId: putianId });
    expect(await withdrawLead(db(), investigator(), { caseId: row.id, version: row.version + 1, note: "" })).toMatchObject({
      ok: false,
      refusal: { code: "note_required" },
    });
    expect(
      await withdrawLead(db(), investigator(), { caseId: row.id, version: row.version + 1, note: "权利人已撤回投诉" }),
    ).toMatchObject({ ok: true, status: "withdrawn" });
    const view = await getWorkflowView(db(), investigator(), await current(row.id));
    expect(view.actions).toEqual([]);
    expect(view.latestNote).toMatchObject({ action: "case.withdrawn", text: "权利人已撤回投诉" });
  });

  it("is refused after the police accepted the referral", async () => {
    const row = await approvedLead();
    await referLead(db(), investigator(), { caseId: row.id, version: row.version, agencyId: putianId });
    expect(await acceptReferral(db(), viewers["supervisor@putian.demo"]!, { caseId: row.id, version: row.version + 1 })).toMatchObject({ ok: true });
    expect(await withdrawLead(db(), investigator(), { caseId: row.id, version: row.version + 2, note: "不再需要" })).toEqual({
      ok: false,
      transition: "withdraw",
      refusal: { code: "wrong_state", transition: "withdraw", status: "accepted" },
    });
    expect((await current(row.id)).status).toBe("accepted");
    expect((await getWorkflowView(db(), investigator(), await current(row.id))).actions).toEqual([]);
  });

  it("answers 404 for a case outside the viewer's scope, and 403 to roles that may never withdraw", async () => {
    const row = await insertLead(db(), investigator());
    expect(
      await thrownStatus(withdrawLead(db(), viewers["admin@platform.demo"]!, { caseId: row.id, version: 1, note: "x" })),
    ).toBe(403);
    // A draft is not visible to any police agency; a platform viewer of another organisation would get the same.
    expect(
      await thrownStatus(applyTransition(db(), investigator(), "withdraw", { caseId: "00000000-0000-4000-8000-000000000000", version: 1, note: "x" })),
    ).toBe(404);
    expect(await thrownStatus(applyTransition(db(), investigator(), "withdraw", { caseId: "not-a-case", version: 1, note: "x" }))).toBe(404);
  });
});

describe("timeline", () => {
  it("shows every step with who, when, what and why, to both sides, without reads or refused attempts", async () => {
    const row = await insertLead(db(), investigator());
    await submitForReview(db(), investigator(), { caseId: row.id, version: 1 });
    await returnLeadToDraft(db(), lead(), { caseId: row.id, version: 2, note: "请补充销售金额证据" });
    await submitForReview(db(), investigator(), { caseId: row.id, version: 3, note: "已补充" });
    await approveLead(db(), investigator(), { caseId: row.id, version: 4 }).catch(() => undefined); // 403, not recorded on the case
    await approveLead(db(), lead(), { caseId: row.id, version: 1 }); // stale: a refused attempt
    await approveLead(db(), lead(), { caseId: row.id, version: 4 });
    await referLead(db(), investigator(), { caseId: row.id, version: 5, agencyId: putianId, note: "移送莆田" });
    // A read recorded against the case (e.g. evidence viewed) stays off the timeline.
    await db().transaction((tx) =>
      recordAudit(tx, { action: "evidence.viewed", actor: null, caseId: row.id, details: {} }),
    );

    const supervisorTimeline = await getCaseTimeline(db(), viewers["supervisor@putian.demo"]!, row.id);
    const platformTimeline = await getCaseTimeline(db(), investigator(), row.id);
    expect(supervisorTimeline).toEqual(platformTimeline);
    expect(platformTimeline.map((entry) => [entry.action, entry.actor?.name, entry.fromStatus, entry.toStatus, entry.note])).toEqual([
      ["case.submitted_for_review", "林晓雯", "draft", "in_review", null],
      ["case.returned_to_draft", "陈志远", "in_review", "draft", "请补充销售金额证据"],
      ["case.submitted_for_review", "林晓雯", "draft", "in_review", "已补充"],
      ["case.approved", "陈志远", "in_review", "approved", null],
      ["case.referred", "林晓雯", "approved", "submitted", "移送莆田"],
    ]);
    const referral = platformTimeline.at(-1)!;
    expect(referral).toMatchObject({
      actor: { organisationNameZh: "平台治理部知识产权专项组", organisationKind: "platform" },
      agencyNameZh: "莆田市公安局",
      mouReference: "MOU-PT-2016-01",
      decisionDueAt: expect.any(String),
    });
    const times = platformTimeline.map((entry) => entry.occurredAt);
    expect([...times].sort()).toEqual(times);

    expect(await thrownStatus(getCaseTimeline(db(), viewers["officer@guangzhou.demo"]!, row.id))).toBe(404);
    expect(await thrownStatus(getCaseTimeline(db(), viewers["admin@platform.demo"]!, row.id))).toBe(404);
  });

  it("keeps a draft's timeline from the police", async () => {
    const row = await insertLead(db(), investigator());
    expect(await thrownStatus(getCaseTimeline(db(), viewers["supervisor@putian.demo"]!, row.id))).toBe(404);
    const refused = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, row.id), eq(auditEvents.outcome, "failure")));
    expect(refused).toEqual([]);
  });
});
