import { agencyVerdict, mouProblems, type MouTerms } from "./mou-routing";

const PUTIAN: MouTerms = {
  id: "mou-pt",
  reference: "MOU-PT",
  titleZh: "莆田",
  titleEn: "Putian",
  effectiveFrom: "2016-01-08",
  effectiveUntil: "2028-11-21",
  endedOn: null,
  endedReason: null,
  scopeCategories: ["food_drugs", "footwear_apparel"],
  territoryDivisionCodes: ["350300"],
  decisionPeriodDays: 3,
};
const footwearInXiuyu = { category: "footwear_apparel" as const, siteDivisionCodes: ["350305"] };
const TODAY = "2026-11-22";

describe("mouProblems", () => {
  it("allows a lead in scope and territory while the MOU is in force", () => {
    expect(mouProblems(PUTIAN, footwearInXiuyu, TODAY)).toEqual([]);
  });

  it("counts the first and last days as in force", () => {
    expect(mouProblems({ ...PUTIAN, effectiveFrom: TODAY }, footwearInXiuyu, TODAY)).toEqual([]);
    expect(mouProblems({ ...PUTIAN, effectiveUntil: TODAY }, footwearInXiuyu, TODAY)).toEqual([]);
    expect(mouProblems({ ...PUTIAN, effectiveUntil: null }, footwearInXiuyu, TODAY)).toEqual([]);
  });

  it("says when the MOU is not yet in force, expired or ended", () => {
    expect(mouProblems({ ...PUTIAN, effectiveFrom: "2026-11-23" }, footwearInXiuyu, TODAY)).toEqual([
      { code: "not_yet_in_force", mouReference: "MOU-PT", effectiveFrom: "2026-11-23" },
    ]);
    expect(mouProblems({ ...PUTIAN, effectiveUntil: "2026-11-21" }, footwearInXiuyu, TODAY)).toEqual([
      { code: "expired", mouReference: "MOU-PT", effectiveUntil: "2026-11-21" },
    ]);
    expect(mouProblems({ ...PUTIAN, endedOn: "2026-10-01", endedReason: "renegotiated" }, footwearInXiuyu, TODAY)).toEqual([
      { code: "ended", mouReference: "MOU-PT", endedOn: "2026-10-01", endedReason: "renegotiated" },
    ]);
  });

  it("names the scope and the territory it misses, all reasons at once", () => {
    const names = (code: string) => ({ "350300": "福建省莆田市", "440106": "广东省广州市天河区" })[code] ?? null;
    expect(mouProblems(PUTIAN, { category: "cosmetics", siteDivisionCodes: ["440106", "440106"] }, TODAY, names)).toEqual([
      { code: "category_out_of_scope", mouReference: "MOU-PT", category: "cosmetics", scope: ["food_drugs", "footwear_apparel"] },
      {
        code: "no_site_in_territory",
        mouReference: "MOU-PT",
        territory: [{ code: "350300", name: "福建省莆田市" }],
        sites: [{ code: "440106", name: "广东省广州市天河区" }],
      },
    ]);
  });

  it("is satisfied by one site inside the territory among several", () => {
    expect(mouProblems(PUTIAN, { category: "footwear_apparel", siteDivisionCodes: ["440106", "350305"] }, TODAY)).toEqual([]);
    expect(mouProblems(PUTIAN, { category: "footwear_apparel", siteDivisionCodes: [] }, TODAY)).toEqual([{ code: "no_sites" }]);
  });
});

describe("agencyVerdict", () => {
  const agency = { id: "a", code: "putian-psb", nameZh: "莆田市公安局", nameEn: "Putian PSB" };

  it("says there is no MOU", () => {
    expect(agencyVerdict(agency, [], footwearInXiuyu, TODAY)).toEqual({
      agency,
      eligible: false,
      mou: null,
      problems: [{ code: "no_mou" }],
    });
  });

  it("picks the MOU in force among an expired one and a renewal", () => {
    const expired = { ...PUTIAN, id: "old", reference: "OLD", effectiveUntil: "2020-01-01" };
    const verdict = agencyVerdict(agency, [expired, PUTIAN], footwearInXiuyu, TODAY);
    expect(verdict.eligible).toBe(true);
    expect(verdict.mou?.reference).toBe("MOU-PT");
  });

  it("reports the reasons of the MOU that comes closest", () => {
    const outOfScopeAndExpired = { ...PUTIAN, id: "x", reference: "X", effectiveUntil: "2020-01-01", scopeCategories: [] };
    const verdict = agencyVerdict(agency, [outOfScopeAndExpired, { ...PUTIAN, effectiveUntil: "2026-11-01" }], footwearInXiuyu, TODAY);
    expect(verdict.eligible).toBe(false);
    expect(verdict.problems).toEqual([{ code: "expired", mouReference: "MOU-PT", effectiveUntil: "2026-11-01" }]);
  });
});
