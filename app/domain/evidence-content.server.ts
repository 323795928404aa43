/**
 * What an evidence file really is: the content type is read from the bytes (the file-type package reads
 * signatures from the staged file on disk), then checked against the file name's extension and the type the
 * sender declared. The browser's word is never taken: a PNG named report.pdf is refused, not stored as a PDF.
 */
import { fileTypeFromFile } from "file-type";
import { EVIDENCE_FORMATS, extensionOf, type EvidenceFormat, type EvidenceRejection } from "./evidence";

export type ContentCheck = { ok: true; format: EvidenceFormat } | { ok: false; rejection: EvidenceRejection };

/** Types that say nothing about the content: browsers send them for any file they do not know. */
const NEUTRAL_DECLARED = new Set(["", "application/octet-stream", "binary/octet-stream", "application/unknown"]);

function normaliseType(type: string): string {
  return type.split(";")[0]!.trim().toLowerCase();
}

export async function checkEvidenceContent(input: {
  /** The staged file (the whole upload, on disk). */
  path: string;
  /** Its first bytes (staging keeps them), to tell text from binary. */
  head: Buffer;
  fileName: string;
  declaredType: string;
}): Promise<ContentCheck> {
  const extension = extensionOf(input.fileName);
  const declared = normaliseType(input.declaredType);
  const textFormat = EVIDENCE_FORMATS.find((candidate) => candidate.text && candidate.extensions.includes(extension));
  // Text named as text is text, whatever a signature scan makes of its first bytes (a UTF-16 byte-order mark
  // reads as an MPEG audio frame to file-type). Binary content never passes looksLikeText.
  const detected = textFormat && looksLikeText(input.head) ? undefined : await fileTypeFromFile(input.path);

  if (detected) {
    const format = EVIDENCE_FORMATS.find((candidate) => candidate.detects.includes(detected.ext));
    const label = detected.ext.toUpperCase();
    if (!format) return { ok: false, rejection: { code: "not_accepted", detected: label } };
    if (extension && !format.extensions.includes(extension)) {
      return { ok: false, rejection: { code: "extension_mismatch", detected: label, extension } };
    }
    if (!NEUTRAL_DECLARED.has(declared) && !format.declared.includes(declared) && declared !== format.contentType) {
      return { ok: false, rejection: { code: "declared_mismatch", detected: label, declared } };
    }
    return { ok: true, format };
  }

  // Nothing binary recognised: only the text formats remain, named by their extension.
  const format = textFormat;
  if (!format) return { ok: false, rejection: { code: "unrecognised", extension: extension || "—" } };
  if (!looksLikeText(input.head)) return { ok: false, rejection: { code: "not_text", extension } };
  if (!NEUTRAL_DECLARED.has(declared) && !format.declared.includes(declared)) {
    return { ok: false, rejection: { code: "declared_mismatch", detected: extension.toUpperCase(), declared } };
  }
  return { ok: true, format };
}

/**
 * Text in any of the encodings Chinese offices produce (UTF-8, GB18030/GBK, UTF-16 with a byte-order mark):
 * no NUL bytes (except in UTF-16) and almost no control characters other than tab, line breaks, form feed
 * and escape.
 */
export function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16) return true;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control += 1;
    else if (byte === 0x7f) control += 1;
  }
  return control <= head.length / 100;
}
