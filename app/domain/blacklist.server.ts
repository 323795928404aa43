/**
 * The quarterly blacklist of enterprises, database side (pure rules in blacklist.ts).
 *
 * - Candidates: the platform's blacklist-candidate records (platform_actions, not retracted; their publishable
 *   fields as the investigator chose them) and the manufacturers and sellers of convicted cases, in the
 *   viewer's case scope, on a case whose stores were closed or whose people were convicted, and not already
 *   on the list (the draft, or the latest published version when there is no draft, or removed by a
 *   correction).
 * - The draft: one at a time, for the quarter in which it was opened. Opening it carries forward every entry of
 *   the latest published version (a version is the complete list), marked as carried.
 * - Proposals (blacklist.propose) go into the draft; a platform lead (blacklist.publish) approves or rejects
 *   each, never approving their own (two-person rule). Signing off publishes the draft as number max+1, each
 *   approved entry frozen to exactly its publishable fields; rejected entries are not published. Sign-off
 *   waits until every proposal is reviewed.
 * - Corrections (blacklist.publish): recorded at once against a published version (shown on it) and carried
 *   out in the draft (the next version): the entry removed, or its published values amended. A published
 *   version is never edited.
 *
 * Every change writes its audit record in the same transaction. The draft row is locked by every change to
 * it and its version goes up with each, so a sign-off from a page that no longer shows the draft as it is
 * gets refused; a review names the entry's version.
 *
 * For the demo seed (stable signatures):
 *   proposeCandidate(db | tx, viewer, input, { at?, ip? }) → ProposeResult
 *   reviewEntry(db | tx, viewer, input, { at?, ip? }) → ReviewResult
 *   publishDraft(db | tx, viewer, input, { at?, ip? }) → PublishResult
 *   recordCorrection(db | tx, viewer, versionNumber, input, { at?, ip? }) → CorrectionResult
 */
import { redirect } from "@remix-run/node";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, max, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  blacklistCorrections,
  blacklistEntries,
  blacklistVersions,
  caseEnterprises,
  caseOutcomes,
  cases,
  platformActions,
  users,
  type BlacklistEntry,
  type BlacklistVersion,
  countUpTo,
  type DbOrTx,
  type Transaction,
} from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { forbidden } from "~/lib/http.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import {
  CANDIDATE_ENTERPRISE_ROLES,
  CONVICTED_VERDICTS,
  DEFAULT_PUBLISHABLE_FIELDS,
  amendmentChanges,
  candidateKey,
  freezePublishedValues,
  normalisePublishableFields,
  parseCandidateKey,
  quarterOf,
  readPublishedValues,
  type CandidateSource,
  type CandidateView,
  type CorrectionView,
  type DraftEntryView,
  type DraftView,
  type PublishedValues,
  type PublishedVersionView,
  type VersionSummary,
} from "./blacklist";
import type { CorrectionInput, ProposeInput, PublishInput, ReviewInput } from "./blacklist.schema";
import { caseScopeCondition } from "./case-access.server";
import { divisionName } from "./divisions.server";
import type { Viewer } from "./policy";
import { assertCan, getViewerSession, SENSITIVE_ACTION_REAUTH_MINUTES } from "./policy.server";

export interface BlacklistContext {
  ip?: string | null;
  /** When it happened; now unless given (the demo seed tells a story over weeks). */
  at?: Date;
}

export type ProposeResult =
  | { ok: true; entryId: string; draftId: string }
  | { ok: false; reason: "not_candidate" | "already_listed" };

export type ReviewResult =
  | { ok: true }
  | { ok: false; reason: "gone" | "already_reviewed" | "own_proposal" }
  | { ok: false; reason: "conflict"; current: { status: string; reviewedByName: string | null } };

export type PublishResult =
  | { ok: true; number: number }
  | { ok: false; reason: "no_draft" | "conflict" | "empty" }
  | { ok: false; reason: "awaiting_review"; count: number };

export type CorrectionResult =
  | { ok: true; correctionId: string }
  | { ok: false; reason: "not_on_version" | "no_longer_listed" | "unchanged" };

/** A refusal: thrown inside the transaction so that nothing it did is kept, and returned to the caller. */
class Refused<T> extends Error {
  constructor(readonly result: T) {
    super("refused");
  }
}

async function inTransaction<T>(db: DbOrTx, work: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (error) {
    if (error instanceof Refused) return error.result as T;
    throw error;
  }
}

function refuse<T>(result: T): never {
  throw new Refused(result);
}

// ---- Sign-off and corrections are signed: the password re-entered within the last minutes ----

/** How recently a platform lead must have re-entered the password to sign off a version or record a correction. */
export const SIGN_OFF_REAUTH_MINUTES = SENSITIVE_ACTION_REAUTH_MINUTES;

/**
 * The step-up of the blacklist's sign-off and corrections (the strict form of requireRecentReauthentication,
 * policy.server.ts): publishing names enterprises publicly, so the lead signs it by entering the password
 * again on /reauthenticate — a sign-in, however recent, does not count as that signature. Sends the lead
 * there and back to `returnTo` unless they re-authenticated within SIGN_OFF_REAUTH_MINUTES.
 */
