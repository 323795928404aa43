import { pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

/** Which side of the partnership an organisation sits on; roles and data scope follow from it. */
export const organisationKind = pgEnum("organisation_kind", ["platform", "police"]);

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: organisationKind("kind").notNull(),
  /** Stable short handle used by seeds, URLs and logs (e.g. "putian-psb"). */
  code: varchar("code", { length: 64 }).notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  /**
   * GB/T 2260 six-digit administrative division of the organisation's seat (e.g. 350300 = Putian).
   * A police agency's territory for referral routing lives on its MOU, not here.
   */
  divisionCode: varchar("division_code", { length: 6 }),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  deactivatedAt: timestamp("deactivated_at", { withTimezone: true, mode: "date" }),
});

export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;
