/**
 * The referral packet's evidence manifest and its verification: shapes and pure rules, shared with the
 * browser. Hashing, reading PDFs and the database live in packet-manifest.server.ts and packet-verify.server.ts.
 */
import { z } from "zod";

export const MANIFEST_FORMAT = "ac-portal/evidence-manifest";
export const MANIFEST_VERSION = 1;

/**
 * One evidence file as the manifest records it. Only what identifies the file and its state: the uploader
 * by id (a display name may change; the packet prints it), times as ISO 8601 UTC.
 */
export const ManifestFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  withdrawn: z.boolean(),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const EvidenceManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  caseId: z.string(),
  caseReference: z.string(),
  files: z.array(ManifestFileSchema),
});
export type EvidenceManifest = z.infer<typeof EvidenceManifestSchema>;

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
export const CASE_REFERENCE_PATTERN = /^AC-\d{4}-\d{6,10}$/;

/**
 * What the packet's QR code holds: "ACPACKET:1:<case reference>:<manifest SHA-256>". Plain text rather than
 * a URL, so it names no host and reads the same on any scanner.
 */
export const SCAN_PREFIX = "ACPACKET:1:";

export function scanValueFor(caseReference: string, manifestHash: string): string {
  return `${SCAN_PREFIX}${caseReference}:${manifestHash}`;
}

export interface PacketClaim {
  caseReference: string;
  manifestHash: string;
}

/** Reads a scan value, tolerating the whitespace and case a scanner or a paste may add. */
export function parseScanValue(value: string): PacketClaim | null {
  const text = value.trim();
  if (!text.toUpperCase().startsWith(SCAN_PREFIX)) return null;
  const [reference, hash, ...rest] = text.slice(SCAN_PREFIX.length).split(":");
  if (rest.length > 0 || !reference || !hash) return null;
  const caseReference = reference.trim().toUpperCase();
  const manifestHash = hash.trim().toLowerCase();
  if (!CASE_REFERENCE_PATTERN.test(caseReference) || !SHA256_PATTERN.test(manifestHash)) return null;
  return { caseReference, manifestHash };
}

/** Files are identified by id; a file present in both with other content counts as changed. */
export interface ManifestDifference {
  /** In the portal now, not in the packet: uploaded after the packet was made. */
  added: ManifestFile[];
  /** In the packet, no longer in the portal's manifest: should never happen (evidence is never deleted). */
  missing: ManifestFile[];
  /** Listed as current in the packet, withdrawn in the portal since. */
  withdrawnSince: ManifestFile[];
  /** Present in both, but name, kind, size, hash or uploader differ. */
  changed: Array<{ packet: ManifestFile; current: ManifestFile }>;
}

export function compareManifests(packet: EvidenceManifest, current: EvidenceManifest): ManifestDifference {
  const inPacket = new Map(packet.files.map((file) => [file.id, file]));
  const inPortal = new Map(current.files.map((file) => [file.id, file]));
  const difference: ManifestDifference = { added: [], missing: [], withdrawnSince: [], changed: [] };
  for (const file of current.files) {
    const before = inPacket.get(file.id);
    if (!before) {
      difference.added.push(file);
      continue;
    }
    if (!before.withdrawn && file.withdrawn) difference.withdrawnSince.push(file);
    const sameContent = IDENTITY_FIELDS.every((field) => before[field] === file[field]);
    // Withdrawal is never undone, so a file withdrawn in the packet and current now is a change too.
    if (!sameContent || (before.withdrawn && !file.withdrawn)) difference.changed.push({ packet: before, current: file });
  }
  for (const file of packet.files) if (!inPortal.has(file.id)) difference.missing.push(file);
  return difference;
}

const IDENTITY_FIELDS = ["name", "kind", "sizeBytes", "sha256", "uploadedBy", "uploadedAt"] as const satisfies readonly (keyof ManifestFile)[];

export function isEmptyDifference(difference: ManifestDifference): boolean {
  return (
    difference.added.length === 0 &&
    difference.missing.length === 0 &&
    difference.withdrawnSince.length === 0 &&
    difference.changed.length === 0
  );
}

/** What the portal answers to "does this packet match?" (page, script and tests read the same shape). */
export type VerificationResult =
  | { status: "unknown_case"; caseReference: string; claimedHash: string }
  | {
      status: "match" | "mismatch";
      caseId: string;
      caseReference: string;
      claimedHash: string;
      currentHash: string;
      currentFileCount: number;
      /**
       * The manifest embedded in the uploaded PDF, compared with the portal's: null when only a hash was given
       * (a pasted or scanned value) or the PDF carried no readable manifest.
       */
      difference: ManifestDifference | null;
      /** The PDF's embedded manifest does not hash to the value the PDF states: the file was altered. */
      embeddedManifestAltered: boolean;
      /** The uploaded file is byte for byte a packet the portal issued (by the export's audit record). */
      issued: { exportedAt: string; exportedBy: string | null } | null;
      /** Whether the PDF's bytes were available to check against issued packets (an upload, not a pasted code). */
      pdfChecked: boolean;
      /** Files whose stored bytes failed an integrity check: the manifest may match while the bytes do not. */
      integrityFailures: Array<{ id: string; name: string }>;
    };
