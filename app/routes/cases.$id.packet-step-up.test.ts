/**
 * Exporting evidence asks for the password again when the sign-in is older than the sensitive-action window
 * (issue 6), and goes straight through when it is recent.
 */
import { eq } from "drizzle-orm";
import { cases, sessions, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { SENSITIVE_ACTION_REAUTH_MINUTES } from "~/domain/policy.server";
import { createUserSession, hashSessionToken } from "~/lib/auth.server";
import { useDatabaseForTesting } from "~/lib/db.server";
import { loader } from "./cases.$id.packet[.]pdf";

let database: TestDatabase;
let caseId: string;
let investigatorId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "step-up-test-password" });
  useDatabaseForTesting(database);
  const [lead] = await database.db.select({ id: cases.id }).from(cases).where(eq(cases.reference, "AC-2026-000001"));
  caseId = lead!.id;
  const [investigator] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "investigator@platform.demo"));
  investigatorId = investigator!.id;
});
afterAll(async () => {
  await database.destroy();
});

async function packetRequest(signedInMinutesAgo: number) {
  const { token, setCookie } = await createUserSession(database.db, investigatorId, { ip: null, userAgent: null });
  await database.db
    .update(sessions)
    .set({ createdAt: new Date(Date.now() - signedInMinutesAgo * 60_000) })
    .where(eq(sessions.id, hashSessionToken(token)));
  const request = new Request(`http://localhost/cases/${caseId}/packet.pdf`, {
    headers: { Cookie: setCookie.split(";")[0]! },
  });
  try {
    return await loader({ request, params: { id: caseId }, context: { clientIp: null, cspNonce: "" } as never });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("packet export step-up", () => {
  it("sends a sign-in older than the window to /reauthenticate, and back to the packet afterwards", async () => {
    const response = await packetRequest(SENSITIVE_ACTION_REAUTH_MINUTES + 5);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/reauthenticate?${new URLSearchParams({ redirectTo: `/cases/${caseId}/packet.pdf` })}`,
    );
  });

  it("exports straight away after a recent sign-in", async () => {
    const response = await packetRequest(1);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
  });
});
