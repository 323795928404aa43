/** Form schemas of the administrators' user and organisation pages, shared by the browser and the server. */
import { z } from "zod";
import { ROLES } from "./policy";

const choice = { errorMap: () => ({ message: "validation.invalidChoice" }) };

export const USER_STATUSES = ["active", "locked", "deactivated", "two_factor_missing"] as const;
export type UserStatusFilter = (typeof USER_STATUSES)[number];

export const UserFiltersSchema = z.object({
  q: z.string().trim().max(254).optional().catch(undefined),
  organisation: z.string().uuid().optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
});
export type UserFilters = z.infer<typeof UserFiltersSchema>;

export const InviteUserSchema = z.object({
  email: z
    .string({ required_error: "validation.required" })
    .trim()
    .max(254, "validation.tooLong?max=254")
    .email("validation.email"),
  displayName: z.string().trim().max(100, "validation.tooLong?max=100").optional(),
  organisationId: z.string({ required_error: "validation.required" }).uuid("validation.invalidChoice"),
  role: z.enum(ROLES, choice),
});

export const ChangeRoleSchema = z.object({
  intent: z.literal("change-role"),
  role: z.enum(ROLES, choice),
});

export const DeactivateUserSchema = z.object({
  intent: z.literal("deactivate"),
  reason: z
    .string({ required_error: "admin.users.validation.reasonRequired" })
    .trim()
    .min(1, "admin.users.validation.reasonRequired")
    .max(500, "validation.tooLong?max=500"),
});

export const SimpleUserActionSchema = z.object({
  intent: z.enum(["reactivate", "unlock", "reset-two-factor"], choice),
});

export const RevokeInvitationSchema = z.object({
  intent: z.literal("revoke-invitation"),
  invitationId: z.string().uuid("validation.invalidChoice"),
});

export const CreateOrganisationSchema = z.object({
  kind: z.enum(["platform", "police"], choice),
  code: z
    .string({ required_error: "validation.required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, "admin.organisations.validation.code"),
  nameZh: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong?max=200"),
  nameEn: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong?max=200"),
  divisionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "admin.validation.divisionCode")
    .optional(),
});
