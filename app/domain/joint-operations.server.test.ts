import { parseWithZod } from "@conform-to/zod";
import { and, eq, inArray } from "drizzle-orm";
import { auditEvents, cases, jointOperationAgencies, jointOperations, organisations, statsDirtyCases, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { CLOUD_SWORD_DEMO_LEADS, DEMO_OPERATION_CODES } from "../../db/seed-operations";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { useDatabaseForTesting } from "~/lib/db.server";
import { verifyAuditChain } from "./audit.server";
import { insertLead, organisationId, viewerFor } from "./case-workflow.testing";
import { LeadFormSchema } from "./cases.schema";
import { createLead, updateLead } from "./cases.server";
import { operationStatus } from "./joint-operations";
import { AttachCaseSchema, DetachCaseSchema, OperationFormSchema, type OperationFormValues } from "./joint-operations.schema";
import {
  attachCase,
  createOperation,
  detachCase,
  getOperationDetail,
  listOperations,
  operationIdByCode,
  updateOperation,
} from "./joint-operations.server";
import type { Viewer } from "./policy";

// The bulk history of older cases (db/seed-history.ts) is not what these tests are about: left out, they stay quick,
// and the operations the seed registers and the leads it attaches are the same with or without it.
vi.mock("../../db/seed-history", () => ({ seedDemoHistory: async () => {} }));

let database: TestDatabase;
const META = { ip: "203.0.113.7", userAgent: "vitest" };
const TODAY = "2026-11-22";

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "irrelevant for these tests" });
  useDatabaseForTesting(database);
});
afterAll(async () => {
  await database.destroy();
});

const db = () => database.db;
const lead = () => viewerFor(db(), "lead@platform.demo");
const admin = () => viewerFor(db(), "admin@platform.demo");

function parseForm(fields: Record<string, string | string[]>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const each of [value].flat()) formData.append(name, each);
  return parseWithZod(formData, { schema: OperationFormSchema });
}

