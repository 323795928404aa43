import { and, asc, eq } from "drizzle-orm";
// db/seed first: db/seed and app/lib/db.server import each other; entered from the seed side, both finish
// loading before the domain modules (which read db.server's tables at load time) run.
import { seedDemoWorld } from "../../db/seed";
import {
  auditEvents,
  caseAccounts,
  caseOutcomes,
  closureReason,
  filingDecision,
  noteVisibility,
  notifications,
  outcomeEvents,
  outcomeRoute,
  platformActionKind,
  platformActions,
  seizureUnit,
  valuationMethod,
  verdict,
} from "../../db/schema";
import { createTestDatabase, testDatabaseEngine, type TestDatabase } from "../../db/testing";
import { OutcomeFormSchema, type OutcomeInput } from "./case-outcomes.schema";
import { getCaseOutcome, saveCaseOutcome } from "./case-outcomes.server";
import { addCaseNote, listCaseNotes } from "./case-notes.server";
import { getCaseTimeline } from "./case-workflow.server";
import { viewerFor } from "./case-workflow.testing";
import { PlatformActionFormSchema, type PlatformActionInput } from "./platform-actions.schema";
import { listPlatformActions, recordPlatformAction, retractPlatformAction } from "./platform-actions.server";
import {
  CLOSURE_REASONS,
  FILING_DECISIONS,
  NOTE_VISIBILITIES,
  OUTCOME_ROUTES,
  PLATFORM_ACTION_KINDS,
  SEIZURE_UNITS,
  seizureTotals,
  VALUATION_METHODS,
  VERDICTS,
} from "./police";
import { getPoliceSection } from "./police-section.server";
import { acceptedCase, type PoliceCast } from "./police.testing";
import type { Viewer } from "./policy";

let database: TestDatabase;
let cast: PoliceCast;
let guangzhouOfficer: Viewer;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "police-records-test-password" });
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

