/**
 * The outcome feed's writer: the one way a police update becomes an event for the platform's systems.
 * Called inside the transaction of the change, so the feed holds an event exactly when the change
 * committed. It also queues one webhook delivery per active endpoint of the case's platform organisation;
 * the delivery worker (app/domain/webhooks.server.ts) sends them after the commit.
 */
import { and, eq } from "drizzle-orm";
import { outcomeEvents, webhookDeliveries, webhookEndpoints, type Case, type Transaction } from "~/lib/db.server";

export const OUTCOME_EVENT_KINDS = [
  "referral.accepted",
  "referral.declined",
  "referral.returned_for_info",
  "case.investigation_started",
  "raid.recorded",
  "raid.updated",
  "outcome.updated",
  "case.transferred_for_prosecution",
  "case.closed",
] as const;
export type OutcomeEventKind = (typeof OUTCOME_EVENT_KINDS)[number];

export interface OutcomeEventInput {
  caseRow: Pick<Case, "id" | "reference" | "platformOrganisationId" | "targetAgencyId">;
  kind: OutcomeEventKind;
  /** What happened, as the platform's systems should read it (no personal data of suspects). */
  payload: Record<string, unknown>;
  at?: Date;
}

export async function recordOutcomeEvent(tx: Transaction, input: OutcomeEventInput): Promise<{ id: string; seq: number }> {
  const [event] = await tx
    .insert(outcomeEvents)
    .values({
      caseId: input.caseRow.id,
      platformOrganisationId: input.caseRow.platformOrganisationId,
      agencyId: input.caseRow.targetAgencyId,
      kind: input.kind,
      payload: { caseReference: input.caseRow.reference, ...input.payload },
      occurredAt: input.at ?? new Date(),
    })
    .returning({ id: outcomeEvents.id, seq: outcomeEvents.seq });
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organisationId, input.caseRow.platformOrganisationId), eq(webhookEndpoints.active, true)));
  if (endpoints.length > 0) {
    await tx.insert(webhookDeliveries).values(endpoints.map((endpoint) => ({ endpointId: endpoint.id, eventId: event!.id })));
  }
  return event!;
}
