/**
 * The storage interface every backend implements (see storage.server.ts for how one is chosen).
 */
import type { Readable } from "node:stream";
import type { ByteSource, StagedFile } from "./staging.server";

export type StorageBackendName = "local" | "uploadthing";

export interface StoredBlob {
  /** Where the backend keeps the bytes: the SHA-256 on disk, UploadThing's file key remotely. */
  key: string;
  sizeBytes: number;
  sha256: string;
}

export interface CommitOptions {
  /** The type detected from the bytes. */
  contentType: string;
  /** A file extension for the stored object's name (never the uploader's file name). */
  extension?: string;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored bytes under ${key}`);
    this.name = "BlobNotFoundError";
  }
}

export interface EvidenceStorage {
  readonly backend: StorageBackendName;
  /** Spools the bytes to a temporary file, hashing them as they pass; FileTooLargeError past maxBytes. */
  stage(source: ByteSource, options: { maxBytes: number }): Promise<StagedFile>;
  /** Keeps a staged file for good; the temporary file is gone afterwards. */
  commit(staged: StagedFile, options: CommitOptions): Promise<StoredBlob>;
  /** stage + commit, for callers with nothing to inspect. */
  put(source: ByteSource, options: { maxBytes: number } & CommitOptions): Promise<StoredBlob>;
  /** The stored bytes as a stream; BlobNotFoundError when they are gone. */
  get(key: string, options?: { signal?: AbortSignal }): Promise<Readable>;
  exists(key: string): Promise<boolean>;
}

/** Shared by both backends: put = stage, then commit (or discard on failure). */
export async function stageAndCommit(
  storage: Pick<EvidenceStorage, "stage" | "commit">,
  source: ByteSource,
  options: { maxBytes: number } & CommitOptions,
): Promise<StoredBlob> {
  const staged = await storage.stage(source, options);
  try {
    return await storage.commit(staged, options);
  } catch (error) {
    await staged.discard();
    throw error;
  }
}
