import { createHash } from "node:crypto";
import { buildManifest, canonicalManifest, manifestHash, type ManifestSourceFile } from "./packet-manifest.server";
import { compareManifests, isEmptyDifference, parseScanValue, scanValueFor, type EvidenceManifest } from "./packet";

/** The same value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
  }
  return value;
}

const CASE = { id: "4f1c2a9e-0b7d-4c3e-9a51-6d2e8f0a1b23", reference: "AC-2026-000001" };

function file(index: number, overrides: Partial<ManifestSourceFile> = {}): ManifestSourceFile {
  return {
    id: `00000000-0000-4000-8000-00000000000${index}`,
    originalName: `试买订单截图-${index}.png`,
    kind: "screenshot",
    sizeBytes: 1000 * index,
    sha256: createHash("sha256").update(`file ${index}`).digest("hex"),
    uploadedBy: "9d0b3c1e-6a2f-4e8b-b7d4-1c5e9f2a3b4c",
    uploadedAt: new Date(Date.UTC(2026, 10, 1 + index, 8, 30)),
    withdrawnAt: null,
    ...overrides,
  };
}

describe("evidence manifest hash", () => {
  const files = [file(1), file(2), file(3)];
  const hash = manifestHash(buildManifest(CASE, files));

  it("is the SHA-256 of the canonical JSON: sorted keys, no whitespace", () => {
    const manifest = buildManifest(CASE, files);
    const text = canonicalManifest(manifest);
    expect(text.startsWith('{"caseId":"4f1c2a9e-')).toBe(true);
    expect(text).not.toMatch(/\s"|":\s/);
    expect(hash).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on the order of the rows or of the keys", () => {
    expect(manifestHash(buildManifest(CASE, [file(3), file(1), file(2)]))).toBe(hash);
    const reordered = files.map((source) => Object.fromEntries(Object.entries(source).reverse()) as unknown as ManifestSourceFile);
    expect(manifestHash(buildManifest({ reference: CASE.reference, id: CASE.id }, reordered))).toBe(hash);
    const keysReversed = reverseKeys(buildManifest(CASE, files)) as EvidenceManifest;
    expect(JSON.stringify(keysReversed)).not.toBe(JSON.stringify(buildManifest(CASE, files)));
    expect(manifestHash(keysReversed)).toBe(hash);
  });

  it("changes when a file is added", () => {
    expect(manifestHash(buildManifest(CASE, [...files, file(4)]))).not.toBe(hash);
  });

  it("changes when a file is withdrawn, and the withdrawn file stays listed", () => {
    const withdrawn = [file(1), file(2, { withdrawnAt: new Date() }), file(3)];
    const manifest = buildManifest(CASE, withdrawn);
    expect(manifest.files).toHaveLength(3);
    expect(manifest.files[1]!.withdrawn).toBe(true);
    expect(manifestHash(manifest)).not.toBe(hash);
  });

  it("changes with a file's hash, size or name, and with the case", () => {
    expect(manifestHash(buildManifest(CASE, [file(1, { sha256: "f".repeat(64) }), file(2), file(3)]))).not.toBe(hash);
    expect(manifestHash(buildManifest(CASE, [file(1, { sizeBytes: 1001 }), file(2), file(3)]))).not.toBe(hash);
    expect(manifestHash(buildManifest(CASE, [file(1, { originalName: "其他.png" }), file(2), file(3)]))).not.toBe(hash);
    expect(manifestHash(buildManifest({ ...CASE, reference: "AC-2026-000002" }, files))).not.toBe(hash);
  });
});

describe("comparing a packet's manifest with the portal's", () => {
  const packet = buildManifest(CASE, [file(1), file(2)]);

  it("finds nothing between equal manifests", () => {
    expect(isEmptyDifference(compareManifests(packet, buildManifest(CASE, [file(2), file(1)])))).toBe(true);
  });

  it("names files added and withdrawn since the packet was made", () => {
    const now = buildManifest(CASE, [file(1), file(2, { withdrawnAt: new Date() }), file(3)]);
    const difference = compareManifests(packet, now);
    expect(difference.added.map((entry) => entry.id)).toEqual([file(3).id]);
    expect(difference.withdrawnSince.map((entry) => entry.id)).toEqual([file(2).id]);
    expect(difference.missing).toEqual([]);
    expect(difference.changed).toEqual([]);
  });

  it("names files missing from the portal and files whose content differs", () => {
    const now = buildManifest(CASE, [file(1, { sha256: "a".repeat(64) })]);
    const difference = compareManifests(packet, now);
    expect(difference.missing.map((entry) => entry.id)).toEqual([file(2).id]);
    expect(difference.changed.map((entry) => entry.current.sha256)).toEqual(["a".repeat(64)]);
  });
});

describe("scan values", () => {
  it("round-trips and tolerates case and whitespace", () => {
    const hash = "ab".repeat(32);
    expect(parseScanValue(scanValueFor("AC-2026-000001", hash))).toEqual({ caseReference: "AC-2026-000001", manifestHash: hash });
    expect(parseScanValue(`  acpacket:1:ac-2026-000001:${hash.toUpperCase()}\n`)).toEqual({
      caseReference: "AC-2026-000001",
      manifestHash: hash,
    });
  });

  it("rejects anything else", () => {
    expect(parseScanValue("ab".repeat(32))).toBeNull();
    expect(parseScanValue(`ACPACKET:1:AC-2026-1:${"ab".repeat(32)}`)).toBeNull();
    expect(parseScanValue("ACPACKET:1:AC-2026-000001:abc")).toBeNull();
    expect(parseScanValue(`ACPACKET:1:AC-2026-000001:${"ab".repeat(32)}:x`)).toBeNull();
  });
});
