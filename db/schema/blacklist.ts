import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { caseEnterprises, cases } from "./cases";
import { goodsCategory } from "./mous";
import { platformActions } from "./police";
import { users } from "./users";

/**
 * The quarterly blacklist of enterprises (DOMAIN.md: candidates, review, sign-off, versioned quarterly
 * publication, corrections). A version is a draft until a platform lead signs it off; then it is numbered and
 * frozen: its entries' published values are a snapshot of the publishable fields only, and later changes are
 * made as a correction in a new version, never by editing a published one.
 */
export const blacklistVersionStatus = pgEnum("blacklist_version_status", ["draft", "published"]);
export const blacklistEntryStatus = pgEnum("blacklist_entry_status", ["proposed", "approved", "rejected"]);
/** Why an enterprise is on the list: its stores were closed after a case, or its people were convicted. */
export const blacklistBasis = pgEnum("blacklist_basis", ["stores_closed", "convicted"]);
export const blacklistCorrectionKind = pgEnum("blacklist_correction_kind", ["amended", "removed", "added"]);

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const blacklistVersions = pgTable(
  "blacklist_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** 1, 2, 3 … given at publication; null while a draft. */
    number: integer("number").unique(),
    /** The quarter the version covers, e.g. 2026-Q4. */
    quarter: varchar("quarter", { length: 7 }).notNull(),
    status: blacklistVersionStatus("status").notNull().default("draft"),
    /** Set when this version corrects an earlier published one. */
    correctsVersionId: uuid("corrects_version_id"),
    publicationNote: text("publication_note").notNull().default(""),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: stamp("created_at").notNull().defaultNow(),
    signedOffBy: uuid("signed_off_by").references(() => users.id),
    publishedAt: stamp("published_at"),
    version: integer("version").notNull().default(1),
  },
  // At most one draft at a time: proposals always go to the one being prepared.
  (table) => [uniqueIndex("blacklist_versions_one_draft_idx").on(table.status).where(sql`status = 'draft'`)],
);

export const blacklistEntries = pgTable(
  "blacklist_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    blacklistVersionId: uuid("blacklist_version_id")
      .notNull()
      .references(() => blacklistVersions.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** The platform's blacklist-candidate record, when the proposal came from one. */
    platformActionId: uuid("platform_action_id").references(() => platformActions.id),
    caseEnterpriseId: uuid("case_enterprise_id").references(() => caseEnterprises.id),
    basis: blacklistBasis("basis").notNull(),
    enterpriseName: text("enterprise_name").notNull(),
    creditCode: varchar("credit_code", { length: 18 }).notNull().default(""),
    provinceCode: varchar("province_code", { length: 6 }),
    category: goodsCategory("category").notNull(),
    /** Which fields may appear in the published list (app/domain/police.ts PUBLISHABLE_FIELDS). */
    publishableFields: text("publishable_fields").array().notNull().default(sql`'{}'::text[]`),
    status: blacklistEntryStatus("status").notNull().default("proposed"),
    proposedBy: uuid("proposed_by")
      .notNull()
      .references(() => users.id),
    proposedAt: stamp("proposed_at").notNull().defaultNow(),
    proposalNote: text("proposal_note").notNull().default(""),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: stamp("reviewed_at"),
    reviewNote: text("review_note").notNull().default(""),
    /** At publication: exactly the publishable fields' values, frozen. What the published list shows. */
    publishedValues: jsonb("published_values"),
    /** The entry of the previous version this one carries forward, when it does. */
    carriedFromEntryId: uuid("carried_from_entry_id"),
    takenOn: date("taken_on", { mode: "string" }),
    version: integer("version").notNull().default(1),
  },
  (table) => [
    index("blacklist_entries_version_idx").on(table.blacklistVersionId, table.status),
    index("blacklist_entries_case_idx").on(table.caseId),
  ],
);

/** A correction to a published version, recorded with its reason and carried out in a later version. */
export const blacklistCorrections = pgTable(
  "blacklist_corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The published version found wrong. */
    correctedVersionId: uuid("corrected_version_id")
      .notNull()
      .references(() => blacklistVersions.id),
    /** The version that carries the correction out (a draft until it is published). */
    correctingVersionId: uuid("correcting_version_id")
      .notNull()
      .references(() => blacklistVersions.id),
    entryId: uuid("entry_id").references(() => blacklistEntries.id),
    kind: blacklistCorrectionKind("kind").notNull(),
    reason: text("reason").notNull(),
    /** { before, after } of the published values, for an amendment. */
    details: jsonb("details").notNull().default({}),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: stamp("recorded_at").notNull().defaultNow(),
  },
  (table) => [index("blacklist_corrections_corrected_idx").on(table.correctedVersionId)],
);

export type BlacklistVersion = typeof blacklistVersions.$inferSelect;
export type BlacklistEntry = typeof blacklistEntries.$inferSelect;
export type BlacklistCorrection = typeof blacklistCorrections.$inferSelect;
