/**
 * "Requests and discussion" on the case page: how many requests are open and overdue, the first few, and
 * links to the whole discussion and to a new request. Shown to those who may discuss the case (case.discuss).
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DiscussionView } from "~/domain/discussion.server";
import { organisationName, RequestTable, useLocaleAndZone } from "./discussion";

export { collaborationLinks as discussionLinks } from "./discussion";

export function DiscussionSection({ caseId, discussion }: { caseId: string; discussion: DiscussionView | null }) {
  const { t } = useTranslation();
  const { locale } = useLocaleAndZone();
  if (!discussion) return null;
  const otherName = organisationName(locale, discussion.otherSide);
  return (
    <section id="requests" className="card collab-section" aria-labelledby="requests-section-title">
      <h2 id="requests-section-title">{t("collaboration.requests.sectionTitle")}</h2>
      {discussion.state === "not_yet" ? (
        <p className="muted">{t("collaboration.requests.notYet")}</p>
      ) : (
        <>
          <p className="muted">
            {otherName ? t("collaboration.requests.sectionIntro", { agency: otherName }) : t("collaboration.requests.sectionIntroNoAgency")}
          </p>
          <p className="collab-section-summary">
            <span className={`collab-flag ${discussion.openCount > 0 ? "collab-flag-open" : "collab-flag-closed"}`}>
              {t("collaboration.requests.summary", { count: discussion.openCount })}
            </span>
            {discussion.overdueCount > 0 ? (
              <span className="collab-flag collab-flag-overdue">{t("collaboration.requests.summaryOverdue", { count: discussion.overdueCount })}</span>
            ) : null}
          </p>
          <RequestTable caseId={caseId} requests={discussion.requests} organisations={discussion.organisations} />
          <p className="collab-section-actions">
            <Link to={`/cases/${caseId}/requests`}>{t("collaboration.requests.openAll")}</Link>
            {discussion.canWrite ? (
              <Link to={`/cases/${caseId}/requests#new-request`} className="button collab-button-quiet">
                {t("collaboration.requests.newRequest")}
              </Link>
            ) : null}
          </p>
        </>
      )}
    </section>
  );
}
