import {
  idNumberCheckDigit,
  idNumberProblem,
  isMasked,
  isValidPhone,
  maskIdNumber,
  maskPhone,
  normaliseIdNumber,
  normalisePhone,
} from "./personal-data";

// The worked example of GB 11643-1999 (appendix): 11010519491231002X.
const STANDARD_EXAMPLE = "11010519491231002X";

describe("resident identity numbers (GB 11643-1999)", () => {
  it("computes the check digit of the standard's example", () => {
    expect(idNumberCheckDigit(STANDARD_EXAMPLE.slice(0, 17))).toBe("X");
    expect(idNumberProblem(STANDARD_EXAMPLE)).toBeNull();
  });

  it("accepts numbers whose check digit is right, including 0 and X", () => {
    for (const body of ["35030519850312001", "35030419900708123", "44011119791105456"]) {
      const valid = body + idNumberCheckDigit(body)!;
      expect(idNumberProblem(valid)).toBeNull();
    }
  });

  it("rejects a wrong check digit, a bad birth date and the wrong shape", () => {
    expect(idNumberProblem("110105194912310021")).toBe("check_digit");
    // Digits swapped in the serial part: the check digit catches it.
    expect(idNumberProblem("11010519491231020X")).toBe("check_digit");
    expect(idNumberProblem("110105194902300021")).toBe("birth_date"); // 30 February
    expect(idNumberProblem("110105189912310021")).toBe("birth_date"); // before 1900
    expect(idNumberProblem("110105209912310021", new Date("2026-11-22"))).toBe("birth_date"); // in the future
    expect(idNumberProblem("11010519491231002")).toBe("length");
    expect(idNumberProblem("11010519491231002Y")).toBe("characters");
    expect(normaliseIdNumber(" 11010519491231002x ")).toBe(STANDARD_EXAMPLE);
  });
});

describe("phone numbers", () => {
  it("accepts mainland mobiles and landlines with an area code", () => {
    expect(isValidPhone(normalisePhone("+86 138 0594 1234"))).toBe(true);
    expect(isValidPhone("0594-2345678")).toBe(true);
    expect(isValidPhone("02088889999")).toBe(true);
    expect(isValidPhone("12345678901")).toBe(false); // 12… is not a mobile prefix
    expect(isValidPhone("2345678")).toBe(false); // no area code
    expect(isValidPhone("1380594123")).toBe(false); // ten digits
  });
});

describe("masks", () => {
  it("hides the birth date and serial of an identity number", () => {
    const masked = maskIdNumber(STANDARD_EXAMPLE);
    expect(masked).toBe("110***********002X");
    expect(masked).toHaveLength(18);
    expect(masked).not.toContain("19491231");
    expect(isMasked(masked)).toBe(true);
  });

  it("keeps the first three and the last four digits of a phone", () => {
    expect(maskPhone("13805941234")).toBe("138****1234");
    expect(maskPhone("0594-2345678")).toBe("059*-***5678");
    expect(maskPhone("12345")).toBe("*****");
    expect(maskPhone("")).toBe("");
    expect(isMasked("13805941234")).toBe(false);
  });
});
