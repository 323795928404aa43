/**
 * A local stand-in for UploadThing that speaks the wire protocol the installed SDK (uploadthing 7.7, UTApi)
 * uses, so the UploadThing backend can be tested on a machine that cannot reach the service. Tests only (and
 * `scripts/fake-uploadthing.ts` for trying the portal against it by hand). What it implements, read from
 * node_modules/uploadthing/server/index.js and @uploadthing/shared:
 *
 * - Ingest: `PUT {ingestUrl}/{key}?expires=…&x-ut-identifier=<appId>&x-ut-file-name=…&x-ut-file-size=…
 *   &x-ut-file-type=…&x-ut-content-disposition=…[&x-ut-acl=…]&signature=hmac-sha256=<hex>`, the signature an
 *   HMAC-SHA256 with the API key over the URL before `&signature`; the body multipart/form-data with one
 *   `file` part. Answers `{ url, appUrl, ufsUrl, fileHash }` (fileHash: MD5 hex, as UploadThing's).
 * - Files: `GET|HEAD http://{ufsHost}/a/{appId}/{key}` (ufsAppIdLocation "path") or
 *   `http://{appId}.{ufsHost}/f/{key}`, with `?expires=…&signature=…` from UTApi.generateSignedURL. This fake
 *   behaves as an app whose files are private: no valid signature, no file.
 * - API: `POST {apiUrl}/v6/<operation>` with the `x-uploadthing-api-key` header (401 without the right one):
 *   listFiles, getUsageInfo, requestFileAccess, getFileUrl, deleteFiles.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { multipartBoundary, parseMultipart } from "~/lib/multipart.server";
import type { UploadThingOptions } from "./uploadthing.server";

export interface FakeStoredFile {
  key: string;
  name: string;
  size: number;
  type: string;
  md5: string;
  sha256: string;
  uploadedAt: number;
  path: string;
}

export interface FakeRequestLog {
  method: string;
  path: string;
  apiKeyHeader: string | null;
  status: number;
}

export interface FakeUploadThing {
  /** Everything a UploadThingStorage (or UTApi) needs to talk to this server. */
  options: UploadThingOptions & { token: string; apiUrl: string; ingestUrl: string; ufsHost: string; ufsAppIdLocation: "path" };
  /** The same as environment variables, for a server process. */
  env: Record<string, string>;
  apiKey: string;
  appId: string;
  files: Map<string, FakeStoredFile>;
  requests: FakeRequestLog[];
  /** Changes the stored bytes of a file behind the portal's back (the tampering tests). */
  tamper(key: string, bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeUploadThing(options: { directory: string; port?: number }): Promise<FakeUploadThing> {
  await fs.promises.mkdir(options.directory, { recursive: true });
  const apiKey = `sk_test_${randomBytes(16).toString("hex")}`;
  const appId = `fakeapp${randomBytes(3).toString("hex")}`;
  const files = new Map<string, FakeStoredFile>();
  const requests: FakeRequestLog[] = [];

  const sign = (payload: string) => `hmac-sha256=${createHmac("sha256", apiKey).update(payload).digest("hex")}`;
  /** Checks `…&signature=…` against the URL before it, as the SDK signed it, and the expiry. */
  const validSignature = (request: http.IncomingMessage): boolean => {
    const raw = request.url ?? "";
    const at = raw.lastIndexOf("&signature=");
    if (at === -1) return false;
    const url = new URL(raw, `http://${request.headers.host}`);
    const given = url.searchParams.get("signature") ?? "";
    const expected = sign(`http://${request.headers.host}${raw.slice(0, at)}`);
    const expires = Number(url.searchParams.get("expires"));
    if (!(expires > Date.now())) return false;
    return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", `http://${request.headers.host}`);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({
        method: request.method ?? "",
        path: url.pathname,
        apiKeyHeader: (request.headers["x-uploadthing-api-key"] as string | undefined) ?? null,
        status,
      });
      if (!response.headersSent) response.writeHead(status, { "Content-Type": "application/json", ...headers });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    handle(request, response, url, reply).catch((error: unknown) => {
      reply(500, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL,
    reply: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): Promise<void> {
    const host = request.headers.host ?? "";
    const ufsBase = `http://localhost:${port}`;

    if (url.pathname.startsWith("/v6/") && request.method === "POST") {
      if (request.headers["x-uploadthing-api-key"] !== apiKey) return reply(401, { error: "Invalid API key" });
      const body = JSON.parse((await readAll(request)).toString("utf8") || "{}") as Record<string, unknown>;
      const keysOf = (value: unknown) => (Array.isArray(value) ? value : value ? [value] : []) as string[];
      switch (url.pathname) {
        case "/v6/listFiles": {
          const offset = Number(body.offset ?? 0);
          const limit = Number(body.limit ?? 500);
          const all = [...files.values()];
          return reply(200, {
            hasMore: offset + limit < all.length,
            files: all.slice(offset, offset + limit).map((file) => ({
              id: file.key,
              customId: null,
              key: file.key,
              name: file.name,
              size: file.size,
              status: "Uploaded",
              uploadedAt: file.uploadedAt,
            })),
          });
        }
        case "/v6/getUsageInfo": {
          const total = [...files.values()].reduce((sum, file) => sum + file.size, 0);
          return reply(200, { totalBytes: total, appTotalBytes: total, filesUploaded: files.size, limitBytes: 2 * 1024 ** 3 });
        }
        case "/v6/requestFileAccess": {
          const key = String(body.fileKey ?? "");
          if (!files.has(key)) return reply(404, { error: "Not found" });
          const expires = Date.now() + Number(body.expiresIn ?? 3600) * 1000;
          const unsigned = `${ufsBase}/a/${appId}/${key}?expires=${expires}`;
          const signed = `${unsigned}&signature=${encodeURIComponent(sign(unsigned))}`;
          return reply(200, { url: signed, ufsUrl: signed });
        }
        case "/v6/getFileUrl":
          return reply(200, { data: keysOf(body.fileKeys).map((key) => ({ key, url: `${ufsBase}/a/${appId}/${key}` })) });
        case "/v6/deleteFiles": {
          let deleted = 0;
          for (const key of keysOf(body.fileKeys)) if (files.delete(key)) deleted += 1;
          return reply(200, { success: true, deletedCount: deleted });
        }
        default:
          return reply(404, { error: `Unknown operation ${url.pathname}` });
      }
    }

    const fileMatch = /^\/a\/([^/]+)\/([^/]+)$/.exec(url.pathname) ?? /^\/f\/([^/]+)$/.exec(url.pathname);
    if (fileMatch && (request.method === "GET" || request.method === "HEAD")) {
      const key = fileMatch.length === 3 ? fileMatch[2]! : fileMatch[1]!;
      const requestedApp = fileMatch.length === 3 ? fileMatch[1]! : host.split(".")[0]!;
      if (requestedApp !== appId || !validSignature(request)) return reply(403, { error: "Invalid signature" });
      const file = files.get(key);
      if (!file) return reply(404, { error: "Not found" });
      const stat = await fs.promises.stat(file.path);
      requests.push({ method: request.method, path: url.pathname, apiKeyHeader: null, status: 200 });
      response.writeHead(200, { "Content-Type": file.type, "Content-Length": String(stat.size) });
      if (request.method === "HEAD") return void response.end();
      fs.createReadStream(file.path).pipe(response);
      return;
    }

    if (request.method === "PUT" && /^\/[^/]+$/.test(url.pathname)) {
      const key = url.pathname.slice(1);
      if (!validSignature(request)) return reply(403, { error: "Invalid signature" });
      if (url.searchParams.get("x-ut-identifier") !== appId) return reply(403, { error: "Wrong app" });
      if (files.has(key)) return reply(409, { error: "Key already used" });
      const decode = (name: string) => decodeURIComponent(url.searchParams.get(name) ?? "");
      const declaredSize = Number(decode("x-ut-file-size"));
      const boundary = multipartBoundary(request.headers["content-type"]);
      if (!boundary) return reply(400, { error: "Expected multipart/form-data" });
      const target = path.join(options.directory, key);
      let stored: FakeStoredFile | null = null;
      for await (const part of parseMultipart(Readable.toWeb(request) as ReadableStream<Uint8Array>, boundary)) {
        if (part.name !== "file" || part.filename === null) continue;
        const md5 = createHash("md5");
        const sha256 = createHash("sha256");
        const out = fs.createWriteStream(target, { flags: "wx" });
        let size = 0;
        for await (const chunk of part.body) {
          md5.update(chunk);
          sha256.update(chunk);
          size += chunk.length;
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        }
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        stored = {
          key,
          name: decode("x-ut-file-name"),
          size,
          type: decode("x-ut-file-type") || "application/octet-stream",
          md5: md5.digest("hex"),
          sha256: sha256.digest("hex"),
          uploadedAt: Date.now(),
          path: target,
        };
      }
      if (!stored) return reply(400, { error: "No file part" });
      if (stored.size !== declaredSize) {
        await fs.promises.rm(target, { force: true });
        return reply(400, { error: `Size ${stored.size} differs from the signed ${declaredSize}` });
      }
      files.set(key, stored);
      const fileUrl = `${ufsBase}/a/${appId}/${key}`;
      return reply(200, { url: fileUrl, appUrl: fileUrl, ufsUrl: fileUrl, fileHash: stored.md5, serverData: null });
    }

    reply(404, { error: "Not found" });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ["local"] })).toString("base64");
  const fakeOptions = {
    token,
    apiUrl: `http://127.0.0.1:${port}`,
    ingestUrl: `http://127.0.0.1:${port}`,
    // "local" in the host makes the SDK build http:// file URLs; the app id goes in the path.
    ufsHost: `localhost:${port}`,
    ufsAppIdLocation: "path" as const,
  };
  return {
    options: fakeOptions,
    env: {
      UPLOADTHING_TOKEN: token,
      UPLOADTHING_API_URL: fakeOptions.apiUrl,
      UPLOADTHING_INGEST_URL: fakeOptions.ingestUrl,
      UPLOADTHING_UFS_HOST: fakeOptions.ufsHost,
      UPLOADTHING_UFS_APP_ID_LOCATION: fakeOptions.ufsAppIdLocation,
    },
    apiKey,
    appId,
    files,
    requests,
    async tamper(key, bytes) {
      const file = files.get(key);
      if (!file) throw new Error(`No file ${key}`);
      await fs.promises.writeFile(file.path, bytes);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