export async function requireSignOffProof(request: Request, viewer: Viewer, returnTo: string): Promise<void> {
  const current = await getViewerSession(request);
  if (!current || current.viewer.userId !== viewer.userId) throw forbidden();
  const proved = current.session.reauthenticatedAt;
  if (proved && Date.now() - proved.getTime() <= SIGN_OFF_REAUTH_MINUTES * 60_000) return;
  throw redirect(`/reauthenticate?${new URLSearchParams({ redirectTo: returnTo })}`);
}

// ---- Versions ----

async function findDraft(db: DbOrTx, options: { lock?: boolean } = {}): Promise<BlacklistVersion | null> {
  const query = db.select().from(blacklistVersions).where(eq(blacklistVersions.status, "draft")).limit(1);
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? null;
}

async function latestPublished(db: DbOrTx): Promise<BlacklistVersion | null> {
  const [row] = await db
    .select()
    .from(blacklistVersions)
    .where(eq(blacklistVersions.status, "published"))
    .orderBy(desc(blacklistVersions.number))
    .limit(1);
  return row ?? null;
}

/** The number the draft gets when published. */
async function nextNumber(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ number: max(blacklistVersions.number) }).from(blacklistVersions);
  return (row?.number ?? 0) + 1;
}

/** The order of a list: as the entries were first proposed (carried entries keep their first proposal's time). */
const LIST_ORDER = [asc(blacklistEntries.proposedAt), asc(blacklistEntries.enterpriseName), asc(blacklistEntries.id)];

/**
 * The draft, locked until the transaction ends; opened (for the quarter of `at`) if there is none, carrying
 * forward the entries of the latest published version.
 */
async function openDraft(tx: Transaction, viewer: Viewer, context: BlacklistContext, at: Date): Promise<BlacklistVersion> {
  const existing = await findDraft(tx, { lock: true });
  if (existing) return existing;
  const quarter = quarterOf(at, env().timeZone);
  // Two people opening one at once: the one-draft index lets one insert win; the other takes the winner's.
  const [opened] = await tx
    .insert(blacklistVersions)
    .values({ quarter, createdBy: viewer.userId, createdAt: at })
    .onConflictDoNothing()
    .returning();
  if (!opened) {
    const winner = await findDraft(tx, { lock: true });
    if (!winner) throw new Error("blacklist: no draft after a conflicting insert");
    return winner;
  }
  const previous = await latestPublished(tx);
  let carried = 0;
  if (previous) {
    const entries = await tx
      .select()
      .from(blacklistEntries)
      .where(and(eq(blacklistEntries.blacklistVersionId, previous.id), eq(blacklistEntries.status, "approved"), isNotNull(blacklistEntries.publishedValues)))
      .orderBy(...LIST_ORDER);
    if (entries.length) {
      await tx.insert(blacklistEntries).values(
        entries.map((entry) => ({
          blacklistVersionId: opened.id,
          caseId: entry.caseId,
          platformActionId: entry.platformActionId,
          caseEnterpriseId: entry.caseEnterpriseId,
          basis: entry.basis,
          enterpriseName: entry.enterpriseName,
          creditCode: entry.creditCode,
          provinceCode: entry.provinceCode,
          category: entry.category,
          publishableFields: entry.publishableFields,
          status: "approved" as const,
          proposedBy: entry.proposedBy,
          proposedAt: entry.proposedAt,
          proposalNote: entry.proposalNote,
          reviewedBy: entry.reviewedBy,
          reviewedAt: entry.reviewedAt,
          reviewNote: entry.reviewNote,
          carriedFromEntryId: entry.id,
          takenOn: entry.takenOn,
        })),
      );
      carried = entries.length;
    }
  }
  await recordAudit(tx, {
    action: "blacklist.draft_opened",
    actor: viewerActor(viewer),
    ip: context.ip ?? null,
    entityType: "blacklist_version",
    entityId: opened.id,
    details: { quarter, carriedFromVersion: previous?.number ?? null, carried },
  });
  return opened;
}

async function touchDraft(tx: Transaction, draft: BlacklistVersion): Promise<void> {
  await tx.update(blacklistVersions).set({ version: draft.version + 1 }).where(eq(blacklistVersions.id, draft.id));
}

// ---- Candidates ----

/** Which entries count as "on the list" for the candidates: the draft's, or the latest published version's. */
interface ListedScope {
  draftId: string | null;
  latestPublishedId: string | null;
}

async function listedScope(db: DbOrTx): Promise<ListedScope> {
  const draft = await findDraft(db);
  return { draftId: draft?.id ?? null, latestPublishedId: draft ? null : ((await latestPublished(db))?.id ?? null) };
}

/** No entry on the list (or removed from it by a correction) matches: `match` is a condition on entry "be". */
function notListed(scope: ListedScope, match: SQL): SQL {
  const onList = scope.draftId
    ? sql`be.blacklist_version_id = ${scope.draftId}`
    : scope.latestPublishedId
      ? sql`(be.blacklist_version_id = ${scope.latestPublishedId} and be.published_values is not null)`
      : sql`false`;
  return sql`not exists (select 1 from ${blacklistEntries} be where (${onList} or be.id in (select bc.entry_id from ${blacklistCorrections} bc where bc.kind = 'removed' and bc.entry_id is not null)) and (${match}))`;
}

