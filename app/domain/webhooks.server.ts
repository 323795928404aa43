/**
 * Signed webhooks: each outcome event is POSTed to every active endpoint of the case's platform organisation
 * (the rows recordOutcomeEvent queues), signed like Stripe's:
 *
 *   X-Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * A receiver recomputes the HMAC over the raw body with its secret, compares in constant time and refuses a
 * timestamp older than its tolerance (replay). `verifyWebhookSignature` below does exactly that.
 *
 * One call of `attemptWebhookDelivery` is one HTTP attempt, recorded in the delivery log whatever happens.
 * The job queue (app/lib/jobs.server.ts) calls it once per try and retries with backoff; tests and the
 * "retry now" button call it directly.
 */
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { eq, sql } from "drizzle-orm";
import { constantTimeEqual, decryptSecret } from "~/lib/crypto.server";
import {
  cases,
  outcomeEvents,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
  type Database,
  type WebhookDelivery,
} from "~/lib/db.server";
import { outcomeEventBody } from "./outcome-events.server";

/** pg-boss retries a failed delivery this many times, the first after 30–60 s, then doubling (about 2–4 h in all). */
export const WEBHOOK_RETRY_LIMIT = 8;
export const WEBHOOK_RETRY_DELAY_SECONDS = 30;
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How old a signature timestamp a receiver should accept (our own tests and the README use this). */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;
const RESPONSE_EXCERPT_BYTES = 2_048;
const RESPONSE_EXCERPT_CHARS = 500;
const USER_AGENT = "AC-Portal-Webhooks/1";

export function webhookSecretAssociatedData(endpointId: string): string {
  return `webhook-endpoint:${endpointId}`;
}

// ——— Signatures ———

export function computeWebhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

export function webhookSignatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${computeWebhookSignature(secret, timestamp, body)}`;
}

/**
 * For receivers (and tests): true when `header` (X-Portal-Signature) signs exactly `body` with `secret` and its
 * timestamp is within `toleranceSeconds` of `nowMs`. Several v1 values are accepted (any may match).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  toleranceSeconds = WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
  nowMs = Date.now(),
): boolean {
  if (!header) return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return false;
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = computeWebhookSignature(secret, timestamp, body);
  // Check every candidate (no early exit), each in constant time.
  return signatures.reduce((found, candidate) => constantTimeEqual(candidate, expected) || found, false);
}

// ——— One HTTP attempt ———

export interface HttpAttempt {
  responseStatus: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

function describeError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return (code && !message.includes(code) ? `${code}: ${message}` : message).slice(0, 500);
}

function excerptOf(chunks: Buffer[]): string | null {
  if (chunks.length === 0) return null;
  const text = Buffer.concat(chunks)
    .subarray(0, RESPONSE_EXCERPT_BYTES)
    .toString("utf8")
    // eslint-disable-next-line no-control-regex -- keep the log readable: no control characters from a foreign server
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .trim();
  return text ? text.slice(0, RESPONSE_EXCERPT_CHARS) : null;
}

/**
 * POSTs `body` and reports what came back; never throws. Redirects are not followed (a 3xx is a failed
 * attempt: the endpoint's URL should be corrected). Reads at most a small excerpt of the response.
 */
export function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<HttpAttempt> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const timer: { handle?: NodeJS.Timeout } = {};
    const finish = (result: Omit<HttpAttempt, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer.handle);
      resolve({ ...result, durationMs: Math.max(0, Math.round(performance.now() - started)) });
    };
    let target: URL;
    try {
      target = new URL(url);
      if (target.protocol !== "http:" && target.protocol !== "https:") throw new Error(`unsupported protocol ${target.protocol}`);
    } catch (error) {
      finish({ responseStatus: null, error: describeError(error), responseExcerpt: null });
      return;
    }
    const transport = target.protocol === "https:" ? https : http;
    const request = transport.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)), "User-Agent": USER_AGENT },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (error: string | null) => {
          finish({ responseStatus: response.statusCode ?? null, error, responseExcerpt: excerptOf(chunks) });
          response.destroy();
        };
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_EXCERPT_BYTES) done(null); // enough to show; the rest is not read
        });
        response.on("end", () => done(null));
        response.on("error", (error) => done(describeError(error)));
        response.on("close", () => done(null));
      },
    );
    timer.handle = setTimeout(() => {
      request.destroy(new Error(`no response within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    request.on("error", (error) => finish({ responseStatus: null, error: describeError(error), responseExcerpt: null }));
    request.end(body);
  });
}

