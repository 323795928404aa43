import { childDivisions, listProvinces } from "./divisions.server";
import { prefectureNameEn } from "./place-names-en.server";

describe("English names of prefecture-level divisions", () => {
  it("writes a city as its pinyin, one capitalised word, with the apostrophe where syllables would run together", () => {
    expect(prefectureNameEn("莆田市")).toBe("Putian");
    expect(prefectureNameEn("广州市")).toBe("Guangzhou");
    expect(prefectureNameEn("西安市")).toBe("Xi'an");
    expect(prefectureNameEn("马鞍山市")).toBe("Ma'anshan");
    // Polyphonic characters read as in the place name.
    expect(prefectureNameEn("长沙市")).toBe("Changsha");
    expect(prefectureNameEn("蚌埠市")).toBe("Bengbu");
    expect(prefectureNameEn("六安市")).toBe("Lu'an");
    expect(prefectureNameEn("乐山市")).toBe("Leshan");
  });

  it("uses the official name where it follows the place's own language", () => {
    expect(prefectureNameEn("呼和浩特市")).toBe("Hohhot");
    expect(prefectureNameEn("哈尔滨市")).toBe("Harbin");
    expect(prefectureNameEn("喀什地区")).toBe("Kashgar Prefecture");
    expect(prefectureNameEn("阿拉善盟")).toBe("Alxa League");
  });

  it("names the peoples of an autonomous prefecture, in order", () => {
    expect(prefectureNameEn("延边朝鲜族自治州")).toBe("Yanbian Korean Autonomous Prefecture");
    expect(prefectureNameEn("恩施土家族苗族自治州")).toBe("Enshi Tujia and Miao Autonomous Prefecture");
    expect(prefectureNameEn("黔西南布依族苗族自治州")).toBe("Qianxinan Bouyei and Miao Autonomous Prefecture");
    expect(prefectureNameEn("博尔塔拉蒙古自治州")).toBe("Bortala Mongol Autonomous Prefecture");
    expect(prefectureNameEn("克孜勒苏柯尔克孜自治州")).toBe("Kizilsu Kyrgyz Autonomous Prefecture");
  });

  it("leaves no Chinese in the English name of any prefecture-level division of the package", () => {
    const placeholders = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);
    const names = listProvinces()
      .flatMap((province) => childDivisions(province.code))
      .map((city) => city.name)
      .filter((name) => !placeholders.has(name));
    expect(names.length).toBeGreaterThan(330);
    const english = names.map((name) => [name, prefectureNameEn(name)] as const);
    // Latin letters (ê, ü allowed), apostrophes, spaces: no character left unromanised.
    expect(english.filter(([, name]) => !/^[A-Z][A-Za-zêü' ,]+$/.test(name))).toEqual([]);
  });
});
