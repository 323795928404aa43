/**
 * Two-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of clock drift either
 * way) and ten one-time recovery codes. docs/decisions/0010-two-factor-sessions-and-step-up.md.
 *
 * - The TOTP secret is stored encrypted (AES-256-GCM, key from APP_SECRET, bound to the user's id).
 * - Enrolment is stateless until confirmed: the new secret travels in the form sealed with the same key
 *   (bound to the user, valid 15 minutes), so an abandoned enrolment leaves nothing behind and a user
 *   replacing their authenticator keeps the old one working until the new one is proven.
 * - A code is never accepted twice: the last accepted time step is stored and compared atomically.
 * - Recovery codes are random (about 50 bits each) and stored as SHA-256; using one marks it used in the same
 *   UPDATE that checks it, so it works once even under concurrent requests.
 * - Wrong codes count towards the account lockout (5 in 15 minutes), which also ends the session.
 */
import { and, count, eq, isNull, or, lt, sql } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { invalidateUserSessions, markSessionTwoFactorVerified } from "~/lib/auth.server";
import { decryptSecret, encryptSecret, randomReadableCode, sha256Hex } from "~/lib/crypto.server";
import { recoveryCodes, users, type Database, type DbOrTx, type Transaction, type User } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { RequestMeta } from "~/lib/http.server";
import { actorOf, registerCredentialFailure, viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import type { Viewer } from "./policy";

export const TOTP_ISSUER = "AC Portal";
const TOTP_PERIOD_SECONDS = 30;
const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
const ENROLMENT_TTL_MS = 15 * 60 * 1000;

function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The time step a code matches (within one step of drift), or null. */
export function matchTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secretBase32, "").validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

export interface TotpEnrolment {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as a QR code PNG (a data: URL, which the CSP's img-src allows). */
  qrDataUrl: string;
  /** The sealed secret for the confirmation form. */
  enrolment: string;
}

async function describeEnrolment(user: Pick<User, "email">, secret: string, enrolment: string): Promise<TotpEnrolment> {
  const otpauthUri = totpFor(secret, user.email).toString();
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: "M", margin: 1, width: 208 });
  return { secret, otpauthUri, qrDataUrl, enrolment };
}

/** A new secret, not stored anywhere yet: it lives in the sealed `enrolment` until confirmed. */
export async function startTotpEnrolment(user: Pick<User, "id" | "email">, now = Date.now()): Promise<TotpEnrolment> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  return describeEnrolment(user, secret, encryptSecret(JSON.stringify({ secret, issuedAt: now }), "totp-enrolment", user.id));
}

/** The enrolment already under way (after a mistyped code), or null when it is no longer valid. */
export async function resumeTotpEnrolment(user: Pick<User, "id" | "email">, enrolment: string): Promise<TotpEnrolment | null> {
  const secret = openTotpEnrolment(enrolment, user.id);
  return secret ? describeEnrolment(user, secret, enrolment) : null;
}

/** The secret of a sealed enrolment made for this user within the last 15 minutes, or null. */
export function openTotpEnrolment(enrolment: string, userId: string, now = Date.now()): string | null {
  const opened = decryptSecret(enrolment, "totp-enrolment", userId);
  if (!opened) return null;
  try {
    const { secret, issuedAt } = JSON.parse(opened) as { secret?: unknown; issuedAt?: unknown };
    if (typeof secret !== "string" || typeof issuedAt !== "number") return null;
    if (now - issuedAt > ENROLMENT_TTL_MS || issuedAt > now + 60_000) return null;
    return secret;
  } catch {
    return null;
  }
}

function storedSecret(user: Pick<User, "id" | "totpSecretEncrypted">): string | null {
  return user.totpSecretEncrypted ? decryptSecret(user.totpSecretEncrypted, "totp-secret", user.id) : null;
}

export function formatRecoveryCode(raw: string): string {
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

export function normaliseRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

function hashRecoveryCode(code: string): string {
  return sha256Hex(`recovery-code:${normaliseRecoveryCode(code)}`);
}

/** Replaces the user's recovery codes with ten new ones; returns them (shown once, never stored in clear). */
async function replaceRecoveryCodes(tx: Transaction, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatRecoveryCode(randomReadableCode(10)));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ unused: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.unused ?? 0;
}

/** Accepts the code once: the step is recorded in the same UPDATE that checks it was not used before. */
async function consumeTotpCode(tx: Transaction, user: User, code: string, now: number): Promise<boolean> {
  const secret = storedSecret(user);
  if (!secret || !/^\d{6}$/.test(code)) return false;
  const step = matchTotpStep(secret, code, now);
  if (step === null) return false;
  const accepted = await tx
    .update(users)
    .set({ totpLastUsedStep: step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastUsedStep), lt(users.totpLastUsedStep, step))))
    .returning({ id: users.id });
  return accepted.length === 1;
}

async function consumeRecoveryCode(tx: Transaction, userId: string, code: string): Promise<boolean> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)),
    )
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export type SecondFactorMethod = "totp" | "recovery_code";

function looksLikeTotp(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ""));
}

/** Checks a TOTP code or a recovery code of the user (for re-authentication); consumes it when right. */
export async function checkSecondFactor(tx: Transaction, user: User, rawCode: string): Promise<SecondFactorMethod | null> {
  const code = rawCode.trim();
  if (looksLikeTotp(code)) return (await consumeTotpCode(tx, user, code.replace(/\s+/g, ""), Date.now())) ? "totp" : null;
  return (await consumeRecoveryCode(tx, user.id, code)) ? "recovery_code" : null;
}

