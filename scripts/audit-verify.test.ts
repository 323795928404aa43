import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { recordAudit } from "../app/domain/audit.server";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "../db/client";
import { createTestDatabase, testDatabaseEngine } from "../db/testing";

const run = promisify(execFile);

/** `npm run audit:verify` as a person would run it: a separate process against the configured database. */
async function auditVerify(env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
      env: { ...process.env, ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

async function writeEvents(handle: DatabaseHandle) {
  for (const action of ["test.first", "test.second", "test.third"]) {
    await handle.db.transaction((tx) => recordAudit(tx, { action, details: { action } }));
  }
}

describe(`npm run audit:verify (${testDatabaseEngine()})`, () => {
  it("exits 0 on an intact chain, and names the altered record with a non-zero exit", async () => {
    let env: Record<string, string>;
    let reopen: () => Promise<DatabaseHandle>;
    let cleanup: () => Promise<void>;

    if (testDatabaseEngine() === "postgres") {
      const database = await createTestDatabase();
      await writeEvents(database);
      if (database.target.kind !== "postgres") throw new Error("expected PostgreSQL");
      env = { DATABASE_URL: database.target.url };
      reopen = async () => database;
      cleanup = () => database.destroy();
    } else {
      // The embedded database on disk, as `npm start` leaves it; the script must not find it locked.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-audit-"));
      const handle = await openDatabase({ kind: "pglite", dataDir });
      await migrateDatabase(handle);
      await writeEvents(handle);
      await handle.close();
      env = { DATABASE_URL: "", PGLITE_DATA_DIR: dataDir };
      reopen = () => openDatabase({ kind: "pglite", dataDir });
      cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    }

    try {
      const intact = await auditVerify(env);
      expect(intact.code, intact.output).toBe(0);
      expect(intact.output).toMatch(/intact: 3 records/);

      const handle = await reopen();
      await handle.db.execute(sql`update audit_events set action = 'test.rewritten' where seq = 2`);
      if (testDatabaseEngine() === "pglite") await handle.close();

      const broken = await auditVerify(env);
      expect(broken.code).toBe(2);
      expect(broken.output).toMatch(/BROKEN at record seq 2: .*altered/);
    } finally {
      await cleanup();
    }
  });
});
