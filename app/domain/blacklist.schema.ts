/**
 * The blacklist's forms: propose a candidate, review a proposal, sign off and publish the draft, record a
 * correction against a published version. Messages are translation keys (docs/decisions/0007), so the same
 * schema checks in the browser and on the server, in both languages.
 */
import { z } from "zod";
import { BLACKLIST_CORRECTION_KINDS, BLACKLIST_LIMITS, PUBLISHABLE_FIELDS, REVIEW_DECISIONS, parseCandidateKey } from "./blacklist";
import { creditCodeProblem, normaliseCreditCode } from "./credit-code";
import { choice, formVersion, optionalText, required, requiredText, uuid } from "./police.schema";

const publishableFields = z
  .array(choice(PUBLISHABLE_FIELDS))
  .max(PUBLISHABLE_FIELDS.length)
  .optional()
  .default([])
  // A list entry without the enterprise's name says nothing about anyone.
  .refine((fields) => fields.includes("name"), "blacklist.validation.nameMustBePublished");

export const ProposeSchema = z.object({
  intent: z.literal("propose"),
  candidate: z.string({ required_error: required }).refine((key) => parseCandidateKey(key) !== null, "validation.invalidChoice"),
  publishableFields,
  note: requiredText(BLACKLIST_LIMITS.note),
});
export type ProposeInput = z.output<typeof ProposeSchema>;

export const ReviewSchema = z.object({
  intent: z.literal("review"),
  entryId: uuid,
  version: formVersion,
  decision: choice(REVIEW_DECISIONS),
  note: requiredText(BLACKLIST_LIMITS.note),
});
export type ReviewInput = z.output<typeof ReviewSchema>;

export const PublishSchema = z.object({
  intent: z.literal("publish"),
  draftId: uuid,
  version: formVersion,
  publicationNote: optionalText(BLACKLIST_LIMITS.note),
});
export type PublishInput = z.output<typeof PublishSchema>;

export const CorrectionSchema = z
  .object({
    intent: z.literal("correct"),
    entryId: uuid,
    kind: choice(BLACKLIST_CORRECTION_KINDS),
    reason: requiredText(BLACKLIST_LIMITS.note),
    /** For an amendment: the enterprise's name as it should read (empty keeps it). */
    enterpriseName: optionalText(BLACKLIST_LIMITS.name),
    /** For an amendment: the credit code as it should read (empty keeps it). */
    creditCode: z
      .string()
      .transform(normaliseCreditCode)
      .superRefine((code, context) => {
        const problem = code ? creditCodeProblem(code) : null;
        if (problem) context.addIssue({ code: "custom", message: `cases.validation.creditCode.${problem}` });
      })
      .optional()
      .default(""),
    /** For an amendment: the fields to publish from now on. */
    publishableFields: z.array(choice(PUBLISHABLE_FIELDS)).max(PUBLISHABLE_FIELDS.length).optional().default([]),
  })
  .superRefine((input, context) => {
    if (input.kind === "amended" && !input.publishableFields.includes("name")) {
      context.addIssue({ code: "custom", path: ["publishableFields"], message: "blacklist.validation.nameMustBePublished" });
    }
  });
export type CorrectionInput = z.output<typeof CorrectionSchema>;
