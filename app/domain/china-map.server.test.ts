import { describe, expect, it } from "vitest";
import { childDivisions, isKnownDivision } from "./divisions.server";
import { countryMap, mappedProvinceCodes, MAP_WIDTH, provinceMap, ringsToPath, simplifyMap } from "./china-map.server";
import type { ProjectedMap } from "./china-map";

/** GB/T 2260's 34 provincial-level divisions, 11 (Beijing) … 82 (Macao). */
const PROVINCES = [
  "110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000", "320000", "330000", "340000",
  "350000", "360000", "370000", "410000", "420000", "430000", "440000", "450000", "460000", "500000", "510000", "520000",
  "530000", "540000", "610000", "620000", "630000", "640000", "650000", "710000", "810000", "820000",
]; // prettier-ignore

/** Every point of a path's data, absolute (the data is an absolute move then relative lines per ring). */
function pathPoints(d: string): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const ring of d.split("z").filter(Boolean)) {
    const [, move, steps] = /^M([^l]+)l(.*)$/.exec(ring)!;
    const numbers = (text: string) => (text.match(/-?\d*\.?\d+/g) ?? []).map(Number);
    let [x, y] = numbers(move!) as [number, number];
    points.push([x, y]);
    const deltas = numbers(steps!);
    for (let i = 0; i < deltas.length; i += 2) {
      x += deltas[i]!;
      y += deltas[i + 1]!;
      points.push([x, y]);
    }
  }
  return points;
}

function expectWithinMap(map: ProjectedMap) {
  for (const area of map.areas) {
    expect(area.d, area.code).toMatch(/^M/);
    for (const [x, y] of pathPoints(area.d)) {
      expect(x, area.code).toBeGreaterThanOrEqual(-0.05);
      expect(x, area.code).toBeLessThanOrEqual(map.width + 0.05);
      expect(y, area.code).toBeGreaterThanOrEqual(-0.05);
      expect(y, area.code).toBeLessThanOrEqual(map.height + 0.05);
    }
  }
}

describe("the map of China", () => {
  it("has every province, Taiwan, Hong Kong and Macao, each a non-empty path", () => {
    const map = countryMap();
    expect(map.provinceCode).toBeNull();
    expect(map.areas.map((area) => area.code).sort()).toEqual(PROVINCES);
    for (const area of map.areas) {
      expect(area.d.length, area.code).toBeGreaterThan(20);
      expect(pathPoints(area.d).length, area.code).toBeGreaterThanOrEqual(4);
    }
    expect(map.areas.find((area) => area.code === "350000")?.shortNameZh).toBe("福建");
    expectWithinMap(map);
  });

  it("draws the South China Sea islands in an inset at the lower right, clear of the provinces' labels", () => {
    const map = countryMap();
    expect(map.inset).not.toBeNull();
    const inset = map.inset!;
    expect(inset.decoration?.length).toBeGreaterThan(100);
    expect(inset.x + inset.width).toBeLessThanOrEqual(map.width);
    expect(inset.y + inset.height).toBeLessThanOrEqual(map.height);
    expect(inset.x).toBeGreaterThan(map.width * 0.75);
    // Clear of every province's shape (Taiwan is the nearest).
    for (const area of map.areas) {
      for (const [x, y] of pathPoints(area.d)) {
        const inside = x > inset.x && x < inset.x + inset.width && y > inset.y && y < inset.y + inset.height;
        expect(inside, area.code).toBe(false);
      }
    }
    for (const area of map.areas) {
      const inside = area.label.x >= inset.x && area.label.x <= inset.x + inset.width && area.label.y >= inset.y && area.label.y <= inset.y + inset.height;
      expect(inside, area.code).toBe(false);
    }
  });

  it("is projected once per process and kept small enough to inline in the page", () => {
    const map = countryMap();
    expect(countryMap()).toBe(map);
    expect(map.width).toBeLessThanOrEqual(MAP_WIDTH);
    expect(map.width).toBeGreaterThan(850);
    expect(map.height).toBeLessThanOrEqual(760);
    const size = map.areas.reduce((total, area) => total + area.d.length, 0) + (map.inset?.decoration?.length ?? 0);
    expect(size).toBeLessThan(70_000);
    // One decimal at most, relative steps after the first point of a ring.
    expect(map.areas.every((area) => !/\d\.\d\d/.test(area.d))).toBe(true);
  });

  it("places each label inside its province", () => {
    const guangdong = countryMap().areas.find((area) => area.code === "440000")!;
    const points = pathPoints(guangdong.d);
    const xs = points.map(([x]) => x);
    const ys = points.map(([, y]) => y);
    expect(guangdong.label.x).toBeGreaterThan(Math.min(...xs));
    expect(guangdong.label.x).toBeLessThan(Math.max(...xs));
    expect(guangdong.label.y).toBeGreaterThan(Math.min(...ys));
    expect(guangdong.label.y).toBeLessThan(Math.max(...ys));
    expect(guangdong.label.room).toBeGreaterThan(10);
  });
});

