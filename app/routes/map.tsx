/**
 * /map: the counterfeit map of China for management (both sides) and the platform lead. Two layers, like the
 * published maps: where the gang operators are and where the factories are; each province a link to its
 * cities (?province=350000: on the map, the province where the places are), the share of the five largest
 * provinces, and each place's main categories.
 * The shapes are drawn on the server (ADR 0013); filters, layer and drill-down are links and a GET form, so
 * the page works without JavaScript. Figures are in the viewer's scope (an agency's management: its own).
 */
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoroplethMap } from "~/components/map/choropleth-map";
import { MapTable } from "~/components/map/map-table";
import { buildMapView } from "~/components/map/map-view";
import { StatisticsFilterForm } from "~/components/statistics/filter-form";
import { statisticsFilterFormOptions } from "~/components/statistics/filter-options.server";
import { loadMapData } from "~/domain/china-map-data.server";
import { MAP_LAYERS } from "~/domain/china-map";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import mapStyles from "~/styles/map.css";
import statisticsStyles from "~/styles/statistics.css";

export const handle = { titleKey: "map.title" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: statisticsStyles },
  { rel: "stylesheet", href: mapStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "statistics.view");
  const data = await loadMapData(await getDb(), viewer, new URL(request.url).searchParams);
  const invalid = Object.keys(data.errors).length > 0 || Object.keys(data.queryErrors).length > 0;
  return json(
    {
      filters: data.filters,
      errors: data.errors,
      queryErrors: data.queryErrors,
      layer: data.layer,
      figures: data.figures,
      shapes: data.shapes,
      places: data.places,
      scope: data.scope,
      formOptions: statisticsFilterFormOptions(data.options, viewer),
    },
    // The map is still shown (without what could not be used), beside the message.
    { status: invalid ? 400 : 200, headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function MapPage() {
  const data = useLoaderData<typeof loader>();
  const { filters, errors, queryErrors, layer, figures, shapes, scope, formOptions } = data;
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const view = buildMapView(data, { t, locale });
  const name = (row: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? row.nameZh : row.nameEn);
  const layerName = t(`map.layers.${layer}`);
  const mapTitle = view.drilled ? t("map.map.provinceLabel", { province: view.provinceName, layer: layerName }) : t("map.map.countryLabel", { layer: layerName });

  return (
    <div className="page statistics-page map-page">
      <header className="page-header statistics-header">
        <div className="statistics-heading">
          <h1>{t("map.title")}</h1>
          <p className="muted">{t("map.intro")}</p>
          <p className="statistics-meta">
            <span className="statistics-scope" data-testid="map-scope">
              {scope.kind === "all" ? t("map.scopeAll") : t("map.scopeAgency", { agency: name(scope) })}
            </span>
            <span className="statistics-asof" title={t("map.asOfHint")}>
              <time dateTime={figures.asOf}>{t("map.asOf", { time: formatDateTime(figures.asOf, locale, timeZone) })}</time>
            </span>
          </p>
        </div>
      </header>

      <StatisticsFilterForm action="/map" filters={filters} options={formOptions} errors={errors} hidden={{ layer }} />

      {queryErrors.layer !== undefined ? (
        <p className="map-query-errors" role="alert">
          {t("map.errors.layer", { value: queryErrors.layer })}
        </p>
      ) : null}

      <section className="card map-card" aria-labelledby="map-heading">
        <div className="map-toolbar">
          <nav aria-label={t("map.breadcrumb.label")} className="map-breadcrumb">
            <ol>
              <li>
                {view.drilled ? (
                  <Link to={view.countryHref} data-testid="map-back">
                    <span aria-hidden="true">← </span>
                    {t("map.backToCountry")}
                  </Link>
                ) : (
                  <span aria-current="page">{t("map.breadcrumb.country")}</span>
                )}
              </li>
              {view.drilled ? (
                <li>
                  <span aria-current="page">{view.provinceName}</span>
                </li>
              ) : null}
            </ol>
          </nav>
          <nav className="map-layers" aria-label={t("map.layers.label")}>
            <ul>
              {MAP_LAYERS.map((each) => (
                <li key={each}>
                  <Link
                    to={view.layerHrefs[each]}
                    className="map-layer"
                    data-layer={each}
                    aria-current={each === layer ? "page" : undefined}
                    data-testid={`map-layer-${each}`}
                  >
                    {t(`map.layers.${each}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>

        <h2 id="map-heading" className="map-headline" data-testid="map-headline">
          {view.headline ?? (view.drilled ? t("map.table.emptyProvince", { province: view.provinceName }) : t("map.table.empty"))}
        </h2>
        <p className="map-totals muted" data-testid="map-totals">
          {view.totals}
          {view.drilled ? null : ` ${t("map.drillHint")}`}
        </p>

        <div className="map-layout">
          <ChoroplethMap view={view} layer={layer} width={shapes.width} height={shapes.height} inset={shapes.inset} title={mapTitle} />
          <MapTable view={view} layer={layer} locale={locale} totals={figures.totals} />
        </div>
      </section>
    </div>
  );
}
