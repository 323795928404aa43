/**
 * The map's numbers as a table beside it: rank, place (a link to its cities in the country view) with its
 * main categories beneath, gangs, factories, and the share of the chosen layer, whose column is marked.
 */
import { useTranslation } from "react-i18next";
import type { MapLayer } from "~/domain/statistics";
import type { Locale } from "~/lib/i18n";
import { formatCount, formatShare, type MapView } from "./map-view";

export function MapTable({ view, layer, locale, totals }: { view: MapView; layer: MapLayer; locale: Locale; totals: { gangs: number; factories: number } }) {
  const { t } = useTranslation();
  const caption = view.drilled ? t(`map.table.captionProvince.${layer}`, { province: view.provinceName }) : t(`map.table.captionCountry.${layer}`);
  if (!view.rows.length) {
    return (
      <div className="map-table-empty" role="status" data-testid="map-table-empty">
        <h2 className="map-table-caption">{caption}</h2>
        <p className="muted">{view.drilled ? t("map.table.emptyProvince", { province: view.provinceName }) : t("map.table.empty")}</p>
      </div>
    );
  }
  const chosen = (column: MapLayer) => (column === layer ? "numeric map-column-chosen" : "numeric");
  return (
    <div className="table-wrap map-table-wrap">
      <table className="map-table" data-testid="map-table" data-layer={layer}>
        <caption className="map-table-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t("map.table.rank")}
            </th>
            <th scope="col">{view.drilled ? t("map.table.cityAndCategories") : t("map.table.provinceAndCategories")}</th>
            <th scope="col" className={chosen("gang")}>
              {t("map.table.gangs")}
            </th>
            <th scope="col" className={chosen("factory")}>
              {t("map.table.factories")}
            </th>
            <th scope="col" className="numeric">
              {t(`map.table.share.${layer}`)}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.code} data-code={row.code}>
              <td className="numeric">{formatCount(row.rank, locale)}</td>
              <th scope="row" className="map-place">
                {row.href ? (
                  <a href={row.href} title={t("map.table.showCities", { province: row.name })}>
                    {row.name}
                  </a>
                ) : (
                  row.name
                )}
                {row.categories.length ? (
                  <span className="map-categories" data-testid="map-categories">
                    <span className="visually-hidden">{t("map.table.categoriesLead")}</span>
                    {row.categories.join(locale === "zh-CN" ? "、" : ", ")}
                  </span>
                ) : null}
              </th>
              <td className={chosen("gang")} data-column="gangs">
                {formatCount(row.gangs, locale)}
              </td>
              <td className={chosen("factory")} data-column="factories">
                {formatCount(row.factories, locale)}
              </td>
              <td className="numeric" data-column="share">
                {row.share === null ? "–" : formatShare(row.share, locale, 1)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row">{t("map.table.total")}</th>
            <td className={chosen("gang")} data-column="gangs">
              {formatCount(totals.gangs, locale)}
            </td>
            <td className={chosen("factory")} data-column="factories">
              {formatCount(totals.factories, locale)}
            </td>
            <td className="numeric">{formatShare(1, locale, 0)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
