/**
 * /blacklist/draft (blacklist.propose: investigators and platform leads): the draft of the next blacklist
 * version and the candidates not yet on it. Investigators and leads propose; a platform lead
 * (blacklist.publish) approves or rejects each proposal — never their own — and signs the draft off, which
 * publishes it (signed with the password: requireSignOffProof sends the lead through /reauthenticate and back).
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CandidatesSection, DraftEntries, ProposePanel, PublishSection, type DraftReply } from "~/components/blacklist/draft";
import { useFormatTime } from "~/components/blacklist/published";
import { ProposeSchema, PublishSchema, ReviewSchema } from "~/domain/blacklist.schema";
import {
  CANDIDATES_PER_PAGE,
  currentQuarter,
  getCandidate,
  getDraft,
  latestPublishedNumber,
  listCandidates,
  proposeCandidate,
  publishDraft,
  requireSignOffProof,
  reviewEntry,
} from "~/domain/blacklist.server";
import { assertCan, requirePermission } from "~/domain/policy.server";
import { can } from "~/domain/policy";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import styles from "~/styles/blacklist.css";

export const handle = { titleKey: "blacklist.draft.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "blacklist.propose");
  const db = await getDb();
  const query = new URL(request.url).searchParams;
  const draft = await getDraft(db, viewer);
  const list = await listCandidates(db, viewer, { search: query.get("q") ?? "", page: Number(query.get("page") ?? "1") });
  const chosen = query.get("propose");
  return json({
    draft,
    list: { ...list, perPage: CANDIDATES_PER_PAGE },
    // The candidate whose proposal form is open (it may be on another page of the list).
    proposing: chosen ? await getCandidate(db, viewer, chosen) : null,
    quarter: draft?.quarter ?? currentQuarter(),
    nextNumber: draft?.nextNumber ?? ((await latestPublishedNumber(db, viewer)) ?? 0) + 1,
    canPublish: can(viewer, "blacklist.publish"),
    viewerId: viewer.userId,
  });
}

const PROBLEMS = {
  not_candidate: "blacklist.problem.notCandidate",
  already_listed: "blacklist.problem.alreadyListed",
  gone: "blacklist.problem.gone",
  already_reviewed: "blacklist.problem.alreadyReviewed",
  own_proposal: "blacklist.problem.ownProposal",
  no_draft: "blacklist.problem.noDraft",
  conflict: "blacklist.problem.publishConflict",
  empty: "blacklist.problem.empty",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "blacklist.propose");
  const db = await getDb();
  const formData = await request.formData();
  const meta = { ip: requestMeta(request, context).ip };
  const intent = formData.get("intent");
  const text = (name: string) => (typeof formData.get(name) === "string" ? String(formData.get(name)) : undefined);

  if (intent === "review") {
    assertCan(viewer, "blacklist.publish");
    const about = text("entryId");
    const submission = parseWithZod(formData, { schema: ReviewSchema });
    if (submission.status !== "success") return json<DraftReply>({ intent, about, result: submission.reply() }, { status: 400 });
    const result = await reviewEntry(db, viewer, submission.value, meta);
    if (result.ok) return redirect(`/blacklist/draft?notice=${submission.value.decision === "approve" ? "approved" : "rejected"}#pending`);
    const problem =
      result.reason === "conflict"
        ? `blacklist.problem.reviewConflict.${result.current.status}?${new URLSearchParams({ name: result.current.reviewedByName ?? "" })}`
        : PROBLEMS[result.reason];
    return json<DraftReply>({ intent, about, result: submission.reply({ formErrors: [problem] }) }, { status: 409 });
  }

  if (intent === "publish") {
    assertCan(viewer, "blacklist.publish");
    const submission = parseWithZod(formData, { schema: PublishSchema });
    if (submission.status !== "success") return json<DraftReply>({ intent, result: submission.reply() }, { status: 400 });
    // Signed: the password again, and back to the sign-off with the note typed.
    await requireSignOffProof(request, viewer, `/blacklist/draft?${new URLSearchParams({ publicationNote: submission.value.publicationNote })}#sign-off`);
    const result = await publishDraft(db, viewer, submission.value, meta);
    if (result.ok) return redirect(`/blacklist?${new URLSearchParams({ notice: "published", number: String(result.number) })}`);
    const problem = result.reason === "awaiting_review" ? `blacklist.problem.awaitingReview?count=${result.count}` : PROBLEMS[result.reason];
    return json<DraftReply>({ intent, result: submission.reply({ formErrors: [problem] }) }, { status: 409 });
  }

  const about = text("candidate");
  const submission = parseWithZod(formData, { schema: ProposeSchema });
  if (submission.status !== "success") return json<DraftReply>({ intent: "propose", about, result: submission.reply() }, { status: 400 });
  const result = await proposeCandidate(db, viewer, submission.value, meta);
  if (result.ok) return redirect("/blacklist/draft?notice=proposed#pending");
  return json<DraftReply>({ intent: "propose", about, result: submission.reply({ formErrors: [PROBLEMS[result.reason]] }) }, { status: 409 });
}

const NOTICES = ["proposed", "approved", "rejected"] as const;

export default function BlacklistDraftPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as DraftReply | undefined;
  const { t } = useTranslation();
  const time = useFormatTime();
  const [searchParams] = useSearchParams();
  const notice = NOTICES.find((value) => value === searchParams.get("notice"));
  const { draft } = data;
  return (
    <div className="page bl-page">
      <header className="page-header">
        <p className="bl-kicker">
          <Link to="/blacklist">{t("blacklist.draft.backToList")}</Link>
        </p>
        <h1>{t("blacklist.draft.heading", { number: data.nextNumber, quarter: data.quarter })}</h1>
        <p className="muted">{t("blacklist.draft.intro")}</p>
        {draft ? (
          <p className="bl-counts">
            {t("blacklist.draft.opened", { time: time(draft.createdAt) })} {t("blacklist.draft.counts", draft.counts)}
          </p>
        ) : (
          <p className="notice notice-warning">{t("blacklist.draft.noDraft", { number: data.nextNumber, quarter: data.quarter })}</p>
        )}
      </header>
      {notice ? (
        <p className="notice" role="status">
          {t(`blacklist.notice.${notice}`)}
        </p>
      ) : null}
      {draft ? (
        <>
          <DraftEntries draft={draft} reply={reply} canReview={data.canPublish} viewerId={data.viewerId} />
          {data.canPublish ? <PublishSection draft={draft} reply={reply} /> : null}
        </>
      ) : null}
      {data.proposing ? (
        <ProposePanel
          candidate={data.proposing}
          reply={reply}
          back={`/blacklist/draft?${new URLSearchParams({ q: data.list.search, page: String(data.list.page) })}#candidates`}
        />
      ) : searchParams.get("propose") ? (
        <p className="notice notice-warning" role="alert">
          {t("blacklist.problem.notCandidate")}
        </p>
      ) : null}
      <CandidatesSection list={data.list} chosen={data.proposing?.key ?? null} />
    </div>
  );
}
