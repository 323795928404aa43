/**
 * The home page's work queue (getWorkQueue): for an agency, the inbox summary and its most urgent
 * referrals with their clocks; on the platform, the viewer's drafts, the leads returned for information
 * and those declined (to re-route), and the leads awaiting the viewer's review.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/cases/case-badges";
import { DecisionClock } from "~/components/cases/decision-clock";
import type { QueueList, WorkQueue } from "~/domain/work-queue.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";

export function WorkQueuePanel({ queue }: { queue: WorkQueue }) {
  const { t } = useTranslation();
  const lists: { key: string; title: string; intro?: string; list: QueueList | null }[] = [
    { key: "review", title: t("inbox.home.reviewTitle"), intro: t("inbox.home.reviewIntro"), list: queue.review },
    { key: "returned", title: t("inbox.home.returnedTitle"), intro: t("inbox.home.returnedIntro"), list: queue.returned },
    { key: "declined", title: t("inbox.home.declinedTitle"), intro: t("inbox.home.declinedIntro"), list: queue.declined },
    { key: "drafts", title: t("inbox.home.draftsTitle"), list: queue.drafts },
  ];
  const shown = lists.filter((entry) => entry.list && (entry.list.total > 0 || entry.key === "drafts"));
  return (
    <>
      {queue.police ? <PoliceQueue police={queue.police} /> : null}
      {shown.length ? (
        <div className="work-queue-grid">
          {shown.map((entry) => (
            <QueueSection key={entry.key} id={`queue-${entry.key}`} title={entry.title} intro={entry.intro} list={entry.list!} />
          ))}
        </div>
      ) : null}
    </>
  );
}

function PoliceQueue({ police }: { police: NonNullable<WorkQueue["police"]> }) {
  const { t } = useTranslation();
  return (
    <section className="card work-queue" id="queue-police" aria-labelledby="queue-police-title">
      <h2 id="queue-police-title">{t("inbox.home.policeTitle")}</h2>
      <p className="inbox-summary">
        {t("inbox.summary", {
          awaiting: police.counts.awaiting,
          overdue: police.counts.overdue,
          dueSoon: police.counts.dueSoon,
          assigned: police.counts.assignedToMe,
        })}
      </p>
      {police.mostUrgent.length ? (
        <>
          <h3>{t("inbox.home.mostUrgent")}</h3>
          <ul>
            {police.mostUrgent.map((row) => (
              <li key={row.caseId} data-reference={row.reference}>
                <Link to={`/cases/${row.caseId}`}>
                  <span className="case-reference">{row.reference}</span> {row.title}
                </Link>
                <DecisionClock dueAt={row.clock.dueAt} computedAt={police.computedAt} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to="/inbox" className="button">
          {t("inbox.home.openInbox")}
        </Link>
      </p>
    </section>
  );
}

function QueueSection({ id, title, intro, list }: { id: string; title: string; intro?: string; list: QueueList }) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  return (
    <section className="card work-queue" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title} <span className="count">{list.total}</span>
      </h2>
      {intro && list.total > 0 ? <p className="muted">{intro}</p> : null}
      {list.items.length === 0 ? (
        <p className="muted">{t("inbox.home.nothing")}</p>
      ) : (
        <ul>
          {list.items.map((item) => {
            const agency = locale === "zh-CN" ? item.agencyNameZh : item.agencyNameEn;
            return (
              <li key={item.caseId} data-reference={item.reference}>
                <Link to={`/cases/${item.caseId}`}>
                  <span className="case-reference">{item.reference}</span> {item.title}
                </Link>
                <StatusBadge status={item.status} />
                <span className="muted">
                  {agency ? `${t("inbox.home.agency", { agency })} · ` : ""}
                  {t("inbox.home.updated", { time: formatDateTime(item.updatedAt, locale, timeZone) })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {list.total > list.items.length ? <p className="muted">{t("inbox.home.more", { count: list.total - list.items.length })}</p> : null}
    </section>
  );
}
