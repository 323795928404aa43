/**
 * Reads back what a referral packet PDF says about itself: the case reference and manifest hash from its
 * document information (written by packet-pdf.server.ts), and the machine-readable manifest embedded in it.
 * The file is untrusted input: anything unreadable is a PacketReadError with a reason the page can explain.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import { MultipartError, multipartBoundary, parseMultipart } from "~/lib/multipart.server";
import { CASE_REFERENCE_PATTERN, EvidenceManifestSchema, SHA256_PATTERN, type EvidenceManifest, type PacketClaim } from "./packet";
import { sha256Hex } from "./packet-manifest.server";
import { MANIFEST_ATTACHMENT_NAME, PDF_INFO_KEYS } from "./packet-pdf.server";

export type PacketReadProblem = "not_pdf" | "not_packet";

export class PacketReadError extends Error {
  constructor(readonly problem: PacketReadProblem, message: string) {
    super(message);
    this.name = "PacketReadError";
  }
}

export interface PacketContents {
  claim: PacketClaim;
  /** The embedded manifest, or null when the PDF has none that parses (it may have been re-saved by a tool that drops attachments). */
  manifest: EvidenceManifest | null;
  /** SHA-256 of the embedded manifest's bytes as found, to compare with the hash the PDF states. */
  manifestBytesHash: string | null;
  /** SHA-256 of the whole file, to recognise a packet the portal issued byte for byte. */
  pdfSha256: string;
}

/** Embedded manifests larger than this are not read (a real one is a few hundred bytes per file). */
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

export async function readPacketPdf(bytes: Uint8Array): Promise<PacketContents> {
  const pdfSha256 = sha256Hex(bytes);
  if (!Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-")) {
    throw new PacketReadError("not_pdf", "The file is not a PDF.");
  }
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch (error) {
    throw new PacketReadError("not_pdf", `The PDF cannot be read: ${(error as Error).message}`);
  }

  const info = lookupDict(document, document.context.trailerInfo.Info);
  const keywords = text(document, info?.get(PDFName.of("Keywords")));
  const caseReference =
    text(document, info?.get(PDFName.of(PDF_INFO_KEYS.caseReference))) ?? /case-reference:(AC-\d{4}-\d{6,10})/.exec(keywords ?? "")?.[1] ?? null;
  const manifestHash =
    text(document, info?.get(PDFName.of(PDF_INFO_KEYS.manifestHash))) ?? /manifest-sha256:([0-9a-f]{64})/.exec(keywords ?? "")?.[1] ?? null;
  if (!caseReference || !manifestHash || !CASE_REFERENCE_PATTERN.test(caseReference) || !SHA256_PATTERN.test(manifestHash)) {
    throw new PacketReadError("not_packet", "The PDF does not carry a referral packet's case reference and manifest hash.");
  }

  const attachment = findEmbeddedFile(document, MANIFEST_ATTACHMENT_NAME);
  let manifest: EvidenceManifest | null = null;
  let manifestBytesHash: string | null = null;
  if (attachment && attachment.length <= MAX_MANIFEST_BYTES) {
    manifestBytesHash = sha256Hex(attachment);
    try {
      const parsed = EvidenceManifestSchema.safeParse(JSON.parse(Buffer.from(attachment).toString("utf8")));
      if (parsed.success) manifest = parsed.data;
    } catch {
      manifest = null; // not JSON: reported as "no readable manifest"; the stated hash is still checked
    }
  }
  return { claim: { caseReference, manifestHash }, manifest, manifestBytesHash, pdfSha256 };
}

function lookupDict(document: PDFDocument, value: PDFObject | undefined): PDFDict | undefined {
  if (!value) return undefined;
  const resolved = document.context.lookup(value);
  return resolved instanceof PDFDict ? resolved : undefined;
}

/** A text string, following an indirect reference (pdfkit writes the info entries as objects of their own). */
function text(document: PDFDocument, value: PDFObject | undefined): string | null {
  if (value === undefined) return null;
  value = document.context.lookup(value);
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText().trim();
  return null;
}

/** The bytes of the named file in the document's EmbeddedFiles name tree (flat or with Kids), or null. */
function findEmbeddedFile(document: PDFDocument, name: string): Uint8Array | null {
  const names = lookupDict(document, document.catalog.get(PDFName.of("Names")));
  const root = lookupDict(document, names?.get(PDFName.of("EmbeddedFiles")));
  const visited = new Set<PDFDict>();
  const search = (node: PDFDict | undefined, depth: number): Uint8Array | null => {
    if (!node || depth > 16 || visited.has(node)) return null;
    visited.add(node);
    const entries = document.context.lookup(node.get(PDFName.of("Names")));
    if (entries instanceof PDFArray) {
      for (let index = 0; index + 1 < entries.size(); index += 2) {
        if (text(document, entries.get(index)) !== name) continue;
        const spec = lookupDict(document, entries.get(index + 1));
        const ef = lookupDict(document, spec?.get(PDFName.of("EF")));
        const stream = document.context.lookup(ef?.get(PDFName.of("F")));
        if (stream instanceof PDFRawStream) {
          try {
            return decodePDFRawStream(stream).decode();
          } catch {
            return null;
          }
        }
      }
    }
    const kids = document.context.lookup(node.get(PDFName.of("Kids")));
    if (kids instanceof PDFArray) {
      for (let index = 0; index < kids.size(); index += 1) {
        const found = search(lookupDict(document, kids.get(index)), depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  return search(root, 0);
}

export type PacketUpload =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: "file_required" | "file_too_large" | "malformed" };

/**
 * The `packet` file of a multipart/form-data request, read into memory up to `maxBytes` (a packet is small,
 * and pdf-lib needs it whole); a larger file is refused as soon as it passes the limit, without reading on.
 */
export async function receivePacketUpload(request: Request, maxBytes: number): Promise<PacketUpload> {
  const boundary = multipartBoundary(request.headers.get("Content-Type"));
  if (!boundary || !request.body) return { ok: false, problem: "malformed" };
  try {
    for await (const part of parseMultipart(request.body, boundary, { maxParts: 20 })) {
      if (part.name !== "packet" || part.filename === null || part.filename === "") continue;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.body) {
        size += chunk.length;
        if (size > maxBytes) return { ok: false, problem: "file_too_large" };
        chunks.push(Buffer.from(chunk));
      }
      if (size === 0) return { ok: false, problem: "file_required" };
      return { ok: true, bytes: Buffer.concat(chunks) };
    }
  } catch (error) {
    if (error instanceof MultipartError) return { ok: false, problem: "malformed" };
    throw error;
  }
  return { ok: false, problem: "file_required" };
}
