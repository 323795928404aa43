import { en } from "~/locales/en";
import { zhCN } from "~/locales/zh-CN";
import { createI18n, formatDateTime, formatNumber } from "./i18n";
import { localeCookie, localeFromAcceptLanguage, resolveLocale } from "./i18n.server";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe("dictionaries", () => {
  const english = flatten(en as unknown as Tree);
  const chinese = flatten(zhCN as unknown as Tree);

  it("have the same keys in both languages", () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("have no empty strings, and the same {{placeholders}} in both languages", () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe("");
      expect(chinese.get(key)!.trim(), key).not.toBe("");
      expect(placeholders(chinese.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it("translates through i18next in the chosen language", () => {
    expect(createI18n("zh-CN").t("home.greeting", { name: "林晓雯" })).toBe("林晓雯，您好");
    expect(createI18n("en").t("home.greeting", { name: "Lin" })).toBe("Hello, Lin");
  });
});

describe("formatting", () => {
  const moment = new Date("2026-01-15T02:05:00Z"); // 10:05 in Beijing

  it("shows dates in China Standard Time in each locale's format", () => {
    expect(formatDateTime(moment, "zh-CN", "Asia/Shanghai")).toBe("2026/01/15 10:05");
    expect(formatDateTime(moment, "en", "Asia/Shanghai")).toBe("01/15/2026, 10:05");
  });

  it("groups numbers by locale", () => {
    expect(formatNumber(400000, "zh-CN")).toBe("400,000");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });
});

describe("language detection", () => {
  it("follows the browser's preference among the two languages, Chinese by default", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.9,en;q=0.5")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr-FR,en;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR")).toBe("zh-CN");
    expect(localeFromAcceptLanguage(null)).toBe("zh-CN");
    expect(localeFromAcceptLanguage(";;;q=abc")).toBe("zh-CN");
  });

  it("puts the switch first, then the account's choice, then the browser", async () => {
    const browserEnglish = { "Accept-Language": "en-US" };
    const cookie = await localeCookie().serialize("zh-CN");
    const withSwitch = new Request("http://localhost/", { headers: { ...browserEnglish, Cookie: cookie.split(";")[0]! } });
    const withoutSwitch = new Request("http://localhost/", { headers: browserEnglish });
    expect(await resolveLocale(withSwitch, "en")).toBe("zh-CN");
    expect(await resolveLocale(withoutSwitch, "zh-CN")).toBe("zh-CN");
    expect(await resolveLocale(withoutSwitch, null)).toBe("en");
  });
});
