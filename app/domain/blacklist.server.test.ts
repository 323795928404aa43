/**
 * The blacklist from candidates to publication, on the demo world (db/seed-blacklist.ts): what the seed
 * leaves, proposals, the two-person rule, stale forms, publication freezing exactly the publishable fields
 * (a credit code not to be published never reaches published_values or the CSV), numbering, carry-forward,
 * corrections, who may do what, and the sign-off's password step-up at the route.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
// db/seed first: db/seed and app/lib/db.server import each other (see police-records.server.test.ts).
import { seedDemoWorld } from "../../db/seed";
import { DEMO_BLACKLIST, WUTANG_CREDIT_CODE } from "../../db/seed-blacklist";
import { auditEvents, blacklistEntries, blacklistVersions, caseEnterprises, sessions, users } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { createUserSession, hashSessionToken } from "~/lib/auth.server";
import { useDatabaseForTesting } from "~/lib/db.server";
import { action as draftAction } from "~/routes/blacklist.draft";
import { action as versionAction } from "~/routes/blacklist.versions.$number";
import { candidateKey, readPublishedValues, type CandidateView } from "./blacklist";
import { blacklistCsv } from "./blacklist-export.server";
import { CorrectionSchema, ProposeSchema, PublishSchema, ReviewSchema } from "./blacklist.schema";
import {
  getDraft,
  getPublishedVersion,
  listCandidates,
  listPublishedVersions,
  proposeCandidate,
  publishDraft,
  recordCorrection,
  reviewEntry,
} from "./blacklist.server";
import { viewerFor } from "./case-workflow.testing";
import type { Viewer } from "./policy";

let database: TestDatabase;
const db = () => database.db;
let investigator: Viewer;
let lead: Viewer;
let platformManagement: Viewer;
let putianManagement: Viewer;
let officer: Viewer;

/** The credit code of the Yuetang workshop (AC-2026-000010), published in version 1 and withdrawn by its correction. */
let yuetangCreditCode = "";
/** The Xindu factory's credit code (AC-2026-000009): publishable. */
let xinduCreditCode = "";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "blacklist-test-password" });
  useDatabaseForTesting(database);
  investigator = await viewerFor(db(), "investigator@platform.demo");
  lead = await viewerFor(db(), "lead@platform.demo");
  platformManagement = await viewerFor(db(), "management@platform.demo");
  putianManagement = await viewerFor(db(), "management@putian.demo");
  officer = await viewerFor(db(), "officer@putian.demo");
  const codeOf = async (name: string) => (await db().select({ code: caseEnterprises.creditCode }).from(caseEnterprises).where(eq(caseEnterprises.name, name)))[0]!.code;
  yuetangCreditCode = await codeOf(DEMO_BLACKLIST.yuetang);
  xinduCreditCode = await codeOf(DEMO_BLACKLIST.xindu);
}, 180_000);
afterAll(async () => {
  await database.destroy();
});

