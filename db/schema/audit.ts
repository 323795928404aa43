import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

export const auditOutcome = pgEnum("audit_outcome", ["success", "failure"]);

/**
 * The append-only, hash-chained audit log (docs/decisions/0004-audit-hash-chain.md).
 *
 * No foreign keys, on purpose: an audit record must outlive and never block changes to the rows it names
 * (a deactivated user, a withdrawn case), and it must be writable for events that have no row at all
 * (a failed sign-in with an unknown e-mail). `seq` is assigned by the writer under an advisory lock, so the
 * chain has no gaps; `hash` covers every other column and the previous record's hash.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    action: varchar("action", { length: 100 }).notNull(),
    outcome: auditOutcome("outcome").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorOrganisationId: uuid("actor_organisation_id"),
    /** Who acted as they were known then (e-mail), or the e-mail someone tried to sign in with. */
    actorLabel: text("actor_label"),
    ip: text("ip"),
    entityType: varchar("entity_type", { length: 60 }),
    entityId: text("entity_id"),
    /** The case a record belongs to, so "who touched this case" is one indexed query. */
    caseId: uuid("case_id"),
    /** What changed: { field: { from, to } } for updates, or the facts of the event. */
    details: jsonb("details").notNull(),
    prevHash: varchar("prev_hash", { length: 64 }).notNull(),
    hash: varchar("hash", { length: 64 }).notNull(),
  },
  (table) => [
    index("audit_events_actor_idx").on(table.actorUserId, table.occurredAt),
    index("audit_events_case_idx").on(table.caseId, table.occurredAt),
    index("audit_events_occurred_idx").on(table.occurredAt),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
