import { bigint, index, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { organisations } from "./organisations";
import { users } from "./users";

export const storageBackend = pgEnum("storage_backend", ["local", "uploadthing"]);
export const evidenceSensitivity = pgEnum("evidence_sensitivity", ["normal", "sensitive", "restricted"]);
export const evidenceKind = pgEnum("evidence_kind", [
  "photo",
  "video",
  "document",
  "screenshot",
  "authentication_report",
  "seizure_list",
  "mou_document",
  "other",
]);

/**
 * Evidence files: never overwritten or deleted. Bytes live in storage (content-addressed by SHA-256);
 * this row holds what the server measured on receipt. Withdrawal keeps the row and the bytes.
 */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null for evidence that belongs to no case (an MOU's signed document). */
    caseId: uuid("case_id").references(() => cases.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: evidenceKind("kind").notNull().default("other"),
    /** The name the uploader's computer gave it: shown, never used as a path. */
    originalName: text("original_name").notNull(),
    /** Detected from the bytes, not taken from the browser. */
    contentType: varchar("content_type", { length: 120 }).notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: varchar("sha256", { length: 64 }).notNull(),
    storageBackend: storageBackend("storage_backend").notNull(),
    storageKey: text("storage_key").notNull(),
    sensitivity: evidenceSensitivity("sensitivity").notNull().default("normal"),
    description: text("description").notNull().default(""),
    capturedBy: text("captured_by").notNull().default(""),
    capturedAt: timestamp("captured_at", { withTimezone: true, mode: "date" }),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, mode: "date" }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id),
    withdrawnReason: text("withdrawn_reason"),
    /** Set when a download found the stored bytes no longer match sha256. */
    integrityFailedAt: timestamp("integrity_failed_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("evidence_files_case_idx").on(table.caseId), index("evidence_files_sha_idx").on(table.sha256)],
);

export const custodyAction = pgEnum("custody_action", [
  "upload",
  "view",
  "download",
  "share",
  "export",
  "verify",
  "integrity_failure",
  "withdraw",
]);

/** The chain of custody of each evidence file: every touch, with actor, time, reason and the hash seen. */
export const custodyEvents = pgTable(
  "custody_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidenceFiles.id),
    caseId: uuid("case_id"),
    action: custodyAction("action").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorOrganisationId: uuid("actor_organisation_id").references(() => organisations.id),
    reason: text("reason").notNull().default(""),
    /** The hash the portal computed at this moment (upload, download, verification). */
    sha256: varchar("sha256", { length: 64 }),
    ip: text("ip"),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("custody_events_evidence_idx").on(table.evidenceId, table.occurredAt)],
);

export type EvidenceFile = typeof evidenceFiles.$inferSelect;
export type CustodyEvent = typeof custodyEvents.$inferSelect;
export type EvidenceKind = (typeof evidenceKind.enumValues)[number];
export type EvidenceSensitivity = (typeof evidenceSensitivity.enumValues)[number];
export type CustodyAction = (typeof custodyAction.enumValues)[number];
export type StorageBackend = (typeof storageBackend.enumValues)[number];
