import {

  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { goodsCategory, jointOperations, mous } from "./mous";
import { organisations } from "./organisations";
import { users } from "./users";

/**
 * The workflow of DOMAIN.md. Which role may move a case from which state to which is decided in
 * app/domain/case-workflow.ts, not here.
 */
export const caseStatus = pgEnum("case_status", [
  "draft",
  "in_review",
  "approved",
  "submitted",
  "returned_for_info",
  "accepted",
  "declined",
  "investigating",
  "raided",
  "prosecution",
  "closed",
  "withdrawn",
]);

export const casePriority = pgEnum("case_priority", ["low", "normal", "high", "urgent"]);

/** Criminal Law articles a lead may suspect: 140–144 (fake and substandard goods, drugs, food), 213–215 (trademarks). */
export const criminalArticle = pgEnum("criminal_article", [
  "art140",
  "art141",
  "art142",
  "art143",
  "art144",
  "art213",
  "art214",
  "art215",
]);

export const caseReferenceSequence = pgSequence("case_reference_seq", { startWith: 1 });

const money = (name: string) => numeric(name, { precision: 16, scale: 2 });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Human reference, e.g. AC-2026-000123; given at creation so drafts can be talked about too. */
    reference: varchar("reference", { length: 24 }).notNull().unique(),
    status: caseStatus("status").notNull().default("draft"),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    category: goodsCategory("category").notNull(),
    priority: casePriority("priority").notNull().default("normal"),
    jointOperationId: uuid("joint_operation_id").references(() => jointOperations.id),
    suspectedCharges: criminalArticle("suspected_charges").array().notNull().default([]),
    platformOrganisationId: uuid("platform_organisation_id")
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    /** Set when the lead is submitted: the agency it went to and the MOU that allowed it. */
    targetAgencyId: uuid("target_agency_id").references(() => organisations.id),
    mouId: uuid("mou_id").references(() => mous.id),
    /** The first site's province and division, kept here so lists filter and group on one table. */
    provinceCode: varchar("province_code", { length: 6 }),
    divisionCode: varchar("division_code", { length: 6 }),
    // The four amounts are kept apart: the criminal thresholds depend on each (DOMAIN.md).
    salesAmount: money("sales_amount"),
    unsoldGoodsValue: money("unsold_goods_value"),
    illegalBusinessVolume: money("illegal_business_volume"),
    illegalGains: money("illegal_gains"),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    approvedAt: stamp("approved_at"),
    submittedAt: stamp("submitted_at"),
    decisionDueAt: stamp("decision_due_at"),
    /** Optimistic concurrency: every save names the version it started from. */
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (table) => [
    // Keyset pagination: (created_at, id) descending, within each scope and filter.
    index("cases_platform_created_idx").on(table.platformOrganisationId, table.createdAt, table.id),
    index("cases_agency_created_idx").on(table.targetAgencyId, table.createdAt, table.id),
    index("cases_status_created_idx").on(table.status, table.createdAt, table.id),
    index("cases_category_created_idx").on(table.category, table.createdAt, table.id),
    index("cases_province_created_idx").on(table.provinceCode, table.createdAt, table.id),
    // The list sorted by priority (priority, created_at, id) descending, within each side's scope.
    index("cases_platform_priority_idx").on(table.platformOrganisationId, table.priority, table.createdAt, table.id),
    index("cases_agency_priority_idx").on(table.targetAgencyId, table.priority, table.createdAt, table.id),
    // The police inbox: an agency's open cases by state, most recently updated first (inbox.server.ts).
    index("cases_agency_status_updated_idx").on(table.targetAgencyId, table.status, table.updatedAt),
    // A joint operation's page: its leads by reference, and its counts by status (index-only at a million cases).
    index("cases_joint_operation_idx").on(table.jointOperationId, table.reference),
    index("cases_joint_operation_status_idx").on(table.jointOperationId, table.status),
  ],
);

export const caseBrands = pgTable(
  "case_brands",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    position: integer("position").notNull(),
    brand: text("brand").notNull(),
    rightsHolder: text("rights_holder").notNull().default(""),
    trademarkRegistrationNo: varchar("trademark_registration_no", { length: 40 }).notNull().default(""),
  },
  (table) => [index("case_brands_case_idx").on(table.caseId)],
);

export const siteType = pgEnum("site_type", ["factory", "warehouse", "sales_point", "label_printer", "other"]);
export const coordinateSystem = pgEnum("coordinate_system", ["gcj02", "wgs84", "bd09"]);
export const locationSource = pgEnum("location_source", [
  "waybill_ship_from",
  "registered_address",
  "field_check",
  "test_purchase",
  "other",
]);

