/** `npm run db:migrate`: applies the migrations in migrations/ (the server also does this at start). */
import { migrateDatabase } from "../db/client";
import { describeTarget, withConfiguredDatabase } from "./configured-database";

await withConfiguredDatabase(async (handle) => {
  await migrateDatabase(handle);
  console.log(`Migrations applied to ${describeTarget(handle)}.`);
});
