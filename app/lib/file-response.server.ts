/**
 * Sending a file from a loader without holding it in memory. Remix's Express adapter writes a response body
 * to the socket as fast as it can read it, without waiting for the socket to drain, so a large file sent to
 * a slow client would pile up in memory. The body made here reads the next piece only when the socket has
 * room (server.js passes `waitForDrain` in the load context) and stops when the client goes away.
 */
import type { Readable } from "node:stream";

export function responseBodyFromReadable(
  source: Readable,
  options: { signal?: AbortSignal; waitForDrain?: () => Promise<void> } = {},
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const stop = () => source.destroy();
  options.signal?.addEventListener("abort", stop, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (options.waitForDrain) await options.waitForDrain();
        if (options.signal?.aborted) {
          controller.close();
          return;
        }
        try {
          const next = await iterator.next();
          if (next.done) {
            options.signal?.removeEventListener("abort", stop);
            controller.close();
          } else {
            controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
          }
        } catch (error) {
          options.signal?.removeEventListener("abort", stop);
          controller.error(error);
        }
      },
      cancel() {
        stop();
      },
    },
    // Nothing read ahead: one piece at a time, when asked for.
    { highWaterMark: 0 },
  );
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` for any name: an ASCII stand-in for old clients and the
 * exact UTF-8 name (Chinese included) for everyone else. Quotes, backslashes, control characters and path
 * separators never reach the header.
 */
export function contentDisposition(type: "attachment" | "inline", fileName: string): string {
  const cleaned = fileName.replace(/[\u0000-\u001f\u007f"\\/]/g, "_"); // eslint-disable-line no-control-regex
  const ascii = cleaned.replace(/[^\x20-\x7e]/g, "_") || "file";
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
