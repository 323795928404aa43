/**
 * The joint-operation forms' schemas, shared by the browser and the server. That the agencies exist and are
 * police agencies, and that the code is free, only the server can check (joint-operations.server.ts).
 * Messages are translation keys (app/locales/operations.*.ts), with parameters in query form.
 */
import { z } from "zod";

const isoDate = z
  .string({ required_error: "validation.required" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "operations.validation.date")
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, "operations.validation.date");

const MAX_AGENCIES = 50;

const OperationFields = z.object({
  /** The version the form was loaded at (edits only): a later save by someone else is not overwritten. */
  version: z.coerce.number().int().positive().optional(),
  code: z
    .string({ required_error: "validation.required" })
    .trim()
    .max(40, "validation.tooLong?max=40")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "operations.validation.code"),
  nameZh: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong?max=200"),
  nameEn: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong?max=200"),
  description: z.string().trim().max(2000, "validation.tooLong?max=2000").optional(),
  startsOn: isoDate,
  endsOn: isoDate.optional(),
  agencyIds: z
    .array(z.string().uuid("validation.invalidChoice"), { required_error: "operations.validation.agenciesRequired" })
    .min(1, "operations.validation.agenciesRequired")
    .max(MAX_AGENCIES, "operations.validation.agenciesRequired")
    .transform((ids) => [...new Set(ids)]),
});

/**
 * The period checked on its own, so "the last day is before the first" shows together with the other fields'
 * messages rather than only once they are all right (an object's refinement runs only when its fields pass).
 */
const OperationPeriod = z
  .object({ startsOn: z.string().trim().optional(), endsOn: z.string().trim().optional() })
  .superRefine((value, context) => {
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (value.startsOn && value.endsOn && day.test(value.startsOn) && day.test(value.endsOn) && value.endsOn < value.startsOn) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["endsOn"], message: "operations.validation.endBeforeStart" });
    }
  });

export const OperationFormSchema = OperationFields.and(OperationPeriod);
export type OperationFormValues = z.infer<typeof OperationFormSchema>;

export const AttachCaseSchema = z.object({
  intent: z.literal("attach"),
  reference: z
    .string({ required_error: "operations.validation.referenceRequired" })
    .trim()
    .min(1, "operations.validation.referenceRequired")
    .max(40, "validation.tooLong?max=40")
    .transform((value) => value.toUpperCase()),
});

export const DetachCaseSchema = z.object({
  intent: z.literal("detach"),
  caseId: z.string({ required_error: "validation.required" }).uuid("validation.invalidChoice"),
  reason: z
    .string({ required_error: "operations.validation.reasonRequired" })
    .trim()
    .min(1, "operations.validation.reasonRequired")
    .max(1000, "validation.tooLong?max=1000"),
});
