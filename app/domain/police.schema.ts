/**
 * Field rules shared by the police forms (notes, raids, the outcome record, the platform's follow-up), and the
 * note form's schema. Messages are translation keys, as in the lead form (docs/decisions/0007); the lead
 * form's messages for amounts, dates and divisions are reused where they say the same thing.
 */
import { z } from "zod";
import { isIsoDate } from "./cases.schema";
import { NOTE_VISIBILITIES, POLICE_LIMITS } from "./police";
import { UUID_PATTERN } from "~/lib/ids";

export const required = "validation.required";
export const tooLong = (max: number) => `validation.tooLong?max=${max}`;

export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    errorMap: (issue, context) => ({
      message: issue.code === "invalid_type" && context.data === undefined ? required : "validation.invalidChoice",
    }),
  });
}

/** Required text: conform turns an empty input into undefined, hence the required_error. */
export function requiredText(max: number) {
  return z.string({ required_error: required }).trim().min(1, required).max(max, tooLong(max));
}

export function optionalText(max: number) {
  return z.string().trim().max(max, tooLong(max)).optional().default("");
}

/** Yuan, zero or more, with at most two decimals; kept as a string (numeric(16,2) columns). */
export const money = z
  .string()
  .transform((value) => value.replace(/[,，\s]/g, "").replace(/^[¥￥]/, ""))
  .pipe(z.string().regex(/^\d{1,14}(\.\d{1,2})?$/, "cases.validation.amount"))
  .optional();

/** A count of people or items: a whole number, zero or more; empty means 0. */
export function count(max: number) {
  return z
    .number({ invalid_type_error: "cases.validation.wholeNumber" })
    .int("cases.validation.wholeNumber")
    .min(0, "cases.validation.wholeNumber")
    .max(max, `cases.validation.atMost?max=${max}`)
    .optional()
    .default(0);
}

/** A calendar day (YYYY-MM-DD, what <input type="date"> posts). */
export const isoDate = z.string().refine(isIsoDate, "cases.validation.date").optional();

/** Today in the portal's time zone, YYYY-MM-DD: the latest day a record may name. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export const uuid = z.string().regex(UUID_PATTERN, "validation.invalidChoice");

/** The version a form was drawn from (0: the record did not exist yet). */
export const formVersion = z.number({ required_error: required, invalid_type_error: "validation.invalidChoice" }).int().min(0);

export const NoteFormSchema = z.object({
  visibility: choice(NOTE_VISIBILITIES),
  body: requiredText(POLICE_LIMITS.noteLength),
});
export type NoteInput = z.output<typeof NoteFormSchema>;
