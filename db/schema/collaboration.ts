import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { organisations } from "./organisations";
import { users } from "./users";

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const informationRequestStatus = pgEnum("information_request_status", ["open", "answered", "closed"]);

/**
 * A request for information between the two sides of a case (either may ask), with a due date. The answer
 * and any back-and-forth are the comments of its thread.
 */
export const informationRequests = pgTable(
  "information_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** The organisation that asks; the other side of the case answers. */
    requestingOrganisationId: uuid("requesting_organisation_id")
      .notNull()
      .references(() => organisations.id),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    dueAt: stamp("due_at").notNull(),
    status: informationRequestStatus("status").notNull().default("open"),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: stamp("answered_at"),
    closedBy: uuid("closed_by").references(() => users.id),
    closedAt: stamp("closed_at"),
    /** When the "answer due soon" reminder went out. */
    reminderSentAt: stamp("reminder_sent_at"),
    createdAt: stamp("created_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (table) => [
    index("information_requests_case_idx").on(table.caseId, table.createdAt),
    index("information_requests_due_idx").on(table.status, table.dueAt),
  ],
);

/**
 * Comments on a case, seen by both sides. A comment with a request id belongs to that request's thread;
 * one without is general discussion of the case. Append-only.
 */
export const caseComments = pgTable(
  "case_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    requestId: uuid("request_id").references(() => informationRequests.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    body: text("body").notNull(),
    createdAt: stamp("created_at").notNull().defaultNow(),
  },
  (table) => [
    index("case_comments_case_idx").on(table.caseId, table.createdAt),
    index("case_comments_request_idx").on(table.requestId, table.createdAt),
  ],
);

export type InformationRequest = typeof informationRequests.$inferSelect;
export type CaseComment = typeof caseComments.$inferSelect;