async function status(promise: Promise<unknown>): Promise<number | "resolved"> {
  try {
    await promise;
    return "resolved";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function candidate(name: string): Promise<CandidateView | undefined> {
  return (await listCandidates(db(), investigator, { search: name })).candidates.find((each) => each.enterpriseName === name);
}

const propose = (key: string, note = "建议列入。", fields = ["name", "province", "category", "reason"]) =>
  ProposeSchema.parse({ intent: "propose", candidate: key, note, publishableFields: fields });
const review = (entryId: string, version: number, decision: "approve" | "reject", note = "审核意见。") =>
  ReviewSchema.parse({ intent: "review", entryId, version, decision, note });

async function draftEntry(name: string) {
  const draft = await getDraft(db(), lead);
  return draft!.entries.find((entry) => entry.enterpriseName === name)!;
}

describe("the demo world's blacklist", () => {
  it("has version 1 with two entries, only their published values, and its correction waiting in the draft", async () => {
    const versions = await listPublishedVersions(db(), putianManagement);
    expect(versions.map((version) => [version.number, version.quarter, version.entries, version.corrections])).toEqual([[1, "2026-Q4", 2, 1]]);
    const one = (await getPublishedVersion(db(), platformManagement, 1))!;
    expect(one.signedOffByName).toBe("陈志远");
    expect(one.entries.map((entry) => entry.values.name)).toEqual([DEMO_BLACKLIST.yuetang, DEMO_BLACKLIST.xindu]);
    // Both published all five fields (the Yuetang workshop's credit code is withdrawn later, by the correction).
    expect(one.entries[0]!.values).toEqual({ name: DEMO_BLACKLIST.yuetang, credit_code: yuetangCreditCode, province: "350000", category: "footwear_apparel", reason: "convicted" });
    expect(one.entries[1]!.values).toEqual({ name: DEMO_BLACKLIST.xindu, credit_code: xinduCreditCode, province: "350000", category: "footwear_apparel", reason: "stores_closed" });
    expect(one.corrections).toHaveLength(1);
    expect(one.corrections[0]).toMatchObject({ kind: "amended", entryPosition: 1, correctedInVersion: null });
    // The credit code is withdrawn: the correction's record names the field, not the value it withdrew.
    expect(one.corrections[0]!.changes).toEqual([{ field: "credit_code", before: null, after: null }]);
    expect(JSON.stringify(one.corrections)).not.toContain(yuetangCreditCode);
    expect(one.entries[0]!.corrections).toHaveLength(1);

    const draft = (await getDraft(db(), investigator))!;
    expect(draft.quarter).toMatch(/^\d{4}-Q[1-4]$/);
    expect(draft.nextNumber).toBe(2);
    expect(draft.counts).toEqual({ proposed: 1, approved: 2, rejected: 0, carried: 2 });
    const yuetang = draft.entries.find((entry) => entry.enterpriseName === DEMO_BLACKLIST.yuetang)!;
    expect(yuetang).toMatchObject({ status: "approved", carriedFromVersion: 1, publishableFields: ["name", "province", "category", "reason"] });
    expect(yuetang.preview.credit_code).toBeUndefined();
    expect(yuetang.corrections).toEqual([expect.objectContaining({ kind: "amended", version: 1 })]);
    // The lead's own proposal, waiting for another lead.
    expect(draft.entries.find((entry) => entry.enterpriseName === DEMO_BLACKLIST.huating)).toMatchObject({ status: "proposed", proposedByName: "陈志远" });
  });

  it("leaves the Wutang business as a candidate, and nothing already on the list", async () => {
    // The platform's own records come first.
    const first = await listCandidates(db(), investigator);
    expect(first.candidates[0]!.enterpriseName).toBe(DEMO_BLACKLIST.wutang);
    expect(first.page).toBe(1);
    for (const listed of [DEMO_BLACKLIST.yuetang, DEMO_BLACKLIST.xindu, DEMO_BLACKLIST.huating]) {
      expect((await listCandidates(db(), investigator, { search: listed })).total, listed).toBe(0);
    }
    // Found by case reference too; words narrow the search.
    expect((await listCandidates(db(), investigator, { search: "AC-2026-000008" })).candidates.map((each) => each.enterpriseName)).toEqual([DEMO_BLACKLIST.wutang]);
    expect((await listCandidates(db(), investigator, { search: "梧塘 no-such-word" })).total).toBe(0);
    const wutang = (await candidate(DEMO_BLACKLIST.wutang))!;
    // The draft page shows the platform its credit code; the investigator chose not to publish it.
    expect(wutang).toMatchObject({ source: "action", basis: "stores_closed", basisDate: "2026-11-08", creditCode: WUTANG_CREDIT_CODE, caseReference: "AC-2026-000008" });
    expect(wutang.publishableFields).toEqual(["name", "province", "category", "reason"]);
  });

  it("counts candidates only up to a limit, says there are more, and pages within it", async () => {
    const all = await listCandidates(db(), investigator);
    // The demo history's convictions give a few hundred candidates: under the usual limit, counted exactly.
    expect(all.more).toBe(false);
    expect(all.total).toBeGreaterThan(45);
    expect(all.pages).toBe(Math.ceil(all.total / 20));
    const capped = await listCandidates(db(), investigator, { countLimit: 45 });
    expect(capped).toMatchObject({ more: true, total: 45, pages: 3 });
    // The pages stay the same rows in the same order; the last page within the limit is still full.
    expect(capped.candidates.map((each) => each.key)).toEqual(all.candidates.map((each) => each.key));
    const third = await listCandidates(db(), investigator, { countLimit: 45, page: 3 });
    expect(third.page).toBe(3);
    expect(third.candidates).toHaveLength(20);
    // Exactly at the limit is not "more".
    expect(await listCandidates(db(), investigator, { countLimit: all.total })).toMatchObject({ more: false, total: all.total });
  });
});

describe("who may do what", () => {
  it("lets management of both sides read, and nobody outside the three roles", async () => {
    expect(await getPublishedVersion(db(), putianManagement, 1)).not.toBeNull();
    expect(await status(getPublishedVersion(db(), officer, 1))).toBe(403);
    expect(await status(listPublishedVersions(db(), await viewerFor(db(), "admin@platform.demo")))).toBe(403);
  });

  it("does not let management propose, review, publish or correct", async () => {
    const wutang = (await candidate(DEMO_BLACKLIST.wutang))!;
    for (const viewer of [platformManagement, putianManagement]) {
      expect(await status(listCandidates(db(), viewer))).toBe(403);
      expect(await status(getDraft(db(), viewer))).toBe(403);
      expect(await status(proposeCandidate(db(), viewer, propose(wutang.key)))).toBe(403);
      const draft = (await getDraft(db(), lead))!;
      expect(await status(publishDraft(db(), viewer, PublishSchema.parse({ intent: "publish", draftId: draft.id, version: draft.version })))).toBe(403);
    }
    const pending = await draftEntry(DEMO_BLACKLIST.huating);
    // An investigator proposes but does not review.
    expect(await status(reviewEntry(db(), investigator, review(pending.id, pending.version, "approve")))).toBe(403);
    const one = (await getPublishedVersion(db(), lead, 1))!;
    const correction = CorrectionSchema.parse({ intent: "correct", entryId: one.entries[1]!.id, kind: "removed", reason: "测试" });
    expect(await status(recordCorrection(db(), investigator, 1, correction))).toBe(403);
    expect(await status(recordCorrection(db(), platformManagement, 1, correction))).toBe(403);
  });
});

describe("proposals and reviews", () => {
  it("proposes a candidate into the draft, audited against its case, and not twice", async () => {
    const wutang = (await candidate(DEMO_BLACKLIST.wutang))!;
    const result = await proposeCandidate(db(), investigator, propose(wutang.key, "仓库查封，店铺已关闭。"));
    expect(result).toMatchObject({ ok: true });
    expect(await candidate(DEMO_BLACKLIST.wutang)).toBeUndefined();
    expect(await proposeCandidate(db(), investigator, propose(wutang.key))).toEqual({ ok: false, reason: "already_listed" });
    expect(await proposeCandidate(db(), investigator, propose(candidateKey({ kind: "action", id: "00000000-0000-4000-8000-000000000000" })))).toEqual({
      ok: false,
      reason: "not_candidate",
    });
    const entry = await draftEntry(DEMO_BLACKLIST.wutang);
    expect(entry).toMatchObject({ status: "proposed", caseReference: "AC-2026-000008", proposalNote: "仓库查封，店铺已关闭。", creditCode: WUTANG_CREDIT_CODE });
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "blacklist.proposed"), eq(auditEvents.entityId, entry.id)));
    expect(audit).toMatchObject({ caseId: entry.caseId, actorUserId: investigator.userId, entityType: "blacklist_entry" });
  });

  it("refuses a proposal whose name would not be published", () => {
    const parsed = ProposeSchema.safeParse({ intent: "propose", candidate: candidateKey({ kind: "action", id: "00000000-0000-4000-8000-000000000000" }), note: "x", publishableFields: ["credit_code"] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.message)).toContain("blacklist.validation.nameMustBePublished");
  });

  it("does not let a lead approve their own proposal (two-person rule); they may withdraw it by rejecting it", async () => {
    const entry = await draftEntry(DEMO_BLACKLIST.huating);
    expect(entry.proposedById).toBe(lead.userId);
    expect(await reviewEntry(db(), lead, review(entry.id, entry.version, "approve"))).toEqual({ ok: false, reason: "own_proposal" });
    expect((await draftEntry(DEMO_BLACKLIST.huating)).status).toBe("proposed");
    expect(await reviewEntry(db(), lead, review(entry.id, entry.version, "reject", "撤回：待案件判决后再议。"))).toEqual({ ok: true });
    expect(await draftEntry(DEMO_BLACKLIST.huating)).toMatchObject({ status: "rejected", reviewNote: "撤回：待案件判决后再议。", reviewedByName: "陈志远" });
  });
});

