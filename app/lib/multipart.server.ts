/**
 * A streaming multipart/form-data parser (RFC 7578) for file uploads: each part's body is handed on chunk by
 * chunk as it arrives, never collected. Remix's own parser (unstable_parseMultipartFormData) is built on one
 * that buffers whatever part its handler leaves unread and scans byte by byte in JavaScript (~75 MB/s here);
 * this one discards unread parts and finds boundaries with Buffer.indexOf, so a 2 GB upload costs the time
 * of the disk and the hash rather than of the parser. See docs/decisions/0008-evidence-storage.md.
 */
import { chunksOf, type ByteSource } from "~/lib/storage/staging.server";

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartError";
  }
}

export interface MultipartPart {
  /** The form field's name. */
  name: string;
  /** The file name the sender gave (for a file input), or null for a plain field. Never use it as a path. */
  filename: string | null;
  /** The part's Content-Type as the sender declared it. */
  contentType: string;
  /**
   * The part's bytes, as they arrive. Read it at most once, and before asking for the next part; whatever is
   * left unread is skipped (not kept) when the next part is requested.
   */
  body: AsyncIterable<Buffer>;
  /** Reads a plain field as UTF-8 text; MultipartError past maxBytes. */
  text(maxBytes?: number): Promise<string>;
}

export interface MultipartLimits {
  /** The header block of one part. */
  maxHeaderBytes: number;
  /** Parts in one body (fields and files together). */
  maxParts: number;
}

const DEFAULT_LIMITS: MultipartLimits = { maxHeaderBytes: 16 * 1024, maxParts: 200 };
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** The boundary of a multipart/form-data Content-Type, or null when it is not one. */
export function multipartBoundary(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const [type, ...params] = contentType.split(";");
  if (type?.trim().toLowerCase() !== "multipart/form-data") return null;
  for (const param of params) {
    const match = /^\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s";]{1,70}))\s*$/i.exec(param);
    if (match) return match[1] ?? match[2] ?? null;
  }
  return null;
}

class Reader {
  buffer: Buffer;
  private ended = false;
  private readonly iterator: AsyncIterator<Uint8Array>;

  constructor(source: ByteSource, initial: Buffer) {
    const chunks = chunksOf(source);
    this.iterator =
      Symbol.asyncIterator in chunks
        ? chunks[Symbol.asyncIterator]()
        : (async function* () {
            yield* chunks;
          })();
    this.buffer = initial;
  }

  /** Appends the next chunk from the source; false at its end. */
  async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    return true;
  }

  /** Waits until `needle` is in the buffer (searching no further than `limit` bytes); its index, or -1 at the end. */
  async find(needle: Buffer, limit: number): Promise<number> {
    let from = 0;
    for (;;) {
      const index = this.buffer.indexOf(needle, from);
      if (index !== -1 && index <= limit) return index;
      if (index > limit || this.buffer.length > limit + needle.length) return -1;
      from = Math.max(0, this.buffer.length - needle.length + 1);
      if (!(await this.fill())) return -1;
    }
  }

  async ensure(bytes: number): Promise<boolean> {
    while (this.buffer.length < bytes) if (!(await this.fill())) return false;
    return true;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/**
 * The parts of a multipart/form-data body, in order. Stops at the closing boundary; MultipartError for a
 * malformed body (a missing boundary, a part without Content-Disposition, a body that ends too early).
 */
export async function* parseMultipart(
  source: ByteSource,
  boundary: string,
  limits: Partial<MultipartLimits> = {},
): AsyncGenerator<MultipartPart, void, undefined> {
  const { maxHeaderBytes, maxParts } = { ...DEFAULT_LIMITS, ...limits };
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // A CRLF in front lets the first boundary (which has none) match the same delimiter as the others.
  const reader = new Reader(source, Buffer.from(CRLF));
  try {
    // Preamble: skip to the first delimiter, keeping only a delimiter's length of tail while searching.
    for (;;) {
      const index = reader.buffer.indexOf(delimiter);
      if (index !== -1) {
        reader.buffer = reader.buffer.subarray(index + delimiter.length);
        break;
      }
      reader.buffer = reader.buffer.subarray(Math.max(0, reader.buffer.length - delimiter.length + 1));
      if (!(await reader.fill())) throw new MultipartError("no multipart boundary in the body");
    }

    for (let count = 0; ; count += 1) {
      if (!(await reader.ensure(2))) throw new MultipartError("the body ends after a boundary");
      if (reader.buffer[0] === 0x2d && reader.buffer[1] === 0x2d) return; // "--": the closing boundary
      if (count >= maxParts) throw new MultipartError(`more than ${maxParts} parts`);
      // Transport padding (spaces, tabs) may follow a boundary before its CRLF.
      const lineEnd = await reader.find(CRLF, 256);
      if (lineEnd === -1 || reader.buffer.subarray(0, lineEnd).toString("latin1").trim() !== "") {
        throw new MultipartError("malformed boundary line");
      }
      reader.buffer = reader.buffer.subarray(lineEnd + CRLF.length);

      // A part with no headers at all is malformed (it has no Content-Disposition), so the block ends in CRLFCRLF.
      const headerEnd = await reader.find(HEADER_END, maxHeaderBytes);
      if (headerEnd === -1) throw new MultipartError("part headers missing, unterminated or too long");
      const headers = parsePartHeaders(reader.buffer.subarray(0, headerEnd).toString("utf8"));
      reader.buffer = reader.buffer.subarray(headerEnd + HEADER_END.length);

      let finished = false;
      /** The next piece of this part's body, or null at its end (the delimiter is consumed). */
      const nextChunk = async (): Promise<Buffer | null> => {
        if (finished) return null;
        for (;;) {
          const index = reader.buffer.indexOf(delimiter);
          if (index !== -1) {
            const piece = reader.buffer.subarray(0, index);
            reader.buffer = reader.buffer.subarray(index + delimiter.length);
            finished = true;
            return piece.length ? piece : null;
          }
          // Everything but a possible start of the delimiter can go now.
          const safe = reader.buffer.length - delimiter.length + 1;
          if (safe > 0) {
            const piece = reader.buffer.subarray(0, safe);
            reader.buffer = reader.buffer.subarray(safe);
            return piece;
          }
          if (!(await reader.fill())) throw new MultipartError("the body ends inside a part");
        }
      };
      let bodyTaken = false;
      const body: AsyncIterable<Buffer> = {
        async *[Symbol.asyncIterator]() {
          if (bodyTaken) throw new Error("a multipart part's body can be read only once");
          bodyTaken = true;
          for (let piece = await nextChunk(); piece; piece = await nextChunk()) yield piece;
        },
      };
      yield {
        ...headers,
        body,
        async text(maxBytes = 64 * 1024) {
          const pieces: Buffer[] = [];
          let length = 0;
          for await (const piece of body) {
            length += piece.length;
            if (length > maxBytes) throw new MultipartError(`field ${headers.name} is longer than ${maxBytes} bytes`);
            pieces.push(Buffer.from(piece));
          }
          return Buffer.concat(pieces).toString("utf8");
        },
      };
      // Whatever the consumer left unread is skipped, never kept.
      while (await nextChunk());
    }
  } finally {
    await reader.close();
  }
}

interface PartHeaders {
  name: string;
  filename: string | null;
  contentType: string;
}

function parsePartHeaders(block: string): PartHeaders {
  let disposition: Map<string, string> | null = null;
  let contentType: string | null = null;
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon === -1) throw new MultipartError("malformed part header");
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === "content-disposition") disposition = parseDisposition(value);
    else if (header === "content-type") contentType = value;
  }
  const name = disposition?.get("name");
  if (name === undefined) throw new MultipartError("a part without Content-Disposition: form-data; name=…");
  const extended = disposition?.get("filename*");
  const filename = extended !== undefined ? decodeExtendedValue(extended) : (disposition?.get("filename") ?? null);
  return {
    name,
    filename,
    contentType: contentType ?? (filename === null ? "text/plain" : "application/octet-stream"),
  };
}

