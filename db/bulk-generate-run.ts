/**
 * A scale run (`npm run db:seed -- --scale N`): N generated cases on top of the demo world, referred to about
 * sixty synthetic city public security bureaus plus the demo world's Putian and Guangzhou, created over the
 * last 24 months, in batches of one transaction each; then one audit record, the statistics rebuilt from
 * scratch (set-based) and ANALYZE. Each phase is timed. docs/decisions/0014-scale-and-benchmarks.md.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../app/domain/audit.server";
import { rebuildAllStatistics } from "../app/domain/statistics-refresh.server";
import {
  EMPTY_COUNTS,
  addCounts,
  buildLookups,
  demoAgencies,
  ensureScaleAgencies,
  ensureScaleOperations,
  existingOperations,
  generateBulkBatch,
  newIdTag,
  reserveReferences,
  type BulkBatchCounts,
  type BulkGenerateOptions,
  type BulkStepListener,
} from "./bulk-generate";
import { queryRows, type Database } from "./client";
import { organisations, users } from "./schema";

/** The most cases a scale run writes into the embedded PGlite (it is one process, in WebAssembly). */
export const PGLITE_SCALE_LIMIT = 50_000;
export const DEFAULT_BATCH_SIZE = 100_000;

export interface ScaleRunOptions {
  count: number;
  seed: number;
  batchSize?: number;
  /** Now, by default: the end of the history; stages not reached by then are still ahead. */
  asOf?: Date;
  log?: (line: string) => void;
  /**
   * Drop the bulk tables' secondary indexes for the load and build them again afterwards (PostgreSQL; the
   * default from 200,000 cases up). Run it while the portal is stopped: without them its lists are slow.
   */
  rebuildIndexes?: boolean;
  /** Batches generated at once, each on its own connection (PostgreSQL; PGlite runs one statement at a time). */
  parallel?: number;
  /** Each statement of each batch, timed (`--verbose`). */
  onStep?: BulkStepListener;
}

export interface ScaleRunReport {
  counts: BulkBatchCounts;
  phases: { phase: string; milliseconds: number }[];
  fromDay: string;
  toDay: string;
  agencies: number;
}

const DAY_MS = 86_400_000;

/** The tables a scale run writes most of its rows into. */
export const BULK_TABLES = [
  "cases",
  "case_brands",
  "case_sites",
  "case_accounts",
  "case_enterprises",
  "case_referrals",
  "raids",
  "raid_sites",
  "seizures",
  "case_outcomes",
  "platform_actions",
] as const;

/**
 * The secondary indexes of the bulk tables (not primary keys, not those behind a unique constraint), with
 * the statements that create them again. A large load drops them first and builds each once at the end: a
 * sorted build is much cheaper than a million random insertions into a dozen B-trees.
 */
export async function secondaryIndexes(db: Database): Promise<{ name: string; definition: string }[]> {
  return queryRows<{ name: string; definition: string }>(
    db,
    sql`select i.indexname as name, i.indexdef as definition
        from pg_indexes i
        where i.schemaname = 'public' and i.tablename in (${sql.join(
          BULK_TABLES.map((table) => sql`${table}`),
          sql`, `,
        )})
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype in ('p', 'u'))
        order by i.tablename, i.indexname`,
  );
}

function chinaDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(at);
}

const DEMO_PEOPLE = {
  "putian-psb": { decider: "supervisor@putian.demo", officer: "officer@putian.demo" },
  "guangzhou-psb": { decider: "supervisor@guangzhou.demo", officer: "officer@guangzhou.demo" },
};

