/**
 * The demo world (issue #2): the platform's IP team and police agencies with one account per role.
 * Later issues add cases to it. Run by `npm run db:seed`, and on the first start of an empty database
 * when SEED_DEMO allows it (never in production unless asked for).
 */
import { count } from "drizzle-orm";
import { recordAudit } from "../app/domain/audit.server";
import { hashPassword } from "../app/lib/password.server";
import type { Database } from "./client";
import { seedDemoCases } from "./seed-cases";
import { seedDemoEvidence } from "./seed-evidence";
import { seedDemoMous } from "./seed-mous";
import { seedDemoPolice, settleDemoNotifications } from "./seed-police";
import { seedPoliceDemoCases } from "./seed-police-cases";
import { seedDemoWorkflow } from "./seed-workflow";
import { seedDemoOperations } from "./seed-operations";
import { seedDemoBlacklist } from "./seed-blacklist";
import { seedDemoHistory } from "./seed-history";
import { rebuildAllStatistics } from "../app/domain/statistics-refresh.server";
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from "./demo-accounts";
import { organisations, users } from "./schema";

export { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from "./demo-accounts";

/** What each part of the demo world needs from the parts seeded before it. */
export interface DemoWorldContext {
  organisationIdByCode: Map<string, string>;
  userIdByEmail: Map<string, string>;
  /** Filled by seedDemoCases, for the parts seeded after it. */
  caseIdByReference: Map<string, string>;
}

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ organisations: count() }).from(organisations);
  return (row?.organisations ?? 0) === 0;
}

export async function seedDemoWorld(db: Database, options: { password: string }): Promise<{ users: number }> {
  const passwordHash = await hashPassword(options.password);
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(organisations).values([...DEMO_ORGANISATIONS]).returning();
    const organisationIdByCode = new Map(inserted.map((organisation) => [organisation.code, organisation.id]));
    const insertedUsers = await tx
      .insert(users)
      .values(
        DEMO_ACCOUNTS.map((account) => ({
          email: account.email,
          displayName: account.displayName,
          role: account.role,
          organisationId: organisationIdByCode.get(account.organisation)!,
          passwordHash,
        })),
      )
      .returning({ id: users.id, email: users.email });
    const context: DemoWorldContext = {
      organisationIdByCode,
      userIdByEmail: new Map(insertedUsers.map((user) => [user.email, user.id])),
      caseIdByReference: new Map(),
    };
    await seedDemoMous(tx, context);
    await seedDemoCases(tx, context);
    await seedPoliceDemoCases(tx, context);
    await seedDemoWorkflow(tx, context);
    await seedDemoEvidence(tx, context);
    await seedDemoPolice(tx, context);
    await seedDemoOperations(tx, context);
    await seedDemoHistory(tx, context);
    await seedDemoBlacklist(tx, context);
    await settleDemoNotifications(tx);
    // The figures of /dashboard and /map are ready at once, not a minute after the first start.
    await rebuildAllStatistics(tx);
    await recordAudit(tx, {
      action: "system.demo_world_seeded",
      details: { organisations: inserted.length, users: DEMO_ACCOUNTS.length },
    });
  });
  return { users: DEMO_ACCOUNTS.length };
}

/** Seeds only a database with no organisations, so a restart never duplicates or resets anything. */
export async function seedDemoWorldIfEmpty(
  db: Database,
  options: { password: string },
): Promise<{ users: number } | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  return seedDemoWorld(db, options);
}