const convictedVerdict = inArray(caseOutcomes.verdict, [...CONVICTED_VERDICTS]);
/** The first day a store of the case was closed (not retracted), as YYYY-MM-DD. */
const firstStoreClosure = sql<string | null>`(select min(sc.taken_on)::text from ${platformActions} sc where sc.case_id = ${cases.id} and sc.kind = 'store_closed' and sc.retracted_at is null)`;

interface CandidateFilter {
  only?: CandidateSource;
  /** Words to find in the enterprise's name, its credit code, the case's reference or title. */
  search?: string;
}

/** One source of candidates, asked lazily: a page of its rows, or how many it has up to a cap. */
interface CandidateSourceQuery {
  rows(offset: number, limit: number): Promise<CandidateView[]>;
  count(cap: number): Promise<number>;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Every word of the search in one of the columns (case-insensitive). */
function searchCondition(search: string | undefined, columns: SQL[]): SQL | undefined {
  const words = (search ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (!words.length) return undefined;
  return and(...words.map((word) => or(...columns.map((column) => sql`${column} ilike ${`%${escapeLike(word)}%`}`))!));
}

function actionCandidates(db: DbOrTx, viewer: Viewer, scope: ListedScope, query: CandidateFilter): CandidateSourceQuery {
  const conditions: SQL[] = [
    eq(platformActions.kind, "blacklist_candidate"),
    isNull(platformActions.retractedAt),
    caseScopeCondition(viewer),
    or(convictedVerdict, sql`${firstStoreClosure} is not null`)!,
    notListed(
      scope,
      sql`be.platform_action_id = ${platformActions.id}
        or (${platformActions.caseEnterpriseId} is not null and be.case_enterprise_id = ${platformActions.caseEnterpriseId})
        or (${platformActions.creditCode} <> '' and be.credit_code = ${platformActions.creditCode})`,
    ),
  ];
  if (query.only) conditions.push(query.only.kind === "action" ? eq(platformActions.id, query.only.id) : sql`false`);
  const search = searchCondition(query.search, [sql`${platformActions.enterpriseName}`, sql`${platformActions.creditCode}`, sql`${cases.reference}`, sql`${cases.title}`]);
  if (search) conditions.push(search);
  const where = and(...conditions);
  // A new builder per use (drizzle's builders change in place): the page's rows order it, the count does not.
  const selectCandidates = () =>
    db
      .select({
        id: platformActions.id,
        caseId: cases.id,
        caseReference: cases.reference,
        caseTitle: cases.title,
        category: cases.category,
        provinceCode: cases.provinceCode,
        verdict: caseOutcomes.verdict,
        judgmentOn: caseOutcomes.judgmentOn,
        firstStoreClosure,
        caseEnterpriseId: platformActions.caseEnterpriseId,
        enterpriseName: platformActions.enterpriseName,
        creditCode: platformActions.creditCode,
        publishableFields: platformActions.publishableFields,
        takenOn: platformActions.takenOn,
        note: platformActions.note,
        recordedByName: users.displayName,
      })
      .from(platformActions)
      .innerJoin(cases, eq(cases.id, platformActions.caseId))
      .innerJoin(users, eq(users.id, platformActions.createdBy))
      .leftJoin(caseOutcomes, eq(caseOutcomes.caseId, cases.id))
      .where(where);
  const rows = async (offset: number, limit: number) => {
    const found = await selectCandidates()
      .orderBy(desc(platformActions.takenOn), desc(platformActions.createdAt), asc(platformActions.id))
      .limit(limit)
      .offset(offset);
    return found.map((row): CandidateView => {
      const convicted = (CONVICTED_VERDICTS as readonly string[]).includes(row.verdict ?? "");
      return {
        key: candidateKey({ kind: "action", id: row.id }),
        source: "action",
        caseId: row.caseId,
        caseReference: row.caseReference,
        caseTitle: row.caseTitle,
        basis: convicted ? "convicted" : "stores_closed",
        basisDate: convicted ? (row.judgmentOn ?? row.takenOn) : row.firstStoreClosure,
        enterpriseName: row.enterpriseName,
        creditCode: row.creditCode,
        provinceCode: row.provinceCode,
        provinceName: row.provinceCode ? divisionName(row.provinceCode) : null,
        category: row.category,
        publishableFields: normalisePublishableFields(row.publishableFields),
        note: row.note,
        recordedByName: row.recordedByName,
      };
    });
  };
  return { rows, count: (cap) => countUpTo(db, selectCandidates(), cap) };
}

function enterpriseCandidates(db: DbOrTx, viewer: Viewer, scope: ListedScope, query: CandidateFilter): CandidateSourceQuery {
  const conditions: SQL[] = [
    inArray(caseEnterprises.role, [...CANDIDATE_ENTERPRISE_ROLES]),
    caseScopeCondition(viewer),
    // The platform's own follow-up record about this enterprise (even a retracted one) decides for it.
    sql`not exists (select 1 from ${platformActions} pa where pa.kind = 'blacklist_candidate'
      and (pa.case_enterprise_id = ${caseEnterprises.id}
        or (${caseEnterprises.creditCode} <> '' and pa.case_id = ${caseEnterprises.caseId} and pa.credit_code = ${caseEnterprises.creditCode})))`,
    notListed(
      scope,
      sql`be.case_enterprise_id = ${caseEnterprises.id} or (${caseEnterprises.creditCode} <> '' and be.credit_code = ${caseEnterprises.creditCode})`,
    ),
  ];
  if (query.only) conditions.push(query.only.kind === "enterprise" ? eq(caseEnterprises.id, query.only.id) : sql`false`);
  const search = searchCondition(query.search, [sql`${caseEnterprises.name}`, sql`${caseEnterprises.creditCode}`, sql`${cases.reference}`, sql`${cases.title}`]);
  if (search) conditions.push(search);
  const where = and(...conditions);
  const selectCandidates = () =>
    db
      .select({
        id: caseEnterprises.id,
        caseId: cases.id,
        caseReference: cases.reference,
        caseTitle: cases.title,
        category: cases.category,
        provinceCode: cases.provinceCode,
        judgmentOn: caseOutcomes.judgmentOn,
        enterpriseName: caseEnterprises.name,
        creditCode: caseEnterprises.creditCode,
      })
      .from(caseEnterprises)
      .innerJoin(cases, eq(cases.id, caseEnterprises.caseId))
      .innerJoin(caseOutcomes, and(eq(caseOutcomes.caseId, cases.id), convictedVerdict))
      .where(where);
  const rows = async (offset: number, limit: number) => {
    const found = await selectCandidates()
      .orderBy(sql`${caseOutcomes.judgmentOn} desc nulls last`, asc(cases.reference), asc(caseEnterprises.position), asc(caseEnterprises.id))
      .limit(limit)
      .offset(offset);
    return found.map(
      (row): CandidateView => ({
        key: candidateKey({ kind: "enterprise", id: row.id }),
        source: "enterprise",
        caseId: row.caseId,
        caseReference: row.caseReference,
        caseTitle: row.caseTitle,
        basis: "convicted",
        basisDate: row.judgmentOn,
        enterpriseName: row.enterpriseName,
        creditCode: row.creditCode,
        provinceCode: row.provinceCode,
        provinceName: row.provinceCode ? divisionName(row.provinceCode) : null,
        category: row.category,
        publishableFields: [...DEFAULT_PUBLISHABLE_FIELDS],
        note: "",
        recordedByName: null,
      }),
    );
  };
  return { rows, count: (cap) => countUpTo(db, selectCandidates(), cap) };
}

/** How many candidates a page of the draft lists. */
export const CANDIDATES_PER_PAGE = 20;
/**
 * Candidates are counted up to this many. Past it the draft says "more than 1000" and points to the search:
 * counting every convicted enterprise never listed took over a second at a million cases, and nobody pages
 * through fifty pages of them.
 */
export const CANDIDATE_COUNT_LIMIT = 1_000;

export interface CandidatePage {
  candidates: CandidateView[];
  /** At most CANDIDATE_COUNT_LIMIT; `more` says there are more than that. */
  total: number;
  more: boolean;
  page: number;
  pages: number;
  search: string;
}

/**
 * The candidates not yet on the list, in the viewer's case scope, a page at a time: the platform's
 * blacklist-candidate records first (newest first), then the enterprises of convicted cases (latest judgment
 * first); `search` narrows both to the words found in the enterprise's name or credit code or the case's
 * reference or title.
 */
export async function listCandidates(
  db: DbOrTx,
  viewer: Viewer,
  options: { search?: string; page?: number; countLimit?: number } = {},
): Promise<CandidatePage> {
  assertCan(viewer, "blacklist.propose");
  const scope = await listedScope(db);
  const search = (options.search ?? "").trim().slice(0, 100);
  const limit = CANDIDATES_PER_PAGE;
  const countLimit = options.countLimit ?? CANDIDATE_COUNT_LIMIT;
  const actions = actionCandidates(db, viewer, scope, { search });
  const enterprises = enterpriseCandidates(db, viewer, scope, { search });
  const [actionCount, enterpriseCount] = await Promise.all([actions.count(countLimit), enterprises.count(countLimit)]);
  const more = actionCount + enterpriseCount > countLimit;
  const total = Math.min(actionCount + enterpriseCount, countLimit);
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), pages);
  const offset = (page - 1) * limit;
  const candidates: CandidateView[] = [];
  if (offset < actionCount) candidates.push(...(await actions.rows(offset, limit)));
  if (candidates.length < limit) {
    candidates.push(...(await enterprises.rows(Math.max(0, offset - actionCount), limit - candidates.length)));
  }
  return { candidates, total, more, page, pages, search };
}

