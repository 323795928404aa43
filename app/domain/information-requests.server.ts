/**
 * Requests for information and comments on a case: asking (the viewer's organisation asks the other side of
 * the case), replying in a request's thread (the first reply by the answering side answers it), general
 * comments, and closing a request (the asking side). Comments are append-only. Every change is audited and
 * notifies the other side in its own transaction; the e-mail copies go out right after the commit.
 * `caseRow` comes from the scoped case query (requireCaseForViewer): out of scope is already a 404.
 */
import { and, desc, eq, isNull, ne } from "drizzle-orm";
import {
  auditEvents,
  caseComments,
  informationRequests,
  users,
  type Case,
  type Database,
  type InformationRequest,
  type Transaction,
} from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { recordAudit } from "./audit.server";
import { otherSideId, requireRequestForViewer, sideParticipantIds } from "./discussion.server";
import { discussionState, dueDateProblem, endOfCalendarDay, REQUEST_MAX_DUE_DAYS } from "./information-requests";
import { deliverNotificationEmails } from "./notification-emails.server";
import { notifyUsersWithEmail, type NotificationInput } from "./notifications.server";
import { assertCan } from "./policy.server";
import type { Viewer } from "./policy";
import { viewerActor } from "./accounts.server";

export interface DiscussionContext {
  ip?: string | null;
  /** The instant of the change (tests and the seed); now by default. */
  at?: Date;
  /** The portal's address for links in e-mail (PUBLIC_URL, or the address the user is using). */
  baseUrl?: string;
}

export type DiscussionRefusal =
  | { code: "notOpenForDiscussion" }
  | { code: "closed" }
  | { code: "alreadyClosed" }
  | { code: "notAskingSide" }
  | { code: "stale"; status: InformationRequest["status"]; changedBy: string | null; changedAt: string | null };

export type CreateRequestResult =
  | { ok: true; requestId: string }
  | { ok: false; field: "dueDate"; problem: string }
  | { ok: false; refusal: DiscussionRefusal };

export type DiscussionResult = { ok: true; answered?: boolean } | { ok: false; refusal: DiscussionRefusal };

const requestLink = (caseId: string, requestId: string) => `/cases/${caseId}/requests/${requestId}`;

function canWriteOn(viewer: Viewer, caseRow: Case): boolean {
  return discussionState(caseRow.status) === "open" && Boolean(otherSideId(viewer, caseRow));
}

async function notify(tx: Transaction, input: NotificationInput, baseUrl: string | undefined, messageIds: string[]) {
  const result = await notifyUsersWithEmail(tx, input, { baseUrl });
  messageIds.push(...result.messageIds);
}

/** The viewer's organisation asks the other side of the case for information, due by the end of `dueDate`. */
export async function createInformationRequest(
  db: Database,
  viewer: Viewer,
  caseRow: Case,
  input: { subject: string; body: string; dueDate: string },
  context: DiscussionContext = {},
): Promise<CreateRequestResult> {
  assertCan(viewer, "case.discuss");
  const at = context.at ?? new Date();
  const { timeZone } = env();
  const problem = dueDateProblem(input.dueDate, at, timeZone);
  if (problem) {
    const suffix = problem === "dueTooFar" ? `?days=${REQUEST_MAX_DUE_DAYS}` : "";
    return { ok: false, field: "dueDate", problem: `collaboration.requests.errors.${problem}${suffix}` };
  }
  const answeringSide = otherSideId(viewer, caseRow);
  if (!canWriteOn(viewer, caseRow) || !answeringSide) return { ok: false, refusal: { code: "notOpenForDiscussion" } };
  const dueAt = endOfCalendarDay(input.dueDate, timeZone);
  const messageIds: string[] = [];
  const requestId = await db.transaction(async (tx) => {
    const [request] = await tx
      .insert(informationRequests)
      .values({
        caseId: caseRow.id,
        requestingOrganisationId: viewer.organisationId,
        requestedBy: viewer.userId,
        subject: input.subject,
        body: input.body,
        dueAt,
        createdAt: at,
      })
      .returning({ id: informationRequests.id });
    await recordAudit(tx, {
      action: "information_request.created",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "information_request",
      entityId: request!.id,
      caseId: caseRow.id,
      details: { reference: caseRow.reference, requestId: request!.id, note: input.subject, dueAt: dueAt.toISOString() },
    });
    await notify(
      tx,
      {
        recipients: await sideParticipantIds(tx, caseRow, answeringSide),
        kind: "request_received",
        caseId: caseRow.id,
        actorUserId: viewer.userId,
        params: { subject: input.subject, organisationNameZh: viewer.organisationNameZh, organisationNameEn: viewer.organisationNameEn },
        link: requestLink(caseRow.id, request!.id),
        at,
      },
      context.baseUrl,
      messageIds,
    );
    return request!.id;
  });
  await deliverNotificationEmails(db, messageIds);
  return { ok: true, requestId };
}

/** Authors on `side` who wrote in the thread (or the general discussion when `requestId` is null). */
async function sideAuthors(tx: Transaction, caseId: string, requestId: string | null, side: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: caseComments.authorId })
    .from(caseComments)
    .where(
      and(
        eq(caseComments.caseId, caseId),
        requestId ? eq(caseComments.requestId, requestId) : isNull(caseComments.requestId),
        eq(caseComments.organisationId, side),
      ),
    );
  return rows.map((row) => row.id);
}

/**
 * A reply in a request's thread (`requestId`) or a general comment on the case (null). The first reply by
 * the answering side to an open request answers it. A closed request takes no more replies.
 */
