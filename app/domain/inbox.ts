/** The police inbox, the pure part shared with the page: the states it lists (and filters by), and what it holds. */
import type { CasePriority, CaseStatus, GoodsCategory } from "~/lib/db.server";
import type { DecisionClock } from "./referrals";

/** The states the inbox lists, in its order; also the values of its state filter. */
export const INBOX_STATUSES = ["submitted", "accepted", "investigating", "raided", "prosecution", "returned_for_info"] as const satisfies readonly CaseStatus[];
export type InboxStatus = (typeof INBOX_STATUSES)[number];

export function isInboxStatus(value: unknown): value is InboxStatus {
  return typeof value === "string" && (INBOX_STATUSES as readonly string[]).includes(value);
}

export interface InboxOfficer {
  name: string;
  isLead: boolean;
  isMe: boolean;
}

export interface InboxCase {
  caseId: string;
  reference: string;
  title: string;
  category: GoodsCategory;
  priority: CasePriority;
  status: CaseStatus;
  submittedAt: string | null;
  updatedAt: string;
  officers: InboxOfficer[];
  assignedToMe: boolean;
}

export interface InboxReferral extends InboxCase {
  clock: DecisionClock;
  /** The platform resubmitted it after the agency asked for more information: a fresh clock. */
  resubmitted: boolean;
}

export interface Inbox {
  computedAt: string;
  status: InboxStatus | null;
  awaiting: InboxReferral[];
  assignedToMe: InboxCase[];
  /** The rest of the agency's cases in progress, the most recently updated (at most WORKING_LIST_LIMIT). */
  working: InboxCase[];
  /** How many more of them there are, not listed here (the case list has them). */
  workingNotListed: number;
  withPlatform: InboxCase[];
  counts: { awaiting: number; overdue: number; dueSoon: number; assignedToMe: number; working: number };
}
