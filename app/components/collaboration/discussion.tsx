/**
 * The pieces of the requests-and-discussion pages (and of the case page's section): a request's status with
 * its due flag, the list of requests, a list of comments, and what a refusal says.
 */
import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { CommentView, OrganisationName, RequestSummary } from "~/domain/discussion.server";
import type { DiscussionRefusal } from "~/domain/information-requests.server";
import { DEFAULT_LOCALE, formatDateTime, type Locale } from "~/lib/i18n";
import { useRootData } from "~/root";
import collaborationStyles from "~/styles/collaboration.css";

/** The stylesheet of these pieces, for the `links` of a route that renders them. */
export const collaborationLinks = [{ rel: "stylesheet", href: collaborationStyles }];

export function useLocaleAndZone(): { locale: Locale; timeZone: string } {
  const root = useRootData();
  return { locale: root?.locale ?? DEFAULT_LOCALE, timeZone: root?.timeZone ?? "Asia/Shanghai" };
}

export function organisationName(locale: Locale, organisation: Pick<OrganisationName, "nameZh" | "nameEn"> | null | undefined): string {
  if (!organisation) return "";
  return locale === "zh-CN" ? organisation.nameZh : organisation.nameEn;
}

export function RequestStatus({ status, overdue, dueSoon }: Pick<RequestSummary, "status" | "overdue" | "dueSoon">) {
  const { t } = useTranslation();
  return (
    <span className="collab-status-group">
      <span className={`collab-flag collab-flag-${status}`} data-request-status={status}>
        {t(`caseVocabulary.informationRequestStatus.${status}`)}
      </span>
      {overdue ? (
        <span className="collab-flag collab-flag-overdue" data-testid="request-overdue">
          {t("collaboration.requests.overdue")}
        </span>
      ) : dueSoon ? (
        <span className="collab-flag collab-flag-soon">{t("collaboration.requests.dueSoon")}</span>
      ) : null}
    </span>
  );
}

export function RequestTable({
  caseId,
  requests,
  organisations,
}: {
  caseId: string;
  requests: RequestSummary[];
  organisations: Record<string, Pick<OrganisationName, "nameZh" | "nameEn">>;
}) {
  const { t } = useTranslation();
  const { locale, timeZone } = useLocaleAndZone();
  if (requests.length === 0) return <p className="muted">{t("collaboration.requests.noneYet")}</p>;
  return (
    <div className="collab-table-wrap">
      <table className="collab-requests">
        <thead>
          <tr>
            <th scope="col">{t("collaboration.requests.columns.subject")}</th>
            <th scope="col">{t("collaboration.requests.columns.askedBy")}</th>
            <th scope="col">{t("collaboration.requests.columns.due")}</th>
            <th scope="col">{t("collaboration.requests.columns.status")}</th>
            <th scope="col">{t("collaboration.requests.columns.replies")}</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr key={request.id} data-testid="request-row" data-overdue={request.overdue ? true : undefined}>
              <td>
                <Link to={`/cases/${caseId}/requests/${request.id}`}>{request.subject}</Link>
              </td>
              <td>
                {organisationName(locale, organisations[request.requestingOrganisationId])}
                {request.askedByViewerSide ? <span className="muted collab-small"> ({t("collaboration.requests.yourSide")})</span> : null}
                <div className="muted collab-small">{request.requestedByName}</div>
              </td>
              <td className="collab-nowrap">
                <time dateTime={request.dueAt}>{formatDateTime(request.dueAt, locale, timeZone)}</time>
              </td>
              <td>
                <RequestStatus {...request} />
              </td>
              <td>{request.replies}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CommentList({ comments, emptyKey }: { comments: CommentView[]; emptyKey: string }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useLocaleAndZone();
  if (comments.length === 0) return <p className="muted">{t(emptyKey)}</p>;
  return (
    <ol className="collab-comments">
      {comments.map((comment) => (
        <li
          key={comment.id}
          className={`collab-comment${comment.ownSide ? " collab-comment-own" : ""}${comment.isAnswer ? " collab-comment-answer" : ""}`}
          data-testid="comment"
        >
          <p className="collab-comment-meta">
            <strong>{comment.authorName}</strong>
            <span className="muted"> · {organisationName(locale, { nameZh: comment.organisationNameZh, nameEn: comment.organisationNameEn })}</span>
            <span className="muted">
              {" · "}
              <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, locale, timeZone)}</time>
            </span>
            {comment.isAnswer ? <span className="collab-flag collab-flag-answered">{t("collaboration.requests.thread.answerMark")}</span> : null}
          </p>
          <p className="collab-comment-body">{comment.body}</p>
        </li>
      ))}
    </ol>
  );
}

export function refusalMessage(t: TFunction, refusal: DiscussionRefusal, locale: Locale, timeZone: string): string {
  if (refusal.code !== "stale") return t(`collaboration.requests.errors.${refusal.code}`);
  if (!refusal.changedBy || !refusal.changedAt) return t("collaboration.requests.errors.staleUnknown");
  return t("collaboration.requests.errors.stale", {
    name: refusal.changedBy,
    time: formatDateTime(refusal.changedAt, locale, timeZone),
    status: t(`caseVocabulary.informationRequestStatus.${refusal.status}`),
  });
}