/** One candidate by its key, if it is one (in scope, eligible, not on the list): the proposal form's subject. */
export async function getCandidate(db: DbOrTx, viewer: Viewer, key: string): Promise<CandidateView | null> {
  assertCan(viewer, "blacklist.propose");
  const source = parseCandidateKey(key);
  if (!source) return null;
  return findCandidate(db, viewer, await listedScope(db), source);
}

async function findCandidate(db: DbOrTx, viewer: Viewer, scope: ListedScope, source: CandidateSource): Promise<CandidateView | null> {
  const candidates = source.kind === "action" ? actionCandidates(db, viewer, scope, { only: source }) : enterpriseCandidates(db, viewer, scope, { only: source });
  const [found] = await candidates.rows(0, 1);
  return found ?? null;
}

// ---- Proposals and reviews ----

export async function proposeCandidate(db: DbOrTx, viewer: Viewer, input: ProposeInput, context: BlacklistContext = {}): Promise<ProposeResult> {
  assertCan(viewer, "blacklist.propose");
  const source = parseCandidateKey(input.candidate);
  if (!source) return { ok: false, reason: "not_candidate" };
  const at = context.at ?? new Date();
  return inTransaction(db, async (tx): Promise<ProposeResult> => {
    // A candidate at all (in scope, eligible, not retracted)? Asked before a draft is opened for it.
    const anyListing: ListedScope = { draftId: null, latestPublishedId: null };
    if (!(await findCandidate(tx, viewer, anyListing, source))) return { ok: false, reason: "not_candidate" };
    const draft = await openDraft(tx, viewer, context, at);
    // With the draft locked: not already on it (proposed by someone else a moment ago, or carried).
    const candidate = await findCandidate(tx, viewer, { draftId: draft.id, latestPublishedId: null }, source);
    if (!candidate) refuse<ProposeResult>({ ok: false, reason: "already_listed" });
    const publishableFields = normalisePublishableFields(input.publishableFields);
    const [entry] = await tx
      .insert(blacklistEntries)
      .values({
        blacklistVersionId: draft.id,
        caseId: candidate.caseId,
        platformActionId: source.kind === "action" ? source.id : null,
        caseEnterpriseId: source.kind === "enterprise" ? source.id : await actionEnterpriseId(tx, source.id),
        basis: candidate.basis,
        enterpriseName: candidate.enterpriseName,
        creditCode: candidate.creditCode,
        provinceCode: candidate.provinceCode,
        category: candidate.category,
        publishableFields,
        status: "proposed",
        proposedBy: viewer.userId,
        proposedAt: at,
        proposalNote: input.note,
        takenOn: candidate.basisDate,
      })
      .returning();
    await touchDraft(tx, draft);
    await recordAudit(tx, {
      action: "blacklist.proposed",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "blacklist_entry",
      entityId: entry!.id,
      caseId: candidate.caseId,
      details: {
        reference: candidate.caseReference,
        quarter: draft.quarter,
        enterpriseName: candidate.enterpriseName,
        creditCode: candidate.creditCode || undefined,
        basis: candidate.basis,
        publishableFields,
        note: input.note,
      },
    });
    return { ok: true, entryId: entry!.id, draftId: draft.id };
  });
}

