import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { verifyAuditChain } from "../app/domain/audit.server";
import { DatabaseLockedError, databaseTargetFromUrl, migrateDatabase, openDatabase, queryRows } from "./client";
import { organisations, users } from "./schema";
import { DEMO_ACCOUNTS, seedDemoWorldIfEmpty } from "./seed";
import { createTestDatabase, testDatabaseEngine } from "./testing";
import { sql } from "drizzle-orm";

describe("database target", () => {
  it("reads DATABASE_URL: empty is the embedded default, memory:// and postgres:// as named", () => {
    expect(databaseTargetFromUrl(undefined, "./data/pglite")).toEqual({ kind: "pglite", dataDir: path.resolve("./data/pglite") });
    expect(databaseTargetFromUrl("memory://")).toEqual({ kind: "pglite-memory" });
    expect(databaseTargetFromUrl("postgres://u:p@h/db")).toEqual({ kind: "postgres", url: "postgres://u:p@h/db" });
    expect(databaseTargetFromUrl("postgresql://h/db").kind).toBe("postgres");
  });

  it("refuses anything else without echoing a password", () => {
    expect(() => databaseTargetFromUrl("mysql://root:secret@h/db")).toThrow(/mysql:\/\/root:\*\*\*@h\/db/);
  });
});

// Seeding the whole demo world (twenty cases worked through the domain) takes a while on a busy machine.
const SEEDING_TIMEOUT_MS = 120_000;

describe(`migrations and the demo world (${testDatabaseEngine()})`, () => {
  it("migrates idempotently and seeds an empty database once", async () => {
    const database = await createTestDatabase();
    try {
      await migrateDatabase(database); // a second run finds nothing to do
      expect(await seedDemoWorldIfEmpty(database.db, { password: "portal-demo-2026" })).toEqual({
        users: DEMO_ACCOUNTS.length,
      });
      expect(await seedDemoWorldIfEmpty(database.db, { password: "portal-demo-2026" })).toBeNull();
      const [userCount] = await database.db.select({ value: count() }).from(users);
      const [organisationCount] = await database.db.select({ value: count() }).from(organisations);
      expect(userCount!.value).toBe(DEMO_ACCOUNTS.length);
      expect(organisationCount!.value).toBe(4);
      // Every part of the demo world was written with its audit records, and the chain holds.
      const chain = await verifyAuditChain(database.db);
      expect(chain.intact).toBe(true);
      expect(chain.intact && chain.checked).toBeGreaterThan(DEMO_ACCOUNTS.length);
      const rows = await queryRows<{ answer: number }>(database.db, sql`select 41 + 1 as answer`);
      expect(Number(rows[0]!.answer)).toBe(42);
    } finally {
      await database.destroy();
    }
  }, SEEDING_TIMEOUT_MS);
});

describe("embedded PGlite on disk", () => {
  it("keeps its data across restarts and refuses a second process on the same directory", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pglite-"));
    try {
      const first = await openDatabase({ kind: "pglite", dataDir });
      await migrateDatabase(first);
      await seedDemoWorldIfEmpty(first.db, { password: "portal-demo-2026" });
      await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toBeInstanceOf(DatabaseLockedError);
      await first.close();

      const reopened = await openDatabase({ kind: "pglite", dataDir });
      const [userCount] = await reopened.db.select({ value: count() }).from(users);
      expect(userCount!.value).toBe(DEMO_ACCOUNTS.length);
      await reopened.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, SEEDING_TIMEOUT_MS);
});
