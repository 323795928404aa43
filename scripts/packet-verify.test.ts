import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { buildReferralPacket } from "../app/domain/packet.server";
import { insertEvidence, insertReferredLead } from "../app/domain/packet.testing";
import { viewerFor } from "../app/domain/case-workflow.testing";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "../db/client";
import { users } from "../db/schema";
import { seedDemoWorld } from "../db/seed";
import { createTestDatabase, testDatabaseEngine } from "../db/testing";

const run = promisify(execFile);

/** `npm run packet:verify -- FILE` as a person would run it: a separate process against the configured database. */
async function packetVerify(file: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "scripts/packet-verify.ts", file], {
      env: { ...process.env, ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe(`npm run packet:verify (${testDatabaseEngine()})`, () => {
  it("exits 0 for a matching packet, 2 once the evidence changed, 1 for a file that is not a packet", async () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "packet-verify-"));
    let env: Record<string, string>;
    let open: () => Promise<DatabaseHandle>;
    let release: (handle: DatabaseHandle) => Promise<void>;
    let cleanup: () => Promise<void>;

    if (testDatabaseEngine() === "postgres") {
      const database = await createTestDatabase();
      if (database.target.kind !== "postgres") throw new Error("expected PostgreSQL");
      env = { DATABASE_URL: database.target.url };
      open = async () => database;
      release = async () => {};
      cleanup = () => database.destroy();
    } else {
      // The embedded database on disk, as `npm start` leaves it; closed before the script opens it (one process at a time).
      const dataDir = path.join(workDir, "pglite");
      env = { DATABASE_URL: "", PGLITE_DATA_DIR: dataDir };
      open = async () => {
        const handle = await openDatabase({ kind: "pglite", dataDir });
        await migrateDatabase(handle);
        return handle;
      };
      release = (handle) => handle.close();
      cleanup = async () => {};
    }

    try {
      let handle = await open();
      await seedDemoWorld(handle.db, { password: "packet-verify-password" });
      const lead = await insertReferredLead(handle.db);
      const investigator = await viewerFor(handle.db, "investigator@platform.demo");
      const packet = await buildReferralPacket(handle.db, investigator, lead.caseId, { ip: null, userAgent: null, timeZone: "Asia/Shanghai" });
      const pdfFile = path.join(workDir, `${lead.reference}.pdf`);
      fs.writeFileSync(pdfFile, packet.pdf);
      await release(handle);

      const matching = await packetVerify(pdfFile, env);
      expect(matching.code, matching.output).toBe(0);
      expect(matching.output).toContain(`MATCH: packet ${lead.reference}`);
      expect(matching.output).toContain(packet.manifestHash);
      expect(matching.output).toContain("byte for byte the packet exported by 林晓雯");

      handle = await open();
      const [author] = await handle.db.select().from(users).where(eq(users.email, "investigator@platform.demo"));
      await insertEvidence(handle.db, lead.caseId, { name: "补充照片.jpg", uploadedBy: author!.id, organisationId: author!.organisationId });
      await release(handle);

      const changed = await packetVerify(pdfFile, env);
      expect(changed.code, changed.output).toBe(2);
      expect(changed.output).toContain("MISMATCH");
      expect(changed.output).toMatch(/Added since the packet was made:\n\s+补充照片\.jpg/);

      const notPdf = path.join(workDir, "notes.txt");
      fs.writeFileSync(notPdf, "not a packet");
      const broken = await packetVerify(notPdf, env);
      expect(broken.code, broken.output).toBe(1);
      expect(broken.output).toContain("not a PDF");

      const missing = await packetVerify(path.join(workDir, "missing.pdf"), env);
      expect(missing.code).toBe(1);
    } finally {
      await cleanup();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }, 120_000);
});
