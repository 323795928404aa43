/**
 * The one storage interface for evidence bytes (issue 3, "Evidence and its custody"), with two backends:
 * the local disk (the default: content-addressed by SHA-256, write-once) and UploadThing (when
 * UPLOADTHING_TOKEN is set). Callers stage first (the bytes are spooled and hashed, the size limit applied),
 * inspect the staged file, then commit or discard it; `put` does both steps at once.
 *
 * Rows remember which backend holds their bytes, so a portal switched to UploadThing still reads the files
 * it kept on disk before: `storageFor(row.storageBackend)`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { env } from "~/lib/env.server";
import { LocalDiskStorage } from "./local.server";
import type { EvidenceStorage, StorageBackendName } from "./interface.server";
import { sweepStaleStagedFiles } from "./staging.server";
import { UploadThingStorage } from "./uploadthing.server";

export * from "./interface.server";
export { FileTooLargeError, type ByteSource, type StagedFile } from "./staging.server";

interface StorageState {
  local?: EvidenceStorage;
  uploadthing?: EvidenceStorage;
  override?: { current: EvidenceStorage; byBackend: Partial<Record<StorageBackendName, EvidenceStorage>> };
}
const globalForStorage = globalThis as typeof globalThis & { __portalEvidenceStorage?: StorageState };
const state: StorageState = (globalForStorage.__portalEvidenceStorage ??= {});

function localDiskStorage(): EvidenceStorage {
  if (!state.local) {
    const root = path.resolve(env().evidenceDir);
    state.local = new LocalDiskStorage(root);
    void sweepStaleStagedFiles(root);
    removeOnExitIfTestDirectory(root);
  }
  return state.local;
}

function uploadThingStorage(): EvidenceStorage {
  const token = env().uploadThingToken;
  if (!token) throw new Error("Evidence is stored on UploadThing, but UPLOADTHING_TOKEN is not set");
  state.uploadthing ??= new UploadThingStorage(path.resolve(env().evidenceDir), { token });
  return state.uploadthing;
}

/** The backend new evidence goes to. */
export function evidenceStorage(): EvidenceStorage {
  if (state.override) return state.override.current;
  return env().uploadThingToken ? uploadThingStorage() : localDiskStorage();
}

/** The backend that holds an existing row's bytes. */
export function storageFor(backend: StorageBackendName): EvidenceStorage {
  if (state.override) {
    const found = state.override.byBackend[backend];
    if (!found) throw new Error(`No ${backend} evidence storage configured in this test`);
    return found;
  }
  return backend === "uploadthing" ? uploadThingStorage() : localDiskStorage();
}

/** Tests choose their storage (a temporary directory, or UploadThing against the local fake server). */
export function useEvidenceStorageForTesting(storage: EvidenceStorage | null, others: EvidenceStorage[] = []): void {
  if (!storage) {
    state.override = undefined;
    return;
  }
  const byBackend: Partial<Record<StorageBackendName, EvidenceStorage>> = {};
  for (const each of [...others, storage]) byBackend[each.backend] = each;
  state.override = { current: storage, byBackend };
}

/** The default test directory (env.server.ts) lives in the system's temporary directory; leave nothing behind. */
function removeOnExitIfTestDirectory(root: string): void {
  if (!process.env.VITEST || !path.basename(root).startsWith("portal-evidence-test-")) return;
  if (path.dirname(root) !== os.tmpdir()) return;
  process.once("exit", () => fs.rmSync(root, { recursive: true, force: true }));
}
