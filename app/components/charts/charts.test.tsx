/** The server-drawn charts: plain SVG strings with a title and description, sane geometry, suppressed values. */
import { renderToStaticMarkup } from "react-dom/server";
import { BarChart } from "./bar-chart";
import { fitText, wrapText } from "./chart-kit";
import { FunnelChart } from "./funnel-chart";
import { MonthChart } from "./month-chart";

const noBrokenNumbers = (svg: string) => expect(svg).not.toMatch(/NaN|Infinity|undefined/);

describe("chart text", () => {
  it("wraps long labels on two lines by words, or by characters for Chinese, and cuts what is left", () => {
    expect(wrapText("Putian Municipal Public Security Bureau", 150)).toEqual(["Putian Municipal Public", "Security Bureau"]);
    expect(wrapText("新疆维吾尔自治区", 60)).toEqual(["新疆维吾尔", "自治区"]);
    expect(wrapText("Fujian", 150)).toEqual(["Fujian"]);
    const [, second] = wrapText("A very long agency name that cannot possibly fit in two short lines", 100);
    expect(second!.endsWith("…")).toBe(true);
    expect(fitText("广西壮族自治区", 40)).toBe("广西…");
  });
});

describe("charts", () => {
  it("draws bars with a title, a description and the suppressed value as <5", () => {
    const svg = renderToStaticMarkup(
      <BarChart
        id="by-agency"
        title="By agency"
        description="Cases by agency"
        locale="en"
        legend={{ primary: "Referred", secondary: "Of which raided" }}
        data={[
          { key: "a", label: "Putian Municipal Public Security Bureau", value: 120, valueLabel: "120", secondary: 40 },
          { key: "b", label: "金华市公安局", value: null, valueLabel: "<5", secondary: 0 },
        ]}
      />,
    );
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="by-agency-title by-agency-desc"/);
    expect(svg).toContain('<title id="by-agency-title">By agency</title>');
    expect(svg).toContain("&lt;5");
    expect(svg.match(/<rect /g)!.length).toBe(2 + 2); // two bars for the first row, one legend key per series
    noBrokenNumbers(svg);
  });

  it("draws the funnel narrowing from the referred, and a stage with nothing as no bar", () => {
    const svg = renderToStaticMarkup(
      <FunnelChart
        id="funnel"
        title="Funnel"
        description="From referral to conviction"
        stages={[
          { key: "referred", label: "Referred", value: 100, valueLabel: "100", shareLabel: "100%" },
          { key: "accepted", label: "Accepted", value: 50, valueLabel: "50", shareLabel: "50%" },
          { key: "convicted", label: "Convicted", value: 0, valueLabel: "0", shareLabel: "0%" },
        ]}
      />,
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1]! / widths[0]!).toBeCloseTo(0.5, 2);
    noBrokenNumbers(svg);
  });

  it("draws months with a line that breaks at a suppressed month, and the year under January", () => {
    const svg = renderToStaticMarkup(
      <MonthChart
        id="months"
        title="By month"
        description="Cases by month"
        locale="zh-CN"
        legend={{ referred: "移送", raided: "其中已收网查处" }}
        months={[
          { month: "2025-11", referred: 30, raided: 10 },
          { month: "2025-12", referred: null, raided: null },
          { month: "2026-01", referred: 20, raided: 5 },
          { month: "2026-02", referred: 0, raided: 0 },
        ]}
      />,
    );
    const path = /<path d="([^"]+)"/.exec(svg)![1]!;
    expect(path.match(/M/g)).toHaveLength(2); // two pieces: before and after the suppressed month
    expect(svg).toContain(">2026<");
    expect(svg).toContain(">1月<");
    noBrokenNumbers(svg);
  });
});
