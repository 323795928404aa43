import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditDetails } from "~/components/admin/audit-details";
import { auditFiltersFrom, auditFiltersQuery } from "~/domain/audit-viewer.schema";
import { AUDIT_EXPORT_MAX_ROWS, auditFilterOptions, listAuditEvents, verifyChainForViewer } from "~/domain/audit-viewer.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { DEFAULT_LOCALE, formatDateTime, formatNumber } from "~/lib/i18n";
import { useRootData } from "~/root";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "admin.audit.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "audit.view");
  const db = await getDb();
  const filters = auditFiltersFrom(new URL(request.url).searchParams);
  const [page, options, chain] = await Promise.all([
    listAuditEvents(db, viewer, filters),
    auditFilterOptions(db, viewer),
    verifyChainForViewer(db, viewer),
  ]);
  // Constants of .server modules reach the component through the loader (the browser bundle has none).
  return json({ filters, page, options, chain, exportMaxRows: AUDIT_EXPORT_MAX_ROWS });
}

function ChainStatus({ chain }: { chain: ReturnType<typeof useLoaderData<typeof loader>>["chain"] }) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  if (chain.intact) {
    return (
      <p className="notice" role="status" data-testid="chain-status">
        {t("admin.audit.chainIntact", { count: chain.checked, checked: formatNumber(chain.checked, locale), last: chain.lastSeq ?? 0 })}
      </p>
    );
  }
  return (
    <div className="notice notice-danger" role="alert" data-testid="chain-status">
      <p>
        <strong>{t("admin.audit.chainBroken", { seq: chain.brokenSeq })}</strong>
      </p>
      <p>{t(`admin.audit.chainProblem.${chain.problem}`)}</p>
      <p className="small">{t("admin.audit.chainAdvice")}</p>
    </div>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { filters, page, options, chain, exportMaxRows } = useLoaderData<typeof loader>();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const actionLabel = (action: string) => t(`audit.action.${action}`, { defaultValue: t("audit.unknownAction", { action }) });
  const organisationName = (zh: string | null, en: string | null) => (locale === "zh-CN" ? zh : en);
  const filtered = Object.entries(filters).some(([key, value]) => key !== "before" && value !== undefined);
  const query = auditFiltersQuery(filters);

  return (
    <div className="page page-wide">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t("admin.audit.title")}</h1>
          <p className="muted">{t("admin.audit.intro")}</p>
        </div>
        <a href={`/admin/audit/export${query}`} className="button" download>
          {t("admin.audit.export")}
        </a>
      </header>
      <ChainStatus chain={chain} />

      <Form method="get" className="filters card" aria-label={t("admin.filters")}>
        <div className="field">
          <label htmlFor="audit-actor">{t("admin.audit.filterActor")}</label>
          <input id="audit-actor" type="search" name="actor" defaultValue={filters.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-organisation">{t("admin.audit.filterOrganisation")}</label>
          <select id="audit-organisation" name="organisation" defaultValue={filters.organisation ?? ""}>
            <option value="">{t("admin.all")}</option>
            {options.organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisationName(organisation.nameZh, organisation.nameEn)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-case">{t("admin.audit.filterCase")}</label>
          <input id="audit-case" type="search" name="case" defaultValue={filters.case ?? ""} placeholder="AC-2026-000001" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t("admin.audit.filterAction")}</label>
          <select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">{t("admin.all")}</option>
            {options.actions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-outcome">{t("admin.audit.filterOutcome")}</label>
          <select id="audit-outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
            <option value="">{t("admin.all")}</option>
            <option value="success">{t("audit.outcome.success")}</option>
            <option value="failure">{t("audit.outcome.failure")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("admin.audit.filterFrom")}</label>
          <input id="audit-from" type="date" name="from" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("admin.audit.filterTo")}</label>
          <input id="audit-to" type="date" name="to" defaultValue={filters.to ?? ""} />
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            {t("admin.applyFilters")}
          </button>
          {filtered ? (
            <Link to="/admin/audit" className="button button-light">
              {t("admin.clearFilters")}
            </Link>
          ) : null}
        </div>
      </Form>
      <p className="muted small">{t("admin.audit.timeZoneNote", { timeZone, max: formatNumber(exportMaxRows, locale) })}</p>

      {page.caseUnknown ? <p className="notice notice-warning">{t("admin.audit.caseUnknown", { value: filters.case })}</p> : null}
      {page.caseReaders ? (
        <section className="card" aria-labelledby="readers-title">
          <h2 id="readers-title">{t("admin.audit.readersTitle", { value: filters.case })}</h2>
          {page.caseReaders.length === 0 ? (
            <p className="muted">{t("admin.audit.noReaders")}</p>
          ) : (
            <div className="table-wrap">
              <table data-testid="case-readers">
                <thead>
                  <tr>
                    <th scope="col">{t("admin.audit.columns.actor")}</th>
                    <th scope="col">{t("admin.audit.columns.organisation")}</th>
                    <th scope="col" className="numeric">
                      {t("admin.audit.columns.reads")}
                    </th>
                    <th scope="col">{t("admin.audit.columns.lastRead")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.caseReaders.map((reader) => (
                    <tr key={`${reader.actorLabel}-${reader.organisationEn}`}>
                      <td>{reader.actorLabel}</td>
                      <td>{organisationName(reader.organisationZh, reader.organisationEn)}</td>
                      <td className="numeric">{formatNumber(reader.reads, locale)}</td>
                      <td>{formatDateTime(reader.lastReadAt, locale, timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title">{t(filtered ? "admin.audit.filteredTitle" : "admin.audit.listTitle")}</h2>
        {page.rows.length === 0 ? (
          <p className="muted">{t("admin.audit.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col" className="numeric nowrap">
                    {t("admin.audit.columns.seq")}
                  </th>
                  <th scope="col">{t("admin.audit.columns.time")}</th>
                  <th scope="col">{t("admin.audit.columns.action")}</th>
                  <th scope="col">{t("admin.audit.columns.actor")}</th>
                  <th scope="col">{t("admin.audit.columns.subject")}</th>
                  <th scope="col">{t("admin.audit.columns.details")}</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((row) => (
                  <tr key={row.seq}>
                    <td className="numeric">{row.seq}</td>
                    <td className="nowrap">{formatDateTime(row.occurredAt, locale, timeZone)}</td>
                    <td>
                      {actionLabel(row.action)}
                      <div>
                        <code className="muted small">{row.action}</code>{" "}
                        {row.outcome === "failure" ? <span className="status status-failure">{t("audit.outcome.failure")}</span> : null}
                      </div>
                    </td>
                    <td>
                      {row.actorLabel ?? "—"}
                      <div className="muted small">{organisationName(row.actorOrganisationZh, row.actorOrganisationEn)}</div>
                      {row.ip ? <code className="muted small">{row.ip}</code> : null}
                    </td>
                    <td>
                      {row.caseId ? (
                        <Link to={`/admin/audit?${new URLSearchParams({ case: row.caseReference ?? row.caseId })}`}>{row.caseReference ?? row.caseId.slice(0, 8)}</Link>
                      ) : null}
                      {row.entityType ? (
                        <div className="muted small">
                          {row.entityType}
                          {row.entityId ? ` ${row.entityId.slice(0, 8)}` : ""}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      <AuditDetails details={row.details} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="pagination" aria-label={t("admin.pagination")}>
          {filters.before ? <Link to={`/admin/audit${query}`}>{t("admin.newest")}</Link> : null}
          {page.nextBefore ? <Link to={`/admin/audit${auditFiltersQuery(filters, { before: page.nextBefore })}`}>{t("admin.older")}</Link> : null}
        </nav>
      </section>
    </div>
  );
}
