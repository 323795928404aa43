import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, eq } from "drizzle-orm";
import { auditEvents, webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints, type Case } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { decryptSecret } from "~/lib/crypto.server";
import { viewerFor } from "./case-workflow.testing";
import { webhookUrlProblem } from "./integrations.schema";
import { recordEvent, referredCase, refusedUrl, seedOrganisationsAndAccounts, startReceiver, type Receiver } from "./integrations.testing";
import type { Viewer } from "./policy";
import {
  createWebhookEndpoint,
  disableWebhookEndpoint,
  listWebhookDeliveries,
  retryWebhookDeliveryNow,
  sendWebhookTestEvent,
} from "./webhook-admin.server";
import {
  attemptWebhookDelivery,
  postJson,
  verifyWebhookSignature,
  webhookSecretAssociatedData,
  webhookSignatureHeader,
} from "./webhooks.server";

let database: TestDatabase;
let receiver: Receiver;
let admin: Viewer;
let putianCase: Case;
const META = { ip: "198.51.100.9", userAgent: null };
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedOrganisationsAndAccounts(database.db);
  admin = await viewerFor(database.db, "admin@platform.demo");
  putianCase = await referredCase(database.db, "putian-psb");
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await database.destroy();
});

/** An endpoint at `url` (every earlier one disabled, so each event here has exactly one delivery). */
async function endpointAt(url: string) {
  for (const endpoint of await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.active, true))) {
    await disableWebhookEndpoint(db(), admin, endpoint.id, META);
  }
  return createWebhookEndpoint(db(), admin, { intent: "create-endpoint", url, description: "SOC intake" }, META);
}

async function deliveryFor(endpointId: string, eventId: string) {
  const [delivery] = await db()
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.eventId, eventId)));
  return delivery!;
}

async function attemptsOf(deliveryId: string) {
  return db().select().from(webhookDeliveryAttempts).where(eq(webhookDeliveryAttempts.deliveryId, deliveryId)).orderBy(asc(webhookDeliveryAttempts.attempt));
}

describe("webhook signatures", () => {
  const secret = "whsec_test-secret";
  const body = JSON.stringify({ id: "e1", seq: 7, kind: "raid.recorded" });
  const now = Date.UTC(2026, 2, 1, 8, 0, 0);
  const t = Math.floor(now / 1000);

  it("verifies what it signed", () => {
    expect(verifyWebhookSignature(secret, webhookSignatureHeader(secret, t, body), body, 300, now)).toBe(true);
  });

  it("refuses a changed body, another secret, a changed timestamp and malformed headers", () => {
    const header = webhookSignatureHeader(secret, t, body);
    expect(verifyWebhookSignature(secret, header, body.replace("7", "8"), 300, now)).toBe(false);
    expect(verifyWebhookSignature("whsec_other", header, body, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, 300, now)).toBe(false);
    for (const bad of [null, "", "v1=abc", `t=${t}`, `t=${t},v1=${"0".repeat(64)}`, "garbage"]) {
      expect(verifyWebhookSignature(secret, bad, body, 300, now)).toBe(false);
    }
  });

  it("refuses a replay outside the tolerance, either way, and accepts one of several signatures", () => {
    const old = webhookSignatureHeader(secret, t - 301, body);
    expect(verifyWebhookSignature(secret, old, body, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, old, body, 600, now)).toBe(true);
    expect(verifyWebhookSignature(secret, webhookSignatureHeader(secret, t + 301, body), body, 300, now)).toBe(false);
    const rotated = `${webhookSignatureHeader(secret, t, body)},v1=${"a".repeat(64)}`;
    expect(verifyWebhookSignature(secret, rotated, body, 300, now)).toBe(true);
  });
});

describe("webhook URLs", () => {
  it("takes only http(s) URLs without credentials", () => {
    expect(webhookUrlProblem("https://soc.platform.example/hooks/portal")).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:8080/hook")).toBeNull();
    expect(webhookUrlProblem("ftp://example.com/x")).toBe("integrations.validation.urlProtocol");
    expect(webhookUrlProblem("javascript:alert(1)")).toBe("integrations.validation.urlProtocol");
    expect(webhookUrlProblem("https://user:pass@example.com/x")).toBe("integrations.validation.urlCredentials");
    expect(webhookUrlProblem("https://token@example.com/x")).toBe("integrations.validation.urlCredentials");
    expect(webhookUrlProblem("not a url")).toBe("integrations.validation.urlInvalid");
  });
});

