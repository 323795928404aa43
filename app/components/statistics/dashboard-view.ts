/**
 * The dashboard's figures laid out once for every reader: the page, the PDF and the CSV all read this view,
 * so they cannot disagree. Pure (shared by server and browser).
 *
 * `publish` turns on statistical disclosure control for the exports (SMALL_COUNT_THRESHOLD):
 * - a count from 1 to 4 is suppressed (written "<5"); zero stays zero;
 * - a share, a median or a percentile worked out from fewer than 5 cases is suppressed (it would give the
 *   small count, or one case's own time, away);
 * - a seized goods value is a sum, not a count, but it rests on the raided cases it came from: with fewer than
 *   5 raided cases behind it, it is withheld (one raid's haul would otherwise be readable);
 * - in a breakdown whose rows split the whole (by month, agency, category, province), a column with exactly
 *   one suppressed figure would give it back as the total minus the rest, so the smallest other figure of
 *   that column is withheld as well (complementary suppression; written "withheld", never "<5").
 * The page, for management only, shows every figure exactly.
 */
import type { TFunction } from "i18next";
import { publishableCount, SMALL_COUNT_THRESHOLD, type DashboardFigures, type FunnelFigures } from "~/domain/statistics";
import { numberFormat, type Locale } from "~/lib/i18n";
import { formatCount, formatPercent, formatYuan } from "../charts/chart-kit";
import { provinceLabel, type ProvinceName } from "./provinces";

export type FigureUnit = "count" | "yuan" | "hours" | "share";

/** One number as it may be shown: null value = no figure (e.g. no decisions yet), unless suppressed. */
export interface Figure {
  unit: FigureUnit;
  value: number | null;
  suppressed: boolean;
  /** Withheld only so that another suppressed figure cannot be worked out by subtraction (not a small count). */
  complementary?: boolean;
}

export const FUNNEL_STAGES = ["referred", "accepted", "raided", "prosecuted", "convicted"] as const satisfies ReadonlyArray<keyof FunnelFigures>;

export type SectionId = "funnel" | "by_month" | "by_agency" | "by_category" | "by_province" | "top_brands";

export interface ViewColumn {
  /** The measure's machine name (CSV "measure"). */
  measure: string;
  label: string;
}

export interface ViewRow {
  /** The row's machine key (CSV "key"): a stage, a month, an agency id, a category, a province code, a brand. */
  key: string;
  label: string;
  figures: Record<string, Figure>;
}

export interface ViewSection {
  id: SectionId;
  title: string;
  /** The chart's description (its <desc>), with the numbers as the reader may see them. */
  description: string;
  /** The name column's heading. */
  nameLabel: string;
  columns: ViewColumn[];
  rows: ViewRow[];
}

export interface HeadlineTile {
  /** Machine name (CSV "measure"). */
  measure: string;
  label: string;
  figure: Figure;
  hint?: string;
}

export interface HeadlineGroup {
  id: "funnel" | "outcomes" | "decision_time";
  title: string;
  tiles: HeadlineTile[];
}

export interface DashboardView {
  /** No case matches: the page shows the empty state instead of figures. */
  empty: boolean;
  headline: HeadlineGroup[];
  sections: ViewSection[];
}

export interface ViewOptions {
  t: TFunction;
  locale: Locale;
  /** Suppress small counts (exports); false on the page. */
  publish: boolean;
  /** Names of the provinces in figures.byProvince. */
  provinces: Record<string, ProvinceName>;
  /** Show the by-agency section (the platform's viewers; an agency's management sees only itself). */
  showAgencies: boolean;
}

// ——— Figures ———

export function countFigure(count: number, publish: boolean): Figure {
  if (!publish) return { unit: "count", value: count, suppressed: false };
  const published = publishableCount(count);
  return { unit: "count", value: published.value, suppressed: published.suppressed };
}

/** A part of a whole (0–1), or no figure when the whole is zero; suppressed when the part is a small count. */
export function shareFigure(part: number, whole: number, publish: boolean): Figure {
  if (whole <= 0) return { unit: "share", value: null, suppressed: false };
  const small = (n: number) => n > 0 && n < SMALL_COUNT_THRESHOLD;
  if (publish && (small(part) || small(whole))) return { unit: "share", value: null, suppressed: true };
  return { unit: "share", value: part / whole, suppressed: false };
}

