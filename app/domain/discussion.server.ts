/**
 * Reading requests for information and case comments, with their need-to-know rule. `caseRow` always comes
 * from the scoped case query (requireCaseForViewer), so a case out of scope is already a 404.
 *
 * Both sides of the case see its discussion: the platform sees all of it; a police agency sees its own
 * entries and the platform's from the moment the case was first referred to that agency (so after a
 * decline and a referral elsewhere, the next agency does not read what was said to the first one).
 */
import { and, asc, count, desc, eq, gte, inArray, min, or, sql, type SQL } from "drizzle-orm";
import {
  caseComments,
  caseReferrals,
  informationRequests,
  organisations,
  users,
  type Case,
  type DbOrTx,
  type InformationRequest,
  type Transaction,
} from "~/lib/db.server";
import { notFound } from "~/lib/http.server";
import { discussionState, isRequestDueSoon, isRequestOverdue, type DiscussionState } from "./information-requests";
import { agencySupervisorIds, platformParticipantIds, policeParticipantIds } from "./notifications.server";
import { can, type Viewer } from "./policy";
import { isUuid } from "~/lib/ids";

export interface OrganisationName {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: string;
}

/** From when a police viewer reads the platform's entries; null: the viewer reads everything (the platform). */
export async function visibleSince(db: DbOrTx, viewer: Viewer, caseRow: Case): Promise<Date | null> {
  if (viewer.organisationKind === "platform") return null;
  const [first] = await db
    .select({ at: min(caseReferrals.submittedAt) })
    .from(caseReferrals)
    .where(and(eq(caseReferrals.caseId, caseRow.id), eq(caseReferrals.agencyId, viewer.organisationId)));
  // No referral recorded (cases referred before referrals were recorded): the agency reads everything.
  return first?.at ?? null;
}

function visibleRequests(viewer: Viewer, since: Date | null): SQL | undefined {
  if (since === null) return undefined;
  return or(eq(informationRequests.requestingOrganisationId, viewer.organisationId), gte(informationRequests.createdAt, since));
}

function visibleComments(viewer: Viewer, since: Date | null): SQL | undefined {
  if (since === null) return undefined;
  return or(eq(caseComments.organisationId, viewer.organisationId), gte(caseComments.createdAt, since));
}

/** The organisation on the other side of the case from the viewer (the agency for the platform, and back). */
export function otherSideId(viewer: Viewer, caseRow: Pick<Case, "platformOrganisationId" | "targetAgencyId">): string | null {
  return viewer.organisationKind === "platform" ? caseRow.targetAgencyId : caseRow.platformOrganisationId;
}

export async function organisationNames(db: DbOrTx, ids: readonly (string | null)[]): Promise<Map<string, OrganisationName>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: organisations.id, nameZh: organisations.nameZh, nameEn: organisations.nameEn, kind: organisations.kind })
    .from(organisations)
    .where(inArray(organisations.id, wanted));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Who on one side of the case hears about its discussion: the case's participants of that organisation. */
export async function sideParticipantIds(tx: Transaction, caseRow: Case, organisationId: string): Promise<string[]> {
  if (organisationId === caseRow.platformOrganisationId) return platformParticipantIds(tx, caseRow);
  if (organisationId === caseRow.targetAgencyId) return policeParticipantIds(tx, caseRow);
  return agencySupervisorIds(tx, organisationId);
}

export interface RequestSummary {
  id: string;
  subject: string;
  status: InformationRequest["status"];
  dueAt: string;
  createdAt: string;
  requestingOrganisationId: string;
  askedByViewerSide: boolean;
  requestedByName: string;
  replies: number;
  overdue: boolean;
  dueSoon: boolean;
}

export interface CommentView {
  id: string;
  body: string;
  createdAt: string;
  authorName: string;
  organisationId: string;
  organisationNameZh: string;
  organisationNameEn: string;
  ownSide: boolean;
  /** The comment that answered its request (the first by the answering side). */
  isAnswer: boolean;
}

export interface DiscussionView {
  state: DiscussionState;
  /** The viewer may ask and comment now (case.discuss, the case takes discussion, there is another side). */
  canWrite: boolean;
  otherSide: OrganisationName | null;
  /** Names of the organisations the requests name (both sides of the case, and any earlier agency). */
  organisations: Record<string, OrganisationName>;
  requests: RequestSummary[];
  comments: CommentView[];
  openCount: number;
  overdueCount: number;
  computedAt: string;
}

