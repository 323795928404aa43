/**
 * What /map shows: the query string read (the dashboard's filters, the layer, the province drilled into —
 * on the map the province parameter is the drill-down, the province where the gangs and factories are), the
 * figures in the viewer's scope (statistics.server.ts), the projected shapes (china-map.server.ts) and the
 * names of every place in both languages.
 */
import { provinceName } from "~/components/statistics/provinces.server";
import type { Database } from "~/lib/db.server";
import { divisionName } from "./divisions.server";
import { prefectureNameEn } from "./place-names-en.server";
import { isDivisionCode, provinceOf } from "./divisions";
import type { Viewer } from "./policy";
import { assertCan } from "./policy.server";
import { isMapLayer, type PlaceKind, type PlaceName, type ProjectedMap } from "./china-map";
import { countryMap, provinceMap } from "./china-map.server";
import { parseStatisticsFilters, type MapFigures, type MapLayer, type StatisticsFilterErrors, type StatisticsFilters } from "./statistics";
import { loadMapFigures, loadStatisticsFilterOptions, type StatisticsFilterOptions } from "./statistics.server";

export interface MapPageData {
  filters: StatisticsFilters;
  errors: StatisticsFilterErrors;
  /** A layer in the query that the map does not have (the page says so, and shows gangs). */
  queryErrors: { layer?: string };
  layer: MapLayer;
  options: StatisticsFilterOptions;
  figures: MapFigures;
  shapes: ProjectedMap;
  places: Record<string, PlaceName>;
  scope: { kind: "all" } | { kind: "agency"; nameZh: string; nameEn: string };
}

const PLACEHOLDER_KIND: Readonly<Record<string, PlaceKind>> = {
  市辖区: "municipality",
  县: "counties",
  省直辖县级行政区划: "directlyAdministered",
  自治区直辖县级行政区划: "directlyAdministered",
};

/** The names of a province (xx0000) or city (xxxx00) code. */
export function placeName(code: string, shortZh?: string): PlaceName {
  const province = provinceName(provinceOf(code));
  if (code.endsWith("0000")) {
    return { code, kind: "province", nameZh: province.nameZh, nameEn: province.nameEn, shortZh: shortZh ?? province.nameZh, provinceZh: province.nameZh, provinceEn: province.nameEn };
  }
  const name = divisionName(code) ?? code;
  const kind = PLACEHOLDER_KIND[name] ?? "city";
  if (kind === "municipality") {
    return { code, kind, nameZh: province.nameZh, nameEn: province.nameEn, shortZh: province.nameZh, provinceZh: province.nameZh, provinceEn: province.nameEn };
  }
  // English readers get the pinyin (or the official exonym) of a city; the placeholders keep their wording.
  const nameEn = kind === "city" ? prefectureNameEn(name) : name;
  return { code, kind, nameZh: name, nameEn, shortZh: name, provinceZh: province.nameZh, provinceEn: province.nameEn };
}

export async function loadMapData(db: Database, viewer: Viewer, params: URLSearchParams): Promise<MapPageData> {
  assertCan(viewer, "statistics.view");
  const { filters, errors } = parseStatisticsFilters(params);
  const queryErrors: MapPageData["queryErrors"] = {};

  const layerParam = (params.get("layer") ?? "").trim();
  let layer: MapLayer = "gang";
  if (layerParam) {
    if (isMapLayer(layerParam)) layer = layerParam;
    else queryErrors.layer = layerParam;
  }

  const options = await loadStatisticsFilterOptions(db, viewer);
  if (filters.agencyId && !options.agencies.some((agency) => agency.id === filters.agencyId)) {
    errors.agencyId = "statistics.filters.errors.unknownAgency";
    filters.agencyId = null;
  }
  if (filters.jointOperationId && !options.jointOperations.some((operation) => operation.id === filters.jointOperationId)) {
    errors.jointOperationId = "statistics.filters.errors.unknownOperation";
    filters.jointOperationId = null;
  }

  // The province filter is the drill-down: a code the map has no shapes for shows the country, with the
  // filter form's message beside the field.
  let shapes = filters.provinceCode ? provinceMap(filters.provinceCode) : countryMap();
  if (!shapes) {
    errors.provinceCode = "statistics.filters.errors.unknownProvince";
    filters.provinceCode = null;
    shapes = countryMap();
  }
  // Any province can be drilled into from the map, with figures or not: the form then offers it too.
  if (filters.provinceCode && !options.provinceCodes.includes(filters.provinceCode)) {
    options.provinceCodes = [...options.provinceCodes, filters.provinceCode].sort();
  }

  // On the map the province is where the places are (the drill-down), not the cases' own province that the
  // dashboard filters by: Fujian's cities hold every factory in Fujian, whichever province its case is filed
  // under, so that they add up to Fujian's figure in the country view.
  const figures = await loadMapFigures(db, viewer, { ...filters, provinceCode: null }, { provinceCode: filters.provinceCode, layer });

  const places: Record<string, PlaceName> = {};
  for (const area of shapes.areas) places[area.code] = placeName(area.code, shapes.provinceCode ? undefined : area.shortNameZh);
  for (const place of figures.places) if (isDivisionCode(place.code ?? "")) places[place.code] ??= placeName(place.code);
  if (filters.provinceCode) places[filters.provinceCode] ??= placeName(filters.provinceCode, countryMap().areas.find((area) => area.code === filters.provinceCode)?.shortNameZh);

  const scope: MapPageData["scope"] =
    viewer.organisationKind === "platform" ? { kind: "all" } : { kind: "agency", nameZh: viewer.organisationNameZh, nameEn: viewer.organisationNameEn };
  return { filters, errors, queryErrors, layer, options, figures, shapes, places, scope };
}
