/**
 * The demo world's history (issue 5): about 1,500 referred cases created between December 2024 and September
 * 2026, so that /dashboard and /map read like a real portal's on `npm start`. Written by the bulk generator
 * (db/bulk-generate.ts: INSERT … SELECT in the database, a few seconds even on PGlite), deterministically.
 *
 * What the rest of the demo world and its tests rely on, kept here on purpose:
 * - only the demo organisations: the platform's investigator and lead, and the Putian, Guangzhou and Jinhua
 *   agencies with their MOUs (each factory or warehouse site lies in the agency's MOU territory; the gang's
 *   own site may be anywhere in China);
 * - every case ends closed or withdrawn (a declined lead that was not re-referred was withdrawn): nothing
 *   waits in an inbox, a work queue or for the decision clock, and every referral is decided;
 * - created before 2026-09-20 (Beijing time), before every demo case the specs open from the case list, so the
 *   history sorts after them; references come from case_reference_seq like every other case's, so none collides;
 * - no notifications and no audit record per case: one `system.history_imported` record with the counts
 *   (the audit chain stays one record longer and intact; statistics are rebuilt by db/seed.ts afterwards);
 * - a share of the 2026 cases belongs to the demo joint operations (read from joint_operations, seeded before).
 */
import { recordAudit } from "../app/domain/audit.server";
import type { Transaction } from "./client";
import {
  buildLookups,
  demoAgencies,
  existingOperations,
  generateBulkBatch,
  reserveReferences,
  type BulkGenerateOptions,
  type BulkStepListener,
} from "./bulk-generate";
import type { DemoWorldContext } from "./seed";

export const DEMO_HISTORY = {
  cases: 1_500,
  seed: 2026,
  fromDay: "2024-12-01",
  toDay: "2026-09-19",
  /** Every stage of the history is over by this moment. */
  asOf: new Date("2026-10-31T16:00:00Z"),
  idTag: "d0c5e500",
  operationShare: 0.35,
} as const;

const DEMO_AGENCY_PEOPLE = {
  "putian-psb": { decider: "supervisor@putian.demo", officer: "officer@putian.demo" },
  "guangzhou-psb": { decider: "supervisor@guangzhou.demo", officer: "officer@guangzhou.demo" },
  "jinhua-psb": { decider: "officer@jinhua.demo", officer: "officer@jinhua.demo" },
};

export async function seedDemoHistory(
  tx: Transaction,
  context: DemoWorldContext,
  options: { cases?: number; onStep?: BulkStepListener } = {},
): Promise<void> {
  const total = options.cases ?? DEMO_HISTORY.cases;
  if (total <= 0) return;
  const agencies = await demoAgencies(tx, Object.keys(DEMO_AGENCY_PEOPLE), DEMO_AGENCY_PEOPLE);
  const generate: BulkGenerateOptions = {
    total,
    seed: DEMO_HISTORY.seed,
    fromDay: DEMO_HISTORY.fromDay,
    toDay: DEMO_HISTORY.toDay,
    asOf: DEMO_HISTORY.asOf,
    terminalOnly: true,
    platformOrganisationId: context.organisationIdByCode.get("platform-ip")!,
    investigatorId: context.userIdByEmail.get("investigator@platform.demo")!,
    leadId: context.userIdByEmail.get("lead@platform.demo")!,
    agencies,
    operations: await existingOperations(tx),
    operationShare: DEMO_HISTORY.operationShare,
    idTag: DEMO_HISTORY.idTag,
    referenceStart: await reserveReferences(tx, total),
  };
  const counts = await generateBulkBatch(tx, generate, buildLookups(agencies), 0, total, options.onStep);
  await recordAudit(tx, {
    action: "system.history_imported",
    entityType: "case",
    details: {
      seed: generate.seed,
      createdFrom: generate.fromDay,
      createdTo: generate.toDay,
      agencies: agencies.length,
      ...counts,
    },
  });
}
