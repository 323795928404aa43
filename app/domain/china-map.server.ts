/**
 * The shapes of the counterfeit map (ADR 0013): provinces and cities from the map data that Apache ECharts
 * 4.9 ships (`echarts/map/json`, Apache-2.0), projected once per process with d3-geo into SVG path strings.
 *
 * - Country: the 34 provincial-level divisions of `china.json` (GB/T 2260 codes, Taiwan, Hong Kong and Macao
 *   included), in an Albers equal-area conic projection (central meridian 105°E, standard parallels 25°N and
 *   47°N, the usual one for maps of China), with the South China Sea islands (南海诸岛) in a framed inset at the
 *   lower right, as the package draws them (`lib/coord/geo/fix/nanhai.js`).
 * - Province: the cities of `province/<name>.json`, in the same projection centred on the province. Shapes
 *   of the districts of a municipality (Beijing, Tianjin, Shanghai, Chongqing) and of the county-level cities
 *   directly under a province make up the place their GB/T 2260 code belongs to (110101 → 110100, 469001 →
 *   469000), as the statistics count them. Hainan's Sansha (the South China Sea islands) is drawn in an inset.
 * - The package's data is of 2018: three cities renamed since are mapped to their present codes (RENAMED).
 *
 * Geometry is snapped to a 0.5-unit grid of a 1000-unit-wide map (neighbouring shapes snap alike, so shared
 * borders stay shared), repeated and collinear points dropped, and written with one decimal.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { geoArea, geoConicEqualArea, geoPath, type GeoPermissibleObjects, type GeoProjection } from "d3-geo";
import type { MapArea, MapInset, ProjectedMap } from "./china-map";
import { childDivisions, divisionName } from "./divisions.server";
import { cityOf, provinceOf } from "./divisions";

type Position = [number, number];
type Ring = Position[];
type Polygon = Ring[];

interface PackageFeature {
  type: "Feature";
  id?: string;
  properties: { id?: string; name: string };
  geometry: { type: "Polygon"; coordinates: Polygon } | { type: "MultiPolygon"; coordinates: Polygon[] };
}

interface PackageCollection {
  features: PackageFeature[];
}

/** The box the shapes are fitted into (SVG units) before the map is cropped to them. */
export const MAP_WIDTH = 1000;
const MAP_MAX_HEIGHT = 760;
const PADDING = 12;
/** The least space between an inset and the shapes of the main map. */
const INSET_GAP = 16;
/** How far (in SVG units) a simplified border may stray from the package's. */
const TOLERANCE = 0.6;

/** Cities of the package's 2018 data that have new codes since: Laiwu merged into Jinan (2019); Hami and Nagqu became cities (2016, 2017). */
export const RENAMED: Readonly<Record<string, string>> = { "371200": "370100", "652200": "650500", "542400": "540600" };

/** Provincial-level divisions without cities in GB/T 2260 (the statistics place their sites at the province). */
const WITHOUT_CITIES = new Set(["710000", "810000", "820000"]);

/** The package's one file whose shapes carry no codes at all: Taiwan's counties. */
const FILE_WITHOUT_CODES: Readonly<Record<string, string>> = { "taiwan.json": "710000" };

/** Places drawn in an inset of their province's map: Sansha, the islands of the South China Sea. */
const INSET_PLACES: Readonly<Record<string, string>> = { "460000": "460300" };

const require = createRequire(import.meta.url);

function readPackageJson(relative: string): PackageCollection {
  const file = require.resolve(`echarts/map/json/${relative}`);
  return decode(JSON.parse(fs.readFileSync(file, "utf8")));
}

/**
 * The package stores coordinates compactly ("UTF8Encoding"): each ring a string of zigzag-encoded deltas,
 * two characters per point, scaled by 1024, from the ring's offset. Decoded here as the package's own
 * parser does (lib/coord/geo/parseGeoJson.js).
 */