function formValues(fields: Record<string, string | string[]>): OperationFormValues {
  const submission = parseForm(fields);
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

async function agencies(...codes: string[]) {
  return Promise.all(codes.map((code) => organisationId(db(), code)));
}

async function caseByReference(reference: string) {
  const [row] = await db().select().from(cases).where(eq(cases.reference, reference));
  if (!row) throw new Error(`no case ${reference}`);
  return row;
}

async function expectStatus(promise: Promise<unknown>, status: number) {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(status);
}

describe("the operation form", () => {
  it("refuses an end before the start, no agency, a malformed code and an impossible date, on their fields", async () => {
    const submission = parseForm({ code: "云剑 2026", nameZh: "行动", nameEn: "Operation", startsOn: "2026-05-01", endsOn: "2026-04-30" });
    if (submission.status !== "error") throw new Error("expected the form to be refused");
    expect(submission.error).toMatchObject({
      code: ["operations.validation.code"],
      endsOn: ["operations.validation.endBeforeStart"],
      agencyIds: ["operations.validation.agenciesRequired"],
    });
    const badDate = parseForm({ code: "x", nameZh: "行动", nameEn: "Operation", startsOn: "2026-02-30", agencyIds: await agencies("putian-psb") });
    if (badDate.status !== "error") throw new Error("expected the date to be refused");
    expect(badDate.error).toMatchObject({ startsOn: ["operations.validation.date"] });
  });

  it("accepts an open end and a one-day operation, and drops repeated agencies", async () => {
    const [putian] = await agencies("putian-psb");
    const values = formValues({ code: "one-day", nameZh: "一日行动", nameEn: "One day", startsOn: "2026-05-01", endsOn: "2026-05-01", agencyIds: [putian!, putian!] });
    expect(values.agencyIds).toEqual([putian]);
    expect(formValues({ code: "open", nameZh: "行动", nameEn: "Op", startsOn: "2026-05-01", agencyIds: [putian!] }).endsOn).toBeUndefined();
  });

  it("needs a reference to attach and a reason to detach", () => {
    expect(AttachCaseSchema.safeParse({ intent: "attach", reference: "  " }).success).toBe(false);
    expect(AttachCaseSchema.parse({ intent: "attach", reference: " ac-2026-000007 " }).reference).toBe("AC-2026-000007");
    expect(DetachCaseSchema.safeParse({ intent: "detach", caseId: "6f1c1b0e-1d7a-4f8e-9a52-0c1f9d0c7a11", reason: " " }).success).toBe(false);
  });

  it("works out the status from today's date", () => {
    expect(operationStatus({ startsOn: "2026-12-01", endsOn: null }, TODAY)).toBe("upcoming");
    expect(operationStatus({ startsOn: "2026-11-22", endsOn: "2026-11-22" }, TODAY)).toBe("active");
    expect(operationStatus({ startsOn: "2026-01-01", endsOn: null }, TODAY)).toBe("active");
    expect(operationStatus({ startsOn: "2025-04-01", endsOn: "2026-11-21" }, TODAY)).toBe("ended");
  });
});

describe("the demo world's operations", () => {
  it("has Cloud Sword 2026 with Putian and Guangzhou and AC-2026-000007 … -000010 attached, and an ended 2025 operation", async () => {
    const rows = await listOperations(db(), await lead(), TODAY);
    const cloudSword = rows.find((row) => row.code === DEMO_OPERATION_CODES.cloudSword2026)!;
    expect(cloudSword).toMatchObject({ nameEn: "Cloud Sword 2026", startsOn: "2026-03-01", endsOn: "2026-12-31", status: "active" });
    expect(cloudSword.agencies.map((agency) => agency.code)).toEqual(["guangzhou-psb", "putian-psb"]);
    const attached = await db().select({ reference: cases.reference }).from(cases).where(eq(cases.jointOperationId, cloudSword.id));
    expect(attached.map((row) => row.reference)).toEqual(expect.arrayContaining([...CLOUD_SWORD_DEMO_LEADS]));
    expect(cloudSword.attachedLeads).toBe(attached.length);
    const ended = rows.find((row) => row.code === DEMO_OPERATION_CODES.putianFootwear2025)!;
    expect(ended).toMatchObject({ status: "ended", endsOn: "2025-10-31" });
    expect(ended.agencies.map((agency) => agency.code)).toEqual(["putian-psb"]);
    expect(rows.find((row) => row.code === DEMO_OPERATION_CODES.putianFootwear2026)!.agencies.map((agency) => agency.code)).toEqual(["putian-psb"]);
  });
});

describe("creating and editing", () => {
  let operationId: string;

  it("lets a platform lead register an operation with two agencies, audited", async () => {
    const viewer = await lead();
    const result = await createOperation(
      db(),
      viewer,
      formValues({
        code: "Spring-Thunder-2027",
        nameZh: "“春雷-2027”行动",
        nameEn: "Spring Thunder 2027",
        description: "莆田、金华两地联合行动",
        startsOn: "2027-03-01",
        endsOn: "2027-06-30",
        agencyIds: await agencies("putian-psb", "jinhua-psb"),
      }),
      META,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    operationId = result.id;
    const row = (await listOperations(db(), viewer, TODAY)).find((entry) => entry.id === operationId)!;
    expect(row).toMatchObject({ status: "upcoming", attachedLeads: 0 });
    expect(row.agencies.map((agency) => agency.code)).toEqual(["jinhua-psb", "putian-psb"]);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "joint_operation.created"), eq(auditEvents.entityId, operationId)));
    expect(audit).toMatchObject({ actorUserId: viewer.userId, ip: META.ip, entityType: "joint_operation", caseId: null });
    expect(audit!.details).toMatchObject({ code: "Spring-Thunder-2027", recordVersion: 1, startsOn: "2027-03-01" });
  });

  it("refuses a code already in use, whatever its letter case, on the code field", async () => {
    const base = { nameZh: "行动", nameEn: "Operation", startsOn: "2026-05-01", agencyIds: await agencies("putian-psb") };
    const taken = await createOperation(db(), await admin(), formValues({ ...base, code: "CLOUD-SWORD-2026" }), META);
    expect(taken).toEqual({ ok: false, field: "code", problem: "operations.problem.codeTaken" });
    const detail = (await getOperationDetail(db(), await admin(), operationId))!;
    const renamed = await updateOperation(
      db(),
      await admin(),
      operationId,
      formValues({ ...base, version: String(detail.version), code: "spring-shoes-2026" }),
      META,
    );
    expect(renamed).toEqual({ ok: false, field: "code", problem: "operations.problem.codeTaken" });
  });

  it("refuses an organisation that is not a police agency", async () => {
    const platform = await organisationId(db(), "platform-ip");
    const result = await createOperation(
      db(),
      await lead(),
      formValues({ code: "with-platform", nameZh: "行动", nameEn: "Op", startsOn: "2026-05-01", agencyIds: [platform] }),
      META,
    );
    expect(result).toEqual({ ok: false, field: "agencyIds", problem: "operations.problem.notPolice" });
  });

  it("saves an administrator's edit with the changes audited, then refuses a stale edit naming who changed what and when", async () => {
    const detail = (await getOperationDetail(db(), await admin(), operationId))!;
    const fields = {
      code: detail.code,
      nameZh: detail.nameZh,
      nameEn: "Spring Thunder 2027 (Putian, Jinhua, Guangzhou)",
      description: detail.description,
      startsOn: detail.startsOn,
      endsOn: "2027-07-31",
      agencyIds: await agencies("putian-psb", "jinhua-psb", "guangzhou-psb"),
    };
    const saved = await updateOperation(db(), await admin(), operationId, formValues({ ...fields, version: "1" }), META);
    expect(saved).toEqual({ ok: true, id: operationId, version: 2 });
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "joint_operation.updated"), eq(auditEvents.entityId, operationId)));
    expect(audit!.details).toMatchObject({ recordVersion: 2, changes: ["nameEn", "endsOn", "agencyIds"] });
    const stored = await db().select().from(jointOperationAgencies).where(eq(jointOperationAgencies.jointOperationId, operationId));
    expect(stored).toHaveLength(3);

    // The lead's form was loaded at version 1: the save is refused, not merged.
    const stale = await updateOperation(db(), await lead(), operationId, formValues({ ...fields, nameZh: "春雷行动", version: "1" }), META);
    expect(stale.ok).toBe(false);
    if (stale.ok || stale.field !== null) throw new Error("expected a conflict");
    expect(stale.conflict.currentVersion).toBe(2);
    expect(stale.conflict.changes).toEqual([
      { action: "joint_operation.updated", actorName: "赵敏", occurredAt: audit!.occurredAt.toISOString(), fields: ["nameEn", "endsOn", "agencyIds"] },
    ]);
    expect(stale.conflict.current).toMatchObject({ nameEn: "Spring Thunder 2027 (Putian, Jinhua, Guangzhou)", endsOn: "2027-07-31" });
    const [row] = await db().select().from(jointOperations).where(eq(jointOperations.id, operationId));
    expect(row).toMatchObject({ nameZh: "“春雷-2027”行动", version: 2 });
  });

  it("answers an edit that changes nothing without a new version or record", async () => {
    const detail = (await getOperationDetail(db(), await lead(), operationId))!;
    const before = await db().select().from(auditEvents).where(eq(auditEvents.entityId, operationId));
    const result = await updateOperation(
      db(),
      await lead(),
      operationId,
      formValues({
        version: String(detail.version),
        code: detail.code,
        nameZh: detail.nameZh,
        nameEn: detail.nameEn,
        description: detail.description,
        startsOn: detail.startsOn,
        endsOn: detail.endsOn ?? "",
        agencyIds: detail.agencies.map((agency) => agency.id).reverse(),
      }),
      META,
    );
    expect(result).toEqual({ ok: true, id: operationId, version: detail.version });
    expect(await db().select().from(auditEvents).where(eq(auditEvents.entityId, operationId))).toHaveLength(before.length);
  });

  it("is closed to management and police (403), and an unknown operation is 404", async () => {
    await expectStatus(listOperations(db(), await viewerFor(db(), "management@platform.demo")), 403);
    await expectStatus(listOperations(db(), await viewerFor(db(), "supervisor@putian.demo")), 403);
    await expectStatus(
      updateOperation(db(), await lead(), "00000000-0000-4000-8000-000000000000", formValues({ version: "1", code: "x", nameZh: "x", nameEn: "x", startsOn: "2026-01-01", agencyIds: await agencies("putian-psb") }), META),
      404,
    );
    expect(await getOperationDetail(db(), await lead(), "not-a-uuid")).toBeNull();
  });
});

