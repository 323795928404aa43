/**
 * The chart of one dashboard section, from the same view the table and the exports read: the funnel, the
 * months, or bars (agencies, categories, provinces, brands). No hooks, so it also renders to a plain SVG
 * string (renderToStaticMarkup) for the PDF.
 */
import type { TFunction } from "i18next";
import type { Locale } from "~/lib/i18n";
import { BarChart } from "../charts/bar-chart";
import { FunnelChart } from "../charts/funnel-chart";
import { MonthChart } from "../charts/month-chart";
import { formatFigure, type Figure, type ViewSection } from "./dashboard-view";

export interface SectionChartProps {
  section: ViewSection;
  t: TFunction;
  locale: Locale;
  width?: number;
}

export function SectionChart({ section, t, locale, width }: SectionChartProps) {
  const id = `chart-${section.id}`;
  const label = (figure: Figure | undefined) => (figure ? formatFigure(figure, t, locale) : "—");
  const value = (figure: Figure | undefined) => (figure && !figure.suppressed ? (figure.value ?? 0) : null);
  switch (section.id) {
    case "funnel":
      return (
        <FunnelChart
          id={id}
          title={section.title}
          description={section.description}
          width={width}
          stages={section.rows.map((row) => ({
            key: row.key,
            label: row.label,
            value: value(row.figures.cases),
            valueLabel: label(row.figures.cases),
            shareLabel: label(row.figures.share_of_referred),
          }))}
        />
      );
    case "by_month":
      return (
        <MonthChart
          id={id}
          title={section.title}
          description={section.description}
          width={width}
          locale={locale}
          legend={{ referred: t("statistics.dashboard.month.legendReferred"), raided: t("statistics.dashboard.month.legendRaided") }}
          months={section.rows.map((row) => ({ month: row.key, referred: value(row.figures.referred), raided: value(row.figures.raided) }))}
        />
      );
    case "top_brands":
      return (
        <BarChart
          id={id}
          title={section.title}
          description={section.description}
          width={width}
          locale={locale}
          data={section.rows.map((row) => ({ key: row.key, label: row.label, value: value(row.figures.cases), valueLabel: label(row.figures.cases) }))}
        />
      );
    default:
      return (
        <BarChart
          id={id}
          title={section.title}
          description={section.description}
          width={width}
          locale={locale}
          legend={{ primary: t("statistics.dashboard.month.legendReferred"), secondary: t("statistics.dashboard.month.legendRaided") }}
          data={section.rows.map((row) => ({
            key: row.key,
            label: row.label,
            value: value(row.figures.referred),
            valueLabel: label(row.figures.referred),
            secondary: value(row.figures.raided),
          }))}
        />
      );
  }
}
