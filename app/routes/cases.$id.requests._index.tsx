/**
 * /cases/:id/requests: the requests for information of a case (open first, overdue flagged), the form to
 * ask the other side for information, and the general discussion of the case. Both sides of the case in
 * scope (case.discuss); another agency gets 404 from the scoped case query.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/cases/case-badges";
import { CommentList, collaborationLinks, organisationName, RequestTable, useLocaleAndZone } from "~/components/collaboration/discussion";
import { CommentForm, NewRequestForm } from "~/components/collaboration/discussion-forms";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { getDiscussion } from "~/domain/discussion.server";
import { calendarDay, defaultDueDay, REQUEST_MAX_DUE_DAYS } from "~/domain/information-requests";
import { CommentSchema, NewRequestSchema } from "~/domain/information-requests.schema";
import { addComment, createInformationRequest } from "~/domain/information-requests.server";
import { portalBaseUrlFor } from "~/domain/notification-emails.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta } from "~/lib/http.server";
import casesStyles from "~/styles/cases.css";

export const handle = { titleKey: "collaboration.requests.pageTitle" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: casesStyles }, ...collaborationLinks];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.discuss");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const now = new Date();
  const discussion = await getDiscussion(db, viewer, caseRow, now);
  const { timeZone } = env();
  return json({
    case: { id: caseRow.id, reference: caseRow.reference, title: caseRow.title, status: caseRow.status },
    discussion,
    today: calendarDay(now, timeZone),
    defaultDueDate: defaultDueDay(now, timeZone),
    maxDueDays: REQUEST_MAX_DUE_DAYS,
  });
}

type ActionData = { intent: "create_request" | "comment"; reply: SubmissionResult<string[]> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.discuss");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const formData = await request.formData();
  const discussionContext = { ip: requestMeta(request, context).ip, baseUrl: portalBaseUrlFor(request) };
  if (formData.get("intent") === "create_request") {
    const submission = parseWithZod(formData, { schema: NewRequestSchema });
    if (submission.status !== "success") return json<ActionData>({ intent: "create_request", reply: submission.reply() }, { status: 400 });
    const created = await createInformationRequest(db, viewer, caseRow, submission.value, discussionContext);
    if (!created.ok) {
      const reply =
        "field" in created
          ? submission.reply({ fieldErrors: { [created.field]: [created.problem] } })
          : submission.reply({ formErrors: [`collaboration.requests.errors.${created.refusal.code}`] });
      return json<ActionData>({ intent: "create_request", reply }, { status: "field" in created ? 400 : 409 });
    }
    return redirect(`/cases/${caseRow.id}/requests/${created.requestId}?sent=1`);
  }
  const submission = parseWithZod(formData, { schema: CommentSchema });
  if (submission.status !== "success") return json<ActionData>({ intent: "comment", reply: submission.reply() }, { status: 400 });
  const added = await addComment(db, viewer, caseRow, { requestId: null, body: submission.value.body }, discussionContext);
  if (!added.ok) {
    return json<ActionData>(
      { intent: "comment", reply: submission.reply({ formErrors: [`collaboration.requests.errors.${added.refusal.code}`] }) },
      { status: 409 },
    );
  }
  return redirect(`/cases/${caseRow.id}/requests?posted=1#discussion`);
}

export default function CaseRequestsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation();
  const { locale } = useLocaleAndZone();
  const [searchParams] = useSearchParams();
  const { discussion } = data;
  const otherName = organisationName(locale, discussion.otherSide);

  return (
    <div className="page collab-page">
      <header className="page-header">
        <p className="page-kicker">
          <Link to={`/cases/${data.case.id}`}>{data.case.reference}</Link> <StatusBadge status={data.case.status} />
        </p>
        <h1>{t("collaboration.requests.pageTitle")}</h1>
        <p className="muted">
          {otherName ? t("collaboration.requests.sectionIntro", { agency: otherName }) : t("collaboration.requests.sectionIntroNoAgency")}
        </p>
      </header>
      {searchParams.get("posted") ? (
        <p className="notice" role="status">
          {t("collaboration.requests.discussion.posted")}
        </p>
      ) : null}
      {discussion.state === "not_yet" ? <p className="notice collab-notice-info">{t("collaboration.requests.notYet")}</p> : null}
      {discussion.state === "read_only" ? <p className="notice collab-notice-info">{t("collaboration.requests.readOnly")}</p> : null}

      <section className="card" aria-labelledby="requests-title">
        <h2 id="requests-title">{t("collaboration.requests.listTitle")}</h2>
        <RequestTable caseId={data.case.id} requests={discussion.requests} organisations={discussion.organisations} />
      </section>

      {discussion.canWrite ? (
        <section className="card" id="new-request" aria-labelledby="new-request-title">
          <h2 id="new-request-title">{t("collaboration.requests.form.title", { other: otherName })}</h2>
          <p className="muted">{t("collaboration.requests.form.intro")}</p>
          <NewRequestForm
            caseId={data.case.id}
            today={data.today}
            defaultDueDate={data.defaultDueDate}
            maxDays={data.maxDueDays}
            lastResult={actionData?.intent === "create_request" ? actionData.reply : undefined}
          />
        </section>
      ) : null}

      {discussion.state !== "not_yet" ? (
        <section className="card" id="discussion" aria-labelledby="discussion-title">
          <h2 id="discussion-title">{t("collaboration.requests.discussion.title")}</h2>
          <p className="muted">{t("collaboration.requests.discussion.intro")}</p>
          <CommentList comments={discussion.comments} emptyKey="collaboration.requests.discussion.empty" />
          {discussion.canWrite ? (
            <CommentForm
              // A new key once the comment is in the list: the form starts empty again.
              key={discussion.comments.length}
              id="case-comment"
              action={`/cases/${data.case.id}/requests`}
              label={t("collaboration.requests.discussion.label")}
              submitLabel={t("collaboration.requests.discussion.submit")}
              lastResult={actionData?.intent === "comment" ? actionData.reply : undefined}
            />
          ) : null}
        </section>
      ) : null}
      <p>
        <Link to={`/cases/${data.case.id}`}>{t("collaboration.requests.backToCase")}</Link>
      </p>
    </div>
  );
}