describe("sign-off and publication", () => {
  it("refuses a stale draft and a draft with proposals awaiting review", async () => {
    const draft = (await getDraft(db(), lead))!;
    expect(await publishDraft(db(), lead, PublishSchema.parse({ intent: "publish", draftId: draft.id, version: draft.version - 1 }))).toEqual({ ok: false, reason: "conflict" });
    expect(await publishDraft(db(), lead, PublishSchema.parse({ intent: "publish", draftId: draft.id, version: draft.version }))).toEqual({
      ok: false,
      reason: "awaiting_review",
      count: 1,
    });
  });

  it("refuses a review from a stale page and says who reviewed it meanwhile", async () => {
    const wutang = await draftEntry(DEMO_BLACKLIST.wutang);
    expect(await reviewEntry(db(), lead, review(wutang.id, wutang.version + 7, "approve"))).toMatchObject({ ok: false, reason: "conflict" });
    expect(await reviewEntry(db(), lead, review(wutang.id, wutang.version, "approve", "同意，信用代码不公开。"))).toEqual({ ok: true });
    expect(await reviewEntry(db(), lead, review(wutang.id, wutang.version, "reject"))).toEqual({
      ok: false,
      reason: "conflict",
      current: { status: "approved", reviewedByName: "陈志远" },
    });
    expect((await draftEntry(DEMO_BLACKLIST.wutang)).status).toBe("approved");
  });

  it("publishes version 2 with every approved entry frozen to exactly its publishable fields", async () => {
    const draft = (await getDraft(db(), lead))!;
    const result = await publishDraft(db(), lead, PublishSchema.parse({ intent: "publish", draftId: draft.id, version: draft.version, publicationNote: "第二版" }));
    expect(result).toEqual({ ok: true, number: 2 });

    const rows = await db().select().from(blacklistEntries).where(eq(blacklistEntries.blacklistVersionId, draft.id));
    for (const row of rows) {
      if (row.status !== "approved") {
        expect(row.publishedValues, `${row.enterpriseName} (${row.status}) is not published`).toBeNull();
        continue;
      }
      const values = readPublishedValues(row.publishedValues)!;
      expect(Object.keys(row.publishedValues as object).every((field) => row.publishableFields.includes(field)), row.enterpriseName).toBe(true);
      expect(Object.keys(values).length).toBe(Object.keys(row.publishedValues as object).length);
    }
    // Not published: the Wutang business's credit code (never chosen), the Yuetang workshop's (withdrawn by the correction).
    const stored = JSON.stringify(rows.map((row) => row.publishedValues));
    expect(stored).not.toContain(WUTANG_CREDIT_CODE);
    expect(stored).not.toContain(yuetangCreditCode);
    expect(stored).toContain(xinduCreditCode);

    const two = (await getPublishedVersion(db(), investigator, 2))!;
    expect(two).toMatchObject({ number: 2, signedOffByName: "陈志远", publicationNote: "第二版", latestNumber: 2 });
    // In the order first proposed: the carried entries, then this test's.
    expect(two.entries.map((entry) => entry.values.name)).toEqual([DEMO_BLACKLIST.yuetang, DEMO_BLACKLIST.xindu, DEMO_BLACKLIST.wutang]);
    expect(two.entries.map((entry) => entry.values.name)).not.toContain(DEMO_BLACKLIST.huating);
    expect(two.carriesOut).toEqual([expect.objectContaining({ kind: "amended", correctsVersion: 1 })]);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "blacklist.published"), eq(auditEvents.entityId, draft.id)));
    expect(audit!.details).toMatchObject({ number: 2, entries: 3, carried: 2, rejected: 1, correctionsCarriedOut: 1 });
  });

  it("exports only published values: the CSV has no credit code that is not published", async () => {
    const csv = (await blacklistCsv(db(), platformManagement, 2, "zh-CN"))!;
    const text = csv.body.toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(csv.fileName).toMatch(/^blacklist-v2-\d{4}-Q[1-4]\.csv$/);
    expect(text).toContain(DEMO_BLACKLIST.wutang);
    expect(text).toContain(xinduCreditCode);
    expect(text).not.toContain(WUTANG_CREDIT_CODE);
    expect(text).not.toContain(yuetangCreditCode);
    expect(text).not.toContain(DEMO_BLACKLIST.huating);
    // Version 1 as it was published, credit code and all: published versions are never edited.
    const one = (await blacklistCsv(db(), platformManagement, 1, "en"))!.body.toString("utf8");
    expect(one).toContain(yuetangCreditCode);
    expect(one).toContain("Corrected in version 2: amended.");
    expect(await blacklistCsv(db(), platformManagement, 9, "en")).toBeNull();
  });

  it("keeps version 1 readable, its correction now carried out in version 2", async () => {
    const one = (await getPublishedVersion(db(), putianManagement, 1))!;
    expect(one.latestNumber).toBe(2);
    expect(one.entries[0]!.values.credit_code).toBe(yuetangCreditCode);
    expect(one.corrections[0]).toMatchObject({ correctedInVersion: 2 });
    expect(await getDraft(db(), lead)).toBeNull();
    expect(await getPublishedVersion(db(), lead, 3)).toBeNull();
  });
});

