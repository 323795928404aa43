import { asc, eq, sql } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { computeAuditHash, GENESIS_HASH, recordAudit, verifyAuditChain } from "./audit.server";

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
  for (let index = 1; index <= 5; index += 1) {
    await database.db.transaction((tx) =>
      recordAudit(tx, {
        action: "test.event",
        actor: { userId: null, organisationId: null, label: `person-${index}@example.test` },
        ip: "127.0.0.1",
        details: { index, nested: { b: 2, a: [1, "二"] } },
      }),
    );
  }
});

afterEach(async () => {
  await database.destroy();
});

describe("audit hash chain", () => {
  it("links every record to the one before it, from the genesis hash", async () => {
    const records = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(records.map((record) => record.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records[0]!.prevHash).toBe(GENESIS_HASH);
    for (let index = 1; index < records.length; index += 1) {
      expect(records[index]!.prevHash).toBe(records[index - 1]!.hash);
    }
    expect(await verifyAuditChain(database.db)).toEqual({ intact: true, checked: 5, lastSeq: 5 });
  });

  it("verifies across batch boundaries", async () => {
    expect(await verifyAuditChain(database.db, 2)).toEqual({ intact: true, checked: 5, lastSeq: 5 });
  });

  it("names the altered record when a detail is changed directly in the database", async () => {
    await database.db.execute(
      sql`update audit_events set details = jsonb_set(details, '{index}', '99') where seq = 3`,
    );
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: false, brokenSeq: 3, problem: "content_altered" });
  });

  it("detects a changed actor or time, not only details", async () => {
    await database.db.execute(sql`update audit_events set occurred_at = occurred_at - interval '1 day' where seq = 2`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: false, brokenSeq: 2, problem: "content_altered" });
  });

  it("detects a removed record", async () => {
    await database.db.delete(auditEvents).where(eq(auditEvents.seq, 2));
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: false, brokenSeq: 3, problem: "sequence_gap" });
  });

  it("detects a record removed and the rest renumbered to hide the gap", async () => {
    await database.db.delete(auditEvents).where(eq(auditEvents.seq, 2));
    await database.db.execute(sql`update audit_events set seq = seq - 1 where seq > 2`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: false, brokenSeq: 2, problem: "link_broken" });
  });

  it("detects a record altered with its own hash recomputed: the next record's link breaks", async () => {
    const [record] = await database.db.select().from(auditEvents).where(eq(auditEvents.seq, 2));
    const { hash: _oldHash, ...fields } = record!;
    const altered = { ...fields, actorLabel: "someone-else@example.test" };
    await database.db
      .update(auditEvents)
      .set({ actorLabel: altered.actorLabel, hash: computeAuditHash(altered) })
      .where(eq(auditEvents.seq, 2));
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: false, brokenSeq: 3, problem: "link_broken" });
  });

  it("keeps nothing when the transaction it belongs to rolls back", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, { action: "test.doomed" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "test.doomed"));
    expect(rows).toHaveLength(0);
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: true, checked: 5 });
  });

  it("keeps the chain gap-free and intact under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        database.db.transaction((tx) => recordAudit(tx, { action: "test.concurrent", details: { index } })),
      ),
    );
    expect(await verifyAuditChain(database.db)).toEqual({ intact: true, checked: 17, lastSeq: 17 });
  });
});
