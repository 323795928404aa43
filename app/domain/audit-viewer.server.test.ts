import { eq, sql } from "drizzle-orm";
import { auditEvents, cases, organisations } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { useDatabaseForTesting } from "~/lib/db.server";
import { createSignInThrottle, signIn } from "./accounts.server";
import { recordCaseRead } from "./audit-reads.server";
import { auditFiltersFrom, auditFiltersQuery } from "./audit-viewer.schema";
import { AUDIT_PAGE_SIZE, exportAuditCsv, listAuditEvents, verifyChainForViewer } from "./audit-viewer.server";
import { auditOf, META, viewerOf } from "./security.testing";

let database: TestDatabase;
let caseId: string;
let caseReference: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "a long demo passphrase 2026" });
  useDatabaseForTesting(database);
  const [row] = await database.db.select({ id: cases.id, reference: cases.reference }).from(cases).where(eq(cases.reference, "AC-2026-000001"));
  caseId = row!.id;
  caseReference = row!.reference;
  const throttle = createSignInThrottle(1_000);
  await signIn(database.db, { email: "officer@putian.demo", password: "a long demo passphrase 2026" }, META, throttle);
  await signIn(database.db, { email: "officer@putian.demo", password: "wrong wrong wrong" }, META, throttle);
  await signIn(database.db, { email: "lead@platform.demo", password: "a long demo passphrase 2026" }, META, throttle);
});
afterAll(async () => {
  await database.destroy();
});

const admin = () => viewerOf(database.db, "admin@platform.demo");

describe("who saw this case", () => {
  it("records a read of a case once per view and person within ten minutes", async () => {
    const officer = await viewerOf(database.db, "officer@putian.demo");
    const supervisor = await viewerOf(database.db, "supervisor@putian.demo");
    expect(await recordCaseRead(database.db, officer, caseId, { ...META, view: "detail" })).toBe(true);
    expect(await recordCaseRead(database.db, officer, caseId, { ...META, view: "detail" })).toBe(false);
    expect(await recordCaseRead(database.db, officer, caseId, { ...META, view: "timeline" })).toBe(true);
    expect(await recordCaseRead(database.db, supervisor, caseId, META)).toBe(true);

    const page = await listAuditEvents(database.db, await admin(), auditFiltersFrom(new URLSearchParams({ case: caseReference.toLowerCase() })));
    expect(page.caseUnknown).toBe(false);
    const readers = page.caseReaders!.map((reader) => [reader.actorLabel, reader.organisationZh, reader.reads]);
    expect(readers).toEqual(
      expect.arrayContaining([
        ["officer@putian.demo", "莆田市公安局", 2],
        ["supervisor@putian.demo", "莆田市公安局", 1],
      ]),
    );
    expect(page.rows.every((row) => row.caseId === caseId)).toBe(true);
    expect(page.rows.filter((row) => row.action === "case.viewed")).toHaveLength(3);
    expect(page.rows[0]!.caseReference).toBe(caseReference);
  });

  it("says so for a case reference that does not exist, and shows nothing", async () => {
    const page = await listAuditEvents(database.db, await admin(), auditFiltersFrom(new URLSearchParams({ case: "AC-2099-999999" })));
    expect(page).toMatchObject({ caseUnknown: true, rows: [], caseReaders: null });
  });
});

