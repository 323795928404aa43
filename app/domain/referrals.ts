/**
 * The agency's decision on a referral, the pure part: the reason codes a decline or a closure must carry,
 * and the decision clock (how long is left of the MOU's decision period, "due soon", "overdue"), shared by
 * the server (inbox, workflow view) and the browser (the countdown).
 */
import type { ClosureReason, DeclineReason } from "~/lib/db.server";

/** The schema's decline_reason enum (referrals.test.ts checks they agree). */
export const DECLINE_REASONS = [
  "outside_jurisdiction",
  "outside_mou_scope",
  "insufficient_evidence",
  "below_threshold",
  "already_under_investigation",
  "duplicate",
  "other",
] as const satisfies readonly DeclineReason[];

/** The schema's closure_reason enum. */
export const CLOSURE_REASONS = [
  "judgment",
  "administrative_penalty",
  "not_filed",
  "no_crime_found",
  "transferred_elsewhere",
  "other",
] as const satisfies readonly ClosureReason[];

export type ReasonCodeKind = "decline" | "closure";

export function reasonCodesFor(kind: ReasonCodeKind): readonly string[] {
  return kind === "decline" ? DECLINE_REASONS : CLOSURE_REASONS;
}

export function isReasonCode(kind: ReasonCodeKind, value: unknown): boolean {
  return typeof value === "string" && reasonCodesFor(kind).includes(value);
}

/** A referral is "due soon" when less than this is left of its decision period. */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

export type ClockState = "running" | "due_soon" | "overdue";

export interface DecisionClock {
  dueAt: string;
  /** Milliseconds left at the instant it was computed (negative once overdue). */
  remainingMs: number;
  state: ClockState;
}

export function decisionClock(dueAt: Date | string, at: Date | string): DecisionClock {
  const due = typeof dueAt === "string" ? new Date(dueAt) : dueAt;
  const now = typeof at === "string" ? new Date(at) : at;
  const remainingMs = due.getTime() - now.getTime();
  const state: ClockState = remainingMs <= 0 ? "overdue" : remainingMs < DUE_SOON_MS ? "due_soon" : "running";
  return { dueAt: due.toISOString(), remainingMs, state };
}

/** Most urgent first: overdue ones first, then by the time left (the earliest deadline first). */
export function byUrgency(a: { dueAt: string }, b: { dueAt: string }): number {
  return Date.parse(a.dueAt) - Date.parse(b.dueAt);
}

/** The time left split for display: days, hours, minutes (all zero once overdue). */
export function remainingParts(remainingMs: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.max(0, Math.floor(remainingMs / 60_000));
  return { days: Math.floor(minutes / (24 * 60)), hours: Math.floor((minutes % (24 * 60)) / 60), minutes: minutes % 60 };
}

/** How long a decision is overdue, for "overdue by …" (zero while it is not). */
export function overdueParts(remainingMs: number): { days: number; hours: number; minutes: number } {
  return remainingParts(remainingMs < 0 ? -remainingMs : 0);
}