function decode(json: PackageCollection & { UTF8Encoding?: boolean; UTF8Scale?: number }): PackageCollection {
  if (!json.UTF8Encoding) return json;
  const scale = json.UTF8Scale ?? 1024;
  const decodeRing = (encoded: unknown, offsets: [number, number]): Ring => {
    const text = encoded as string;
    const ring: Ring = [];
    let [x, y] = offsets;
    for (let i = 0; i < text.length; i += 2) {
      let dx = text.charCodeAt(i) - 64;
      let dy = text.charCodeAt(i + 1) - 64;
      dx = (dx >> 1) ^ -(dx & 1);
      dy = (dy >> 1) ^ -(dy & 1);
      x += dx;
      y += dy;
      ring.push([x / scale, y / scale]);
    }
    return ring;
  };
  for (const feature of json.features) {
    const geometry = feature.geometry as PackageFeature["geometry"] & { encodeOffsets: unknown };
    if (geometry.type === "Polygon") {
      const offsets = geometry.encodeOffsets as Array<[number, number]>;
      geometry.coordinates = geometry.coordinates.map((ring, r) => decodeRing(ring, offsets[r]!));
    } else {
      const offsets = geometry.encodeOffsets as Array<Array<[number, number]>>;
      geometry.coordinates = geometry.coordinates.map((polygon, p) => polygon.map((ring, r) => decodeRing(ring, offsets[p]![r]!)));
    }
  }
  json.UTF8Encoding = false;
  return json;
}

