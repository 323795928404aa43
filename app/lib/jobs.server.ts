/**
 * The job queue: pg-boss, keeping its jobs in the app's own database (schema `pgboss`, created and migrated by
 * pg-boss itself, outside drizzle's migrations). docs/decisions/0011-job-queue.md explains the choice.
 *
 * Queues:
 * - `webhook-delivery`: one job per webhook delivery (data { deliveryId }, singletonKey = the delivery id, so a
 *   delivery never has two live jobs). Each run is one HTTP attempt (app/domain/webhooks.server.ts); a failure
 *   throws, and pg-boss retries with exponential backoff up to WEBHOOK_RETRY_LIMIT times.
 * - `minute-sweep`: scheduled every minute (cron). Enqueues every pending or retrying delivery that has no live
 *   job (a crash between a commit and its enqueue loses nothing), shows pg-boss's retry times in the delivery
 *   log, runs the clock sweeps (decision clocks, due requests), and brings the statistics of /dashboard and
 *   /map up to date with the cases changed since the last sweep (refreshDirtyStatistics; ADR 0012: no figure
 *   older than a minute). The statistics are also refreshed once when the queue starts, so a server that was
 *   down catches up at once.
 *
 * After a commit that recorded outcome events, a poller (every second) or kickWebhookDeliveries() enqueues the
 * new deliveries; a delivery is marked enqueued by setting its next_attempt_at.
 *
 * The server starts the queue after the database warm-up and stops it before closing the database
 * (entry.server.tsx serverHooks). Tests call the domain functions directly and need no queue.
 */
import PgBoss from "pg-boss";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { runClockSweeps } from "~/domain/clock-sweeps.server";
import { refreshDirtyStatistics } from "~/domain/statistics-refresh.server";
import { attemptWebhookDelivery, WEBHOOK_RETRY_DELAY_SECONDS, WEBHOOK_RETRY_LIMIT } from "~/domain/webhooks.server";
import { getDb, getJobQueueConnection, queryRows, webhookDeliveries, type Database, type JobQueueConnection } from "./db.server";

export const PGBOSS_SCHEMA = "pgboss";
export const WEBHOOK_QUEUE = "webhook-delivery";
export const SWEEP_QUEUE = "minute-sweep";
const ENQUEUE_BATCH = 200;

export interface WebhookJobData {
  deliveryId: string;
}

export interface JobQueue {
  boss: PgBoss;
  /** Enqueue new deliveries now (after a commit that recorded outcome events). Resolves when done. */
  kick(): Promise<void>;
  /** The minute sweep's work, callable directly (tests, or an operator). */
  sweep(now?: Date): Promise<SweepReport>;
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  db: Database;
  connection: JobQueueConnection;
  /** Look for new deliveries this often (ms); 0: only on kick(). Default 1000. */
  pollMs?: number;
  /** Schedule the minute sweep (cron). Default true. */
  schedule?: boolean;
  /** How often each worker asks pg-boss for a job when idle (seconds, at least 0.5). Default 2. */
  workerPollingSeconds?: number;
  log?: Pick<Console, "info" | "error">;
}

export interface SweepReport {
  enqueued: number;
  clockSweeps: "ran" | "failed";
  statistics: "ran" | "failed";
}

function webhookJobOptions(deliveryId: string): PgBoss.SendOptions {
  return {
    singletonKey: deliveryId,
    retryLimit: WEBHOOK_RETRY_LIMIT,
    retryDelay: WEBHOOK_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    // One attempt takes at most the 10 s HTTP timeout; a job still active after this was lost with its process.
    expireInSeconds: 120,
  };
}

