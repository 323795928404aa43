/**
 * What the server-drawn charts share: colours, text measuring without a browser, and number formats.
 * The charts are plain SVG with presentation attributes only (no CSS classes for their looks), so the same
 * markup renders on the page and, through svg-to-pdfkit, in the PDF export.
 */
import { numberFormat, type Locale } from "~/lib/i18n";

export const CHART_COLORS = {
  text: "#1b2330",
  muted: "#5a6577",
  grid: "#e3e7ee",
  axis: "#b9c1ce",
  primary: "#1f5fbf",
  primaryLight: "#b9cdee",
  dark: "#12325a",
  accent: "#d48806",
  suppressed: "#8a94a6",
  /** The funnel's stages, from referral (light) to conviction (dark). */
  stages: ["#9fbbe8", "#6f98dc", "#3f74cb", "#1f5fbf", "#12325a"],
} as const;

export const CHART_FONT_SIZE = 12;

/**
 * A width for text in the chart's font without a browser to measure it: CJK characters take a full em,
 * digits and Latin letters a little over half. Generous, so labels never run into the bars.
 */
export function estimateTextWidth(text: string, fontSize = CHART_FONT_SIZE): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x2e80) ems += 1;
    else if (/[A-Z]/.test(char)) ems += 0.66;
    else if (/[0-9]/.test(char)) ems += 0.6;
    else if (/[il.,:;'|!()\s]/.test(char)) ems += 0.3;
    else ems += 0.56;
  }
  return ems * fontSize;
}

/** The text cut with an ellipsis to fit `width` (the full text stays in the table beside the chart). */
export function fitText(text: string, width: number, fontSize = CHART_FONT_SIZE): string {
  if (estimateTextWidth(text, fontSize) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && estimateTextWidth(`${chars.join("")}…`, fontSize) > width) chars.pop();
  return `${chars.join("")}…`;
}

export function formatCount(value: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Yuan, written with ¥ in both languages. */
export function formatYuan(value: number, locale: Locale): string {
  return numberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", maximumFractionDigits: 0 }).format(value);
}

/** Large sums of yuan for a headline: ¥2.27亿 / ¥226.87M (the exact sum is written beside it). */
export function formatYuanCompact(value: number, locale: Locale): string {
  return numberFormat(locale, {
    style: "currency",
    currency: "CNY",
    currencyDisplay: "narrowSymbol",
    notation: "compact",
    maximumFractionDigits: 2,
  }).format(value);
}

export function formatPercent(share: number, locale: Locale): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: share > 0 && share < 0.1 ? 1 : 0 }).format(share);
}

/** An axis tick: short for large numbers (12K / 1.2万), whole otherwise. */
export function formatTick(value: number, locale: Locale): string {
  if (Math.abs(value) >= 10_000) return numberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);
  return formatCount(value, locale);
}

/**
 * The text in at most `maxLines` lines of `width` (by words where it has spaces, by characters otherwise),
 * the last line cut with an ellipsis if it still does not fit.
 */
export function wrapText(text: string, width: number, fontSize = CHART_FONT_SIZE, maxLines = 2): string[] {
  if (estimateTextWidth(text, fontSize) <= width) return [text];
  const byWords = text.includes(" ");
  const units = byWords ? text.split(/\s+/) : [...text];
  const lines: string[] = [];
  let line = "";
  let index = 0;
  for (; index < units.length && lines.length < maxLines - 1; index += 1) {
    const next = line ? `${line}${byWords ? " " : ""}${units[index]}` : units[index]!;
    if (line && estimateTextWidth(next, fontSize) > width) {
      lines.push(line);
      line = "";
      index -= 1;
    } else line = next;
  }
  const rest = [line, ...units.slice(index)].filter(Boolean).join(byWords ? " " : "");
  lines.push(fitText(rest, width, fontSize));
  return lines;
}

/** A stable id fragment for SVG ids. */
export function svgId(...parts: string[]): string {
  return parts.join("-").replace(/[^A-Za-z0-9_-]/g, "_");
}
