import { and, asc, eq } from "drizzle-orm";
import { auditEvents, caseComments, caseReferrals, informationRequests, notifications, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { requireCaseForViewer } from "./case-access.server";
import { insertLead } from "./case-workflow.testing";
import { demoViewers, notificationsOf, outboxOf, referredCase, type DemoViewers } from "./collaboration.testing";
import { getDiscussion, getDiscussionSummary, getRequestThread } from "./discussion.server";
import { addCalendarDays, calendarDay, endOfCalendarDay } from "./information-requests";
import { addComment, closeInformationRequest, createInformationRequest } from "./information-requests.server";

let database: TestDatabase;
let viewers: DemoViewers;
const db = () => database.db;
const TZ = "Asia/Shanghai";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "requests-test-password" });
  viewers = await demoViewers(database.db);
});
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

const inThreeDays = () => addCalendarDays(calendarDay(new Date(), TZ), 3);

async function requestRow(id: string) {
  const [row] = await db().select().from(informationRequests).where(eq(informationRequests.id, id));
  return row!;
}

async function auditActions(caseId: string) {
  const rows = await db().select().from(auditEvents).where(eq(auditEvents.caseId, caseId)).orderBy(asc(auditEvents.seq));
  return rows.map((row) => row.action);
}

describe("a request for information, asked by the police and answered by the platform", () => {
  it("goes open → answered → closed, notifying the other side and auditing each step", async () => {
    const caseRow = await referredCase(db(), viewers, { status: "investigating" });
    const dueDate = inThreeDays();
    const created = await createInformationRequest(
      db(),
      viewers.officer,
      caseRow,
      { subject: "请提供涉案店铺近三个月的发货记录", body: "需要物流单号和发货地址，用于锁定仓库位置。", dueDate },
      { ip: "198.51.100.7" },
    );
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    const request = await requestRow(created.requestId);
    expect(request).toMatchObject({ status: "open", requestingOrganisationId: viewers.officer.organisationId, version: 1 });
    // Due by the end of the chosen day in China Standard Time.
    expect(request.dueAt.toISOString()).toBe(`${dueDate}T15:59:59.999Z`);

    // The platform's side of the case hears of it: the lead's author and its reviewer.
    const [received] = await notificationsOf(db(), viewers.investigator.userId, caseRow.id).then((rows) => rows.filter((row) => row.kind === "request_received"));
    expect(received).toMatchObject({ link: `/cases/${caseRow.id}/requests/${request.id}`, actorUserId: viewers.officer.userId });
    expect(received!.params).toMatchObject({ subject: "请提供涉案店铺近三个月的发货记录", organisationNameEn: "Putian Municipal Public Security Bureau" });
    expect((await notificationsOf(db(), viewers.lead.userId, caseRow.id)).some((row) => row.kind === "request_received")).toBe(true);
    expect((await notificationsOf(db(), viewers.officer.userId, caseRow.id)).some((row) => row.kind === "request_received")).toBe(false);

    // A reply by the asking side does not answer it.
    expect(await addComment(db(), viewers.supervisor, caseRow, { requestId: request.id, body: "急需，谢谢。" })).toEqual({ ok: true, answered: false });
    expect((await requestRow(request.id)).status).toBe("open");

    // The first reply by the other side answers it, and the asking side hears of it.
    expect(await addComment(db(), viewers.investigator, caseRow, { requestId: request.id, body: "已上传发货记录，共 1,284 条。" })).toEqual({
      ok: true,
      answered: true,
    });
    const answered = await requestRow(request.id);
    expect(answered).toMatchObject({ status: "answered", answeredBy: viewers.investigator.userId, version: 2 });
    const officerNotes = await notificationsOf(db(), viewers.officer.userId, caseRow.id);
    expect(officerNotes.filter((row) => row.kind === "request_answered")).toHaveLength(1);
    expect((await notificationsOf(db(), viewers.investigator.userId, caseRow.id)).filter((row) => row.kind === "comment_added")).toHaveLength(1);

    // Only the asking side closes it, and only from the version its page showed.
    expect(await closeInformationRequest(db(), viewers.investigator, caseRow, { requestId: request.id, version: 2 })).toEqual({
      ok: false,
      refusal: { code: "notAskingSide" },
    });
    expect(await closeInformationRequest(db(), viewers.officer, caseRow, { requestId: request.id, version: 1 })).toMatchObject({
      ok: false,
      refusal: { code: "stale", status: "answered", changedBy: "林晓雯" },
    });
    expect(await closeInformationRequest(db(), viewers.officer, caseRow, { requestId: request.id, version: 2 })).toEqual({ ok: true });
    expect(await requestRow(request.id)).toMatchObject({ status: "closed", closedBy: viewers.officer.userId, version: 3 });
    // A closed request takes no more replies.
    expect(await addComment(db(), viewers.investigator, caseRow, { requestId: request.id, body: "补充一条。" })).toEqual({
      ok: false,
      refusal: { code: "closed" },
    });

    expect(await auditActions(caseRow.id)).toEqual(
      expect.arrayContaining([
        "information_request.created",
        "information_request.commented",
        "information_request.answered",
        "information_request.closed",
      ]),
    );
    const thread = await getRequestThread(db(), viewers.investigator, caseRow, request.id);
    expect(thread.comments.map((comment) => [comment.body, comment.isAnswer])).toEqual([
      ["急需，谢谢。", false],
      ["已上传发货记录，共 1,284 条。", true],
    ]);
    expect(thread).toMatchObject({ canReply: false, canClose: false, request: { status: "closed", closedByName: "黄建明" } });
  });

  it("refuses a due date in the past or too far ahead, and a malformed one, keeping nothing", async () => {
    const caseRow = await referredCase(db(), viewers);
    const today = calendarDay(new Date(), TZ);
    const attempts = {
      [addCalendarDays(today, -1)]: "collaboration.requests.errors.dueInPast",
      [addCalendarDays(today, 91)]: "collaboration.requests.errors.dueTooFar?days=90",
      "2026-02-30": "collaboration.requests.errors.dueDateInvalid",
    };
    for (const [dueDate, problem] of Object.entries(attempts)) {
      expect(await createInformationRequest(db(), viewers.investigator, caseRow, { subject: "s", body: "b", dueDate })).toEqual({
        ok: false,
        field: "dueDate",
        problem,
      });
    }
    // Today itself is allowed: due by its end.
    expect(await createInformationRequest(db(), viewers.investigator, caseRow, { subject: "今天", body: "b", dueDate: today })).toMatchObject({ ok: true });
    expect(await db().select().from(informationRequests).where(eq(informationRequests.caseId, caseRow.id))).toHaveLength(1);
    expect(endOfCalendarDay("2026-06-30", "Asia/Shanghai").toISOString()).toBe("2026-06-30T15:59:59.999Z");
    expect(endOfCalendarDay("2026-06-30", "Europe/Berlin").toISOString()).toBe("2026-06-30T21:59:59.999Z");
  });
});