/** A sum of yuan, withheld when it rests on fewer than 5 raided cases (and is not plainly nothing). */
export function yuanFigure(value: number, raidedCases: number, publish: boolean): Figure {
  if (publish && raidedCases < SMALL_COUNT_THRESHOLD && !(value === 0 && raidedCases === 0)) {
    return { unit: "yuan", value: null, suppressed: true };
  }
  return { unit: "yuan", value, suppressed: false };
}

/** Hours to decision (median, percentile) over `decided` decisions; suppressed on fewer than 5. */
export function hoursFigure(hours: number | null, decided: number, publish: boolean): Figure {
  if (hours === null || decided === 0) return { unit: "hours", value: null, suppressed: false };
  if (publish && decided < SMALL_COUNT_THRESHOLD) return { unit: "hours", value: null, suppressed: true };
  return { unit: "hours", value: hours, suppressed: false };
}

/** A figure for reading: "<5" for a suppressed count, "withheld" for other suppressed figures, "—" for none. */
export function formatFigure(figure: Figure, t: TFunction, locale: Locale): string {
  if (figure.suppressed) return figure.unit === "count" && !figure.complementary ? "<5" : t("statistics.export.withheld");
  if (figure.value === null) return "—";
  switch (figure.unit) {
    case "count":
      return formatCount(figure.value, locale);
    case "yuan":
      return formatYuan(figure.value, locale);
    case "share":
      return formatPercent(figure.value, locale);
    case "hours":
      return formatHours(figure.value, t, locale);
  }
}

/** Under two days in hours, from two days on in days (one decimal). */
export function formatHours(hours: number, t: TFunction, locale: Locale): string {
  if (hours < 48) return t("statistics.units.hours", { count: Math.round(hours) });
  return t("statistics.units.days", { value: numberFormat(locale, { maximumFractionDigits: 1 }).format(hours / 24) });
}

/**
 * A figure for machines (CSV): a plain number ("." decimal, no grouping; shares as fractions 0–1), "<5" for a
 * suppressed count, "suppressed" for another suppressed figure (a complementary one too), "" for no figure.
 */
export function machineValue(figure: Figure): string {
  if (figure.suppressed) return figure.unit === "count" && !figure.complementary ? "<5" : "suppressed";
  if (figure.value === null) return "";
  switch (figure.unit) {
    case "share":
      return String(Math.round(figure.value * 10_000) / 10_000);
    case "yuan":
      return String(Math.round(figure.value * 100) / 100);
    case "hours":
      return String(Math.round(figure.value * 10) / 10);
    case "count":
      return String(figure.value);
  }
}

/**
 * Complementary suppression for a breakdown that splits the whole (by month, agency, category, province: each
 * case in exactly one row, so a column adds up to the total): where a column has exactly one suppressed
 * figure, the total (published in the headline) minus the column's other figures would give it back, so the
 * smallest other figure above zero is withheld too. With two or more suppressed, only their sum can be
 * worked out, which says no more than the threshold does. Zeros stay: a zero is not a person.
 */
export function withholdComplements(sectionRows: ViewRow[], columns: ViewColumn[]): ViewRow[] {
  const rows = sectionRows.map((row) => ({ ...row, figures: { ...row.figures } }));
  for (const { measure } of columns) {
    const cells = rows.filter((row) => row.figures[measure]);
    if (cells.filter((row) => row.figures[measure]!.suppressed).length !== 1) continue;
    const smallest = cells
      .filter((row) => !row.figures[measure]!.suppressed && (row.figures[measure]!.value ?? 0) > 0)
      .sort((a, b) => a.figures[measure]!.value! - b.figures[measure]!.value!)[0];
    if (smallest) smallest.figures[measure] = { unit: smallest.figures[measure]!.unit, value: null, suppressed: true, complementary: true };
  }
  return rows;
}

// ——— The view ———