describe("attaching and detaching leads", () => {
  let thunder: string;
  let footwear: string;
  let viewer: Viewer;

  beforeAll(async () => {
    viewer = await lead();
    const created = await createOperation(
      db(),
      viewer,
      formValues({ code: "attach-test", nameZh: "纳入测试行动", nameEn: "Attach test", startsOn: "2026-01-01", agencyIds: await agencies("putian-psb") }),
      META,
    );
    if (!created.ok) throw new Error("could not create the operation");
    thunder = created.id;
    footwear = (await operationIdByCode(db(), DEMO_OPERATION_CODES.putianFootwear2026))!;
  });

  it("attaches a lead by reference, moving it from its previous operation, audited with the case and marked for the statistics", async () => {
    const before = await caseByReference("AC-2026-000013");
    expect(before.jointOperationId).toBe(footwear);
    await db().delete(statsDirtyCases);
    const result = await attachCase(db(), viewer, thunder, "ac-2026-000013", META);
    expect(result).toMatchObject({ ok: true, caseId: before.id, reference: "AC-2026-000013", movedFrom: { id: footwear, code: DEMO_OPERATION_CODES.putianFootwear2026 } });
    const after = await caseByReference("AC-2026-000013");
    expect(after).toMatchObject({ jointOperationId: thunder, version: before.version + 1 });
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "case.joint_operation_attached"), eq(auditEvents.caseId, before.id)));
    expect(audit).toMatchObject({ actorUserId: viewer.userId, entityType: "joint_operation", entityId: thunder });
    expect(audit!.details).toMatchObject({ reference: "AC-2026-000013", previousOperation: { id: footwear }, version: after.version });
    expect(await db().select({ caseId: statsDirtyCases.caseId }).from(statsDirtyCases)).toEqual([{ caseId: before.id }]);

    // Both operations' histories tell it: here attached from the campaign, there moved away.
    const here = (await getOperationDetail(db(), viewer, thunder))!;
    expect(here.history[0]).toMatchObject({ action: "case.joint_operation_attached", reference: "AC-2026-000013", movedFrom: { code: DEMO_OPERATION_CODES.putianFootwear2026 } });
    const there = (await getOperationDetail(db(), viewer, footwear))!;
    expect(there.history[0]).toMatchObject({ action: "case.joint_operation_moved_away", reference: "AC-2026-000013", movedTo: { code: "attach-test" } });
  });

  it("refuses the same lead twice, a withdrawn lead, and a reference that does not exist", async () => {
    expect(await attachCase(db(), viewer, thunder, "AC-2026-000013", META)).toEqual({ ok: false, problem: "operations.problem.alreadyAttached" });
    expect(await attachCase(db(), viewer, thunder, "AC-2026-000006", META)).toEqual({ ok: false, problem: "operations.problem.caseWithdrawn" });
    expect(await attachCase(db(), viewer, thunder, "AC-2026-999999", META)).toEqual({ ok: false, problem: "operations.problem.caseNotFound" });
  });

  it("does not find another platform's lead (out of the lead's scope), and leaves it untouched", async () => {
    const [other] = await db()
      .insert(organisations)
      .values({ code: "other-platform", kind: "platform", nameZh: "另一平台", nameEn: "Another platform", divisionCode: "310000" })
      .returning();
    const [investigator] = await db()
      .insert(users)
      .values({ organisationId: other!.id, email: "investigator@other.test", displayName: "外部调查员", role: "investigator", passwordHash: "x" })
      .returning();
    const foreign = await insertLead(db(), { ...viewer, userId: investigator!.id, organisationId: other!.id }, { title: "另一平台的线索" });
    expect(await attachCase(db(), viewer, thunder, foreign.reference, META)).toEqual({ ok: false, problem: "operations.problem.caseNotFound" });
    expect((await caseByReference(foreign.reference)).jointOperationId).toBeNull();
    // Nor can the lead take it out of anything by its id.
    expect(await detachCase(db(), viewer, thunder, { caseId: foreign.id, reason: "x" }, META)).toEqual({ ok: false, problem: "operations.problem.notAttached" });
  });

  it("does not let an administrator attach or detach (403), though they may manage operations", async () => {
    const administrator = await admin();
    await expectStatus(attachCase(db(), administrator, thunder, "AC-2026-000014", META), 403);
    const lead13 = await caseByReference("AC-2026-000013");
    await expectStatus(detachCase(db(), administrator, thunder, { caseId: lead13.id, reason: "x" }, META), 403);
    await expectStatus(attachCase(db(), await viewerFor(db(), "management@platform.demo"), thunder, "AC-2026-000014", META), 403);
    expect((await caseByReference("AC-2026-000014")).jointOperationId).toBe(footwear);
  });

  it("shows the attached leads to the platform lead and only counts to an administrator", async () => {
    const forLead = (await getOperationDetail(db(), viewer, thunder))!;
    expect(forLead.leads!.items.map((item) => [item.reference, item.status])).toEqual([["AC-2026-000013", "accepted"]]);
    expect(forLead.leads!.items[0]!.agency).toMatchObject({ nameEn: "Putian Municipal Public Security Bureau" });
    const forAdmin = (await getOperationDetail(db(), await admin(), thunder))!;
    expect(forAdmin.leads).toBeNull();
    expect(forAdmin.attachedLeads).toBe(1);
    expect(forAdmin.countsByStatus).toEqual([{ status: "accepted", count: 1 }]);
    expect(forAdmin.history.some((entry) => entry.reference !== null)).toBe(false);
    // A page past the last shows the last.
    expect((await getOperationDetail(db(), viewer, thunder, { page: 99 }))!.leads).toMatchObject({ page: 1, pageCount: 1, inScope: 1 });
  });

  it("detaches with the reason recorded, once", async () => {
    const lead13 = await caseByReference("AC-2026-000013");
    await db().delete(statsDirtyCases);
    expect(await detachCase(db(), viewer, thunder, { caseId: lead13.id, reason: "误纳入，应归莆田鞋类专项" }, META)).toEqual({ ok: true, reference: "AC-2026-000013" });
    expect(await caseByReference("AC-2026-000013")).toMatchObject({ jointOperationId: null, version: lead13.version + 1 });
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "case.joint_operation_detached"), eq(auditEvents.caseId, lead13.id)));
    expect(audit!.details).toMatchObject({ reference: "AC-2026-000013", reason: "误纳入，应归莆田鞋类专项" });
    expect(await db().select({ caseId: statsDirtyCases.caseId }).from(statsDirtyCases)).toEqual([{ caseId: lead13.id }]);
    expect(await detachCase(db(), viewer, thunder, { caseId: lead13.id, reason: "again" }, META)).toEqual({ ok: false, problem: "operations.problem.notAttached" });
    expect((await getOperationDetail(db(), viewer, thunder))!.history[0]).toMatchObject({ action: "case.joint_operation_detached", reason: "误纳入，应归莆田鞋类专项" });
  });

  it("makes a lead form loaded before the attachment refuse its save, naming the joint operation; the form's own change is audited too", async () => {
    const investigator = await viewerFor(db(), "investigator@platform.demo");
    const input = LeadFormSchema.parse({ title: "专项行动测试草稿", category: "footwear_apparel" });
    const draft = await createLead(db(), investigator, input, { ip: null });
    if (!draft.ok) throw new Error("could not open a draft");
    expect((await attachCase(db(), viewer, thunder, draft.reference, META)).ok).toBe(true);
    const stale = await updateLead(db(), investigator, draft.caseId, draft.version, { ...input, title: "改名" }, { ip: null });
    expect(stale.ok).toBe(false);
    if (stale.ok || stale.reason !== "conflict") throw new Error("expected a conflict");
    expect(stale.conflict.changes).toEqual([expect.objectContaining({ action: "case.joint_operation_attached", actorName: "陈志远", fields: ["jointOperationId"] })]);

    // Saved from the current version, the lead form moves it to another operation itself, with its own audit record.
    const current = await caseByReference(draft.reference);
    const saved = await updateLead(db(), investigator, draft.caseId, current.version, { ...input, jointOperationId: footwear }, { ip: null });
    expect(saved.ok).toBe(true);
    const [edit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "case.lead_updated"), eq(auditEvents.caseId, draft.caseId)));
    expect(edit!.details).toMatchObject({ changes: { fields: { jointOperationId: { from: thunder, to: footwear } } } });
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditChain(db())).intact).toBe(true);
    const operations = await db().select({ id: jointOperations.id }).from(jointOperations).where(inArray(jointOperations.code, ["attach-test"]));
    expect(operations).toHaveLength(1);
  });
});
