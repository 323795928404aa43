/**
 * The dashboard's data for a request (page and exports alike), and its two exports: the PDF, with every
 * chart and its table, and the CSV, one row per figure for machines. Both exports are for publication, so
 * both go through the view in publish mode (small counts suppressed: app/components/statistics/dashboard-view.ts
 * says how); the page shows the exact figures.
 *
 * CSV format (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right), header
 * `section,key,label,measure,unit,value`:
 * - section: meta | filters | funnel | outcomes | decision_time | by_month | by_agency | by_category |
 *   by_province | top_brands; (section, key, measure) is unique;
 * - key: the row's machine key (a stage, YYYY-MM, an agency id, a category, a province code, a brand);
 * - label: the row in the reader's language; measure: the number's machine name; unit: count | yuan | hours |
 *   share (a fraction 0–1) | text | date | datetime;
 * - value: a plain number ("." decimal, no grouping), "<5" for a suppressed count, "suppressed" for another
 *   suppressed figure (a share, time or seized value resting on fewer than 5 cases), "" for no figure.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { stringify } from "csv-stringify/sync";
import SVGtoPDF from "svg-to-pdfkit";
import type { TFunction } from "i18next";
import { SectionChart } from "~/components/statistics/section-chart";
import {
  buildDashboardView,
  formatFigure,
  operationPeriod,
  machineValue,
  type DashboardView,
  type Figure,
  type ViewSection,
} from "~/components/statistics/dashboard-view";
import { provinceName } from "~/components/statistics/provinces.server";
import type { ProvinceName } from "~/components/statistics/provinces";
import { PdfBuilder, type TableColumn } from "~/lib/pdf/document.server";
import type { Database } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import { createI18n, formatDateTime, type Locale } from "~/lib/i18n";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import type { Viewer } from "./policy";
import { assertCan } from "./policy.server";
import {
  parseStatisticsFilters,
  SMALL_COUNT_THRESHOLD,
  STATISTICS_FILTER_ERRORS,
  type DashboardFigures,
  type StatisticsFilterErrors,
  type StatisticsFilters,
} from "./statistics";
import { loadDashboardFigures, loadStatisticsFilterOptions, type StatisticsFilterOptions } from "./statistics.server";

export interface OperationSummary {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  startsOn: string;
  endsOn: string | null;
  agencies: Array<{ id: string; nameZh: string; nameEn: string }>;
}

export interface DashboardData {
  filters: StatisticsFilters;
  errors: StatisticsFilterErrors;
  options: StatisticsFilterOptions;
  figures: DashboardFigures;
  /** Names of the provinces in the figures and of the province filter. */
  provinces: Record<string, ProvinceName>;
  operation: OperationSummary | null;
  /** All agencies (the platform's viewers) or the viewer's own agency. */
  scope: { kind: "all" } | { kind: "agency"; nameZh: string; nameEn: string };
}

/**
 * The filters of a query string, checked against what the viewer may choose (an agency or operation outside
 * the viewer's options, a province code no province has, is reported and left out), and the figures for them.
 */
export async function loadDashboardData(db: Database, viewer: Viewer, params: URLSearchParams, now: Date = new Date()): Promise<DashboardData> {
  assertCan(viewer, "statistics.view");
  const { filters, errors } = parseStatisticsFilters(params);
  const options = await loadStatisticsFilterOptions(db, viewer);
  if (filters.agencyId && !options.agencies.some((agency) => agency.id === filters.agencyId)) {
    errors.agencyId = "statistics.filters.errors.unknownAgency";
    filters.agencyId = null;
  }
  if (filters.jointOperationId && !options.jointOperations.some((operation) => operation.id === filters.jointOperationId)) {
    errors.jointOperationId = "statistics.filters.errors.unknownOperation";
    filters.jointOperationId = null;
  }
  if (filters.provinceCode && provinceName(filters.provinceCode).nameZh === filters.provinceCode) {
    errors.provinceCode = "statistics.filters.errors.unknownProvince";
    filters.provinceCode = null;
  }
  const figures = await loadDashboardFigures(db, viewer, filters, now);

  const codes = new Set<string>(options.provinceCodes);
  for (const row of figures.byProvince) if (row.provinceCode) codes.add(row.provinceCode);
  if (filters.provinceCode) codes.add(filters.provinceCode);
  const provinces = Object.fromEntries([...codes].map((code) => [code, provinceName(code)]));

  const chosen = filters.jointOperationId ? options.jointOperations.find((operation) => operation.id === filters.jointOperationId) : undefined;
  const operation: OperationSummary | null = chosen
    ? {
        id: chosen.id,
        code: chosen.code,
        nameZh: chosen.nameZh,
        nameEn: chosen.nameEn,
        startsOn: chosen.startsOn,
        endsOn: chosen.endsOn,
        agencies: options.agencies.filter((agency) => chosen.agencyIds.includes(agency.id)),
      }
    : null;

  const scope: DashboardData["scope"] =
    viewer.organisationKind === "platform" ? { kind: "all" } : { kind: "agency", nameZh: viewer.organisationNameZh, nameEn: viewer.organisationNameEn };
  return { filters, errors, options, figures, provinces, operation, scope };
}

