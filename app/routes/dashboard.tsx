/**
 * /dashboard: joint-operation statistics for management (both sides) and the platform lead. The funnel from
 * referral to conviction, time to decision and the overdue, outcomes, and the cases by month, agency,
 * category, province and brand — each chart an SVG drawn on the server with its numbers in a table.
 * The filters are a GET form (every view is a link, and works without JavaScript); the exports take the
 * same query string. Figures are in the viewer's scope: an agency's management sees its own agency only.
 */
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatisticsFilterForm } from "~/components/statistics/filter-form";
import { statisticsFilterFormOptions } from "~/components/statistics/filter-options.server";
import { formatYuanCompact } from "~/components/charts/chart-kit";
import { buildDashboardView, formatFigure, operationPeriod, type HeadlineGroup, type HeadlineTile, type ViewSection } from "~/components/statistics/dashboard-view";
import { SectionChart } from "~/components/statistics/section-chart";
import { requirePermission } from "~/domain/policy.server";
import { statisticsFiltersToSearchParams } from "~/domain/statistics";
import { loadDashboardData } from "~/domain/statistics-export.server";
import { getDb } from "~/lib/db.server";
import { DEFAULT_LOCALE, formatDateTime, type Locale } from "~/lib/i18n";
import { useRootData } from "~/root";
import statisticsStyles from "~/styles/statistics.css";

