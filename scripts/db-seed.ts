/**
 * `npm run db:seed`: creates the demo world in an empty database (migrating it first).
 * Refuses in production unless SEED_DEMO=true asks for demo accounts explicitly.
 */
import { migrateDatabase } from "../db/client";
import { seedDemoWorldIfEmpty } from "../db/seed";
import { env } from "../app/lib/env.server";
import { describeTarget, withConfiguredDatabase } from "./configured-database";

await withConfiguredDatabase(async (handle) => {
  const config = env();
  if (!config.seedDemo) {
    console.error("Not seeding: demo accounts are not created in production. Set SEED_DEMO=true to ask for them.");
    return 1;
  }
  await migrateDatabase(handle);
  const seeded = await seedDemoWorldIfEmpty(handle.db, { password: config.demoPassword });
  console.log(
    seeded
      ? `Seeded the demo world into ${describeTarget(handle)}: ${seeded.users} accounts, password from DEMO_PASSWORD or the README default.`
      : `${describeTarget(handle)} already has data; nothing seeded.`,
  );
});
