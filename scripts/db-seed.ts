/**
 * `npm run db:seed`: creates the demo world in an empty database (migrating it first).
 * Refuses in production unless SEED_DEMO=true asks for demo accounts explicitly.
 *
 * `npm run db:seed -- --scale 1000000 [--seed 1] [--batch 100000]`: then adds that many generated cases, with
 * their records, through PostgreSQL's bulk paths (db/bulk-generate-run.ts), rebuilds the statistics and
 * analyzes. Above 50,000 cases it needs PostgreSQL (DATABASE_URL=postgres://…).
 */
import os from "node:os";
import { migrateDatabase } from "../db/client";
import { seedDemoWorldIfEmpty } from "../db/seed";
import { DEFAULT_BATCH_SIZE, PGLITE_SCALE_LIMIT, runScaleGeneration } from "../db/bulk-generate-run";
import { env } from "../app/lib/env.server";
import { describeTarget, withConfiguredDatabase } from "./configured-database";

interface SeedArguments {
  scale: number | null;
  seed: number;
  batch: number;
  verbose: boolean;
  parallel: number | null;
}

function parseArguments(argv: string[]): SeedArguments | string {
  const result: SeedArguments = { scale: null, seed: 1, batch: DEFAULT_BATCH_SIZE, verbose: false, parallel: null };
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index] === "--verbose") {
      result.verbose = true;
      continue;
    }
    const [flag, inline] = argv[index]!.split("=", 2) as [string, string | undefined];
    if (!["--scale", "--seed", "--batch", "--parallel"].includes(flag)) return `Unknown argument "${argv[index]}".`;
    const raw = inline ?? argv[(index += 1)];
    const value = Number(raw?.replace(/[_,]/g, ""));
    if (!raw || !Number.isSafeInteger(value) || value < (flag === "--seed" ? 0 : 1)) return `${flag} needs a whole number (got "${raw ?? ""}").`;
    if (flag === "--scale") result.scale = value;
    if (flag === "--seed") result.seed = value;
    if (flag === "--batch") result.batch = value;
    if (flag === "--parallel") result.parallel = value;
  }
  return result;
}

const USAGE = "Usage: npm run db:seed [-- --scale <cases> [--seed <n>] [--batch <cases per transaction>] [--parallel <batches at once>] [--verbose]]";

await withConfiguredDatabase(async (handle) => {
  const args = parseArguments(process.argv.slice(2));
  if (typeof args === "string") {
    console.error(`${args}\n${USAGE}`);
    return 1;
  }
  const config = env();
  if (!config.seedDemo) {
    console.error("Not seeding: demo accounts are not created in production. Set SEED_DEMO=true to ask for them.");
    return 1;
  }
  if (args.scale !== null && args.scale > PGLITE_SCALE_LIMIT && handle.target.kind !== "postgres") {
    console.error(
      `Not generating ${args.scale.toLocaleString("en")} cases into ${describeTarget(handle)}: the embedded database takes at most ` +
        `${PGLITE_SCALE_LIMIT.toLocaleString("en")}. Point DATABASE_URL at PostgreSQL (postgres://user@host:5432/database) for a scale run.`,
    );
    return 1;
  }
  const started = performance.now();
  await migrateDatabase(handle);
  const seeded = await seedDemoWorldIfEmpty(handle.db, { password: config.demoPassword });
  console.log(
    seeded
      ? `Seeded the demo world into ${describeTarget(handle)}: ${seeded.users} accounts, password from DEMO_PASSWORD or the README default ` +
          `(${((performance.now() - started) / 1000).toFixed(1)} s).`
      : `${describeTarget(handle)} already has data; the demo world is not seeded again.`,
  );
  if (args.scale === null) return;

  console.log(`Generating ${args.scale.toLocaleString("en")} cases (seed ${args.seed}) into ${describeTarget(handle)}…`);
  const report = await runScaleGeneration(handle.db, {
    count: args.scale,
    seed: args.seed,
    batchSize: args.batch,
    // One batch per core of this machine, on PostgreSQL (the usual set-up runs the server here too).
    parallel: args.parallel ?? (handle.target.kind === "postgres" ? Math.max(1, Math.min(4, os.availableParallelism())) : 1),
    log: (line) => console.log(line),
    onStep: args.verbose
      ? (step, milliseconds, rows) =>
          console.log(`    ${step.padEnd(16)} ${rows.toLocaleString("en").padStart(9)} rows ${(milliseconds / 1000).toFixed(2).padStart(7)} s`)
      : undefined,
  });
  console.log("\nRows written:");
  for (const [table, rows] of Object.entries(report.counts)) console.log(`  ${table.padEnd(16)} ${rows.toLocaleString("en").padStart(12)}`);
  console.log("\nPhases:");
  for (const phase of report.phases) console.log(`  ${phase.phase.padEnd(26)} ${(phase.milliseconds / 1000).toFixed(1).padStart(8)} s`);
  console.log(`  ${"total".padEnd(26)} ${((performance.now() - started) / 1000).toFixed(1).padStart(8)} s`);
});