async function thrownStatus(promise: Promise<unknown>): Promise<number | "resolved"> {
  try {
    await promise;
    return "resolved";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("the closed sets", () => {
  it("match the database enums", () => {
    expect(SEIZURE_UNITS).toEqual(seizureUnit.enumValues);
    expect(VALUATION_METHODS).toEqual(valuationMethod.enumValues);
    expect(FILING_DECISIONS).toEqual(filingDecision.enumValues);
    expect(OUTCOME_ROUTES).toEqual(outcomeRoute.enumValues);
    expect(VERDICTS).toEqual(verdict.enumValues);
    expect(CLOSURE_REASONS).toEqual(closureReason.enumValues);
    expect(PLATFORM_ACTION_KINDS).toEqual(platformActionKind.enumValues);
    expect(NOTE_VISIBILITIES).toEqual(noteVisibility.enumValues);
  });

  it("add up seizures in hundredths, per unit", () => {
    expect(
      seizureTotals([
        { quantity: "0.1", unit: "kilograms", valueYuan: "0.10", counterfeitLabels: 1 },
        { quantity: "0.2", unit: "kilograms", valueYuan: "0.20", counterfeitLabels: 2 },
        { quantity: "326", unit: "boxes", valueYuan: null, counterfeitLabels: 0 },
      ]),
    ).toEqual({
      seizures: 3,
      valueYuan: "0.30",
      unvalued: 1,
      counterfeitLabels: 3,
      quantities: [
        { unit: "boxes", quantity: "326.00" },
        { unit: "kilograms", quantity: "0.30" },
      ],
    });
  });
});

describe(`investigation notes (${testDatabaseEngine()})`, () => {
  it("keeps an agency-only note from the platform: not listed, not on the timeline, no text in the audit log", async () => {
    const lead = await acceptedCase(db(), cast);
    const secret = "连续三晚蹲守：厂房夜间开工，郑某每天上午到厂。";
    const shared = "拟于近日收网，请平台协助冻结四家店铺资金。";
    expect(await addCaseNote(db(), cast.officer, lead.id, { visibility: "agency", body: secret })).toMatchObject({ ok: true });
    expect(await addCaseNote(db(), cast.officer, lead.id, { visibility: "shared", body: shared })).toMatchObject({ ok: true });

    expect((await listCaseNotes(db(), cast.officer, lead.id)).map((note) => note.body)).toEqual([secret, shared]);
    expect((await listCaseNotes(db(), cast.supervisor, lead.id)).map((note) => note.body)).toEqual([secret, shared]);
    expect((await listCaseNotes(db(), cast.investigator, lead.id)).map((note) => note.body)).toEqual([shared]);
    expect((await listCaseNotes(db(), cast.lead, lead.id)).map((note) => note.body)).toEqual([shared]);

    const platformTimeline = await getCaseTimeline(db(), cast.investigator, lead.id);
    expect(platformTimeline.filter((entry) => entry.action === "case.note_added").map((entry) => entry.note)).toEqual([shared]);
    expect(JSON.stringify(platformTimeline)).not.toContain("蹲守");
    const policeTimeline = await getCaseTimeline(db(), cast.officer, lead.id);
    expect(policeTimeline.filter((entry) => entry.action === "case.note_added")).toHaveLength(2);

    const audit = await db().select().from(auditEvents).where(eq(auditEvents.caseId, lead.id));
    expect(JSON.stringify(audit.map((event) => event.details))).not.toContain("蹲守");

    // The case page's section reads the same.
    expect((await getPoliceSection(db(), cast.investigator, lead)).notes.map((note) => note.body)).toEqual([shared]);

    // Only the shared one tells the platform.
    const bell = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, lead.id), eq(notifications.userId, cast.investigator.userId), eq(notifications.kind, "police_update")));
    expect(bell.filter((row) => (row.params as { event?: string }).event === "note.shared")).toHaveLength(1);
  });

  it("are written only by the agency, and only once the case is accepted", async () => {
    const lead = await acceptedCase(db(), cast, "accepted");
    expect(await thrownStatus(addCaseNote(db(), cast.investigator, lead.id, { visibility: "shared", body: "x" }))).toBe(403);
    expect(await thrownStatus(addCaseNote(db(), guangzhouOfficer, lead.id, { visibility: "agency", body: "x" }))).toBe(404);
    expect(await addCaseNote(db(), cast.officer, lead.id, { visibility: "agency", body: "接收后即开展摸排。" })).toMatchObject({ ok: true });
    expect(await thrownStatus(listCaseNotes(db(), guangzhouOfficer, lead.id))).toBe(404);
  });
});

const outcome = (overrides: Record<string, unknown> = {}): OutcomeInput => {
  const { version: _version, ...value } = OutcomeFormSchema.parse({
    version: 0,
    filingDecision: "filed",
    policeCaseNumber: "莆公经立字〔2026〕18号",
    filedOn: "2026-01-15",
    detained: 3,
    charges: ["art213", "art214"],
    ...overrides,
  });
  return value;
};