async function requestSummaries(db: DbOrTx, viewer: Viewer, caseRow: Case, since: Date | null, now: Date, limit?: number): Promise<RequestSummary[]> {
  const replies = db
    .select({ requestId: caseComments.requestId, replies: count().as("replies") })
    .from(caseComments)
    .where(eq(caseComments.caseId, caseRow.id))
    .groupBy(caseComments.requestId)
    .as("replies");
  const query = db
    .select({
      request: informationRequests,
      requestedByName: users.displayName,
      replies: replies.replies,
    })
    .from(informationRequests)
    .innerJoin(users, eq(users.id, informationRequests.requestedBy))
    .leftJoin(replies, eq(replies.requestId, informationRequests.id))
    .where(and(eq(informationRequests.caseId, caseRow.id), visibleRequests(viewer, since)))
    // Open first (soonest due first), then the rest, newest first.
    .orderBy(
      sql`case when ${informationRequests.status} = 'open' then 0 else 1 end`,
      sql`case when ${informationRequests.status} = 'open' then ${informationRequests.dueAt} end asc`,
      desc(informationRequests.createdAt),
    );
  const rows = limit ? await query.limit(limit) : await query;
  return rows.map(({ request, requestedByName, replies: replyCount }) => ({
    id: request.id,
    subject: request.subject,
    status: request.status,
    dueAt: request.dueAt.toISOString(),
    createdAt: request.createdAt.toISOString(),
    requestingOrganisationId: request.requestingOrganisationId,
    askedByViewerSide: request.requestingOrganisationId === viewer.organisationId,
    requestedByName,
    replies: Number(replyCount ?? 0),
    overdue: isRequestOverdue(request, now),
    dueSoon: isRequestDueSoon(request, now),
  }));
}

async function commentViews(db: DbOrTx, viewer: Viewer, condition: SQL | undefined, answerId: string | null = null): Promise<CommentView[]> {
  const rows = await db
    .select({
      id: caseComments.id,
      body: caseComments.body,
      createdAt: caseComments.createdAt,
      authorName: users.displayName,
      organisationId: caseComments.organisationId,
      organisationNameZh: organisations.nameZh,
      organisationNameEn: organisations.nameEn,
    })
    .from(caseComments)
    .innerJoin(users, eq(users.id, caseComments.authorId))
    .innerJoin(organisations, eq(organisations.id, caseComments.organisationId))
    .where(condition)
    .orderBy(asc(caseComments.createdAt), asc(caseComments.id));
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    ownSide: row.organisationId === viewer.organisationId,
    isAnswer: row.id === answerId,
  }));
}

function writable(viewer: Viewer, caseRow: Case, state: DiscussionState): boolean {
  return can(viewer, "case.discuss") && state === "open" && Boolean(otherSideId(viewer, caseRow));
}

/** The whole discussion of a case: its requests (open first) and the general comments. */
export async function getDiscussion(db: DbOrTx, viewer: Viewer, caseRow: Case, now = new Date()): Promise<DiscussionView> {
  const state = discussionState(caseRow.status);
  const since = await visibleSince(db, viewer, caseRow);
  const requests = state === "not_yet" ? [] : await requestSummaries(db, viewer, caseRow, since, now);
  const comments =
    state === "not_yet"
      ? []
      : await commentViews(
          db,
          viewer,
          and(eq(caseComments.caseId, caseRow.id), sql`${caseComments.requestId} is null`, visibleComments(viewer, since)),
        );
  const otherId = otherSideId(viewer, caseRow);
  const names = await organisationNames(db, [otherId, viewer.organisationId, ...requests.map((request) => request.requestingOrganisationId)]);
  return {
    state,
    canWrite: writable(viewer, caseRow, state),
    otherSide: otherId ? (names.get(otherId) ?? null) : null,
    organisations: Object.fromEntries(names),
    requests,
    comments,
    openCount: requests.filter((request) => request.status === "open").length,
    overdueCount: requests.filter((request) => request.overdue).length,
    computedAt: now.toISOString(),
  };
}

