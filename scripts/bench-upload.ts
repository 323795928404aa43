/**
 * `npx tsx scripts/bench-upload.ts [size, default 2GiB]`: uploads one generated evidence file
 * of that size over HTTP (a node:http server handing the request body to the upload domain, as server.js
 * and Remix's adapter do: createReadableStreamFromReadable) into a fresh database and a temporary evidence
 * directory, and prints the time, the throughput and the process's peak memory. Client and server share the
 * process, so the peak RSS is an upper bound for the server alone.
 *
 * With TEST_DATABASE_URL set, the database is a fresh one on that PostgreSQL server instead of PGlite.
 * The same harness runs in app/domain/evidence-upload.memory.test.ts with a smaller file.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { seedDemoWorld } from "../db/seed";
import { createTestDatabase, testDatabaseEngine } from "../db/testing";
import { insertLead, viewerFor } from "../app/domain/case-workflow.testing";
import { receiveEvidenceUpload } from "../app/domain/evidence-upload.server";
import { parseByteSize } from "../app/lib/env.server";
import { LocalDiskStorage } from "../app/lib/storage/local.server";
import { useEvidenceStorageForTesting } from "../app/lib/storage/storage.server";
import type { Database } from "../db/client";
import type { Viewer } from "../app/domain/policy";

const BOUNDARY = "----PortalUploadBenchmark";
const PIECE = 256 * 1024;

/** An MP4 header (so the content check accepts it) followed by a repeating pattern, `size` bytes in all. */
function generatedVideo(size: number): { stream: Readable; sha256: () => string } {
  const header = Buffer.from([0, 0, 0, 0x18, ...Buffer.from("ftypisom"), 0, 0, 2, 0, ...Buffer.from("isomiso2")]);
  const pattern = Buffer.alloc(PIECE);
  for (let i = 0; i < PIECE; i += 1) pattern[i] = (i * 131 + 17) & 0xff;
  const hash = createHash("sha256");
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const length = Math.min(PIECE, size - sent);
      // A new buffer each time, as a socket delivers them.
      const piece = Buffer.allocUnsafe(length);
      pattern.copy(piece, 0, 0, length);
      if (sent === 0) header.copy(piece, 0, 0, Math.min(header.length, length));
      hash.update(piece);
      sent += length;
      this.push(piece);
    },
  });
  return { stream, sha256: () => hash.digest("hex") };
}

function multipartBody(fileName: string, file: Readable): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nvideo\r\n`);
      yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: video/mp4\r\n\r\n`);
      for await (const piece of file) yield piece as Buffer;
      yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    })(),
  );
}

export interface UploadBenchmark {
  bytes: number;
  seconds: number;
  megabytesPerSecond: number;
  /** The process's RSS before the upload and at its highest during it, in bytes. */
  rssBefore: number;
  rssPeak: number;
  sha256Sent: string;
  sha256Stored: string;
}

/** Uploads `bytes` over HTTP into `caseId` as `viewer`; the storage must already be configured. */
export async function benchmarkUpload(db: Database, viewer: Viewer, caseId: string, bytes: number): Promise<UploadBenchmark> {
  const server = http.createServer((req, res) => {
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: createReadableStreamFromReadable(req),
      duplex: "half",
    } as RequestInit);
    receiveEvidenceUpload(db, viewer, caseId, request, { ip: "127.0.0.1", userAgent: "bench" }, { maxBytes: bytes }).then(
      (outcome) => {
        res.writeHead(outcome.refused.length ? 422 : 200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ stored: outcome.stored.map((file) => file.sha256), refused: outcome.refused }));
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
  const started = process.hrtime.bigint();
  const file = generatedVideo(bytes);
  try {
    const answer = await new Promise<string>((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port, method: "POST", path: "/cases/bench/evidence", headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        },
      );
      request.on("error", reject);
      multipartBody("bench.mp4", file.stream).pipe(request);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const parsed = JSON.parse(answer) as { stored: string[]; refused: unknown[] };
    if (parsed.refused.length || !parsed.stored[0]) throw new Error(`The upload was refused: ${answer}`);
    return {
      bytes,
      seconds,
      megabytesPerSecond: bytes / 1024 / 1024 / seconds,
      rssBefore,
      rssPeak,
      sha256Sent: file.sha256(),
      sha256Stored: parsed.stored[0],
    };
  } finally {
    clearInterval(sampler);
    server.close();
  }
}

async function main() {
  const sizeArgument = process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? "2GiB";
  const bytes = parseByteSize(sizeArgument);
  const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), "portal-bench-upload-"));
  const database = await createTestDatabase();
  try {
    useEvidenceStorageForTesting(new LocalDiskStorage(root));
    await seedDemoWorld(database.db, { password: randomUUID() });
    const investigator = await viewerFor(database.db, "investigator@platform.demo");
    const lead = await insertLead(database.db, investigator, { title: "upload benchmark" });
    console.log(`Uploading ${(bytes / 1024 ** 3).toFixed(2)} GiB (${bytes} bytes) over HTTP into ${testDatabaseEngine()}…`);
    const result = await benchmarkUpload(database.db, investigator, lead.id, bytes);
    const mib = (value: number) => `${(value / 1024 / 1024).toFixed(0)} MiB`;
    console.log(`time:        ${result.seconds.toFixed(1)} s`);
    console.log(`throughput:  ${result.megabytesPerSecond.toFixed(0)} MiB/s`);
    console.log(`RSS before:  ${mib(result.rssBefore)}`);
    console.log(`RSS peak:    ${mib(result.rssPeak)} (growth ${mib(result.rssPeak - result.rssBefore)})`);
    console.log(`max RSS:     ${mib(process.resourceUsage().maxRSS * 1024)} (whole run, including the database)`);
    console.log(`SHA-256:     ${result.sha256Stored} ${result.sha256Stored === result.sha256Sent ? "(matches what was sent)" : "(DIFFERS from what was sent!)"}`);
    if (result.sha256Stored !== result.sha256Sent) process.exitCode = 1;
  } finally {
    useEvidenceStorageForTesting(null);
    await database.destroy();
    await fs.promises.rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
