/**
 * The counterfeit map page as the reader sees it, worked out from the loader's data: each place's colour
 * class, accessible name, label and link; the table's rows; the legend; the headline. Pure, so server and
 * browser render the same thing and a test can check it.
 */
import type { TFunction } from "i18next";
import {
  classColour,
  classIsDark,
  colourClass,
  colourClassRanges,
  colourScale,
  NO_FIGURES_COLOUR,
  type ColourScale,
  type PlaceName,
  type ProjectedMap,
} from "~/domain/china-map";
import { statisticsFiltersToSearchParams, type MapFigures, type MapLayer, type MapPlaceFigures, type StatisticsFilters } from "~/domain/statistics";
import { numberFormat, type Locale } from "~/lib/i18n";

/** The loader's data as the page receives it (JSON). */
export interface MapViewData {
  filters: StatisticsFilters;
  layer: MapLayer;
  figures: MapFigures;
  shapes: ProjectedMap;
  places: Record<string, PlaceName>;
}

export interface MapViewArea {
  code: string;
  d: string;
  fill: string;
  classIndex: number;
  /** The place's name in the reader's language. */
  title: string;
  /** The accessible name: "Fujian: 1,234 gangs, 56 factories". */
  name: string;
  /** The drill-down (country view only). */
  href: string | null;
  label: { x: number; y: number; text: string; fontSize: number; light: boolean } | null;
}

export interface MapViewRow {
  code: string;
  rank: number;
  name: string;
  gangs: number;
  factories: number;
  /** Of the chosen layer's total, 0–1; null when the total is zero. */
  share: number | null;
  categories: string[];
  href: string | null;
}

export interface MapView {
  drilled: boolean;
  provinceName: string | null;
  areas: MapViewArea[];
  rows: MapViewRow[];
  legend: Array<{ colour: string; text: string }>;
  headline: string | null;
  totals: string;
  countryHref: string;
  layerHrefs: Record<MapLayer, string>;
  scale: ColourScale;
}

/** Label size in map units (the map is 1000 units wide). */
const LABEL_SIZE = 17;

/** The place's name in the reader's language, the placeholders of GB/T 2260 spelled out. */
export function placeLabel(place: PlaceName, locale: Locale, t: TFunction): string {
  const province = locale === "zh-CN" ? place.provinceZh : place.provinceEn;
  switch (place.kind) {
    case "counties":
      return t("map.places.counties", { province });
    case "directlyAdministered":
      return t("map.places.directlyAdministered", { province });
    default:
      return locale === "zh-CN" ? place.nameZh : place.nameEn;
  }
}

/** The short label drawn on the map (广东 rather than 广东省 in Chinese). */
function mapLabelText(place: PlaceName, locale: Locale, t: TFunction): string {
  if (locale === "zh-CN" && place.kind === "province") return place.shortZh;
  return placeLabel(place, locale, t);
}

/** Whether a label of this text fits around a point with `room` units to the nearest edge. */
export function labelFits(text: string, room: number, fontSize = LABEL_SIZE): boolean {
  let width = 0;
  for (const character of text) width += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(character) ? fontSize : fontSize * 0.56;
  return room >= fontSize * 0.6 && width / 2 <= room * 1.6;
}

export function mapHref(filters: StatisticsFilters, layer: MapLayer, provinceCode: string | null): string {
  const params = statisticsFiltersToSearchParams({ ...filters, provinceCode });
  params.set("layer", layer);
  return `/map?${params}`;
}

function counts(t: TFunction, locale: Locale, gangs: number, factories: number) {
  return {
    gangs: t("map.count.gang", { count: gangs, formatted: formatCount(gangs, locale) }),
    factories: t("map.count.factory", { count: factories, formatted: formatCount(factories, locale) }),
  };
}

// Intl formatters are costly to create (a page names every province several times): one list format per locale
// (numbers: numberFormat, which caches the same way).
const listFormats = new Map<string, Intl.ListFormat>();

/** A count in the reader's locale (1,234). */
export function formatCount(value: number, locale: Locale): string {
  return numberFormat(locale).format(value);
}

function listFormat(locale: Locale, items: string[]): string {
  let found = listFormats.get(locale);
  if (!found) {
    found = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
    listFormats.set(locale, found);
  }
  return found.format(items);
}

export function formatShare(share: number, locale: Locale, digits = 0): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: digits, minimumFractionDigits: digits }).format(share);
}

