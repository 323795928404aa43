/**
 * Sessions. The only importer of lucia (deprecated upstream): replacing it means rewriting this file alone.
 * docs/decisions/0001-lucia-behind-one-module.md.
 *
 * - The cookie carries a random token (200 bits); the database keeps only its SHA-256.
 * - Idle timeout 30 minutes (extended at most once a minute), absolute lifetime 12 hours.
 * - The cookie is HttpOnly and SameSite=Lax; Secure with the __Host- prefix when COOKIE_SECURE (production).
 * - A session has a stage (docs/decisions/0010-two-factor-sessions-and-step-up.md): "complete", or waiting for the
 *   user's second factor, or for a required TOTP enrolment. Only a complete session counts as signed in.
 */
import { createHash } from "node:crypto";
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { and, desc, eq, ne } from "drizzle-orm";
import {
  Cookie,
  Lucia,
  TimeSpan,
  generateIdFromEntropySize,
  type Adapter,
  type DatabaseSession,
  type DatabaseUser,
} from "lucia";
import { sessions, users, type DbOrTx, type User } from "./db.server";
import { env } from "./env.server";

export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** How often a busy session's idle deadline is pushed forward (a write per request would be wasteful). */
const SESSION_EXTENSION_STEP_MS = 60 * 1000;

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Lucia keys sessions by the cookie value; this adapter stores and looks them up by its hash instead. */
class HashedTokenAdapter implements Adapter {
  constructor(private readonly inner: Adapter) {}

  async getSessionAndUser(token: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [session, user] = await this.inner.getSessionAndUser(hashSessionToken(token));
    return [session ? { ...session, id: token } : null, user];
  }
  getUserSessions(userId: string): Promise<DatabaseSession[]> {
    return this.inner.getUserSessions(userId); // ids are hashes here: usable to list, never as tokens
  }
  setSession(session: DatabaseSession): Promise<void> {
    return this.inner.setSession({ ...session, id: hashSessionToken(session.id) });
  }
  updateSessionExpiration(token: string, expiresAt: Date): Promise<void> {
    return this.inner.updateSessionExpiration(hashSessionToken(token), expiresAt);
  }
  deleteSession(token: string): Promise<void> {
    return this.inner.deleteSession(hashSessionToken(token));
  }
  deleteUserSessions(userId: string): Promise<void> {
    return this.inner.deleteUserSessions(userId);
  }
  deleteExpiredSessions(): Promise<void> {
    return this.inner.deleteExpiredSessions();
  }
}

function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-portal_session" : "portal_session";
}

// One Lucia per database handle: on PGlite, using the outer handle inside a transaction would hang, so
// callers pass the transaction they are in.
function createLucia(db: DbOrTx) {
  const secure = env().cookieSecure;
  return new Lucia(new HashedTokenAdapter(new DrizzlePostgreSQLAdapter(db as never, sessions, users)), {
    sessionExpiresIn: new TimeSpan(SESSION_IDLE_TIMEOUT_MS / 60_000, "m"),
    sessionCookie: {
      name: sessionCookieName(secure),
      // The server's expiry is what counts, so the cookie never needs refreshing; see sessionCookieHeader.
      expires: false,
      attributes: { secure, sameSite: "lax" },
    },
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => attributes,
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: {
      createdAt: Date;
      ip: string | null;
      userAgent: string | null;
      twoFactorVerifiedAt: Date | null;
      reauthenticatedAt: Date | null;
    };
    DatabaseUserAttributes: Omit<User, "id">;
  }
}

/**
 * Lucia's "expires: false" means a 400-day cookie. Drop Max-Age so it is a browser-session cookie instead:
 * gone when the browser closes (shared workstations), and never outliving what the server allows anyway.
 */
function sessionCookieHeader(cookie: Cookie): string {
  const { maxAge: _maxAge, expires: _expires, ...attributes } = cookie.attributes;
  return new Cookie(cookie.name, cookie.value, attributes).serialize();
}

/**
 * - complete: signed in;
 * - second_factor: the password was right and the user has TOTP; only the second-factor page may be used;
 * - enrolment: the password was right, two-factor sign-in is required and the user has not enrolled yet;
 *   only the enrolment page may be used.
 */
export type SessionStage = "complete" | "second_factor" | "enrolment";

export interface ValidSession {
  token: string;
  createdAt: Date;
  expiresAt: Date;
  twoFactorVerifiedAt: Date | null;
  reauthenticatedAt: Date | null;
  stage: SessionStage;
  user: User;
}

export function sessionStage(
  session: { twoFactorVerifiedAt: Date | null },
  user: Pick<User, "totpEnabledAt">,
  requireTwoFactor = env().requireTwoFactor,
): SessionStage {
  if (session.twoFactorVerifiedAt) return "complete";
  if (user.totpEnabledAt) return "second_factor";
  return requireTwoFactor ? "enrolment" : "complete";
}

export async function createUserSession(
  db: DbOrTx,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
  options: { twoFactorVerifiedAt?: Date | null } = {},
): Promise<{ token: string; setCookie: string }> {
  const lucia = createLucia(db);
  const token = generateIdFromEntropySize(25);
  await lucia.createSession(
    userId,
    { createdAt: new Date(), ...meta, twoFactorVerifiedAt: options.twoFactorVerifiedAt ?? null, reauthenticatedAt: null },
    { sessionId: token },
  );
  return { token, setCookie: sessionCookieHeader(lucia.createSessionCookie(token)) };
}

export function readSessionToken(request: Request): string | null {
  return createLucia(null as never).readSessionCookie(request.headers.get("Cookie") ?? "");
}

export async function validateSessionToken(db: DbOrTx, token: string): Promise<ValidSession | null> {
  const lucia = createLucia(db);
  const { session, user } = await lucia.validateSession(token);
  if (!session || !user) return null;
  const now = Date.now();
  if (now - session.createdAt.getTime() > SESSION_ABSOLUTE_LIFETIME_MS) {
    await lucia.invalidateSession(token);
    return null;
  }
  const { id, ...attributes } = user;
  const fullUser: User = { id, ...attributes };
  if (fullUser.deactivatedAt) {
    await lucia.invalidateUserSessions(id);
    return null;
  }
  let expiresAt = session.expiresAt;
  const stage = sessionStage(session, fullUser);
  if (!session.fresh && expiresAt.getTime() - now < SESSION_IDLE_TIMEOUT_MS - SESSION_EXTENSION_STEP_MS) {
    expiresAt = new Date(now + SESSION_IDLE_TIMEOUT_MS);
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, hashSessionToken(token)));
    // Activity for the 90-day inactivity rule; at most once a minute, with the extension above.
    if (stage === "complete") await db.update(users).set({ lastActiveAt: new Date(now) }).where(eq(users.id, id));
  }
  return {
    token,
    createdAt: session.createdAt,
    expiresAt,
    twoFactorVerifiedAt: session.twoFactorVerifiedAt ?? null,
    reauthenticatedAt: session.reauthenticatedAt ?? null,
    stage,
    user: fullUser,
  };
}

