/** Form schemas for accounts, shared by the browser (instant feedback) and the server (the real check). */
import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/lib/i18n";

export const SignInSchema = z.object({
  email: z
    .string({ required_error: "validation.required" })
    .trim()
    .max(254, "validation.tooLong?max=254")
    .email("validation.email"),
  password: z.string({ required_error: "validation.required" }).max(1024, "validation.tooLong?max=1024"),
  redirectTo: z.string().optional(),
});

export const SetLocaleSchema = z.object({
  locale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  redirectTo: z.string().optional(),
});
