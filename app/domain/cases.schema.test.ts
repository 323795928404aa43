import { parseWithZod } from "@conform-to/zod";
import * as schema from "../../db/schema";
import {
  CASE_PRIORITIES,
  COORDINATE_SYSTEMS,
  CRIMINAL_ARTICLES,
  ENTERPRISE_ROLES,
  GOODS_CATEGORIES,
  LeadFormSchema,
  LOCATION_SOURCES,
  MARKETPLACES,
  PERSON_ROLES,
  pickedDivision,
  SITE_TYPES,
  STORE_STATUSES,
} from "./cases.schema";
import { CASE_STATUS_VALUES } from "./cases";

/** What a browser posts: every value a string, lists as name[index].field. */
function post(fields: Record<string, string | string[]>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const each of Array.isArray(value) ? value : [value]) formData.append(name, each);
  }
  return parseWithZod(formData, { schema: LeadFormSchema });
}

function errorsOf(fields: Record<string, string | string[]>) {
  const submission = post(fields);
  if (submission.status === "success") return {};
  return submission.error ?? {};
}

const minimal = { title: "莆田秀屿区假冒耐克运动鞋生产窝点", category: "footwear_apparel" };

describe("the closed sets match the database enums", () => {
  it.each([
    [GOODS_CATEGORIES, schema.goodsCategory.enumValues],
    [CASE_PRIORITIES, schema.casePriority.enumValues],
    [CRIMINAL_ARTICLES, schema.criminalArticle.enumValues],
    [SITE_TYPES, schema.siteType.enumValues],
    [COORDINATE_SYSTEMS, schema.coordinateSystem.enumValues],
    [LOCATION_SOURCES, schema.locationSource.enumValues],
    [MARKETPLACES, schema.marketplace.enumValues],
    [STORE_STATUSES, schema.storeStatus.enumValues],
    [ENTERPRISE_ROLES, schema.enterpriseRole.enumValues],
    [PERSON_ROLES, schema.personRole.enumValues],
    [CASE_STATUS_VALUES, schema.caseStatus.enumValues],
  ])("%j", (values, enumValues) => {
    expect([...values]).toEqual([...enumValues]);
  });
});

