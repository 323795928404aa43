import { eq, max } from "drizzle-orm";
import { apiTokens, auditEvents, organisations, outcomeEvents, users, type Case } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { createUserSession } from "~/lib/auth.server";
import { sha256Hex } from "~/lib/crypto.server";
import { useDatabaseForTesting } from "~/lib/db.server";
import { loader as feedLoader } from "~/routes/api.feed";
import { authenticateApiToken, createApiToken, revokeApiToken } from "./api-tokens.server";
import { viewerFor } from "./case-workflow.testing";
import { recordEvent, referredCase, seedOrganisationsAndAccounts } from "./integrations.testing";
import { parseFeedQuery, readOutcomeFeed, type FeedPage, type FeedQuery } from "./outcome-feed.server";
import type { Viewer } from "./policy";

let database: TestDatabase;
let putianCase: Case;
let guangzhouCase: Case;
/** The feed's seq before this file's events: every event after it is one of ours. */
let start: number;
const ours: { seq: number; caseId: string }[] = [];
const META = { ip: "198.51.100.10", userAgent: null };
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedOrganisationsAndAccounts(database.db);
  putianCase = await referredCase(database.db, "putian-psb");
  guangzhouCase = await referredCase(database.db, "guangzhou-psb");
  const [row] = await database.db.select({ seq: max(outcomeEvents.seq) }).from(outcomeEvents);
  start = Number(row?.seq ?? 0);
  for (const [caseRow, kind] of [
    [putianCase, "referral.accepted"],
    [guangzhouCase, "referral.accepted"],
    [putianCase, "case.investigation_started"],
    [putianCase, "raid.recorded"],
    [guangzhouCase, "referral.declined"],
  ] as const) {
    const event = await recordEvent(database.db, caseRow, kind, { note: kind });
    ours.push({ seq: event.seq, caseId: caseRow.id });
  }
  useDatabaseForTesting(database);
});
afterAll(async () => {
  await database.destroy();
});

const query = (overrides: Partial<FeedQuery> = {}): FeedQuery => ({ after: start, limit: 100, caseReference: null, ...overrides });

async function pageFor(viewer: Viewer, overrides: Partial<FeedQuery> = {}): Promise<FeedPage> {
  const result = await readOutcomeFeed(db(), { kind: "viewer", viewer }, query(overrides));
  if (!result.ok) throw new Error(result.reason);
  return result.page;
}

