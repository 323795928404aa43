import {
  boolean,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { caseAccounts, caseEnterprises, cases, caseSites, criminalArticle, marketplace, siteType } from "./cases";
import { evidenceFiles } from "./evidence";
import { mous } from "./mous";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * The police side of a case (DOMAIN.md "A police outcome carries") and the platform's follow-up. Which role
 * may write what, in which state, is decided in app/domain/policy.ts and app/domain/case-workflow.ts.
 * Every editable record carries a version: a save names the version it started from, and a later save
 * over someone else's change is refused (never silently overwritten).
 */

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const money = (name: string) => numeric(name, { precision: 16, scale: 2 });

export const referralDecision = pgEnum("referral_decision", ["accepted", "declined", "returned_for_info"]);

/** Why an agency declines a referral; the text beside it says more. */
export const declineReason = pgEnum("decline_reason", [
  "outside_jurisdiction",
  "outside_mou_scope",
  "insufficient_evidence",
  "below_threshold",
  "already_under_investigation",
  "duplicate",
  "other",
]);

/**
 * One row per time a lead was sent to an agency (referral, resubmission, referral to another agency after a
 * decline), with the agency's decision. The decision clock of each referral lives here; the statistics of
 * time to decision read it.
 */
export const caseReferrals = pgTable(
  "case_referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => organisations.id),
    mouId: uuid("mou_id")
      .notNull()
      .references(() => mous.id),
    submittedBy: uuid("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: stamp("submitted_at").notNull(),
    decisionDueAt: stamp("decision_due_at").notNull(),
    /** When the "decision due soon" reminder went out, so it goes out once. */
    reminderSentAt: stamp("reminder_sent_at"),
    /** When the "decision overdue" notice went out, so it goes out once. */
    overdueNotifiedAt: stamp("overdue_notified_at"),
    decision: referralDecision("decision"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: stamp("decided_at"),
    declineReason: declineReason("decline_reason"),
    /** The decline's reason text, or the questions when returned for information. */
    decisionNote: text("decision_note").notNull().default(""),
  },
  (table) => [
    index("case_referrals_case_idx").on(table.caseId, table.submittedAt),
    index("case_referrals_agency_idx").on(table.agencyId, table.submittedAt),
    // The clock sweep reads only undecided referrals.
    index("case_referrals_open_due_idx").on(table.decisionDueAt).where(sql`decided_at is null`),
  ],
);

/** Officers assigned to a case by their supervisor; an assignment ends rather than disappears. */
export const caseAssignments = pgTable(
  "case_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    officerId: uuid("officer_id")
      .notNull()
      .references(() => users.id),
    /** The lead officer of the case (one at a time). */
    isLead: boolean("is_lead").notNull().default(false),
    assignedBy: uuid("assigned_by")
      .notNull()
      .references(() => users.id),
    assignedAt: stamp("assigned_at").notNull().defaultNow(),
    endedBy: uuid("ended_by").references(() => users.id),
    endedAt: stamp("ended_at"),
  },
  (table) => [
    index("case_assignments_case_idx").on(table.caseId),
    index("case_assignments_officer_idx").on(table.officerId),
    uniqueIndex("case_assignments_active_uq").on(table.caseId, table.officerId).where(sql`ended_at is null`),
  ],
);

/** Who may read a note: only the agency that wrote it, or both sides. */
export const noteVisibility = pgEnum("note_visibility", ["agency", "shared"]);

/** Investigation notes: append-only, like a case diary. */
export const caseNotes = pgTable(
  "case_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    visibility: noteVisibility("visibility").notNull().default("agency"),
    body: text("body").notNull(),
    createdAt: stamp("created_at").notNull().defaultNow(),
  },
  (table) => [index("case_notes_case_idx").on(table.caseId, table.createdAt)],
);

export const raids = pgTable(
  "raids",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    raidedAt: stamp("raided_at").notNull(),
    /** Police units taking part, e.g. 莆田市公安局经侦支队. */
    units: text("units").notNull().default(""),
    /** Platform staff on site (names or roles). */
    platformStaff: text("platform_staff").notNull().default(""),
    summary: text("summary").notNull().default(""),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [index("raids_case_idx").on(table.caseId, table.raidedAt)],
);

/** The places raided: one of the lead's sites, or a new one found during the investigation. */
export const raidSites = pgTable(
  "raid_sites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    raidId: uuid("raid_id")
      .notNull()
      .references(() => raids.id),
    position: integer("position").notNull(),
    /** Set when the raided place is one of the lead's sites. */
    caseSiteId: uuid("case_site_id").references(() => caseSites.id),
    type: siteType("type").notNull(),
    address: text("address").notNull(),
    divisionCode: varchar("division_code", { length: 6 }).notNull(),
  },
  (table) => [index("raid_sites_raid_idx").on(table.raidId), index("raid_sites_division_idx").on(table.divisionCode)],
);

export const seizureUnit = pgEnum("seizure_unit", ["pairs", "boxes", "pieces", "sets", "cartons", "kilograms", "rolls", "other"]);

/** How a seized value was worked out (the judicial interpretations rank these: price sold, marked, genuine market price, appraisal). */
export const valuationMethod = pgEnum("valuation_method", [
  "actual_sale_price",
  "marked_price",
  "genuine_market_price",
  "price_appraisal",
  "invoice",
  "other",
]);