export async function runScaleGeneration(db: Database, options: ScaleRunOptions): Promise<ScaleRunReport> {
  const log = options.log ?? (() => {});
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const asOf = options.asOf ?? new Date();
  const phases: ScaleRunReport["phases"] = [];
  const timed = async <T>(phase: string, body: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await body();
    const milliseconds = performance.now() - started;
    phases.push({ phase, milliseconds });
    log(`${phase}: ${(milliseconds / 1000).toFixed(1)} s`);
    return result;
  };

  const [platform] = await db.select().from(organisations).where(eq(organisations.code, "platform-ip"));
  if (!platform) throw new Error("A scale run builds on the demo world: seed it first (an empty database is seeded automatically).");
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ["investigator@platform.demo", "lead@platform.demo", "admin@platform.demo"]));
  const userId = (email: string) => {
    const found = people.find((person) => person.email === email);
    if (!found) throw new Error(`The demo world lacks ${email}.`);
    return found.id;
  };
  // About 24 months of history, ending a week ago (every referral decided by now).
  const fromDay = chinaDay(new Date(asOf.getTime() - 730 * DAY_MS));
  const toDay = chinaDay(new Date(asOf.getTime() - 7 * DAY_MS));

  const setup = await timed("agencies and operations", () =>
    db.transaction(async (tx) => {
      const scaleAgencies = await ensureScaleAgencies(tx, {
        platformOrganisationId: platform.id,
        adminId: userId("admin@platform.demo"),
        signedOn: chinaDay(new Date(asOf.getTime() - 800 * DAY_MS)),
      });
      await ensureScaleOperations(tx, userId("admin@platform.demo"));
      const agencies = [...(await demoAgencies(tx, Object.keys(DEMO_PEOPLE), DEMO_PEOPLE)), ...scaleAgencies];
      return { agencies, operations: await existingOperations(tx), referenceStart: await reserveReferences(tx, options.count) };
    }),
  );
  const generate: BulkGenerateOptions = {
    total: options.count,
    seed: options.seed,
    fromDay,
    toDay,
    asOf,
    terminalOnly: false,
    platformOrganisationId: platform.id,
    investigatorId: userId("investigator@platform.demo"),
    leadId: userId("lead@platform.demo"),
    agencies: setup.agencies,
    operations: setup.operations,
    operationShare: 0.3,
    idTag: newIdTag(),
    referenceStart: setup.referenceStart,
  };
  const lookups = buildLookups(setup.agencies);
  log(
    `${options.count.toLocaleString("en")} cases created ${fromDay} … ${toDay}, referred to ${
      setup.agencies.length
    } agencies, in batches of ${batchSize.toLocaleString("en")}`,
  );

  const dropIndexes = options.rebuildIndexes ?? options.count >= 200_000;
  const indexes = dropIndexes ? await secondaryIndexes(db) : [];
  if (indexes.length) {
    await timed(`secondary indexes dropped (${indexes.length})`, () =>
      db.transaction(async (tx) => {
        for (const index of indexes) await tx.execute(sql.raw(`drop index if exists "${index.name.replace(/"/g, '""')}"`));
      }),
    );
  }
  const rebuild = async () => {
    await timed(`secondary indexes built (${indexes.length})`, () =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
        for (const index of indexes) {
          const started = performance.now();
          await tx.execute(sql.raw(index.definition.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX IF NOT EXISTS ")));
          log(`  ${index.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
      }),
    );
  };

  let counts: BulkBatchCounts = { ...EMPTY_COUNTS };
  try {
    await generateBatches();
  } finally {
    // Whatever happened to the load, the schema gets its indexes back.
    if (indexes.length) await rebuild();
  }

  async function generateBatches() {
    await timed("cases and their records", async () => {
      const ranges: [number, number][] = [];
      for (let start = 0; start < options.count; start += batchSize) ranges.push([start, Math.min(options.count, start + batchSize)]);
      // Batches are independent (their own rows, ids and reference numbers): a few run at once, one per
      // connection, so each core of the database server has a statement to work on.
      const worker = async () => {
        for (let range = ranges.shift(); range; range = ranges.shift()) {
          const [start, end] = range;
          const started = performance.now();
          const batch = await db.transaction(async (tx) => {
            // Room for the batch's sorts and materialised steps in memory rather than in temporary files.
            await tx.execute(sql`set local work_mem = '256MB'`);
            await tx.execute(sql`set local synchronous_commit = off`);
            return generateBulkBatch(tx, generate, lookups, start, end, options.onStep);
          });
          counts = addCounts(counts, batch);
          const rows = Object.values(batch).reduce((sum, value) => sum + value, 0);
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          log(`  cases ${(start + 1).toLocaleString("en")}–${end.toLocaleString("en")}: ${rows.toLocaleString("en")} rows in ${seconds} s`);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 1) }, worker));
    });
  }

  await timed("audit record", () =>
    db.transaction((tx) =>
      recordAudit(tx, {
        action: "system.history_imported",
        entityType: "case",
        details: { seed: generate.seed, createdFrom: fromDay, createdTo: toDay, agencies: setup.agencies.length, ...counts },
      }),
    ),
  );
  await timed("statistics rebuilt", () => rebuildAllStatistics(db));
  await timed("analyze", () => db.execute(sql`analyze`));
  return { counts, phases, fromDay, toDay, agencies: setup.agencies.length };
}
