/**
 * Layout helpers over pdfkit for the portal's printed documents: A4, Chinese first with English beside it,
 * section headings, key–value tables and tables that break across pages with their header repeated, and a
 * running header and footer with page numbers on every page.
 *
 * pdfkit starts a new page by itself whenever text reaches the bottom margin, including text written *into*
 * the margin, which is how a footer silently adds an empty page. So content is only ever laid out inside the
 * margins (tables check the space left before drawing a row), and the header and footer are written last,
 * over the buffered pages, with the page margins lifted for the moment of writing and line breaking off.
 */
import PDFDocument from "pdfkit";
import { loadFonts } from "./fonts.server";

/** A label in both languages: Chinese is the document's language, English a smaller gloss. */
export interface Bilingual {
  zh: string;
  en?: string;
}

export interface PdfAttachment {
  name: string;
  content: Buffer;
  type: string;
  description: string;
}

export interface PdfDocumentOptions {
  info: {
    title: string;
    author: string;
    subject: string;
    keywords: string;
    /** Extra entries of the document information dictionary (read back by verification). */
    custom?: Record<string, string>;
  };
  /** Left and right of the running header on every page. */
  runningHeader: { left: string; right: string };
  /** Left of the footer on every page; the page number sits on the right. */
  footer: string;
  /**
   * The page number on the footer's right, in the reader's language. Without it both languages are written,
   * as the referral packet needs (it goes to the police and stays with the platform).
   */
  pageLabel?: (pageNumber: number, pageCount: number) => string;
  /** Printed faintly across every page (e.g. a draft that has not been referred); "\n" separates a smaller second line. */
  watermark?: string;
  /** Files embedded in the PDF (attachments), e.g. the machine-readable evidence manifest. */
  attachments?: PdfAttachment[];
  /** Fixed creation date (tests); defaults to now. */
  creationDate?: Date;
}

export interface TableColumn {
  header: Bilingual;
  /** Relative width; the columns share the content width in proportion. */
  width: number;
  align?: "left" | "right" | "center";
  /** Courier, for hashes and identifiers that must read unambiguously. */
  mono?: boolean;
}

export interface TableRow {
  cells: string[];
  /** A line across all columns under the cells, e.g. a file's SHA-256 kept on one line. */
  detail?: { label: string; value: string; mono?: boolean };
  /** Greyed out (e.g. withdrawn evidence, still listed). */
  muted?: boolean;
}

const bilingualPageLabel = (pageNumber: number, pageCount: number) => `第 ${pageNumber} 页 / 共 ${pageCount} 页 · Page ${pageNumber} of ${pageCount}`;

const FONT = { regular: "NotoSansSC", bold: "NotoSansSC-Bold", mono: "Courier" } as const;
const COLOR = {
  text: "#1a1a1a",
  muted: "#5f6368",
  rule: "#c4c7cc",
  headerFill: "#eef1f5",
  labelFill: "#f6f7f9",
  accent: "#a61b1b",
} as const;
const SIZE = { body: 10, small: 8.5, tiny: 7, cell: 8.5, headerCell: 8, headerCellEn: 6.5 } as const;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3.5;

export class PdfBuilder {
  readonly doc: PDFKit.PDFDocument;
  private readonly options: PdfDocumentOptions;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;

