/**
 * Notifications, the pure part shared with the browser: the kinds, the params each kind's text reads, and
 * how a stored notification becomes a sentence in the reader's language (the same row reads in either).
 * The writer (notifyUsers) and the inbox queries are in notifications.server.ts.
 *
 * Params a caller of notifyUsers may pass (all optional: a missing one gives a plainer sentence, never a
 * broken one). The case reference comes from the case itself (caseId); pass `reference` only for a
 * notification without a case.
 * - referral_decided: `decision` = accepted | declined | returned_for_info; `agencyNameZh`, `agencyNameEn`;
 *   `reasonCode` (a declineReason) for a decline.
 * - assigned: `lead` = 1 when assigned as the lead officer.
 * - referral_received: `dueAt` (the decision is due by), `agencyNameZh`, `agencyNameEn` (the agency it went to).
 * - police_update: `event` = what happened, an outcome event kind ("raid.recorded", "case.closed"…) or a
 *   transition ("start_investigation"…); an unknown event reads as "a new police update"; `reasonCode` (a
 *   closureReason) with a closure.
 * - platform_update: `event` = "case.resubmitted" | "platform_action.recorded" | …; unknown → generic;
 *   `actionKind` (store_closed | account_banned | blacklist_candidate) with platform_action.recorded.
 * - request_received, request_answered, comment_added, request_due_soon: `subject` (the request's subject,
 *   shown in the portal only, never in e-mail), `organisationNameZh`, `organisationNameEn` (who asked / wrote).
 * - decision_due_soon, decision_overdue, request_due_soon: `dueAt` (ISO time).
 */
import type { TFunction } from "i18next";
import { formatDateTime, type Locale } from "~/lib/i18n";

