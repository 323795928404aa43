/**
 * The MOU form's schema, shared by the browser and the server. Division codes must also exist (GB/T 2260),
 * which only the server can check (mous.server.ts, with divisions.server.ts).
 */
import { z } from "zod";
import { GOODS_CATEGORIES } from "./cases.schema";
import { LIAISON_SIDES } from "./mous";

const isoDate = z
  .string({ required_error: "validation.required" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "admin.mous.validation.date")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "admin.mous.validation.date");

export const MAX_LIAISON_CONTACTS = 6;

const ContactSchema = z.object({
  side: z.enum(LIAISON_SIDES, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  name: z.string().trim().max(100, "validation.tooLong?max=100").optional(),
  title: z.string().trim().max(100, "validation.tooLong?max=100").optional(),
  phone: z.string().trim().max(40, "validation.tooLong?max=40").optional(),
  email: z.string().trim().max(254, "validation.tooLong?max=254").email("validation.email").optional(),
});

export const MouFormSchema = z
  .object({
    /** The version the form was loaded at (edits only): a later save by someone else is not overwritten. */
    version: z.coerce.number().int().positive().optional(),
    reference: z
      .string({ required_error: "validation.required" })
      .trim()
      .max(40, "validation.tooLong?max=40")
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "admin.mous.validation.reference"),
    titleZh: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(300, "validation.tooLong?max=300"),
    titleEn: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(300, "validation.tooLong?max=300"),
    policeOrganisationId: z.string({ required_error: "validation.required" }).uuid("validation.invalidChoice"),
    signedOn: isoDate,
    effectiveFrom: isoDate,
    effectiveUntil: isoDate.optional(),
    scopeCategories: z
      .array(z.enum(GOODS_CATEGORIES, { errorMap: () => ({ message: "validation.invalidChoice" }) }), {
        required_error: "admin.mous.validation.scopeRequired",
      })
      .min(1, "admin.mous.validation.scopeRequired"),
    /** Codes separated by spaces, commas or Chinese punctuation. */
    territory: z
      .string({ required_error: "admin.mous.validation.territoryRequired" })
      .trim()
      .max(2000, "validation.tooLong?max=2000")
      .transform((value) => [...new Set(value.split(/[\s,，、;；]+/).filter(Boolean))])
      // One message on the field itself (not one per code), so the form shows it where the codes are typed.
      .superRefine((codes, context) => {
        const issue = (message: string) => context.addIssue({ code: z.ZodIssueCode.custom, message });
        if (codes.length === 0) issue("admin.mous.validation.territoryRequired");
        else if (codes.length > 50) issue("admin.mous.validation.territoryTooMany?max=50");
        else if (codes.some((code) => !/^\d{6}$/.test(code))) issue("admin.validation.divisionCode");
      }),
    decisionPeriodDays: z.coerce
      .number({ required_error: "validation.required", invalid_type_error: "admin.mous.validation.decisionPeriod" })
      .int("admin.mous.validation.decisionPeriod")
      .min(1, "admin.mous.validation.decisionPeriod")
      .max(30, "admin.mous.validation.decisionPeriod"),
    contacts: z.array(ContactSchema).max(MAX_LIAISON_CONTACTS).optional(),
  })
  .superRefine((value, context) => {
    if (value.effectiveUntil && value.effectiveUntil < value.effectiveFrom) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["effectiveUntil"], message: "admin.mous.validation.untilBeforeFrom" });
    }
    value.contacts?.forEach((contact, index) => {
      const anything = Boolean(contact.name || contact.title || contact.phone || contact.email);
      if (anything && !contact.name) {
        context.addIssue({ code: z.ZodIssueCode.custom, path: ["contacts", index, "name"], message: "admin.mous.validation.contactName" });
      }
    });
  });
export type MouFormValues = z.infer<typeof MouFormSchema>;

export const EndMouSchema = z.object({
  intent: z.literal("end"),
  version: z.coerce.number().int().positive(),
  reason: z
    .string({ required_error: "admin.mous.validation.endReason" })
    .trim()
    .min(1, "admin.mous.validation.endReason")
    .max(1000, "validation.tooLong?max=1000"),
});

export const MouListFiltersSchema = z.object({
  status: z.enum(["in_force", "expiring", "not_yet_in_force", "expired", "ended"]).optional().catch(undefined),
  agency: z.string().uuid().optional().catch(undefined),
});
