/** Evidence forms, shared by the browser (instant feedback) and the server (the real check). */
import { z } from "zod";
import { CASE_EVIDENCE_KINDS, EVIDENCE_SENSITIVITIES } from "./evidence";

const choice = {
  errorMap: (issue: z.ZodIssueOptionalMessage) => ({
    message: issue.code === "invalid_type" && issue.received === "undefined" ? "validation.required" : "validation.invalidChoice",
  }),
};

/** What the uploader says about each file (or, without JavaScript, about every file of one post). */
export const EvidenceFieldsSchema = z.object({
  kind: z.enum(CASE_EVIDENCE_KINDS, choice),
  sensitivity: z.enum(EVIDENCE_SENSITIVITIES, choice).default("normal"),
  description: z.string().trim().max(2000, "validation.tooLong?max=2000").default(""),
  capturedBy: z.string().trim().max(200, "validation.tooLong?max=200").default(""),
  /** datetime-local, in the portal's time zone; checked and converted on the server (evidence.server.ts). */
  capturedAt: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "evidence.validation.capturedAtInvalid")
    .optional(),
});
export type EvidenceFields = z.infer<typeof EvidenceFieldsSchema>;

export const WithdrawEvidenceSchema = z.object({
  reason: z
    .string({ required_error: "evidence.validation.reasonRequired" })
    .trim()
    .min(1, "evidence.validation.reasonRequired")
    .max(1000, "validation.tooLong?max=1000"),
});

/** The reason given for a download (a query parameter); required for restricted files. */
export const DownloadReasonSchema = z.string().trim().max(500).default("");