export async function addComment(
  db: Database,
  viewer: Viewer,
  caseRow: Case,
  input: { requestId: string | null; body: string },
  context: DiscussionContext = {},
): Promise<DiscussionResult> {
  assertCan(viewer, "case.discuss");
  const at = context.at ?? new Date();
  const messageIds: string[] = [];
  const outcome = await db.transaction(async (tx): Promise<DiscussionResult> => {
    const request = input.requestId ? await requireRequestForViewer(tx, viewer, caseRow, input.requestId, { forUpdate: true }) : null;
    if (!canWriteOn(viewer, caseRow)) return { ok: false, refusal: { code: "notOpenForDiscussion" } };
    if (request?.status === "closed") return { ok: false, refusal: { code: "closed" } };
    const [comment] = await tx
      .insert(caseComments)
      .values({
        caseId: caseRow.id,
        requestId: request?.id ?? null,
        authorId: viewer.userId,
        organisationId: viewer.organisationId,
        body: input.body,
        createdAt: at,
      })
      .returning({ id: caseComments.id });
    const answers = request !== null && request.status === "open" && request.requestingOrganisationId !== viewer.organisationId;
    if (request && answers) {
      await tx
        .update(informationRequests)
        .set({ status: "answered", answeredBy: viewer.userId, answeredAt: at, version: request.version + 1 })
        .where(eq(informationRequests.id, request.id));
    }
    await recordAudit(tx, {
      action: request ? (answers ? "information_request.answered" : "information_request.commented") : "case.comment_added",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: request ? "information_request" : "case_comment",
      entityId: request?.id ?? comment!.id,
      caseId: caseRow.id,
      details: {
        reference: caseRow.reference,
        commentId: comment!.id,
        ...(request ? { requestId: request.id, requestSubject: request.subject } : {}),
        ...(answers ? { requestStatusFrom: "open", requestStatusTo: "answered" } : {}),
      },
    });
    // The other side hears of it: its participants on the case, and whoever of it wrote here before.
    const otherSide = request
      ? request.requestingOrganisationId === viewer.organisationId
        ? otherSideId(viewer, caseRow)
        : request.requestingOrganisationId
      : otherSideId(viewer, caseRow);
    if (otherSide) {
      const recipients = [
        ...(await sideParticipantIds(tx, caseRow, otherSide)),
        ...(await sideAuthors(tx, caseRow.id, request?.id ?? null, otherSide)),
        ...(request && request.requestingOrganisationId === otherSide ? [request.requestedBy] : []),
      ];
      await notify(
        tx,
        {
          recipients,
          kind: answers ? "request_answered" : "comment_added",
          caseId: caseRow.id,
          actorUserId: viewer.userId,
          params: {
            ...(request ? { subject: request.subject } : {}),
            organisationNameZh: viewer.organisationNameZh,
            organisationNameEn: viewer.organisationNameEn,
          },
          link: request ? requestLink(caseRow.id, request.id) : `/cases/${caseRow.id}/requests#discussion`,
          at,
        },
        context.baseUrl,
        messageIds,
      );
    }
    return { ok: true, answered: answers };
  });
  if (outcome.ok) await deliverNotificationEmails(db, messageIds);
  return outcome;
}

/** The asking side closes its request (answered or not), from the version its page was drawn from. */
export async function closeInformationRequest(
  db: Database,
  viewer: Viewer,
  caseRow: Case,
  input: { requestId: string; version: number },
  context: DiscussionContext = {},
): Promise<DiscussionResult> {
  assertCan(viewer, "case.discuss");
  const at = context.at ?? new Date();
  return db.transaction(async (tx): Promise<DiscussionResult> => {
    const request = await requireRequestForViewer(tx, viewer, caseRow, input.requestId, { forUpdate: true });
    if (request.requestingOrganisationId !== viewer.organisationId) return { ok: false, refusal: { code: "notAskingSide" } };
    if (request.version !== input.version) return { ok: false, refusal: await staleRefusal(tx, request) };
    if (request.status === "closed") return { ok: false, refusal: { code: "alreadyClosed" } };
    if (discussionState(caseRow.status) !== "open") return { ok: false, refusal: { code: "notOpenForDiscussion" } };
    await tx
      .update(informationRequests)
      .set({ status: "closed", closedBy: viewer.userId, closedAt: at, version: request.version + 1 })
      .where(and(eq(informationRequests.id, request.id), eq(informationRequests.version, request.version)));
    await recordAudit(tx, {
      action: "information_request.closed",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "information_request",
      entityId: request.id,
      caseId: caseRow.id,
      details: {
        reference: caseRow.reference,
        requestId: request.id,
        requestSubject: request.subject,
        requestStatusFrom: request.status,
        requestStatusTo: "closed",
      },
    });
    return { ok: true };
  });
}

/** Who changed the request last, and when: what a refused (stale) save tells the user. */
async function staleRefusal(tx: Transaction, request: InformationRequest): Promise<DiscussionRefusal> {
  const [last] = await tx
    .select({ at: auditEvents.occurredAt, name: users.displayName, label: auditEvents.actorLabel })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.entityType, "information_request"),
        eq(auditEvents.entityId, request.id),
        eq(auditEvents.outcome, "success"),
        ne(auditEvents.action, "information_request.commented"),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return {
    code: "stale",
    status: request.status,
    changedBy: last ? (last.name ?? last.label) : null,
    changedAt: last ? last.at.toISOString() : null,
  };
}