export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { db } = options;
  const log = options.log ?? console;
  const boss = new PgBoss({
    ...("connectionString" in options.connection
      ? { connectionString: options.connection.connectionString, max: 3, application_name: "ac-portal-jobs" }
      : { db: options.connection.db as PgBoss.Db }),
    schema: PGBOSS_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: options.schedule ?? true,
  });
  boss.on("error", (error) => log.error("Job queue:", error instanceof Error ? error.message : error));
  await boss.start();

  const webhookQueue: PgBoss.Queue = {
    name: WEBHOOK_QUEUE,
    policy: "stately",
    retryLimit: WEBHOOK_RETRY_LIMIT,
    retryDelay: WEBHOOK_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    expireInSeconds: 120,
  };
  // Only one sweep runs at a time, across every process on the database.
  const sweepQueue: PgBoss.Queue = { name: SWEEP_QUEUE, policy: "singleton", retryLimit: 0, expireInSeconds: 300 };
  for (const queue of [webhookQueue, sweepQueue]) {
    if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue);
    else await boss.createQueue(queue.name, queue);
  }

  const workerIds: string[] = [];

  async function send(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    // A delivery that still has a live job is skipped by the queue's singleton rule (ON CONFLICT DO NOTHING).
    await boss.insert(deliveryIds.map((deliveryId) => ({ name: WEBHOOK_QUEUE, data: { deliveryId }, ...webhookJobOptions(deliveryId) }) as PgBoss.JobInsert));
  }

  /** New deliveries (pending, never enqueued): enqueue, then mark them enqueued (due now). */
  async function enqueueNewDeliveries(): Promise<number> {
    let total = 0;
    for (;;) {
      const fresh = await db
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.status, "pending"), isNull(webhookDeliveries.nextAttemptAt)))
        .orderBy(asc(webhookDeliveries.createdAt))
        .limit(ENQUEUE_BATCH);
      if (fresh.length === 0) return total;
      const ids = fresh.map((row) => row.id);
      await send(ids); // enqueue first: a crash before the mark only means the job is sent again, and skipped
      await db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date() })
        .where(and(inArray(webhookDeliveries.id, ids), isNull(webhookDeliveries.nextAttemptAt)));
      total += ids.length;
      for (const worker of workerIds) boss.notifyWorker(worker);
      if (fresh.length < ENQUEUE_BATCH) return total;
    }
  }

  /** Pending or retrying deliveries without a live job (lost in a crash, or their job expired): enqueue again. */
  async function enqueueOrphans(): Promise<number> {
    const orphans = await queryRows<{ id: string }>(
      db,
      sql`select d.id from ${webhookDeliveries} d
          where d.status in ('pending', 'retrying')
            and not exists (
              select 1 from ${sql.identifier(PGBOSS_SCHEMA)}.job j
              where j.name = ${WEBHOOK_QUEUE} and j.singleton_key = d.id::text and j.state < 'completed'
            )
          order by d.created_at
          limit 1000`,
    );
    await send(orphans.map((row) => row.id));
    return orphans.length;
  }

  /** The log shows when pg-boss will really try again (its backoff has a random part). */
  async function showRetryTimes(): Promise<void> {
    await db.execute(
      sql`update ${webhookDeliveries} d set next_attempt_at = j.start_after
          from ${sql.identifier(PGBOSS_SCHEMA)}.job j
          where j.name = ${WEBHOOK_QUEUE} and j.singleton_key = d.id::text and j.state = 'retry'
            and d.status = 'retrying' and d.next_attempt_at is distinct from j.start_after`,
    );
  }

  // kick(): at most one enqueue pass at a time; a kick during a pass asks for one more pass.
  let pass: Promise<void> | null = null;
  let again = false;
  function kick(): Promise<void> {
    if (pass) {
      again = true;
      return pass;
    }
    pass = (async () => {
      do {
        again = false;
        await enqueueNewDeliveries();
      } while (again);
    })()
      .catch((error: unknown) => log.error("Job queue: could not enqueue webhook deliveries:", error instanceof Error ? error.message : error))
      .finally(() => {
        pass = null;
      });
    return pass;
  }

  async function sweep(now = new Date()): Promise<SweepReport> {
    await kick();
    const enqueued = await enqueueOrphans();
    await showRetryTimes();
    let clockSweeps: SweepReport["clockSweeps"] = "ran";
    try {
      await runClockSweeps(db, now);
    } catch (error) {
      clockSweeps = "failed";
      log.error("Job queue: the clock sweeps failed:", error instanceof Error ? error.message : error);
    }
    const statistics = await refreshStatistics();
    return { enqueued, clockSweeps, statistics };
  }

  /** The dirty cases' statistics; a failure is logged and reported, and the cases stay dirty for the next sweep. */
  async function refreshStatistics(): Promise<SweepReport["statistics"]> {
    try {
      await refreshDirtyStatistics(db);
      return "ran";
    } catch (error) {
      log.error("Job queue: the statistics refresh failed:", error instanceof Error ? error.message : error);
      return "failed";
    }
  }

  const workOptions = { includeMetadata: true as const, batchSize: 1, pollingIntervalSeconds: options.workerPollingSeconds ?? 2 };
  // Two workers: one slow endpoint (up to the 10 s timeout) does not hold up every other delivery.
  for (let i = 0; i < 2; i++) {
    workerIds.push(
      await boss.work<WebhookJobData>(WEBHOOK_QUEUE, workOptions, async ([job]) => {
        if (!job) return;
        const final = job.retryCount >= job.retryLimit;
        // pg-boss waits retryDelay · 2^retryCount · (1…2) seconds before the next try: the earliest is shown.
        const nextAttemptAt = new Date(Date.now() + job.retryDelay * 2 ** job.retryCount * 1000);
        const result = await attemptWebhookDelivery(db, job.data.deliveryId, { final, nextAttemptAt });
        // A failed attempt fails the job, so pg-boss schedules the retry (or, after the last, marks it failed).
        if (result.outcome === "retrying" || result.outcome === "failed") {
          throw new Error(`attempt ${result.attempt}: ${result.error ?? "failed"}`);
        }
        return { outcome: result.outcome };
      }),
    );
  }
  await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    const report = await sweep();
    if (report.clockSweeps === "failed") throw new Error("the clock sweeps failed");
    if (report.statistics === "failed") throw new Error("the statistics refresh failed");
    return report;
  });
  if (options.schedule ?? true) await boss.schedule(SWEEP_QUEUE, "* * * * *", {}, { tz: "UTC" });

  const pollMs = options.pollMs ?? 1000;
  const poller = pollMs > 0 ? setInterval(() => void kick(), pollMs) : undefined;
  poller?.unref();
  void kick(); // deliveries recorded while no server was running
  // Changes committed while no server was running (or since a refresh that failed); in the background, so a
  // long catch-up does not hold up the start. Serialised with the sweep's refresh by an advisory lock.
  const startupRefresh = refreshStatistics();

  return {
    boss,
    kick,
    sweep,
    async stop() {
      if (poller) clearInterval(poller);
      await pass;
      await startupRefresh;
      // Let a running attempt finish (at most the HTTP timeout) before the database closes under it.
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
    },
  };
}

