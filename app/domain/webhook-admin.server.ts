/**
 * What administrators do with webhooks on /admin/integrations: register an endpoint (the secret is shown
 * once and kept sealed), disable it, send it a test event, read the delivery log and retry a delivery now.
 * Every change is audited.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { decryptSecret, encryptSecret, randomToken } from "~/lib/crypto.server";
import {
  cases,
  organisations,
  outcomeEvents,
  users,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  type Database,
  type WebhookDeliveryAttempt,
} from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import type { CreateEndpointInput, DeliveryFilters, DeliveryStatus } from "./integrations.schema";
import { assertCan } from "./policy.server";
import type { Viewer } from "./policy";
import { attemptWebhookDelivery, isSuccessStatus, sendTestWebhook, webhookSecretAssociatedData, type DeliveryAttemptResult } from "./webhooks.server";

export const WEBHOOK_SECRET_PREFIX = "whsec_";

export interface EndpointRow {
  id: string;
  url: string;
  description: string;
  active: boolean;
  organisationNameZh: string;
  organisationNameEn: string;
  createdAt: Date;
  createdByName: string;
  disabledAt: Date | null;
  counts: Record<DeliveryStatus, number>;
}

export async function listWebhookEndpoints(db: Database, viewer: Viewer): Promise<EndpointRow[]> {
  assertCan(viewer, "integrations.manage");
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      active: webhookEndpoints.active,
      organisationNameZh: organisations.nameZh,
      organisationNameEn: organisations.nameEn,
      createdAt: webhookEndpoints.createdAt,
      createdByName: users.displayName,
      disabledAt: webhookEndpoints.disabledAt,
    })
    .from(webhookEndpoints)
    .innerJoin(organisations, eq(organisations.id, webhookEndpoints.organisationId))
    .innerJoin(users, eq(users.id, webhookEndpoints.createdBy))
    .orderBy(desc(webhookEndpoints.active), desc(webhookEndpoints.createdAt));
  const counts = rows.length
    ? await db
        .select({ endpointId: webhookDeliveries.endpointId, status: webhookDeliveries.status, count: sql<number>`count(*)::int` })
        .from(webhookDeliveries)
        .where(inArray(webhookDeliveries.endpointId, rows.map((row) => row.id)))
        .groupBy(webhookDeliveries.endpointId, webhookDeliveries.status)
    : [];
  return rows.map((row) => {
    const byStatus: Record<DeliveryStatus, number> = { pending: 0, retrying: 0, delivered: 0, failed: 0 };
    for (const count of counts) if (count.endpointId === row.id) byStatus[count.status] = Number(count.count);
    return { ...row, counts: byStatus };
  });
}

/** Registers an endpoint for the administrator's own organisation; returns the secret, shown this once. */
export async function createWebhookEndpoint(
  db: Database,
  viewer: Viewer,
  input: CreateEndpointInput,
  meta: RequestMeta,
): Promise<{ id: string; secret: string; url: string }> {
  assertCan(viewer, "integrations.manage");
  const id = randomUUID();
  const secret = `${WEBHOOK_SECRET_PREFIX}${randomToken(32)}`;
  await db.transaction(async (tx) => {
    await tx.insert(webhookEndpoints).values({
      id,
      organisationId: viewer.organisationId,
      url: input.url,
      description: input.description ?? "",
      secretSealed: encryptSecret(secret, "webhook-secret", webhookSecretAssociatedData(id)),
      createdBy: viewer.userId,
    });
    await recordAudit(tx, {
      action: "webhook.endpoint_created",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "webhook_endpoint",
      entityId: id,
      details: { url: input.url, description: input.description ?? "" },
    });
  });
  return { id, secret, url: input.url };
}

/** Stops deliveries to an endpoint; what was still waiting for it is marked failed. */
export async function disableWebhookEndpoint(db: Database, viewer: Viewer, id: string, meta: RequestMeta): Promise<"disabled" | "already_disabled" | "not_found"> {
  assertCan(viewer, "integrations.manage");
  return db.transaction(async (tx) => {
    const [endpoint] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for("update");
    if (!endpoint) return "not_found";
    if (!endpoint.active) return "already_disabled";
    await tx.update(webhookEndpoints).set({ active: false, disabledAt: new Date(), disabledBy: viewer.userId }).where(eq(webhookEndpoints.id, id));
    const abandoned = await tx
      .update(webhookDeliveries)
      .set({ status: "failed", nextAttemptAt: null })
      .where(and(eq(webhookDeliveries.endpointId, id), inArray(webhookDeliveries.status, ["pending", "retrying"])))
      .returning({ id: webhookDeliveries.id });
    await recordAudit(tx, {
      action: "webhook.endpoint_disabled",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "webhook_endpoint",
      entityId: id,
      details: { url: endpoint.url, abandonedDeliveries: abandoned.length },
    });
    return "disabled";
  });
}