function polygonsOf(feature: PackageFeature): Polygon[] {
  return feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

/**
 * d3-geo takes a polygon's outer ring clockwise and its holes anticlockwise (on the sphere: the ring encloses
 * the smaller area); the package winds some either way. A ring the wrong way round would cover the rest of
 * the globe.
 */
function rewind(polygons: Polygon[]): Polygon[] {
  return polygons.map((polygon) =>
    polygon.map((ring, index) => {
      const enclosesLess = geoArea({ type: "Polygon", coordinates: [ring] }) <= 2 * Math.PI;
      const wantsLess = index === 0;
      return enclosesLess === wantsLess ? ring : [...ring].reverse();
    }),
  );
}

interface Shape {
  code: string;
  shortNameZh: string;
  polygons: Polygon[];
}

/** Projected rings of a shape: d3-geo writes the path to this recorder instead of a string. */
function projectRings(projection: GeoProjection, polygons: Polygon[]): Ring[] {
  const rings: Ring[] = [];
  let current: Ring | null = null;
  const context = {
    moveTo(x: number, y: number) {
      current = [[x, y]];
      rings.push(current);
    },
    lineTo(x: number, y: number) {
      current?.push([x, y]);
    },
    closePath() {
      current = null;
    },
    arc() {},
    beginPath() {},
  };
  geoPath(projection, context as unknown as CanvasRenderingContext2D)({ type: "MultiPolygon", coordinates: polygons });
  return rings;
}

/** A ring on the 0.1 grid (in tenths of a unit, as integers), without repeated points or a closing repeat. */
function toTenths(ring: Ring): Ring {
  const snapped: Ring = [];
  for (const [x, y] of ring) {
    const point: Position = [Math.round(x * 10), Math.round(y * 10)];
    const last = snapped[snapped.length - 1];
    if (last && samePoint(last, point)) continue;
    snapped.push(point);
  }
  while (snapped.length > 1 && samePoint(snapped[0]!, snapped[snapped.length - 1]!)) snapped.pop();
  return snapped;
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Douglas–Peucker on an open line: keeps both ends and every point farther than `tolerance` from the simplified line. */
function simplifyLine(points: Ring, tolerance: number): Ring {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    const [ax, ay] = points[first]!;
    const [bx, by] = points[last]!;
    const length = Math.sqrt((bx - ax) ** 2 + (by - ay) ** 2);
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i]!;
      const d = length === 0 ? Math.sqrt((px - ax) ** 2 + (py - ay) ** 2) : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const keyOf = ([x, y]: Position) => `${x},${y}`;

/**
 * Simplifies the rings of a whole map without opening gaps between neighbours: a border shared by two
 * shapes is cut at the points where the shapes sharing it change (junctions), and each stretch is simplified
 * once, in one direction, whichever shape it belongs to. A ring that shares no junction (an island, an
 * enclave) is simplified from its lowest point. A ring that would shrink below a triangle keeps its shape
 * at a finer tolerance, so no island disappears. Coordinates in tenths of a unit.
 */
export function simplifyMap(rings: Ring[], tolerance: number): Ring[] {
  const owners = new Map<string, Set<number>>();
  rings.forEach((ring, r) => {
    for (const point of ring) {
      const key = keyOf(point);
      const set = owners.get(key) ?? new Set<number>();
      set.add(r);
      owners.set(key, set);
    }
  });
  const signatures = new Map<string, string>();
  for (const [key, set] of owners) signatures.set(key, [...set].sort((a, b) => a - b).join(" "));
  const signature = (point: Position) => signatures.get(keyOf(point))!;
  const cache = new Map<string, Ring>();
  const simplifyStretch = (stretch: Ring): Ring => {
    const forward = keyOf(stretch[0]!) <= keyOf(stretch[stretch.length - 1]!);
    const canonical = forward ? stretch : [...stretch].reverse();
    const cacheKey = canonical.map(keyOf).join(";");
    let simplified = cache.get(cacheKey);
    if (!simplified) {
      simplified = simplifyLine(canonical, tolerance);
      cache.set(cacheKey, simplified);
    }
    return forward ? simplified : [...simplified].reverse();
  };

  return rings.map((ring) => {
    if (ring.length < 4) return ring;
    const n = ring.length;
    const junctions: number[] = [];
    for (let i = 0; i < n; i++) {
      const here = signature(ring[i]!);
      if (here !== signature(ring[(i + n - 1) % n]!) || here !== signature(ring[(i + 1) % n]!)) junctions.push(i);
    }
    let starts = junctions;
    if (!starts.length) {
      let lowest = 0;
      for (let i = 1; i < n; i++) if (keyOf(ring[i]!) < keyOf(ring[lowest]!)) lowest = i;
      starts = [lowest];
    }
    const result: Ring = [];
    starts.forEach((start, k) => {
      const end = starts[(k + 1) % starts.length]!;
      const stretch: Ring = [];
      for (let i = start; ; i = (i + 1) % n) {
        stretch.push(ring[i]!);
        if (stretch.length > 1 && i === end) break;
      }
      result.push(...simplifyStretch(stretch).slice(0, -1));
    });
    return result.length >= 3 ? result : simplifyLine([...ring, ring[0]!], tolerance / 4).slice(0, -1);
  });
}

const write = (tenths: number) => {
  const text = (tenths / 10).toString();
  return text.startsWith("0.") ? text.slice(1) : text.startsWith("-0.") ? `-${text.slice(2)}` : text;
};

/** Path data from rings in tenths: an absolute first point, then relative steps (exact, every point being on the 0.1 grid). */
export function ringsToPath(rings: Ring[]): string {
  let d = "";
  for (const ring of rings) {
    if (ring.length < 2) continue;
    let [px, py] = ring[0]!;
    d += `M${write(px)}${separated(write(py))}l`;
    let first = true;
    for (const [x, y] of ring.slice(1)) {
      const [tx, ty] = [x, y];
      const dx = write(tx - px);
      d += (first ? dx : separated(dx)) + separated(write(ty - py));
      [px, py] = [tx, ty];
      first = false;
    }
    d += "z";
  }
  return d;
}

/** A number after another one: a minus sign separates it already, otherwise a space. */
function separated(number: string): string {
  return number.startsWith("-") ? number : ` ${number}`;
}

function ringArea(ring: Ring): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return Math.abs(area / 2);
}

function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The distance from a point to a ring's edge, or something at most `floor` once it is known to be no more. */
function distanceToRing(x: number, y: number, ring: Ring, floor: number): number {
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j]!;
    const [bx, by] = ring[i]!;
    const length = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = length ? Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length)) : 0;
    const [ex, ey] = [x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))];
    best = Math.min(best, ex * ex + ey * ey);
    if (best <= floor * floor) return Math.sqrt(best);
  }
  return Math.sqrt(best);
}