describe("carry-forward and corrections", () => {
  it("opens the next draft with every entry of the latest version carried forward when a correction is recorded", async () => {
    const one = (await getPublishedVersion(db(), lead, 1))!;
    const xindu = one.entries[1]!;
    const removal = CorrectionSchema.parse({ intent: "correct", entryId: xindu.id, kind: "removed", reason: "检察院退回补充侦查，待起诉决定后另行提名。" });
    expect(await recordCorrection(db(), lead, 1, removal)).toMatchObject({ ok: true });

    const draft = (await getDraft(db(), lead))!;
    expect(draft.nextNumber).toBe(3);
    expect(draft.entries.map((entry) => [entry.enterpriseName, entry.carriedFromVersion, entry.status])).toEqual([
      [DEMO_BLACKLIST.yuetang, 2, "approved"],
      [DEMO_BLACKLIST.xindu, 2, "rejected"],
      [DEMO_BLACKLIST.wutang, 2, "approved"],
    ]);
    expect(draft.entries[1]!.corrections).toEqual([{ kind: "removed", version: 1, reason: "检察院退回补充侦查，待起诉决定后另行提名。" }]);
    // Shown on version 1 at once, to be carried out in the draft; versions 1 and 2 themselves unchanged.
    const after = (await getPublishedVersion(db(), platformManagement, 1))!;
    expect(after.corrections.map((correction) => [correction.kind, correction.entryPosition, correction.correctedInVersion])).toEqual([
      ["amended", 1, 2],
      ["removed", 2, null],
    ]);
    expect(after.entries).toHaveLength(2);
    expect((await getPublishedVersion(db(), platformManagement, 2))!.entries).toHaveLength(3);
    // A removed enterprise is not a candidate again.
    expect(await candidate(DEMO_BLACKLIST.xindu)).toBeUndefined();

    expect(await recordCorrection(db(), lead, 1, removal)).toEqual({ ok: false, reason: "no_longer_listed" });
  });

  it("amends the published values in the draft, and refuses an amendment that changes nothing or an entry of another version", async () => {
    const two = (await getPublishedVersion(db(), lead, 2))!;
    const wutang = two.entries.find((entry) => entry.values.name === DEMO_BLACKLIST.wutang)!;
    const amend = (values: Record<string, unknown>) => CorrectionSchema.parse({ intent: "correct", entryId: wutang.id, kind: "amended", reason: "更正", ...values });
    expect(await recordCorrection(db(), lead, 2, amend({ publishableFields: ["name", "province", "category", "reason"] }))).toEqual({ ok: false, reason: "unchanged" });
    expect(await recordCorrection(db(), lead, 1, amend({ publishableFields: ["name"] }))).toEqual({ ok: false, reason: "not_on_version" });
    expect(await recordCorrection(db(), lead, 7, amend({ publishableFields: ["name"] }))).toBeNull();
    expect(await recordCorrection(db(), lead, 2, amend({ enterpriseName: "莆田市涵江区梧塘志勇鞋服商行", publishableFields: ["name", "province"] }))).toMatchObject({ ok: true });
    const entry = await draftEntry("莆田市涵江区梧塘志勇鞋服商行");
    expect(entry.preview).toEqual({ name: "莆田市涵江区梧塘志勇鞋服商行", province: "350000" });
    const corrections = (await getPublishedVersion(db(), lead, 2))!.corrections;
    expect(corrections[0]!.changes).toEqual([
      { field: "name", before: DEMO_BLACKLIST.wutang, after: "莆田市涵江区梧塘志勇鞋服商行" },
      { field: "category", before: null, after: null },
      { field: "reason", before: null, after: null },
    ]);
    expect(JSON.stringify(corrections)).not.toContain(WUTANG_CREDIT_CODE);
  });
});

