/**
 * Suspects' personal data: resident identity numbers (GB 11643-1999) and phone numbers. Validated on input;
 * shown masked to everyone whose role does not need them (policy action "case.view_personal_data").
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARACTERS = "10X98765432";

export function normaliseIdNumber(input: string): string {
  return input.replace(/\s/g, "").toUpperCase();
}

/** The check digit (0–9 or X) for the first 17 digits, or null if they are not 17 digits. */
export function idNumberCheckDigit(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * ID_WEIGHTS[index]!;
  return ID_CHECK_CHARACTERS[sum % 11]!;
}

export type IdNumberProblem = "length" | "characters" | "birth_date" | "check_digit";

/** Why an 18-character resident identity number is not valid, or null if it is. */
export function idNumberProblem(idNumber: string, today = new Date()): IdNumberProblem | null {
  if (idNumber.length !== 18) return "length";
  if (!/^\d{17}[\dX]$/.test(idNumber)) return "characters";
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > today.getTime()
  ) {
    return "birth_date";
  }
  return idNumberCheckDigit(idNumber.slice(0, 17)) === idNumber[17] ? null : "check_digit";
}

export function isValidIdNumber(idNumber: string): boolean {
  return idNumberProblem(idNumber) === null;
}

/** Digits, with an optional +86 and the separators people type between groups removed. */
export function normalisePhone(input: string): string {
  return input.replace(/[\s()]/g, "").replace(/^\+?86-?(?=1\d{10}$)/, "");
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** A mainland mobile number (11 digits from 13…–19…) or a landline with its area code (0594-2345678). */
export function isValidPhone(phone: string): boolean {
  return MOBILE.test(phone) || LANDLINE.test(phone);
}

const MASK = "*";

/** 350305198503120017 → 350***********0017: the province stays readable, the birth date and serial do not. */
export function maskIdNumber(idNumber: string): string {
  if (!idNumber) return "";
  if (idNumber.length <= 7) return MASK.repeat(idNumber.length);
  return idNumber.slice(0, 3) + MASK.repeat(idNumber.length - 7) + idNumber.slice(-4);
}

/** 13805941234 → 138****1234; 0594-2345678 → 059*-***5678: the first three and last four digits stay. */
export function maskPhone(phone: string): string {
  if (!phone) return "";
  const digits = phone.replace(/\D/g, "").length;
  if (digits <= 7) return phone.replace(/\d/g, MASK);
  let seen = 0;
  return phone.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= 3 || seen > digits - 4 ? digit : MASK;
  });
}

/** Whether a value is (or looks like) the output of a mask function: such a value is never saved back. */
export function isMasked(value: string): boolean {
  return value.includes(MASK);
}
