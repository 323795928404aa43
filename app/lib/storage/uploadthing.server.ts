/**
 * Evidence on UploadThing, through its server SDK (UTApi). The SDK reads UPLOADTHING_TOKEN and, when set,
 * UPLOADTHING_API_URL, UPLOADTHING_INGEST_URL, UPLOADTHING_UFS_HOST and UPLOADTHING_UFS_APP_ID_LOCATION
 * (tests point them at fake-uploadthing.server.ts, since this machine cannot reach the service).
 *
 * Uploads are staged on the local disk first, like every upload: the SHA-256, the size limit and the
 * content-type check happen before a byte leaves the portal. The staged file then goes up as a file-backed
 * Blob (fs.openAsBlob), sent by a fetch with backpressure (streaming-fetch.server.ts: Node's own fetch would
 * read the whole file into memory), so memory stays flat here too. Downloads use a signed
 * URL generated locally (no API round trip), valid for five minutes.
 */
import fs from "node:fs";
import { Readable } from "node:stream";
import { UTApi, UTFile } from "uploadthing/server";
import { BlobNotFoundError, stageAndCommit, type CommitOptions, type EvidenceStorage, type StoredBlob } from "./interface.server";
import { chunksOf, stageBytes, type ByteSource, type StagedFile } from "./staging.server";
import { streamingFetch } from "./streaming-fetch.server";

export interface UploadThingOptions {
  token: string;
  /** Overrides of what the SDK otherwise reads from UPLOADTHING_* variables (tests). */
  apiUrl?: string;
  ingestUrl?: string;
  ufsHost?: string;
  ufsAppIdLocation?: "subdomain" | "path";
}

/**
 * The SDK reads `file.url` and `file.appUrl` itself on every upload and then warns about that use of its own
 * deprecated fields (uploadthing 7.7, server/index.js uploadFile). The portal never reads them; drop exactly
 * those two messages so the log keeps only real problems.
 */
function silenceTheSdksOwnDeprecationWarnings(): void {
  const marker = Symbol.for("portal.uploadthing.warnFilter");
  const holder = console as unknown as Record<symbol, boolean>;
  if (holder[marker]) return;
  holder[marker] = true;
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const [first] = args;
    if (typeof first === "string" && /\[uploadthing\]\[deprecated\] `file\.(url|appUrl)` is deprecated/.test(first)) return;
    warn(...args);
  };
}

export class UploadThingStorage implements EvidenceStorage {
  readonly backend = "uploadthing" as const;
  private readonly api: UTApi;

  /** `stagingRoot`: the local directory whose tmp/ holds uploads on their way out. */
  constructor(
    private readonly stagingRoot: string,
    options: UploadThingOptions,
  ) {
    this.api = new UTApi({ ...options, fetch: streamingFetch, logLevel: "Error" });
    silenceTheSdksOwnDeprecationWarnings();
  }

  stage(source: ByteSource, options: { maxBytes: number }): Promise<StagedFile> {
    return stageBytes(this.stagingRoot, source, options);
  }

  async commit(staged: StagedFile, options: CommitOptions): Promise<StoredBlob> {
    const blob = await fs.openAsBlob(staged.path, { type: options.contentType });
    // The object's name is the digest: the uploader's own file name stays in the portal's database.
    const name = options.extension ? `${staged.sha256}.${options.extension}` : staged.sha256;
    const file = new UTFile([blob], name, { type: options.contentType });
    const result = await this.api.uploadFiles(file, { contentDisposition: "attachment" });
    if (result.error) throw new Error(`UploadThing refused the upload: ${result.error.code} ${result.error.message}`);
    if (result.data.size !== staged.sizeBytes) {
      throw new Error(`UploadThing stored ${result.data.size} bytes of ${staged.sizeBytes}`);
    }
    await staged.discard();
    return { key: result.data.key, sizeBytes: staged.sizeBytes, sha256: staged.sha256 };
  }

  put(source: ByteSource, options: { maxBytes: number } & CommitOptions): Promise<StoredBlob> {
    return stageAndCommit(this, source, options);
  }

  private async request(key: string, method: "GET" | "HEAD", signal?: AbortSignal): Promise<Response> {
    const { ufsUrl } = await this.api.generateSignedURL(key, { expiresIn: 300 });
    return fetch(ufsUrl, { method, signal, redirect: "follow" });
  }

  async get(key: string, options: { signal?: AbortSignal } = {}): Promise<Readable> {
    const response = await this.request(key, "GET", options.signal);
    if (response.status === 404 || response.status === 410) throw new BlobNotFoundError(key);
    if (!response.ok || !response.body) throw new Error(`UploadThing answered ${response.status} for ${key}`);
    // Through a reader, not Readable.fromWeb: server.js installs Remix's fetch, whose bodies are not Node's
    // own ReadableStream class.
    return Readable.from(chunksOf(response.body as ReadableStream<Uint8Array>));
  }

  async exists(key: string): Promise<boolean> {
    const response = await this.request(key, "HEAD");
    return response.ok;
  }
}
