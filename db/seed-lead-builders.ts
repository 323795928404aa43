/**
 * A small builder for demo leads, so that each lead of the police side's demo world
 * (db/seed-police-leads.ts, db/seed-police-inbox-leads.ts) is one row of data: the province and city come
 * from the district, identity numbers and credit codes get their check characters computed (GB 11643,
 * GB 32100). The result goes through LeadFormSchema like a form post (db/seed-police-cases.ts).
 */
import { creditCodeCheckCharacter } from "../app/domain/credit-code";
import { idNumberCheckDigit } from "../app/domain/personal-data";

type SiteType = "factory" | "warehouse" | "sales_point" | "label_printer" | "other";
type LinkReason =
  | "shared_phone"
  | "shared_device"
  | "shared_ip"
  | "shared_payment_account"
  | "shared_return_address"
  | "shared_waybill_sender";

export interface PoliceDemoLead {
  reference: string;
  /** When the investigator created the lead. */
  at: string;
  /** The joint operation the lead belongs to, by code (db/seed-mous.ts). */
  operation?: "spring-shoes-2026" | "cloud-sword-2026";
  lead: Record<string, unknown> & { title: string };
}

export const NIKE = { brand: "NIKE", rightsHolder: "耐克创新有限合伙公司（Nike Innovate C.V.）", trademarkRegistrationNo: "146658" };
export const JORDAN = { brand: "AIR JORDAN / Jumpman", rightsHolder: "耐克创新有限合伙公司（Nike Innovate C.V.）", trademarkRegistrationNo: "G1256782" };
export const ADIDAS = { brand: "adidas", rightsHolder: "阿迪达斯有限公司（adidas AG）", trademarkRegistrationNo: "G730835" };
export const CONVERSE = { brand: "CONVERSE", rightsHolder: "匡威公司（Converse Inc.）", trademarkRegistrationNo: "G1075386" };
export const NEW_BALANCE = { brand: "New Balance / NB", rightsHolder: "新平衡体育运动公司（New Balance Athletics, Inc.）", trademarkRegistrationNo: "G1159341" };
export const PUMA = { brand: "PUMA", rightsHolder: "彪马欧洲公司（PUMA SE）", trademarkRegistrationNo: "G484788" };
export const SKECHERS = { brand: "SKECHERS", rightsHolder: "斯凯奇美国有限公司（Skechers U.S.A., Inc. II）", trademarkRegistrationNo: "G1121706" };
export const UNDER_ARMOUR = { brand: "UNDER ARMOUR", rightsHolder: "安德玛有限公司（Under Armour, Inc.）", trademarkRegistrationNo: "G1007921" };

/** A suspected site; province and city follow from the six-digit district code. */
export function site(type: SiteType, districtCode: string, address: string, more: Record<string, unknown> = {}) {
  return {
    type,
    address,
    provinceCode: `${districtCode.slice(0, 2)}0000`,
    cityCode: `${districtCode.slice(0, 4)}00`,
    districtCode,
    locationSource: "waybill_ship_from",
    ...more,
  };
}

/** Coordinates (GCJ-02, as read off a Chinese map) and how precise they are. */
export function at(latitude: number, longitude: number, precisionMeters: number, locationSource = "field_check") {
  return { latitude, longitude, coordinateSystem: "gcj02", precisionMeters, locationSource };
}

export function store(
  marketplace: "taobao" | "tmall" | "alibaba_1688",
  storeId: string,
  sellerId: string,
  storeName: string,
  sales: [gmv: string, orders: number, periodFrom: string, periodTo: string] | null,
  links: [LinkReason, number][],
  status: "active" | "frozen" | "closed" = "active",
) {
  return {
    marketplace,
    storeId,
    sellerId,
    storeName,
    status,
    ...(sales ? { gmv: sales[0], orders: sales[1], periodFrom: sales[2], periodTo: sales[3] } : {}),
    linkReasons: links.map(([reason, confidence]) => ({ reason, confidence })),
  };
}

/** An enterprise by the first 17 characters of its unified social credit code. */
export function firm(name: string, creditCode17: string, role: string, address?: string) {
  const check = creditCodeCheckCharacter(creditCode17);
  if (!check) throw new Error(`seed: bad credit code ${creditCode17}`);
  return { name, creditCode: creditCode17 + check, role, ...(address ? { address } : {}) };
}

/** A suspect by the first 17 digits of the identity number. */
export function suspect(role: string, name: string, idNumber17: string, phone: string, notes?: string) {
  const check = idNumberCheckDigit(idNumber17);
  if (!check) throw new Error(`seed: bad identity number ${idNumber17}`);
  return { role, name, idNumber: idNumber17 + check, phone, ...(notes ? { notes } : {}) };
}

export function ship(courier: string, waybillNo: string, districtCode: string, shipFromAddress: string, dailyVolume: number, notes?: string) {
  return {
    courier,
    waybillNo,
    shipFromAddress,
    shipFromProvinceCode: `${districtCode.slice(0, 2)}0000`,
    shipFromCityCode: `${districtCode.slice(0, 4)}00`,
    shipFromDistrictCode: districtCode,
    dailyVolume,
    ...(notes ? { notes } : {}),
  };
}

export function buy(
  orderNo: string,
  storeId: string,
  amount: string,
  purchasedOn: string,
  sampleDescription: string,
  sampleLocation: string,
  authenticationReport: string,
  waybillNo = "",
) {
  return { orderNo, storeId, amount, purchasedOn, sampleDescription, sampleLocation, authenticationReport, waybillNo };
}

/** Sales periods of the linked stores. */
export const H1 = ["2026-03-01", "2026-08-31"] as const;
export const H2 = ["2026-04-01", "2026-09-30"] as const;
export const H3 = ["2026-05-01", "2026-10-31"] as const;