export const NOTIFICATION_KINDS = [
  /** A referral reached the agency (supervisors). */
  "referral_received",
  /** The agency accepted, declined or returned a referral (platform side). */
  "referral_decided",
  /** An officer was assigned to a case (that officer). */
  "assigned",
  /** A police update on the case: investigation, raid, seizure, outcome, prosecution, closure (platform side). */
  "police_update",
  /** The platform recorded follow-up or resubmitted (police side). */
  "platform_update",
  /** A request for information was made to the recipient's side. */
  "request_received",
  /** A request the recipient's side made was answered. */
  "request_answered",
  /** A new comment on a case or request thread. */
  "comment_added",
  /** The decision clock of a referral runs out soon (supervisors). */
  "decision_due_soon",
  /** The decision clock ran out without a decision (supervisors, and the platform side). */
  "decision_overdue",
  /** A request for information is due soon and still open (the answering side). */
  "request_due_soon",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationParams = Record<string, string | number | null>;

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** The `decision` values of referral_decided with a sentence of their own. */
export const REFERRAL_DECISIONS = ["accepted", "declined", "returned_for_info"] as const;

/** The `event` values of police_update with a sentence of their own (outcome event kinds and transitions). */
export const POLICE_UPDATE_EVENTS = [
  "referral.accepted",
  "referral.declined",
  "referral.returned_for_info",
  "case.investigation_started",
  "raid.recorded",
  "raid.updated",
  "outcome.updated",
  "case.transferred_for_prosecution",
  "case.closed",
  "accept",
  "decline",
  "return_for_info",
  "start_investigation",
  "record_raid",
  "transfer_for_prosecution",
  "close",
  "note.shared",
] as const;

/** The `event` values of platform_update with a sentence of their own. */
export const PLATFORM_UPDATE_EVENTS = [
  "case.resubmitted",
  "resubmit",
  "platform_action.recorded",
  "platform_action.retracted",
  "evidence.uploaded",
  "case.withdrawn",
  "withdraw",
] as const;

/** The `actionKind` values of a platform_action.recorded update with a sentence of their own. */
export const PLATFORM_ACTION_KINDS = ["store_closed", "account_banned", "blacklist_candidate"] as const;

/** A reason code's label from caseVocabulary, or null for an unknown code (the plainer sentence is used). */
function vocabulary(t: TFunction, group: "declineReason" | "closureReason", code: unknown): string | null {
  if (typeof code !== "string" || !/^[a-z_]+$/.test(code)) return null;
  const key = `caseVocabulary.${group}.${code}`;
  const label = t(key);
  return label === key ? null : label;
}

/** i18next keys may not contain the key separator: "raid.recorded" → "raid_recorded". */
export function eventKey(event: string): string {
  return event.replace(/[^A-Za-z0-9_]/g, "_");
}

export interface NotificationTextInput {
  kind: string;
  params: unknown;
  /** The case's reference, from the case row (falls back to params.reference). */
  reference: string | null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : typeof value === "number" ? String(value) : null;
}

/**
 * The notification's sentence in `t`'s language. Free text written by people (a request's subject) is not
 * part of it: notificationQuote gives that separately, for the portal only.
 */
export function notificationText(t: TFunction, locale: Locale, timeZone: string, input: NotificationTextInput): string {
  const params = (input.params && typeof input.params === "object" ? input.params : {}) as Record<string, unknown>;
  const reference = input.reference ?? text(params.reference) ?? t("collaboration.notification.noCase");
  const localName = (zh: unknown, en: unknown) => (locale === "zh-CN" ? (text(zh) ?? text(en)) : (text(en) ?? text(zh)));
  const agency = localName(params.agencyNameZh, params.agencyNameEn) ?? t("collaboration.notification.theAgency");
  const organisation = localName(params.organisationNameZh, params.organisationNameEn) ?? t("collaboration.notification.theOtherSide");
  const dueAt = text(params.dueAt);
  const due = dueAt && !Number.isNaN(Date.parse(dueAt)) ? formatDateTime(dueAt, locale, timeZone) : null;
  const values = { reference, agency, organisation, due: due ?? "" };
  const base = "collaboration.notification.text";
  switch (input.kind) {
    case "referral_decided": {
      const decision = text(params.decision);
      const variant = decision && (REFERRAL_DECISIONS as readonly string[]).includes(decision) ? decision : "other";
      const reason = variant === "declined" ? vocabulary(t, "declineReason", params.reasonCode) : null;
      return reason ? t(`${base}.referral_decided.declined_reason`, { ...values, reason }) : t(`${base}.referral_decided.${variant}`, values);
    }
    case "assigned":
      return t(`${base}.${params.lead === 1 || params.lead === "1" ? "assigned_lead" : "assigned"}`, values);
    case "police_update":
    case "platform_update": {
      const event = text(params.event);
      const known = input.kind === "police_update" ? POLICE_UPDATE_EVENTS : PLATFORM_UPDATE_EVENTS;
      const variant = event && (known as readonly string[]).includes(event) ? eventKey(event) : "other";
      // A platform follow-up names what was done; a closure names why.
      const action = text(params.actionKind);
      if (variant === "platform_action_recorded" && action && (PLATFORM_ACTION_KINDS as readonly string[]).includes(action)) {
        return t(`${base}.platform_update.platform_action_recorded_${action}`, values);
      }
      const closure = variant === "close" || variant === "case_closed" ? vocabulary(t, "closureReason", params.reasonCode) : null;
      if (closure) return t(`${base}.police_update.close_reason`, { ...values, reason: closure });
      return t(`${base}.${input.kind}.${variant}`, values);
    }
    case "referral_received":
    case "decision_due_soon":
    case "decision_overdue":
    case "request_due_soon":
      return t(`${base}.${input.kind}${due ? "" : "_undated"}`, values);
    default:
      return isNotificationKind(input.kind) ? t(`${base}.${input.kind}`, values) : t(`${base}.unknown`, values);
  }
}

/** The free text that goes with the notification in the portal (a request's subject), or null. */
export function notificationQuote(params: unknown): string | null {
  if (!params || typeof params !== "object") return null;
  return text((params as Record<string, unknown>).subject);
}

/** Only paths inside the portal are followed (a stored link is never an open redirect). */
export function safeNotificationLink(link: string | null | undefined): string {
  return typeof link === "string" && link.startsWith("/") && !link.startsWith("//") && !link.includes("\\") ? link : "/notifications";
}
