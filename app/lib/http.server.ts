import { json } from "@remix-run/node";

/** What server.js hands every loader and action (see getLoadContext there). */
declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp: string | null;
    cspNonce: string;
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
 * Only same-site relative paths: "/cases?x=1" yes; "//evil.example", "https://…", "/\\evil" no.
 * Used for every redirectTo that comes from a form or a query string.
 */
export function safeRedirectPath(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  return target;
}
