/** Form schemas of /admin/integrations (webhook endpoints, feed tokens, the delivery log), shared by browser and server. */
import { z } from "zod";

export const DELIVERY_STATUSES = ["pending", "retrying", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why a webhook URL is refused, as a translation key (integrations.validation.*), or null when it is fine. */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "integrations.validation.urlInvalid";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "integrations.validation.urlProtocol";
  // A secret in the URL would be shown in the log and the page; the HMAC signature authenticates instead.
  if (url.username || url.password) return "integrations.validation.urlCredentials";
  if (!url.hostname) return "integrations.validation.urlInvalid";
  return null;
}

export const CreateEndpointSchema = z.object({
  intent: z.literal("create-endpoint"),
  url: z
    .string({ required_error: "validation.required" })
    .trim()
    .max(2000, "validation.tooLong?max=2000")
    .superRefine((value, context) => {
      const problem = webhookUrlProblem(value);
      if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
  description: z.string().trim().max(200, "validation.tooLong?max=200").optional(),
});
export type CreateEndpointInput = z.infer<typeof CreateEndpointSchema>;

export const CreateTokenSchema = z.object({
  intent: z.literal("create-token"),
  name: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong?max=100"),
  organisationId: z.string({ required_error: "validation.required" }).uuid("validation.invalidChoice"),
});
export type CreateTokenInput = z.infer<typeof CreateTokenSchema>;

export const RecordActionSchema = z.object({
  intent: z.enum(["disable-endpoint", "test-endpoint", "revoke-token"], { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  id: z.string().uuid("validation.invalidChoice"),
});

export const DeliveryFiltersSchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional().catch(undefined),
  after: z
    .string()
    .regex(/^[^|]+\|[0-9a-f-]{36}$/i)
    .optional()
    .catch(undefined),
});
export type DeliveryFilters = z.infer<typeof DeliveryFiltersSchema>;