  private constructor(doc: PDFKit.PDFDocument, options: PdfDocumentOptions) {
    this.doc = doc;
    this.options = options;
    doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      doc.on("end", () => resolve());
      doc.on("error", reject);
    });
  }

  static async create(options: PdfDocumentOptions): Promise<PdfBuilder> {
    const fonts = await loadFonts();
    const info: PDFKit.DocumentInfo & Record<string, string | Date> = {
      Title: options.info.title,
      Author: options.info.author,
      Subject: options.info.subject,
      Keywords: options.info.keywords,
      Creator: "AC Portal",
      CreationDate: options.creationDate ?? new Date(),
      ...options.info.custom,
    };
    const doc = new PDFDocument({
      size: "A4",
      margins: { top: 62, bottom: 60, left: 56, right: 56 },
      bufferPages: true, // the header and footer are written over every page at the end (page count known)
      info,
      lang: "zh-CN",
      displayTitle: true,
    });
    doc.registerFont(FONT.regular, fonts.regular);
    doc.registerFont(FONT.bold, fonts.bold);
    const builder = new PdfBuilder(doc, options);
    for (const attachment of options.attachments ?? []) {
      doc.file(attachment.content, {
        name: attachment.name,
        type: attachment.type,
        description: attachment.description,
        creationDate: info.CreationDate,
      });
    }
    builder.useBody();
    return builder;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  /** The lowest y content may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  private get pageTop(): number {
    return this.doc.page.margins.top;
  }

  useBody(): this {
    this.doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
    return this;
  }

  newPage(): this {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.pageTop;
    return this.useBody();
  }

  /** Starts a new page unless `height` points are left on this one. */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.bottom && this.doc.y > this.pageTop + 0.5) this.newPage();
    return this;
  }

  /**
   * Headings wait here until the content after them is laid out, so a heading is never left alone at the
   * foot of a page: `place` draws them where they and the first block of their content fit together.
   */
  private pendingHeadings: Array<{ height: number; draw: () => void }> = [];

  private place(firstBlock: number): void {
    const headings = this.pendingHeadings.reduce((sum, heading) => sum + heading.height, 0);
    this.ensureSpace(headings + firstBlock);
    for (const heading of this.pendingHeadings) heading.draw();
    this.pendingHeadings = [];
  }

  spacer(height = 8): this {
    // Never past the bottom: the next content decides whether a new page is needed.
    this.doc.y = Math.min(this.doc.y + height, this.bottom);
    return this;
  }

  /** A document title, centred: Chinese large, English below. */
  title(label: Bilingual, options: { color?: string } = {}): this {
    const { doc } = this;
    this.place(60);
    doc.font(FONT.bold).fontSize(20).fillColor(options.color ?? COLOR.text);
    doc.text(label.zh, this.left, doc.y, { width: this.width, align: "center", characterSpacing: 4 });
    if (label.en) {
      doc.font(FONT.regular).fontSize(9.5).fillColor(COLOR.muted);
      doc.text(label.en, this.left, doc.y + 2, { width: this.width, align: "center" });
    }
    this.useBody();
    doc.y += 10;
    return this;
  }

  /** A numbered section's heading: Chinese in bold, its English gloss beneath, a rule under both. */
  section(label: Bilingual): this {
    const { doc } = this;
    doc.font(FONT.bold).fontSize(13);
    let height = 6 + doc.heightOfString(label.zh, { width: this.width });
    if (label.en) height += doc.font(FONT.regular).fontSize(8.5).heightOfString(label.en, { width: this.width });
    this.pendingHeadings.push({
      height: height + 8,
      draw: () => {
        doc.y += 6;
        doc.font(FONT.bold).fontSize(13).fillColor(COLOR.text);
        doc.text(label.zh, this.left, doc.y, { width: this.width });
        if (label.en) {
          doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted);
          doc.text(label.en, this.left, doc.y, { width: this.width });
        }
        const ruleY = doc.y + 2;
        doc.moveTo(this.left, ruleY).lineTo(this.left + this.width, ruleY).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
        doc.y = ruleY + 6;
        this.useBody();
      },
    });
    return this.useBody();
  }

  /** A heading within a section: Chinese in bold with its English gloss on the same line. */
  subheading(label: Bilingual): this {
    const { doc } = this;
    const height = doc.font(FONT.bold).fontSize(10.5).heightOfString(label.zh, { width: this.width }) + 3;
    this.pendingHeadings.push({
      height,
      draw: () => {
        doc.font(FONT.bold).fontSize(10.5).fillColor(COLOR.text);
        doc.text(label.en ? `${label.zh}  ` : label.zh, this.left, doc.y, { width: this.width, continued: Boolean(label.en) });
        if (label.en) doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted).text(label.en);
        doc.y += 3;
        this.useBody();
      },
    });
    return this.useBody();
  }

  /** Body text; `indent` indents the first line by two characters, as Chinese prose is set. */
  paragraph(
    text: string,
    options: { indent?: boolean; size?: number; color?: string; bold?: boolean; align?: "left" | "right" | "center" | "justify"; gap?: number } = {},
  ): this {
    const { doc } = this;
    const size = options.size ?? SIZE.body;
    const textOptions = {
      width: this.width,
      indent: options.indent ? size * 2 : 0,
      align: options.align ?? "left",
      lineGap: size * 0.45,
    } as const;
    const font = () =>
      doc
        .font(options.bold ? FONT.bold : FONT.regular)
        .fontSize(size)
        .fillColor(options.color ?? COLOR.text);
    font();
    // At least two lines of it with any heading before it; longer text flows on to the next page by itself.
    this.place(Math.min(doc.heightOfString(text, textOptions), size * 1.45 * 2));
    font();
    doc.text(text, this.left, doc.y, textOptions);
    doc.y += options.gap ?? 4;
    return this.useBody();
  }

  /** Small grey text, e.g. an explanation under a table. */
  note(text: string): this {
    return this.paragraph(text, { size: SIZE.small, color: COLOR.muted });
  }

  /** A red rule across the page, as under the masthead of a Chinese official letter. */
  rule(color: string = COLOR.accent, weight = 1.2): this {
    const { doc } = this;
    this.place(10);
    doc.moveTo(this.left, doc.y).lineTo(this.left + this.width, doc.y).lineWidth(weight).strokeColor(color).stroke();
    doc.y += 10;
    return this;
  }

  /** Label–value pairs as a two-column table (labels in both languages). */
  keyValues(rows: Array<[Bilingual, string]>, options: { labelWidth?: number; monoValues?: boolean } = {}): this {
    const labelWidth = options.labelWidth ?? 0.3;
    return this.table(
      [
        { header: { zh: "" }, width: labelWidth },
        { header: { zh: "" }, width: 1 - labelWidth, mono: options.monoValues },
      ],
      rows.map(([label, value]) => ({ cells: [label.en ? `${label.zh}\n${label.en}` : label.zh, value] })),
      { showHeader: false, labelColumn: true },
    );
  }

  /**
   * A table whose rows never split: a row that does not fit starts a new page, under a repeated header.
   * A cell taller than half a page is cut with an ellipsis rather than spilling out of its row (and leaving
   * its heading behind): long texts belong in paragraphs or in evidence files.
   */
  table(
    columns: TableColumn[],
    rows: TableRow[],
    options: { showHeader?: boolean; labelColumn?: boolean; emptyText?: string } = {},
  ): this {
    const { doc } = this;
    const showHeader = options.showHeader ?? true;
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (column.width / total) * this.width);
    const xs = widths.map((_, index) => this.left + widths.slice(0, index).reduce((sum, w) => sum + w, 0));
    const headerHeight = showHeader ? this.measureHeader(columns, widths) : 0;

    if (rows.length === 0) {
      this.place(headerHeight + 24);
      if (showHeader) this.drawHeader(columns, widths, xs, headerHeight);
      if (options.emptyText) {
        doc.font(FONT.regular).fontSize(SIZE.cell).fillColor(COLOR.muted);
        doc.text(options.emptyText, this.left + CELL_PAD_X, doc.y + CELL_PAD_Y, { width: this.width - 2 * CELL_PAD_X });
        doc.y += CELL_PAD_Y;
      }
      doc.y += 8;
      return this.useBody();
    }

    const maxCellHeight = (this.bottom - this.pageTop - headerHeight) / 2;
    const measured = rows.map((row) => {
      const detailHeight = row.detail ? this.measureDetail(row.detail) : 0;
      const maxCell = maxCellHeight - detailHeight;
      const cellHeights = row.cells.map((cell, index) =>
        Math.min(this.measureCell(cell, columns[index]!, widths[index]!, options.labelColumn && index === 0), maxCell),
      );
      return { row, maxCell, height: Math.max(...cellHeights) + 2 * CELL_PAD_Y + detailHeight };
    });

    this.place(headerHeight + measured[0]!.height);
    let headerOnThisPage = false;
    for (const { row, maxCell, height } of measured) {
      const needsHeader = showHeader && !headerOnThisPage;
      if (doc.y + height + (needsHeader ? headerHeight : 0) > this.bottom) {
        this.newPage();
        headerOnThisPage = false;
      }
      if (showHeader && !headerOnThisPage) {
        this.drawHeader(columns, widths, xs, headerHeight);
        headerOnThisPage = true;
      }
      this.drawRow(row, columns, widths, xs, height, maxCell, Boolean(options.labelColumn));
    }
    doc.x = this.left;
    doc.y += 8;
    return this.useBody();
  }

  /** An image (e.g. a QR code) with a caption beside it. */
  imageWithCaption(image: Buffer, size: number, caption: string[]): this {
    const { doc } = this;
    this.place(size + 8);
    const top = doc.y;
    doc.image(image, this.left, top, { width: size, height: size });
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
    let y = top + 4;
    for (const line of caption) {
      doc.text(line, this.left + size + 12, y, { width: this.width - size - 12 });
      y = doc.y + 2;
    }
    doc.y = Math.max(top + size, y) + 8;
    doc.x = this.left;
    return this.useBody();
  }

  /** Writes the running header, footer and watermark on every page, and returns the PDF's bytes. */
  async finish(): Promise<Buffer> {
    const { doc } = this;
    this.place(0);
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      doc.switchToPage(index);
      this.decoratePage(index - range.start + 1, range.count);
    }
    doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }

  private decoratePage(pageNumber: number, pageCount: number): void {
    const { doc } = this;
    const page = doc.page;
    const saved = { ...page.margins };
    // Lifted only while writing in the margins, so pdfkit does not take the footer for overflowing text.
    page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const left = saved.left;
    const width = page.width - saved.left - saved.right;

    if (this.options.watermark) {
      // Each line centred on the page's centre and turned along the diagonal; sized to stay on the page.
      const lines = this.options.watermark.split("\n");
      doc.save();
      doc.rotate(-35, { origin: [page.width / 2, page.height / 2] });
      doc.fillColor(COLOR.accent).fillOpacity(0.08);
      lines.forEach((line, index) => {
        const size = index === 0 ? 46 : 24;
        doc.font(FONT.bold).fontSize(size);
        const y = page.height / 2 - 40 + (index === 0 ? 0 : 56 + (index - 1) * 30);
        doc.text(line, page.width / 2 - doc.widthOfString(line) / 2, y, { lineBreak: false });
      });
      doc.restore();
    }

    doc.font(FONT.regular).fontSize(SIZE.tiny).fillColor(COLOR.muted).fillOpacity(1);
    const headerY = saved.top - 26;
    doc.text(this.options.runningHeader.left, left, headerY, { width: width * 0.7, lineBreak: false });
    doc.text(this.options.runningHeader.right, left + width * 0.5, headerY, {
      width: width * 0.5,
      align: "right",
      lineBreak: false,
    });
    doc.moveTo(left, headerY + 12).lineTo(left + width, headerY + 12).lineWidth(0.4).strokeColor(COLOR.rule).stroke();

    const footerY = page.height - saved.bottom + 18;
    doc.moveTo(left, footerY - 6).lineTo(left + width, footerY - 6).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
    doc.text(this.options.footer, left, footerY, { width: width * 0.72, lineBreak: false });
    const pageLabel = this.options.pageLabel ?? bilingualPageLabel;
    doc.text(pageLabel(pageNumber, pageCount), left + width * 0.6, footerY, {
      width: width * 0.4,
      align: "right",
      lineBreak: false,
    });
    page.margins = saved;
  }

  private cellFont(column: TableColumn, isLabel: boolean | undefined): void {
    const { doc } = this;
    if (column.mono) doc.font(FONT.mono).fontSize(SIZE.cell - 0.5);
    else doc.font(isLabel ? FONT.bold : FONT.regular).fontSize(SIZE.cell);
  }

  private measureCell(text: string, column: TableColumn, width: number, isLabel: boolean | undefined): number {
    const { doc } = this;
    const innerWidth = width - 2 * CELL_PAD_X;
    if (isLabel) {
      const [main = " ", ...gloss] = text.split("\n");
      doc.font(FONT.bold).fontSize(SIZE.cell);
      let height = doc.heightOfString(main, { width: innerWidth, lineGap: 1 });
      if (gloss.length) {
        doc.font(FONT.regular).fontSize(SIZE.headerCellEn);
        height += doc.heightOfString(gloss.join("\n"), { width: innerWidth });
      }
      return height;
    }
    this.cellFont(column, isLabel);
    return doc.heightOfString(text || " ", { width: innerWidth, lineGap: 1 });
  }

  private measureDetail(detail: NonNullable<TableRow["detail"]>): number {
    const { doc } = this;
    doc.font(detail.mono ? FONT.mono : FONT.regular).fontSize(SIZE.cell - 0.5);
    return doc.heightOfString(`${detail.label} ${detail.value}`, { width: this.width - 2 * CELL_PAD_X }) + 2;
  }

  private measureHeader(columns: TableColumn[], widths: number[]): number {
    const { doc } = this;
    let height = 0;
    columns.forEach((column, index) => {
      const width = widths[index]! - 2 * CELL_PAD_X;
      doc.font(FONT.bold).fontSize(SIZE.headerCell);
      let h = doc.heightOfString(column.header.zh || " ", { width });
      if (column.header.en) {
        doc.font(FONT.regular).fontSize(SIZE.headerCellEn);
        h += doc.heightOfString(column.header.en, { width });
      }
      height = Math.max(height, h);
    });
    return height + 2 * CELL_PAD_Y;
  }

  private drawHeader(columns: TableColumn[], widths: number[], xs: number[], height: number): void {
    const { doc } = this;
    const top = doc.y;
    doc.rect(this.left, top, this.width, height).fillColor(COLOR.headerFill).fill();
    columns.forEach((column, index) => {
      const width = widths[index]! - 2 * CELL_PAD_X;
      const x = xs[index]! + CELL_PAD_X;
      doc.font(FONT.bold).fontSize(SIZE.headerCell).fillColor(COLOR.text);
      doc.text(column.header.zh, x, top + CELL_PAD_Y, { width, align: column.align ?? "left" });
      if (column.header.en) {
        doc.font(FONT.regular).fontSize(SIZE.headerCellEn).fillColor(COLOR.muted);
        doc.text(column.header.en, x, doc.y, { width, align: column.align ?? "left" });
      }
    });
    this.horizontalRule(top + height, 0.8);
    doc.y = top + height;
  }

  private drawRow(
    row: TableRow,
    columns: TableColumn[],
    widths: number[],
    xs: number[],
    height: number,
    maxCell: number,
    labelColumn: boolean,
  ): void {
    const { doc } = this;
    const top = doc.y;
    if (labelColumn) doc.rect(this.left, top, widths[0]!, height).fillColor(COLOR.labelFill).fill();
    row.cells.forEach((cell, index) => {
      const column = columns[index]!;
      if (labelColumn && index === 0) {
        // A label: Chinese in bold, its English gloss (the following lines) small and grey beneath.
        const [main = "", ...gloss] = cell.split("\n");
        const innerWidth = widths[0]! - 2 * CELL_PAD_X;
        doc.font(FONT.bold).fontSize(SIZE.cell).fillColor(COLOR.text);
        doc.text(main, xs[0]! + CELL_PAD_X, top + CELL_PAD_Y, { width: innerWidth, lineGap: 1 });
        if (gloss.length) {
          doc.font(FONT.regular).fontSize(SIZE.headerCellEn).fillColor(COLOR.muted);
          doc.text(gloss.join("\n"), xs[0]! + CELL_PAD_X, doc.y, { width: innerWidth });
        }
        return;
      }
      this.cellFont(column, false);
      doc.fillColor(row.muted ? COLOR.muted : COLOR.text);
      doc.text(cell || "—", xs[index]! + CELL_PAD_X, top + CELL_PAD_Y, {
        width: widths[index]! - 2 * CELL_PAD_X,
        align: column.align ?? "left",
        lineGap: 1,
        height: maxCell,
        ellipsis: true,
      });
    });
    if (row.detail) {
      const detailTop = top + height - this.measureDetail(row.detail) - CELL_PAD_Y + 1;
      // One font for label and value: mixing fonts on a line in pdfkit misaligns their baselines.
      doc.font(row.detail.mono ? FONT.mono : FONT.regular).fontSize(SIZE.cell - 0.5).fillColor(COLOR.muted);
      doc.text(`${row.detail.label} `, this.left + CELL_PAD_X, detailTop, { continued: true });
      doc.fillColor(row.muted ? COLOR.muted : COLOR.text).text(row.detail.value);
    }
    this.horizontalRule(top + height, 0.4);
    doc.x = this.left;
    doc.y = top + height;
  }

  private horizontalRule(y: number, weight: number): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(weight)
      .strokeColor(COLOR.rule)
      .stroke();
  }
}
