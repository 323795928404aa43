/**
 * Unified social credit codes (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character alphabet
 * (the digits and the capitals without I, O, S, V, Z). Position 1 is the registration authority, 2 the kind of
 * organisation, 3–8 the GB/T 2260 division of registration, 9–17 the organisation code, and 18 a check
 * character computed from the first 17 with the weights 3^i mod 31.
 */

export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Upper case, without the spaces and hyphens people paste in. */
export function normaliseCreditCode(input: string): string {
  return input.replace(/[\s-]/g, "").toUpperCase();
}

/** The check character for the first 17 characters, or null if they are not from the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[index]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[index]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = "length" | "characters" | "check_character";

/** Why a (normalised) code is not valid, or null if it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  if (!SHAPE.test(code)) return "characters";
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : "check_character";
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}