describe("the sign-off at the route: the password again (step-up)", () => {
  async function sessionCookie(email: string, reauthenticatedMinutesAgo: number | null): Promise<string> {
    const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    const { token, setCookie } = await createUserSession(db(), user!.id, { ip: null, userAgent: null });
    await db()
      .update(sessions)
      .set({ reauthenticatedAt: reauthenticatedMinutesAgo === null ? null : new Date(Date.now() - reauthenticatedMinutesAgo * 60_000) })
      .where(eq(sessions.id, hashSessionToken(token)));
    return setCookie.split(";")[0]!;
  }

  async function post(route: (args: ActionFunctionArgs) => Promise<unknown>, url: string, cookie: string, body: Record<string, string>, params: Record<string, string> = {}): Promise<Response> {
    const request = new Request(`http://localhost${url}`, {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    });
    try {
      return (await route({ request, params, context: { clientIp: null, cspNonce: "" } as never })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it("sends a lead who just signed in to /reauthenticate and back to the sign-off with the note, then publishes once the password is re-entered", async () => {
    const draft = (await getDraft(db(), lead))!;
    const body = { intent: "publish", draftId: draft.id, version: String(draft.version), publicationNote: "第三版" };
    const fresh = await post(draftAction, "/blacklist/draft", await sessionCookie("lead@platform.demo", null), body);
    expect(fresh.status).toBe(302);
    const back = `/blacklist/draft?${new URLSearchParams({ publicationNote: "第三版" })}#sign-off`;
    expect(fresh.headers.get("Location")).toBe(`/reauthenticate?${new URLSearchParams({ redirectTo: back })}`);
    const old = await post(draftAction, "/blacklist/draft", await sessionCookie("lead@platform.demo", 30), body);
    expect(old.headers.get("Location")).toMatch(/^\/reauthenticate\?/);
    expect(await db().select().from(blacklistVersions).where(eq(blacklistVersions.number, 3))).toEqual([]);

    const signed = await post(draftAction, "/blacklist/draft", await sessionCookie("lead@platform.demo", 1), body);
    expect(signed.status).toBe(302);
    expect(signed.headers.get("Location")).toBe("/blacklist?notice=published&number=3");
    expect((await getPublishedVersion(db(), lead, 3))!.entries.map((entry) => entry.values.name)).toEqual([
      DEMO_BLACKLIST.yuetang,
      "莆田市涵江区梧塘志勇鞋服商行",
    ]);
  });

  it("asks the same before a correction, keeps an invalid form's input, and refuses management (403)", async () => {
    const three = (await getPublishedVersion(db(), lead, 3))!;
    const entryId = three.entries[1]!.id;
    const body = { intent: "correct", entryId, kind: "removed", reason: "测试更正" };
    const unsigned = await post(versionAction, "/blacklist/versions/3", await sessionCookie("lead@platform.demo", null), body, { number: "3" });
    expect(unsigned.headers.get("Location")).toMatch(/^\/reauthenticate\?redirectTo=%2Fblacklist%2Fversions%2F3%3Fcorrect%3D/);
    const invalid = await post(versionAction, "/blacklist/versions/3", await sessionCookie("lead@platform.demo", 1), { intent: "correct", entryId, kind: "removed", reason: "" }, { number: "3" });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { result: { error: Record<string, string[]> } }).result.error.reason).toEqual(["validation.required"]);
    const management = await post(versionAction, "/blacklist/versions/3", await sessionCookie("management@platform.demo", 1), body, { number: "3" });
    expect(management.status).toBe(403);
    const signed = await post(versionAction, "/blacklist/versions/3", await sessionCookie("lead@platform.demo", 1), body, { number: "3" });
    expect(signed.headers.get("Location")).toBe("/blacklist/versions/3?notice=corrected#corrections");
  });

  it("answers a stale sign-off with a message, not an error page", async () => {
    const draft = (await getDraft(db(), lead))!;
    const response = await post(draftAction, "/blacklist/draft", await sessionCookie("lead@platform.demo", 1), {
      intent: "publish",
      draftId: draft.id,
      version: String(draft.version - 1),
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["blacklist.problem.publishConflict"]);
  });
});
