import { integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar, index } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

/**
 * The closed set of roles (DOMAIN.md "The people"). Which role fits which organisation kind, and what each
 * may do, is decided in app/domain/policy.ts, not here.
 */
export const userRole = pgEnum("user_role", [
  "investigator",
  "platform_lead",
  "police_officer",
  "police_supervisor",
  "management",
  "administrator",
]);

export const locale = pgEnum("locale", ["zh-CN", "en"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** Stored lower-cased; the unique index is on the stored value. */
    email: varchar("email", { length: 254 }).notNull(),
    displayName: text("display_name").notNull(),
    role: userRole("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** The language the user chose in the portal; null means "follow the browser". */
    preferredLocale: locale("preferred_locale"),
    failedSignInCount: integer("failed_sign_in_count").notNull().default(0),
    failedSignInWindowStartedAt: timestamp("failed_sign_in_window_started_at", { withTimezone: true, mode: "date" }),
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true, mode: "date" }),
    lastSignInIp: text("last_sign_in_ip"),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("users_email_unique").on(table.email),
    index("users_organisation_idx").on(table.organisationId),
    index("users_role_idx").on(table.role),
  ],
);

/**
 * Server-side sessions, read and written only through lucia (app/lib/auth.server.ts).
 * `id` is the SHA-256 of the cookie token: a leaked table does not yield usable tokens.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** Sliding idle expiry (30 minutes after the last request). */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Start of the session; the absolute lifetime (12 hours) counts from here. */
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type UserRole = (typeof userRole.enumValues)[number];
export type Locale = (typeof locale.enumValues)[number];
export type SessionRow = typeof sessions.$inferSelect;