describe("filters", () => {
  it("by actor, organisation, action (or a family of actions) and outcome", async () => {
    const byActor = await listAuditEvents(database.db, await admin(), auditFiltersFrom(new URLSearchParams({ actor: "officer@putian" })));
    expect(byActor.rows.length).toBeGreaterThan(0);
    expect(byActor.rows.every((row) => row.actorLabel === "officer@putian.demo")).toBe(true);

    const [putian] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, "putian-psb"));
    const byOrganisation = await listAuditEvents(database.db, await admin(), { organisation: putian!.id });
    expect(byOrganisation.rows.every((row) => row.actorOrganisationId === putian!.id)).toBe(true);
    expect(new Set(byOrganisation.rows.map((row) => row.actorLabel))).toEqual(new Set(["officer@putian.demo", "supervisor@putian.demo"]));

    const failures = await listAuditEvents(database.db, await admin(), { action: "auth.sign_in", outcome: "failure" });
    expect(failures.rows.map((row) => [row.actorLabel, row.details])).toEqual([
      ["officer@putian.demo", { reason: "wrong_password", failuresInWindow: 1 }],
    ]);
    const family = await listAuditEvents(database.db, await admin(), { action: "auth." });
    expect(family.rows.length).toBe(3);
    expect(family.rows.every((row) => row.action.startsWith("auth."))).toBe(true);
  });

  it("by days in the portal's time zone", async () => {
    // Move one record to 2026-01-10 00:30 in Shanghai (2026-01-09 16:30 UTC), then put it back: tampering
    // that the chain check must notice while it lasts.
    const [record] = await auditOf(database.db, "system.demo_world_seeded");
    const original = record!.occurredAt;
    await database.db.update(auditEvents).set({ occurredAt: new Date("2026-01-09T16:30:00Z") }).where(eq(auditEvents.seq, record!.seq));
    try {
      const onTheTenth = await listAuditEvents(database.db, await admin(), { from: "2026-01-10", to: "2026-01-10" });
      expect(onTheTenth.rows.map((row) => row.seq)).toEqual([record!.seq]);
      const onTheNinth = await listAuditEvents(database.db, await admin(), { from: "2026-01-09", to: "2026-01-09" });
      expect(onTheNinth.rows).toEqual([]);
      // The viewer shows such tampering at once.
      expect(await verifyChainForViewer(database.db, await admin())).toMatchObject({ intact: false, brokenSeq: record!.seq, problem: "content_altered" });
    } finally {
      await database.db.update(auditEvents).set({ occurredAt: original }).where(eq(auditEvents.seq, record!.seq));
    }
    expect(await verifyChainForViewer(database.db, await admin())).toMatchObject({ intact: true });
  });

  it("pages through the log with a stable cursor", async () => {
    const officer = await viewerOf(database.db, "officer@putian.demo");
    const [total] = await database.db.select({ count: sql<number>`count(*)::int` }).from(auditEvents);
    // Enough records for more than one page.
    const [other] = await database.db.select({ id: cases.id }).from(cases).where(sql`${cases.id} <> ${caseId}`).limit(1);
    for (let index = 0; index < AUDIT_PAGE_SIZE + 5 - (total?.count ?? 0); index += 1) {
      await recordCaseRead(database.db, officer, other!.id, { ...META, view: `page-${index}` });
    }
    const first = await listAuditEvents(database.db, await admin(), {});
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextBefore).toBe(first.rows.at(-1)!.seq);
    // Each page continues right after the last row of the one before, down to the first record (the seeded
    // demo world alone may fill several pages).
    let page = first;
    while (page.nextBefore !== null) {
      const next = await listAuditEvents(database.db, await admin(), { before: page.nextBefore });
      expect(next.rows[0]!.seq).toBe(page.rows.at(-1)!.seq - 1);
      page = next;
    }
    expect(page.rows.at(-1)!.seq).toBe(1);
  });

  it("ignores malformed filter values rather than failing, and writes them back without the cursor", () => {
    const filters = auditFiltersFrom(new URLSearchParams({ organisation: "not-a-uuid", from: "2026-13-45", action: "DROP TABLE", before: "12", actor: "lead" }));
    expect(filters).toEqual({ actor: "lead", before: 12 });
    expect(auditFiltersQuery(filters)).toBe("?actor=lead");
  });

  it("is for administrators only", async () => {
    await expect(listAuditEvents(database.db, await viewerOf(database.db, "management@platform.demo"), {})).rejects.toMatchObject({ status: 403 });
  });
});

describe("CSV export", () => {
  /** The bytes as text, keeping the byte-order mark (Response.text() would drop it). */
  async function csvOf(stream: ReadableStream<Uint8Array>) {
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
  }

  it("exports the filtered records with a header, and records the export itself first", async () => {
    const viewer = await admin();
    const { stream, rows } = await exportAuditCsv(database.db, viewer, { action: "auth.sign_in", outcome: "failure" }, "en", META);
    const text = await csvOf(stream);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).trim().split("\n");
    expect(lines[0]).toBe(
      "seq,occurred_at (UTC),action,action (label),outcome,actor,actor organisation,ip,entity type,entity id,case reference,case id,details (JSON),hash",
    );
    expect(rows).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',auth.sign_in,Sign-in,failure,officer@putian.demo,Putian Municipal Public Security Bureau,203.0.113.9,user,');
    expect(lines[1]).toContain('"{""reason"":""wrong_password"",""failuresInWindow"":1}"');
    const [exported] = await auditOf(database.db, "audit.exported");
    expect(exported).toMatchObject({ actorLabel: "admin@platform.demo" });
    expect(exported!.details).toEqual({
      filters: { action: "auth.sign_in", outcome: "failure" },
      rows: 1,
      upToSeq: exported!.seq - 1,
      truncated: false,
    });
  });

  it("writes Chinese headers and labels for a Chinese reader, and streams every row", async () => {
    const [count] = await database.db.select({ count: sql<number>`count(*)::int` }).from(auditEvents);
    const { stream, rows } = await exportAuditCsv(database.db, await admin(), {}, "zh-CN", META);
    const lines = (await csvOf(stream)).trim().split("\n");
    expect(lines[0]).toContain("操作人单位");
    // Every record that existed when the export began, and not the export's own record.
    expect(rows).toBe(count?.count ?? 0);
    expect(lines).toHaveLength(rows + 1);
    expect(lines.some((line) => line.includes(",audit.exported,"))).toBe(true); // the earlier export, not this one
    expect(lines.filter((line) => line.includes(",audit.exported,"))).toHaveLength(1);
    expect(lines.some((line) => line.includes(",case.viewed,查看案件,"))).toBe(true);
  });
});