export function isSuccessStatus(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

// ——— Delivering one queued delivery ———

export interface DeliveryAttemptOptions {
  /** No retry follows a failure: the delivery becomes failed (the queue's last try). */
  final?: boolean;
  /** When the queue will try again after a failure, as shown in the log; default: after the first retry delay. */
  nextAttemptAt?: Date;
  /** An administrator's "retry now": a failure leaves the delivery's status and its queue job as they were. */
  manual?: boolean;
  timeoutMs?: number;
}

export type DeliveryAttemptResult =
  | { outcome: "delivered"; attempt: number; responseStatus: number }
  | { outcome: "retrying" | "failed" | "unchanged"; attempt: number; responseStatus: number | null; error: string | null }
  /** Nothing was sent: the delivery is unknown, already delivered, or its endpoint was disabled. */
  | { outcome: "skipped"; reason: "not_found" | "already_delivered" | "endpoint_disabled" };

export async function attemptWebhookDelivery(db: Database, deliveryId: string, options: DeliveryAttemptOptions = {}): Promise<DeliveryAttemptResult> {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: outcomeEvents, caseReference: cases.reference })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(outcomeEvents, eq(outcomeEvents.id, webhookDeliveries.eventId))
    .innerJoin(cases, eq(cases.id, outcomeEvents.caseId))
    .where(eq(webhookDeliveries.id, deliveryId))
    .limit(1);
  if (!row) return { outcome: "skipped", reason: "not_found" };
  if (row.delivery.status === "delivered") return { outcome: "skipped", reason: "already_delivered" };
  if (!row.endpoint.active) {
    await db
      .update(webhookDeliveries)
      .set({ status: "failed", nextAttemptAt: null })
      .where(sql`${webhookDeliveries.id} = ${deliveryId} and ${webhookDeliveries.status} <> 'delivered'`);
    return { outcome: "skipped", reason: "endpoint_disabled" };
  }

  const attemptedAt = new Date();
  const secret = decryptSecret(row.endpoint.secretSealed, "webhook-secret", webhookSecretAssociatedData(row.endpoint.id));
  let result: HttpAttempt;
  if (secret === null) {
    // APP_SECRET changed since the endpoint was made: nothing can be signed. The administrator makes a new endpoint.
    result = { responseStatus: null, error: "the endpoint's secret cannot be unsealed (APP_SECRET changed?)", responseExcerpt: null, durationMs: 0 };
  } else {
    const body = JSON.stringify(outcomeEventBody(row.event, row.caseReference));
    const timestamp = Math.floor(attemptedAt.getTime() / 1000);
    result = await postJson(
      row.endpoint.url,
      {
        "X-Portal-Event": row.event.kind,
        "X-Portal-Delivery": row.delivery.id,
        "X-Portal-Timestamp": String(timestamp),
        "X-Portal-Signature": webhookSignatureHeader(secret, timestamp, body),
      },
      body,
      options.timeoutMs,
    );
  }
  return recordAttempt(db, row.delivery, attemptedAt, result, options);
}

async function recordAttempt(
  db: Database,
  delivery: WebhookDelivery,
  attemptedAt: Date,
  result: HttpAttempt,
  options: DeliveryAttemptOptions,
): Promise<DeliveryAttemptResult> {
  const delivered = isSuccessStatus(result.responseStatus);
  const error = delivered ? null : (result.error ?? `HTTP ${result.responseStatus ?? "?"}`);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: attemptedAt })
      .where(eq(webhookDeliveries.id, delivery.id))
      .returning({ attempts: webhookDeliveries.attempts, status: webhookDeliveries.status });
    const attempt = current!.attempts;
    await tx.insert(webhookDeliveryAttempts).values({
      deliveryId: delivery.id,
      attempt,
      attemptedAt,
      durationMs: result.durationMs,
      responseStatus: result.responseStatus,
      error: delivered ? null : error,
      responseExcerpt: result.responseExcerpt,
    });
    if (delivered) {
      await tx
        .update(webhookDeliveries)
        .set({ status: "delivered", deliveredAt: attemptedAt, nextAttemptAt: null })
        .where(eq(webhookDeliveries.id, delivery.id));
      return { outcome: "delivered", attempt, responseStatus: result.responseStatus! };
    }
    // Another attempt (the queue's, or a second click) may have delivered it meanwhile: leave that alone.
    if (current!.status === "delivered" || options.manual) {
      return { outcome: "unchanged", attempt, responseStatus: result.responseStatus, error };
    }
    const status = options.final ? ("failed" as const) : ("retrying" as const);
    const nextAttemptAt = options.final ? null : (options.nextAttemptAt ?? new Date(attemptedAt.getTime() + WEBHOOK_RETRY_DELAY_SECONDS * 1000));
    await tx.update(webhookDeliveries).set({ status, nextAttemptAt }).where(eq(webhookDeliveries.id, delivery.id));
    return { outcome: status, attempt, responseStatus: result.responseStatus, error };
  });
}

/**
 * A test event, signed like any other and sent at once (an administrator's "send a test event"). It is not an
 * outcome event of any case, so it has no delivery row: the result is shown and audited instead.
 */
export async function sendTestWebhook(url: string, secret: string, organisationId: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<HttpAttempt & { eventId: string }> {
  const eventId = randomUUID();
  const body = JSON.stringify({
    id: eventId,
    seq: 0,
    kind: "portal.test",
    caseId: null,
    caseReference: null,
    occurredAt: new Date().toISOString(),
    payload: { message: "A test event from the anti-counterfeiting case portal.", organisationId },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const result = await postJson(
    url,
    {
      "X-Portal-Event": "portal.test",
      "X-Portal-Delivery": eventId,
      "X-Portal-Timestamp": String(timestamp),
      "X-Portal-Signature": webhookSignatureHeader(secret, timestamp, body),
    },
    body,
    timeoutMs,
  );
  return { ...result, eventId };
}
