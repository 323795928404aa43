/**
 * Real files for the demo world's evidence, generated at seed time (no binaries in the repository): PNG
 * "photos" drawn pixel by pixel, a PDF authentication report (pdfkit, with the CJK font the packet ships),
 * and CSV exports. Everything is deterministic, so the same seed gives the same SHA-256 on every machine and
 * a re-seed finds the blobs already stored.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import PDFDocument from "pdfkit";

// ─── PNG ────────────────────────────────────────────────────────────────────────────────────────────────

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type Rgb = readonly [number, number, number];

/** A truecolour PNG of width × height whose pixels `paint(x, y)` gives. */
export function encodePng(width: number, height: number, paint: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = paint(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Deterministic noise in [0, 1) for texture. */
function noise(x: number, y: number, seed: number): number {
  let h = (x * 374761393 + y * 668265263 + seed * 2147483647) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

/**
 * A three-storey village house used as a workshop, at dusk: grey sky, tiled walls, lit windows, a roller
 * door, a parked van, a concrete yard. `seed` varies the details (so each photo has its own hash).
 */
export function factoryPhotoPng(seed = 1, width = 480, height = 320): Buffer {
  const wallLeft = Math.round(width * 0.18);
  const wallRight = Math.round(width * 0.72);
  const roof = Math.round(height * 0.16);
  const ground = Math.round(height * 0.8);
  const floorHeight = (ground - roof) / 3;
  return encodePng(width, height, (x, y) => {
    const grain = noise(x, y, seed) * 14 - 7;
    const shade = (colour: Rgb): Rgb => colour.map((c) => Math.max(0, Math.min(255, Math.round(c + grain)))) as unknown as Rgb;
    if (y < ground && x >= wallLeft && x < wallRight && y >= roof) {
      const floor = Math.floor((y - roof) / floorHeight);
      const inFloor = (y - roof) % floorHeight;
      const bay = Math.floor(((x - wallLeft) / (wallRight - wallLeft)) * 4);
      const inBay = ((x - wallLeft) / (wallRight - wallLeft)) * 4 - bay;
      if (floor === 2 && bay >= 1 && bay <= 2 && inFloor > floorHeight * 0.2) {
        // The roller door, slats every 4 px.
        return shade(((y - roof) % 4 === 0 ? [96, 104, 112] : [150, 158, 166]) as Rgb);
      }
      if (inFloor > floorHeight * 0.25 && inFloor < floorHeight * 0.7 && inBay > 0.2 && inBay < 0.8) {
        const lit = noise(bay, floor, seed) > 0.35;
        return shade(lit ? ([236, 214, 140] as Rgb) : ([62, 74, 92] as Rgb));
      }
      if (inFloor < 3) return shade([120, 116, 108]); // floor slab
      return shade(((x + y) % 9 === 0 ? [206, 200, 188] : [222, 216, 204]) as Rgb); // white tiles
    }
    if (y < ground && x >= wallLeft - 6 && x < wallRight + 6 && y >= roof - 8 && y < roof) return shade([92, 60, 50]); // roof edge
    // A van in the yard.
    const vanLeft = Math.round(width * 0.76) + (seed % 3) * 4;
    if (x >= vanLeft && x < vanLeft + 80 && y >= ground - 42 && y < ground + 6) {
      if (y > ground - 2 && ((x - vanLeft - 14) ** 2 < 64 || (x - vanLeft - 64) ** 2 < 64)) return [24, 24, 26];
      if (y < ground - 26 && x > vanLeft + 54) return shade([128, 168, 196]); // windscreen
      return shade([236, 238, 240]);
    }
    if (y >= ground) return shade(mix([168, 164, 156], [132, 128, 122], (y - ground) / (height - ground)));
    // Sky, darker towards the top, with power lines.
    if (Math.abs(y - (roof - 24 + Math.round((x - width / 2) ** 2 / 4000))) < 1) return [40, 44, 52];
    return shade(mix([118, 134, 160], [198, 204, 214], y / ground));
  });
}

/** A screenshot-like image: a store page with a product grid (for the demo's store screenshots). */
export function storeScreenshotPng(seed = 1, width = 360, height = 640): Buffer {
  return encodePng(width, height, (x, y) => {
    if (y < 56) return [255, 80, 0]; // the marketplace's orange header
    if (y < 110) return (x > 16 && x < width - 16 && y > 68 && y < 98 ? [245, 245, 245] : [255, 255, 255]) as Rgb;
    const column = Math.floor((x - 8) / ((width - 16) / 2));
    const row = Math.floor((y - 110) / 180);
    const inX = ((x - 8) % ((width - 16) / 2)) / ((width - 16) / 2);
    const inY = ((y - 110) % 180) / 180;
    if (x < 8 || x >= width - 8 || column > 1) return [244, 244, 244];
    if (inX < 0.04 || inX > 0.96) return [244, 244, 244];
    if (inY < 0.66) {
      const hue = noise(column, row, seed);
      return mix([40, 40, 44], hue > 0.5 ? [200, 30, 40] : [230, 230, 230], Math.min(1, Math.abs(inX - 0.5) * 2 + inY / 2));
    }
    if (inY > 0.72 && inY < 0.78 && inX < 0.8) return [60, 60, 60];
    if (inY > 0.84 && inY < 0.9 && inX < 0.35) return [255, 80, 0];
    return [255, 255, 255];
  });
}

// ─── CSV ────────────────────────────────────────────────────────────────────────────────────────────────

/** UTF-8 with a byte-order mark and CRLF line ends, the way Excel opens Chinese CSV correctly. */
export function csvFile(rows: readonly (readonly (string | number)[])[]): Buffer {
  const quote = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n", "utf8")]);
}

// ─── PDF ────────────────────────────────────────────────────────────────────────────────────────────────

const FONT_CANDIDATES = [
  fileURLToPath(new URL("../app/assets/fonts/NotoSansSC-Regular.ttf", import.meta.url)),
  path.resolve("app/assets/fonts/NotoSansSC-Regular.ttf"),
];

function cjkFont(): string | null {
  return FONT_CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

export interface AuthenticationReport {
  number: string;
  issuedOn: string;
  rightsHolder: string;
  appraiser: string;
  caseReference: string;
  items: { orderNo: string; sample: string; finding: string }[];
  conclusion: string;
}

/**
 * The rights holder's authentication report on the test-purchase samples, as a one-page PDF. Chinese when
 * the shipped font is there (app/assets/fonts), English otherwise — pdfkit's own fonts have no CJK glyphs.
 */
export async function authenticationReportPdf(report: AuthenticationReport): Promise<Buffer> {
  const font = cjkFont();
  const fixed = new Date(`${report.issuedOn}T09:00:00+08:00`);
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: `鉴定报告 ${report.number}`, Author: report.appraiser, CreationDate: fixed, ModDate: fixed, Producer: "AC Portal demo seed" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (data: Buffer) => chunks.push(data));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  if (font) doc.registerFont("cjk", font).font("cjk");
  const zh = (chinese: string, english: string) => (font ? `${chinese} ${english}` : english);

  doc.fontSize(18).text(zh("商品真伪鉴定报告", "Authentication Report"), { align: "center" });
  doc.moveDown(0.3).fontSize(10).fillColor("#555555").text(zh(`编号：${report.number}`, `No. ${report.number}`), { align: "center" });
  doc.moveDown(1.2).fillColor("#000000").fontSize(11);
  doc.text(zh(`委托方：平台治理部知识产权专项组（案件 ${report.caseReference}）`, `Requested by: Platform IP Special Team (case ${report.caseReference})`));
  doc.text(zh(`鉴定方：${report.rightsHolder}`, `Issued by: ${report.rightsHolder}`));
  doc.text(zh(`鉴定人：${report.appraiser}`, `Appraiser: ${report.appraiser}`));
  doc.text(zh(`出具日期：${report.issuedOn}`, `Date: ${report.issuedOn}`));
  doc.moveDown(1).fontSize(13).text(zh("一、送检样品及鉴定意见", "1. Samples and findings"));
  doc.moveDown(0.4).fontSize(10.5);
  report.items.forEach((item, index) => {
    doc.text(`${index + 1}. ${zh(`试购订单 ${item.orderNo}`, `Test purchase order ${item.orderNo}`)}`, { continued: false });
    doc.text(`   ${zh("样品：", "Sample: ")}${font ? item.sample : item.sample.replace(/[^\x20-\x7e]/g, "").trim() || "see order"}`);
    doc.text(`   ${zh("意见：", "Finding: ")}${font ? item.finding : "counterfeit (does not match genuine product)"}`);
    doc.moveDown(0.4);
  });
  doc.moveDown(0.6).fontSize(13).text(zh("二、结论", "2. Conclusion"));
  doc.moveDown(0.4).fontSize(10.5).text(font ? report.conclusion : "The samples are goods bearing counterfeit registered trademarks.");
  doc.moveDown(2).text(zh("（本报告为演示数据，仅用于系统演示。）", "(Demonstration data, for the portal's demo only.)"), { align: "right" });
  doc.end();
  return done;
}
