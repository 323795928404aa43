/**
 * The home page: a work queue by what the viewer's role may do (getWorkQueue: for an agency its inbox
 * summary; on the platform drafts, leads returned or declined, leads awaiting review), then who the viewer
 * is, their previous sign-in and the recent activity on their account.
 */
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { WorkQueuePanel } from "~/components/home/work-queue";
import { getLastSignIn, listOwnAccountActivity } from "~/domain/accounts.server";
import { getWorkQueue } from "~/domain/work-queue.server";
import casesStyles from "~/styles/cases.css";
import inboxStyles from "~/styles/inbox.css";
import workflowStyles from "~/styles/workflow.css";
import { listOrganisationsForViewer } from "~/domain/organisations.server";
import { can, requirePermission } from "~/domain/policy.server";
import { useRootData } from "~/root";
import { getDb } from "~/lib/db.server";
import { formatDateTime, formatNumber, DEFAULT_LOCALE } from "~/lib/i18n";

export const handle = { titleKey: "home.title" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: casesStyles },
  { rel: "stylesheet", href: workflowStyles },
  { rel: "stylesheet", href: inboxStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "portal.use");
  const db = await getDb();
  const [lastSignIn, activity, organisationList] = await Promise.all([
    getLastSignIn(db, viewer),
    listOwnAccountActivity(db, viewer),
    can(viewer, "organisations.view_all") ? listOrganisationsForViewer(db, viewer) : Promise.resolve(null),
  ]);
  const queue = await getWorkQueue(db, viewer);
  return json({ viewer, lastSignIn, activity, organisations: organisationList, queue });
}

export default function HomePage() {
  const { viewer, lastSignIn, activity, organisations, queue } = useLoaderData<typeof loader>();
  const root = useRootData();
  const { t } = useTranslation();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const organisationName = locale === "zh-CN" ? viewer.organisationNameZh : viewer.organisationNameEn;
  const actionLabel = (action: string) =>
    t(`audit.action.${action}`, { defaultValue: t("audit.unknownAction", { action }) });

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t("home.greeting", { name: viewer.displayName })}</h1>
        <p className="muted">
          {lastSignIn
            ? t("home.lastSignIn", {
                time: formatDateTime(lastSignIn.at, locale, timeZone),
                ip: lastSignIn.ip ?? t("home.unknownIp"),
              })
            : t("home.firstSignIn")}
        </p>
      </header>

      <WorkQueuePanel queue={queue} />

      <section className="card" aria-labelledby="role-title">
        <dl className="facts">
          <div>
            <dt>{t("home.organisation")}</dt>
            <dd>
              {organisationName} <span className="tag">{t(`organisationKind.${viewer.organisationKind}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t("home.role")}</dt>
            <dd>{t(`roles.${viewer.role}`)}</dd>
          </div>
        </dl>
        <h2 id="role-title">{t("home.yourRole")}</h2>
        <p>{t(`roleDuties.${viewer.role}`)}</p>
      </section>

      {organisations ? (
        <section className="card" aria-labelledby="organisations-title">
          <h2 id="organisations-title">{t("home.organisationsTitle")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("home.columns.organisation")}</th>
                  <th scope="col">{t("home.columns.kind")}</th>
                  <th scope="col">{t("home.columns.division")}</th>
                  <th scope="col" className="numeric">
                    {t("home.columns.users")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {organisations.map((organisation) => (
                  <tr key={organisation.id}>
                    <td>{locale === "zh-CN" ? organisation.nameZh : organisation.nameEn}</td>
                    <td>{t(`organisationKind.${organisation.kind}`)}</td>
                    <td>
                      <code>{organisation.divisionCode}</code>
                    </td>
                    <td className="numeric">{formatNumber(organisation.activeUsers, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby="activity-title">
        <h2 id="activity-title">{t("home.activityTitle")}</h2>
        <p className="muted">{t("home.activityIntro")}</p>
        {activity.length === 0 ? (
          <p>{t("home.activityEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("home.columns.time")}</th>
                  <th scope="col">{t("home.columns.event")}</th>
                  <th scope="col">{t("home.columns.outcome")}</th>
                  <th scope="col">{t("home.columns.ip")}</th>
                </tr>
              </thead>
              <tbody>
                {activity.map((event) => (
                  <tr key={event.seq}>
                    <td>{formatDateTime(event.occurredAt, locale, timeZone)}</td>
                    <td>{actionLabel(event.action)}</td>
                    <td>
                      <span className={`status status-${event.outcome}`}>{t(`audit.outcome.${event.outcome}`)}</span>
                    </td>
                    <td>
                      <code>{event.ip ?? "—"}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
