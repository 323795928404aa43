/**
 * The e-mail copy of a notification: short, in the recipient's language, with the case reference, what
 * happened and a link into the portal. Nothing typed by people goes into it (no request subjects, no
 * comments), so no suspect's personal data can leave by e-mail; the portal shows the rest after sign-in.
 *
 * Sending: the message is written to the outbox in the change's transaction (notifyUsers); after the commit
 * it goes out through SMTP when SMTP_URL is configured (deliverOutboxMessage), otherwise it waits on
 * /admin/outbox. Callers that hold the message ids deliver them right after their commit (as invitations
 * do); for every other notifyUsers call the ids are remembered here and delivered shortly after, once the
 * transaction that wrote them has committed. Anything still unsent is picked up by the clock sweep.
 */
import { and, asc, inArray, isNull, like, lt } from "drizzle-orm";
import { getDb, outboxMessages, type Database } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { createI18n, DEFAULT_LOCALE, isLocale, type Locale } from "~/lib/i18n";
import { mailSender } from "~/lib/mail.server";
import { notificationText, safeNotificationLink, type NotificationParams } from "./notifications";
import { deliverOutboxMessage } from "./outbox.server";

/** Outbox kinds of notification e-mail start with this (the outbox page and the sweep tell them apart). */
export const NOTIFICATION_EMAIL_KIND_PREFIX = "notification.";

/** The portal's address for links in e-mail: PUBLIC_URL, or (a development installation) the local server. */
export function portalBaseUrl(): string {
  return env().publicUrl ?? `http://localhost:${process.env.PORT || 3000}`;
}

/** The same for a change made in a request: PUBLIC_URL, or the address the user is using (as invitations do). */
export function portalBaseUrlFor(request: Request): string {
  return env().publicUrl ?? new URL(request.url).origin;
}

export function recipientLocale(preferred: string | null | undefined): Locale {
  return isLocale(preferred) ? preferred : DEFAULT_LOCALE;
}

export function notificationEmail(input: {
  locale: Locale;
  recipientName: string;
  kind: string;
  reference: string | null;
  params: NotificationParams;
  link: string;
  baseUrl?: string;
}): { subject: string; bodyText: string } {
  const { t } = createI18n(input.locale);
  const { timeZone } = env();
  // Only the fields the sentence needs; free text (params.subject) never reaches the e-mail.
  const line = notificationText(t, input.locale, timeZone, { kind: input.kind, params: input.params, reference: input.reference });
  const url = `${input.baseUrl ?? portalBaseUrl()}${safeNotificationLink(input.link)}`;
  return {
    subject: t("collaboration.email.subject", { app: t("app.shortName"), text: line }),
    bodyText: t("collaboration.email.body", { name: input.recipientName, text: line, url, app: t("app.name") }),
  };
}

// ---- Delivery after the commit ----

/** Message ids written by notifyUsers in this process and not yet handed to SMTP, with when they were written. */
const pending = new Map<string, number>();
const inFlight = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;
let attempt = 0;
const RETRY_DELAYS_MS = [200, 1_000, 5_000, 30_000];
/** A message not visible this long after it was written was rolled back (or the sweep will find it). */
const GIVE_UP_AFTER_MS = 120_000;

/** Called by notifyUsers for each message it enqueued: delivered once its transaction has committed. */
export function rememberForDelivery(messageIds: readonly string[]): void {
  if (messageIds.length === 0 || !mailSender()) return;
  const now = Date.now();
  for (const id of messageIds) pending.set(id, now);
  attempt = 0;
  schedule();
}

function schedule(): void {
  if (timer || pending.size === 0) return;
  const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
  timer = setTimeout(() => {
    timer = null;
    attempt += 1;
    getDb()
      .then((db) => deliverNotificationEmails(db))
      .catch((error: unknown) => console.error("Notification e-mail delivery failed:", error))
      .finally(schedule);
  }, delay);
  timer.unref?.();
}

/**
 * Sends the given messages (or every remembered one) that have been committed, through SMTP when configured.
 * A message not yet visible stays remembered for a later try; one sent or failed is forgotten (a failure
 * is recorded on the message and an administrator can retry it from the outbox).
 */
export async function deliverNotificationEmails(db: Database, messageIds?: readonly string[]): Promise<number> {
  if (!mailSender()) {
    for (const id of messageIds ?? []) pending.delete(id);
    return 0;
  }
  const ids = [...(messageIds ?? pending.keys())];
  if (ids.length === 0) return 0;
  const visible = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(inArray(outboxMessages.id, ids), isNull(outboxMessages.sentAt)));
  const now = Date.now();
  for (const id of ids) {
    const since = pending.get(id);
    if (since !== undefined && now - since > GIVE_UP_AFTER_MS) pending.delete(id);
  }
  let sent = 0;
  for (const { id } of visible) {
    // Claimed before sending, so a caller and the timer never send the same message at the same time
    // (deliverOutboxMessage itself skips a message already marked sent).
    if (inFlight.has(id)) continue;
    inFlight.add(id);
    pending.delete(id);
    try {
      if ((await deliverOutboxMessage(db, id)) === "sent") sent += 1;
    } finally {
      inFlight.delete(id);
    }
  }
  return sent;
}

/**
 * The safety net (run by the clock sweep): notification e-mail left unsent without an error for more than
 * `olderThanMs` (the process stopped before sending it) goes out now.
 */
export async function deliverWaitingNotificationEmails(db: Database, now: Date, olderThanMs = 120_000): Promise<number> {
  if (!mailSender()) return 0;
  const waiting = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        like(outboxMessages.kind, `${NOTIFICATION_EMAIL_KIND_PREFIX}%`),
        isNull(outboxMessages.sentAt),
        isNull(outboxMessages.lastError),
        lt(outboxMessages.createdAt, new Date(now.getTime() - olderThanMs)),
      ),
    )
    .orderBy(asc(outboxMessages.createdAt))
    .limit(100);
  return deliverNotificationEmails(
    db,
    waiting.map((row) => row.id),
  );
}
