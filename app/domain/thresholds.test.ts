import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { amountInFen, DEFAULT_THRESHOLDS, evaluateThresholds, meetsAnyThreshold, type ThresholdConfigInput } from "./thresholds";
import { loadThresholdConfig } from "./thresholds.server";

function article(results: ReturnType<typeof evaluateThresholds>, name: string) {
  const found = results.find((result) => result.article === name);
  if (!found) throw new Error(`no result for ${name}`);
  return found;
}

describe("prosecution thresholds", () => {
  it("keeps the commonly cited values, each with its source", () => {
    const art213 = DEFAULT_THRESHOLDS.articles.find((entry) => entry.article === "art213")!;
    const art214 = DEFAULT_THRESHOLDS.articles.find((entry) => entry.article === "art214")!;
    expect(art213.criteria.map((criterion) => [criterion.measures, criterion.minimum])).toEqual([
      [["illegalBusinessVolume"], 50_000],
      [["illegalGains"], 30_000],
    ]);
    expect(art214.criteria.map((criterion) => [criterion.measures, criterion.minimum])).toContainEqual([["salesAmount"], 50_000]);
    expect(art214.criteria.map((criterion) => [criterion.measures, criterion.minimum])).toContainEqual([["unsoldGoodsValue"], 150_000]);
    expect(art214.criteria.map((criterion) => [criterion.measures, criterion.minimum])).toContainEqual([
      ["salesAmount", "unsoldGoodsValue"],
      150_000,
    ]);
    expect(art213.source.zh).toContain("法释〔2004〕19号");
    expect(art214.source.zh).toContain("公通字〔2010〕23号");
  });

  it("meets art. 214 by the sales amount at exactly 50,000 yuan, not at 49,999.99", () => {
    expect(article(evaluateThresholds({ salesAmount: "50000" }), "art214").metBy.map((c) => c.id)).toEqual(["art214_sales"]);
    const below = article(evaluateThresholds({ salesAmount: "49999.99" }), "art214");
    expect(below.met).toBe(false);
    expect(below.assessed).toBe(true);
  });

  it("meets art. 214 as an attempt by unsold goods, or by sold and unsold goods together", () => {
    const unsold = article(evaluateThresholds({ unsoldGoodsValue: 150_000 }), "art214");
    expect(unsold.metBy.map((c) => [c.id, c.form])).toEqual([
      ["art214_unsold", "attempted"],
      ["art214_sold_and_unsold", "attempted"],
    ]);
    const together = article(evaluateThresholds({ salesAmount: "40,000", unsoldGoodsValue: "110000" }), "art214");
    expect(together.metBy.map((c) => c.id)).toEqual(["art214_sold_and_unsold"]);
    expect(together.metBy[0]!.value).toBe(150_000);
  });

  it("meets art. 213 by the illegal business volume or the illegal gains, and names which", () => {
    const byVolume = article(evaluateThresholds({ illegalBusinessVolume: "400000.00" }), "art213");
    expect(byVolume.metBy.map((c) => c.id)).toEqual(["art213_business_volume"]);
    const byGains = article(evaluateThresholds({ illegalBusinessVolume: "20000", illegalGains: "30000.00" }), "art213");
    expect(byGains.metBy.map((c) => c.id)).toEqual(["art213_illegal_gains"]);
  });

  it("says a lead without amounts is not assessed rather than below the threshold", () => {
    const results = evaluateThresholds({ salesAmount: null, unsoldGoodsValue: "" });
    expect(results.every((result) => !result.assessed && !result.met)).toBe(true);
    expect(meetsAnyThreshold(results)).toBe(false);
  });

  it("reads amounts in fen without floating-point drift", () => {
    expect(amountInFen("0.1")).toBe(10);
    expect(amountInFen("49999.99")).toBe(4_999_999);
    expect(amountInFen("1,234.5")).toBe(123_450);
    expect(amountInFen("abc")).toBeNull();
    expect(amountInFen(undefined)).toBeNull();
  });
});

describe("PROSECUTION_THRESHOLDS_FILE", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "thresholds-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("replaces the defaults with the file's values", () => {
    const custom: ThresholdConfigInput = {
      id: "test-2027",
      note: { zh: "测试", en: "test" },
      articles: [
        {
          article: "art214",
          source: { zh: "某解释", en: "Some interpretation" },
          criteria: [{ id: "sales", measures: ["salesAmount"], minimum: 100_000 }],
        },
      ],
    };
    const file = path.join(dir, "custom.json");
    fs.writeFileSync(file, JSON.stringify(custom));
    const config = loadThresholdConfig(file);
    expect(config.id).toBe("test-2027");
    expect(article(evaluateThresholds({ salesAmount: 60_000 }, config), "art214").met).toBe(false);
    expect(article(evaluateThresholds({ salesAmount: 100_000 }, config), "art214").met).toBe(true);
  });

  it("refuses a file that is not valid, naming the file and the problem", () => {
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, JSON.stringify({ id: "x", note: { zh: "x", en: "x" }, articles: [{ article: "art214", source: { zh: "x", en: "x" }, criteria: [{ id: "a", measures: ["turnover"], minimum: 1 }] }] }));
    expect(() => loadThresholdConfig(file)).toThrow(/bad\.json.*\n.*articles\.0\.criteria\.0\.measures\.0/);
    const notJson = path.join(dir, "broken.json");
    fs.writeFileSync(notJson, "{ not json");
    expect(() => loadThresholdConfig(notJson)).toThrow(/broken\.json\) cannot be read as JSON/);
    expect(() => loadThresholdConfig(path.join(dir, "missing.json"))).toThrow(/missing\.json/);
  });
});
