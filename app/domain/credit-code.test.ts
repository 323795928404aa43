import { creditCodeCheckCharacter, creditCodeProblem, isValidCreditCode, normaliseCreditCode } from "./credit-code";

// Published codes of well-known companies (from their business licences as shown in public registries).
const REAL_CODES = [
  "91330100716105852F", // 阿里巴巴（中国）有限公司
  "91440300708461136T", // 深圳市腾讯计算机系统有限公司
  "914403001922038216", // 华为技术有限公司 (check character 6)
  "91110108551385082Q", // 小米科技有限责任公司
  "91110000802100433B", // 北京百度网讯科技有限公司
];

describe("unified social credit code (GB 32100-2015)", () => {
  it.each(REAL_CODES)("accepts the published code %s", (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it("rejects every single-character change of the check character", () => {
    for (const code of REAL_CODES) {
      for (const replacement of "0123456789ABCDEFGHJKLMNPQRTUWXY") {
        if (replacement === code[17]) continue;
        expect(creditCodeProblem(code.slice(0, 17) + replacement)).toBe("check_character");
      }
    }
  });

  it("rejects a changed body character and two swapped neighbours", () => {
    // 9133010071610585 2F → change the 10th character 7 → 8.
    expect(creditCodeProblem("91330100816105852F")).toBe("check_character");
    // Swap positions 12 and 13 (1,0 → 0,1) of Alibaba's code.
    expect(creditCodeProblem("91330100716015852F")).toBe("check_character");
  });

  it("says what is wrong with malformed input", () => {
    expect(creditCodeProblem("9133010071610585")).toBe("length");
    expect(creditCodeProblem("91330100716105852FF")).toBe("length");
    // I, O, S, V and Z are not in the alphabet (they look like 1, 0, 5, U and 2).
    expect(creditCodeProblem("9133010071610585IF")).toBe("characters");
    expect(creditCodeProblem("91330100716105852O")).toBe("characters");
    // Positions 3–8 are a division code: digits only.
    expect(creditCodeProblem("91A30100716105852F")).toBe("characters");
    expect(creditCodeCheckCharacter("short")).toBeNull();
  });

  it("normalises what people paste", () => {
    expect(normaliseCreditCode(" 9133 0100-7161 0585 2f ")).toBe("91330100716105852F");
    expect(isValidCreditCode(normaliseCreditCode("91330100716105852f"))).toBe(true);
  });
});