/** For the case page: the counts and the first few requests; null when the viewer may not discuss cases. */
export async function getDiscussionSummary(db: DbOrTx, viewer: Viewer, caseRow: Case, now = new Date()): Promise<DiscussionView | null> {
  if (!can(viewer, "case.discuss")) return null;
  const state = discussionState(caseRow.status);
  const since = await visibleSince(db, viewer, caseRow);
  const all = state === "not_yet" ? [] : await requestSummaries(db, viewer, caseRow, since, now);
  const otherId = otherSideId(viewer, caseRow);
  const names = await organisationNames(db, [otherId, viewer.organisationId, ...all.map((request) => request.requestingOrganisationId)]);
  return {
    state,
    canWrite: writable(viewer, caseRow, state),
    otherSide: otherId ? (names.get(otherId) ?? null) : null,
    organisations: Object.fromEntries(names),
    requests: all.slice(0, 5),
    comments: [],
    openCount: all.filter((request) => request.status === "open").length,
    overdueCount: all.filter((request) => request.overdue).length,
    computedAt: now.toISOString(),
  };
}

/** A request of this case the viewer may read, locked for update when `forUpdate`; otherwise 404. */
export async function requireRequestForViewer(
  db: DbOrTx,
  viewer: Viewer,
  caseRow: Case,
  requestId: string,
  options: { forUpdate?: boolean } = {},
): Promise<InformationRequest> {
  if (!isUuid(requestId)) throw notFound();
  const since = await visibleSince(db, viewer, caseRow);
  const query = db
    .select()
    .from(informationRequests)
    .where(and(eq(informationRequests.id, requestId), eq(informationRequests.caseId, caseRow.id), visibleRequests(viewer, since)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound();
  return row;
}

export interface ThreadView {
  request: RequestSummary & {
    body: string;
    version: number;
    requestingOrganisation: OrganisationName | null;
    answeredByName: string | null;
    answeredAt: string | null;
    closedByName: string | null;
    closedAt: string | null;
  };
  comments: CommentView[];
  state: DiscussionState;
  /** The viewer may reply now. */
  canReply: boolean;
  /** The viewer's reply would be the answer (the answering side, request still open). */
  replyAnswers: boolean;
  /** The viewer may close it (the asking side, not closed yet). */
  canClose: boolean;
  otherSide: OrganisationName | null;
}

export async function getRequestThread(db: DbOrTx, viewer: Viewer, caseRow: Case, requestId: string, now = new Date()): Promise<ThreadView> {
  const request = await requireRequestForViewer(db, viewer, caseRow, requestId);
  const state = discussionState(caseRow.status);
  const people = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [request.requestedBy, request.answeredBy, request.closedBy].filter((id): id is string => Boolean(id))));
  const nameOf = (id: string | null) => (id ? (people.find((person) => person.id === id)?.name ?? null) : null);
  const names = await organisationNames(db, [request.requestingOrganisationId, otherSideId(viewer, caseRow)]);
  // The answer is the first comment by the answering side (the one that moved the request to "answered").
  const comments = await commentViews(db, viewer, eq(caseComments.requestId, request.id));
  const answer = request.answeredAt ? comments.find((comment) => comment.organisationId !== request.requestingOrganisationId) : undefined;
  const asking = request.requestingOrganisationId === viewer.organisationId;
  const canWrite = writable(viewer, caseRow, state);
  const otherId = otherSideId(viewer, caseRow);
  return {
    request: {
      id: request.id,
      subject: request.subject,
      body: request.body,
      status: request.status,
      version: request.version,
      dueAt: request.dueAt.toISOString(),
      createdAt: request.createdAt.toISOString(),
      requestingOrganisationId: request.requestingOrganisationId,
      requestingOrganisation: names.get(request.requestingOrganisationId) ?? null,
      askedByViewerSide: asking,
      requestedByName: nameOf(request.requestedBy) ?? "",
      replies: comments.length,
      overdue: isRequestOverdue(request, now),
      dueSoon: isRequestDueSoon(request, now),
      answeredByName: nameOf(request.answeredBy),
      answeredAt: request.answeredAt?.toISOString() ?? null,
      closedByName: nameOf(request.closedBy),
      closedAt: request.closedAt?.toISOString() ?? null,
    },
    comments: comments.map((comment) => ({ ...comment, isAnswer: comment.id === answer?.id })),
    state,
    canReply: canWrite && request.status !== "closed",
    replyAnswers: canWrite && !asking && request.status === "open",
    canClose: canWrite && asking && request.status !== "closed",
    otherSide: otherId ? (names.get(otherId) ?? null) : null,
  };
}
