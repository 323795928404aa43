/**
 * Memory stays flat however large the upload: 1 GiB through HTTP, the multipart parser, staging with the
 * SHA-256, the content check and the database (scripts/bench-upload.ts does 2 GiB and prints the figures).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchmarkUpload } from "../../scripts/bench-upload";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { LocalDiskStorage } from "~/lib/storage/local.server";
import { useEvidenceStorageForTesting } from "~/lib/storage/storage.server";
import { insertLead, viewerFor } from "./case-workflow.testing";

let database: TestDatabase;
let root: string;
beforeAll(async () => {
  root = await fs.promises.mkdtemp(path.join(os.tmpdir(), "portal-evidence-memory-"));
  useEvidenceStorageForTesting(new LocalDiskStorage(root));
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "memory-test-password" });
});
afterAll(async () => {
  useEvidenceStorageForTesting(null);
  await database.destroy();
  await fs.promises.rm(root, { recursive: true, force: true });
});

it("uploads 1 GiB with flat memory (RSS grows by less than 150 MB) and stores exactly what was sent", async () => {
  const investigator = await viewerFor(database.db, "investigator@platform.demo");
  const lead = await insertLead(database.db, investigator, { title: "memory test" });
  const result = await benchmarkUpload(database.db, investigator, lead.id, 1024 ** 3);
  console.info(
    `1 GiB in ${result.seconds.toFixed(1)} s (${result.megabytesPerSecond.toFixed(0)} MiB/s), RSS ${(result.rssBefore / 2 ** 20).toFixed(0)} → peak ${(result.rssPeak / 2 ** 20).toFixed(0)} MiB`,
  );
  expect(result.sha256Stored).toBe(result.sha256Sent);
  expect(result.rssPeak - result.rssBefore).toBeLessThan(150 * 1024 * 1024);
}, 120_000);