describe("overdue requests", () => {
  it("are flagged while open and past due, open ones listed first, soonest due first", async () => {
    const caseRow = await referredCase(db(), viewers, { status: "investigating" });
    const ids: Record<string, string> = {};
    for (const subject of ["已逾期", "明天到期", "已答复"]) {
      const created = await createInformationRequest(db(), viewers.officer, caseRow, { subject, body: "b", dueDate: inThreeDays() });
      if (!created.ok) throw new Error("not created");
      ids[subject] = created.requestId;
    }
    const now = new Date();
    await db().update(informationRequests).set({ dueAt: new Date(now.getTime() - 60_000) }).where(eq(informationRequests.id, ids["已逾期"]!));
    await db().update(informationRequests).set({ dueAt: new Date(now.getTime() + 20 * 3600_000) }).where(eq(informationRequests.id, ids["明天到期"]!));
    await db().update(informationRequests).set({ dueAt: new Date(now.getTime() - 120_000) }).where(eq(informationRequests.id, ids["已答复"]!));
    await addComment(db(), viewers.investigator, caseRow, { requestId: ids["已答复"]!, body: "答复" });

    const discussion = await getDiscussion(db(), viewers.investigator, caseRow, now);
    expect(discussion.requests.map((request) => [request.subject, request.status, request.overdue, request.dueSoon])).toEqual([
      ["已逾期", "open", true, false],
      ["明天到期", "open", false, true],
      ["已答复", "answered", false, false],
    ]);
    expect(discussion).toMatchObject({ openCount: 2, overdueCount: 1, canWrite: true });
    expect(await getDiscussionSummary(db(), viewers.officer, caseRow, now)).toMatchObject({ openCount: 2, overdueCount: 1 });
    expect((await getRequestThread(db(), viewers.officer, caseRow, ids["已逾期"]!, now)).request).toMatchObject({ overdue: true });
  });
});

