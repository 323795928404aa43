/**
 * pg-boss on the test database (PGlite in memory, or PostgreSQL with TEST_DATABASE_URL), end to end: a
 * recorded outcome event becomes a job, the job delivers the webhook, and the sweep finds a delivery whose
 * enqueue was lost.
 */
import { and, eq, sql } from "drizzle-orm";
import { jobQueueConnection } from "../../db/client";
import { webhookDeliveries } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { viewerFor } from "~/domain/case-workflow.testing";
import { recordEvent, referredCase, seedOrganisationsAndAccounts, startReceiver, type Receiver } from "~/domain/integrations.testing";
import { createWebhookEndpoint } from "~/domain/webhook-admin.server";
import { verifyWebhookSignature } from "~/domain/webhooks.server";
import { createJobQueue, PGBOSS_SCHEMA, WEBHOOK_QUEUE, type JobQueue } from "./jobs.server";
import { queryRows } from "./db.server";

let database: TestDatabase;
let receiver: Receiver;
let queue: JobQueue | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedOrganisationsAndAccounts(database.db);
  receiver = await startReceiver();
});
afterAll(async () => {
  await queue?.stop();
  await receiver.close();
  await database.destroy();
});

async function deliveryOf(eventId: string) {
  const [delivery] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
  return delivery!;
}

async function until(condition: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it("starts pg-boss on the test database and delivers a webhook through it", async () => {
  const db = database.db;
  const admin = await viewerFor(db, "admin@platform.demo");
  const endpoint = await createWebhookEndpoint(db, admin, { intent: "create-endpoint", url: receiver.url }, { ip: null, userAgent: null });
  const caseRow = await referredCase(db, "putian-psb");

  queue = await createJobQueue({ db, connection: jobQueueConnection(database), pollMs: 0, schedule: false, workerPollingSeconds: 0.5, log: { info: () => {}, error: () => {} } });

  // A committed event, enqueued by a kick, delivered by a worker.
  const event = await recordEvent(db, caseRow, "case.investigation_started");
  await queue.kick();
  expect((await deliveryOf(event.id)).nextAttemptAt).toBeInstanceOf(Date); // marked enqueued
  await receiver.waitFor(1);
  const received = receiver.requests[0]!;
  expect(received.headers["x-portal-event"]).toBe("case.investigation_started");
  expect(verifyWebhookSignature(endpoint.secret, received.headers["x-portal-signature"] as string, received.body)).toBe(true);
  await until(async () => (await deliveryOf(event.id)).status === "delivered", "the delivery to be marked delivered");
  await until(
    async () =>
      (
        await queryRows<{ state: string }>(
          db,
          sql`select state from ${sql.identifier(PGBOSS_SCHEMA)}.job where name = ${WEBHOOK_QUEUE} and singleton_key = ${(await deliveryOf(event.id)).id}`,
        )
      ).some((job) => job.state === "completed"),
    "the job to complete",
  );

  // A delivery whose enqueue was lost (marked enqueued, but no job): the sweep sends it.
  const lost = await recordEvent(db, caseRow, "raid.recorded");
  await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date() })
    .where(and(eq(webhookDeliveries.eventId, lost.id), eq(webhookDeliveries.status, "pending")));
  await db.execute(sql`insert into stats_dirty_cases (case_id) values (${caseRow.id})`);
  const report = await queue.sweep();
  expect(report).toEqual({ enqueued: 1, clockSweeps: "ran", statistics: "ran" });
  // The sweep also brought the statistics up to date (ADR 0012): nothing is left dirty, and the figures say when.
  expect(await queryRows(db, sql`select case_id from stats_dirty_cases`)).toEqual([]);
  expect(await queryRows(db, sql`select id from stats_refresh_state`)).toHaveLength(1);
  await receiver.waitFor(2);
  expect(receiver.requests[1]!.headers["x-portal-event"]).toBe("raid.recorded");
  await until(async () => (await deliveryOf(lost.id)).status === "delivered", "the swept delivery to be delivered");
  // Nothing is left without a job.
  expect((await queue.sweep()).enqueued).toBe(0);
});
