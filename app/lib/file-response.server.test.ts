import { Readable } from "node:stream";
import { contentDisposition, responseBodyFromReadable } from "./file-response.server";

describe("file responses", () => {
  it("reads the file only as fast as the socket drains, never ahead", async () => {
    let produced = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 1000; i += 1) {
          produced += 1;
          yield Buffer.alloc(64 * 1024, i % 256);
        }
      })(),
      { objectMode: false, highWaterMark: 1 },
    );
    let release: () => void = () => {};
    let waiting = 0;
    const body = responseBodyFromReadable(source, {
      waitForDrain: () => {
        waiting += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const reader = body.getReader();
    const first = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waiting).toBe(1);
    expect(produced).toBeLessThanOrEqual(2); // nothing is read while the socket is full
    release();
    expect((await first).value?.byteLength).toBe(64 * 1024);
    for (let i = 0; i < 5; i += 1) {
      const next = reader.read();
      await new Promise((resolve) => setTimeout(resolve, 5));
      release();
      await next;
    }
    expect(produced).toBeLessThanOrEqual(16); // of 1000: a few pieces of stream buffering, not the file
    await reader.cancel();
    expect(source.destroyed).toBe(true);
  });

  it("stops reading when the client goes away", async () => {
    const controller = new AbortController();
    const source = Readable.from([Buffer.from("a"), Buffer.from("b"), Buffer.from("c")]);
    const reader = responseBodyFromReadable(source, { signal: controller.signal }).getReader();
    expect((await reader.read()).value).toEqual(new Uint8Array([0x61]));
    controller.abort();
    expect(source.destroyed).toBe(true);
    expect((await reader.read()).done).toBe(true);
  });

  it("names the file safely, in ASCII and in UTF-8", () => {
    expect(contentDisposition("attachment", "耐克鉴定报告.pdf")).toBe(
      `attachment; filename="______.pdf"; filename*=UTF-8''${encodeURIComponent("耐克鉴定报告.pdf")}`,
    );
    const hostile = contentDisposition("inline", 'a"b\\c/d\r\nSet-Cookie: x=1.txt');
    expect(hostile).not.toMatch(/[\r\n]/);
    expect(hostile).toBe(`inline; filename="a_b_c_d__Set-Cookie: x=1.txt"; filename*=UTF-8''a_b_c_d__Set-Cookie%3A%20x%3D1.txt`);
  });
});
