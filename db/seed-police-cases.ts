/**
 * Creates the police-side demo leads AC-2026-000007 … -000020 (data in db/seed-police-leads.ts and
 * db/seed-police-inbox-leads.ts, built with db/seed-lead-builders.ts) as drafts by the platform investigator,
 * through the lead domain like db/seed-cases.ts does, right after the first six: the references continue the
 * sequence, and a number other than the expected one stops the seed (the other seeds and the e2e specs find
 * these leads by reference). db/seed-police.ts then moves them through the workflow into the states listed in
 * POLICE_DEMO_STATES.
 */
import { createLead } from "../app/domain/cases.server";
import { LeadFormSchema } from "../app/domain/cases.schema";
import { loadViewer } from "../app/domain/viewers.server";
import type { Transaction } from "./client";
import { jointOperations, type CaseStatus } from "./schema";
import type { DemoWorldContext } from "./seed";
import { POLICE_DEMO_LEADS_INBOX } from "./seed-police-inbox-leads";
import { POLICE_DEMO_LEADS_WORKED } from "./seed-police-leads";

/** The state each new lead is left in (the table of the helpers' conventions; e2e specs rely on it). */
export const POLICE_DEMO_STATES: Readonly<Record<string, CaseStatus>> = {
  "AC-2026-000007": "raided",
  "AC-2026-000008": "raided",
  "AC-2026-000009": "prosecution",
  "AC-2026-000010": "closed",
  "AC-2026-000011": "declined",
  "AC-2026-000012": "returned_for_info",
  "AC-2026-000013": "accepted",
  "AC-2026-000014": "investigating",
  "AC-2026-000015": "submitted",
  "AC-2026-000016": "submitted",
  "AC-2026-000017": "submitted",
  "AC-2026-000018": "investigating",
  "AC-2026-000019": "accepted",
  "AC-2026-000020": "submitted",
};

export async function seedPoliceDemoCases(tx: Transaction, context: DemoWorldContext): Promise<void> {
  const investigatorId = context.userIdByEmail.get("investigator@platform.demo");
  if (!investigatorId) throw new Error("seed: the investigator account is missing");
  const investigator = await loadViewer(tx, { userId: investigatorId });
  const operations = await tx.select({ id: jointOperations.id, code: jointOperations.code }).from(jointOperations);

  for (const demo of [...POLICE_DEMO_LEADS_WORKED, ...POLICE_DEMO_LEADS_INBOX]) {
    const jointOperationId = operations.find((operation) => operation.code === demo.operation)?.id;
    const input = LeadFormSchema.parse({ ...demo.lead, ...(jointOperationId ? { jointOperationId } : {}) });
    const result = await createLead(tx, investigator, input, { ip: null, userAgent: "demo seed", at: new Date(demo.at) });
    if (!result.ok) throw new Error(`seed: lead ${demo.reference} refused: ${JSON.stringify(result)}`);
    if (result.reference !== demo.reference) {
      throw new Error(`seed: expected ${demo.reference}, the sequence gave ${result.reference} (is the database empty?)`);
    }
    context.caseIdByReference.set(result.reference, result.caseId);
  }
}
