/**
 * Opens the portal's database: embedded PGlite (the default, on disk) or a PostgreSQL server
 * (when DATABASE_URL is postgres://…), behind one typed drizzle API. See docs/decisions/0002-pglite-default.md.
 *
 * Only app/lib/db.server.ts, scripts/ and tests import this file; app code reaches the database through
 * db.server.ts so that no server-only package leaks into the browser build.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { count, sql, type SQL, type Subquery } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import lockfile from "proper-lockfile";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type the rest of the code sees, whichever engine is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; domain functions accept either (`DbOrTx`) so they compose inside a caller's transaction. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Transaction;

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory"; /** a dumpDataDir() tarball to start from (tests: a migrated template) */ loadDataDir?: Blob }
  | { kind: "postgres"; url: string };

export interface DatabaseHandle {
  db: Database;
  target: DatabaseTarget;
  close(): Promise<void>;
}

// The project root's migrations/: every entry point (server, scripts, tests) runs from the root; the
// fallback finds it from this file (db/client.ts, or build/index.js when bundled) for other working directories.
export const MIGRATIONS_DIR = fs.existsSync(path.resolve("migrations/meta/_journal.json"))
  ? path.resolve("migrations")
  : fileURLToPath(new URL("../migrations", import.meta.url));

export const DEFAULT_PGLITE_DIR = "./data/pglite";

/** Reads DATABASE_URL: empty → PGlite under ./data, "memory://" → in-memory PGlite, postgres:// → server. */
export function databaseTargetFromUrl(url: string | undefined, pgliteDir = DEFAULT_PGLITE_DIR): DatabaseTarget {
  if (!url) return { kind: "pglite", dataDir: path.resolve(pgliteDir) };
  if (url === "memory://") return { kind: "pglite-memory" };
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return { kind: "postgres", url };
  if (url.startsWith("file://")) return { kind: "pglite", dataDir: path.resolve(fileURLToPath(url)) };
  throw new Error(`DATABASE_URL must be postgres://…, file://… or memory:// (got "${redactUrl(url)}")`);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

export class DatabaseLockedError extends Error {
  constructor(dataDir: string) {
    super(
      `The embedded database at ${dataDir} is in use by another process. ` +
        `Stop the other portal process, or set DATABASE_URL to use another database.`,
    );
    this.name = "DatabaseLockedError";
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  switch (target.kind) {
    case "postgres": {
      // onnotice: drizzle's migrator issues "CREATE SCHEMA IF NOT EXISTS", whose NOTICE would clutter the log.
      const client = postgres(target.url, { max: 10, onnotice: () => {} });
      const db = drizzlePostgres(client, { schema }) as unknown as Database;
      return { db, target, close: () => client.end({ timeout: 5 }) };
    }
    case "pglite-memory": {
      const client = new PGlite(target.loadDataDir ? { loadDataDir: target.loadDataDir } : undefined);
      const db = drizzlePglite(client, { schema }) as unknown as Database;
      return { db, target, close: () => client.close() };
    }
    case "pglite": {
      fs.mkdirSync(target.dataDir, { recursive: true });
      // PGlite itself does not stop a second process from opening the same directory and corrupting it.
      // proper-lockfile holds <dir>.lock and refreshes it; a lock left by a killed process goes stale in 10 s.
      let releaseLock: () => Promise<void>;
      try {
        releaseLock = await lockfile.lock(target.dataDir, { stale: 10_000, update: 2_000, realpath: false });
      } catch (error) {
        if ((error as { code?: string }).code === "ELOCKED") throw new DatabaseLockedError(target.dataDir);
        throw error;
      }
      try {
        const client = new PGlite(target.dataDir);
        await client.waitReady;
        const db = drizzlePglite(client, { schema }) as unknown as Database;
        return {
          db,
          target,
          close: async () => {
            await client.close();
            await releaseLock();
          },
        };
      } catch (error) {
        await releaseLock();
        throw error;
      }
    }
  }
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (handle.target.kind === "postgres") {
    await migratePostgres(handle.db as never, config);
  } else {
    await migratePglite(handle.db as never, config);
  }
}

/** Raw SQL rows, whichever driver: PGlite answers `{ rows }`, postgres.js an array. */
export async function queryRows<Row extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

/**
 * How many rows a query returns, counting no further than `cap` and one more: enough to say "more than
 * `cap`" without reading every row (the bell's "99+", the blacklist draft's "more than 1000"). Pass the
 * query without an order: ordering would make PostgreSQL sort every row before stopping. What it selects
 * costs nothing: PostgreSQL replaces the columns the count does not read with NULL (EXPLAIN VERBOSE shows it).
 */
export async function countUpTo(db: DbOrTx, query: { limit(limit: number): { as(alias: string): Subquery } }, cap: number): Promise<number> {
  const [row] = await db.select({ value: count() }).from(query.limit(cap + 1).as("counted_up_to"));
  return row?.value ?? 0;
}

export async function pingDatabase(db: DbOrTx): Promise<void> {
  await queryRows(db, sql`select 1 as ok`);
}

/**
 * How the job queue (pg-boss, app/lib/jobs.server.ts) reaches this same database: PostgreSQL by its URL (pg-boss
 * keeps a small pool of its own), PGlite through the client already open in this process (it runs one query at
 * a time, the queue's among the app's). The shape is pg-boss's `connectionString` or `db` option.
 */
export type JobQueueConnection =
  | { connectionString: string }
  | { db: { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } };

export function jobQueueConnection(handle: DatabaseHandle): JobQueueConnection {
  if (handle.target.kind === "postgres") return { connectionString: handle.target.url };
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  return {
    db: {
      async executeSql(text, values) {
        if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
        // Without values pg-boss may send several statements (its schema, its locked transactions): exec runs
        // them as one call; the last statement's rows are the answer.
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    },
  };
}

/** A tarball of a PGlite database, to start copies from (used to clone a migrated template in tests). */
export async function dumpPglite(handle: DatabaseHandle): Promise<Blob> {
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir("none");
}

export { schema };
