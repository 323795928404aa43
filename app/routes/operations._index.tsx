import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OperationPeriod, OperationStatusFlag } from "~/components/operations/operation-status";
import { OPERATION_STATUSES } from "~/domain/joint-operations";
import { listOperations, portalToday } from "~/domain/joint-operations.server";
import { can, requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { DEFAULT_LOCALE, formatNumber } from "~/lib/i18n";
import { useRootData } from "~/root";
import administrationStyles from "~/styles/administration.css";
import styles from "~/styles/operations.css";

export const handle = { titleKey: "operations.title" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: administrationStyles },
  { rel: "stylesheet", href: styles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "joint_operations.manage");
  const today = portalToday();
  const operations = await listOperations(await getDb(), viewer, today);
  return json({ operations, today, canSeeFigures: can(viewer, "statistics.view") });
}

export default function OperationsPage() {
  const { t } = useTranslation();
  const { operations, today, canSeeFigures } = useLoaderData<typeof loader>();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  const other = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameEn : entry.nameZh);

  return (
    <div className="page page-wide">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t("operations.title")}</h1>
          <p className="muted">{t("operations.intro", { today })}</p>
        </div>
        <Link to="/operations/new" className="button">
          {t("operations.new")}
        </Link>
      </header>

      <ul className="summary-tiles" aria-label={t("operations.summaryLabel")}>
        {OPERATION_STATUSES.map((status) => (
          <li key={status} className={`summary-tile operation-summary-${status}`}>
            <span className="summary-count">{operations.filter((operation) => operation.status === status).length}</span>
            <span>{t(`operations.status.${status}`)}</span>
          </li>
        ))}
      </ul>

      <section className="card" aria-labelledby="operations-list-title">
        <h2 id="operations-list-title">{t("operations.listTitle", { count: operations.length })}</h2>
        {operations.length === 0 ? (
          <p className="muted">{t("operations.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="operations-table">
              <thead>
                <tr>
                  <th scope="col">{t("operations.columns.operation")}</th>
                  <th scope="col">{t("operations.columns.period")}</th>
                  <th scope="col">{t("operations.columns.status")}</th>
                  <th scope="col">{t("operations.columns.agencies")}</th>
                  <th scope="col" className="numeric">
                    {t("operations.columns.leads")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {operations.map((operation) => (
                  <tr key={operation.id} data-testid={`operation-${operation.code}`}>
                    <td>
                      <Link to={`/operations/${operation.id}`} className="operation-name">
                        {name(operation)}
                      </Link>
                      <div className="muted small" lang={locale === "zh-CN" ? "en" : "zh-CN"}>
                        {other(operation)}
                      </div>
                      <code className="operation-code">{operation.code}</code>
                    </td>
                    <td>
                      <OperationPeriod startsOn={operation.startsOn} endsOn={operation.endsOn} />
                    </td>
                    <td>
                      <OperationStatusFlag status={operation.status} />
                    </td>
                    <td>
                      <ul className="plain-list">
                        {operation.agencies.map((agency) => (
                          <li key={agency.id}>{name(agency)}</li>
                        ))}
                      </ul>
                    </td>
                    <td className="numeric">
                      {formatNumber(operation.attachedLeads, locale)}
                      {canSeeFigures ? (
                        <div className="small">
                          <Link to={`/dashboard?operation=${operation.id}`}>{t("operations.figuresShort")}</Link>
                        </div>
                      ) : null}
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
