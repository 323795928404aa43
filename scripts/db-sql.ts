/**
 * `npm run db:sql -- "select …"`: runs one SQL statement against the configured database and prints the
 * rows. Mostly for the embedded PGlite, which has no psql; stop the server first (it holds the lock).
 */
import { sql } from "drizzle-orm";
import { queryRows } from "../db/client";
import { withConfiguredDatabase } from "./configured-database";

const statement = process.argv.slice(2).join(" ").trim();
if (!statement) {
  console.error('Usage: npm run db:sql -- "select seq, action from audit_events order by seq desc limit 5"');
  process.exit(1);
}

await withConfiguredDatabase(async (handle) => {
  const rows = await queryRows(handle.db, sql.raw(statement));
  if (rows.length) console.table(rows);
  else console.log("OK (no rows returned).");
});
