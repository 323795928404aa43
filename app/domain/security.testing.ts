/**
 * Test helpers for the account-security and administration tests: viewers of the demo accounts, session
 * cookies and requests, and TOTP codes computed the way an authenticator app does.
 */
import { eq } from "drizzle-orm";
import { loadViewer } from "./viewers.server";
import * as OTPAuth from "otpauth";
import type { Database } from "../../db/client";
import { auditEvents, users } from "../../db/schema";
import { readSessionToken } from "~/lib/auth.server";
import type { Viewer } from "./policy";

export const META = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36" };

export function viewerOf(db: Database, email: string): Promise<Viewer> {
  return loadViewer(db, { email });
}

export async function userRow(db: Database, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row;
}

export function tokenFromCookie(setCookie: string): string {
  return readSessionToken(new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0]! } }))!;
}

/** A request carrying the session cookie from a Set-Cookie header. */
export function requestWithCookie(setCookie: string | null, url = "http://localhost/", init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (setCookie) headers.set("Cookie", setCookie.split(";")[0]!);
  return new Request(url, { ...init, headers });
}

/** The code an authenticator app would show for this secret at `at` (ms). */
export function totpCode(secretBase32: string, at = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secretBase32), digits: 6, period: 30, algorithm: "SHA1" }).generate({
    timestamp: at,
  });
}

/** A 6-digit code that is not valid for the secret now (nor one step either side). */
export function wrongTotpCode(secretBase32: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((offset) => totpCode(secretBase32, Date.now() + offset)));
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

export async function auditOf(db: Database, action: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(auditEvents.seq);
}
