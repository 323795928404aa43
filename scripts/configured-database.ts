/** Opens the database the server would open (DATABASE_URL, else the embedded one), for command-line scripts. */
import { databaseTargetFromUrl, openDatabase, redactUrl, type DatabaseHandle } from "../db/client";
import { env } from "../app/lib/env.server";

export async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const config = env();
  return openDatabase(databaseTargetFromUrl(config.databaseUrl, config.pgliteDataDir));
}

export function describeTarget(handle: DatabaseHandle): string {
  switch (handle.target.kind) {
    case "postgres":
      return `PostgreSQL ${redactUrl(handle.target.url)}`;
    case "pglite":
      return `embedded PGlite at ${handle.target.dataDir}`;
    case "pglite-memory":
      return "in-memory PGlite";
  }
}

/** Runs a script body with the database open, closes it, and turns failures into a message and exit code 1. */
export async function withConfiguredDatabase(body: (handle: DatabaseHandle) => Promise<number | void>): Promise<never> {
  let handle: DatabaseHandle | undefined;
  let code = 0;
  try {
    handle = await openConfiguredDatabase();
    code = (await body(handle)) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    code = 1;
  } finally {
    await handle?.close();
  }
  process.exit(code);
}