export type SecondFactorResult =
  | { ok: true; method: SecondFactorMethod; recoveryCodesLeft: number }
  | { ok: false; reason: "wrong_code" | "locked" };

/**
 * The second step of signing in: the session (waiting for the second factor) becomes complete when the code
 * is right. A wrong one counts towards the lockout; the lock ends the session.
 */
export async function completeSecondFactor(
  db: Database,
  current: { token: string; user: User },
  rawCode: string,
  meta: RequestMeta,
): Promise<SecondFactorResult> {
  const now = new Date();
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, current.user.id)).for("update");
    if (!user || user.deactivatedAt) return { ok: false, reason: "locked" } as const;
    if (user.lockedUntil && user.lockedUntil > now) {
      await invalidateUserSessions(tx, user.id);
      await recordAudit(tx, {
        action: "auth.sign_in",
        outcome: "failure",
        actor: actorOf(user),
        ip: meta.ip,
        entityType: "user",
        entityId: user.id,
        details: { reason: "locked", lockedUntil: user.lockedUntil.toISOString() },
      });
      return { ok: false, reason: "locked" } as const;
    }
    const method = await checkSecondFactor(tx, user, rawCode);
    if (!method) {
      const { locked } = await registerCredentialFailure(tx, user, meta, {
        action: "auth.sign_in",
        reason: "wrong_second_factor",
        endSessionsOnLock: true,
      });
      return { ok: false, reason: locked ? "locked" : "wrong_code" } as const;
    }
    await tx
      .update(users)
      .set({
        failedSignInCount: 0,
        failedSignInWindowStartedAt: null,
        lockedUntil: null,
        lastSignInAt: now,
        lastSignInIp: meta.ip,
        lastActiveAt: now,
      })
      .where(eq(users.id, user.id));
    await markSessionTwoFactorVerified(tx, current.token, now);
    const recoveryCodesLeft = await countUnusedRecoveryCodes(tx, user.id);
    await recordAudit(tx, {
      action: "auth.sign_in",
      actor: actorOf(user),
      ip: meta.ip,
      entityType: "user",
      entityId: user.id,
      details: method === "recovery_code" ? { secondFactor: method, recoveryCodesLeft } : { secondFactor: method },
    });
    return { ok: true, method, recoveryCodesLeft } as const;
  });
}

export type EnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: "expired" | "wrong_code" };

/**
 * Confirms an enrolment with a code from the new authenticator: stores the secret (encrypted), issues ten
 * new recovery codes, and marks this session as having passed the second factor. Replaces any earlier TOTP.
 */
export async function completeTotpEnrolment(
  db: Database,
  current: { token: string; user: Pick<User, "id"> },
  input: { enrolment: string; code: string },
  meta: RequestMeta,
): Promise<EnrolmentResult> {
  const secret = openTotpEnrolment(input.enrolment, current.user.id);
  if (!secret) return { ok: false, reason: "expired" };
  const now = Date.now();
  const step = matchTotpStep(secret, input.code, now);
  if (step === null) return { ok: false, reason: "wrong_code" };
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, current.user.id)).for("update");
    if (!user) return { ok: false, reason: "expired" } as const;
    const replaced = Boolean(user.totpEnabledAt);
    await tx
      .update(users)
      .set({
        totpSecretEncrypted: encryptSecret(secret, "totp-secret", user.id),
        totpEnabledAt: new Date(now),
        totpLastUsedStep: step,
        updatedAt: new Date(now),
      })
      .where(eq(users.id, user.id));
    const codes = await replaceRecoveryCodes(tx, user.id);
    await markSessionTwoFactorVerified(tx, current.token, new Date(now));
    await recordAudit(tx, {
      action: "auth.two_factor_enrolled",
      actor: actorOf(user),
      ip: meta.ip,
      entityType: "user",
      entityId: user.id,
      details: { replacedPrevious: replaced, recoveryCodesIssued: codes.length },
    });
    return { ok: true, recoveryCodes: codes } as const;
  });
}

type Self = Pick<Viewer, "userId" | "organisationId" | "email">;

export async function regenerateRecoveryCodes(db: Database, viewer: Self, meta: RequestMeta): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(users).where(eq(users.id, viewer.userId)).for("update");
    if (!row?.totpEnabledAt) return null;
    const codes = await replaceRecoveryCodes(tx, viewer.userId);
    await recordAudit(tx, {
      action: "auth.recovery_codes_regenerated",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "user",
      entityId: viewer.userId,
      details: { recoveryCodesIssued: codes.length },
    });
    return codes;
  });
}

/** Turns two-factor sign-in off for one's own account; refused while REQUIRE_TWO_FACTOR is on. */
export async function disableOwnTwoFactor(db: Database, viewer: Self, meta: RequestMeta): Promise<boolean> {
  if (env().requireTwoFactor) return false;
  return db.transaction(async (tx) => {
    const cleared = await clearTwoFactor(tx, viewer.userId);
    if (!cleared) return false;
    await recordAudit(tx, {
      action: "auth.two_factor_disabled",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "user",
      entityId: viewer.userId,
      details: { by: "self" },
    });
    return true;
  });
}

/** Removes the user's TOTP secret and recovery codes; false when there was none. */
export async function clearTwoFactor(tx: Transaction, userId: string): Promise<boolean> {
  const cleared = await tx
    .update(users)
    .set({ totpSecretEncrypted: null, totpEnabledAt: null, totpLastUsedStep: null, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), sql`${users.totpEnabledAt} is not null`))
    .returning({ id: users.id });
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return cleared.length === 1;
}
