/**
 * The evidence manifest of a case and its hash. The manifest lists every evidence file the case has ever had
 * (withdrawn ones too, flagged), in a fixed order; it is serialised canonically (RFC 8785, the `canonicalize`
 * package: sorted keys, no whitespace, fixed number format) and hashed with SHA-256. The same evidence gives
 * the same hash on any machine and in any export; an upload or a withdrawal changes it.
 * Pure (no database): loadCaseManifest in packet-data.server.ts reads a case's files into it.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { MANIFEST_FORMAT, MANIFEST_VERSION, type EvidenceManifest, type ManifestFile } from "./packet";

/** The columns of an evidence row the manifest is made of. */
export interface ManifestSourceFile {
  id: string;
  originalName: string;
  kind: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
  withdrawnAt: Date | null;
}

export function buildManifest(
  caseRecord: { id: string; reference: string },
  files: readonly ManifestSourceFile[],
): EvidenceManifest {
  const entries: ManifestFile[] = files.map((file) => ({
    id: file.id,
    name: file.originalName,
    kind: file.kind,
    sizeBytes: Number(file.sizeBytes),
    sha256: file.sha256.toLowerCase(),
    uploadedBy: file.uploadedBy,
    uploadedAt: file.uploadedAt.toISOString(),
    withdrawn: file.withdrawnAt !== null,
  }));
  // Upload order, then id: the order rows come back from a query must not change the hash.
  entries.sort((a, b) => compare(a.uploadedAt, b.uploadedAt) || compare(a.id, b.id));
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    caseId: caseRecord.id,
    caseReference: caseRecord.reference,
    files: entries,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The manifest's canonical JSON (RFC 8785); what is hashed, and what the packet embeds. */
export function canonicalManifest(manifest: EvidenceManifest): string {
  const text = canonicalize(manifest);
  if (text === undefined) throw new Error("The evidence manifest cannot be serialised");
  return text;
}

export function manifestHash(manifest: EvidenceManifest): string {
  return sha256Hex(canonicalManifest(manifest));
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}