async function actionEnterpriseId(tx: Transaction, actionId: string): Promise<string | null> {
  const [row] = await tx.select({ id: platformActions.caseEnterpriseId }).from(platformActions).where(eq(platformActions.id, actionId));
  return row?.id ?? null;
}

export async function reviewEntry(db: DbOrTx, viewer: Viewer, input: ReviewInput, context: BlacklistContext = {}): Promise<ReviewResult> {
  assertCan(viewer, "blacklist.publish");
  const at = context.at ?? new Date();
  return inTransaction(db, async (tx): Promise<ReviewResult> => {
    const draft = await findDraft(tx, { lock: true });
    if (!draft) return { ok: false, reason: "gone" };
    const [entry] = await tx
      .select()
      .from(blacklistEntries)
      .where(and(eq(blacklistEntries.id, input.entryId), eq(blacklistEntries.blacklistVersionId, draft.id)))
      .for("update")
      .limit(1);
    if (!entry) return { ok: false, reason: "gone" };
    if (entry.version !== input.version) {
      const [reviewer] = entry.reviewedBy ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, entry.reviewedBy)) : [];
      return { ok: false, reason: "conflict", current: { status: entry.status, reviewedByName: reviewer?.name ?? null } };
    }
    if (entry.status !== "proposed") return { ok: false, reason: "already_reviewed" };
    // Two-person rule: whoever proposed an enterprise does not also approve it (withdrawing one's own is a rejection).
    if (input.decision === "approve" && entry.proposedBy === viewer.userId) return { ok: false, reason: "own_proposal" };
    const status = input.decision === "approve" ? "approved" : "rejected";
    await tx
      .update(blacklistEntries)
      .set({ status, reviewedBy: viewer.userId, reviewedAt: at, reviewNote: input.note, version: entry.version + 1 })
      .where(eq(blacklistEntries.id, entry.id));
    await touchDraft(tx, draft);
    const [caseRow] = await tx.select({ reference: cases.reference }).from(cases).where(eq(cases.id, entry.caseId));
    await recordAudit(tx, {
      action: "blacklist.reviewed",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "blacklist_entry",
      entityId: entry.id,
      caseId: entry.caseId,
      details: { reference: caseRow?.reference, quarter: draft.quarter, enterpriseName: entry.enterpriseName, decision: status, note: input.note },
    });
    return { ok: true };
  });
}

// ---- Sign-off and publication ----

