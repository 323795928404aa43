import { json } from "@remix-run/node";

/** What server.js hands every loader and action (see getLoadContext there). */
declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp: string | null;
    cspNonce: string;
    /** Resolves when the response's socket can take more bytes (file downloads; see file-response.server.ts). */
    waitForDrain?: () => Promise<void>;
  }
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export function requestMeta(request: Request, context: { clientIp?: string | null } | undefined): RequestMeta {
  return { ip: context?.clientIp ?? null, userAgent: request.headers.get("User-Agent") };
}

/** The error Responses the root ErrorBoundary knows how to show, in the viewer's language. */
export function forbidden(): Response {
  return json({ reason: "forbidden" }, { status: 403 });
}

export function notFound(): Response {
  return json({ reason: "not_found" }, { status: 404 });
}

/**
 * Only same-site relative paths: "/cases?x=1" yes; "//evil.example", "https://…", "/\\evil" no — and no control
 * characters, which browsers strip ("/\t/evil.example" would become "//evil.example"). The path is resolved
 * against a dummy origin and must stay on it. Used for every redirectTo from a form or a query string.
 */
export function safeRedirectPath(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (/[\u0000-\u001F\u007F\\]/.test(target)) return fallback;
  const base = new URL("http://portal.invalid");
  let resolved: URL;
  try {
    resolved = new URL(target, base);
  } catch {
    return fallback;
  }
  // "/..//evil.example" resolves to the path "//evil.example": on its own, a protocol-relative URL again.
  if (resolved.origin !== base.origin || resolved.pathname.startsWith("//")) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