/** The second factor was passed (or TOTP enrolled) in this session: it becomes complete. */
export async function markSessionTwoFactorVerified(db: DbOrTx, token: string, at = new Date()): Promise<void> {
  await db.update(sessions).set({ twoFactorVerifiedAt: at }).where(eq(sessions.id, hashSessionToken(token)));
}

/** The user re-entered their credentials in this session (step-up before a sensitive action). */
export async function markSessionReauthenticated(db: DbOrTx, token: string, at = new Date()): Promise<void> {
  await db.update(sessions).set({ reauthenticatedAt: at }).where(eq(sessions.id, hashSessionToken(token)));
}

/** When this session last proved who its user is: sign-in, second factor, or a later re-authentication. */
export function lastAuthenticatedAt(session: Pick<ValidSession, "createdAt" | "twoFactorVerifiedAt" | "reauthenticatedAt">): Date {
  return new Date(
    Math.max(
      session.createdAt.getTime(),
      session.twoFactorVerifiedAt?.getTime() ?? 0,
      session.reauthenticatedAt?.getTime() ?? 0,
    ),
  );
}

export interface SessionSummary {
  /** The stored id (the token's SHA-256): names the session to its owner, never usable as a token. */
  id: string;
  createdAt: Date;
  /** Approximate (the idle deadline moves at most once a minute). */
  lastActiveAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** A user's open sessions, newest first; `current` marks the one holding `currentToken`. */
export async function listUserSessions(db: DbOrTx, userId: string, currentToken: string | null): Promise<SessionSummary[]> {
  const currentId = currentToken ? hashSessionToken(currentToken) : null;
  const now = Date.now();
  const rows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt));
  return rows
    .filter((row) => row.expiresAt.getTime() > now && now - row.createdAt.getTime() <= SESSION_ABSOLUTE_LIFETIME_MS)
    .map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      lastActiveAt: new Date(Math.max(row.createdAt.getTime(), row.expiresAt.getTime() - SESSION_IDLE_TIMEOUT_MS)),
      expiresAt: row.expiresAt,
      ip: row.ip,
      userAgent: row.userAgent,
      current: row.id === currentId,
    }));
}

/** Ends one of the user's own sessions by its listed id; false when it is not theirs (or already gone). */
export async function invalidateUserSessionById(db: DbOrTx, userId: string, sessionId: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

/** Ends every session of the user except the one holding `keepToken` (after a password change). */
export async function invalidateOtherUserSessions(db: DbOrTx, userId: string, keepToken: string): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, hashSessionToken(keepToken))))
    .returning({ id: sessions.id });
  return deleted.length;
}

export async function invalidateSession(db: DbOrTx, token: string): Promise<void> {
  await createLucia(db).invalidateSession(token);
}

/** Ends every session of a user at once (deactivation, password change). */
export async function invalidateUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await createLucia(db).invalidateUserSessions(userId);
}

export async function deleteExpiredSessions(db: DbOrTx): Promise<void> {
  await createLucia(db).deleteExpiredSessions();
}

export function blankSessionCookie(): string {
  return createLucia(null as never).createBlankSessionCookie().serialize();
}