describe(`the outcome record (${testDatabaseEngine()})`, () => {
  it("is saved from version 0, told to the platform, and a stale save is refused with what changed", async () => {
    const lead = await acceptedCase(db(), cast);
    expect(await saveCaseOutcome(db(), cast.officer, lead.id, 0, outcome(), { locale: "en" })).toEqual({ ok: true, version: 1 });
    const second = await saveCaseOutcome(db(), cast.supervisor, lead.id, 1, outcome({ arrested: 2, detained: 1 }));
    expect(second).toEqual({ ok: true, version: 2 });

    const stale = await saveCaseOutcome(db(), cast.officer, lead.id, 1, outcome({ policeCaseNumber: "莆公经立字〔2026〕19号" }));
    if (stale.ok || stale.reason !== "conflict") throw new Error(`expected a conflict, got ${JSON.stringify(stale)}`);
    expect(stale.conflict).toEqual({
      currentVersion: 2,
      changes: [{ action: "outcome.updated", actorName: cast.supervisor.displayName, occurredAt: expect.any(String), fields: ["detained", "arrested"] }],
      current: { detained: "1", arrested: "2" },
    });
    const stored = await getCaseOutcome(db(), cast.investigator, lead.id);
    expect(stored).toMatchObject({ version: 2, policeCaseNumber: "莆公经立字〔2026〕18号", detained: 1, arrested: 2, charges: ["art213", "art214"] });

    const [first] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, lead.id), eq(auditEvents.action, "outcome.updated")))
      .orderBy(asc(auditEvents.seq));
    expect(first!.details).toMatchObject({ note: "Filed (莆公经立字〔2026〕18号); 3 detained; charges: arts. 213, 214", recordVersion: 1 });
    const events = await db().select().from(outcomeEvents).where(and(eq(outcomeEvents.caseId, lead.id), eq(outcomeEvents.kind, "outcome.updated")));
    expect(events).toHaveLength(2);
    expect(events[1]!.payload).toMatchObject({ persons: { detained: 1, arrested: 2 }, charges: ["art213", "art214"], version: 2 });
  });

  it("keeps only the chosen route's fields, and refuses days in the future", async () => {
    const lead = await acceptedCase(db(), cast);
    const future = await saveCaseOutcome(db(), cast.officer, lead.id, 0, outcome({ route: "criminal", transferredToProcuratorateOn: "2999-01-01" }));
    expect(future).toEqual({ ok: false, reason: "invalid", fieldErrors: { transferredToProcuratorateOn: ["police.validation.future"] } });
    expect(await db().select().from(caseOutcomes).where(eq(caseOutcomes.caseId, lead.id))).toEqual([]);

    const crafted = { ...outcome({ route: "criminal", transferredToProcuratorateOn: "2026-03-01", finesYuan: "200000" }), administrativeAuthority: "莆田市市场监督管理局" };
    expect(await saveCaseOutcome(db(), cast.officer, lead.id, 0, crafted)).toMatchObject({ ok: true });
    expect(await getCaseOutcome(db(), cast.officer, lead.id)).toMatchObject({
      route: "criminal",
      transferredToProcuratorateOn: "2026-03-01",
      finesYuan: "200000.00",
      administrativeAuthority: "",
    });
  });

  it("is written only by the agency the case was referred to", async () => {
    const lead = await acceptedCase(db(), cast);
    expect(await thrownStatus(saveCaseOutcome(db(), cast.investigator, lead.id, 0, outcome()))).toBe(403);
    expect(await thrownStatus(saveCaseOutcome(db(), guangzhouOfficer, lead.id, 0, outcome()))).toBe(404);
  });

  it("checks counts, amounts and the order of the days in its form", () => {
    const problems = (value: Record<string, unknown>) => {
      const result = OutcomeFormSchema.safeParse({ version: 0, ...value });
      return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
    };
    expect(problems({ detained: -1, arrested: 1.5 })).toEqual({ detained: "cases.validation.wholeNumber", arrested: "cases.validation.wholeNumber" });
    expect(problems({ route: "criminal", finesYuan: "100.123" })).toEqual({ finesYuan: "cases.validation.amount" });
    expect(problems({ route: "criminal", transferredToProcuratorateOn: "2026-03-01", indictedOn: "2026-02-01", judgmentOn: "2026-01-01" })).toEqual({
      indictedOn: "police.outcome.validation.beforeTransfer",
      judgmentOn: "police.outcome.validation.beforeIndictment",
    });
    expect(problems({ court: "莆田市秀屿区人民法院" })).toEqual({ route: "police.outcome.validation.routeRequired" });
    expect(problems({ route: "administrative", court: "莆田市秀屿区人民法院" })).toEqual({ court: "police.outcome.validation.otherRoute" });
    expect(problems({ filingDecision: "not_filed" })).toEqual({ notFiledReason: "validation.required" });
    expect(problems({ route: "criminal", verdict: "convicted" })).toEqual({ judgmentOn: "police.outcome.validation.judgmentDateRequired" });
  });
});

