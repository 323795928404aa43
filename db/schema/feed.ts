import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { organisations } from "./organisations";
import { users } from "./users";

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * The outcome feed: every police update of a case (decision, raid, seizure, persons, charges, prosecution,
 * closure) as an event for the platform's systems. Written in the transaction of the change; `seq` is the
 * feed's cursor (ascending, never reused). Read through the authenticated JSON feed and pushed as signed
 * webhooks.
 */
export const outcomeEvents = pgTable(
  "outcome_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull().unique(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** The platform organisation the case belongs to, and the agency working it: the two feed scopes. */
    platformOrganisationId: uuid("platform_organisation_id")
      .notNull()
      .references(() => organisations.id),
    agencyId: uuid("agency_id").references(() => organisations.id),
    kind: varchar("kind", { length: 60 }).notNull(),
    payload: jsonb("payload").notNull(),
    occurredAt: stamp("occurred_at").notNull().defaultNow(),
  },
  (table) => [
    index("outcome_events_platform_seq_idx").on(table.platformOrganisationId, table.seq),
    index("outcome_events_agency_seq_idx").on(table.agencyId, table.seq),
    index("outcome_events_case_seq_idx").on(table.caseId, table.seq),
  ],
);

/** Where outcome events are pushed: a URL of the platform's systems and the secret that signs each body. */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  /** AES-GCM sealed (app/lib/crypto.server.ts): shown once at creation, needed again to sign every delivery. */
  secretSealed: text("secret_sealed").notNull(),
  active: boolean("active").notNull().default(true),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: stamp("created_at").notNull().defaultNow(),
  disabledBy: uuid("disabled_by").references(() => users.id),
  disabledAt: stamp("disabled_at"),
});

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "retrying", "delivered", "failed"]);

/** One event to one endpoint; its attempts are below. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    eventId: uuid("event_id")
      .notNull()
      .references(() => outcomeEvents.id),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: stamp("created_at").notNull().defaultNow(),
    lastAttemptAt: stamp("last_attempt_at"),
    nextAttemptAt: stamp("next_attempt_at"),
    deliveredAt: stamp("delivered_at"),
  },
  (table) => [
    uniqueIndex("webhook_deliveries_endpoint_event_uq").on(table.endpointId, table.eventId),
    index("webhook_deliveries_status_idx").on(table.status, table.nextAttemptAt),
  ],
);

/** The delivery log: every HTTP attempt, with what came back. */
export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer("attempt").notNull(),
    attemptedAt: stamp("attempted_at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    /** The HTTP status, or null when no response came (refused, timed out). */
    responseStatus: integer("response_status"),
    error: text("error"),
    responseExcerpt: text("response_excerpt"),
  },
  (table) => [index("webhook_delivery_attempts_delivery_idx").on(table.deliveryId, table.attempt)],
);

/**
 * Tokens for machine clients of the JSON feed (Authorization: Bearer …). Only a SHA-256 of the token is
 * kept; the token is shown once. A token acts for its organisation, in that organisation's case scope.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    /** The first characters, so an administrator can tell tokens apart. */
    tokenPrefix: varchar("token_prefix", { length: 12 }).notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: stamp("created_at").notNull().defaultNow(),
    lastUsedAt: stamp("last_used_at"),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revokedAt: stamp("revoked_at"),
  },
  (table) => [uniqueIndex("api_tokens_hash_uq").on(table.tokenHash)],
);

export type OutcomeEvent = typeof outcomeEvents.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryAttempt = typeof webhookDeliveryAttempts.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
