import { index, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
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