export function buildDashboardView(figures: DashboardFigures, options: ViewOptions): DashboardView {
  const { t, locale, publish } = options;
  const count = (n: number) => countFigure(n, publish);
  const show = (figure: Figure) => formatFigure(figure, t, locale);
  const stageLabel = (stage: string) => t(`statistics.measures.${stage}`);
  const funnelColumns: ViewColumn[] = FUNNEL_STAGES.map((stage) => ({ measure: stage, label: stageLabel(stage) }));
  const seizedColumn: ViewColumn = { measure: "seized_value_yuan", label: t("statistics.measures.seizedValueYuan") };
  // The rows of a breakdown that splits the whole, as they may be shown (complementary suppression in exports).
  const partitionRows = (rows: ViewRow[], columns: ViewColumn[]) => (publish ? withholdComplements(rows, columns) : rows);
  const funnelFigures = (row: FunnelFigures): Record<string, Figure> =>
    Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, count(row[stage])]));
  const { funnel, totals, decisionTime } = figures;
  const stageHint = (stage: (typeof FUNNEL_STAGES)[number]) => {
    const share = shareFigure(funnel[stage], funnel.referred, publish);
    if (stage === "referred" || share.value === null) return undefined; // nothing referred, or withheld
    return t("statistics.dashboard.headline.ofReferred", { share: show(share) });
  };

  const headline: HeadlineGroup[] = [
    {
      id: "funnel",
      title: t("statistics.dashboard.headline.funnelGroup"),
      tiles: FUNNEL_STAGES.map((stage) => ({
        measure: stage,
        label: stageLabel(stage),
        figure: count(funnel[stage]),
        hint: stageHint(stage),
      })),
    },
    {
      id: "outcomes",
      title: t("statistics.dashboard.headline.outcomeGroup"),
      tiles: [
        { measure: "seized_value_yuan", label: t("statistics.measures.seizedValueYuan"), figure: yuanFigure(totals.seizedValueYuan, funnel.raided, publish) },
        { measure: "detained", label: t("statistics.measures.detained"), figure: count(totals.detained) },
        { measure: "arrested", label: t("statistics.measures.arrested"), figure: count(totals.arrested) },
        { measure: "stores_closed", label: t("statistics.measures.storesClosed"), figure: count(totals.storesClosed) },
        { measure: "accounts_banned", label: t("statistics.measures.accountsBanned"), figure: count(totals.accountsBanned) },
      ],
    },
    {
      id: "decision_time",
      title: t("statistics.dashboard.headline.timeGroup"),
      tiles: [
        {
          measure: "median_hours",
          label: t("statistics.measures.medianHours"),
          figure: hoursFigure(decisionTime.medianHours, decisionTime.decided, publish),
          hint: decidedHint(decisionTime.decided, t, locale, publish),
        },
        {
          measure: "p90_hours",
          label: t("statistics.measures.p90Hours"),
          figure: hoursFigure(decisionTime.p90Hours, decisionTime.decided, publish),
          hint: decidedHint(decisionTime.decided, t, locale, publish),
        },
        {
          measure: "overdue_now",
          label: t("statistics.measures.overdue"),
          figure: count(figures.overdue),
          hint: t("statistics.dashboard.headline.overdueHint"),
        },
      ],
    },
  ];

  const sections: ViewSection[] = [];

  // The funnel: each stage's cases and its share of the referred.
  const funnelRows: ViewRow[] = FUNNEL_STAGES.map((stage) => ({
    key: stage,
    label: stageLabel(stage),
    figures: { cases: count(funnel[stage]), share_of_referred: shareFigure(funnel[stage], funnel.referred, publish) },
  }));
  sections.push({
    id: "funnel",
    title: t("statistics.dashboard.funnel.title"),
    description: t("statistics.dashboard.funnel.chartDescription", Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, show(count(funnel[stage]))]))),
    nameLabel: t("statistics.dashboard.funnel.stage"),
    columns: [
      { measure: "cases", label: t("statistics.measures.cases") },
      { measure: "share_of_referred", label: t("statistics.measures.shareOfReferred") },
    ],
    rows: funnelRows,
  });

  // By month.
  if (figures.byMonth.length > 0) {
    const peak = figures.byMonth.reduce((best, month) => (month.referred > best.referred ? month : best), figures.byMonth[0]!);
    const rows = partitionRows(
      figures.byMonth.map((month) => ({ key: month.month, label: month.month, figures: funnelFigures(month) })),
      funnelColumns,
    );
    sections.push({
      id: "by_month",
      title: t("statistics.dashboard.month.title"),
      description: t("statistics.dashboard.month.chartDescription", {
        first: figures.byMonth[0]!.month,
        last: figures.byMonth.at(-1)!.month,
        peak: show(rows.find((row) => row.key === peak.month)!.figures.referred!),
        peakMonth: peak.month,
      }),
      nameLabel: t("statistics.dashboard.month.month"),
      columns: funnelColumns,
      rows,
    });
  }

  const breakdown = (
    id: SectionId,
    prefix: "agency" | "category" | "province",
    exactRows: ViewRow[],
    withSeized: boolean,
  ): ViewSection | null => {
    if (exactRows.length === 0) return null;
    const columns = withSeized ? [...funnelColumns, seizedColumn] : funnelColumns;
    const rows = partitionRows(exactRows, columns);
    const top = rows[0]!;
    return {
      id,
      title: t(`statistics.dashboard.${prefix}.title`),
      description: t(`statistics.dashboard.${prefix}.chartDescription`, {
        count: rows.length,
        top: top.label,
        value: show(top.figures.referred!),
      }),
      nameLabel: t(`statistics.dashboard.${prefix}.name`),
      columns,
      rows,
    };
  };
  const byReferred = <T extends { referred: number }>(rows: T[]) => [...rows].sort((a, b) => b.referred - a.referred);

  if (options.showAgencies) {
    const section = breakdown(
      "by_agency",
      "agency",
      byReferred(figures.byAgency).map((agency) => ({
        key: agency.agencyId,
        label: locale === "zh-CN" ? agency.nameZh : agency.nameEn,
        figures: { ...funnelFigures(agency), seized_value_yuan: yuanFigure(agency.seizedValueYuan, agency.raided, publish) },
      })),
      true,
    );
    if (section) sections.push(section);
  }
  const categorySection = breakdown(
    "by_category",
    "category",
    byReferred(figures.byCategory).map((row) => ({
      key: row.category,
      label: t(`caseVocabulary.category.${row.category}`),
      figures: { ...funnelFigures(row), seized_value_yuan: yuanFigure(row.seizedValueYuan, row.raided, publish) },
    })),
    true,
  );
  if (categorySection) sections.push(categorySection);
  const provinceSection = breakdown(
    "by_province",
    "province",
    byReferred(figures.byProvince).map((row) => {
      const province = row.provinceCode ? options.provinces[row.provinceCode] : undefined;
      return {
        key: row.provinceCode ?? "unknown",
        label: province ? provinceLabel(province, locale) : row.provinceCode ?? t("statistics.dashboard.province.unknown"),
        figures: funnelFigures(row),
      };
    }),
    false,
  );
  if (provinceSection) sections.push(provinceSection);

  if (figures.topBrands.length > 0) {
    const top = figures.topBrands[0]!;
    sections.push({
      id: "top_brands",
      title: t("statistics.dashboard.brands.title"),
      description: t("statistics.dashboard.brands.chartDescription", { count: figures.topBrands.length, top: top.brand, value: show(count(top.cases)) }),
      nameLabel: t("statistics.dashboard.brands.name"),
      columns: [{ measure: "cases", label: t("statistics.measures.cases") }],
      rows: figures.topBrands.map((brand) => ({ key: brand.brand, label: brand.brand, figures: { cases: count(brand.cases) } })),
    });
  }

  return { empty: funnel.referred === 0, headline, sections };
}

function decidedHint(decided: number, t: TFunction, locale: Locale, publish: boolean): string {
  if (decided === 0) return t("statistics.dashboard.headline.noDecisions");
  const figure = countFigure(decided, publish);
  // The plural form follows the real count; the number written is the publishable one ("<5").
  return t("statistics.dashboard.headline.decidedCount", { count: decided, formatted: formatFigure(figure, t, locale) });
}

/** An operation's period in words: "2026-01-01 to 2026-03-31", or open-ended. */
export function operationPeriod(operation: { startsOn: string; endsOn: string | null }, t: TFunction): string {
  return operation.endsOn
    ? t("statistics.dashboard.operation.periodRange", { from: operation.startsOn, to: operation.endsOn })
    : t("statistics.dashboard.operation.periodOpen", { from: operation.startsOn });
}
