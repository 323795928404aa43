import { cityOf, divisionCovers, divisionLevel, provinceOf } from "./divisions";

describe("GB/T 2260 divisions", () => {
  it("reads the level of a code", () => {
    expect(divisionLevel("350000")).toBe("province");
    expect(divisionLevel("350300")).toBe("city");
    expect(divisionLevel("350305")).toBe("district");
    expect(provinceOf("350305")).toBe("350000");
    expect(cityOf("350305")).toBe("350300");
  });

  it("lets a territory cover the divisions below it and nothing else", () => {
    expect(divisionCovers("350300", "350305")).toBe(true); // Putian covers Xiuyu district
    expect(divisionCovers("350000", "350305")).toBe(true); // Fujian covers it too
    expect(divisionCovers("350305", "350305")).toBe(true);
    expect(divisionCovers("350300", "350100")).toBe(false); // not Fuzhou
    expect(divisionCovers("350305", "350300")).toBe(false); // a district does not cover its city
    expect(divisionCovers("440100", "350305")).toBe(false);
    expect(divisionCovers("3503", "350305")).toBe(false);
  });
});