describe(`the platform's follow-up (${testDatabaseEngine()})`, () => {
  const closure = (overrides: Record<string, unknown> = {}): PlatformActionInput =>
    PlatformActionFormSchema.parse({ kind: "store_closed", takenOn: "2026-02-01", note: "依据公安查处结果关闭店铺。", ...overrides });

  it("records a store closure from the lead's account, tells the agency, and is retracted with a reason, never deleted", async () => {
    const lead = await acceptedCase(db(), cast);
    const [account] = await db().select().from(caseAccounts).where(eq(caseAccounts.caseId, lead.id));
    const recorded = await recordPlatformAction(db(), cast.investigator, lead.id, closure({ caseAccountId: account!.id }));
    if (!recorded.ok) throw new Error(JSON.stringify(recorded));
    const [listed] = await listPlatformActions(db(), cast.officer, lead.id);
    expect(listed).toMatchObject({ kind: "store_closed", marketplace: "taobao", storeId: account!.storeId, storeName: "潮鞋工厂店", retractedAt: null, version: 1 });

    const police = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, lead.id), eq(notifications.kind, "platform_update")));
    // The agency's supervisors and the officers assigned (none yet on this case).
    expect(police.map((row) => [row.userId, (row.params as { event?: string }).event])).toEqual([[cast.supervisor.userId, "platform_action.recorded"]]);

    // A stale retraction is refused; the one from the current version goes through.
    expect(await retractPlatformAction(db(), cast.lead, lead.id, { actionId: recorded.actionId, version: 0, reason: "误录" })).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    expect(await retractPlatformAction(db(), cast.lead, lead.id, { actionId: recorded.actionId, version: 1, reason: "店铺 ID 录错，应为另一家店。" })).toEqual({ ok: true });
    expect(await retractPlatformAction(db(), cast.lead, lead.id, { actionId: recorded.actionId, version: 2, reason: "再次撤销" })).toEqual({
      ok: false,
      reason: "already_retracted",
    });
    const rows = await db().select().from(platformActions).where(eq(platformActions.caseId, lead.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ retractedBy: cast.lead.userId, retractionReason: "店铺 ID 录错，应为另一家店。", version: 2 });
    const [afterRetraction] = await listPlatformActions(db(), cast.investigator, lead.id);
    expect(afterRetraction).toMatchObject({ retractedByName: cast.lead.displayName, retractionReason: "店铺 ID 录错，应为另一家店。" });
    const timeline = await getCaseTimeline(db(), cast.officer, lead.id);
    expect(timeline.map((entry) => entry.action)).toEqual(expect.arrayContaining(["platform_action.recorded", "platform_action.retracted"]));
  });

  it("records a typed-in blacklist candidate with what may be published, checking the credit code", async () => {
    const lead = await acceptedCase(db(), cast);
    const candidate = {
      kind: "blacklist_candidate",
      enterpriseName: "莆田市某鞋业有限公司",
      creditCode: "91350300MA2XXXXXX1",
      publishableFields: ["name", "province"],
      takenOn: "2026-02-01",
      note: "生产销售假冒注册商标的商品，已被刑事立案。",
    };
    expect(PlatformActionFormSchema.safeParse(candidate).success).toBe(false);
    const valid = PlatformActionFormSchema.parse({ ...candidate, creditCode: "91350100M000100Y43" });
    expect(await recordPlatformAction(db(), cast.investigator, lead.id, valid)).toMatchObject({ ok: true });
    expect((await listPlatformActions(db(), cast.investigator, lead.id))[0]).toMatchObject({
      kind: "blacklist_candidate",
      creditCode: "91350100M000100Y43",
      publishableFields: ["name", "province"],
    });
  });

  it("is the platform's to write, only once the case is accepted", async () => {
    const accepted = await acceptedCase(db(), cast, "accepted");
    expect(await thrownStatus(recordPlatformAction(db(), cast.officer, accepted.id, closure({ marketplace: "taobao", storeId: "s1" })))).toBe(403);
    const future = await recordPlatformAction(db(), cast.investigator, accepted.id, closure({ marketplace: "taobao", storeId: "s1", takenOn: "2999-01-01" }));
    expect(future).toEqual({ ok: false, reason: "invalid", fieldErrors: { takenOn: ["police.validation.future"] } });
  });
});