describe("a province's map", () => {
  it("exists for every province", () => {
    expect(mappedProvinceCodes()).toEqual(PROVINCES);
    expect(provinceMap("990000")).toBeNull();
    expect(provinceMap("350300")).toBeNull();
  });

  it("shows Fujian's nine cities by their GB/T 2260 codes, Putian (350300) among them", () => {
    const fujian = provinceMap("350000")!;
    expect(fujian.provinceCode).toBe("350000");
    expect(fujian.areas.map((area) => area.code).sort()).toEqual(childDivisions("350000").map((city) => city.code).sort());
    const putian = fujian.areas.find((area) => area.code === "350300")!;
    expect(putian.shortNameZh).toBe("莆田市");
    expect(putian.d.length).toBeGreaterThan(100);
    expect(provinceMap("350000")).toBe(fujian);
    expectWithinMap(fujian);
  });

  it("names every shape by a code the statistics use: present-day cities, municipalities as one place", { timeout: 120_000 }, () => {
    for (const code of PROVINCES) {
      const map = provinceMap(code)!;
      expect(map.areas.length, code).toBeGreaterThan(0);
      for (const area of map.areas) {
        expect(area.code.slice(0, 2), code).toBe(code.slice(0, 2));
        if (["710000", "810000", "820000"].includes(code)) expect(area.code).toBe(code);
        else expect(isKnownDivision(area.code), `${code}: ${area.code}`).toBe(true);
        expect(area.d.length, `${code}: ${area.code}`).toBeGreaterThan(10);
      }
      expect(map.width).toBeLessThanOrEqual(MAP_WIDTH);
      expect(Math.max(map.width, map.height)).toBeGreaterThan(700);
      expect(map.areas.reduce((total, area) => total + area.d.length, 0), code).toBeLessThan(70_000);
    }
    // Renamed since the package's data: Laiwu is part of Jinan, Hami and Nagqu are cities.
    expect(provinceMap("370000")!.areas.map((area) => area.code)).not.toContain("371200");
    expect(provinceMap("650000")!.areas.map((area) => area.code)).toContain("650500");
    expect(provinceMap("540000")!.areas.map((area) => area.code)).toContain("540600");
    expect(provinceMap("110000")!.areas.map((area) => area.code)).toEqual(["110100"]);
    expect(provinceMap("500000")!.areas.map((area) => area.code).sort()).toEqual(["500100", "500200"]);
  });

  it("draws Hainan's Sansha, the South China Sea islands, in an inset clear of Hainan Island", () => {
    const hainan = provinceMap("460000")!;
    expect(hainan.inset).not.toBeNull();
    expect(hainan.inset!.placeCode).toBe("460300");
    for (const area of hainan.areas.filter((each) => each.code !== "460300")) {
      for (const [x, y] of pathPoints(area.d)) {
        const inside = x > hainan.inset!.x && x < hainan.inset!.x + hainan.inset!.width && y > hainan.inset!.y && y < hainan.inset!.y + hainan.inset!.height;
        expect(inside, area.code).toBe(false);
      }
    }
    const sansha = hainan.areas.find((area) => area.code === "460300")!;
    const inset = hainan.inset!;
    for (const [x, y] of pathPoints(sansha.d)) {
      expect(x).toBeGreaterThanOrEqual(inset.x);
      expect(x).toBeLessThanOrEqual(inset.x + inset.width);
      expect(y).toBeGreaterThanOrEqual(inset.y);
      expect(y).toBeLessThanOrEqual(inset.y + inset.height);
    }
  });
});

describe("simplification", () => {
  it("simplifies a border shared by two shapes once, so that no gap opens between them", () => {
    // Two squares side by side in tenths of a unit; the border between them wiggles by less than the tolerance.
    const border: Array<[number, number]> = Array.from({ length: 41 }, (_, i) => [1000 + (i % 2) * 3, i * 25]);
    const left: Array<[number, number]> = [[0, 0], ...border, [0, 1000]];
    const right: Array<[number, number]> = [[2000, 1000], ...[...border].reverse(), [2000, 0]];
    const [simpleLeft, simpleRight] = simplifyMap([left, right], 6);
    const key = ([x, y]: [number, number]) => `${x},${y}`;
    const sharedLeft = simpleLeft!.filter(([x]) => x >= 1000 && x <= 1003).map(key).sort();
    const sharedRight = simpleRight!.filter(([x]) => x >= 1000 && x <= 1003).map(key).sort();
    expect(sharedLeft).toEqual(sharedRight);
    expect(sharedLeft.length).toBeLessThan(border.length);
    expect(sharedLeft).toContain("1000,0");
    expect(sharedLeft).toContain("1000,1000");
  });

  it("keeps an island that is smaller than the tolerance", () => {
    const islet: Array<[number, number]> = [
      [0, 0],
      [2, 0],
      [3, 2],
      [1, 3],
    ];
    const [simple] = simplifyMap([islet], 6);
    expect(simple!.length).toBeGreaterThanOrEqual(3);
  });

  it("writes rings as an absolute move and relative steps with one decimal", () => {
    expect(
      ringsToPath([
        [
          [105, 20],
          [125, 20],
          [125, -5],
        ],
      ]),
    ).toBe("M10.5 2l2 0 0-2.5z");
  });
});
