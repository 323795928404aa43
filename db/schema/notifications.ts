import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { users } from "./users";

/**
 * Outgoing e-mail. Always written here first (in the transaction of the change that causes it); sent
 * through SMTP when configured, otherwise left for an administrator to read on the outbox page.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: varchar("kind", { length: 60 }).notNull(),
    toAddress: varchar("to_address", { length: 254 }).notNull(),
    recipientUserId: uuid("recipient_user_id").references(() => users.id),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
  },
  (table) => [index("outbox_messages_created_idx").on(table.createdAt)],
);

export type OutboxMessage = typeof outboxMessages.$inferSelect;

/**
 * In-app notifications (the bell): one row per recipient. `kind` names the event (assignment, decision,
 * update, answered request, clock); `params` holds what the translated text needs, so the same row reads
 * in either language.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: varchar("kind", { length: 60 }).notNull(),
    caseId: uuid("case_id").references(() => cases.id),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    params: jsonb("params").notNull().default({}),
    /** Where the notification leads (a path inside the portal). */
    link: text("link").notNull().default("/"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [
    index("notifications_user_created_idx").on(table.userId, table.createdAt),
    index("notifications_user_unread_idx").on(table.userId).where(sql`read_at is null`),
  ],
);

export type Notification = typeof notifications.$inferSelect;