describe("the lead form schema", () => {
  it("saves a draft with only a title and a category", () => {
    const submission = post(minimal);
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({ ...minimal, priority: "normal", summary: "", sites: [], accounts: [], suspectedCharges: [] });
  });

  it("requires a title and a category, with translation keys as messages", () => {
    expect(errorsOf({ title: "", category: "" })).toMatchObject({ title: ["validation.required"], category: ["validation.required"] });
    expect(errorsOf({ title: "x", category: "weapons" })).toMatchObject({ category: ["validation.invalidChoice"] });
    expect(errorsOf({ title: "x".repeat(201), category: "other" })).toMatchObject({ title: ["validation.tooLong?max=200"] });
  });

  it("reads a whole lead: sites with their division, accounts with link reasons, amounts as exact strings", () => {
    const submission = post({
      ...minimal,
      suspectedCharges: ["art213", "art214"],
      "brands[0].brand": "NIKE",
      "brands[0].rightsHolder": "耐克创新有限合伙公司",
      "brands[0].trademarkRegistrationNo": "G1204345",
      "sites[0].type": "factory",
      "sites[0].address": "  福建省莆田市秀屿区笏石镇 某工业区 3 号楼 ",
      "sites[0].provinceCode": "350000",
      "sites[0].cityCode": "350300",
      "sites[0].districtCode": "350305",
      "sites[0].latitude": "25.3183",
      "sites[0].longitude": "119.1057",
      "sites[0].coordinateSystem": "gcj02",
      "sites[0].precisionMeters": "50",
      "sites[0].locationSource": "waybill_ship_from",
      "accounts[0].marketplace": "taobao",
      "accounts[0].storeId": "106288812",
      "accounts[0].gmv": "1,286,400.50",
      "accounts[0].orders": "5321",
      "accounts[0].periodFrom": "2026-01-01",
      "accounts[0].periodTo": "2026-06-30",
      "accounts[0].linkReasons[0].reason": "shared_phone",
      "accounts[0].linkReasons[0].confidence": "90",
      "enterprises[0].name": "阿里巴巴（中国）有限公司",
      "enterprises[0].creditCode": "91330100716105852f",
      "persons[0].role": "controller",
      "persons[0].name": "陈某某",
      "persons[0].idNumber": "11010519491231002x",
      "persons[0].phone": "+86 138 0594 1234",
      salesAmount: "400000",
      unsoldGoodsValue: "",
    });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    const lead = submission.value;
    expect(lead.sites[0]).toMatchObject({ address: "福建省莆田市秀屿区笏石镇 某工业区 3 号楼", latitude: 25.3183, precisionMeters: 50 });
    expect(pickedDivision(lead.sites[0]!)).toBe("350305");
    expect(lead.accounts[0]).toMatchObject({ gmv: "1286400.50", orders: 5321, linkReasons: [{ reason: "shared_phone", confidence: 90 }] });
    expect(lead.enterprises[0]!.creditCode).toBe("91330100716105852F");
    expect(lead.persons[0]).toMatchObject({ idNumber: "11010519491231002X", phone: "13805941234" });
    expect(lead.salesAmount).toBe("400000");
    expect(lead.unsoldGoodsValue).toBeUndefined();
    expect(lead.suspectedCharges).toEqual(["art213", "art214"]);
  });

  it("rejects a credit code whose check character is wrong, naming the problem", () => {
    expect(errorsOf({ ...minimal, "enterprises[0].name": "某鞋业", "enterprises[0].creditCode": "91330100716105852E" })).toMatchObject({
      "enterprises[0].creditCode": ["cases.validation.creditCode.check_character"],
    });
    expect(errorsOf({ ...minimal, "enterprises[0].name": "某鞋业", "enterprises[0].creditCode": "9133" })).toMatchObject({
      "enterprises[0].creditCode": ["cases.validation.creditCode.length"],
    });
  });

  it("rejects a bad identity number and a bad phone", () => {
    const errors = errorsOf({
      ...minimal,
      "persons[0].role": "accomplice",
      "persons[0].name": "林某",
      "persons[0].idNumber": "110105194912310021",
      "persons[0].phone": "12345",
    });
    expect(errors).toMatchObject({
      "persons[0].idNumber": ["cases.validation.idNumber.check_digit"],
      "persons[0].phone": ["cases.validation.phone"],
    });
  });

  it("checks a site's division chain and coordinates", () => {
    const errors = errorsOf({
      ...minimal,
      "sites[0].type": "factory",
      "sites[0].address": "某地",
      "sites[0].provinceCode": "350000",
      "sites[0].cityCode": "440100", // not in Fujian
      "sites[0].locationSource": "field_check",
      "sites[0].latitude": "25.3",
      "sites[1].type": "warehouse",
      "sites[1].address": "某仓库",
      "sites[1].locationSource": "other",
      "sites[1].provinceCode": "350000",
      "sites[1].latitude": "119.1", // swapped with longitude
      "sites[1].longitude": "25.3",
      "sites[1].coordinateSystem": "wgs84",
    });
    expect(errors["sites[0].cityCode"]).toEqual(["cases.validation.divisionMismatch"]);
    expect(errors["sites[0].longitude"]).toEqual(["cases.validation.coordinatePair"]);
    expect(errors["sites[0].coordinateSystem"]).toEqual(["cases.validation.coordinateSystemRequired"]);
    expect(errors["sites[1].cityCode"]).toEqual(["cases.validation.cityRequired"]);
    expect(errors["sites[1].latitude"]).toEqual(["cases.validation.latitude"]);
  });

  it("checks amounts, whole numbers, dates, confidences and duplicates", () => {
    const errors = errorsOf({
      ...minimal,
      salesAmount: "12.345",
      illegalGains: "三万",
      "accounts[0].marketplace": "taobao",
      "accounts[0].storeId": "store 1",
      "accounts[0].orders": "12.5",
      "accounts[0].periodFrom": "2026-07-01",
      "accounts[0].periodTo": "2026-02-30",
      "accounts[0].linkReasons[0].reason": "shared_ip",
      "accounts[0].linkReasons[0].confidence": "101",
      "accounts[0].linkReasons[1].reason": "shared_ip",
      "accounts[0].linkReasons[1].confidence": "50",
      "accounts[1].marketplace": "tmall",
      "accounts[1].storeId": "A1",
      "accounts[2].marketplace": "tmall",
      "accounts[2].storeId": "A1",
    });
    expect(errors).toMatchObject({
      salesAmount: ["cases.validation.amount"],
      illegalGains: ["cases.validation.amount"],
      "accounts[0].storeId": ["cases.validation.noSpaces"],
      "accounts[0].orders": ["cases.validation.wholeNumber"],
      "accounts[0].periodTo": ["cases.validation.date"],
      "accounts[0].linkReasons[0].confidence": ["cases.validation.confidence"],
      "accounts[0].linkReasons[1].reason": ["cases.validation.duplicateReason"],
      "accounts[2].storeId": ["cases.validation.duplicateStore"],
    });
    expect(errorsOf({ ...minimal, "accounts[0].marketplace": "taobao", "accounts[0].storeId": "1", "accounts[0].periodFrom": "2026-07-01", "accounts[0].periodTo": "2026-06-30" })).toMatchObject({
      "accounts[0].periodTo": ["cases.validation.periodOrder"],
    });
  });
});
