import { and, eq } from "drizzle-orm";
import { PDFDocument, PDFDict, PDFName, PDFString } from "pdf-lib";
import { auditEvents, custodyEvents, evidenceFiles, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, testDatabaseEngine, type TestDatabase } from "../../db/testing";
import { viewerFor } from "./case-workflow.testing";
import { buildReferralPacket } from "./packet.server";
import { PacketReadError, readPacketPdf } from "./packet-read.server";
import { verifyPacket } from "./packet-verify.server";
import { insertEvidence, insertReferredLead, pdfFonts, pdfText, PACKET_FIXTURE, type PacketFixture } from "./packet.testing";
import type { Viewer } from "./policy";

const META = { ip: "203.0.113.7", userAgent: "vitest", timeZone: "Asia/Shanghai" };

let database: TestDatabase;
let investigator: Viewer;
let officer: Viewer;
let otherOfficer: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "packet-test-password" });
  investigator = await viewerFor(database.db, "investigator@platform.demo");
  officer = await viewerFor(database.db, "officer@putian.demo");
  otherOfficer = await viewerFor(database.db, "officer@guangzhou.demo");
});
afterAll(async () => {
  await database.destroy();
});

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
  return 200;
}

describe(`referral packet PDF (${testDatabaseEngine()})`, () => {
  let lead: PacketFixture;
  let packet: Awaited<ReturnType<typeof buildReferralPacket>>;
  let text: string;

  beforeAll(async () => {
    lead = await insertReferredLead(database.db);
    packet = await buildReferralPacket(database.db, investigator, lead.caseId, META);
    text = await pdfText(packet.pdf);
  });

  it("holds the lead in Chinese, its amounts, every evidence hash and the manifest hash, as extracted text", () => {
    expect(packet.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Hashes must come out whole, on one line; names in narrow table cells may wrap, so those are compared
    // with the line breaks and spaces taken out.
    for (const hash of [packet.manifestHash, ...lead.evidence.map((file) => file.sha256)]) expect(text).toContain(hash);
    const flat = text.replace(/\s+/g, "");
    for (const expected of [
      "移送书",
      "调查报告",
      "莆田市公安局",
      "平台与莆田市公安局打击假冒伪劣商品合作备忘录",
      PACKET_FIXTURE.title,
      PACKET_FIXTURE.enterprise,
      PACKET_FIXTURE.creditCode,
      PACKET_FIXTURE.person,
      PACKET_FIXTURE.storeName,
      PACKET_FIXTURE.sampleLocation,
      "¥412,000.00",
      "¥592,000.00",
      "物品清单",
      "证据清单",
      lead.reference,
      ...lead.evidence.map((file) => file.name),
    ]) {
      expect(flat, expected).toContain(expected.replace(/\s+/g, ""));
    }
    // The threshold check: art. 213 by illegal business volume, art. 214 by sales.
    expect(flat).toContain("已达到至少一项刑事追诉标准");
    // The packet goes to the police and stays with the platform: its page numbers are in both languages.
    expect(flat).toMatch(/第1页\/共\d+页·Page1of\d+/);
  });

  it("embeds the shipped Chinese font, subset to the glyphs it uses", async () => {
    const fonts = await pdfFonts(packet.pdf);
    const cjk = fonts.filter((font) => font.name.includes("NotoSansSC"));
    expect(cjk.map((font) => font.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["NotoSansSC-Bold", "NotoSansSC-Regular"]);
    expect(cjk.every((font) => font.embedded && font.subset)).toBe(true);
    // Everything else is a PDF base-14 font (Courier for hashes), which every viewer has.
    expect(fonts.filter((font) => !font.embedded).map((font) => font.name)).toEqual(["Courier"]);
    expect(packet.pdf.length).toBeLessThan(400_000); // ~21 MB of font in the repository, a few KB of it per packet
  });

  it("shows personal data as the exporting viewer may see it", async () => {
    expect(text).toContain(PACKET_FIXTURE.idNumber); // investigators may see it
    const reviewer = await viewerFor(database.db, "lead@platform.demo");
    const masked = await pdfText((await buildReferralPacket(database.db, reviewer, lead.caseId, META)).pdf);
    expect(masked).not.toContain(PACKET_FIXTURE.idNumber);
    expect(masked).not.toContain(PACKET_FIXTURE.phone);
    expect(masked).toContain("350***********0017");
    expect(masked).toContain("138****1234");
    expect(masked).toContain("已按导出人权限脱敏显示");
  });

  it("carries its reference, manifest hash and manifest for verification to read back", async () => {
    const contents = await readPacketPdf(packet.pdf);
    expect(contents.claim).toEqual({ caseReference: lead.reference, manifestHash: packet.manifestHash });
    expect(contents.manifest?.files.map((file) => file.sha256)).toEqual(lead.evidence.map((file) => file.sha256));
    expect(contents.manifestBytesHash).toBe(packet.manifestHash);
    expect(contents.pdfSha256).toBe(packet.pdfSha256);
  });

  it("records an export in the custody of every evidence file and one audit record", async () => {
    const custody = await database.db
      .select()
      .from(custodyEvents)
      .where(and(eq(custodyEvents.caseId, lead.caseId), eq(custodyEvents.action, "export")));
    // Two exports so far (investigator, then the reviewer): one event per file each.
    expect(custody).toHaveLength(2 * lead.evidence.length);
    expect(new Set(custody.map((event) => event.evidenceId))).toEqual(new Set(lead.evidence.map((file) => file.id)));
    expect(custody.every((event) => event.reason.includes(packet.manifestHash))).toBe(true);
    const audits = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, lead.caseId), eq(auditEvents.action, "packet.exported")));
    expect(audits).toHaveLength(2);
    expect(audits.map((audit) => (audit.details as { pdfSha256: string }).pdfSha256)).toContain(packet.pdfSha256);
    expect(audits[0]!.ip).toBe(META.ip);
  });

  it("is refused out of scope (404) and to roles without packet.export (403)", async () => {
    expect(await statusOf(buildReferralPacket(database.db, otherOfficer, lead.caseId, META))).toBe(404);
    expect(await statusOf(buildReferralPacket(database.db, await viewerFor(database.db, "admin@platform.demo"), lead.caseId, META))).toBe(403);
    expect(await statusOf(buildReferralPacket(database.db, await viewerFor(database.db, "management@platform.demo"), lead.caseId, META))).toBe(403);
    expect(await statusOf(buildReferralPacket(database.db, investigator, "00000000-0000-4000-8000-000000000000", META))).toBe(404);
  });

  it("marks a lead that was never referred, and prints it with no receiving agency", async () => {
    const draft = await insertReferredLead(database.db, { referred: false });
    const draftText = await pdfText((await buildReferralPacket(database.db, investigator, draft.caseId, META)).pdf);
    expect(draftText).toContain("尚未移送");
    expect(draftText).not.toContain("莆田市公安局：");
    // The receiving agency cannot see a draft at all.
    expect(await statusOf(buildReferralPacket(database.db, officer, draft.caseId, META))).toBe(404);
  });
});

