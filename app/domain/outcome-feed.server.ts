/**
 * The JSON outcome feed (GET /api/feed): the outcome events of the cases in the reader's scope, ascending by
 * `seq`, read page by page with a cursor. The platform organisation reads the events of its own cases; a police
 * agency reads the events recorded while a case was with it (an event keeps the agency of its moment).
 * A reader is a signed-in person with feed.read or a token acting for its organisation (api-tokens.server.ts).
 */
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { cases, outcomeEvents, type Database } from "~/lib/db.server";
import { caseScopeCondition, organisationCaseScopeCondition } from "./case-access.server";
import { outcomeEventBody, type OutcomeEventBody } from "./outcome-events.server";
import { can, type OrganisationKind, type Viewer } from "./policy";

export const FEED_DEFAULT_LIMIT = 100;
export const FEED_MAX_LIMIT = 500;

export interface FeedQuery {
  after: number;
  limit: number;
  caseReference: string | null;
}

export type FeedReader =
  | { kind: "viewer"; viewer: Viewer }
  | { kind: "token"; organisationId: string; organisationKind: OrganisationKind };

export interface FeedPage {
  events: OutcomeEventBody[];
  /** Pass as `after` for the next page; when there are no new events, the same cursor again. */
  nextCursor: number;
  hasMore: boolean;
}

const CURSOR = /^\d{1,15}$/;
const LIMIT = /^\d{1,4}$/;
const REFERENCE = /^[A-Za-z0-9-]{1,40}$/;

/** The query string, or the message of a 400 answer. */
export function parseFeedQuery(params: URLSearchParams): { ok: true; query: FeedQuery } | { ok: false; error: string } {
  const after = params.get("after");
  const limit = params.get("limit");
  const reference = params.get("case");
  if (after !== null && !CURSOR.test(after)) return { ok: false, error: "after must be a non-negative integer (the seq of the last event read)" };
  if (limit !== null && (!LIMIT.test(limit) || Number(limit) < 1 || Number(limit) > FEED_MAX_LIMIT)) {
    return { ok: false, error: `limit must be an integer from 1 to ${FEED_MAX_LIMIT}` };
  }
  if (reference !== null && !REFERENCE.test(reference)) return { ok: false, error: "case must be a case reference such as AC-2026-000019" };
  return {
    ok: true,
    query: { after: after === null ? 0 : Number(after), limit: limit === null ? FEED_DEFAULT_LIMIT : Number(limit), caseReference: reference },
  };
}

function eventScope(reader: FeedReader): SQL {
  const organisationId = reader.kind === "viewer" ? reader.viewer.organisationId : reader.organisationId;
  const kind = reader.kind === "viewer" ? reader.viewer.organisationKind : reader.organisationKind;
  return kind === "platform" ? eq(outcomeEvents.platformOrganisationId, organisationId) : eq(outcomeEvents.agencyId, organisationId);
}

function caseScope(reader: FeedReader): SQL {
  return reader.kind === "viewer"
    ? caseScopeCondition(reader.viewer)
    : organisationCaseScopeCondition({ id: reader.organisationId, kind: reader.organisationKind });
}

export async function readOutcomeFeed(db: Database, reader: FeedReader, query: FeedQuery): Promise<{ ok: true; page: FeedPage } | { ok: false; reason: "case_not_found" }> {
  if (reader.kind === "viewer" && !can(reader.viewer, "feed.read")) throw new Error("readOutcomeFeed: the viewer may not read the feed");
  let caseCondition: SQL | undefined;
  if (query.caseReference) {
    // A case outside the reader's scope is not found, exactly like one that does not exist.
    const [found] = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.reference, query.caseReference), caseScope(reader)))
      .limit(1);
    if (!found) return { ok: false, reason: "case_not_found" };
    caseCondition = eq(outcomeEvents.caseId, found.id);
  }
  const rows = await db
    .select({ event: outcomeEvents, caseReference: cases.reference })
    .from(outcomeEvents)
    .innerJoin(cases, eq(cases.id, outcomeEvents.caseId))
    .where(and(eventScope(reader), gt(outcomeEvents.seq, query.after), caseCondition))
    .orderBy(asc(outcomeEvents.seq))
    .limit(query.limit + 1);
  const events = rows.slice(0, query.limit).map((row) => outcomeEventBody(row.event, row.caseReference));
  return {
    ok: true,
    page: { events, nextCursor: events.at(-1)?.seq ?? query.after, hasMore: rows.length > query.limit },
  };
}