/** Every known error key (so a test can check each has a message in both languages). */
export const DASHBOARD_FILTER_ERROR_KEYS = [
  ...Object.values(STATISTICS_FILTER_ERRORS),
  "statistics.filters.errors.unknownAgency",
  "statistics.filters.errors.unknownOperation",
  "statistics.filters.errors.unknownProvince",
] as const;

export function dashboardView(data: DashboardData, t: TFunction, locale: Locale, publish: boolean): DashboardView {
  return buildDashboardView(data.figures, { t, locale, publish, provinces: data.provinces, showAgencies: data.scope.kind === "all" });
}

// ——— Describing the filters (both exports) ———

export interface FilterLine {
  /** Machine name (CSV key). */
  key: "from" | "to" | "agency" | "category" | "province" | "operation";
  label: string;
  /** In words, in the reader's language. */
  text: string;
  /** The machine value (a date, an id, a code), "" when not set. */
  value: string;
}

export function describeFilters(data: DashboardData, t: TFunction, locale: Locale): FilterLine[] {
  const { filters } = data;
  const name = (row: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? row.nameZh : row.nameEn);
  const all = t("statistics.export.noFilter");
  const agency = filters.agencyId ? data.options.agencies.find((row) => row.id === filters.agencyId) : undefined;
  const province = filters.provinceCode ? data.provinces[filters.provinceCode] : undefined;
  return [
    { key: "from", label: t("statistics.filters.from"), text: filters.from ?? t("statistics.export.dateOpen"), value: filters.from ?? "" },
    { key: "to", label: t("statistics.filters.to"), text: filters.to ?? t("statistics.export.dateOpen"), value: filters.to ?? "" },
    {
      key: "agency",
      label: t("statistics.filters.agency"),
      text: agency ? name(agency) : data.scope.kind === "agency" ? name(data.scope) : t("statistics.filters.allAgencies"),
      value: filters.agencyId ?? "",
    },
    {
      key: "category",
      label: t("statistics.filters.category"),
      text: filters.category ? t(`caseVocabulary.category.${filters.category}`) : all,
      value: filters.category ?? "",
    },
    { key: "province", label: t("statistics.filters.province"), text: province ? name(province) : all, value: filters.provinceCode ?? "" },
    {
      key: "operation",
      label: t("statistics.filters.operation"),
      text: data.operation ? `${name(data.operation)} (${data.operation.code})` : all,
      value: filters.jointOperationId ?? "",
    },
  ];
}

function scopeText(data: DashboardData, t: TFunction, locale: Locale): string {
  return data.scope.kind === "all"
    ? t("statistics.dashboard.scopeAll")
    : t("statistics.dashboard.scopeAgency", { agency: locale === "zh-CN" ? data.scope.nameZh : data.scope.nameEn });
}

// ——— CSV ———

export const CSV_HEADER = ["section", "key", "label", "measure", "unit", "value"] as const;

export interface ExportContext {
  locale: Locale;
  timeZone: string;
  exportedAt: Date;
  exportedBy: { displayName: string; organisationNameZh: string; organisationNameEn: string };
}

