/**
 * The outcome feed's writer: the one way a police update becomes an event for the platform's systems.
 * Called inside the transaction of the change, so the feed holds an event exactly when the change
 * committed. It also queues one webhook delivery per active endpoint of the case's platform organisation;
 * after the commit the job queue (app/lib/jobs.server.ts) picks them up within a second or two and
 * app/domain/webhooks.server.ts sends them. A caller may call kickWebhookDeliveries() (jobs.server.ts) after
 * its commit to skip even that wait; nothing is lost if it does not.
 */
import { and, eq, sql } from "drizzle-orm";
import { outcomeEvents, webhookDeliveries, webhookEndpoints, type Case, type OutcomeEvent, type Transaction } from "~/lib/db.server";
import { AUDIT_CHAIN_LOCK_KEY } from "./audit.server";

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
  // The feed's readers page by `seq` (after=<seq>): a seq must never become visible after a higher one, or a
  // reader would skip it. Holding the audit chain's lock (which the change's recordAudit takes anyway) until
  // the commit makes seq order commit order.
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
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

/**
 * One event as the platform's systems receive it: the body of a webhook delivery and an entry of the JSON
 * feed (README, "Outcome feed and webhooks"). The same shape in both, so a receiver can use either.
 */
export interface OutcomeEventBody {
  id: string;
  seq: number;
  kind: string;
  caseId: string;
  caseReference: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export function outcomeEventBody(event: Pick<OutcomeEvent, "id" | "seq" | "kind" | "caseId" | "occurredAt" | "payload">, caseReference: string): OutcomeEventBody {
  return {
    id: event.id,
    seq: Number(event.seq),
    kind: event.kind,
    caseId: event.caseId,
    caseReference,
    occurredAt: event.occurredAt.toISOString(),
    payload: (event.payload ?? {}) as Record<string, unknown>,
  };
}
