/**
 * The e-mail outbox. A message is written in the transaction of the change that causes it (an invitation),
 * then sent through SMTP after the commit when SMTP_URL is configured; otherwise it waits here and an
 * administrator reads it on /admin/outbox and passes it on.
 *
 * Invitation links are secrets: once a message has been sent, the link in the stored copy is blanked out,
 * and accepting an invitation blanks it too. Until then an unsent message keeps the link, because an
 * administrator may need to pass it on by hand; the link expires after 72 hours and works once.
 */
import { and, desc, eq, isNull, like, sql } from "drizzle-orm";
import { outboxMessages, type Database, type OutboxMessage, type Transaction } from "~/lib/db.server";
import { mailSender } from "~/lib/mail.server";
import type { RequestMeta } from "~/lib/http.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { assertCan } from "./policy.server";
import type { Viewer } from "./policy";
import { isUuid } from "~/lib/ids";

const INVITE_LINK = /\/invite\/[A-Za-z0-9_-]{20,}/g;
const REDACTED_LINK = "/invite/[…]";

export function redactSecrets(text: string): string {
  return text.replace(INVITE_LINK, REDACTED_LINK);
}

export async function enqueueEmail(
  tx: Transaction,
  message: { kind: string; to: string; recipientUserId?: string | null; subject: string; bodyText: string },
): Promise<string> {
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      kind: message.kind,
      toAddress: message.to,
      recipientUserId: message.recipientUserId ?? null,
      subject: message.subject,
      bodyText: message.bodyText,
    })
    .returning({ id: outboxMessages.id });
  return row!.id;
}

export type DeliveryOutcome = "sent" | "failed" | "not_configured";

/** Sends one unsent message through SMTP, if configured; records the result (and its audit record). */
export async function deliverOutboxMessage(db: Database, id: string): Promise<DeliveryOutcome> {
  const sender = mailSender();
  if (!sender) return "not_configured";
  const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  if (!message || message.sentAt) return message ? "sent" : "failed";
  try {
    await sender.send({ to: message.toAddress, subject: message.subject, text: message.bodyText });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db.transaction(async (tx) => {
      await tx.update(outboxMessages).set({ lastError: reason.slice(0, 500) }).where(eq(outboxMessages.id, id));
      await recordAudit(tx, {
        action: "outbox.send_failed",
        outcome: "failure",
        actor: { userId: null, organisationId: null, label: "system" },
        entityType: "outbox_message",
        entityId: id,
        details: { to: message.toAddress, kind: message.kind, error: reason.slice(0, 200) },
      });
    });
    return "failed";
  }
  await db.transaction(async (tx) => {
    await tx
      .update(outboxMessages)
      .set({ sentAt: new Date(), lastError: null, bodyText: redactSecrets(message.bodyText) })
      .where(eq(outboxMessages.id, id));
    await recordAudit(tx, {
      action: "outbox.sent",
      actor: { userId: null, organisationId: null, label: "system" },
      entityType: "outbox_message",
      entityId: id,
      details: { to: message.toAddress, kind: message.kind },
    });
  });
  return "sent";
}

/** Blanks an invitation link out of every stored message that still holds it (the invitation was used). */
export async function redactInvitationLink(tx: Transaction, token: string): Promise<void> {
  await tx
    .update(outboxMessages)
    .set({ bodyText: sql`replace(${outboxMessages.bodyText}, ${`/invite/${token}`}, ${REDACTED_LINK})` })
    .where(like(outboxMessages.bodyText, `%/invite/${token}%`));
}

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxPage {
  messages: OutboxMessage[];
  /** createdAt|id of the last row, for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Newest first, keyset-paginated. Administrators only. */
export async function listOutbox(db: Database, viewer: Viewer, cursor: string | null): Promise<OutboxPage> {
  assertCan(viewer, "outbox.view");
  const [at, id] = cursor?.split("|") ?? [];
  const after =
    at && id && !Number.isNaN(Date.parse(at)) && isUuid(id)
      ? sql`(${outboxMessages.createdAt}, ${outboxMessages.id}) < (${new Date(at).toISOString()}::timestamptz, ${id}::uuid)`
      : undefined;
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(after)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(OUTBOX_PAGE_SIZE + 1);
  const messages = rows.slice(0, OUTBOX_PAGE_SIZE);
  const last = messages.at(-1);
  return {
    messages,
    nextCursor: rows.length > OUTBOX_PAGE_SIZE && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}

/** An administrator asks for an unsent message to be sent again (SMTP configured). */
export async function retryOutboxMessage(db: Database, viewer: Viewer, id: string, meta: RequestMeta): Promise<DeliveryOutcome | "not_found"> {
  assertCan(viewer, "outbox.view");
  const [message] = await db
    .select({ id: outboxMessages.id, to: outboxMessages.toAddress })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.id, id), isNull(outboxMessages.sentAt)));
  if (!message) return "not_found";
  await db.transaction((tx) =>
    recordAudit(tx, {
      action: "outbox.retry_requested",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "outbox_message",
      entityId: id,
      details: { to: message.to },
    }),
  );
  return deliverOutboxMessage(db, id);
}

