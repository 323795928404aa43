/**
 * Form schemas for passwords, two-factor sign-in, re-authentication and one's own sessions, shared by the
 * browser and the server. The password rules follow NIST SP 800-63B: a length range and a check against
 * common and breached passwords (server-side, passwords.server.ts), no composition rules, no forced rotation.
 */
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; the cap only bounds the work of hashing. */
export const PASSWORD_MAX_LENGTH = 128;

const requiredString = (max: number) =>
  z.string({ required_error: "validation.required" }).max(max, `validation.tooLong?max=${max}`);

export const newPassword = z
  .string({ required_error: "validation.required" })
  .min(PASSWORD_MIN_LENGTH, `account.validation.passwordTooShort?min=${PASSWORD_MIN_LENGTH}`)
  .max(PASSWORD_MAX_LENGTH, `account.validation.passwordTooLong?max=${PASSWORD_MAX_LENGTH}`);

function confirmMatches<T extends { newPassword: string; confirmPassword: string }>(value: T, context: z.RefinementCtx) {
  if (value.newPassword !== value.confirmPassword) {
    context.addIssue({ code: z.ZodIssueCode.custom, path: ["confirmPassword"], message: "account.validation.passwordMismatch" });
  }
}

export const ChangePasswordSchema = z
  .object({
    currentPassword: requiredString(1024),
    newPassword,
    confirmPassword: requiredString(PASSWORD_MAX_LENGTH),
  })
  .superRefine(confirmMatches);

export const AcceptInvitationSchema = z
  .object({
    displayName: z
      .string({ required_error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(100, "validation.tooLong?max=100"),
    newPassword,
    confirmPassword: requiredString(PASSWORD_MAX_LENGTH),
  })
  .superRefine(confirmMatches);

/** A 6-digit TOTP code or a recovery code; which one is decided on the server by its shape. */
export const SecondFactorSchema = z.object({
  code: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(32, "validation.tooLong?max=32"),
  redirectTo: z.string().optional(),
});

export const TotpCodeSchema = z
  .string({ required_error: "validation.required" })
  .trim()
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "account.validation.totpFormat"));

export const EnrolTotpSchema = z.object({
  enrolment: z.string({ required_error: "account.twoFactor.enrolmentExpired" }).max(512),
  code: TotpCodeSchema,
  redirectTo: z.string().optional(),
});

export const ReauthenticateSchema = z.object({
  password: requiredString(1024),
  /** Asked only of users with TOTP. */
  code: z.string().trim().max(32, "validation.tooLong?max=32").optional(),
  redirectTo: z.string().optional(),
});

export const EndSessionSchema = z.object({
  intent: z.literal("end-session"),
  sessionId: z.string({ required_error: "validation.required" }).regex(/^[0-9a-f]{64}$/, "validation.invalidChoice"),
});

export const ConfirmWithPasswordSchema = z.object({
  password: requiredString(1024),
});
