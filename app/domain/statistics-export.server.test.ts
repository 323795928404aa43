/**
 * The dashboard exports: small counts suppressed in both, the CSV parses back into the figures, the PDF
 * carries its charts and tables in the reader's language.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { createI18n } from "~/lib/i18n";
import { buildDashboardView, countFigure, formatFigure, hoursFigure, machineValue, shareFigure, yuanFigure } from "~/components/statistics/dashboard-view";
import { NO_FILTERS, type DashboardFigures } from "./statistics";
import { desc } from "drizzle-orm";
import { auditEvents } from "../../db/schema";
import { CSV_HEADER, dashboardCsv, dashboardPdf, loadDashboardData, recordDashboardExport, type DashboardData, type ExportContext } from "./statistics-export.server";
import { loadViewer } from "./viewers.server";

const PUTIAN = "11111111-1111-4111-8111-111111111111";
const GUANGZHOU = "22222222-2222-4222-8222-222222222222";
const JINHUA = "33333333-3333-4333-8333-333333333333";

function figures(): DashboardFigures {
  return {
    asOf: "2026-05-20T02:30:00.000Z",
    funnel: { referred: 120, accepted: 96, raided: 41, prosecuted: 12, convicted: 3 },
    decisionTime: { decided: 100, medianHours: 30, p90Hours: 70 },
    overdue: 2,
    totals: { seizedValueYuan: 4_250_000, detained: 37, arrested: 4, storesClosed: 310, accountsBanned: 0 },
    byAgency: [
      { agencyId: GUANGZHOU, nameZh: "广州市公安局", nameEn: "Guangzhou Municipal Public Security Bureau", referred: 50, accepted: 40, raided: 15, prosecuted: 4, convicted: 1, seizedValueYuan: 1_000_000 },
      { agencyId: PUTIAN, nameZh: "莆田市公安局", nameEn: "Putian Municipal Public Security Bureau", referred: 67, accepted: 55, raided: 26, prosecuted: 8, convicted: 2, seizedValueYuan: 3_250_000 },
      { agencyId: JINHUA, nameZh: "金华市公安局", nameEn: "Jinhua Municipal Public Security Bureau", referred: 3, accepted: 1, raided: 0, prosecuted: 0, convicted: 0, seizedValueYuan: 0 },
    ],
    byCategory: [
      { category: "footwear_apparel", referred: 80, accepted: 70, raided: 30, prosecuted: 10, convicted: 3, seizedValueYuan: 4_000_000 },
      { category: "digital_accessories", referred: 40, accepted: 26, raided: 11, prosecuted: 2, convicted: 0, seizedValueYuan: 250_000 },
    ],
    byProvince: [
      { provinceCode: "350000", referred: 70, accepted: 56, raided: 26, prosecuted: 8, convicted: 2 },
      { provinceCode: "440000", referred: 46, accepted: 39, raided: 15, prosecuted: 4, convicted: 1 },
      { provinceCode: null, referred: 4, accepted: 1, raided: 0, prosecuted: 0, convicted: 0 },
    ],
    byMonth: [
      { month: "2026-01", referred: 30, accepted: 25, raided: 12, prosecuted: 5, convicted: 2 },
      { month: "2026-02", referred: 0, accepted: 0, raided: 0, prosecuted: 0, convicted: 0 },
      { month: "2026-03", referred: 86, accepted: 70, raided: 29, prosecuted: 7, convicted: 1 },
      { month: "2026-04", referred: 4, accepted: 1, raided: 0, prosecuted: 0, convicted: 0 },
    ],
    topBrands: [
      { brand: "Nike", cases: 60 },
      { brand: "Apple", cases: 4 },
    ],
  };
}

function data(overrides: Partial<DashboardData> = {}): DashboardData {
  return {
    filters: { ...NO_FILTERS },
    errors: {},
    options: {
      agencies: [
        { id: PUTIAN, nameZh: "莆田市公安局", nameEn: "Putian Municipal Public Security Bureau" },
        { id: GUANGZHOU, nameZh: "广州市公安局", nameEn: "Guangzhou Municipal Public Security Bureau" },
      ],
      jointOperations: [],
      provinceCodes: ["350000", "440000"],
      categories: ["footwear_apparel", "digital_accessories"],
    },
    figures: figures(),
    provinces: {
      "350000": { code: "350000", nameZh: "福建省", nameEn: "Fujian" },
      "440000": { code: "440000", nameZh: "广东省", nameEn: "Guangdong" },
    },
    operation: null,
    scope: { kind: "all" },
    ...overrides,
  };
}

const CONTEXT: ExportContext = {
  locale: "en",
  timeZone: "Asia/Shanghai",
  exportedAt: new Date("2026-05-20T03:00:00.000Z"),
  exportedBy: { displayName: "王海峰", organisationNameZh: "平台治理部知识产权专项组", organisationNameEn: "Platform Governance Department, IP Special Team" },
};

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function csvRecords(text: string) {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
  expect(header).toEqual([...CSV_HEADER]);
  return rows.map(([section, key, label, measure, unit, value]) => ({ section, key, label, measure, unit, value }));
}

describe("publishable figures", () => {
  it("suppresses counts from 1 to 4 only, and keeps zero", () => {
    expect([0, 1, 4, 5, 120].map((n) => machineValue(countFigure(n, true)))).toEqual(["0", "<5", "<5", "5", "120"]);
    expect(machineValue(countFigure(3, false))).toBe("3");
  });

  it("suppresses shares whose part or whole is a small count, and medians over fewer than 5 decisions", () => {
    expect(shareFigure(3, 120, true).suppressed).toBe(true);
    expect(shareFigure(0, 120, true)).toEqual({ unit: "share", value: 0, suppressed: false });
    expect(shareFigure(4, 4, true).suppressed).toBe(true);
    expect(shareFigure(60, 120, true).value).toBe(0.5);
    expect(shareFigure(1, 0, true)).toEqual({ unit: "share", value: null, suppressed: false });
    expect(hoursFigure(30, 4, true).suppressed).toBe(true);
    expect(hoursFigure(30, 5, true)).toEqual({ unit: "hours", value: 30, suppressed: false });
    expect(hoursFigure(null, 0, true)).toEqual({ unit: "hours", value: null, suppressed: false });
  });

  it("withholds a seized value resting on fewer than 5 raided cases", () => {
    expect(yuanFigure(400_000, 1, true).suppressed).toBe(true);
    expect(yuanFigure(400_000, 5, true)).toEqual({ unit: "yuan", value: 400_000, suppressed: false });
    expect(yuanFigure(0, 0, true).suppressed).toBe(false);
    expect(yuanFigure(400_000, 1, false).suppressed).toBe(false);
  });

  it("writes figures for readers in their language, yuan with ¥", () => {
    const en = createI18n("en").t;
    const zh = createI18n("zh-CN").t;
    expect(formatFigure(yuanFigure(4_250_000, 41, true), en, "en")).toBe("¥4,250,000");
    expect(formatFigure(yuanFigure(4_250_000, 41, true), zh, "zh-CN")).toBe("¥4,250,000");
    expect(formatFigure(yuanFigure(1, 1, true), en, "en")).toBe("withheld");
    expect(formatFigure(yuanFigure(1, 1, true), zh, "zh-CN")).toBe("不公开");
    expect(formatFigure(hoursFigure(30, 10, true), en, "en")).toBe("30 hours");
    expect(formatFigure(hoursFigure(70, 10, true), zh, "zh-CN")).toBe("2.9 天");
    expect(formatFigure(countFigure(3, true), en, "en")).toBe("<5");
  });

  it("gives the page the exact figures and the exports the suppressed ones from the same view", () => {
    const t = createI18n("en").t;
    const exact = buildDashboardView(figures(), { t, locale: "en", publish: false, provinces: data().provinces, showAgencies: true });
    const published = buildDashboardView(figures(), { t, locale: "en", publish: true, provinces: data().provinces, showAgencies: true });
    const convicted = (view: typeof exact) => view.headline[0]!.tiles.find((tile) => tile.measure === "convicted")!.figure;
    expect(convicted(exact)).toEqual({ unit: "count", value: 3, suppressed: false });
    expect(convicted(published)).toEqual({ unit: "count", value: null, suppressed: true });
    expect(exact.sections.map((section) => section.id)).toEqual(["funnel", "by_month", "by_agency", "by_category", "by_province", "top_brands"]);
    // Largest first.
    expect(exact.sections.find((section) => section.id === "by_agency")!.rows.map((row) => row.key)).toEqual([PUTIAN, GUANGZHOU, JINHUA]);
  });

  it("leaves the by-agency section out for an agency's management", () => {
    const t = createI18n("zh-CN").t;
    const view = buildDashboardView(figures(), { t, locale: "zh-CN", publish: false, provinces: {}, showAgencies: false });
    expect(view.sections.some((section) => section.id === "by_agency")).toBe(false);
  });
});

describe("dashboard CSV", () => {
  it("starts with a byte-order mark and parses back into one figure per row, small counts as <5", () => {
    const text = dashboardCsv(data(), CONTEXT);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const records = csvRecords(text);
    const value = (section: string, key: string, measure: string) =>
      records.filter((row) => row.section === section && row.key === key && row.measure === measure).map((row) => row.value);

    expect(value("totals", "referred", "referred")).toEqual(["120"]);
    expect(value("totals", "convicted", "convicted")).toEqual(["<5"]);
    expect(value("outcomes", "arrested", "arrested")).toEqual(["<5"]);
    expect(value("outcomes", "accounts_banned", "accounts_banned")).toEqual(["0"]);
    expect(value("outcomes", "seized_value_yuan", "seized_value_yuan")).toEqual(["4250000"]);
    expect(value("decision_time", "median_hours", "median_hours")).toEqual(["30"]);
    expect(value("decision_time", "overdue_now", "overdue_now")).toEqual(["<5"]);
    expect(value("funnel", "accepted", "share_of_referred")).toEqual(["0.8"]);
    expect(value("funnel", "convicted", "share_of_referred")).toEqual(["suppressed"]);
    expect(value("by_agency", JINHUA, "referred")).toEqual(["<5"]);
    expect(value("by_agency", JINHUA, "seized_value_yuan")).toEqual(["0"]);
    expect(value("by_agency", GUANGZHOU, "seized_value_yuan")).toEqual(["1000000"]);
    expect(value("by_province", "350000", "referred")).toEqual(["70"]);
    expect(value("by_province", "unknown", "referred")).toEqual(["<5"]);
    expect(value("by_month", "2026-02", "referred")).toEqual(["0"]);
    expect(value("by_month", "2026-04", "referred")).toEqual(["<5"]);
    expect(value("top_brands", "Apple", "cases")).toEqual(["<5"]);
    expect(value("meta", "as_of", "as_of")).toEqual(["2026-05-20T02:30:00.000Z"]);

    // No count from 1 to 4 anywhere; every (section, key, measure) once.
    for (const row of records) {
      if (row.unit === "count") expect(row.value, `${row.section} ${row.key} ${row.measure}`).toMatch(/^(0|[5-9]|\d{2,}|<5|suppressed)$/);
    }
    const keys = records.map((row) => `${row.section}|${row.key}|${row.measure}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("withholds the next smallest figure of a breakdown's column that would hide only one, so the total cannot give it back", () => {
    const records = csvRecords(dashboardCsv(data(), CONTEXT));
    const column = (section: string, measure: string) =>
      Object.fromEntries(records.filter((row) => row.section === section && row.measure === measure).map((row) => [row.key, row.value]));
    // Referred: Jinhua's 3 is "<5"; 120 − 67 − 50 would give it back, so Guangzhou's 50 is withheld too.
    expect(column("by_agency", "referred")).toEqual({ [PUTIAN]: "67", [GUANGZHOU]: "suppressed", [JINHUA]: "<5" });
    // By month: April's 4 hidden, January's 30 (the smallest above zero) withheld; February's zero stays.
    expect(column("by_month", "referred")).toEqual({ "2026-01": "suppressed", "2026-02": "0", "2026-03": "86", "2026-04": "<5" });
    // Two hidden already (convicted 2 and 1): only their sum can be worked out, nothing more is withheld.
    expect(column("by_agency", "convicted")).toEqual({ [PUTIAN]: "<5", [GUANGZHOU]: "<5", [JINHUA]: "0" });
    // The headline keeps its exact totals, and no breakdown column hides exactly one figure beside figures
    // above zero (beside zeros only, the hidden figure is the total, which is hidden too: footwear's 3 convicted).
    expect(records.find((row) => row.section === "totals" && row.measure === "referred")!.value).toBe("120");
    expect(column("by_category", "convicted")).toEqual({ footwear_apparel: "<5", digital_accessories: "0" });
    expect(records.find((row) => row.section === "totals" && row.measure === "convicted")!.value).toBe("<5");
    for (const section of ["by_month", "by_agency", "by_category", "by_province"]) {
      for (const measure of ["referred", "accepted", "raided", "prosecuted", "convicted", "seized_value_yuan"]) {
        const values = Object.values(column(section, measure));
        const hidden = values.filter((value) => value === "<5" || value === "suppressed");
        if (hidden.length === 1) expect(values.filter((value) => value !== "0").length, `${section} ${measure}`).toBe(1);
      }
    }
  });

  it("writes a figure withheld to protect another as withheld, never as <5, and shows the page every figure", () => {
    const en = createI18n("en").t;
    const zh = createI18n("zh-CN").t;
    const options = { provinces: data().provinces, showAgencies: true } as const;
    const published = buildDashboardView(figures(), { ...options, t: en, locale: "en", publish: true });
    const guangzhou = published.sections.find((section) => section.id === "by_agency")!.rows.find((row) => row.key === GUANGZHOU)!;
    expect(guangzhou.figures.referred).toEqual({ unit: "count", value: null, suppressed: true, complementary: true });
    expect(formatFigure(guangzhou.figures.referred!, en, "en")).toBe("withheld");
    expect(formatFigure(guangzhou.figures.referred!, zh, "zh-CN")).toBe("不公开");
    const exact = buildDashboardView(figures(), { ...options, t: en, locale: "en", publish: false });
    expect(exact.sections.find((section) => section.id === "by_agency")!.rows.find((row) => row.key === GUANGZHOU)!.figures.referred).toEqual({
      unit: "count",
      value: 50,
      suppressed: false,
    });
  });

  it("labels rows in the reader's language and describes the filters", () => {
    const zh = csvRecords(
      dashboardCsv(data({ filters: { ...NO_FILTERS, category: "footwear_apparel", from: "2026-01-01" } }), { ...CONTEXT, locale: "zh-CN" }),
    );
    expect(zh.find((row) => row.section === "by_province" && row.key === "350000")!.label).toBe("福建省");
    expect(zh.find((row) => row.section === "by_category" && row.key === "footwear_apparel")!.label).toBe("鞋服");
    expect(zh.find((row) => row.section === "filters" && row.key === "category")).toMatchObject({ value: "footwear_apparel", label: "商品类别: 鞋服" });
    expect(zh.find((row) => row.section === "filters" && row.key === "from")!.value).toBe("2026-01-01");
    const en = csvRecords(dashboardCsv(data(), CONTEXT));
    expect(en.find((row) => row.section === "by_province" && row.key === "440000")!.label).toBe("Guangdong");
  });
});

describe("dashboard PDF", () => {
  const pdftotext = (pdf: Buffer) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboard-pdf-"));
    const file = path.join(dir, "dashboard.pdf");
    fs.writeFileSync(file, pdf);
    try {
      return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it("carries the headings, the charts' labels and the suppressed figures in English", async () => {
    const pdf = await dashboardPdf(data(), CONTEXT);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdftotext(pdf);
    for (const heading of ["Joint-operation statistics", "1. Headline figures", "2. From referral to conviction", "By agency", "By province", "Top brands"]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("¥4,250,000");
    expect(text).toContain("Guangdong");
    expect(text).toMatch(/Convicted\s+<5/);
    expect(text).not.toMatch(/Convicted\s+3\b/);
    // The page numbers are the reader's language only (the bilingual form is the referral packet's).
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).not.toMatch(/第\s*1\s*页/);
  });

  it("is in Chinese for a Chinese reader, and says so when nothing matches", async () => {
    const text = pdftotext(await dashboardPdf(data(), { ...CONTEXT, locale: "zh-CN" }));
    expect(text).toContain("联合打假统计报告");
    expect(text).toContain("一、核心指标");
    expect(text).toContain("福建省");
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/);
    expect(text).not.toContain("Page 1 of");
    const empty = figures();
    empty.funnel = { referred: 0, accepted: 0, raided: 0, prosecuted: 0, convicted: 0 };
    const emptyText = pdftotext(await dashboardPdf(data({ figures: empty }), { ...CONTEXT, locale: "zh-CN" }));
    expect(emptyText).toContain("没有符合筛选条件的案件");
    expect(emptyText).not.toContain("核心指标");
  });
});

describe("the dashboard's data in the demo world", () => {
  let database: TestDatabase;
  const params = (query: Record<string, string> = {}) => new URLSearchParams(query);
  const viewer = (email: string) => loadViewer(database.db, { email });

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWorld(database.db, { password: "dashboard-test-password" });
  }, 900_000);
  afterAll(async () => {
    await database?.destroy();
  });

  it("gives the platform's management every agency, and an agency's management only its own", async () => {
    const platform = await loadDashboardData(database.db, await viewer("management@platform.demo"), params());
    expect(platform.scope).toEqual({ kind: "all" });
    expect(platform.errors).toEqual({});
    expect(platform.figures.funnel.referred).toBeGreaterThan(0);
    const putianRow = platform.figures.byAgency.find((row) => row.nameZh === "莆田市公安局")!;
    const guangzhouRow = platform.figures.byAgency.find((row) => row.nameZh === "广州市公安局")!;
    expect(putianRow.referred).toBeGreaterThan(0);

    const putian = await loadDashboardData(database.db, await viewer("management@putian.demo"), params());
    expect(putian.scope).toEqual({ kind: "agency", nameZh: "莆田市公安局", nameEn: "Putian Municipal Public Security Bureau" });
    expect(putian.figures.funnel.referred).toBe(putianRow.referred);
    expect(putian.figures.byAgency.map((row) => row.agencyId)).toEqual([putianRow.agencyId]);

    // Another agency asked for by address: refused, named, and the figures stay Putian's own.
    const asked = await loadDashboardData(database.db, await viewer("management@putian.demo"), params({ agency: guangzhouRow.agencyId }));
    expect(asked.errors).toEqual({ agencyId: "statistics.filters.errors.unknownAgency" });
    expect(asked.filters.agencyId).toBeNull();
    expect(asked.figures.funnel.referred).toBe(putianRow.referred);
    const csv = csvRecords(dashboardCsv(asked, CONTEXT));
    expect(csv.some((row) => row.section === "by_agency" && row.key === guangzhouRow.agencyId)).toBe(false);
  }, 120_000);

  it("reports filters that name nothing the viewer may choose, and applies the rest", async () => {
    const management = await viewer("management@platform.demo");
    const footwear = await loadDashboardData(database.db, management, params({ category: "footwear_apparel" }));
    const data = await loadDashboardData(
      database.db,
      management,
      params({ category: "footwear_apparel", province: "990000", operation: "00000000-0000-4000-8000-000000000000", agency: "00000000-0000-4000-8000-000000000001" }),
    );
    expect(data.errors).toEqual({
      provinceCode: "statistics.filters.errors.unknownProvince",
      jointOperationId: "statistics.filters.errors.unknownOperation",
      agencyId: "statistics.filters.errors.unknownAgency",
    });
    expect(data.filters).toMatchObject({ category: "footwear_apparel", provinceCode: null, jointOperationId: null, agencyId: null });
    expect(data.figures.funnel).toEqual(footwear.figures.funnel);
  }, 120_000);

  it("describes a chosen joint operation with its agencies, and its figures are its own", async () => {
    const management = await viewer("management@platform.demo");
    const all = await loadDashboardData(database.db, management, params());
    const cloudSword = all.options.jointOperations.find((operation) => operation.code === "cloud-sword-2026")!;
    const data = await loadDashboardData(database.db, management, params({ operation: cloudSword.id }));
    expect(data.operation).toMatchObject({ code: "cloud-sword-2026", startsOn: "2026-03-01", endsOn: "2026-12-31" });
    expect(data.operation!.agencies.map((agency) => agency.nameZh).sort()).toEqual(["广州市公安局", "莆田市公安局"].sort());
    expect(data.figures.funnel.referred).toBeGreaterThan(0);
    expect(data.figures.funnel.referred).toBeLessThan(all.figures.funnel.referred);
  }, 120_000);

  it("records each export in the audit log with its format and filters", async () => {
    const management = await viewer("management@putian.demo");
    const data = await loadDashboardData(database.db, management, params({ category: "footwear_apparel" }));
    await recordDashboardExport(database.db, management, "pdf", data.filters, { ip: "192.0.2.7", userAgent: null });
    const [last] = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(last).toMatchObject({
      action: "statistics.exported",
      actorUserId: management.userId,
      ip: "192.0.2.7",
      entityType: "dashboard",
      details: { format: "pdf", filters: { category: "footwear_apparel", agencyId: null } },
    });
  }, 120_000);

  it("publishes no count from 1 to 4 in the demo world's CSV, though the demo world has such counts", async () => {
    const data = await loadDashboardData(database.db, await viewer("management@platform.demo"), params());
    const exact = data.figures.byProvince.flatMap((row) => [row.referred, row.accepted, row.raided, row.prosecuted, row.convicted]);
    expect(exact.some((count) => count >= 1 && count <= 4)).toBe(true);
    const records = csvRecords(dashboardCsv(data, { ...CONTEXT, locale: "zh-CN" }));
    const counts = records.filter((row) => row.unit === "count");
    expect(counts.length).toBeGreaterThan(100);
    expect(counts.filter((row) => ["1", "2", "3", "4"].includes(row.value!))).toEqual([]);
    expect(counts.some((row) => row.value === "<5")).toBe(true);
  }, 120_000);
});