describe("scope", () => {
  it("keeps another agency out (404) and opens discussion only once the lead is referred", async () => {
    const caseRow = await referredCase(db(), viewers);
    const created = await createInformationRequest(db(), viewers.investigator, caseRow, { subject: "请告知受理进度", body: "b", dueDate: inThreeDays() });
    if (!created.ok) throw new Error("not created");
    expect(await thrownStatus(requireCaseForViewer(db(), viewers.guangzhouOfficer, caseRow.id))).toBe(404);
    // Management reads cases but does not discuss them.
    expect(await thrownStatus(createInformationRequest(db(), viewers.platformManagement, caseRow, { subject: "s", body: "b", dueDate: inThreeDays() }))).toBe(403);
    expect(await getDiscussionSummary(db(), viewers.platformManagement, caseRow)).toBeNull();
    // A request id from another case is not found on this one.
    const other = await referredCase(db(), viewers);
    expect(await thrownStatus(getRequestThread(db(), viewers.investigator, other, created.requestId))).toBe(404);
    expect(await thrownStatus(addComment(db(), viewers.investigator, other, { requestId: created.requestId, body: "x" }))).toBe(404);

    const draft = await insertLead(db(), viewers.investigator);
    expect(await createInformationRequest(db(), viewers.investigator, draft, { subject: "s", body: "b", dueDate: inThreeDays() })).toEqual({
      ok: false,
      refusal: { code: "notOpenForDiscussion" },
    });
    expect(await getDiscussion(db(), viewers.investigator, draft)).toMatchObject({ state: "not_yet", canWrite: false });
  });

  it("shows an agency only its own entries and the platform's since the case was first referred to it", async () => {
    const caseRow = await referredCase(db(), viewers);
    await addComment(db(), viewers.investigator, caseRow, { requestId: null, body: "给上一家单位的说明" }, { at: new Date(Date.now() - 60_000) });
    await addComment(db(), viewers.supervisor, caseRow, { requestId: null, body: "莆田的留言" });
    // As if Putian had received the case only now (a referral after a decline elsewhere).
    await db()
      .update(caseReferrals)
      .set({ submittedAt: new Date(Date.now() - 30_000) })
      .where(and(eq(caseReferrals.caseId, caseRow.id), eq(caseReferrals.agencyId, viewers.supervisor.organisationId)));
    await addComment(db(), viewers.investigator, caseRow, { requestId: null, body: "给莆田的说明" });
    const police = await getDiscussion(db(), viewers.supervisor, caseRow);
    expect(police.comments.map((comment) => comment.body)).toEqual(["莆田的留言", "给莆田的说明"]);
    const platform = await getDiscussion(db(), viewers.investigator, caseRow);
    expect(platform.comments.map((comment) => comment.body)).toEqual(["给上一家单位的说明", "莆田的留言", "给莆田的说明"]);
  });
});

describe("general comments", () => {
  it("are appended, audited, and notify the other side in its language by e-mail", async () => {
    const caseRow = await referredCase(db(), viewers, { status: "investigating" });
    await db().update(users).set({ preferredLocale: "en" }).where(eq(users.id, viewers.officer.userId));
    try {
      const mailBefore = (await outboxOf(db(), viewers.officer.userId)).length;
      expect(await addComment(db(), viewers.investigator, caseRow, { requestId: null, body: "样品已寄出，请查收。" })).toEqual({ ok: true, answered: false });
      const [comment] = await db().select().from(caseComments).where(eq(caseComments.caseId, caseRow.id));
      expect(comment).toMatchObject({ requestId: null, authorId: viewers.investigator.userId, organisationId: viewers.investigator.organisationId });
      expect(await auditActions(caseRow.id)).toContain("case.comment_added");
      const [note] = (await notificationsOf(db(), viewers.officer.userId, caseRow.id)).filter((row) => row.kind === "comment_added");
      expect(note!.link).toBe(`/cases/${caseRow.id}/requests#discussion`);
      const mail = (await outboxOf(db(), viewers.officer.userId)).slice(mailBefore);
      expect(mail.map((message) => message.subject)).toEqual([`[AC Portal] ${viewers.investigator.organisationNameEn} commented on ${caseRow.reference}.`]);
      expect(mail[0]!.bodyText).not.toContain("样品");
      // The supervisor (no language chosen) reads it in Chinese.
      const [chinese] = (await outboxOf(db(), viewers.supervisor.userId)).slice(-1);
      expect(chinese!.subject).toContain(`在案件 ${caseRow.reference} 中发表了留言`);
      expect(await db().select().from(notifications).where(and(eq(notifications.caseId, caseRow.id), eq(notifications.userId, viewers.investigator.userId)))).toEqual([]);
    } finally {
      await db().update(users).set({ preferredLocale: null }).where(eq(users.id, viewers.officer.userId));
    }
  });
});
