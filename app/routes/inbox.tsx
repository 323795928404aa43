/**
 * /inbox: the police agency's work queue (getInbox): referrals awaiting the agency's decision, most urgent
 * first, each with its decision clock (computed on the server, so the page reads right without
 * JavaScript; it counts down once the page runs), "due soon" and "overdue" flags; then the cases assigned
 * to the viewer, the rest of the agency's cases in progress, and the leads returned to the platform.
 * For the agency's case workers (case.investigate); the scope query limits it to the agency's cases.
 */
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PriorityBadge, StatusBadge } from "~/components/cases/case-badges";
import { DecisionClock } from "~/components/cases/decision-clock";
import { INBOX_STATUSES, isInboxStatus, type InboxCase } from "~/domain/inbox";
import { getInbox } from "~/domain/inbox.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { DEFAULT_LOCALE, formatDateTime, formatNumber } from "~/lib/i18n";
import { useRootData } from "~/root";
import casesStyles from "~/styles/cases.css";
import inboxStyles from "~/styles/inbox.css";
import workflowStyles from "~/styles/workflow.css";

export const handle = { titleKey: "inbox.title" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: casesStyles },
  { rel: "stylesheet", href: workflowStyles },
  { rel: "stylesheet", href: inboxStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.investigate");
  const status = new URL(request.url).searchParams.get("status");
  return json({ inbox: await getInbox(await getDb(), viewer, { status: isInboxStatus(status) ? status : null }) });
}

export default function InboxPage() {
  const { inbox } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const when = (value: string) => formatDateTime(value, locale, timeZone);
  const showAwaiting = !inbox.status || inbox.status === "submitted";

  return (
    <div className="page inbox-page">
      <header className="page-header">
        <h1>{t("inbox.title")}</h1>
        <p className="muted">{t("inbox.intro")}</p>
        <p className="inbox-summary" data-testid="inbox-summary">
          {t("inbox.summary", {
            awaiting: inbox.counts.awaiting,
            overdue: inbox.counts.overdue,
            dueSoon: inbox.counts.dueSoon,
            assigned: inbox.counts.assignedToMe,
          })}
        </p>
        <Form method="get" className="inbox-filter">
          <label htmlFor="inbox-status">{t("inbox.filter.label")}</label>
          <select id="inbox-status" name="status" defaultValue={inbox.status ?? ""}>
            <option value="">{t("inbox.filter.all")}</option>
            {INBOX_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`caseVocabulary.status.${status}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button workflow-button-secondary">
            {t("inbox.filter.apply")}
          </button>
        </Form>
      </header>

      {showAwaiting ? (
        <section className="card" aria-labelledby="awaiting-title">
          <h2 id="awaiting-title">
            {t("inbox.awaiting.title")} <span className="count">{inbox.awaiting.length}</span>
          </h2>
          {inbox.awaiting.length === 0 ? (
            <p className="muted">{t("inbox.awaiting.empty")}</p>
          ) : (
            <div className="table-wrap">
              <table className="inbox-table">
                <thead>
                  <tr>
                    <th scope="col">{t("inbox.columns.case")}</th>
                    <th scope="col">{t("inbox.columns.received")}</th>
                    <th scope="col">{t("inbox.columns.due")}</th>
                    <th scope="col">{t("inbox.columns.clock")}</th>
                  </tr>
                </thead>
                <tbody>
                  {inbox.awaiting.map((row) => (
                    <tr key={row.caseId} className={`inbox-row inbox-row-${row.clock.state}`} data-reference={row.reference} data-clock={row.clock.state}>
                      <td>
                        <CaseCell row={row} />
                        {row.resubmitted ? <span className="tag inbox-tag-resubmitted">{t("inbox.awaiting.resubmitted")}</span> : null}
                      </td>
                      <td>{row.submittedAt ? when(row.submittedAt) : "—"}</td>
                      <td>
                        <time dateTime={row.clock.dueAt}>{when(row.clock.dueAt)}</time>
                      </td>
                      <td>
                        <DecisionClock dueAt={row.clock.dueAt} computedAt={inbox.computedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {inbox.assignedToMe.length > 0 || !inbox.status ? (
        <CaseSection id="mine" title={t("inbox.assignedToMe.title")} empty={t("inbox.assignedToMe.empty")} rows={inbox.assignedToMe} when={when} />
      ) : null}
      {inbox.working.length > 0 || !inbox.status ? (
        <CaseSection
          id="working"
          title={t("inbox.working.title")}
          empty={t("inbox.working.empty")}
          rows={inbox.working}
          notListed={inbox.workingNotListed}
          allHref={inbox.status ? `/cases?status=${inbox.status}` : "/cases"}
          when={when}
        />
      ) : null}
      {inbox.withPlatform.length > 0 ? (
        <CaseSection
          id="with-platform"
          title={t("inbox.withPlatform.title")}
          intro={t("inbox.withPlatform.intro")}
          empty=""
          rows={inbox.withPlatform}
          when={when}
        />
      ) : null}
    </div>
  );
}

function CaseCell({ row }: { row: InboxCase }) {
  const { t } = useTranslation();
  return (
    <>
      <Link to={`/cases/${row.caseId}`} className="inbox-case">
        <span className="case-reference">{row.reference}</span> {row.title}
      </Link>
      <span className="inbox-case-meta">
        <PriorityBadge priority={row.priority} /> <span className="muted">{t(`caseVocabulary.category.${row.category}`)}</span>
      </span>
    </>
  );
}

function CaseSection({
  id,
  title,
  intro,
  empty,
  rows,
  notListed = 0,
  allHref,
  when,
}: {
  id: string;
  title: string;
  intro?: string;
  empty: string;
  rows: InboxCase[];
  /** More rows of this kind than are listed; `allHref` shows them all. */
  notListed?: number;
  allHref?: string;
  when: (value: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? DEFAULT_LOCALE;
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>
        {title} <span className="count">{formatNumber(rows.length + notListed, locale)}</span>
      </h2>
      {intro ? <p className="muted">{intro}</p> : null}
      {notListed > 0 && allHref ? (
        <p className="muted" data-testid={`${id}-not-listed`}>
          {t("inbox.notListed", { shown: rows.length, total: formatNumber(rows.length + notListed, locale) })}{" "}
          <Link to={allHref}>{t("inbox.allInCaseList")}</Link>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="inbox-table">
            <thead>
              <tr>
                <th scope="col">{t("inbox.columns.case")}</th>
                <th scope="col">{t("inbox.columns.status")}</th>
                <th scope="col">{t("inbox.columns.officers")}</th>
                <th scope="col">{t("inbox.columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.caseId} data-reference={row.reference}>
                  <td>
                    <CaseCell row={row} />
                  </td>
                  <td>
                    <StatusBadge status={row.status} />
                  </td>
                  <td>
                    {row.officers.length === 0 ? (
                      <span className="muted">{t("inbox.noOfficer")}</span>
                    ) : (
                      row.officers.map((officer, index) => (
                        <span key={`${officer.name}-${index}`} className="inbox-officer">
                          {officer.name}
                          {officer.isLead ? <span className="muted"> ({t("inbox.leadMark")})</span> : null}
                          {officer.isMe ? <span className="tag tag-me">{t("inbox.me")}</span> : null}
                        </span>
                      ))
                    )}
                  </td>
                  <td>{when(row.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
