import { json } from "@remix-run/node";
import { checkDatabaseReady } from "~/lib/db.server";

const READY_WAIT_MS = 5_000;

/**
 * Public readiness probe for the e2e server, load balancers and people: 200 once migrations have run and
 * the database answers, 503 before that. It says nothing about data or configuration.
 */
export async function loader() {
  try {
    await Promise.race([
      checkDatabaseReady(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), READY_WAIT_MS)),
    ]);
    return json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return json({ status: "starting" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
