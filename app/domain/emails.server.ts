/**
 * The texts of outgoing e-mail, from the dictionaries. The recipient's language is not known before they
 * have an account, so messages are written in both languages, Chinese first.
 */
import { createI18n, formatDateTime, SUPPORTED_LOCALES } from "~/lib/i18n";
import { env } from "~/lib/env.server";

export function invitationEmail(input: {
  link: string;
  displayName: string;
  organisation: { nameZh: string; nameEn: string };
  role: string;
  invitedBy: string;
  expiresAt: Date;
}): { subject: string; bodyText: string } {
  const parts = SUPPORTED_LOCALES.map((locale) => {
    const t = createI18n(locale).t;
    const values = {
      name: input.displayName,
      organisation: locale === "zh-CN" ? input.organisation.nameZh : input.organisation.nameEn,
      role: t(`roles.${input.role}`),
      invitedBy: input.invitedBy,
      expires: formatDateTime(input.expiresAt, locale, env().timeZone),
      link: input.link,
    };
    return {
      subject: t("account.email.invitationSubject", values),
      body: t("account.email.invitationBody", values),
    };
  });
  return {
    subject: parts.map((part) => part.subject).join(" / "),
    bodyText: parts.map((part) => part.body).join("\n\n— — —\n\n"),
  };
}