function parseDisposition(value: string): Map<string, string> {
  const [type, ...rest] = splitParams(value);
  if (type?.trim().toLowerCase() !== "form-data") throw new MultipartError("Content-Disposition is not form-data");
  const params = new Map<string, string>();
  for (const param of rest) {
    const equals = param.indexOf("=");
    if (equals === -1) continue;
    const key = param.slice(0, equals).trim().toLowerCase();
    let raw = param.slice(equals + 1).trim();
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
      raw = raw.slice(1, -1).replace(/\\(["\\])/g, "$1");
    }
    // Browsers escape these three in names (HTML "multipart/form-data encoding algorithm").
    params.set(key, raw.replace(/%22/g, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n"));
  }
  return params;
}

/** Splits on semicolons outside quoted strings. */
function splitParams(value: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i]!;
    if (quoted && char === "\\" && i + 1 < value.length) {
      current += char + value[i + 1];
      i += 1;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ";" && !quoted) {
      parts.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts;
}

/** RFC 8187 `UTF-8''%E5%B7%A5%E5%8E%82.png`. */
function decodeExtendedValue(value: string): string {
  const match = /^([\w!#$%&+^`{}~-]*)'[^']*'(.*)$/.exec(value);
  if (!match) return value;
  try {
    return decodeURIComponent(match[2] ?? "");
  } catch {
    return match[2] ?? "";
  }
}

/**
 * A small form's fields (urlencoded or multipart without files), read to at most `maxBytes`: for endpoints
 * where `request.formData()` would read a body of any size into memory. Null when the body is larger, or
 * carries a file.
 */
export async function readSmallForm(request: Request, maxBytes = 64 * 1024): Promise<FormData | null> {
  const formData = new FormData();
  if (!request.body) return formData;
  const contentType = request.headers.get("Content-Type") ?? "";
  const boundary = multipartBoundary(contentType);
  if (boundary) {
    let total = 0;
    try {
      for await (const part of parseMultipart(request.body, boundary, { maxParts: 50 })) {
        if (part.filename !== null) return null;
        const value = await part.text(maxBytes - total);
        total += Buffer.byteLength(value);
        formData.append(part.name, value);
      }
    } catch (error) {
      if (error instanceof MultipartError) return null;
      throw error;
    }
    return formData;
  }
  const pieces: Buffer[] = [];
  let length = 0;
  for await (const chunk of chunksOf(request.body)) {
    length += chunk.byteLength;
    if (length > maxBytes) return null;
    pieces.push(Buffer.from(chunk));
  }
  for (const [name, value] of new URLSearchParams(Buffer.concat(pieces).toString("utf8"))) formData.append(name, value);
  return formData;
}
