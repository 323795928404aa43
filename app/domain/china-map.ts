/**
 * The counterfeit map (issue 5): the shapes the page draws and the colour scale of its choropleth. Pure —
 * the shapes are projected on the server (china-map.server.ts, ADR 0013) and reach the page as SVG path
 * strings; this module is shared by both.
 */
import type { MapLayer } from "./statistics";

/** One clickable place on the map: a province (country view) or a city (drill-down), in SVG units. */
export interface MapArea {
  /** GB/T 2260 code of the place (xx0000 or xxxx00); several of the package's shapes may make up one place. */
  code: string;
  /** SVG path data, coordinates rounded to 0.1 unit. */
  d: string;
  /** Where a label sits: the point of the largest part farthest from its edge, and that distance. */
  label: { x: number; y: number; room: number };
  /** The shape's own short name in the package (e.g. 广东), for the Chinese label of a province. */
  shortNameZh: string;
}

/** A framed inset (the South China Sea islands), drawn at its own scale in a corner of the map. */
export interface MapInset {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Outlines drawn in the inset that belong to no place of the map (the country view's islands and dashes). */
  decoration: string | null;
  /** The place drawn in the inset, if it is one of the map's (Sansha in Hainan's map). */
  placeCode: string | null;
}

export interface ProjectedMap {
  /** The province shown, or null for the whole country. */
  provinceCode: string | null;
  width: number;
  height: number;
  areas: MapArea[];
  inset: MapInset | null;
}

/**
 * How a place is named: a province or a city by its own name; the placeholders of GB/T 2260 by what they
 * stand for (市辖区: the districts of a municipality, i.e. the municipality itself; 县: its counties;
 * 省直辖县级行政区划: the county-level divisions directly under a province).
 */
export type PlaceKind = "province" | "city" | "municipality" | "counties" | "directlyAdministered";

export interface PlaceName {
  code: string;
  kind: PlaceKind;
  nameZh: string;
  nameEn: string;
  /** Short Chinese name for labels on the map (广东, 内蒙古); the full name for a city. */
  shortZh: string;
  /** The province's names, for the placeholders' wording. */
  provinceZh: string;
  provinceEn: string;
}

// ——— Colour scale ———

/**
 * The classes of a sequential choropleth: zero has a class of its own (no figures). When there are no more
 * distinct positive values than classes, each is a class; otherwise the positive values are split at
 * `thresholds` (each the first value of its class), found from the quantiles of the positive values
 * and rounded down to 1, 2 or 5 × 10ⁿ so the legend reads well — or, when that rounding would leave fewer
 * than three classes for three or more distinct values (a few values of one order of magnitude), to two
 * significant digits. The first
 * class starts at the smallest value so rounded; fewer classes when the values are few or alike.
 */
export interface ColourScale {
  thresholds: number[];
  max: number;
}

const NICE_STEPS = [1, 2, 5] as const;

/** The largest of 1, 2, 5, 10, 20, 50… not above `value` (value ≥ 1). */
export function niceFloor(value: number): number {
  if (value < 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  let best = magnitude;
  for (const step of NICE_STEPS) if (step * magnitude <= value) best = step * magnitude;
  return best;
}

/** A value rounded down to two significant digits (318 → 310, 7 → 7). */
export function floorTwoDigits(value: number): number {
  if (value < 100) return Math.max(1, Math.floor(value));
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.floor(value / magnitude) * magnitude;
}

export function colourScale(values: readonly number[], classes = 5): ColourScale {
  const positive = values.filter((value) => value > 0).sort((a, b) => a - b);
  if (!positive.length) return { thresholds: [], max: 0 };
  const max = positive[positive.length - 1]!;
  // As many values as classes, or fewer: each value a class of its own, as it is.
  const distinct = [...new Set(positive)];
  if (distinct.length <= classes) return { thresholds: distinct, max };
  const breaks = (round: (value: number) => number) => {
    const thresholds = [round(positive[0]!)];
    for (let i = 1; i < classes; i++) {
      const quantile = positive[Math.min(positive.length - 1, Math.floor((i / classes) * positive.length))]!;
      const rounded = round(quantile);
      if (rounded > thresholds[thresholds.length - 1]!) thresholds.push(rounded);
    }
    return thresholds;
  };
  const nice = breaks(niceFloor);
  if (nice.length >= Math.min(3, new Set(positive).size)) return { thresholds: nice, max };
  const precise = breaks(floorTwoDigits);
  return { thresholds: precise.length > nice.length ? precise : nice, max };
}

/** The class of a value: 0 for zero (no figures), then 1…thresholds.length. */
export function colourClass(scale: ColourScale, value: number): number {
  if (value <= 0) return 0;
  let index = 0;
  scale.thresholds.forEach((threshold, i) => {
    if (value >= threshold) index = i + 1;
  });
  return index;
}

/** The legend's ranges, one per positive class: [from, to] (to = from for a class of one value). */
export function colourClassRanges(scale: ColourScale): Array<{ from: number; to: number }> {
  return scale.thresholds.map((from, i) => ({ from, to: i + 1 < scale.thresholds.length ? scale.thresholds[i + 1]! - 1 : scale.max }));
}

/**
 * Sequential palettes (ColorBrewer OrRd and PuBu, 5 classes), one per layer so that the two layers are told
 * apart at a glance; the colour for zero is a neutral grey.
 */
export const LAYER_PALETTES: Readonly<Record<MapLayer, readonly string[]>> = {
  gang: ["#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
  factory: ["#d0d1e6", "#a6bddb", "#74a9cf", "#2b8cbe", "#045a8d"],
};
export const NO_FIGURES_COLOUR = "#eeeeec";

/** The fill of a class: spread over the palette so that two classes use its ends, not its two lightest. */
export function classColour(layer: MapLayer, scale: ColourScale, classIndex: number): string {
  if (classIndex <= 0) return NO_FIGURES_COLOUR;
  const palette = LAYER_PALETTES[layer];
  const count = scale.thresholds.length;
  if (count <= 1) return palette[palette.length - 1]!;
  const position = Math.round(((classIndex - 1) / (count - 1)) * (palette.length - 1));
  return palette[position]!;
}

/** Whether text on a class's fill should be light (the two darkest steps). */
export function classIsDark(scale: ColourScale, classIndex: number): boolean {
  const count = scale.thresholds.length;
  if (classIndex <= 0 || count === 0) return false;
  return count === 1 || (classIndex - 1) / Math.max(1, count - 1) >= 0.7;
}

// ——— Query string ———

export const MAP_LAYERS = ["gang", "factory"] as const satisfies readonly MapLayer[];

export function isMapLayer(value: string): value is MapLayer {
  return (MAP_LAYERS as readonly string[]).includes(value);
}