describe(`packet verification (${testDatabaseEngine()})`, () => {
  it("matches an untouched packet, and names what changed once evidence is added or withdrawn", async () => {
    const lead = await insertReferredLead(database.db);
    const packet = await buildReferralPacket(database.db, investigator, lead.caseId, META);
    const contents = await readPacketPdf(packet.pdf);

    const matched = await verifyPacket(database.db, { kind: "viewer", viewer: officer }, { source: "upload", packet: contents }, META);
    expect(matched).toMatchObject({ status: "match", caseReference: lead.reference, currentHash: packet.manifestHash, embeddedManifestAltered: false });
    if (matched.status === "unknown_case") throw new Error("expected a case");
    expect(matched.issued?.exportedBy).toBe(investigator.displayName);
    expect(matched.difference).toEqual({ added: [], missing: [], withdrawnSince: [], changed: [] });

    const [author] = await database.db.select().from(users).where(eq(users.email, "investigator@platform.demo"));
    const added = await insertEvidence(database.db, lead.caseId, { name: "补充鉴定报告.png", uploadedBy: author!.id, organisationId: author!.organisationId });
    await database.db
      .update(evidenceFiles)
      .set({ withdrawnAt: new Date(), withdrawnBy: author!.id, withdrawnReason: "重复上传" })
      .where(eq(evidenceFiles.id, lead.evidence[0]!.id));

    const mismatched = await verifyPacket(database.db, { kind: "viewer", viewer: officer }, { source: "upload", packet: contents }, META);
    if (mismatched.status !== "mismatch") throw new Error(`expected a mismatch, got ${mismatched.status}`);
    expect(mismatched.currentHash).not.toBe(packet.manifestHash);
    expect(mismatched.difference?.added.map((file) => file.name)).toEqual([added.name]);
    expect(mismatched.difference?.withdrawnSince.map((file) => file.id)).toEqual([lead.evidence[0]!.id]);
    expect(mismatched.currentFileCount).toBe(3);

    // A pasted hash alone: the mismatch is known, what differs is not.
    const byCode = await verifyPacket(database.db, { kind: "viewer", viewer: officer }, { source: "code", claim: contents.claim }, META);
    expect(byCode).toMatchObject({ status: "mismatch", difference: null, issued: null, pdfChecked: false });

    // Every verification left a custody event on each current file and an audit record; mismatches are failures.
    const custody = await database.db
      .select()
      .from(custodyEvents)
      .where(and(eq(custodyEvents.caseId, lead.caseId), eq(custodyEvents.action, "verify")));
    expect(custody).toHaveLength(2 + 3 + 3);
    const audits = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.caseId, lead.caseId), eq(auditEvents.action, "packet.verified")));
    expect(audits.map((audit) => audit.outcome)).toEqual(["success", "failure", "failure"]);
  });

  it("says the case is unknown to a verifier who may not see it, and records the attempt", async () => {
    const lead = await insertReferredLead(database.db);
    const contents = await readPacketPdf((await buildReferralPacket(database.db, investigator, lead.caseId, META)).pdf);
    const result = await verifyPacket(database.db, { kind: "viewer", viewer: otherOfficer }, { source: "upload", packet: contents }, META);
    expect(result).toEqual({ status: "unknown_case", caseReference: lead.reference, claimedHash: contents.claim.manifestHash });
    const custody = await database.db
      .select()
      .from(custodyEvents)
      .where(and(eq(custodyEvents.caseId, lead.caseId), eq(custodyEvents.action, "verify")));
    expect(custody).toHaveLength(0);
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "packet.verified"), eq(auditEvents.actorUserId, otherOfficer.userId)));
    expect(audit).toMatchObject({ outcome: "failure", caseId: null });
  });

  it("detects a PDF whose stated hash was edited, and one that is not byte for byte the issued file", async () => {
    const lead = await insertReferredLead(database.db);
    const packet = await buildReferralPacket(database.db, investigator, lead.caseId, META);
    const document = await PDFDocument.load(packet.pdf, { updateMetadata: false });
    const info = document.context.lookup(document.context.trailerInfo.Info, PDFDict);
    info.set(PDFName.of("ACPortalManifestHash"), PDFString.of("0".repeat(64)));
    const edited = await document.save();

    const result = await verifyPacket(database.db, { kind: "viewer", viewer: investigator }, { source: "upload", packet: await readPacketPdf(edited) }, META);
    expect(result).toMatchObject({ status: "mismatch", claimedHash: "0".repeat(64), embeddedManifestAltered: true, issued: null, difference: null });
  });

  it("refuses files that are not packets", async () => {
    await expect(readPacketPdf(new TextEncoder().encode("just text"))).rejects.toMatchObject({ problem: "not_pdf" });
    const plain = await PDFDocument.create();
    plain.addPage();
    const error = await readPacketPdf(await plain.save()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PacketReadError);
    expect((error as PacketReadError).problem).toBe("not_packet");
  });
});
