import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { parseWithZod } from "@conform-to/zod";
import { eq } from "drizzle-orm";
import { custodyEvents, evidenceFiles, mous, organisations } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { useDatabaseForTesting } from "~/lib/db.server";
import { LocalDiskStorage } from "~/lib/storage/local.server";
import { useEvidenceStorageForTesting } from "~/lib/storage/storage.server";
import { verifyAuditChain } from "./audit.server";
import { MouFormSchema, type MouFormValues } from "./mous.schema";
import { attachMouDocument, createMou, endMou, findMouDocument, getMouDetail, listMous, updateMou } from "./mous.server";
import { auditOf, META, viewerOf } from "./security.testing";

let database: TestDatabase;
let storageRoot: string;
const TODAY = "2026-11-22";

beforeAll(async () => {
  storageRoot = await fs.promises.mkdtemp(path.join(os.tmpdir(), "portal-mou-documents-"));
  useEvidenceStorageForTesting(new LocalDiskStorage(storageRoot));
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "irrelevant for these tests" });
  useDatabaseForTesting(database);
});
afterAll(async () => {
  useEvidenceStorageForTesting(null);
  await database.destroy();
  await fs.promises.rm(storageRoot, { recursive: true, force: true });
});

const admin = () => viewerOf(database.db, "admin@platform.demo");

async function policeId(code: string) {
  const [row] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, code));
  return row!.id;
}

/** Form values as the browser would post them, through the schema. */
function formValues(fields: Record<string, string | string[]>): MouFormValues {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const each of [value].flat()) formData.append(name, each);
  const submission = parseWithZod(formData, { schema: MouFormSchema });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

async function xiamenForm(extra: Record<string, string | string[]> = {}) {
  return formValues({
    reference: "MOU-XM-2026-01",
    titleZh: "平台与莆田市公安局补充协作备忘录",
    titleEn: "Supplementary MOU with Putian PSB",
    policeOrganisationId: await policeId("putian-psb"),
    signedOn: "2026-11-01",
    effectiveFrom: "2026-11-01",
    effectiveUntil: "2027-10-31",
    scopeCategories: ["cosmetics", "food_drugs"],
    territory: "350300，350500 350300",
    decisionPeriodDays: "5",
    "contacts[0].side": "police",
    "contacts[0].name": "陈警官",
    "contacts[0].phone": "0594-2222222",
    "contacts[1].side": "platform",
    ...extra,
  });
}

describe("the MOU form", () => {
  it("reads territory codes separated by spaces, commas or Chinese punctuation, without repeats", async () => {
    expect((await xiamenForm()).territory).toEqual(["350300", "350500"]);
  });

  it("refuses an end before the start, no scope, a bad code and a contact without a name", async () => {
    const formData = new FormData();
    for (const [name, value] of Object.entries({
      reference: "X-1",
      titleZh: "x",
      titleEn: "x",
      policeOrganisationId: "00000000-0000-4000-8000-000000000000",
      signedOn: "2026-01-01",
      effectiveFrom: "2026-06-01",
      effectiveUntil: "2026-05-01",
      territory: "35030",
      decisionPeriodDays: "0",
      "contacts[0].side": "police",
      "contacts[0].phone": "123",
    })) {
      formData.append(name, value);
    }
    const errorsOf = (data: FormData) => {
      const result = parseWithZod(data, { schema: MouFormSchema });
      return result.status === "error" ? result.error : null;
    };
    expect(errorsOf(formData)).toMatchObject({
      scopeCategories: ["admin.mous.validation.scopeRequired"],
      territory: ["admin.validation.divisionCode"],
      decisionPeriodDays: ["admin.mous.validation.decisionPeriod"],
    });
    // Cross-field checks run once the fields themselves are valid.
    formData.set("territory", "350300");
    formData.set("decisionPeriodDays", "3");
    formData.append("scopeCategories", "cosmetics");
    expect(errorsOf(formData)).toEqual({
      effectiveUntil: ["admin.mous.validation.untilBeforeFrom"],
      "contacts[0].name": ["admin.mous.validation.contactName"],
    });
  });
});