export function dashboardCsv(data: DashboardData, context: ExportContext): string {
  const { locale } = context;
  const t = createI18n(locale).t;
  const view = dashboardView(data, t, locale, true);
  const rows: string[][] = [[...CSV_HEADER]];
  const figureRow = (section: string, key: string, label: string, measure: string, figure: Figure) =>
    rows.push([section, key, label, measure, figure.unit, machineValue(figure)]);

  rows.push(["meta", "as_of", t("statistics.export.asOf"), "as_of", "datetime", data.figures.asOf]);
  rows.push(["meta", "exported_at", t("statistics.export.exportedAt"), "exported_at", "datetime", context.exportedAt.toISOString()]);
  rows.push(["meta", "scope", t("statistics.export.scope"), "scope", "text", scopeText(data, t, locale)]);
  rows.push(["meta", "suppression_threshold", t("statistics.export.suppressionHeading"), "suppression_threshold", "count", String(SMALL_COUNT_THRESHOLD)]);
  for (const line of describeFilters(data, t, locale)) {
    rows.push(["filters", line.key, `${line.label}: ${line.text}`, line.key, line.key === "from" || line.key === "to" ? "date" : "text", line.value]);
  }
  for (const group of view.headline) {
    const section = group.id === "funnel" ? "totals" : group.id;
    for (const tile of group.tiles) figureRow(section, tile.measure, tile.label, tile.measure, tile.figure);
  }
  for (const section of view.sections) {
    for (const row of section.rows) {
      for (const column of section.columns) {
        const figure = row.figures[column.measure];
        if (figure) figureRow(section.id, row.key, row.label, column.measure, figure);
      }
    }
  }
  return `\uFEFF${stringify(rows)}`;
}

// ——— PDF ———

const CHART_VIEW_WIDTH = 640;
const CHINESE_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export async function dashboardPdf(data: DashboardData, context: ExportContext): Promise<Buffer> {
  const { locale, timeZone } = context;
  const t = createI18n(locale).t;
  const view = dashboardView(data, t, locale, true);
  const asOf = formatDateTime(data.figures.asOf, locale, timeZone);
  const exportedAt = formatDateTime(context.exportedAt, locale, timeZone);
  const title = t("statistics.export.title");
  const scope = scopeText(data, t, locale);
  const text = (value: string) => ({ zh: value });

  const pdf = await PdfBuilder.create({
    info: {
      title: `${title} · ${scope}`,
      author: locale === "zh-CN" ? context.exportedBy.organisationNameZh : context.exportedBy.organisationNameEn,
      subject: `${title}; ${t("statistics.dashboard.asOf", { time: asOf })}`,
      keywords: "statistics, dashboard, joint operation",
    },
    runningHeader: { left: `${title} · ${scope}`, right: t("statistics.dashboard.asOf", { time: asOf }) },
    footer: t("statistics.export.footer", { time: asOf, exported: exportedAt }),
    pageLabel: (page, pages) => t("document.pageOf", { page, pages }),
    creationDate: context.exportedAt,
  });

  pdf.paragraph(title, { bold: true, size: 20, align: "center", gap: 2, color: "#12325a" });
  pdf.paragraph(`${scope} · ${t("statistics.dashboard.asOf", { time: asOf })}`, { size: 10, align: "center", color: "#5f6368", gap: 8 });
  pdf.rule("#12325a", 1);

  const filterLines = describeFilters(data, t, locale);
  const [from, to, ...otherFilters] = filterLines;
  const dateRange =
    data.filters.from || data.filters.to
      ? t("statistics.export.dateRangeValue", { from: from!.text, to: to!.text })
      : t("statistics.export.dateOpen");
  pdf.keyValues(
    [
      [text(t("statistics.export.scope")), scope],
      [text(t("statistics.export.dateRange")), dateRange],
      ...otherFilters.map((line): [{ zh: string }, string] => [text(line.label), line.text]),
      [text(t("statistics.export.asOf")), asOf],
      [text(t("statistics.export.exportedBy")), `${context.exportedBy.displayName} · ${locale === "zh-CN" ? context.exportedBy.organisationNameZh : context.exportedBy.organisationNameEn}`],
      [text(t("statistics.export.exportedAt")), exportedAt],
    ],
    { labelWidth: 0.28 },
  );
  pdf.note(t("statistics.export.suppressionNote", { heading: t("statistics.export.suppressionHeading"), text: t("statistics.export.suppression") }));

  if (data.operation) {
    const name = locale === "zh-CN" ? data.operation.nameZh : data.operation.nameEn;
    pdf.subheading(text(`${t("statistics.dashboard.operation.label")}: ${t("statistics.dashboard.operation.heading", { name, code: data.operation.code })}`));
    pdf.paragraph(
      [
        `${t("statistics.dashboard.operation.period")}: ${operationPeriod(data.operation, t)}`,
        `${t("statistics.dashboard.operation.agencies")}: ${
          data.operation.agencies.map((agency) => (locale === "zh-CN" ? agency.nameZh : agency.nameEn)).join(locale === "zh-CN" ? "、" : ", ") ||
          t("statistics.dashboard.operation.noAgencies")
        }`,
        t("statistics.dashboard.operation.ownFigures"),
      ].join("\n"),
      { size: 9.5 },
    );
  }

  if (view.empty) {
    pdf.spacer(12);
    pdf.paragraph(t("statistics.export.emptyResult"), { bold: true, size: 12, align: "center" });
    return pdf.finish();
  }

  let number = 0;
  const heading = (label: string) => {
    number += 1;
    return text(locale === "zh-CN" ? `${CHINESE_NUMERALS[number - 1] ?? number}、${label}` : `${number}. ${label}`);
  };

  pdf.section(heading(t("statistics.dashboard.headline.title")));
  for (const group of view.headline) {
    pdf.ensureSpace(44 + group.tiles.length * 20); // a group's table stays on one page
    pdf.subheading(text(group.title));
    pdf.table(
      [
        { header: text(t("statistics.export.measure")), width: 2.4 },
        { header: text(t("statistics.export.value")), width: 1.3, align: "right" },
        { header: text(t("statistics.export.note")), width: 2.6 },
      ],
      // A space, not "": the table writes "—" in empty cells.
      group.tiles.map((tile) => ({ cells: [tile.label, formatFigure(tile.figure, t, locale), tile.hint ?? " "] })),
    );
  }

  for (const section of view.sections) {
    const svg = renderToStaticMarkup(createElement(SectionChart, { section, t, locale, width: CHART_VIEW_WIDTH }));
    const svgHeight = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 300);
    const scale = pdf.width / CHART_VIEW_WIDTH;
    const height = svgHeight * scale;
    // The heading, the chart's description and the chart stay together; the table may follow on the next page.
    pdf.ensureSpace(height + 70);
    pdf.section(heading(section.title));
    pdf.paragraph(section.description, { size: 8.5, color: "#5f6368", gap: 6 });
    const top = pdf.doc.y;
    SVGtoPDF(pdf.doc, svg, pdf.left, top, {
      width: pdf.width,
      height,
      assumePt: false,
      fontCallback: (_family: string, bold: boolean) => (bold ? "NotoSansSC-Bold" : "NotoSansSC"),
    });
    pdf.doc.x = pdf.left;
    pdf.doc.y = top + height + 8;
    pdf.useBody();
    pdf.table(sectionColumns(section), sectionRows(section, t, locale));
  }
  return pdf.finish();
}