/** Where a label fits best: the point of the largest ring farthest from its edge (a grid search, refined twice). */
export function labelPoint(rings: Ring[]): { x: number; y: number; room: number } {
  let ring: Ring = rings[0] ?? [[0, 0]];
  let largest = -1;
  for (const each of rings) {
    const area = ringArea(each);
    if (area > largest) [ring, largest] = [each, area];
  }
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  let best = { x: (minX + maxX) / 2, y: (minY + maxY) / 2, room: 0 };
  let [x0, y0, x1, y1] = [minX, minY, maxX, maxY];
  for (let round = 0; round < 3; round++) {
    const steps = 12;
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const x = x0 + ((x1 - x0) * i) / steps;
        const y = y0 + ((y1 - y0) * j) / steps;
        if (!pointInRing(x, y, ring)) continue;
        const room = distanceToRing(x, y, ring, best.room);
        if (room > best.room) best = { x, y, room };
      }
    }
    const [w, h] = [(x1 - x0) / 4, (y1 - y0) / 4];
    [x0, y0, x1, y1] = [best.x - w, best.y - h, best.x + w, best.y + h];
  }
  return { x: Math.round(best.x * 10) / 10, y: Math.round(best.y * 10) / 10, room: Math.round(best.room * 10) / 10 };
}

function bounds(ringsList: Ring[][]): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of ringsList) for (const ring of rings) for (const [x, y] of ring) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  return [minX, minY, maxX, maxY];
}

function shift(rings: Ring[], dx: number, dy: number): Ring[] {
  return rings.map((ring) => ring.map(([x, y]) => [x + dx, y + dy] as Position));
}

/** An Albers equal-area conic for a set of shapes: centred on their longitude, parallels at ⅙ and ⅚ of their latitudes. */
function conicFor(collection: GeoPermissibleObjects, extent: [[number, number], [number, number]], country: boolean): GeoProjection {
  const probe = geoConicEqualArea().rotate([-105, 0]).parallels([25, 47]);
  if (country) return probe.precision(0).fitExtent(extent, collection);
  const [[west, south], [east, north]] = geoBoundsOf(collection);
  const span = north - south;
  return geoConicEqualArea()
    .rotate([-(west + east) / 2, 0])
    .parallels([south + span / 6, north - span / 6])
    .precision(0)
    .fitExtent(extent, collection);
}

function geoBoundsOf(collection: GeoPermissibleObjects): [[number, number], [number, number]] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (polygons: Polygon[]) => {
    for (const polygon of polygons) for (const [lon, lat] of polygon[0] ?? []) [west, south, east, north] = [Math.min(west, lon), Math.min(south, lat), Math.max(east, lon), Math.max(north, lat)];
  };
  const value = collection as { type: string; features?: Array<{ geometry: PackageFeature["geometry"] }> };
  for (const feature of value.features ?? []) visit(feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates);
  return [
    [west, south],
    [east, north],
  ];
}

function collectionOf(shapes: Shape[]) {
  return {
    type: "FeatureCollection" as const,
    features: shapes.map((shape) => ({ type: "Feature" as const, properties: {}, geometry: { type: "MultiPolygon" as const, coordinates: shape.polygons } })),
  };
}

interface Layout {
  main: Shape[];
  inset: Shape[];
  /** Schematic outlines for the inset (the package's South China Sea islands), in their own coordinates. */
  decoration: Polygon[] | null;
}