describe("the registry", () => {
  it("flags the seeded MOUs: Putian in force, Guangzhou expiring within 30 days, Jinhua expired", async () => {
    const rows = await listMous(database.db, await admin());
    const byReference = Object.fromEntries(rows.map((row) => [row.reference, row.standing.status]));
    expect(byReference).toEqual({ "MOU-PT-2016-01": "in_force", "MOU-GZ-2023-02": "expiring", "MOU-JH-2021-01": "expired" });
    const putian = rows.find((row) => row.reference === "MOU-PT-2016-01")!;
    expect(putian.territory).toEqual([{ code: "350300", name: "福建省莆田市" }]);
    expect(await listMous(database.db, await admin(), { status: "expired" })).toHaveLength(1);
  });

  it("is for administrators only", async () => {
    await expect(listMous(database.db, await viewerOf(database.db, "lead@platform.demo"))).rejects.toMatchObject({ status: 403 });
  });

  it("registers an MOU with its contacts, audited with its terms", async () => {
    const created = await createMou(database.db, await admin(), await xiamenForm(), META);
    expect(created).toMatchObject({ ok: true, version: 1 });
    if (!created.ok) return;
    const detail = await getMouDetail(database.db, await admin(), created.id, TODAY);
    expect(detail).toMatchObject({
      reference: "MOU-XM-2026-01",
      scopeCategories: ["food_drugs", "cosmetics"],
      decisionPeriodDays: 5,
      standing: { status: "in_force", inForce: true },
      liaisonContacts: [{ side: "police", name: "陈警官", title: "", phone: "0594-2222222", email: "" }],
    });
    expect(detail!.territory.map((entry) => entry.name)).toEqual(["福建省莆田市", "福建省泉州市"]);
    const [audit] = (await auditOf(database.db, "mou.created")).filter((row) => row.entityId === created.id);
    expect(audit!.details).toMatchObject({ reference: "MOU-XM-2026-01", territoryDivisionCodes: ["350300", "350500"] });

    // A reference is unique, and territory codes must exist.
    expect(await createMou(database.db, await admin(), await xiamenForm(), META)).toMatchObject({ ok: false, field: "reference" });
    expect(await createMou(database.db, await admin(), await xiamenForm({ reference: "MOU-X-2", territory: "359900" }), META)).toEqual({
      ok: false,
      field: "territory",
      problem: "admin.mous.problem.unknownDivision",
      codes: ["359900"],
    });
    // The other party must be a police agency.
    const platform = (await admin()).organisationId;
    expect(await createMou(database.db, await admin(), await xiamenForm({ reference: "MOU-X-3", policeOrganisationId: platform }), META)).toMatchObject({
      ok: false,
      field: "policeOrganisationId",
    });
  });

  it("saves a change over the version it was loaded at, records what changed, and refuses a stale save", async () => {
    const [putian] = await database.db.select().from(mous).where(eq(mous.reference, "MOU-PT-2016-01"));
    const detail = (await getMouDetail(database.db, await admin(), putian!.id))!;
    const base = {
      version: String(detail.version),
      reference: detail.reference,
      titleZh: detail.titleZh,
      titleEn: detail.titleEn,
      policeOrganisationId: detail.police.id,
      signedOn: detail.signedOn,
      effectiveFrom: detail.effectiveFrom,
      effectiveUntil: detail.effectiveUntil ?? "",
      scopeCategories: detail.scopeCategories,
      territory: detail.territory.map((entry) => entry.code).join(" "),
    };
    const first = await updateMou(database.db, await admin(), putian!.id, formValues({ ...base, decisionPeriodDays: "7" }), META);
    expect(first).toMatchObject({ ok: true, version: detail.version + 1 });
    const [audit] = await auditOf(database.db, "mou.updated");
    expect(audit!.details).toMatchObject({
      reference: "MOU-PT-2016-01",
      changes: { decisionPeriodDays: { from: 3, to: 7 }, liaisonContacts: { to: [] } },
    });
    expect(Object.keys((audit!.details as { changes: object }).changes).sort()).toEqual(["decisionPeriodDays", "liaisonContacts"]);

    // A second editor who loaded version 1 is told, and their values are not saved.
    const stale = await updateMou(database.db, await admin(), putian!.id, formValues({ ...base, decisionPeriodDays: "2" }), META);
    expect(stale).toEqual({ ok: false, field: null, problem: "admin.mous.problem.conflict" });
    expect((await database.db.select().from(mous).where(eq(mous.id, putian!.id)))[0]!.decisionPeriodDays).toBe(7);
  });

  it("ends an MOU with a reason: no longer in force, kept, and closed to further change", async () => {
    const [guangzhou] = await database.db.select().from(mous).where(eq(mous.reference, "MOU-GZ-2023-02"));
    expect(await endMou(database.db, await admin(), guangzhou!.id, { version: guangzhou!.version + 5, reason: "x" }, META)).toEqual({
      ok: false,
      problem: "admin.mous.problem.conflict",
    });
    expect(await endMou(database.db, await admin(), guangzhou!.id, { version: guangzhou!.version, reason: "双方协商提前终止" }, META)).toEqual({ ok: true });
    const detail = (await getMouDetail(database.db, await admin(), guangzhou!.id))!;
    expect(detail.standing).toEqual({ status: "ended", daysLeft: null, inForce: false });
    expect(detail.endedReason).toBe("双方协商提前终止");
    expect(await endMou(database.db, await admin(), guangzhou!.id, { version: detail.version, reason: "again" }, META)).toEqual({
      ok: false,
      problem: "admin.mous.problem.ended",
    });
    const values = formValues({
      version: String(detail.version),
      reference: detail.reference,
      titleZh: detail.titleZh,
      titleEn: detail.titleEn,
      policeOrganisationId: detail.police.id,
      signedOn: detail.signedOn,
      effectiveFrom: detail.effectiveFrom,
      scopeCategories: detail.scopeCategories,
      territory: "440100",
      decisionPeriodDays: "3",
    });
    expect(await updateMou(database.db, await admin(), guangzhou!.id, values, META)).toMatchObject({ ok: false, problem: "admin.mous.problem.ended" });
    expect((await auditOf(database.db, "mou.ended"))[0]!.details).toMatchObject({ reference: "MOU-GZ-2023-02", reason: "双方协商提前终止", standingBefore: "expiring" });
    expect(detail.history.map((entry) => entry.action)).toContain("mou.ended");
  });

  it("stores the signed document as evidence without a case, fingerprinted, and files it under the MOU", async () => {
    const [putian] = await database.db.select().from(mous).where(eq(mous.reference, "MOU-PT-2016-01"));
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    const stored = await attachMouDocument(
      database.db,
      await admin(),
      putian!.id,
      { originalName: "莆田备忘录签署页.pdf", declaredType: "application/pdf", stream: Readable.from([pdf]) },
      META,
    );
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    expect(stored.evidence).toMatchObject({ caseId: null, kind: "mou_document", contentType: "application/pdf", sizeBytes: pdf.length });
    const detail = (await getMouDetail(database.db, await admin(), putian!.id))!;
    expect(detail.documentFiles.map((file) => file.originalName)).toEqual(["莆田备忘录签署页.pdf"]);
    expect(detail.documents).toBe(1);
    expect(await findMouDocument(database.db, await admin(), putian!.id, stored.evidence.id)).toMatchObject({ id: stored.evidence.id });
    // Not another MOU's document.
    const [jinhua] = await database.db.select().from(mous).where(eq(mous.reference, "MOU-JH-2021-01"));
    expect(await findMouDocument(database.db, await admin(), jinhua!.id, stored.evidence.id)).toBeNull();
    const custody = await database.db.select().from(custodyEvents).where(eq(custodyEvents.evidenceId, stored.evidence.id));
    expect(custody.map((event) => event.action)).toEqual(["upload"]);
    expect((await auditOf(database.db, "mou.document_attached"))[0]!.details).toMatchObject({ sha256: stored.evidence.sha256 });

    // A file that is not what it says is refused and not filed.
    const refused = await attachMouDocument(
      database.db,
      await admin(),
      putian!.id,
      { originalName: "签署页.pdf", declaredType: "application/pdf", stream: Readable.from([Buffer.from("just text, not a PDF")]) },
      META,
    );
    expect(refused.ok).toBe(false);
    expect(await database.db.select().from(evidenceFiles).where(eq(evidenceFiles.kind, "mou_document"))).toHaveLength(1);
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: true });
  });
});