export async function publishDraft(db: DbOrTx, viewer: Viewer, input: PublishInput, context: BlacklistContext = {}): Promise<PublishResult> {
  assertCan(viewer, "blacklist.publish");
  const at = context.at ?? new Date();
  return inTransaction(db, async (tx): Promise<PublishResult> => {
    const draft = await findDraft(tx, { lock: true });
    if (!draft || draft.id !== input.draftId) return { ok: false, reason: "no_draft" };
    if (draft.version !== input.version) return { ok: false, reason: "conflict" };
    const entries = await tx.select().from(blacklistEntries).where(eq(blacklistEntries.blacklistVersionId, draft.id));
    const waiting = entries.filter((entry) => entry.status === "proposed").length;
    if (waiting) return { ok: false, reason: "awaiting_review", count: waiting };
    const approved = entries.filter((entry) => entry.status === "approved");
    if (!approved.length) return { ok: false, reason: "empty" };

    const number = await nextNumber(tx);
    for (const entry of approved) {
      await tx
        .update(blacklistEntries)
        .set({ publishedValues: freezePublishedValues(entry) })
        .where(eq(blacklistEntries.id, entry.id));
    }
    await tx
      .update(blacklistVersions)
      .set({
        status: "published",
        number,
        publishedAt: at,
        signedOffBy: viewer.userId,
        publicationNote: input.publicationNote,
        version: draft.version + 1,
      })
      .where(eq(blacklistVersions.id, draft.id));
    const carriedOut = await tx
      .select({ n: count() })
      .from(blacklistCorrections)
      .where(eq(blacklistCorrections.correctingVersionId, draft.id));
    await recordAudit(tx, {
      action: "blacklist.published",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "blacklist_version",
      entityId: draft.id,
      details: {
        number,
        quarter: draft.quarter,
        entries: approved.length,
        carried: approved.filter((entry) => entry.carriedFromEntryId).length,
        rejected: entries.length - approved.length,
        correctionsCarriedOut: carriedOut[0]?.n ?? 0,
        publicationNote: input.publicationNote || undefined,
      },
    });
    return { ok: true, number };
  });
}

// ---- Corrections ----

/** The entry of the draft that carries `entryId` forward (through any versions published since). */
async function draftDescendant(tx: Transaction, entryId: string, draftId: string): Promise<BlacklistEntry | null> {
  let ids = [entryId];
  for (let depth = 0; depth < 1000 && ids.length; depth += 1) {
    const children = await tx.select().from(blacklistEntries).where(inArray(blacklistEntries.carriedFromEntryId, ids));
    const inDraft = children.find((child) => child.blacklistVersionId === draftId);
    if (inDraft) return inDraft;
    ids = children.map((child) => child.id);
  }
  return null;
}

export async function recordCorrection(
  db: DbOrTx,
  viewer: Viewer,
  versionNumber: number,
  input: CorrectionInput,
  context: BlacklistContext = {},
): Promise<CorrectionResult | null> {
  assertCan(viewer, "blacklist.publish");
  const at = context.at ?? new Date();
  return inTransaction(db, async (tx): Promise<CorrectionResult | null> => {
    const [corrected] = await tx
      .select()
      .from(blacklistVersions)
      .where(and(eq(blacklistVersions.number, versionNumber), eq(blacklistVersions.status, "published")))
      .limit(1);
    if (!corrected) return null;
    const [entry] = await tx
      .select()
      .from(blacklistEntries)
      .where(and(eq(blacklistEntries.id, input.entryId), eq(blacklistEntries.blacklistVersionId, corrected.id), isNotNull(blacklistEntries.publishedValues)))
      .limit(1);
    if (!entry) return { ok: false, reason: "not_on_version" };
    const draft = await openDraft(tx, viewer, context, at);
    const target = await draftDescendant(tx, entry.id, draft.id);
    if (!target || target.status !== "approved") refuse<CorrectionResult>({ ok: false, reason: "no_longer_listed" });

    const before = readPublishedValues(entry.publishedValues);
    let after: PublishedValues | null = null;
    if (input.kind === "removed") {
      await tx
        .update(blacklistEntries)
        .set({ status: "rejected", reviewedBy: viewer.userId, reviewedAt: at, reviewNote: input.reason, version: target.version + 1 })
        .where(eq(blacklistEntries.id, target.id));
    } else {
      const amended = {
        enterpriseName: input.enterpriseName || target.enterpriseName,
        creditCode: input.creditCode || target.creditCode,
        publishableFields: normalisePublishableFields(input.publishableFields),
      };
      const unchanged =
        amended.enterpriseName === target.enterpriseName &&
        amended.creditCode === target.creditCode &&
        amended.publishableFields.join() === normalisePublishableFields(target.publishableFields).join();
      if (unchanged) refuse<CorrectionResult>({ ok: false, reason: "unchanged" });
      after = freezePublishedValues({ ...target, ...amended });
      await tx
        .update(blacklistEntries)
        .set({ ...amended, version: target.version + 1 })
        .where(eq(blacklistEntries.id, target.id));
    }
    const [correction] = await tx
      .insert(blacklistCorrections)
      .values({
        correctedVersionId: corrected.id,
        correctingVersionId: draft.id,
        entryId: entry.id,
        kind: input.kind,
        reason: input.reason,
        details: { before, after, draftEntryId: target.id },
        recordedBy: viewer.userId,
        recordedAt: at,
      })
      .returning();
    await touchDraft(tx, draft);
    const [caseRow] = await tx.select({ reference: cases.reference }).from(cases).where(eq(cases.id, entry.caseId));
    await recordAudit(tx, {
      action: "blacklist.correction_recorded",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "blacklist_version",
      entityId: corrected.id,
      caseId: entry.caseId,
      details: {
        reference: caseRow?.reference,
        version: corrected.number,
        entryId: entry.id,
        enterpriseName: entry.enterpriseName,
        kind: input.kind,
        reason: input.reason,
        before,
        after,
        carriedOutIn: draft.id,
      },
    });
    return { ok: true, correctionId: correction!.id };
  });
}

// ---- Reading ----