/** Groups projected rings by place and writes the map. */
function layOut(provinceCode: string | null, layout: Layout): ProjectedMap {
  const country = provinceCode === null;
  const extent: [[number, number], [number, number]] = [
    [PADDING, PADDING],
    [MAP_WIDTH - PADDING, MAP_MAX_HEIGHT - PADDING],
  ];
  const projection = conicFor(collectionOf(layout.main), extent, country);
  const projected = layout.main.map((shape) => ({ shape, rings: projectRings(projection, shape.polygons) }));
  const [minX, minY, maxX, maxY] = bounds(projected.map((each) => each.rings));
  // Cropped to the shapes both ways: a province taller than wide gets a narrower map, drawn larger on the page.
  let width = Math.min(MAP_WIDTH, Math.ceil(maxX - minX + 2 * PADDING));
  let height = Math.ceil(maxY - minY + 2 * PADDING);
  const placed = projected.map(({ shape, rings }) => ({ shape, rings: shift(rings, PADDING - minX, PADDING - minY) }));

  let inset: MapInset | null = null;
  if (layout.decoration || layout.inset.length) {
    const insetWidth = country ? 96 : 220;
    const insetHeight = country ? 136 : 240;
    if (height < insetHeight + 2 * PADDING) height = insetHeight + 2 * PADDING;
    const y = height - PADDING - insetHeight;
    // In the lower right corner, clear of the shapes: the map widens if a shape reaches into the corner.
    let reach = -Infinity;
    for (const { rings } of placed) for (const ring of rings) for (const [px, py] of ring) if (py >= y - INSET_GAP) reach = Math.max(reach, px);
    width = Math.max(width, Math.ceil(reach + INSET_GAP + insetWidth + PADDING));
    inset = { x: width - PADDING - insetWidth, y, width: insetWidth, height: insetHeight, decoration: null, placeCode: layout.inset[0]?.code ?? null };
    const box: [[number, number], [number, number]] = [
      [inset.x + 6, inset.y + 6],
      // Room below for the caption (two short lines).
      [inset.x + insetWidth - 6, inset.y + insetHeight - (country ? 32 : 24)],
    ];
    if (layout.decoration) inset.decoration = ringsToPath(layout.decoration.flat().map((ring) => toTenths(fitSchematic(ring, layout.decoration!, box))));
    if (layout.inset.length) {
      const insetProjection = conicFor(collectionOf(layout.inset), box, false);
      for (const shape of layout.inset) placed.push({ shape, rings: projectRings(insetProjection, shape.polygons) });
    }
  }

  // Simplified all at once, so that neighbours keep their common borders.
  const owners: number[] = [];
  const tenths: Ring[] = [];
  placed.forEach(({ rings }, index) => {
    for (const ring of rings) {
      const snapped = toTenths(ring);
      if (snapped.length < 3) continue;
      tenths.push(snapped);
      owners.push(index);
    }
  });
  const simplified = simplifyMap(tenths, TOLERANCE * 10);

  const byCode = new Map<string, { shortNameZh: string; rings: Ring[] }>();
  simplified.forEach((ring, r) => {
    const { shape } = placed[owners[r]!]!;
    const entry = byCode.get(shape.code) ?? { shortNameZh: shape.shortNameZh, rings: [] };
    entry.rings.push(ring);
    byCode.set(shape.code, entry);
  });
  const areas: MapArea[] = [...byCode].map(([code, { shortNameZh, rings }]) => {
    const inMain = rings.filter((ring) => !inset || !insideBox(ring, inset));
    const label = labelPoint((inMain.length ? inMain : rings).map((ring) => ring.map(([x, y]) => [x / 10, y / 10] as Position)));
    return { code, d: ringsToPath(rings), label, shortNameZh };
  });
  return { provinceCode, width, height, areas, inset };
}

/** Whether a ring (in tenths) lies in the inset. */
function insideBox(ring: Ring, box: MapInset): boolean {
  const [x, y] = (ring[0] ?? [0, 0]).map((value) => value / 10) as Position;
  return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

/**
 * The package's South China Sea inset is schematic, laid out for ECharts' 0.75 aspect of latitude to
 * longitude: stretched back to that aspect and scaled into the inset's box.
 */
function fitSchematic(ring: Ring, all: Polygon[], box: [[number, number], [number, number]]): Ring {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of all) for (const each of polygon) for (const [lon, lat] of each) [west, south, east, north] = [Math.min(west, lon), Math.min(south, lat), Math.max(east, lon), Math.max(north, lat)];
  const [[x0, y0], [x1, y1]] = box;
  const scale = Math.min((x1 - x0) / (east - west), (y1 - y0) / ((north - south) / 0.75));
  const offsetX = x0 + (x1 - x0 - (east - west) * scale) / 2;
  return ring.map(([lon, lat]) => [offsetX + (lon - west) * scale, y0 + ((north - lat) / 0.75) * scale] as Position);
}

