import { eq } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import {
  blankSessionCookie,
  createUserSession,
  hashSessionToken,
  invalidateUserSessions,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_IDLE_TIMEOUT_MS,
  validateSessionToken,
} from "./auth.server";

let database: TestDatabase;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "irrelevant-here-1234" });
  const [user] = await database.db.select().from(users).where(eq(users.email, "officer@putian.demo"));
  userId = user!.id;
});
afterAll(async () => {
  await database.destroy();
});

async function newSession() {
  return createUserSession(database.db, userId, { ip: "127.0.0.1", userAgent: "vitest" });
}

async function setSession(token: string, values: Partial<typeof sessions.$inferInsert>) {
  await database.db.update(sessions).set(values).where(eq(sessions.id, hashSessionToken(token)));
}

describe("sessions", () => {
  it("ends a session idle for more than 30 minutes", async () => {
    const { token } = await newSession();
    await setSession(token, { expiresAt: new Date(Date.now() - 1_000) });
    expect(await validateSessionToken(database.db, token)).toBeNull();
  });

  it("pushes the idle deadline forward when a session is used, at most once a minute", async () => {
    const { token } = await newSession();
    const fiveMinutesLeft = new Date(Date.now() + 5 * 60_000);
    await setSession(token, { expiresAt: fiveMinutesLeft });
    const validated = await validateSessionToken(database.db, token);
    expect(validated!.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_IDLE_TIMEOUT_MS - 5_000);

    // Used again within the minute: no write, the deadline stays where it is.
    const [before] = await database.db.select().from(sessions).where(eq(sessions.id, hashSessionToken(token)));
    await validateSessionToken(database.db, token);
    const [after] = await database.db.select().from(sessions).where(eq(sessions.id, hashSessionToken(token)));
    expect(after!.expiresAt.getTime()).toBe(before!.expiresAt.getTime());
  });

  it("ends a session 12 hours after it began, however active", async () => {
    const { token } = await newSession();
    await setSession(token, {
      createdAt: new Date(Date.now() - SESSION_ABSOLUTE_LIFETIME_MS - 1_000),
      expiresAt: new Date(Date.now() + SESSION_IDLE_TIMEOUT_MS),
    });
    expect(await validateSessionToken(database.db, token)).toBeNull();
    expect(await database.db.select().from(sessions).where(eq(sessions.id, hashSessionToken(token)))).toHaveLength(0);
  });

  it("rejects a token that was never issued, and the stored hash used as a token", async () => {
    const { token } = await newSession();
    expect(await validateSessionToken(database.db, "not-a-token")).toBeNull();
    expect(await validateSessionToken(database.db, hashSessionToken(token))).toBeNull();
  });

  it("ends every session of a user at once", async () => {
    const first = await newSession();
    const second = await newSession();
    await invalidateUserSessions(database.db, userId);
    expect(await validateSessionToken(database.db, first.token)).toBeNull();
    expect(await validateSessionToken(database.db, second.token)).toBeNull();
  });

  it("clears the cookie on sign-out", () => {
    expect(blankSessionCookie()).toMatch(/portal_session=;.*Max-Age=0/);
  });
});
