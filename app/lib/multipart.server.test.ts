import { createHash, randomBytes } from "node:crypto";
import { MultipartError, multipartBoundary, parseMultipart, readSmallForm, type MultipartPart } from "./multipart.server";

const BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

function body(parts: { name: string; filename?: string; type?: string; data: Uint8Array | string }[], boundary = BOUNDARY): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename === undefined ? `form-data; name="${part.name}"` : `form-data; name="${part.name}"; filename="${part.filename}"`;
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.type) pieces.push(Buffer.from(`Content-Type: ${part.type}\r\n`));
    pieces.push(Buffer.from("\r\n"), Buffer.from(part.data), Buffer.from("\r\n"));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

/** The body cut into pieces of random sizes (1 byte up to `max`), as a network delivers it. */
async function* chunked(data: Buffer, max: number, seed = 1): AsyncGenerator<Uint8Array> {
  let state = seed;
  let offset = 0;
  while (offset < data.length) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % max);
    yield new Uint8Array(data.subarray(offset, offset + size));
    offset += size;
  }
}

async function collect(parts: AsyncIterable<MultipartPart>) {
  const out: { name: string; filename: string | null; contentType: string; data: Buffer }[] = [];
  for await (const part of parts) {
    const pieces: Buffer[] = [];
    for await (const piece of part.body) pieces.push(Buffer.from(piece));
    out.push({ name: part.name, filename: part.filename, contentType: part.contentType, data: Buffer.concat(pieces) });
  }
  return out;
}

describe("multipart/form-data parser", () => {
  it("reads the boundary from the Content-Type, quoted or not", () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b:c"')).toBe("a b:c");
    expect(multipartBoundary("application/x-www-form-urlencoded")).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
  });

  it("gives back fields and files byte for byte, however the body is cut", async () => {
    // File contents that look like the delimiter's beginning, CRLFs at the edges, and random binary.
    const tricky = Buffer.concat([Buffer.from(`\r\n--${BOUNDARY.slice(0, 20)}\r\n-`), randomBytes(50_000), Buffer.from("\r\n\r\n--")]);
    const data = body([
      { name: "kind", data: "photo" },
      { name: "description", data: "工厂外景，莆田市涵江区" },
      { name: "file", filename: "厂房 外景.png", type: "image/png", data: tricky },
      { name: "file", filename: "empty.txt", type: "text/plain", data: "" },
    ]);
    for (const max of [1, 7, 64, 4096, 1 << 20]) {
      const parts = await collect(parseMultipart(chunked(data, max, max), BOUNDARY));
      expect(parts.map((part) => [part.name, part.filename, part.contentType])).toEqual([
        ["kind", null, "text/plain"],
        ["description", null, "text/plain"],
        ["file", "厂房 外景.png", "image/png"],
        ["file", "empty.txt", "text/plain"],
      ]);
      expect(parts[1]!.data.toString("utf8")).toBe("工厂外景，莆田市涵江区");
      expect(createHash("sha256").update(parts[2]!.data).digest("hex")).toBe(createHash("sha256").update(tricky).digest("hex"));
      expect(parts[3]!.data.length).toBe(0);
    }
  });

  it("skips what the reader leaves unread instead of keeping it", async () => {
    const data = body([
      { name: "skipped", filename: "big.bin", data: randomBytes(300_000) },
      { name: "kind", data: "video" },
    ]);
    const names: string[] = [];
    let text = "";
    for await (const part of parseMultipart(chunked(data, 16_384), BOUNDARY)) {
      names.push(part.name);
      if (part.filename === null) text = await part.text();
    }
    expect(names).toEqual(["skipped", "kind"]);
    expect(text).toBe("video");
  });

  it("decodes the names browsers and other clients send", async () => {
    const raw = Buffer.from(
      [
        `--${BOUNDARY}`,
        `Content-Disposition: form-data; name="file"; filename="a%22quote%22;semi.txt"`,
        "",
        "x",
        `--${BOUNDARY}`,
        `Content-Disposition: form-data; name="file"; filename="fallback.txt"; filename*=UTF-8''%E9%89%B4%E5%AE%9A%E6%8A%A5%E5%91%8A.pdf`,
        "",
        "y",
        `--${BOUNDARY}--`,
        "",
      ].join("\r\n"),
    );
    const parts = await collect(parseMultipart(chunked(raw, 10), BOUNDARY));
    expect(parts.map((part) => part.filename)).toEqual(['a"quote";semi.txt', "鉴定报告.pdf"]);
    expect(parts[0]!.contentType).toBe("application/octet-stream");
  });

  it("refuses malformed bodies with a MultipartError", async () => {
    const truncated = body([{ name: "file", filename: "x.bin", data: randomBytes(1000) }]).subarray(0, 600);
    await expect(collect(parseMultipart(chunked(truncated, 100), BOUNDARY))).rejects.toBeInstanceOf(MultipartError);
    const noDisposition = Buffer.from(`--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${BOUNDARY}--\r\n`);
    await expect(collect(parseMultipart(chunked(noDisposition, 100), BOUNDARY))).rejects.toThrow(/Content-Disposition/);
    await expect(collect(parseMultipart(chunked(Buffer.from("no boundary at all"), 5), BOUNDARY))).rejects.toThrow(/boundary/);
    const hugeHeaders = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${"x".repeat(20_000)}"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`);
    await expect(collect(parseMultipart(chunked(hugeHeaders, 1000), BOUNDARY))).rejects.toThrow(/headers/);
  });

  it("limits fields read as text", async () => {
    const data = body([{ name: "description", data: "x".repeat(2000) }]);
    const read = async () => {
      for await (const part of parseMultipart(chunked(data, 300), BOUNDARY)) await part.text(1000);
    };
    await expect(read()).rejects.toThrow(/longer than 1000/);
  });

  it("reads a small form, and refuses one that is too large or carries a file", async () => {
    const form = (text: string, type = "application/x-www-form-urlencoded") =>
      new Request("http://localhost/x", { method: "POST", body: text, headers: { "Content-Type": type } });
    expect((await readSmallForm(form("reason=%E9%87%8D%E5%A4%8D&x=1")))?.get("reason")).toBe("重复");
    expect(await readSmallForm(form(`reason=${"x".repeat(2000)}`), 1000)).toBeNull();
    const withFile = body([{ name: "file", filename: "a.txt", data: "hello" }]);
    expect(await readSmallForm(form(withFile.toString("latin1"), `multipart/form-data; boundary=${BOUNDARY}`))).toBeNull();
    const fields = body([{ name: "reason", data: "误传" }]);
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: new Uint8Array(fields),
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect((await readSmallForm(request))?.get("reason")).toBe("误传");
  });
});
