import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { UTApi } from "uploadthing/server";
import { installGlobals } from "@remix-run/node";
import { startFakeUploadThing, type FakeUploadThing } from "./fake-uploadthing.server";
import { LocalDiskStorage } from "./local.server";
import { sha256Of, stagingDirectory } from "./staging.server";
import { BlobNotFoundError, FileTooLargeError, type EvidenceStorage } from "./storage.server";
import { UploadThingStorage } from "./uploadthing.server";

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** `size` bytes of a repeating pattern, produced piece by piece (never held whole). */
function generated(size: number, pieceSize = 1024 * 1024): Readable {
  const piece = Buffer.alloc(pieceSize);
  for (let i = 0; i < pieceSize; i += 1) piece[i] = (i * 31 + 7) & 0xff;
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const length = Math.min(pieceSize, size - sent);
      sent += length;
      this.push(length === pieceSize ? Buffer.from(piece) : piece.subarray(0, length));
    },
  });
}

async function generatedSha256(size: number): Promise<string> {
  return (await sha256Of(generated(size))).sha256;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// As in production: server.js installs Remix's fetch, Request, Response and FormData, whose streams are not
// Node's own classes. The backends must work with those.
installGlobals();

let root: string;
beforeAll(async () => {
  root = await fs.promises.mkdtemp(path.join(os.tmpdir(), "portal-storage-test-"));
});
afterAll(async () => {
  await fs.promises.rm(root, { recursive: true, force: true });
});

describe("local disk storage", () => {
  let storage: LocalDiskStorage;
  beforeEach(async () => {
    storage = new LocalDiskStorage(await fs.promises.mkdtemp(path.join(root, "local-")));
  });

  it("keeps bytes under their SHA-256, read-only, and gives them back", async () => {
    const data = randomBytes(300_000);
    const stored = await storage.put(Readable.from([data.subarray(0, 1000), data.subarray(1000)]), { maxBytes: 1e6, contentType: "application/octet-stream" });
    expect(stored).toEqual({ key: sha256(data), sizeBytes: data.length, sha256: sha256(data) });
    const file = storage.pathFor(stored.key);
    expect(file).toBe(path.join(storage.root, "blobs", stored.key.slice(0, 2), stored.key.slice(2, 4), stored.key));
    expect((await fs.promises.stat(file)).mode & 0o222).toBe(0); // write-once: nobody may write it
    expect(Buffer.compare(await readAll(await storage.get(stored.key)), data)).toBe(0);
    expect(await storage.exists(stored.key)).toBe(true);
    expect(await storage.exists("0".repeat(64))).toBe(false);
    expect(await fs.promises.readdir(stagingDirectory(storage.root))).toEqual([]);
  });

  it("keeps an identical blob instead of writing it again", async () => {
    const data = randomBytes(10_000);
    const first = await storage.put(Readable.from([data]), { maxBytes: 1e6, contentType: "x/y" });
    const before = await fs.promises.stat(storage.pathFor(first.key));
    const second = await storage.put(Readable.from([data]), { maxBytes: 1e6, contentType: "x/y" });
    expect(second.key).toBe(first.key);
    const after = await fs.promises.stat(storage.pathFor(first.key));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it("never overwrites a blob whose bytes were altered: the new copy goes beside it", async () => {
    const data = randomBytes(10_000);
    const first = await storage.put(Readable.from([data]), { maxBytes: 1e6, contentType: "x/y" });
    const file = storage.pathFor(first.key);
    await fs.promises.chmod(file, 0o644);
    await fs.promises.writeFile(file, Buffer.from("tampered"));
    const second = await storage.put(Readable.from([data]), { maxBytes: 1e6, contentType: "x/y" });
    expect(second.key).not.toBe(first.key);
    expect(second.key.startsWith(`${first.key}.`)).toBe(true);
    expect((await fs.promises.readFile(file)).toString()).toBe("tampered"); // the evidence of tampering stays
    expect(sha256(await readAll(await storage.get(second.key)))).toBe(first.sha256);
  });

  it("stops at the size limit and leaves nothing behind", async () => {
    await expect(storage.put(generated(3 * 1024 * 1024), { maxBytes: 2 * 1024 * 1024, contentType: "x/y" })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await fs.promises.readdir(stagingDirectory(storage.root))).toEqual([]);
    expect(fs.existsSync(path.join(storage.root, "blobs"))).toBe(false);
  });

  it("accepts only digests as keys: no name can point elsewhere", async () => {
    for (const key of ["../../etc/passwd", "..", `${"a".repeat(64)}/../x`, "A".repeat(64), ""]) {
      await expect(storage.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await storage.exists(key)).toBe(false);
    }
    await expect(storage.get("b".repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});

describe("UploadThing storage, against a local server speaking UploadThing's protocol", () => {
  let fake: FakeUploadThing;
  let storage: UploadThingStorage;
  beforeAll(async () => {
    fake = await startFakeUploadThing({ directory: path.join(root, "uploadthing-remote") });
    storage = new UploadThingStorage(path.join(root, "uploadthing-staging"), fake.options);
  });
  afterAll(async () => {
    await fake.close();
  });

  it("uploads through the SDK's signed ingest URL, and the remote holds exactly the bytes hashed locally", async () => {
    const data = randomBytes(1_500_000);
    const stored = await storage.put(Readable.from([data]), { maxBytes: 1e7, contentType: "image/png", extension: "png" });
    expect(stored.sha256).toBe(sha256(data));
    expect(stored.sizeBytes).toBe(data.length);
    const remote = fake.files.get(stored.key)!;
    expect(remote).toBeDefined();
    expect(remote.sha256).toBe(sha256(data));
    expect(remote.md5).toBe(createHash("md5").update(data).digest("hex"));
    expect(remote.name).toBe(`${stored.sha256}.png`); // the digest, never the uploader's file name
    expect(remote.type).toBe("image/png");
    expect(await fs.promises.readdir(stagingDirectory(path.join(root, "uploadthing-staging")))).toEqual([]);
  });

  it("downloads through a signed file URL and checks existence", async () => {
    const data = randomBytes(200_000);
    const stored = await storage.put(Readable.from([data]), { maxBytes: 1e7, contentType: "application/pdf", extension: "pdf" });
    expect(Buffer.compare(await readAll(await storage.get(stored.key)), data)).toBe(0);
    expect(await storage.exists(stored.key)).toBe(true);
    expect(await storage.exists("nosuchkey")).toBe(false);
    await expect(storage.get("nosuchkey")).rejects.toBeInstanceOf(BlobNotFoundError);
    // Without the signature the remote refuses: the backend's URLs really are signed.
    const unsigned = await fetch(`http://${fake.options.ufsHost}/a/${fake.appId}/${stored.key}`);
    expect(unsigned.status).toBe(403);
  });

  it("sees altered remote bytes: the hash of what comes back differs", async () => {
    const data = randomBytes(50_000);
    const stored = await storage.put(Readable.from([data]), { maxBytes: 1e7, contentType: "x/y" });
    await fake.tamper(stored.key, Buffer.from("altered"));
    expect((await sha256Of(await storage.get(stored.key))).sha256).not.toBe(stored.sha256);
  });

  it("answers the SDK's API calls only with the right x-uploadthing-api-key", async () => {
    const api = new UTApi({ ...fake.options, logLevel: "Error" });
    const listed = await api.listFiles({ limit: 100 });
    expect(listed.files.length).toBe(fake.files.size);
    expect(fake.requests.at(-1)).toMatchObject({ path: "/v6/listFiles", apiKeyHeader: fake.apiKey, status: 200 });
    const wrongToken = Buffer.from(JSON.stringify({ apiKey: "sk_wrong", appId: fake.appId, regions: ["local"] })).toString("base64");
    const intruder = new UTApi({ ...fake.options, token: wrongToken, logLevel: "None" as never });
    await expect(intruder.listFiles()).rejects.toThrow();
    expect(fake.requests.at(-1)).toMatchObject({ path: "/v6/listFiles", apiKeyHeader: "sk_wrong", status: 401 });
  });

  it("streams a large file up from disk without holding it in memory", async () => {
    const size = 256 * 1024 * 1024;
    const expected = await generatedSha256(size);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    try {
      const stored = await storage.put(generated(size), { maxBytes: size, contentType: "video/mp4", extension: "mp4" });
      expect(stored.sha256).toBe(expected);
      expect(fake.files.get(stored.key)?.sha256).toBe(expected);
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
  }, 120_000);
});

describe("either backend", () => {
  it("is one interface", () => {
    const backends: EvidenceStorage[] = [new LocalDiskStorage(root), new UploadThingStorage(root, { token: "x" })];
    expect(backends.map((backend) => backend.backend)).toEqual(["local", "uploadthing"]);
  });
});
