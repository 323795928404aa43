/**
 * The MOU registry's rules that the browser shares: an MOU's standing on a given day, and its liaison
 * contacts. Days are calendar days (YYYY-MM-DD) in the portal's time zone; effective_until is the last day
 * in force. Ending an MOU takes effect at once (referral routing, mou-routing.ts, reads the same columns).
 */

/** Expiring MOUs are flagged this many days ahead. */
export const MOU_EXPIRY_WARNING_DAYS = 30;

export const MOU_STATUSES = ["in_force", "expiring", "not_yet_in_force", "expired", "ended"] as const;
export type MouStatus = (typeof MOU_STATUSES)[number];

export interface MouDates {
  effectiveFrom: string;
  effectiveUntil: string | null;
  endedAt: Date | string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export interface MouStanding {
  status: MouStatus;
  /** Days left in force, counting today, while in force with an end date; otherwise null. */
  daysLeft: number | null;
  /** Whether referrals may be made under it today. */
  inForce: boolean;
}

export function mouStanding(mou: MouDates, today: string): MouStanding {
  if (mou.endedAt) return { status: "ended", daysLeft: null, inForce: false };
  if (today < mou.effectiveFrom) return { status: "not_yet_in_force", daysLeft: null, inForce: false };
  if (mou.effectiveUntil !== null && mou.effectiveUntil < today) return { status: "expired", daysLeft: null, inForce: false };
  if (mou.effectiveUntil === null) return { status: "in_force", daysLeft: null, inForce: true };
  const daysLeft = daysBetween(today, mou.effectiveUntil) + 1;
  return { status: daysLeft <= MOU_EXPIRY_WARNING_DAYS ? "expiring" : "in_force", daysLeft, inForce: true };
}

export const LIAISON_SIDES = ["platform", "police"] as const;
export type LiaisonSide = (typeof LIAISON_SIDES)[number];

export interface LiaisonContact {
  side: LiaisonSide;
  name: string;
  title: string;
  phone: string;
  email: string;
}

/** Contacts as stored (jsonb), keeping only well-formed entries. */
export function readLiaisonContacts(value: unknown): LiaisonContact[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): LiaisonContact[] => {
    if (!entry || typeof entry !== "object") return [];
    const record = entry as Record<string, unknown>;
    const text = (key: string) => (typeof record[key] === "string" ? (record[key] as string) : "");
    const side = record.side === "police" ? "police" : record.side === "platform" ? "platform" : null;
    if (!side || !text("name")) return [];
    return [{ side, name: text("name"), title: text("title"), phone: text("phone"), email: text("email") }];
  });
}
