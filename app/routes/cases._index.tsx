/**
 * /cases: the cases the viewer may see (caseScopeCondition), filtered by status, category, agency, province
 * and opening date, newest first or by priority, a page at a time by keyset (listCasesForViewer).
 * The filters are a plain GET form, so every view of the list is a link.
 */
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PriorityBadge, StatusBadge } from "~/components/cases/case-badges";
import { listAgencyFilterOptions } from "~/domain/case-list.server";
import { CASE_STATUS_VALUES } from "~/domain/cases";
import { listCasesForViewer } from "~/domain/cases.server";
import { GOODS_CATEGORIES, parseCaseListQuery } from "~/domain/cases.schema";
import { listProvinces } from "~/domain/divisions.server";
import { can, requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import casesStyles from "~/styles/cases.css";

export const handle = { titleKey: "cases.list.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: casesStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.view");
  const db = await getDb();
  const { cursor, dateRangeInverted, ...filters } = parseCaseListQuery(new URL(request.url).searchParams);
  const page = await listCasesForViewer(db, viewer, { ...filters, timeZone: env().timeZone }, cursor);
  return json({
    page,
    filters,
    firstPage: !cursor,
    dateRangeInverted,
    agencies: await listAgencyFilterOptions(db, viewer),
    provinces: listProvinces(),
    canCreate: can(viewer, "case.create"),
  });
}

export default function CaseListPage() {
  const { page, filters, firstPage, dateRangeInverted, agencies, provinces, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const location = useLocation();
  const filtered = Object.values(filters).some((value) => value !== undefined && value !== "newest");
  const pageLink = (cursor: string | null) => {
    const params = new URLSearchParams(location.search);
    params.delete("cursor");
    if (cursor) params.set("cursor", cursor);
    const query = params.toString();
    return query ? `?${query}` : location.pathname;
  };
  const localName = (row: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? row.nameZh : row.nameEn);

  return (
    <div className="page cases-page">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t("cases.list.title")}</h1>
          <p className="muted">{t("cases.list.intro")}</p>
        </div>
        {canCreate ? (
          <Link to="/cases/new" className="button">
            {t("cases.list.newLead")}
          </Link>
        ) : null}
      </header>

      <section className="card case-filters" aria-labelledby="case-filters-title">
        <h2 id="case-filters-title" className="visually-hidden">
          {t("cases.list.filtersTitle")}
        </h2>
        <Form method="get" className="filter-grid">
          <div className="field">
            <label htmlFor="filter-status">{t("cases.list.status")}</label>
            <select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
              <option value="">{t("cases.list.any")}</option>
              {CASE_STATUS_VALUES.map((status) => (
                <option key={status} value={status}>
                  {t(`caseVocabulary.status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-category">{t("cases.list.category")}</label>
            <select id="filter-category" name="category" defaultValue={filters.category ?? ""}>
              <option value="">{t("cases.list.any")}</option>
              {GOODS_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`caseVocabulary.category.${category}`)}
                </option>
              ))}
            </select>
          </div>
          {agencies.length ? (
            <div className="field">
              <label htmlFor="filter-agency">{t("cases.list.agency")}</label>
              <select id="filter-agency" name="agencyId" defaultValue={filters.agencyId ?? ""}>
                <option value="">{t("cases.list.any")}</option>
                {agencies.map((agency) => (
                  <option key={agency.id} value={agency.id}>
                    {localName(agency)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="filter-province">{t("cases.list.province")}</label>
            <select id="filter-province" name="provinceCode" defaultValue={filters.provinceCode ?? ""}>
              <option value="">{t("cases.list.any")}</option>
              {provinces.map((province) => (
                <option key={province.code} value={province.code}>
                  {province.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-from">{t("cases.list.createdFrom")}</label>
            <input id="filter-from" type="date" name="createdFrom" defaultValue={filters.createdFrom ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">{t("cases.list.createdTo")}</label>
            <input id="filter-to" type="date" name="createdTo" defaultValue={filters.createdTo ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="filter-sort">{t("cases.list.sort")}</label>
            <select id="filter-sort" name="sort" defaultValue={filters.sort ?? "newest"}>
              <option value="newest">{t("cases.list.sortNewest")}</option>
              <option value="priority">{t("cases.list.sortPriority")}</option>
            </select>
          </div>
          <div className="filter-actions">
            <button type="submit" className="button">
              {t("cases.list.apply")}
            </button>
            {filtered ? (
              <Link to="/cases" className="button-link">
                {t("cases.list.reset")}
              </Link>
            ) : null}
          </div>
        </Form>
        {dateRangeInverted ? (
          <p className="notice notice-warning" role="status">
            {t("cases.list.dateOrder")}
          </p>
        ) : null}
      </section>

      {page.items.length === 0 ? (
        <section className="card empty-state" aria-live="polite">
          <h2>{filtered || !firstPage ? t("cases.list.emptyFilteredTitle") : t("cases.list.emptyTitle")}</h2>
          <p className="muted">{filtered || !firstPage ? t("cases.list.emptyFilteredBody") : t("cases.list.emptyBody")}</p>
          {canCreate && !filtered ? (
            <Link to="/cases/new" className="button">
              {t("cases.list.newLead")}
            </Link>
          ) : null}
        </section>
      ) : (
        <section className="card case-table-card">
          <div className="table-wrap">
            <table className="case-table">
              <thead>
                <tr>
                  <th scope="col">{t("cases.list.columns.reference")}</th>
                  <th scope="col">{t("cases.list.columns.title")}</th>
                  <th scope="col">{t("cases.list.columns.status")}</th>
                  <th scope="col">{t("cases.list.columns.priority")}</th>
                  <th scope="col">{t("cases.list.columns.category")}</th>
                  <th scope="col">{t("cases.list.columns.division")}</th>
                  <th scope="col">{t("cases.list.columns.agency")}</th>
                  <th scope="col">{t("cases.list.columns.created")}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((item) => (
                  <tr key={item.id}>
                    <td className="nowrap">
                      <Link to={`/cases/${item.id}`}>{item.reference}</Link>
                    </td>
                    <td>
                      <Link to={`/cases/${item.id}`} className="case-title-link">
                        {item.title}
                      </Link>
                      <span className="muted case-author">{item.authorName}</span>
                    </td>
                    <td>
                      <StatusBadge status={item.status} />
                    </td>
                    <td>
                      <PriorityBadge priority={item.priority} />
                    </td>
                    <td>{t(`caseVocabulary.category.${item.category}`)}</td>
                    <td className="nowrap">{item.divisionName ?? t("cases.detail.notSet")}</td>
                    <td>{item.agency ? localName(item.agency) : <span className="muted">{t("cases.list.notReferred")}</span>}</td>
                    <td className="nowrap">{formatDateTime(item.createdAt, locale, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {!firstPage || page.nextCursor ? (
        <nav className="pagination" aria-label={t("cases.list.pageLabel")}>
          {!firstPage ? (
            <Link to={pageLink(null)} className="button-link">
              {t("cases.list.firstPage")}
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link to={pageLink(page.nextCursor)} className="button" rel="next">
              {t("cases.list.nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