// ——— The server's one queue ———

interface QueueState {
  queue?: Promise<JobQueue>;
}
const globalForJobs = globalThis as typeof globalThis & { __portalJobQueue?: QueueState };
const state: QueueState = (globalForJobs.__portalJobQueue ??= {});

/** Starts the queue on the app's database (once per process; server.js calls it after the warm-up). */
export async function startJobQueue(): Promise<JobQueue> {
  state.queue ??= (async () => createJobQueue({ db: await getDb(), connection: await getJobQueueConnection() }))().catch((error: unknown) => {
    state.queue = undefined;
    throw error;
  });
  return state.queue;
}

export async function stopJobQueue(): Promise<void> {
  const pending = state.queue;
  state.queue = undefined;
  if (!pending) return;
  try {
    await (await pending).stop();
  } catch (error) {
    console.error("Job queue: did not stop cleanly:", error instanceof Error ? error.message : error);
  }
}

/**
 * Call after committing a change that recorded outcome events, to send its webhooks at once rather than within
 * the poller's second. Never throws, never waits for the HTTP requests; without a running queue (tests,
 * scripts) it does nothing, and the queue picks the deliveries up when it starts.
 */
export function kickWebhookDeliveries(): void {
  const pending = state.queue;
  if (!pending) return;
  pending.then((queue) => queue.kick()).catch(() => {});
}
