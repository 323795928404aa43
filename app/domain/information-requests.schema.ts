/** The forms of requests for information and case comments, shared by the browser and the actions. */
import { z } from "zod";
import { DISCUSSION_TEXT_MAX, parseCalendarDay, REQUEST_SUBJECT_MAX } from "./information-requests";

const requiredText = (max: number) =>
  z
    .string({ required_error: "validation.required", invalid_type_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, `validation.tooLong?max=${max}`);

export const NewRequestSchema = z.object({
  intent: z.literal("create_request"),
  subject: requiredText(REQUEST_SUBJECT_MAX),
  body: requiredText(DISCUSSION_TEXT_MAX),
  // Not in the past and not too far ahead is the server's check (it knows today in the portal's time zone).
  dueDate: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .refine((value) => parseCalendarDay(value) !== null, "collaboration.requests.errors.dueDateInvalid"),
});
export type NewRequestForm = z.infer<typeof NewRequestSchema>;

/** A comment on the case (no request) or a reply in a request's thread (the route says which). */
export const CommentSchema = z.object({
  intent: z.literal("comment"),
  body: requiredText(DISCUSSION_TEXT_MAX),
});

export const CloseRequestSchema = z.object({
  intent: z.literal("close"),
  version: z.coerce
    .number({ invalid_type_error: "collaboration.requests.errors.staleUnknown", required_error: "collaboration.requests.errors.staleUnknown" })
    .int("collaboration.requests.errors.staleUnknown")
    .positive("collaboration.requests.errors.staleUnknown"),
});