const reviewers = alias(users, "reviewers");
const parentEntries = alias(blacklistEntries, "parent_entries");
const parentVersions = alias(blacklistVersions, "parent_versions");

/** The draft as the platform's case workers see it (internal values included), or null when there is none. */
export async function getDraft(db: DbOrTx, viewer: Viewer): Promise<DraftView | null> {
  assertCan(viewer, "blacklist.propose");
  const draft = await findDraft(db);
  if (!draft) return null;
  const rows = await db
    .select({
      entry: blacklistEntries,
      caseReference: cases.reference,
      proposedByName: users.displayName,
      reviewedByName: reviewers.displayName,
      carriedFromVersion: parentVersions.number,
    })
    .from(blacklistEntries)
    .innerJoin(cases, eq(cases.id, blacklistEntries.caseId))
    .innerJoin(users, eq(users.id, blacklistEntries.proposedBy))
    .leftJoin(reviewers, eq(reviewers.id, blacklistEntries.reviewedBy))
    .leftJoin(parentEntries, eq(parentEntries.id, blacklistEntries.carriedFromEntryId))
    .leftJoin(parentVersions, eq(parentVersions.id, parentEntries.blacklistVersionId))
    .where(eq(blacklistEntries.blacklistVersionId, draft.id))
    .orderBy(...LIST_ORDER);
  const correctionRows = await db
    .select({ correction: blacklistCorrections, version: blacklistVersions.number })
    .from(blacklistCorrections)
    .innerJoin(blacklistVersions, eq(blacklistVersions.id, blacklistCorrections.correctedVersionId))
    .where(eq(blacklistCorrections.correctingVersionId, draft.id))
    .orderBy(asc(blacklistCorrections.recordedAt));
  const correctionsByEntry = new Map<string, DraftEntryView["corrections"]>();
  for (const { correction, version } of correctionRows) {
    const draftEntryId = (correction.details as { draftEntryId?: string } | null)?.draftEntryId;
    if (!draftEntryId || correction.kind === "added") continue;
    const list = correctionsByEntry.get(draftEntryId) ?? [];
    list.push({ kind: correction.kind, version: version ?? 0, reason: correction.reason });
    correctionsByEntry.set(draftEntryId, list);
  }
  const entries = rows.map(
    ({ entry, ...names }): DraftEntryView => ({
      id: entry.id,
      version: entry.version,
      status: entry.status,
      caseId: entry.caseId,
      caseReference: names.caseReference,
      basis: entry.basis,
      basisDate: entry.takenOn,
      enterpriseName: entry.enterpriseName,
      creditCode: entry.creditCode,
      provinceCode: entry.provinceCode,
      provinceName: entry.provinceCode ? divisionName(entry.provinceCode) : null,
      category: entry.category,
      publishableFields: normalisePublishableFields(entry.publishableFields),
      preview: freezePublishedValues(entry),
      proposedById: entry.proposedBy,
      proposedByName: names.proposedByName,
      proposedAt: entry.proposedAt.toISOString(),
      proposalNote: entry.proposalNote,
      reviewedByName: names.reviewedByName,
      reviewedAt: entry.reviewedAt?.toISOString() ?? null,
      reviewNote: entry.reviewNote,
      carriedFromVersion: names.carriedFromVersion,
      corrections: correctionsByEntry.get(entry.id) ?? [],
    }),
  );
  return {
    id: draft.id,
    quarter: draft.quarter,
    version: draft.version,
    createdAt: draft.createdAt.toISOString(),
    nextNumber: await nextNumber(db),
    entries,
    counts: {
      proposed: entries.filter((entry) => entry.status === "proposed").length,
      approved: entries.filter((entry) => entry.status === "approved").length,
      rejected: entries.filter((entry) => entry.status === "rejected").length,
      carried: entries.filter((entry) => entry.carriedFromVersion !== null && entry.status === "approved").length,
    },
  };
}

/** The quarter a draft opened now would cover. */
export function currentQuarter(at: Date = new Date()): string {
  return quarterOf(at, env().timeZone);
}

/** Every published version, newest first. */
export async function listPublishedVersions(db: DbOrTx, viewer: Viewer): Promise<VersionSummary[]> {
  assertCan(viewer, "blacklist.view");
  const rows = await db
    .select({
      number: blacklistVersions.number,
      quarter: blacklistVersions.quarter,
      publishedAt: blacklistVersions.publishedAt,
      // Spelled out: drizzle leaves a single-table query's columns unqualified, which the subquery would take as its own.
      entries: sql<number>`(select count(*)::int from ${blacklistEntries} e where e.blacklist_version_id = blacklist_versions.id and e.published_values is not null)`,
      corrections: sql<number>`(select count(*)::int from ${blacklistCorrections} c where c.corrected_version_id = blacklist_versions.id)`,
    })
    .from(blacklistVersions)
    .where(eq(blacklistVersions.status, "published"))
    .orderBy(desc(blacklistVersions.number));
  return rows.map((row) => ({
    number: row.number!,
    quarter: row.quarter,
    publishedAt: row.publishedAt!.toISOString(),
    entries: Number(row.entries),
    corrections: Number(row.corrections),
  }));
}

/** The latest published version's number, or null before the first publication. */
export async function latestPublishedNumber(db: DbOrTx, viewer: Viewer): Promise<number | null> {
  assertCan(viewer, "blacklist.view");
  return (await latestPublished(db))?.number ?? null;
}

