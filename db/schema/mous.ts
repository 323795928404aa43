import { date, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid, varchar, index } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * The goods categories an MOU's scope is written in, and a lead's category (DOMAIN.md). Putian's MOU covers
 * food and drugs, mother and baby, auto parts, shoes and clothing, household appliances.
 */
export const goodsCategory = pgEnum("goods_category", [
  "food_drugs",
  "mother_baby",
  "auto_parts",
  "footwear_apparel",
  "household_appliances",
  "digital_accessories",
  "luggage_leather",
  "cosmetics",
  "other",
]);

/** One memorandum of understanding between the platform and a police agency. Never deleted, only ended. */
export const mous = pgTable(
  "mous",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: varchar("reference", { length: 40 }).notNull().unique(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    platformOrganisationId: uuid("platform_organisation_id")
      .notNull()
      .references(() => organisations.id),
    policeOrganisationId: uuid("police_organisation_id")
      .notNull()
      .references(() => organisations.id),
    signedOn: date("signed_on", { mode: "string" }).notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    /** Inclusive last day in force; null = until ended. */
    effectiveUntil: date("effective_until", { mode: "string" }),
    scopeCategories: goodsCategory("scope_categories").array().notNull(),
    /**
     * GB/T 2260 codes of the territory: a province (350000), a city (350300) or a district (350302) covers
     * every division below it.
     */
    territoryDivisionCodes: varchar("territory_division_codes", { length: 6 }).array().notNull(),
    /** Days the agency has to accept or decline a referral (3 by default, as for administrative transfers). */
    decisionPeriodDays: integer("decision_period_days").notNull().default(3),
    /** [{ side: "platform" | "police", name, title, phone, email }] */
    liaisonContacts: jsonb("liaison_contacts").notNull().default([]),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    endedReason: text("ended_reason"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [index("mous_police_idx").on(table.policeOrganisationId)],
);

/**
 * Named campaigns (e.g. a "Cloud Sword" operation) run by the platform with one or more agencies; leads are
 * attached to one (cases.joint_operation_id) and the dashboard shows each operation's own figures.
 */
export const jointOperations = pgTable("joint_operations", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: varchar("code", { length: 40 }).notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  description: text("description").notNull().default(""),
  startsOn: date("starts_on", { mode: "string" }).notNull(),
  /** Inclusive last day; null = open-ended. */
  endsOn: date("ends_on", { mode: "string" }),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  version: integer("version").notNull().default(1),
});

/** The police agencies taking part in a joint operation. */
export const jointOperationAgencies = pgTable(
  "joint_operation_agencies",
  {
    jointOperationId: uuid("joint_operation_id")
      .notNull()
      .references(() => jointOperations.id),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => organisations.id),
  },
  (table) => [primaryKey({ columns: [table.jointOperationId, table.agencyId] }), index("joint_operation_agencies_agency_idx").on(table.agencyId)],
);

export type Mou = typeof mous.$inferSelect;
export type NewMou = typeof mous.$inferInsert;
export type GoodsCategory = (typeof goodsCategory.enumValues)[number];
export type JointOperation = typeof jointOperations.$inferSelect;
