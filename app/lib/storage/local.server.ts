/**
 * Evidence on the local disk, content-addressed: the bytes of SHA-256 `h` live at blobs/h[0..2]/h[2..4]/h,
 * read-only. Write-once: a staged file is hard-linked into place, which fails rather than replace an existing
 * file; an identical blob already there is kept and the new copy dropped. Names given by users never reach
 * the file system: the only path component that comes from outside is a validated hex digest.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { sha256Of, stageBytes, type ByteSource, type StagedFile } from "./staging.server";
import {
  BlobNotFoundError,
  stageAndCommit,
  type CommitOptions,
  type EvidenceStorage,
  type StoredBlob,
} from "./interface.server";

/** A digest, or a digest with a suffix for a second copy kept beside a damaged first one (see commit). */
const KEY_PATTERN = /^[0-9a-f]{64}(\.[0-9a-f]{8})?$/;

export class LocalDiskStorage implements EvidenceStorage {
  readonly backend = "local" as const;

  constructor(readonly root: string) {}

  /** The file a key names. Throws on anything that is not a key, so no input can point elsewhere. */
  pathFor(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new BlobNotFoundError(key);
    return path.join(this.root, "blobs", key.slice(0, 2), key.slice(2, 4), key);
  }

  stage(source: ByteSource, options: { maxBytes: number }): Promise<StagedFile> {
    return stageBytes(this.root, source, options);
  }

  async commit(staged: StagedFile, _options: CommitOptions): Promise<StoredBlob> {
    let key = staged.sha256;
    let target = this.pathFor(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.chmod(staged.path, 0o444);
    if (!(await linkExclusive(staged.path, target))) {
      // The same bytes are already stored: keep that file, unless it no longer holds them (someone altered
      // it). It is evidence of the tampering and stays as it is; the new, intact copy goes beside it.
      const existing = await sha256Of(fs.createReadStream(target)).catch(() => null);
      if (existing?.sha256 !== staged.sha256) {
        key = `${staged.sha256}.${randomUUID().slice(0, 8)}`;
        target = this.pathFor(key);
        await linkExclusive(staged.path, target);
      }
    }
    await staged.discard();
    await syncDirectory(path.dirname(target));
    return { key, sizeBytes: staged.sizeBytes, sha256: staged.sha256 };
  }

  put(source: ByteSource, options: { maxBytes: number } & CommitOptions): Promise<StoredBlob> {
    return stageAndCommit(this, source, options);
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathFor(key);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new BlobNotFoundError(key);
      throw error;
    }
    return handle.createReadStream({ highWaterMark: 256 * 1024 });
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fs.promises.access(this.pathFor(key), fs.constants.R_OK);
      return true;
    } catch {
      return false;
    }
  }
}

/** Links `from` to `to`; false when `to` exists. Falls back to an exclusive copy where hard links are not offered. */
async function linkExclusive(from: string, to: string): Promise<boolean> {
  try {
    await fs.promises.link(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "ENOSYS") throw error;
  }
  try {
    await fs.promises.copyFile(from, to, fs.constants.COPYFILE_EXCL);
    await fs.promises.chmod(to, 0o444);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.promises.open(directory, "r").catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => {}); // not every file system syncs directories
  await handle.close();
}
