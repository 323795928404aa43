/**
 * /cases/:id/requests/:requestId: one request for information and its thread. The answering side answers
 * (its first reply moves the request to "answered"), either side replies while it is not closed, and the
 * asking side closes it (from the version shown; a newer version is refused, saying who changed it).
 * Another agency, or a request of another case, is 404.
 */
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/cases/case-badges";
import { CommentList, collaborationLinks, organisationName, refusalMessage, RequestStatus, useLocaleAndZone } from "~/components/collaboration/discussion";
import { CloseRequestForm, CommentForm } from "~/components/collaboration/discussion-forms";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { getRequestThread } from "~/domain/discussion.server";
import { CloseRequestSchema, CommentSchema } from "~/domain/information-requests.schema";
import { addComment, closeInformationRequest, type DiscussionRefusal } from "~/domain/information-requests.server";
import { portalBaseUrlFor } from "~/domain/notification-emails.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import { formatDateTime } from "~/lib/i18n";
import casesStyles from "~/styles/cases.css";

export const handle = { titleKey: "collaboration.requests.pageTitle" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: casesStyles }, ...collaborationLinks];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.discuss");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const thread = await getRequestThread(db, viewer, caseRow, params.requestId ?? "");
  return json({ case: { id: caseRow.id, reference: caseRow.reference, status: caseRow.status }, thread });
}

type ActionData = { intent: "comment" | "close"; reply: SubmissionResult<string[]>; refusal: DiscussionRefusal | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.discuss");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const requestId = params.requestId ?? "";
  const formData = await request.formData();
  const discussionContext = { ip: requestMeta(request, context).ip, baseUrl: portalBaseUrlFor(request) };
  const here = `/cases/${caseRow.id}/requests/${requestId}`;
  if (formData.get("intent") === "close") {
    const submission = parseWithZod(formData, { schema: CloseRequestSchema });
    if (submission.status !== "success") return json<ActionData>({ intent: "close", reply: submission.reply(), refusal: null }, { status: 400 });
    const closed = await closeInformationRequest(db, viewer, caseRow, { requestId, version: submission.value.version }, discussionContext);
    if (!closed.ok) return json<ActionData>({ intent: "close", reply: submission.reply(), refusal: closed.refusal }, { status: 409 });
    return redirect(`${here}?closed=1`);
  }
  const submission = parseWithZod(formData, { schema: CommentSchema });
  if (submission.status !== "success") return json<ActionData>({ intent: "comment", reply: submission.reply(), refusal: null }, { status: 400 });
  const added = await addComment(db, viewer, caseRow, { requestId, body: submission.value.body }, discussionContext);
  // Refused (closed meanwhile): the text stays in the form, with the reason.
  if (!added.ok) return json<ActionData>({ intent: "comment", reply: submission.reply(), refusal: added.refusal }, { status: 409 });
  return redirect(`${here}?${added.answered ? "answered" : "replied"}=1#thread`);
}

const NOTICES = ["sent", "answered", "replied", "closed"] as const;

export default function RequestThreadPage() {
  const { case: caseInfo, thread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation();
  const { locale, timeZone } = useLocaleAndZone();
  const [searchParams] = useSearchParams();
  const { request } = thread;
  const otherName = organisationName(locale, thread.otherSide);
  const notice = NOTICES.find((key) => searchParams.get(key));
  const noticeText =
    notice === "sent"
      ? t("collaboration.requests.form.sent", { other: otherName })
      : notice === "answered"
        ? t("collaboration.requests.thread.answered", { other: otherName })
        : notice === "replied"
          ? t("collaboration.requests.thread.replied")
          : notice === "closed"
            ? t("collaboration.requests.thread.closed")
            : null;
  const time = (value: string) => formatDateTime(value, locale, timeZone);

  return (
    <div className="page collab-page">
      <header className="page-header">
        <p className="page-kicker">
          <Link to={`/cases/${caseInfo.id}`}>{caseInfo.reference}</Link> <StatusBadge status={caseInfo.status} />
          {" / "}
          <Link to={`/cases/${caseInfo.id}/requests`}>{t("collaboration.requests.pageTitle")}</Link>
        </p>
        <h1>{request.subject}</h1>
        <p>
          <RequestStatus {...request} />
        </p>
      </header>
      {noticeText ? (
        <p className="notice" role="status">
          {noticeText}
        </p>
      ) : null}

      <section className="card collab-request" aria-label={request.subject}>
        <p className="muted collab-small">
          {t("collaboration.requests.thread.askedBy", {
            name: request.requestedByName,
            organisation: organisationName(locale, request.requestingOrganisation),
            time: time(request.createdAt),
          })}
        </p>
        <p className="collab-comment-body">{request.body}</p>
        <p className={request.overdue ? "collab-due collab-due-overdue" : "collab-due"}>
          {t("collaboration.requests.thread.due", { time: time(request.dueAt) })}
        </p>
        {request.answeredByName && request.answeredAt ? (
          <p className="muted collab-small">{t("collaboration.requests.thread.answeredBy", { name: request.answeredByName, time: time(request.answeredAt) })}</p>
        ) : null}
        {request.closedByName && request.closedAt ? (
          <p className="notice collab-notice-info">{t("collaboration.requests.thread.closedBy", { name: request.closedByName, time: time(request.closedAt) })}</p>
        ) : null}
      </section>

      <section className="card" id="thread" aria-labelledby="thread-title">
        <h2 id="thread-title">{t("collaboration.requests.thread.threadTitle")}</h2>
        <CommentList comments={thread.comments} emptyKey="collaboration.requests.thread.empty" />
        {request.status === "open" && request.askedByViewerSide ? (
          <p className="muted">{t("collaboration.requests.thread.waitingForAnswer", { other: otherName })}</p>
        ) : null}
        {actionData?.intent === "comment" && actionData.refusal ? (
          <p className="collab-error" role="alert">
            {refusalMessage(t, actionData.refusal, locale, timeZone)}
          </p>
        ) : null}
        {thread.canReply ? (
          <CommentForm
            // A new key once the reply is in the thread: the form starts empty again.
            key={thread.comments.length}
            id="thread-reply"
            action={`/cases/${caseInfo.id}/requests/${request.id}`}
            label={t(thread.replyAnswers ? "collaboration.requests.thread.answerLabel" : "collaboration.requests.thread.replyLabel")}
            submitLabel={t(thread.replyAnswers ? "collaboration.requests.thread.answerSubmit" : "collaboration.requests.thread.replySubmit")}
            lastResult={actionData?.intent === "comment" ? actionData.reply : undefined}
          />
        ) : null}
      </section>

      {thread.canClose || (actionData?.intent === "close" && actionData.refusal) ? (
        <section className="card" aria-labelledby="close-title">
          <h2 id="close-title">{t("collaboration.requests.thread.closeTitle")}</h2>
          {actionData?.intent === "close" && actionData.refusal ? (
            <p className="collab-error" role="alert">
              {refusalMessage(t, actionData.refusal, locale, timeZone)}
            </p>
          ) : null}
          {thread.canClose ? (
            <>
              <p className="muted">{t("collaboration.requests.thread.closeIntro")}</p>
              <CloseRequestForm version={request.version} lastResult={actionData?.intent === "close" ? actionData.reply : undefined} />
            </>
          ) : null}
        </section>
      ) : null}
      <p>
        <Link to={`/cases/${caseInfo.id}/requests`}>{t("collaboration.requests.openAll")}</Link>
      </p>
    </div>
  );
}
