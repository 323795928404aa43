/**
 * The outcome record's form (one per case): filing (立案) and the police case number, persons by measure,
 * charges by article, and either the criminal route (procuratorate, indictment, court, judgment) or the
 * administrative one (market regulation's decision). Counts are whole numbers from zero, amounts yuan with at
 * most two decimals, days real and in order: transfer ≤ indictment ≤ judgment. "Not in the future" needs
 * today in the portal's time zone, so the server checks it (outcomeDateErrors) as well as the browser.
 */
import { z } from "zod";
import { CRIMINAL_ARTICLES } from "./cases.schema";
import { FILING_DECISIONS, OUTCOME_ROUTES, POLICE_LIMITS, VERDICTS } from "./police";
import { choice, count, formVersion, isoDate, money, optionalText, required } from "./police.schema";

const MAX_PERSONS = 100_000;

export const CRIMINAL_FIELDS = [
  "transferredToProcuratorateOn",
  "procuratorate",
  "indictedOn",
  "court",
  "judgmentOn",
  "verdict",
  "sentence",
  "finesYuan",
] as const;
export const ADMINISTRATIVE_FIELDS = [
  "administrativeAuthority",
  "administrativeDecision",
  "administrativeDecidedOn",
  "administrativeFineYuan",
] as const;
/** The days of the record, each checked against today. */
export const OUTCOME_DATE_FIELDS = [
  "filedOn",
  "transferredToProcuratorateOn",
  "indictedOn",
  "judgmentOn",
  "administrativeDecidedOn",
] as const;

export const OutcomeFormSchema = z
  .object({
    version: formVersion,
    filingDecision: choice(FILING_DECISIONS).optional(),
    policeCaseNumber: optionalText(60),
    filedOn: isoDate,
    notFiledReason: optionalText(POLICE_LIMITS.longText),
    detained: count(MAX_PERSONS),
    arrested: count(MAX_PERSONS),
    onBail: count(MAX_PERSONS),
    residentialSurveillance: count(MAX_PERSONS),
    charges: z.array(choice(CRIMINAL_ARTICLES)).max(CRIMINAL_ARTICLES.length).optional().default([]),
    route: choice(OUTCOME_ROUTES).optional(),
    transferredToProcuratorateOn: isoDate,
    procuratorate: optionalText(200),
    indictedOn: isoDate,
    court: optionalText(200),
    judgmentOn: isoDate,
    verdict: choice(VERDICTS).optional(),
    sentence: optionalText(POLICE_LIMITS.longText),
    finesYuan: money,
    administrativeAuthority: optionalText(200),
    administrativeDecision: optionalText(POLICE_LIMITS.longText),
    administrativeDecidedOn: isoDate,
    administrativeFineYuan: money,
  })
  .superRefine((outcome, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    if (outcome.filingDecision === "not_filed" && !outcome.notFiledReason) issue("notFiledReason", required);
    if (outcome.filingDecision !== "filed" && outcome.filedOn) issue("filedOn", "police.outcome.validation.filedOnWithoutFiling");
    if (outcome.filingDecision !== "not_filed" && outcome.notFiledReason) {
      issue("notFiledReason", "police.outcome.validation.reasonOnlyWhenNotFiled");
    }
    const filled = (field: string) => {
      const value = (outcome as Record<string, unknown>)[field];
      return value !== undefined && value !== null && value !== "";
    };
    // Each route's fields belong to it: typed into the other one they would be lost, so say so.
    const criminalFilled = CRIMINAL_FIELDS.filter(filled);
    const administrativeFilled = ADMINISTRATIVE_FIELDS.filter(filled);
    if (!outcome.route && (criminalFilled.length || administrativeFilled.length)) issue("route", "police.outcome.validation.routeRequired");
    if (outcome.route === "criminal") {
      for (const field of administrativeFilled) issue(field, "police.outcome.validation.otherRoute");
    }
    if (outcome.route === "administrative") {
      for (const field of criminalFilled) issue(field, "police.outcome.validation.otherRoute");
    }
    if (outcome.verdict && !outcome.judgmentOn) issue("judgmentOn", "police.outcome.validation.judgmentDateRequired");
    // Days in the order the procedure takes them (each compared only when both are real days).
    const ordered = (earlier: keyof typeof outcome, later: keyof typeof outcome) => {
      const first = outcome[earlier];
      const second = outcome[later];
      return !(typeof first === "string" && typeof second === "string" && /^\d{4}-\d{2}-\d{2}$/.test(first) && first > second);
    };
    if (!ordered("filedOn", "transferredToProcuratorateOn")) issue("transferredToProcuratorateOn", "police.outcome.validation.beforeFiling");
    if (!ordered("transferredToProcuratorateOn", "indictedOn")) issue("indictedOn", "police.outcome.validation.beforeTransfer");
    if (!ordered("indictedOn", "judgmentOn")) issue("judgmentOn", "police.outcome.validation.beforeIndictment");
    if (!outcome.indictedOn && !ordered("transferredToProcuratorateOn", "judgmentOn")) issue("judgmentOn", "police.outcome.validation.beforeTransfer");
  });

export type OutcomeFormValue = z.output<typeof OutcomeFormSchema>;
export type OutcomeInput = Omit<OutcomeFormValue, "version">;

/** Days after today (in the portal's time zone) are refused: an outcome records what has happened. */
export function outcomeDateErrors(input: Partial<Record<(typeof OUTCOME_DATE_FIELDS)[number], string | undefined>>, today: string) {
  const errors: Record<string, string[]> = {};
  for (const field of OUTCOME_DATE_FIELDS) {
    const value = input[field];
    if (value && value > today) errors[field] = ["police.validation.future"];
  }
  return errors;
}