export type TestEventResult =
  | { outcome: "delivered" | "failed"; responseStatus: number | null; error: string | null; durationMs: number }
  | { outcome: "not_found" | "disabled" | "secret_unreadable" };

export async function sendWebhookTestEvent(db: Database, viewer: Viewer, id: string, meta: RequestMeta): Promise<TestEventResult> {
  assertCan(viewer, "integrations.manage");
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!endpoint) return { outcome: "not_found" };
  if (!endpoint.active) return { outcome: "disabled" };
  const secret = decryptSecret(endpoint.secretSealed, "webhook-secret", webhookSecretAssociatedData(endpoint.id));
  if (secret === null) return { outcome: "secret_unreadable" };
  const result = await sendTestWebhook(endpoint.url, secret, endpoint.organisationId);
  const delivered = isSuccessStatus(result.responseStatus);
  const error = delivered ? null : (result.error ?? `HTTP ${result.responseStatus}`);
  await db.transaction((tx) =>
    recordAudit(tx, {
      action: "webhook.test_sent",
      outcome: delivered ? "success" : "failure",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "webhook_endpoint",
      entityId: id,
      details: { url: endpoint.url, responseStatus: result.responseStatus, error, durationMs: result.durationMs },
    }),
  );
  return { outcome: delivered ? "delivered" : "failed", responseStatus: result.responseStatus, error, durationMs: result.durationMs };
}

// ——— The delivery log ———

export const DELIVERY_PAGE_SIZE = 50;

export interface DeliveryLogEntry {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  endpointUrl: string;
  endpointActive: boolean;
  eventKind: string;
  eventSeq: number;
  caseReference: string;
  attemptLog: Pick<WebhookDeliveryAttempt, "attempt" | "attemptedAt" | "durationMs" | "responseStatus" | "error" | "responseExcerpt">[];
}

export interface DeliveryLogPage {
  deliveries: DeliveryLogEntry[];
  /** createdAt|id of the last row, for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Newest first, keyset-paginated, optionally one status; each delivery with all its attempts. */
export async function listWebhookDeliveries(db: Database, viewer: Viewer, filters: DeliveryFilters): Promise<DeliveryLogPage> {
  assertCan(viewer, "integrations.manage");
  const [at, id] = filters.after?.split("|") ?? [];
  const after =
    at && id && !Number.isNaN(Date.parse(at))
      ? sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${new Date(at).toISOString()}::timestamptz, ${id}::uuid)`
      : undefined;
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      createdAt: webhookDeliveries.createdAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      endpointUrl: webhookEndpoints.url,
      endpointActive: webhookEndpoints.active,
      eventKind: outcomeEvents.kind,
      eventSeq: outcomeEvents.seq,
      caseReference: cases.reference,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(outcomeEvents, eq(outcomeEvents.id, webhookDeliveries.eventId))
    .innerJoin(cases, eq(cases.id, outcomeEvents.caseId))
    .where(and(filters.status ? eq(webhookDeliveries.status, filters.status) : undefined, after))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERY_PAGE_SIZE + 1);
  const page = rows.slice(0, DELIVERY_PAGE_SIZE);
  const attempts = page.length
    ? await db
        .select()
        .from(webhookDeliveryAttempts)
        .where(inArray(webhookDeliveryAttempts.deliveryId, page.map((row) => row.id)))
        .orderBy(asc(webhookDeliveryAttempts.attempt))
    : [];
  const last = page.at(-1);
  return {
    deliveries: page.map((row) => ({
      ...row,
      eventSeq: Number(row.eventSeq),
      attemptLog: attempts
        .filter((attempt) => attempt.deliveryId === row.id)
        .map(({ attempt, attemptedAt, durationMs, responseStatus, error, responseExcerpt }) => ({ attempt, attemptedAt, durationMs, responseStatus, error, responseExcerpt })),
    })),
    nextCursor: rows.length > DELIVERY_PAGE_SIZE && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}

/** "Retry now": one attempt at once, whatever the queue's schedule; audited. */
export async function retryWebhookDeliveryNow(
  db: Database,
  viewer: Viewer,
  id: string,
  meta: RequestMeta,
): Promise<DeliveryAttemptResult> {
  assertCan(viewer, "integrations.manage");
  const [delivery] = await db.select({ id: webhookDeliveries.id, status: webhookDeliveries.status }).from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  if (!delivery) return { outcome: "skipped", reason: "not_found" };
  if (delivery.status === "delivered") return { outcome: "skipped", reason: "already_delivered" };
  const result = await attemptWebhookDelivery(db, id, { manual: true });
  await db.transaction((tx) =>
    recordAudit(tx, {
      action: "webhook.retry_requested",
      outcome: result.outcome === "delivered" ? "success" : "failure",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "webhook_delivery",
      entityId: id,
      details: {
        result: result.outcome,
        ...(result.outcome === "skipped" ? { reason: result.reason } : { attempt: result.attempt, responseStatus: result.responseStatus }),
      },
    }),
  );
  return result;
}
