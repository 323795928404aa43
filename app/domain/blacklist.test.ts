import { amendmentChanges, BLACKLIST_BASES, CONVICTED_VERDICTS, candidateKey, freezePublishedValues, normalisePublishableFields, parseCandidateKey, publishedFields, quarterOf, readPublishedValues } from "./blacklist";
import { blacklistBasis } from "../../db/schema/blacklist";
import { VERDICTS } from "./police";

describe("blacklist rules", () => {
  it("names the database's bases and only verdicts the database knows", () => {
    expect([...BLACKLIST_BASES]).toEqual(blacklistBasis.enumValues);
    for (const verdict of CONVICTED_VERDICTS) expect(VERDICTS).toContain(verdict);
  });

  it("freezes exactly the publishable fields, in list order, leaving out empty ones", () => {
    const entry = {
      enterpriseName: "莆田市荔城区文彬鞋业有限公司",
      creditCode: "91350304MA31PK7R2X",
      provinceCode: "350000",
      category: "footwear_apparel" as const,
      basis: "stores_closed" as const,
    };
    expect(freezePublishedValues({ ...entry, publishableFields: ["reason", "name", "province"] })).toEqual({
      name: "莆田市荔城区文彬鞋业有限公司",
      province: "350000",
      reason: "stores_closed",
    });
    const all = freezePublishedValues({ ...entry, publishableFields: ["name", "credit_code", "province", "category", "reason"] });
    expect(Object.keys(all)).toEqual(["name", "credit_code", "province", "category", "reason"]);
    expect(freezePublishedValues({ ...entry, creditCode: "", provinceCode: null, publishableFields: ["name", "credit_code", "province"] })).toEqual({
      name: "莆田市荔城区文彬鞋业有限公司",
    });
    expect(freezePublishedValues({ ...entry, publishableFields: ["unknown_field"] })).toEqual({});
  });

  it("reads stored values back keeping only known fields", () => {
    expect(readPublishedValues({ name: "甲", credit_code: "", secret: "x", province: 5 })).toEqual({ name: "甲" });
    expect(readPublishedValues(null)).toBeNull();
    expect(publishedFields({ reason: "convicted", name: "甲" })).toEqual(["name", "reason"]);
    expect(normalisePublishableFields(["reason", "name", "name", "bogus"])).toEqual(["name", "reason"]);
  });

  it("lists an amendment's changes without the values it withdraws", () => {
    expect(
      amendmentChanges(
        { name: "甲鞋业", credit_code: "92350305MA2WRM4K0C", province: "350000" },
        { name: "甲鞋业商行", province: "350000", category: "footwear_apparel" },
      ),
    ).toEqual([
      { field: "name", before: "甲鞋业", after: "甲鞋业商行" },
      { field: "credit_code", before: null, after: null },
      { field: "category", before: null, after: "footwear_apparel" },
    ]);
    expect(amendmentChanges({ name: "甲" }, { name: "甲" })).toEqual([]);
  });

  it("gives the quarter in the portal's time zone", () => {
    // 1 October 00:30 in Beijing is still 30 September in UTC.
    expect(quarterOf(new Date("2026-09-30T16:30:00Z"), "Asia/Shanghai")).toBe("2026-Q4");
    expect(quarterOf(new Date("2026-09-30T16:30:00Z"), "UTC")).toBe("2026-Q3");
    expect(quarterOf(new Date("2027-01-01T00:00:00+08:00"), "Asia/Shanghai")).toBe("2027-Q1");
    expect(quarterOf(new Date("2026-06-30T23:59:00+08:00"), "Asia/Shanghai")).toBe("2026-Q2");
  });

  it("round-trips candidate keys and refuses anything else", () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(parseCandidateKey(candidateKey({ kind: "enterprise", id }))).toEqual({ kind: "enterprise", id });
    expect(parseCandidateKey(`action:${id.toUpperCase()}`)).toEqual({ kind: "action", id });
    for (const bad of ["", "action:", `person:${id}`, `action:${id}x`, "action:1; drop table"]) expect(parseCandidateKey(bad)).toBeNull();
  });
});