export function buildMapView(data: MapViewData, { t, locale }: { t: TFunction; locale: Locale }): MapView {
  const { filters, layer, figures, shapes, places } = data;
  const drilled = shapes.provinceCode !== null;
  const byCode = new Map<string, MapPlaceFigures>(figures.places.map((place) => [place.code, place]));
  const valueOf = (place: Pick<MapPlaceFigures, "gangs" | "factories"> | undefined) => (place ? (layer === "gang" ? place.gangs : place.factories) : 0);
  const scale = colourScale(shapes.areas.map((area) => valueOf(byCode.get(area.code))));
  const nameOf = (code: string) => (places[code] ? placeLabel(places[code]!, locale, t) : code);
  const categoryList = (place: MapPlaceFigures | undefined) => (place?.topCategories ?? []).map((entry) => t(`caseVocabulary.category.${entry.category}`));

  const areas: MapViewArea[] = shapes.areas.map((area) => {
    const place = byCode.get(area.code);
    const classIndex = colourClass(scale, valueOf(place));
    const placeName = places[area.code];
    const categories = categoryList(place);
    const name = t(categories.length ? "map.placeLabelWithCategories" : "map.placeLabel", {
      name: nameOf(area.code),
      ...counts(t, locale, place?.gangs ?? 0, place?.factories ?? 0),
      categories: listFormat(locale, categories),
    });
    const text = placeName ? mapLabelText(placeName, locale, t) : "";
    return {
      code: area.code,
      d: area.d,
      fill: classColour(layer, scale, classIndex),
      classIndex,
      title: nameOf(area.code),
      name,
      href: drilled ? null : mapHref(filters, layer, area.code),
      label: text && labelFits(text, area.label.room) ? { x: area.label.x, y: area.label.y, text, fontSize: LABEL_SIZE, light: classIsDark(scale, classIndex) } : null,
    };
  });

  const total = layer === "gang" ? figures.totals.gangs : figures.totals.factories;
  const ranked = figures.places
    .filter((place) => place.gangs + place.factories > 0)
    .sort((a, b) => valueOf(b) - valueOf(a) || b.gangs + b.factories - (a.gangs + a.factories) || a.code.localeCompare(b.code));
  const rows: MapViewRow[] = ranked.map((place, index) => ({
    code: place.code,
    rank: index + 1,
    name: nameOf(place.code),
    gangs: place.gangs,
    factories: place.factories,
    share: total > 0 ? valueOf(place) / total : null,
    categories: categoryList(place),
    href: drilled ? null : mapHref(filters, layer, place.code),
  }));

  const legend = colourClassRanges(scale).map((range, index) => ({
    colour: classColour(layer, scale, index + 1),
    text: range.from === range.to ? t("map.legend.single", { from: formatCount(range.from, locale) }) : t("map.legend.range", { from: formatCount(range.from, locale), to: formatCount(range.to, locale) }),
  }));
  legend.push({ colour: NO_FIGURES_COLOUR, text: t("map.legend.none") });

  let headline: string | null = null;
  const leaders = ranked.filter((place) => valueOf(place) > 0);
  if (total > 0 && leaders.length) {
    if (!drilled) {
      const top = leaders.slice(0, 5);
      const share = layer === "gang" ? figures.topFiveShare.gangs : figures.topFiveShare.factories;
      const shortName = (code: string) => (locale === "zh-CN" && places[code] ? places[code]!.shortZh : nameOf(code));
      headline = t(`map.headline.${layer}`, {
        count: top.length,
        countWord: t(`map.numberWords.${top.length}`),
        share: formatShare(share, locale),
        names: listFormat(locale, top.map((place) => shortName(place.code))),
      });
    } else {
      const first = leaders[0]!;
      headline = t(layer === "gang" ? "map.headline.cityGang" : "map.headline.cityFactory", {
        share: formatShare(valueOf(first) / total, locale),
        province: nameOf(shapes.provinceCode!),
        city: nameOf(first.code),
      });
    }
  }

  return {
    drilled,
    provinceName: drilled ? nameOf(shapes.provinceCode!) : null,
    areas,
    rows,
    legend,
    headline,
    totals: t("map.headline.totals", counts(t, locale, figures.totals.gangs, figures.totals.factories)),
    countryHref: mapHref(filters, layer, null),
    layerHrefs: { gang: mapHref(filters, "gang", shapes.provinceCode), factory: mapHref(filters, "factory", shapes.provinceCode) },
    scale,
  };
}
