/**
 * A database of its own for each test file: PGlite in memory by default, or — when TEST_DATABASE_URL
 * names a PostgreSQL server — a freshly created database there, migrated, and dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { dumpPglite, migrateDatabase, openDatabase, type DatabaseHandle } from "./client";

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and drops the per-run PostgreSQL database. */
  destroy(): Promise<void>;
}

export function testDatabaseEngine(): "postgres" | "pglite" {
  return process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
}

// Migrating a fresh PGlite takes ~1.5 s; copying a migrated one is much faster. One template per worker.
let template: Promise<Blob> | undefined;
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const handle = await openDatabase({ kind: "pglite-memory" });
    await migrateDatabase(handle);
    const dump = await dumpPglite(handle);
    await handle.close();
    return dump;
  })();
  return template;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ kind: "pglite-memory", loadDataDir: await migratedTemplate() });
    await migrateDatabase(handle); // a no-op on the template; kept so a stale template can never be used
    return { ...handle, destroy: () => handle.close() };
  }
  const name = `portal_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString() });
  await migrateDatabase(handle);
  return {
    ...handle,
    async destroy() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
