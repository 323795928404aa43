import { match } from "@formatjs/intl-localematcher";
import { createCookie } from "@remix-run/node";
import Negotiator from "negotiator";
import { env } from "./env.server";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, isLocale, type Locale } from "./i18n";

/** The language switch's memory, for signed-out visitors too (the signed-in also keep it on their account). */
let cookie: ReturnType<typeof createCookie> | undefined;
export function localeCookie() {
  cookie ??= createCookie("portal_lng", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    maxAge: 365 * 24 * 60 * 60,
    secure: env().cookieSecure,
  });
  return cookie;
}

export function localeFromAcceptLanguage(header: string | null): Locale {
  const requested = new Negotiator({ headers: { "accept-language": header ?? "" } }).languages();
  try {
    const matched = match(requested, [...SUPPORTED_LOCALES], DEFAULT_LOCALE);
    return isLocale(matched) ? matched : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // a malformed header is not the visitor's fault
  }
}

/**
 * The language of a response: the switch (cookie) if flipped, then the account's saved choice, then the
 * browser's preference, then Chinese.
 */
export async function resolveLocale(request: Request, accountPreference: Locale | null = null): Promise<Locale> {
  const fromCookie: unknown = await localeCookie().parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (accountPreference) return accountPreference;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}
