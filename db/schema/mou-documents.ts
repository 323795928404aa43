import { index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { evidenceFiles } from "./evidence";
import { mous } from "./mous";
import { users } from "./users";

/**
 * The signed documents of an MOU (the original, amendments, a renewal). The bytes are evidence files of kind
 * "mou_document" with no case; this table says which MOU each belongs to. Rows are never deleted.
 * Kept apart from mous.ts because evidence.ts imports cases.ts, which imports mous.ts.
 */
export const mouDocuments = pgTable(
  "mou_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mouId: uuid("mou_id")
      .notNull()
      .references(() => mous.id),
    evidenceFileId: uuid("evidence_file_id")
      .notNull()
      .unique()
      .references(() => evidenceFiles.id),
    attachedBy: uuid("attached_by")
      .notNull()
      .references(() => users.id),
    attachedAt: timestamp("attached_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("mou_documents_mou_idx").on(table.mouId)],
);

export type MouDocument = typeof mouDocuments.$inferSelect;
