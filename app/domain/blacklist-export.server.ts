/**
 * A published blacklist version as PDF and as CSV, in the reader's language, from the same view the version
 * page shows (getPublishedVersion): only the frozen published values — a field that is not published is
 * "—" in the PDF and empty in the CSV, never the value underneath.
 *
 * CSV: UTF-8 with a byte-order mark (spreadsheet programs then read the Chinese right), one row per
 * enterprise, columns: version, quarter, no., enterprise, credit code, province, category, reason,
 * corrections (the corrections recorded against this version for that enterprise, as text).
 */
import { stringify } from "csv-stringify/sync";
import type { TFunction } from "i18next";
import { PdfBuilder, type TableColumn } from "~/lib/pdf/document.server";
import type { DbOrTx } from "~/lib/db.server";
import { createI18n, formatDateTime, type Locale } from "~/lib/i18n";
import { changeText, correctionStatus, publishedValueText } from "~/components/blacklist/text";
import { PUBLISHABLE_FIELDS, type CorrectionView, type PublishedEntryView, type PublishedVersionView } from "./blacklist";
import { getPublishedVersion } from "./blacklist.server";
import type { Viewer } from "./policy";

export interface BlacklistExport {
  body: Buffer;
  fileName: string;
  contentType: string;
}

/** The cells of an entry in list order, "" where the field is not published. */
function entryCells(t: TFunction, entry: PublishedEntryView): string[] {
  return PUBLISHABLE_FIELDS.map((field) => publishedValueText(t, field, entry.values, entry.provinceName) ?? "");
}

function correctionAbout(t: TFunction, correction: CorrectionView): string {
  const name = correction.entryName ?? "";
  return correction.entryPosition
    ? t("blacklist.corrections.about", { position: correction.entryPosition, name })
    : t("blacklist.corrections.aboutName", { name });
}

function fileBase(version: PublishedVersionView): string {
  return `blacklist-v${version.number}-${version.quarter}`;
}

async function load(db: DbOrTx, viewer: Viewer, number: number): Promise<PublishedVersionView | null> {
  return getPublishedVersion(db, viewer, number);
}

export async function blacklistCsv(db: DbOrTx, viewer: Viewer, number: number, locale: Locale): Promise<BlacklistExport | null> {
  const version = await load(db, viewer, number);
  if (!version) return null;
  const t = createI18n(locale).t;
  const header = [
    t("blacklist.csv.version"),
    t("blacklist.csv.quarter"),
    t("blacklist.field.position"),
    ...PUBLISHABLE_FIELDS.map((field) => t(`blacklist.field.${field}`)),
    t("blacklist.csv.correction"),
  ];
  const rows = version.entries.map((entry) => [
    String(version.number),
    version.quarter,
    String(entry.position),
    ...entryCells(t, entry),
    entry.corrections.map((correction) => `${correctionStatus(t, correction)} ${correction.reason}`).join(" | "),
  ]);
  const body = Buffer.from(`\uFEFF${stringify([header, ...rows])}`, "utf8");
  return { body, fileName: `${fileBase(version)}.csv`, contentType: "text/csv; charset=utf-8" };
}

