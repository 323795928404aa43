/**
 * Cross-site request forgery defence: a state-changing request (anything but GET, HEAD, OPTIONS) must
 * carry an Origin header naming this portal. SameSite=Lax cookies already stop most forged POSTs; this
 * closes the rest (subdomains, old browsers) and refuses requests with no Origin at all.
 */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheck {
  method: string;
  origin: string | undefined;
  /** The Host the request was addressed to (or X-Forwarded-Host behind a trusted proxy). */
  host: string | undefined;
  trustedOrigins: readonly string[];
}

export function isAllowedOrigin({ method, origin, host, trustedOrigins }: OriginCheck): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (!origin || origin === "null") return false;
  if (trustedOrigins.includes(origin)) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return Boolean(host) && originHost.toLowerCase() === host!.toLowerCase();
}