function sectionColumns(section: ViewSection): TableColumn[] {
  const many = section.columns.length > 3;
  return [
    { header: { zh: section.nameLabel }, width: many ? 2.2 : 2.6 },
    ...section.columns.map((column): TableColumn => ({
      header: { zh: column.label },
      width: column.measure === "seized_value_yuan" ? 1.7 : 1,
      align: "right",
    })),
  ];
}

function sectionRows(section: ViewSection, t: TFunction, locale: Locale) {
  return section.rows.map((row) => ({
    cells: [row.label, ...section.columns.map((column) => (row.figures[column.measure] ? formatFigure(row.figures[column.measure]!, t, locale) : "—"))],
  }));
}

// ——— The export routes ———

/** An export whose query string has filters that cannot be used: 400, the messages in the reader's language. */
export function dashboardExportError(data: DashboardData, locale: Locale): Response | null {
  const messages = Object.values(data.errors);
  if (messages.length === 0) return null;
  const t = createI18n(locale).t;
  return new Response(t("statistics.export.badFilters", { errors: messages.map((key) => t(key)).join(" ") }), {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}

/** 20260131-0930 (UTC), for file names. */
export function exportFileStamp(at: Date): string {
  return at.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
}

// ——— Recording exports ———

/** Every export is recorded in the audit log: who, which format, which filters. */
export async function recordDashboardExport(db: Database, viewer: Viewer, format: "pdf" | "csv", filters: StatisticsFilters, meta: RequestMeta): Promise<void> {
  await db.transaction((tx) =>
    recordAudit(tx, {
      action: "statistics.exported",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "dashboard",
      details: { format, filters },
    }),
  );
}