export async function blacklistPdf(
  db: DbOrTx,
  viewer: Viewer,
  number: number,
  locale: Locale,
  options: { timeZone: string; exportedAt?: Date },
): Promise<BlacklistExport | null> {
  const version = await load(db, viewer, number);
  if (!version) return null;
  const t = createI18n(locale).t;
  const exportedAt = options.exportedAt ?? new Date();
  const time = (value: string | Date) => formatDateTime(value, locale, options.timeZone);
  const one = (text: string) => ({ zh: text });
  const title = t("blacklist.pdf.title");
  const subtitle = t("blacklist.pdf.subtitle", { number: version.number, quarter: version.quarter });

  const pdf = await PdfBuilder.create({
    info: {
      title: `${title} · ${subtitle}`,
      author: version.signedOffByName,
      subject: subtitle,
      keywords: `blacklist, version ${version.number}, ${version.quarter}`,
    },
    runningHeader: { left: title, right: subtitle },
    footer: t("blacklist.pdf.footer", { number: version.number, time: time(exportedAt) }),
    pageLabel: (page, pages) => t("document.pageOf", { page, pages }),
    creationDate: exportedAt,
  });
  if (locale === "zh-CN") pdf.title({ zh: title, en: subtitle });
  else {
    // The builder's title spaces out Chinese characters; English reads better set plainly.
    pdf.paragraph(title, { bold: true, size: 18, align: "center", gap: 2 });
    pdf.paragraph(subtitle, { size: 9.5, color: "#5f6368", align: "center", gap: 10 });
  }
  pdf.keyValues([
    [one(t("blacklist.version.number")), String(version.number)],
    [one(t("blacklist.version.quarter")), version.quarter],
    [one(t("blacklist.version.publishedAt")), time(version.publishedAt)],
    [one(t("blacklist.version.signedOffBy")), version.signedOffByName],
    [one(t("blacklist.version.entries")), String(version.entries.length)],
    ...(version.publicationNote ? [[one(t("blacklist.version.publicationNote")), version.publicationNote] as [{ zh: string }, string]] : []),
  ]);

  pdf.section(one(t("blacklist.pdf.entriesTitle")));
  const columns: TableColumn[] = [
    { header: one(t("blacklist.field.position")), width: 0.06, align: "right" },
    { header: one(t("blacklist.field.name")), width: 0.31 },
    // Not Courier: its dash for a field not published sits oddly; the CJK font's digits read unambiguously.
    { header: one(t("blacklist.field.credit_code")), width: 0.25 },
    { header: one(t("blacklist.field.province")), width: 0.1 },
    { header: one(t("blacklist.field.category")), width: 0.12 },
    { header: one(t("blacklist.field.reason")), width: 0.16 },
  ];
  pdf.table(
    columns,
    version.entries.map((entry) => ({
      cells: [String(entry.position), ...entryCells(t, entry)],
      ...(entry.corrections.length
        ? { detail: { label: t("blacklist.csv.correction") + t("blacklist.colon"), value: entry.corrections.map((correction) => correctionStatus(t, correction)).join(" ") } }
        : {}),
    })),
    { emptyText: t("blacklist.version.empty") },
  );
  pdf.note(t("blacklist.pdf.notPublishedNote"));

  const correctionParagraphs = (list: CorrectionView[], status: (correction: CorrectionView) => string) => {
    if (!list.length) {
      pdf.paragraph(t("blacklist.pdf.none"), { size: 9 });
      return;
    }
    for (const correction of list) {
      const changes = correction.changes.map((change) => changeText(t, change, version.provinceNames));
      pdf.paragraph(
        [
          t("blacklist.pdf.correctionLine", {
            kind: t(`blacklist.corrections.kindTitle.${correction.kind}`),
            about: correctionAbout(t, correction),
            status: status(correction),
            reason: correction.reason,
          }),
          ...changes.map((change) => `· ${change}`),
        ].join("\n"),
        { size: 9 },
      );
    }
  };
  pdf.section(one(t("blacklist.pdf.correctionsTitle")));
  correctionParagraphs(version.corrections, (correction) =>
    correction.correctedInVersion ? t("blacklist.pdf.statusCorrectedIn", { number: correction.correctedInVersion }) : t("blacklist.pdf.statusPending"),
  );
  if (version.carriesOut.length) {
    pdf.section(one(t("blacklist.pdf.carriesOutTitle")));
    correctionParagraphs(version.carriesOut, (correction) => t("blacklist.pdf.statusCorrects", { number: correction.correctsVersion }));
  }
  const body = await pdf.finish();
  return { body, fileName: `${fileBase(version)}.pdf`, contentType: "application/pdf" };
}
