/**
 * Two languages, both bundled (docs/decisions/0005-i18n.md): the dictionaries are small, and bundling them
 * means a language switch never waits for a fetch and server and browser always render the same text.
 * Shared by server and browser; the server's language detection is in i18n.server.ts.
 */
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "~/locales/en";
import { zhCN } from "~/locales/zh-CN";

export const SUPPORTED_LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
/** Most users work in Chinese. */
export const DEFAULT_LOCALE: Locale = "zh-CN";

export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...SUPPORTED_LOCALES],
    resources,
    initAsync: false, // resources are in memory: initialise synchronously so the first render is translated
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false, // i18next otherwise prints an advertisement to the console
  });
  return instance;
}

/** Dates in the portal's time zone (China Standard Time by default), in the reader's locale's format. */
export function formatDateTime(value: Date | string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    // Not hour12: false — Node then writes midnight as "24:05" where browsers write "00:05" (hydration mismatch).
    hourCycle: "h23",
  }).format(typeof value === "string" ? new Date(value) : value);
}

// Creating an Intl.NumberFormat costs far more than using one, and a dashboard or map page formats hundreds of
// numbers (profiled: a tenth of /dashboard's server time at a million cases): one per locale and options.
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The one Intl.NumberFormat for these locale and options, created once per process. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = numberFormats.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, found);
  }
  return found;
}

export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale).format(value);
}