describe("webhook deliveries", () => {
  it("keeps the endpoint's secret sealed, bound to the endpoint", async () => {
    const created = await endpointAt(receiver.url);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, created.id));
    expect(row!.secretSealed).not.toContain(created.secret.slice(6));
    expect(decryptSecret(row!.secretSealed, "webhook-secret", webhookSecretAssociatedData(created.id))).toBe(created.secret);
    expect(decryptSecret(row!.secretSealed, "webhook-secret", webhookSecretAssociatedData(admin.userId))).toBeNull();
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "webhook.endpoint_created"), eq(auditEvents.entityId, created.id)));
    expect(JSON.stringify(audit!.details)).not.toContain(created.secret);
  });

  it("POSTs the event signed, and records the attempt", async () => {
    const endpoint = await endpointAt(receiver.url);
    const event = await recordEvent(db(), putianCase, "raid.recorded", { seizedValueYuan: 400000 });
    const delivery = await deliveryFor(endpoint.id, event.id);
    expect(delivery.status).toBe("pending");
    const before = receiver.requests.length;

    const result = await attemptWebhookDelivery(db(), delivery.id);

    expect(result).toMatchObject({ outcome: "delivered", attempt: 1, responseStatus: 200 });
    expect(receiver.requests.length).toBe(before + 1);
    const received = receiver.requests.at(-1)!;
    expect(received.method).toBe("POST");
    expect(received.url).toBe("/hooks/portal");
    expect(received.headers["content-type"]).toBe("application/json");
    expect(received.headers["x-portal-event"]).toBe("raid.recorded");
    expect(received.headers["x-portal-delivery"]).toBe(delivery.id);
    const timestamp = Number(received.headers["x-portal-timestamp"]);
    expect(received.headers["x-portal-signature"]).toBe(`t=${timestamp},v1=${webhookSignatureHeader(endpoint.secret, timestamp, received.body).split("v1=")[1]}`);
    expect(verifyWebhookSignature(endpoint.secret, received.headers["x-portal-signature"] as string, received.body)).toBe(true);
    expect(JSON.parse(received.body)).toEqual({
      id: event.id,
      seq: event.seq,
      kind: "raid.recorded",
      caseId: putianCase.id,
      caseReference: putianCase.reference,
      occurredAt: expect.any(String),
      payload: { caseReference: putianCase.reference, seizedValueYuan: 400000 },
    });

    const after = await deliveryFor(endpoint.id, event.id);
    expect(after).toMatchObject({ status: "delivered", attempts: 1, nextAttemptAt: null });
    expect(after.deliveredAt).toBeInstanceOf(Date);
    const attempts = await attemptsOf(delivery.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt: 1, responseStatus: 200, error: null, responseExcerpt: "ok" });
    expect(attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);

    // Delivered is delivered: nothing is sent again.
    expect(await attemptWebhookDelivery(db(), delivery.id)).toEqual({ outcome: "skipped", reason: "already_delivered" });
    expect(receiver.requests.length).toBe(before + 1);
  });

  it("records a 500 and retries, then delivers on the next attempt", async () => {
    const endpoint = await endpointAt(receiver.url);
    const event = await recordEvent(db(), putianCase, "outcome.updated");
    const delivery = await deliveryFor(endpoint.id, event.id);
    receiver.respondWith(500);
    const next = new Date(Date.now() + 60_000);

    const first = await attemptWebhookDelivery(db(), delivery.id, { nextAttemptAt: next });
    expect(first).toMatchObject({ outcome: "retrying", attempt: 1, responseStatus: 500, error: "HTTP 500" });
    expect(await deliveryFor(endpoint.id, event.id)).toMatchObject({ status: "retrying", attempts: 1, nextAttemptAt: next });

    const second = await attemptWebhookDelivery(db(), delivery.id);
    expect(second).toMatchObject({ outcome: "delivered", attempt: 2, responseStatus: 200 });
    expect(await deliveryFor(endpoint.id, event.id)).toMatchObject({ status: "delivered", attempts: 2, nextAttemptAt: null });

    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.responseStatus, attempt.error])).toEqual([
      [1, 500, "HTTP 500"],
      [2, 200, null],
    ]);
    expect(attempts[0]!.responseExcerpt).toBe("receiver says no (500)");
    // The delivery log shows both attempts.
    const log = await listWebhookDeliveries(db(), admin, { status: "delivered" });
    expect(log.deliveries.find((entry) => entry.id === delivery.id)?.attemptLog.map((attempt) => attempt.responseStatus)).toEqual([500, 200]);
  });

  it("fails the delivery after the last retry; an administrator's retry delivers it", async () => {
    const endpoint = await endpointAt(receiver.url);
    const event = await recordEvent(db(), putianCase, "case.closed");
    const delivery = await deliveryFor(endpoint.id, event.id);
    receiver.respondWith(503, 502);

    expect(await attemptWebhookDelivery(db(), delivery.id, { final: true })).toMatchObject({ outcome: "failed", responseStatus: 503 });
    expect(await deliveryFor(endpoint.id, event.id)).toMatchObject({ status: "failed", nextAttemptAt: null });

    // A manual retry that fails leaves it failed; one that succeeds delivers it. Both are audited.
    expect(await retryWebhookDeliveryNow(db(), admin, delivery.id, META)).toMatchObject({ outcome: "unchanged", responseStatus: 502 });
    expect((await deliveryFor(endpoint.id, event.id)).status).toBe("failed");
    expect(await retryWebhookDeliveryNow(db(), admin, delivery.id, META)).toMatchObject({ outcome: "delivered", attempt: 3 });
    expect((await deliveryFor(endpoint.id, event.id)).status).toBe("delivered");
    const audits = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "webhook.retry_requested"), eq(auditEvents.entityId, delivery.id)));
    expect(audits.map((audit) => audit.outcome)).toEqual(["failure", "success"]);
  });

  it("records a refused connection as an attempt with its error", async () => {
    const endpoint = await endpointAt(await refusedUrl());
    const event = await recordEvent(db(), putianCase, "raid.updated");
    const delivery = await deliveryFor(endpoint.id, event.id);

    const result = await attemptWebhookDelivery(db(), delivery.id);

    expect(result).toMatchObject({ outcome: "retrying", responseStatus: null });
    const [attempt] = await attemptsOf(delivery.id);
    expect(attempt).toMatchObject({ attempt: 1, responseStatus: null, responseExcerpt: null });
    expect(attempt!.error).toContain("ECONNREFUSED");
  });

  it("gives up on a server that does not answer within the timeout", async () => {
    const silent = http.createServer(() => {}); // never responds
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
      const result = await postJson(url, {}, "{}", 200);
      expect(result.responseStatus).toBeNull();
      expect(result.error).toContain("no response within");
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("stops delivering to a disabled endpoint", async () => {
    const endpoint = await endpointAt(receiver.url);
    const event = await recordEvent(db(), putianCase, "raid.recorded");
    const delivery = await deliveryFor(endpoint.id, event.id);
    expect(await disableWebhookEndpoint(db(), admin, endpoint.id, META)).toBe("disabled");
    expect(await disableWebhookEndpoint(db(), admin, endpoint.id, META)).toBe("already_disabled");
    expect((await deliveryFor(endpoint.id, event.id)).status).toBe("failed");
    const before = receiver.requests.length;
    expect(await attemptWebhookDelivery(db(), delivery.id)).toEqual({ outcome: "skipped", reason: "endpoint_disabled" });
    expect(receiver.requests.length).toBe(before);
    // New events no longer queue deliveries for it.
    const later = await recordEvent(db(), putianCase, "raid.updated");
    expect(await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, later.id))).toEqual([]);
  });

  it("sends a signed test event at once, and audits it", async () => {
    const endpoint = await endpointAt(receiver.url);
    const result = await sendWebhookTestEvent(db(), admin, endpoint.id, META);
    expect(result).toMatchObject({ outcome: "delivered", responseStatus: 200 });
    const received = receiver.requests.at(-1)!;
    expect(received.headers["x-portal-event"]).toBe("portal.test");
    expect(verifyWebhookSignature(endpoint.secret, received.headers["x-portal-signature"] as string, received.body)).toBe(true);
    expect(JSON.parse(received.body)).toMatchObject({ kind: "portal.test", caseId: null });
    const audits = await db().select().from(auditEvents).where(and(eq(auditEvents.action, "webhook.test_sent"), eq(auditEvents.entityId, endpoint.id)));
    expect(audits).toHaveLength(1);
  });

  it("is for administrators only", async () => {
    const investigator = await viewerFor(db(), "investigator@platform.demo");
    await expect(createWebhookEndpoint(db(), investigator, { intent: "create-endpoint", url: receiver.url }, META)).rejects.toMatchObject({ status: 403 });
    await expect(listWebhookDeliveries(db(), investigator, {})).rejects.toMatchObject({ status: 403 });
  });
});