describe("the outcome feed", () => {
  it("gives the platform every event of its cases, ascending, in the webhook's shape", async () => {
    const page = await pageFor(await viewerFor(db(), "investigator@platform.demo"));
    expect(page.events.map((event) => event.seq)).toEqual(ours.map((event) => event.seq));
    expect(page.hasMore).toBe(false);
    expect(page.nextCursor).toBe(ours.at(-1)!.seq);
    expect(page.events[0]).toEqual({
      id: expect.any(String),
      seq: ours[0]!.seq,
      kind: "referral.accepted",
      caseId: putianCase.id,
      caseReference: putianCase.reference,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      payload: { caseReference: putianCase.reference, note: "referral.accepted" },
    });
  });

  it("pages with the cursor and the limit, and keeps the cursor when nothing is new", async () => {
    const investigator = await viewerFor(db(), "investigator@platform.demo");
    const first = await pageFor(investigator, { limit: 2 });
    expect(first.events.map((event) => event.seq)).toEqual([ours[0]!.seq, ours[1]!.seq]);
    expect(first).toMatchObject({ hasMore: true, nextCursor: ours[1]!.seq });
    const second = await pageFor(investigator, { after: first.nextCursor, limit: 2 });
    expect(second.events.map((event) => event.seq)).toEqual([ours[2]!.seq, ours[3]!.seq]);
    const third = await pageFor(investigator, { after: second.nextCursor, limit: 2 });
    expect(third).toMatchObject({ hasMore: false, nextCursor: ours[4]!.seq });
    expect(third.events).toHaveLength(1);
    const empty = await pageFor(investigator, { after: third.nextCursor, limit: 2 });
    expect(empty).toEqual({ events: [], nextCursor: ours[4]!.seq, hasMore: false });
  });

  it("gives an agency only the events of the cases referred to it", async () => {
    const putian = await pageFor(await viewerFor(db(), "officer@putian.demo"));
    expect(putian.events.map((event) => event.caseId)).toEqual(ours.filter((event) => event.caseId === putianCase.id).map(() => putianCase.id));
    const guangzhou = await pageFor(await viewerFor(db(), "supervisor@guangzhou.demo"));
    expect(guangzhou.events.map((event) => event.seq)).toEqual(ours.filter((event) => event.caseId === guangzhouCase.id).map((event) => event.seq));
    const jinhua = await pageFor(await viewerFor(db(), "officer@jinhua.demo"));
    expect(jinhua.events).toEqual([]);
  });

  it("filters by case, and does not find a case outside the reader's scope", async () => {
    const officer = await viewerFor(db(), "officer@putian.demo");
    const own = await pageFor(officer, { caseReference: putianCase.reference });
    expect(own.events.map((event) => event.kind)).toEqual(["referral.accepted", "case.investigation_started", "raid.recorded"]);
    const other = await readOutcomeFeed(db(), { kind: "viewer", viewer: await viewerFor(db(), "officer@guangzhou.demo") }, query({ caseReference: putianCase.reference }));
    expect(other).toEqual({ ok: false, reason: "case_not_found" });
    const missing = await readOutcomeFeed(db(), { kind: "viewer", viewer: officer }, query({ caseReference: "AC-2026-999999" }));
    expect(missing).toEqual({ ok: false, reason: "case_not_found" });
  });

  it("refuses bad parameters with a message", () => {
    const parse = (search: string) => parseFeedQuery(new URLSearchParams(search));
    expect(parse("")).toEqual({ ok: true, query: { after: 0, limit: 100, caseReference: null } });
    expect(parse("after=12&limit=500&case=AC-2026-000019")).toEqual({ ok: true, query: { after: 12, limit: 500, caseReference: "AC-2026-000019" } });
    for (const bad of ["after=-1", "after=abc", "after=1.5", "limit=0", "limit=501", "limit=ten", "case=%27%20or%201%3D1", "after="]) {
      const result = parse(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
    }
  });
});

describe("feed tokens", () => {
  async function platformToken(name = "SOC ingest") {
    const admin = await viewerFor(db(), "admin@platform.demo");
    const [platform] = await db().select().from(organisations).where(eq(organisations.code, "platform-ip"));
    const created = await createApiToken(db(), admin, { intent: "create-token", name, organisationId: platform!.id }, META);
    if (!created.ok) throw new Error("token not created");
    return created;
  }

  it("keeps only a hash of the token, and a prefix", async () => {
    const created = await platformToken();
    expect(created.token).toMatch(/^acp_[A-Za-z0-9_-]{40,}$/);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).toBe(sha256Hex(created.token));
    expect(row!.tokenPrefix).toBe(created.token.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const audits = await db().select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(audits.map((audit) => audit.action)).toEqual(["api_token.created"]);
    expect(JSON.stringify(audits)).not.toContain(created.token);
  });

  it("authenticates a live token, notes its use at most once a minute, and refuses it once revoked", async () => {
    const created = await platformToken("rotating");
    const now = new Date();
    expect(await authenticateApiToken(db(), created.token, now)).toMatchObject({ tokenId: created.id, organisationKind: "platform" });
    const lastUsed = async () => (await db().select().from(apiTokens).where(eq(apiTokens.id, created.id)))[0]!.lastUsedAt;
    expect(await lastUsed()).toEqual(now);
    await authenticateApiToken(db(), created.token, new Date(now.getTime() + 30_000));
    expect(await lastUsed()).toEqual(now);
    const later = new Date(now.getTime() + 61_000);
    await authenticateApiToken(db(), created.token, later);
    expect(await lastUsed()).toEqual(later);

    expect(await authenticateApiToken(db(), `${created.token}x`)).toBeNull();
    expect(await authenticateApiToken(db(), "acp_not-a-token")).toBeNull();
    const admin = await viewerFor(db(), "admin@platform.demo");
    expect(await revokeApiToken(db(), admin, created.id, META)).toBe("revoked");
    expect(await revokeApiToken(db(), admin, created.id, META)).toBe("already_revoked");
    expect(await authenticateApiToken(db(), created.token)).toBeNull();
  });
});

describe("GET /api/feed", () => {
  async function get(search: string, auth: { token?: string; as?: string } = {}) {
    const headers = new Headers();
    if (auth.token !== undefined) headers.set("Authorization", `Bearer ${auth.token}`);
    if (auth.as) {
      const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, auth.as));
      const { setCookie } = await createUserSession(db(), user!.id, { ip: null, userAgent: null });
      headers.set("Cookie", setCookie.split(";")[0]!);
    }
    const response = (await feedLoader({ request: new Request(`http://localhost/api/feed${search}`, { headers }), params: {}, context: { clientIp: null, cspNonce: "" } })) as Response;
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  }

  it("answers a token with the events after the cursor", async () => {
    const admin = await viewerFor(db(), "admin@platform.demo");
    const [platform] = await db().select().from(organisations).where(eq(organisations.code, "platform-ip"));
    const created = await createApiToken(db(), admin, { intent: "create-token", name: "route", organisationId: platform!.id }, META);
    if (!created.ok) throw new Error("token not created");
    const response = await get(`?after=${ours[2]!.seq}&limit=1`, { token: created.token });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.body).toMatchObject({ nextCursor: ours[3]!.seq, hasMore: true });
    expect((response.body.events as { seq: number }[]).map((event) => event.seq)).toEqual([ours[3]!.seq]);

    await revokeApiToken(db(), admin, created.id, META);
    const revoked = await get("", { token: created.token });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("WWW-Authenticate")).toContain("invalid_token");
  });

  it("scopes an agency's token to its cases, with 404 for another agency's case", async () => {
    const admin = await viewerFor(db(), "admin@platform.demo");
    const [guangzhou] = await db().select().from(organisations).where(eq(organisations.code, "guangzhou-psb"));
    const created = await createApiToken(db(), admin, { intent: "create-token", name: "Guangzhou", organisationId: guangzhou!.id }, META);
    if (!created.ok) throw new Error("token not created");
    const own = await get(`?after=${start}`, { token: created.token });
    expect((own.body.events as { caseId: string }[]).every((event) => event.caseId === guangzhouCase.id)).toBe(true);
    expect((own.body.events as unknown[]).length).toBe(2);
    expect((await get(`?case=${putianCase.reference}`, { token: created.token })).status).toBe(404);
  });

  it("answers a session with feed.read; refuses the signed-out, the wrong role and bad parameters, in JSON", async () => {
    const session = await get(`?after=${start}&case=${putianCase.reference}`, { as: "officer@putian.demo" });
    expect(session.status).toBe(200);
    expect((session.body.events as unknown[]).length).toBe(3);
    const outOfScope = await get(`?case=${putianCase.reference}`, { as: "officer@guangzhou.demo" });
    expect(outOfScope).toMatchObject({ status: 404, body: { error: expect.any(String) } });
    expect((await get("")).status).toBe(401);
    expect((await get("", { token: "" })).status).toBe(401);
    expect((await get("", { token: "acp_forged" })).status).toBe(401);
    expect((await get("", { as: "admin@platform.demo" })).status).toBe(403);
    const bad = await get("?limit=501", { as: "officer@putian.demo" });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringContaining("limit") } });
  });
});
