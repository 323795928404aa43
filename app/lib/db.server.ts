/**
 * The one importer of db/ inside app/. Opens the database once per process (kept on globalThis so that a
 * dev rebuild does not open PGlite twice), applies migrations, and seeds the demo world into an empty
 * database when configuration allows it.
 */
import {
  databaseTargetFromUrl,
  jobQueueConnection,
  migrateDatabase,
  openDatabase,
  pingDatabase,
  type Database,
  type DatabaseHandle,
  type JobQueueConnection,
} from "../../db/client";
import { env } from "./env.server";

export type { Database, DbOrTx, JobQueueConnection, Transaction } from "../../db/client";
export { countUpTo, queryRows } from "../../db/client";
export { DEMO_ACCOUNTS } from "../../db/demo-accounts";
// The tables and their row types: app code imports them from here, never from db/ directly.
export * from "../../db/schema";

interface DatabaseState {
  handle?: Promise<DatabaseHandle>;
}
const globalForDb = globalThis as typeof globalThis & { __portalDatabase?: DatabaseState };
const state: DatabaseState = (globalForDb.__portalDatabase ??= {});

async function initialise(): Promise<DatabaseHandle> {
  const config = env();
  const handle = await openDatabase(databaseTargetFromUrl(config.databaseUrl, config.pgliteDataDir));
  try {
    await migrateDatabase(handle);
    if (config.seedDemo) {
      // Loaded only when needed: the seed imports the domain modules, which import this module.
      const { seedDemoWorldIfEmpty } = await import("../../db/seed");
      const seeded = await seedDemoWorldIfEmpty(handle.db, { password: config.demoPassword });
      if (seeded) console.info(`Seeded the demo world (${seeded.users} accounts).`);
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export async function getDb(): Promise<Database> {
  state.handle ??= initialise().catch((error: unknown) => {
    state.handle = undefined; // let the next request try again instead of caching the failure
    throw error;
  });
  return (await state.handle).db;
}

/** For /healthz: resolves once migrations (and a first-run seed) are done and the database answers. */
export async function checkDatabaseReady(): Promise<void> {
  await pingDatabase(await getDb());
}

/** How the job queue reaches the app's database (app/lib/jobs.server.ts); opens it first if needed. */
export async function getJobQueueConnection(): Promise<JobQueueConnection> {
  await getDb();
  const pending = state.handle;
  if (!pending) throw new Error("The database was closed while the job queue was starting.");
  return jobQueueConnection(await pending);
}

export async function closeDb(): Promise<void> {
  const pending = state.handle;
  state.handle = undefined;
  if (pending) await (await pending).close();
}

/** Tests point the app at a database of their own (PGlite in memory or a fresh PostgreSQL database). */
export function useDatabaseForTesting(handle: DatabaseHandle): void {
  state.handle = Promise.resolve(handle);
}