export const handle = { titleKey: "statistics.dashboard.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: statisticsStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "statistics.view");
  const data = await loadDashboardData(await getDb(), viewer, new URL(request.url).searchParams);
  const invalid = Object.keys(data.errors).length > 0;
  return json(
    {
      figures: data.figures,
      filters: data.filters,
      errors: data.errors,
      formOptions: statisticsFilterFormOptions(data.options, viewer),
      provinces: data.provinces,
      operation: data.operation,
      scope: data.scope,
      query: statisticsFiltersToSearchParams(data.filters).toString(),
    },
    // Figures are still shown (without the filter that could not be used), beside the message.
    { status: invalid ? 400 : 200, headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function DashboardPage() {
  const { figures, filters, errors, formOptions, provinces, operation, scope, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const view = buildDashboardView(figures, { t, locale, publish: false, provinces, showAgencies: scope.kind === "all" });
  const name = (row: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? row.nameZh : row.nameEn);
  const suffix = query ? `?${query}` : "";

  return (
    <div className="page statistics-page">
      <header className="page-header statistics-header">
        <div className="statistics-heading">
          <h1>{t("statistics.dashboard.title")}</h1>
          <p className="muted">{t("statistics.dashboard.intro")}</p>
          <p className="statistics-meta">
            <span className="statistics-scope" data-testid="statistics-scope">
              {scope.kind === "all" ? t("statistics.dashboard.scopeAll") : t("statistics.dashboard.scopeAgency", { agency: name(scope) })}
            </span>
            <span className="statistics-asof" title={t("statistics.dashboard.asOfHint")}>
              <time dateTime={figures.asOf}>{t("statistics.dashboard.asOf", { time: formatDateTime(figures.asOf, locale, timeZone) })}</time>
            </span>
          </p>
        </div>
        <nav className="statistics-exports" aria-label={t("statistics.dashboard.exportsLabel")}>
          {/* Resource routes: plain links, fetched as documents. */}
          <a className="button statistics-export" href={`/dashboard.pdf${suffix}`} data-testid="export-pdf">
            {t("statistics.dashboard.exportPdf")}
          </a>
          <a className="button statistics-export statistics-export-secondary" href={`/dashboard.csv${suffix}`} data-testid="export-csv">
            {t("statistics.dashboard.exportCsv")}
          </a>
        </nav>
      </header>

      <StatisticsFilterForm action="/dashboard" filters={filters} options={formOptions} errors={errors} />

      {operation ? (
        <section className="card statistics-operation" aria-labelledby="statistics-operation-title" data-testid="statistics-operation">
          <p className="statistics-kicker">{t("statistics.dashboard.operation.label")}</p>
          <h2 id="statistics-operation-title">{t("statistics.dashboard.operation.heading", { name: name(operation), code: operation.code })}</h2>
          <dl className="facts">
            <div>
              <dt>{t("statistics.dashboard.operation.period")}</dt>
              <dd>{operationPeriod(operation, t)}</dd>
            </div>
            <div>
              <dt>{t("statistics.dashboard.operation.agencies")}</dt>
              <dd>
                {operation.agencies.length
                  ? operation.agencies.map(name).join(locale === "zh-CN" ? "、" : ", ")
                  : t("statistics.dashboard.operation.noAgencies")}
              </dd>
            </div>
          </dl>
          <p className="muted statistics-operation-note">{t("statistics.dashboard.operation.ownFigures")}</p>
        </section>
      ) : null}

      {view.empty ? (
        <section className="card statistics-empty" role="status" data-testid="statistics-empty">
          <h2>{t("statistics.dashboard.empty.title")}</h2>
          <p>{t("statistics.dashboard.empty.body")}</p>
          <Link to="/dashboard" className="button">
            {t("statistics.dashboard.empty.reset")}
          </Link>
        </section>
      ) : (
        <>
          <Headline groups={view.headline} locale={locale} />
          {view.sections.map((section) => (
            <Section key={section.id} section={section} locale={locale} />
          ))}
        </>
      )}

      <p className="statistics-export-note muted">{t("statistics.dashboard.exportNote")}</p>
    </div>
  );
}

/** A sum of a million yuan or more reads better as ¥2.27亿 / ¥226.87M, the exact sum beneath it. */
const compact = (tile: HeadlineTile) => tile.figure.unit === "yuan" && tile.figure.value !== null && tile.figure.value >= 1_000_000;

function Headline({ groups, locale }: { groups: HeadlineGroup[]; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <section className="card statistics-headline" aria-labelledby="statistics-headline-title">
      <h2 id="statistics-headline-title">{t("statistics.dashboard.headline.title")}</h2>
      {groups.map((group) => (
        <div key={group.id} className="statistics-tile-group" data-group={group.id}>
          <h3 className="statistics-tile-group-title">{group.title}</h3>
          <dl className="statistics-tiles">
            {group.tiles.map((tile) => (
              <div key={tile.measure} className="statistics-tile" data-measure={tile.measure}>
                <dt>{tile.label}</dt>
                <dd className="statistics-tile-value" data-testid={`headline-${tile.measure}`} data-value={tile.figure.value ?? ""}>
                  {compact(tile) ? formatYuanCompact(tile.figure.value!, locale) : formatFigure(tile.figure, t, locale)}
                </dd>
                {compact(tile) ? <dd className="statistics-tile-hint">{formatFigure(tile.figure, t, locale)}</dd> : null}
                {tile.hint ? <dd className="statistics-tile-hint">{tile.hint}</dd> : null}
              </div>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}

/** A chart with its table: beside it when the table is narrow, under it otherwise (the months' in a <details>). */
function Section({ section, locale }: { section: ViewSection; locale: Locale }) {
  const { t } = useTranslation();
  const titleId = `statistics-${section.id}-title`;
  const narrow = section.columns.length <= 2;
  // Long tables (months, provinces) fold away under their chart; short ones stay in view.
  const folded = section.rows.length > 12;
  const table = (
    <div className="table-wrap statistics-table">
      <table data-testid={`table-${section.id}`}>
        <caption className="visually-hidden">{t("statistics.dashboard.tableCaption", { title: section.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{section.nameLabel}</th>
            {section.columns.map((column) => (
              <th key={column.measure} scope="col" className="numeric">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{row.label}</th>
              {section.columns.map((column) => {
                const figure = row.figures[column.measure];
                return (
                  <td key={column.measure} className="numeric" data-measure={column.measure} data-value={figure?.value ?? ""}>
                    {figure ? formatFigure(figure, t, locale) : "—"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="card statistics-section" aria-labelledby={titleId} data-section={section.id} data-testid={`section-${section.id}`}>
      <h2 id={titleId}>{section.title}</h2>
      <div className={narrow ? "statistics-figure statistics-figure-beside" : "statistics-figure"}>
        <figure className="statistics-chart">
          <SectionChart section={section} t={t} locale={locale} width={narrow ? 640 : 960} />
        </figure>
        {folded ? (
          <details className="statistics-details">
            <summary>{t("statistics.dashboard.numbers")}</summary>
            {table}
          </details>
        ) : (
          table
        )}
      </div>
    </section>
  );
}