export const seizures = pgTable(
  "seizures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    raidId: uuid("raid_id")
      .notNull()
      .references(() => raids.id),
    position: integer("position").notNull(),
    product: text("product").notNull(),
    brand: text("brand").notNull().default(""),
    quantity: numeric("quantity", { precision: 14, scale: 2 }).notNull(),
    unit: seizureUnit("unit").notNull(),
    /** Counterfeit labels, tags and packaging seized (count). */
    counterfeitLabels: integer("counterfeit_labels").notNull().default(0),
    /** Production equipment seized, described. */
    equipment: text("equipment").notNull().default(""),
    valueYuan: money("value_yuan"),
    valuationMethod: valuationMethod("valuation_method"),
    /** The seizure list (扣押清单), uploaded through the evidence system. */
    seizureListEvidenceId: uuid("seizure_list_evidence_id").references(() => evidenceFiles.id),
    notes: text("notes").notNull().default(""),
  },
  (table) => [index("seizures_case_idx").on(table.caseId), index("seizures_raid_idx").on(table.raidId)],
);

export const filingDecision = pgEnum("filing_decision", ["filed", "not_filed"]);
export const outcomeRoute = pgEnum("outcome_route", ["criminal", "administrative"]);
export const verdict = pgEnum("verdict", ["convicted", "acquitted", "partially_convicted"]);
/** Why a case was closed; the closing note says more. */
export const closureReason = pgEnum("closure_reason", [
  "judgment",
  "administrative_penalty",
  "not_filed",
  "no_crime_found",
  "transferred_elsewhere",
  "other",
]);

/**
 * The case's outcome record, one row per case, edited as the case moves: filing (立案), persons, charges,
 * prosecution and judgment, or the administrative outcome when the case went to market regulation.
 */
export const caseOutcomes = pgTable(
  "case_outcomes",
  {
    caseId: uuid("case_id")
      .primaryKey()
      .references(() => cases.id),
    filingDecision: filingDecision("filing_decision"),
    policeCaseNumber: varchar("police_case_number", { length: 60 }).notNull().default(""),
    filedOn: date("filed_on", { mode: "string" }),
    notFiledReason: text("not_filed_reason").notNull().default(""),
    detained: integer("detained").notNull().default(0),
    arrested: integer("arrested").notNull().default(0),
    onBail: integer("on_bail").notNull().default(0),
    residentialSurveillance: integer("residential_surveillance").notNull().default(0),
    charges: criminalArticle("charges").array().notNull().default([]),
    route: outcomeRoute("route"),
    transferredToProcuratorateOn: date("transferred_to_procuratorate_on", { mode: "string" }),
    procuratorate: text("procuratorate").notNull().default(""),
    indictedOn: date("indicted_on", { mode: "string" }),
    court: text("court").notNull().default(""),
    judgmentOn: date("judgment_on", { mode: "string" }),
    verdict: verdict("verdict"),
    sentence: text("sentence").notNull().default(""),
    finesYuan: money("fines_yuan"),
    administrativeAuthority: text("administrative_authority").notNull().default(""),
    administrativeDecision: text("administrative_decision").notNull().default(""),
    administrativeDecidedOn: date("administrative_decided_on", { mode: "string" }),
    administrativeFineYuan: money("administrative_fine_yuan"),
    closureReason: closureReason("closure_reason"),
    closedAt: stamp("closed_at"),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  // The blacklist draft's convicted enterprises, latest judgment first, a page at a time (blacklist.server.ts).
  (table) => [index("case_outcomes_judgment_idx").on(table.judgmentOn.desc().nullsLast())],
);

export const platformActionKind = pgEnum("platform_action_kind", ["store_closed", "account_banned", "blacklist_candidate"]);

/**
 * The platform's follow-up on an outcome: stores closed, accounts banned, enterprises proposed for the
 * quarterly blacklist (issue 5 reviews and publishes them). A mistaken record is retracted with a reason,
 * never deleted.
 */
export const platformActions = pgTable(
  "platform_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    kind: platformActionKind("kind").notNull(),
    /** For stores and accounts: the linked account of the lead, when it is one. */
    caseAccountId: uuid("case_account_id").references(() => caseAccounts.id),
    marketplace: marketplace("marketplace"),
    storeId: varchar("store_id", { length: 64 }).notNull().default(""),
    sellerId: varchar("seller_id", { length: 64 }).notNull().default(""),
    /** For blacklist candidates: the lead's enterprise, when it is one. */
    caseEnterpriseId: uuid("case_enterprise_id").references(() => caseEnterprises.id),
    enterpriseName: text("enterprise_name").notNull().default(""),
    creditCode: varchar("credit_code", { length: 18 }).notNull().default(""),
    /** Which of this candidate's fields may appear in the published blacklist. */
    publishableFields: text("publishable_fields").array().notNull().default([]),
    takenOn: date("taken_on", { mode: "string" }).notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: stamp("created_at").notNull().defaultNow(),
    retractedBy: uuid("retracted_by").references(() => users.id),
    retractedAt: stamp("retracted_at"),
    retractionReason: text("retraction_reason").notNull().default(""),
    version: integer("version").notNull().default(1),
  },
  (table) => [
    index("platform_actions_case_idx").on(table.caseId),
    index("platform_actions_kind_idx").on(table.kind, table.takenOn),
  ],
);

export type CaseReferral = typeof caseReferrals.$inferSelect;
export type CaseAssignment = typeof caseAssignments.$inferSelect;
export type CaseNote = typeof caseNotes.$inferSelect;
export type Raid = typeof raids.$inferSelect;
export type RaidSite = typeof raidSites.$inferSelect;
export type Seizure = typeof seizures.$inferSelect;
export type CaseOutcome = typeof caseOutcomes.$inferSelect;
export type PlatformAction = typeof platformActions.$inferSelect;
export type DeclineReason = (typeof declineReason.enumValues)[number];
export type SeizureUnit = (typeof seizureUnit.enumValues)[number];
export type ValuationMethod = (typeof valuationMethod.enumValues)[number];
export type ClosureReason = (typeof closureReason.enumValues)[number];
export type PlatformActionKind = (typeof platformActionKind.enumValues)[number];
