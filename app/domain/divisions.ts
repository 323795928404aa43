/**
 * GB/T 2260 administrative divisions. A six-digit code is province (2 digits) + city (2) + district (2);
 * a province is written 350000, a city 350300, a district 350302.
 */

export type DivisionLevel = "province" | "city" | "district";

/** One choice of a division picker (names from divisions.server.ts). */
export interface DivisionOption {
  code: string;
  name: string;
}

export function isDivisionCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

export function divisionLevel(code: string): DivisionLevel {
  if (code.endsWith("0000")) return "province";
  if (code.endsWith("00")) return "city";
  return "district";
}

export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

export function cityOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

/** Whether a territory (province, city or district) contains a division, e.g. 350300 covers 350305. */
export function divisionCovers(territoryCode: string, code: string): boolean {
  if (!isDivisionCode(territoryCode) || !isDivisionCode(code)) return false;
  switch (divisionLevel(territoryCode)) {
    case "province":
      return code.slice(0, 2) === territoryCode.slice(0, 2);
    case "city":
      return code.slice(0, 4) === territoryCode.slice(0, 4);
    case "district":
      return code === territoryCode;
  }
}
