import { bigint, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar, index } from "drizzle-orm/pg-core";
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
    deactivatedReason: text("deactivated_reason"),
    /** Last request made with any of the user's sessions: accounts unused for 90 days are disabled. */
    lastActiveAt: timestamp("last_active_at", { withTimezone: true, mode: "date" }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true, mode: "date" }),
    /** TOTP secret, encrypted with the server's key (app/lib/crypto.server.ts); null until enrolled. */
    totpSecretEncrypted: text("totp_secret_encrypted"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true, mode: "date" }),
    /** The last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2). */
    totpLastUsedStep: bigint("totp_last_used_step", { mode: "number" }),
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
    /** When the second factor was passed in this session (null: not yet, or not required). */
    twoFactorVerifiedAt: timestamp("two_factor_verified_at", { withTimezone: true, mode: "date" }),
    /** Last time the user re-entered a credential, for sensitive actions (step-up). */
    reauthenticatedAt: timestamp("reauthenticated_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

/** One-time recovery codes for two-factor sign-in, stored hashed. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("recovery_codes_user_idx").on(table.userId)],
);

/** Invitations: a one-time link (only its hash stored) that expires. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull().unique(),
    email: varchar("email", { length: 254 }).notNull(),
    displayName: text("display_name").notNull().default(""),
    role: userRole("role").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    invitedBy: uuid("invited_by")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    acceptedUserId: uuid("accepted_user_id").references(() => users.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("invitations_email_idx").on(table.email)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type UserRole = (typeof userRole.enumValues)[number];
export type Locale = (typeof locale.enumValues)[number];
export type SessionRow = typeof sessions.$inferSelect;
