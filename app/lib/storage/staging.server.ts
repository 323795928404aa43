/**
 * Receiving bytes: every upload is spooled to a temporary file under the evidence directory while its SHA-256
 * is computed, so nothing ever holds a whole file in memory, the size limit is enforced as the bytes arrive,
 * and the content type can be read from the bytes on disk before anything is kept. Both storage backends
 * commit from a staged file: the local disk by linking it into place, UploadThing by uploading it.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";

/** Anything bytes can be read from: a Node stream, a web ReadableStream, or an (async) iterable of chunks. */
export type ByteSource = Readable | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The first bytes are kept to tell text from binary when the content type cannot be detected. */
export const HEAD_BYTES = 64 * 1024;

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes`);
    this.name = "FileTooLargeError";
  }
}

export interface StagedFile {
  /** The temporary file holding the bytes; gone after commit or discard. */
  readonly path: string;
  readonly sizeBytes: number;
  /** Lower-case hex SHA-256 of the bytes, computed as they arrived. */
  readonly sha256: string;
  /** Up to HEAD_BYTES of the start of the file. */
  readonly head: Buffer;
  discard(): Promise<void>;
}

export function chunksOf(source: ByteSource): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  if (typeof (source as ReadableStream<Uint8Array>).getReader === "function") {
    const stream = source as ReadableStream<Uint8Array>;
    return {
      async *[Symbol.asyncIterator]() {
        const reader = stream.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            yield value;
          }
        } finally {
          reader.releaseLock();
        }
      },
    };
  }
  return source as AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

export function stagingDirectory(root: string): string {
  return path.join(root, "tmp");
}

/**
 * Writes the source to a new temporary file under `<root>/tmp`, hashing it on the way. Each chunk is written
 * before the next is read, so a slow disk slows the sender instead of filling memory. Throws
 * FileTooLargeError (and removes the partial file) as soon as the limit is passed.
 */
export async function stageBytes(root: string, source: ByteSource, options: { maxBytes: number }): Promise<StagedFile> {
  const directory = stagingDirectory(root);
  await fs.promises.mkdir(directory, { recursive: true });
  const tempPath = path.join(directory, `${Date.now()}-${randomUUID()}.part`);
  const handle = await fs.promises.open(tempPath, "wx", 0o600);
  const hash = createHash("sha256");
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let closed = false;
  try {
    for await (const chunk of chunksOf(source)) {
      if (chunk.byteLength === 0) continue;
      size += chunk.byteLength;
      if (size > options.maxBytes) throw new FileTooLargeError(options.maxBytes);
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        const piece = Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.byteLength, HEAD_BYTES - headLength));
        headChunks.push(Buffer.from(piece)); // a copy: the parser may reuse its buffers
        headLength += piece.length;
      }
      let offset = 0;
      while (offset < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
        offset += bytesWritten;
      }
    }
    await handle.sync();
    await handle.close();
    closed = true;
  } catch (error) {
    if (!closed) await handle.close().catch(() => {});
    await fs.promises.rm(tempPath, { force: true });
    throw error;
  }
  return {
    path: tempPath,
    sizeBytes: size,
    sha256: hash.digest("hex"),
    head: Buffer.concat(headChunks),
    discard: () => fs.promises.rm(tempPath, { force: true }),
  };
}

/** Removes staged files left by a crash (older than a day: an upload in progress is never that old). */
export async function sweepStaleStagedFiles(root: string, olderThanMs = 24 * 60 * 60 * 1000): Promise<number> {
  const directory = stagingDirectory(root);
  let removed = 0;
  let entries: string[];
  try {
    entries = await fs.promises.readdir(directory);
  } catch {
    return 0;
  }
  const cutoff = Date.now() - olderThanMs;
  for (const entry of entries) {
    const full = path.join(directory, entry);
    const stat = await fs.promises.stat(full).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) {
      await fs.promises.rm(full, { force: true });
      removed += 1;
    }
  }
  return removed;
}

/** SHA-256 and length of a stream, read to its end. */
export async function sha256Of(source: ByteSource): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of chunksOf(source)) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest("hex"), sizeBytes: size };
}