export const caseSites = pgTable(
  "case_sites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    position: integer("position").notNull(),
    type: siteType("type").notNull(),
    address: text("address").notNull(),
    /** GB/T 2260 district (or city) code; province and city are its prefixes. */
    divisionCode: varchar("division_code", { length: 6 }).notNull(),
    latitude: numeric("latitude", { precision: 9, scale: 6 }),
    longitude: numeric("longitude", { precision: 9, scale: 6 }),
    coordinateSystem: coordinateSystem("coordinate_system"),
    precisionMeters: integer("precision_meters"),
    locationSource: locationSource("location_source").notNull(),
    notes: text("notes").notNull().default(""),
  },
  (table) => [
    index("case_sites_case_idx").on(table.caseId),
    index("case_sites_address_idx").on(table.address),
  ],
);

export const marketplace = pgEnum("marketplace", ["taobao", "tmall", "alibaba_1688", "aliexpress", "other"]);
export const storeStatus = pgEnum("store_status", ["active", "closed", "frozen"]);

export const caseAccounts = pgTable(
  "case_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    position: integer("position").notNull(),
    marketplace: marketplace("marketplace").notNull(),
    storeId: varchar("store_id", { length: 64 }).notNull(),
    sellerId: varchar("seller_id", { length: 64 }).notNull().default(""),
    storeName: text("store_name").notNull().default(""),
    status: storeStatus("status").notNull().default("active"),
    gmv: numeric("gmv", { precision: 16, scale: 2 }),
    orders: integer("orders"),
    periodFrom: date("period_from", { mode: "string" }),
    periodTo: date("period_to", { mode: "string" }),
    /** Why this account is tied to the gang: [{ reason: "shared_phone" | "device" | …, confidence: 0–100 }] */
    linkReasons: jsonb("link_reasons").notNull().default([]),
  },
  (table) => [
    index("case_accounts_case_idx").on(table.caseId),
    index("case_accounts_store_idx").on(table.storeId),
    index("case_accounts_seller_idx").on(table.sellerId),
  ],
);

export const enterpriseRole = pgEnum("enterprise_role", ["manufacturer", "seller", "logistics", "label_printer", "other"]);

export const caseEnterprises = pgTable(
  "case_enterprises",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    /** Unified social credit code (GB 32100-2015), check character validated on input. */
    creditCode: varchar("credit_code", { length: 18 }).notNull().default(""),
    role: enterpriseRole("role").notNull().default("other"),
    address: text("address").notNull().default(""),
  },
  (table) => [
    index("case_enterprises_case_idx").on(table.caseId),
    index("case_enterprises_credit_code_idx").on(table.creditCode),
  ],
);

export const personRole = pgEnum("person_role", ["controller", "accomplice", "employee", "store_operator", "other"]);

/** Suspects. Identity numbers and phones are personal data: shown masked unless a role needs them. */
export const casePersons = pgTable(
  "case_persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    position: integer("position").notNull(),
    role: personRole("role").notNull(),
    name: text("name").notNull(),
    idNumber: varchar("id_number", { length: 18 }).notNull().default(""),
    phone: varchar("phone", { length: 20 }).notNull().default(""),
    notes: text("notes").notNull().default(""),
  },
  (table) => [index("case_persons_case_idx").on(table.caseId), index("case_persons_phone_idx").on(table.phone)],
);

export const caseLogistics = pgTable(
  "case_logistics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    position: integer("position").notNull(),
    courier: text("courier").notNull(),
    waybillNo: varchar("waybill_no", { length: 40 }).notNull().default(""),
    shipFromAddress: text("ship_from_address").notNull().default(""),
    shipFromDivisionCode: varchar("ship_from_division_code", { length: 6 }),
    dailyVolume: integer("daily_volume"),
    notes: text("notes").notNull().default(""),
  },
  (table) => [index("case_logistics_case_idx").on(table.caseId)],
);

export const caseTestPurchases = pgTable(
  "case_test_purchases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    position: integer("position").notNull(),
    orderNo: varchar("order_no", { length: 64 }).notNull(),
    storeId: varchar("store_id", { length: 64 }).notNull().default(""),
    amount: numeric("amount", { precision: 16, scale: 2 }),
    waybillNo: varchar("waybill_no", { length: 40 }).notNull().default(""),
    purchasedOn: date("purchased_on", { mode: "string" }),
    sampleDescription: text("sample_description").notNull().default(""),
    /** Where the physical sample is kept (evidence room, shelf). */
    sampleLocation: text("sample_location").notNull().default(""),
    /** The rights holder's authentication: who, when, conclusion. */
    authenticationReport: text("authentication_report").notNull().default(""),
  },
  (table) => [index("case_test_purchases_case_idx").on(table.caseId)],
);

export type Case = typeof cases.$inferSelect;
export type CaseStatus = (typeof caseStatus.enumValues)[number];
export type CasePriority = (typeof casePriority.enumValues)[number];
export type CriminalArticle = (typeof criminalArticle.enumValues)[number];