const correctingVersions = alias(blacklistVersions, "correcting_versions");
const correctedVersions = alias(blacklistVersions, "corrected_versions");

/**
 * A published version as everyone who may read the blacklist sees it: only the frozen published values of
 * its entries (nothing else of an entry leaves the database here), the corrections recorded against it with
 * the version that carries each out, and the corrections to earlier versions it carries out. Null when there
 * is no published version with that number.
 */
export async function getPublishedVersion(db: DbOrTx, viewer: Viewer, number: number): Promise<PublishedVersionView | null> {
  assertCan(viewer, "blacklist.view");
  if (!Number.isSafeInteger(number) || number < 1) return null;
  const [version] = await db
    .select({ version: blacklistVersions, signedOffByName: users.displayName })
    .from(blacklistVersions)
    .leftJoin(users, eq(users.id, blacklistVersions.signedOffBy))
    .where(and(eq(blacklistVersions.number, number), eq(blacklistVersions.status, "published")))
    .limit(1);
  if (!version) return null;
  const entryRows = await db
    .select({ id: blacklistEntries.id, publishedValues: blacklistEntries.publishedValues })
    .from(blacklistEntries)
    .where(and(eq(blacklistEntries.blacklistVersionId, version.version.id), isNotNull(blacklistEntries.publishedValues)))
    .orderBy(...LIST_ORDER);
  const positions = new Map(entryRows.map((row, index) => [row.id, index + 1]));
  const names = new Map(entryRows.map((row) => [row.id, readPublishedValues(row.publishedValues)?.name ?? null]));

  const correctionSelect = {
    correction: blacklistCorrections,
    recordedByName: users.displayName,
    correctingNumber: correctingVersions.number,
    correctedNumber: correctedVersions.number,
  };
  const against = await db
    .select(correctionSelect)
    .from(blacklistCorrections)
    .innerJoin(users, eq(users.id, blacklistCorrections.recordedBy))
    .innerJoin(correctingVersions, eq(correctingVersions.id, blacklistCorrections.correctingVersionId))
    .innerJoin(correctedVersions, eq(correctedVersions.id, blacklistCorrections.correctedVersionId))
    .where(eq(blacklistCorrections.correctedVersionId, version.version.id))
    .orderBy(asc(blacklistCorrections.recordedAt));
  const carriesOut = await db
    .select(correctionSelect)
    .from(blacklistCorrections)
    .innerJoin(users, eq(users.id, blacklistCorrections.recordedBy))
    .innerJoin(correctingVersions, eq(correctingVersions.id, blacklistCorrections.correctingVersionId))
    .innerJoin(correctedVersions, eq(correctedVersions.id, blacklistCorrections.correctedVersionId))
    .where(eq(blacklistCorrections.correctingVersionId, version.version.id))
    .orderBy(asc(blacklistCorrections.recordedAt));
  const toView = (row: (typeof against)[number], local: boolean): CorrectionView => {
    const details = (row.correction.details ?? {}) as { before?: unknown; after?: unknown };
    const before = readPublishedValues(details.before);
    return {
      id: row.correction.id,
      kind: row.correction.kind,
      reason: row.correction.reason,
      entryId: row.correction.entryId,
      entryPosition: local && row.correction.entryId ? (positions.get(row.correction.entryId) ?? null) : null,
      entryName: (local && row.correction.entryId ? names.get(row.correction.entryId) : null) ?? before?.name ?? null,
      changes: row.correction.kind === "amended" ? amendmentChanges(before, readPublishedValues(details.after)) : [],
      recordedByName: row.recordedByName,
      recordedAt: row.correction.recordedAt.toISOString(),
      correctedInVersion: row.correctingNumber,
      correctsVersion: row.correctedNumber ?? 0,
    };
  };
  const corrections = against.map((row) => toView(row, true));
  const byEntry = new Map<string, CorrectionView[]>();
  for (const correction of corrections) {
    if (!correction.entryId) continue;
    byEntry.set(correction.entryId, [...(byEntry.get(correction.entryId) ?? []), correction]);
  }
  const latest = await latestPublished(db);
  const carried = carriesOut.map((row) => toView(row, false));
  const provinceNames: Record<string, string> = {};
  const provinceCodes = [
    ...entryRows.map((row) => readPublishedValues(row.publishedValues)?.province),
    ...[...corrections, ...carried].flatMap((correction) =>
      correction.changes.filter((change) => change.field === "province").flatMap((change) => [change.before, change.after]),
    ),
  ];
  for (const code of provinceCodes) {
    if (code && !(code in provinceNames)) provinceNames[code] = divisionName(code) ?? code;
  }
  return {
    id: version.version.id,
    number: version.version.number!,
    quarter: version.version.quarter,
    publishedAt: version.version.publishedAt!.toISOString(),
    signedOffByName: version.signedOffByName ?? "",
    publicationNote: version.version.publicationNote,
    entries: entryRows.map((row, index) => {
      const values = readPublishedValues(row.publishedValues) ?? {};
      return {
        id: row.id,
        position: index + 1,
        values,
        provinceName: values.province ? divisionName(values.province) : null,
        corrections: byEntry.get(row.id) ?? [],
      };
    }),
    corrections,
    carriesOut: carried,
    latestNumber: latest?.number ?? version.version.number!,
    provinceNames,
  };
}