// ——— The two kinds of map, each computed once per process ———

let countryCache: ProjectedMap | undefined;
const provinceCache = new Map<string, ProjectedMap | null>();
let provinceFiles: Map<string, string> | undefined;

/** The package's South China Sea islands (ECharts adds them to its map of China at run time). */
function southChinaSeaIslands(): Polygon[] {
  const addIslands = require("echarts/lib/coord/geo/fix/nanhai.js") as (mapType: string, regions: unknown[]) => void;
  const regions: Array<{ geometries: Array<{ exterior: Ring }> }> = [];
  addIslands("china", regions);
  return regions.flatMap((region) => region.geometries.map((geometry) => [geometry.exterior.map(([lon, lat]) => [lon, lat] as Position)]));
}

export function countryMap(): ProjectedMap {
  if (countryCache) return countryCache;
  const shapes: Shape[] = readPackageJson("china.json").features.map((feature) => ({
    code: (feature.properties.id ?? feature.id ?? "").padEnd(6, "0"),
    shortNameZh: feature.properties.name,
    polygons: rewind(polygonsOf(feature)),
  }));
  countryCache = layOut(null, { main: shapes, inset: [], decoration: southChinaSeaIslands() });
  return countryCache;
}

/** The province files of the package by province code (the files are named in pinyin: fujian.json). */
function provinceFileIndex(): Map<string, string> {
  if (provinceFiles) return provinceFiles;
  const directory = require.resolve("echarts/map/json/china.json").replace(/china\.json$/, "province");
  const index = new Map<string, string>();
  for (const file of fs.readdirSync(directory).filter((name) => name.endsWith(".json"))) {
    const collection = JSON.parse(fs.readFileSync(`${directory}/${file}`, "utf8")) as PackageCollection;
    const code = collection.features.map((feature) => feature.id ?? feature.properties.id).find(Boolean);
    const provinceCode = code ? provinceOf(code.padEnd(6, "0")) : FILE_WITHOUT_CODES[file];
    if (provinceCode) index.set(provinceCode, `province/${file}`);
  }
  provinceFiles = index;
  return index;
}

/** The place a shape of a province file belongs to: its city (or the province, where there are no cities). */
function placeCode(provinceCode: string, feature: PackageFeature): string {
  if (WITHOUT_CITIES.has(provinceCode)) return provinceCode;
  const id = feature.id ?? feature.properties.id;
  if (id) {
    const city = cityOf(id.padEnd(6, "0"));
    return RENAMED[city] ?? city;
  }
  // A shape without a code (two in the package): found by its name among the province's cities and districts.
  for (const city of childDivisions(provinceCode)) {
    if (city.name === feature.properties.name) return city.code;
    if (childDivisions(city.code).some((district) => district.name === feature.properties.name)) return city.code;
  }
  return provinceCode;
}

/** The map of one province with its cities; null for a code the package has no map of. */
export function provinceMap(provinceCode: string): ProjectedMap | null {
  if (provinceCache.has(provinceCode)) return provinceCache.get(provinceCode)!;
  const file = provinceFileIndex().get(provinceCode);
  let map: ProjectedMap | null = null;
  if (file) {
    const shapes: Shape[] = readPackageJson(file).features.map((feature) => {
      const code = placeCode(provinceCode, feature);
      return { code, shortNameZh: divisionName(code) ?? feature.properties.name, polygons: rewind(polygonsOf(feature)) };
    });
    const insetCode = INSET_PLACES[provinceCode];
    map = layOut(provinceCode, {
      main: shapes.filter((shape) => shape.code !== insetCode),
      inset: shapes.filter((shape) => shape.code === insetCode),
      decoration: null,
    });
  }
  provinceCache.set(provinceCode, map);
  return map;
}

/** The province codes the package has a map of (all 34 provincial-level divisions). */
export function mappedProvinceCodes(): string[] {
  return [...provinceFileIndex().keys()].sort();
}
