/**
 * Requests for information and case discussion, the pure rules shared with the browser: when a case takes
 * them, how long a request may run, when one is overdue, and the due date as a calendar day in the portal's
 * time zone (a request is due by the end of that day). The database side is information-requests.server.ts.
 */
import type { CaseStatus } from "~/lib/db.server";

export const REQUEST_STATUSES = ["open", "answered", "closed"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Once the lead has gone to a police agency, both sides may ask and comment; a withdrawn case is read-only. */
export const DISCUSSION_STATUSES = [
  "submitted",
  "returned_for_info",
  "accepted",
  "declined",
  "investigating",
  "raided",
  "prosecution",
  "closed",
] as const satisfies readonly CaseStatus[];

export type DiscussionState = "not_yet" | "open" | "read_only";

export function discussionState(status: CaseStatus): DiscussionState {
  if ((DISCUSSION_STATUSES as readonly string[]).includes(status)) return "open";
  return status === "withdrawn" ? "read_only" : "not_yet";
}

export const REQUEST_DEFAULT_DUE_DAYS = 3;
export const REQUEST_MAX_DUE_DAYS = 90;
export const REQUEST_SUBJECT_MAX = 200;
export const DISCUSSION_TEXT_MAX = 4000;
/** A request still open this close to its due date is "due soon" (and its answering side is reminded once). */
export const REQUEST_DUE_SOON_MS = 24 * 60 * 60 * 1000;

export function isRequestOverdue(request: { status: string; dueAt: Date | string }, now: Date): boolean {
  return request.status === "open" && new Date(request.dueAt).getTime() < now.getTime();
}

export function isRequestDueSoon(request: { status: string; dueAt: Date | string }, now: Date): boolean {
  const due = new Date(request.dueAt).getTime();
  return request.status === "open" && due >= now.getTime() && due - now.getTime() <= REQUEST_DUE_SOON_MS;
}

// ---- Calendar days in the portal's time zone ----

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" of `at` in `timeZone`. */
export function calendarDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** A valid "YYYY-MM-DD" (a real date of the calendar), or null. */
export function parseCalendarDay(value: string): { year: number; month: number; day: number } | null {
  const match = DAY_PATTERN.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function addCalendarDays(day: string, days: number): string {
  const parsed = parseCalendarDay(day);
  if (!parsed) throw new Error(`not a calendar day: ${day}`);
  const next = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day + days));
  return next.toISOString().slice(0, 10);
}

/** The zone's offset from UTC at `at`, in milliseconds. */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The last millisecond of `day` (YYYY-MM-DD) in `timeZone`: a request due that day is due by then. */
export function endOfCalendarDay(day: string, timeZone: string): Date {
  const parsed = parseCalendarDay(day);
  if (!parsed) throw new Error(`not a calendar day: ${day}`);
  const wallClock = Date.UTC(parsed.year, parsed.month - 1, parsed.day, 23, 59, 59, 999);
  let instant = wallClock - zoneOffsetMs(new Date(wallClock), timeZone);
  // Once more, in case the offset differs on either side of a daylight-saving change.
  instant = wallClock - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

export type DueDateProblem = "dueDateInvalid" | "dueInPast" | "dueTooFar";

/** Checks a due day against today in the portal's time zone: not before today, at most REQUEST_MAX_DUE_DAYS ahead. */
export function dueDateProblem(day: string, now: Date, timeZone: string): DueDateProblem | null {
  if (!parseCalendarDay(day)) return "dueDateInvalid";
  const today = calendarDay(now, timeZone);
  if (day < today) return "dueInPast";
  if (day > addCalendarDays(today, REQUEST_MAX_DUE_DAYS)) return "dueTooFar";
  return null;
}

export function defaultDueDay(now: Date, timeZone: string): string {
  return addCalendarDays(calendarDay(now, timeZone), REQUEST_DEFAULT_DUE_DAYS);
}
