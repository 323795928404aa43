import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MouStandingFlag, TerritoryList } from "~/components/admin/mou-standing";
import { MOU_EXPIRY_WARNING_DAYS, MOU_STATUSES } from "~/domain/mous";
import { MouListFiltersSchema } from "~/domain/mous.schema";
import { listMous, listPoliceAgencies, portalToday } from "~/domain/mous.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { DEFAULT_LOCALE } from "~/lib/i18n";
import { useRootData } from "~/root";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "admin.mous.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "mou.manage");
  const url = new URL(request.url);
  const filters = MouListFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const db = await getDb();
  const today = portalToday();
  const [mous, all, agencies] = await Promise.all([
    listMous(db, viewer, filters, today),
    listMous(db, viewer, {}, today),
    listPoliceAgencies(db, viewer),
  ]);
  const counts = Object.fromEntries(MOU_STATUSES.map((status) => [status, all.filter((mou) => mou.standing.status === status).length]));
  return json({ mous, counts, agencies, today });
}

export default function MouRegistryPage() {
  const { t } = useTranslation();
  const { mous, counts, agencies, today } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  const filtered = Boolean(searchParams.get("status") || searchParams.get("agency"));

  return (
    <div className="page page-wide">
      <header className="page-header page-header-actions">
        <div>
          <h1>{t("admin.mous.title")}</h1>
          <p className="muted">{t("admin.mous.intro", { days: MOU_EXPIRY_WARNING_DAYS, today })}</p>
        </div>
        <Link to="/admin/mous/new" className="button">
          {t("admin.mous.new")}
        </Link>
      </header>

      <ul className="summary-tiles" aria-label={t("admin.mous.summaryLabel")}>
        {MOU_STATUSES.map((status) => (
          <li key={status} className={`summary-tile summary-${status}`}>
            <span className="summary-count">{counts[status] ?? 0}</span>
            <span>{t(`admin.mous.status.${status}`)}</span>
          </li>
        ))}
      </ul>

      <Form method="get" className="filters card" aria-label={t("admin.filters")}>
        <div className="field">
          <label htmlFor="mou-status">{t("admin.mous.filterStatus")}</label>
          <select id="mou-status" name="status" defaultValue={searchParams.get("status") ?? ""}>
            <option value="">{t("admin.all")}</option>
            {MOU_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`admin.mous.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mou-agency">{t("admin.mous.filterAgency")}</label>
          <select id="mou-agency" name="agency" defaultValue={searchParams.get("agency") ?? ""}>
            <option value="">{t("admin.all")}</option>
            {agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {name(agency)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            {t("admin.applyFilters")}
          </button>
          {filtered ? (
            <Link to="/admin/mous" className="button button-light">
              {t("admin.clearFilters")}
            </Link>
          ) : null}
        </div>
      </Form>

      <section className="card" aria-labelledby="mou-list-title">
        <h2 id="mou-list-title">{t("admin.mous.listTitle", { count: mous.length })}</h2>
        {mous.length === 0 ? (
          <p className="muted">{t(filtered ? "admin.mous.noneFiltered" : "admin.mous.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.mous.columns.mou")}</th>
                  <th scope="col">{t("admin.mous.columns.parties")}</th>
                  <th scope="col">{t("admin.mous.columns.period")}</th>
                  <th scope="col">{t("admin.mous.columns.scope")}</th>
                  <th scope="col">{t("admin.mous.columns.territory")}</th>
                  <th scope="col" className="numeric">
                    {t("admin.mous.columns.decisionPeriod")}
                  </th>
                  <th scope="col">{t("admin.mous.columns.status")}</th>
                </tr>
              </thead>
              <tbody>
                {mous.map((mou) => (
                  <tr key={mou.id} data-testid={`mou-${mou.reference}`}>
                    <td>
                      <Link to={`/admin/mous/${mou.id}`}>
                        <strong>{mou.reference}</strong>
                      </Link>
                      <div className="muted small">{locale === "zh-CN" ? mou.titleZh : mou.titleEn}</div>
                    </td>
                    <td>
                      <div>{name(mou.police)}</div>
                      <div className="muted small">{name(mou.platform)}</div>
                    </td>
                    <td className="nowrap">
                      {mou.effectiveFrom} – {mou.effectiveUntil ?? t("admin.mous.openEnded")}
                      <div className="muted small">{t("admin.mous.signedOn", { date: mou.signedOn })}</div>
                    </td>
                    <td>
                      {mou.scopeCategories.map((category) => (
                        <span key={category} className="tag tag-block">
                          {t(`caseVocabulary.category.${category}`)}
                        </span>
                      ))}
                    </td>
                    <td>
                      <TerritoryList territory={mou.territory} />
                    </td>
                    <td className="numeric">{t("admin.mous.days", { count: mou.decisionPeriodDays })}</td>
                    <td>
                      <MouStandingFlag standing={mou.standing} />
                      {mou.documents === 0 ? <div className="muted small">{t("admin.mous.noDocument")}</div> : null}
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
