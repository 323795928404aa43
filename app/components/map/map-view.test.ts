import { describe, expect, it } from "vitest";
import type { PlaceName, ProjectedMap } from "~/domain/china-map";
import { NO_FILTERS, type MapFigures } from "~/domain/statistics";
import { createI18n } from "~/lib/i18n";
import { buildMapView, labelFits, mapHref, type MapViewData } from "./map-view";

const area = (code: string, shortNameZh: string, room = 40) => ({ code, d: "M0 0l10 0 0 10z", label: { x: 5, y: 5, room }, shortNameZh });
const province = (code: string, nameZh: string, nameEn: string, shortZh: string): PlaceName => ({
  code,
  kind: "province",
  nameZh,
  nameEn,
  shortZh,
  provinceZh: nameZh,
  provinceEn: nameEn,
});

const shapes: ProjectedMap = {
  provinceCode: null,
  width: 1000,
  height: 700,
  areas: [area("350000", "福建"), area("440000", "广东"), area("330000", "浙江"), area("630000", "青海", 4)],
  inset: null,
};
const places: Record<string, PlaceName> = {
  "350000": province("350000", "福建省", "Fujian", "福建"),
  "440000": province("440000", "广东省", "Guangdong", "广东"),
  "330000": province("330000", "浙江省", "Zhejiang", "浙江"),
  "630000": province("630000", "青海省", "Qinghai", "青海"),
};
const figures: MapFigures = {
  asOf: "2026-11-22T00:00:00.000Z",
  provinceCode: null,
  places: [
    { code: "440000", gangs: 1234, factories: 56, topCategories: [{ category: "digital_accessories", count: 900 }] },
    { code: "350000", gangs: 800, factories: 1, topCategories: [{ category: "footwear_apparel", count: 700 }, { category: "household_appliances", count: 50 }] },
    { code: "330000", gangs: 1, factories: 300, topCategories: [] },
  ],
  totals: { gangs: 2035, factories: 357 },
  topFiveShare: { gangs: 1, factories: 1 },
};
const data = (overrides: Partial<MapViewData> = {}): MapViewData => ({
  filters: { ...NO_FILTERS, category: "footwear_apparel" },
  layer: "gang",
  figures,
  shapes,
  places,
  ...overrides,
});

describe("the map page's view", () => {
  const en = createI18n("en");
  const zh = createI18n("zh-CN");

  it("names each province with its figures and main categories, and links it to its cities keeping the filters", () => {
    const view = buildMapView(data(), { t: en.t, locale: "en" });
    const fujian = view.areas.find((each) => each.code === "350000")!;
    expect(fujian.name).toBe("Fujian: 800 gangs, 1 factory; mainly Shoes and clothing and Household appliances");
    expect(fujian.href).toBe("/map?category=footwear_apparel&province=350000&layer=gang");
    expect(view.areas.find((each) => each.code === "440000")!.name).toBe("Guangdong: 1,234 gangs, 56 factories; mainly 3C digital accessories");
    expect(view.areas.find((each) => each.code === "630000")!.name).toBe("Qinghai: no gangs, no factories");
    const zhView = buildMapView(data(), { t: zh.t, locale: "zh-CN" });
    expect(zhView.areas.find((each) => each.code === "350000")!.name).toBe("福建省：团伙 800 个，窝点 1 个；主要品类：鞋服和家用电器");
  });

  it("shades by the chosen layer: the largest darkest, none grey", () => {
    const gangs = buildMapView(data(), { t: en.t, locale: "en" });
    const classOf = (view: typeof gangs, code: string) => view.areas.find((each) => each.code === code)!.classIndex;
    expect(classOf(gangs, "440000")).toBeGreaterThan(classOf(gangs, "330000"));
    expect(classOf(gangs, "630000")).toBe(0);
    expect(gangs.areas.find((each) => each.code === "630000")!.fill).toBe("#eeeeec");
    const factories = buildMapView(data({ layer: "factory" }), { t: en.t, locale: "en" });
    expect(classOf(factories, "330000")).toBeGreaterThan(classOf(factories, "350000"));
    expect(factories.legend.at(-1)!.text).toBe("None");
  });

  it("ranks the table by the chosen layer, with shares of its total", () => {
    const view = buildMapView(data({ layer: "factory" }), { t: en.t, locale: "en" });
    expect(view.rows.map((row) => row.code)).toEqual(["330000", "440000", "350000"]);
    expect(view.rows[0]!.share).toBeCloseTo(300 / 357);
    expect(view.rows[0]!.name).toBe("Zhejiang");
    expect(view.rows.find((row) => row.code === "330000")!.categories).toEqual([]);
  });

  it("writes the headline with the top provinces' share", () => {
    const view = buildMapView(data(), { t: en.t, locale: "en" });
    expect(view.headline).toBe("100% of gangs are in three provinces: Guangdong, Fujian, and Zhejiang.");
    const zhView = buildMapView(data(), { t: zh.t, locale: "zh-CN" });
    expect(zhView.headline).toBe("100%的售假团伙集中在三个省份：广东、福建和浙江。");
  });

  it("labels a place only where its name fits", () => {
    const view = buildMapView(data(), { t: en.t, locale: "en" });
    expect(view.areas.find((each) => each.code === "350000")!.label?.text).toBe("Fujian");
    expect(view.areas.find((each) => each.code === "630000")!.label).toBeNull();
    expect(labelFits("福建", 20)).toBe(true);
    expect(labelFits("黑龙江省省直辖县级行政区划", 20)).toBe(false);
  });

  it("keeps the filters and layer in the way back to the country", () => {
    const drilled: ProjectedMap = { ...shapes, provinceCode: "350000", areas: [area("350300", "莆田市")] };
    const cityFigures: MapFigures = { ...figures, provinceCode: "350000", places: [{ code: "350300", gangs: 10, factories: 2, topCategories: [] }], totals: { gangs: 10, factories: 2 } };
    const view = buildMapView(
      data({
        shapes: drilled,
        figures: cityFigures,
        layer: "factory",
        filters: { ...NO_FILTERS, provinceCode: "350000" },
        places: { ...places, "350300": { code: "350300", kind: "city", nameZh: "莆田市", nameEn: "莆田市", shortZh: "莆田市", provinceZh: "福建省", provinceEn: "Fujian" } },
      }),
      { t: en.t, locale: "en" },
    );
    expect(view.drilled).toBe(true);
    expect(view.countryHref).toBe(mapHref(NO_FILTERS, "factory", null));
    expect(view.countryHref).toBe("/map?layer=factory");
    expect(view.areas[0]!.href).toBeNull();
    expect(view.headline).toBe("100% of Fujian's factories are in 莆田市.");
    expect(view.layerHrefs.gang).toBe("/map?province=350000&layer=gang");
  });
});
