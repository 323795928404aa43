/**
 * The platform's follow-up forms: record a store closure, an account ban or a blacklist candidate, and
 * retract one with a reason. A store or account is one of the lead's linked accounts, or typed in (marketplace
 * and store or seller id); a blacklist candidate is one of the lead's enterprises, or typed in (name and a
 * unified social credit code that passes the GB 32100 check), with what of it may be published.
 */
import { z } from "zod";
import { isIsoDate, MARKETPLACES } from "./cases.schema";
import { creditCodeProblem, normaliseCreditCode } from "./credit-code";
import { PLATFORM_ACTION_KINDS, POLICE_LIMITS, PUBLISHABLE_FIELDS } from "./police";
import { choice, formVersion, optionalText, required, requiredText, uuid } from "./police.schema";

const platformId = z.string().trim().max(64, "validation.tooLong?max=64").regex(/^\S*$/, "cases.validation.noSpaces").optional().default("");

export const PlatformActionFormSchema = z
  .object({
    kind: choice(PLATFORM_ACTION_KINDS),
    /** One of the lead's linked accounts; empty to type one in. */
    caseAccountId: uuid.optional(),
    marketplace: choice(MARKETPLACES).optional(),
    storeId: platformId,
    sellerId: platformId,
    /** One of the lead's enterprises; empty to type one in. */
    caseEnterpriseId: uuid.optional(),
    enterpriseName: optionalText(200),
    creditCode: z
      .string()
      .transform(normaliseCreditCode)
      .superRefine((code, context) => {
        const problem = code ? creditCodeProblem(code) : null;
        if (problem) context.addIssue({ code: "custom", message: `cases.validation.creditCode.${problem}` });
      })
      .optional()
      .default(""),
    publishableFields: z.array(choice(PUBLISHABLE_FIELDS)).max(PUBLISHABLE_FIELDS.length).optional().default([]),
    takenOn: z.string({ required_error: required }).refine(isIsoDate, "cases.validation.date"),
    note: optionalText(POLICE_LIMITS.longText),
  })
  .superRefine((action, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    if (action.kind === "blacklist_candidate") {
      if (!action.caseEnterpriseId) {
        if (!action.enterpriseName) issue("enterpriseName", required);
        if (!action.creditCode) issue("creditCode", required);
      }
      if (!action.note) issue("note", "police.platformAction.validation.reasonRequired");
      return;
    }
    if (action.caseAccountId) return;
    if (!action.marketplace) issue("marketplace", required);
    if (action.kind === "store_closed" && !action.storeId) issue("storeId", required);
    if (action.kind === "account_banned" && !action.sellerId && !action.storeId) issue("sellerId", "police.platformAction.validation.accountRequired");
  });

export type PlatformActionInput = z.output<typeof PlatformActionFormSchema>;

export const RetractFormSchema = z.object({
  actionId: uuid,
  version: formVersion,
  reason: requiredText(1000),
});
export type RetractInput = z.output<typeof RetractFormSchema>;
