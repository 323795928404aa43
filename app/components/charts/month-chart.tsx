/**
 * Cases by month of referral: a bar per month (referred) with a line over it (of which raided), drawn on the
 * server with d3-scale and d3-shape as plain SVG. Months with nothing are present (zero); a null value is a
 * suppressed small count: no bar, and a gap in the line.
 */
import { scaleBand, scaleLinear } from "d3-scale";
import { curveMonotoneX, line } from "d3-shape";
import type { Locale } from "~/lib/i18n";
import { CHART_COLORS, CHART_FONT_SIZE, estimateTextWidth, formatTick, svgId } from "./chart-kit";

export interface MonthDatum {
  /** YYYY-MM */
  month: string;
  referred: number | null;
  raided: number | null;
}

export interface MonthChartProps {
  id: string;
  title: string;
  description: string;
  months: MonthDatum[];
  locale: Locale;
  legend: { referred: string; raided: string };
  width?: number;
}

const HEIGHT = 260;
const TOP = 34;
const BOTTOM = 40;

export function MonthChart({ id, title, description, months, locale, legend, width = 640 }: MonthChartProps) {
  const max = Math.max(1, ...months.map((m) => Math.max(m.referred ?? 0, m.raided ?? 0)));
  const y = scaleLinear().domain([0, max]).nice(4).range([HEIGHT - BOTTOM, TOP]);
  const ticks = y.ticks(4).filter((tick) => Number.isInteger(tick));
  const left = Math.max(...ticks.map((tick) => estimateTextWidth(formatTick(tick, locale), CHART_FONT_SIZE - 1))) + 14;
  const x = scaleBand<string>()
    .domain(months.map((m) => m.month))
    .range([left, width - 8])
    .paddingInner(0.28)
    .paddingOuter(0.14);
  const centre = (month: string) => (x(month) ?? 0) + x.bandwidth() / 2;
  const monthName = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const labelEvery = Math.max(1, Math.ceil(months.length / Math.max(1, Math.floor((width - left) / 42))));
  const raidedLine = line<MonthDatum>()
    .defined((m) => m.raided !== null)
    .x((m) => centre(m.month))
    .y((m) => y(m.raided ?? 0))
    .curve(curveMonotoneX)(months);
  // The year under each January, and under the first month unless a January follows close behind.
  const firstJanuary = months.findIndex((m) => m.month.endsWith("-01"));
  const titleId = svgId(id, "title");
  const descId = svgId(id, "desc");
  const legendSecond = left + 22 + estimateTextWidth(legend.referred, CHART_FONT_SIZE - 1) + 18;

  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${HEIGHT}`}
      width={width}
      height={HEIGHT}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      className="chart-svg"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <g>
        <rect x={left} y={6} width={14} height={12} rx={2} fill={CHART_COLORS.primaryLight} />
        <text x={left + 20} y={16} fontSize={CHART_FONT_SIZE - 1} fill={CHART_COLORS.muted}>
          {legend.referred}
        </text>
        <line x1={legendSecond} x2={legendSecond + 16} y1={12} y2={12} stroke={CHART_COLORS.accent} strokeWidth={2.5} />
        <circle cx={legendSecond + 8} cy={12} r={3} fill={CHART_COLORS.accent} />
        <text x={legendSecond + 22} y={16} fontSize={CHART_FONT_SIZE - 1} fill={CHART_COLORS.muted}>
          {legend.raided}
        </text>
      </g>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={width - 8} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? CHART_COLORS.axis : CHART_COLORS.grid} strokeWidth={1} />
          <text x={left - 6} y={y(tick) + 4} fontSize={CHART_FONT_SIZE - 1} fill={CHART_COLORS.muted} textAnchor="end">
            {formatTick(tick, locale)}
          </text>
        </g>
      ))}
      {months.map((m, index) => {
        const date = new Date(`${m.month}-01T00:00:00Z`);
        const showLabel = index % labelEvery === 0;
        const showYear = m.month.endsWith("-01") || (index === 0 && (firstJanuary === -1 || firstJanuary >= 3));
        return (
          <g key={m.month}>
            <title>{`${m.month}: ${m.referred ?? "<5"} / ${m.raided ?? "<5"}`}</title>
            {m.referred !== null && m.referred > 0 ? (
              <rect
                x={x(m.month)}
                y={y(m.referred)}
                width={x.bandwidth()}
                height={Math.max(1, y(0) - y(m.referred))}
                rx={2}
                fill={CHART_COLORS.primaryLight}
              />
            ) : null}
            {m.referred === null ? (
              <text x={centre(m.month)} y={y(0) - 4} fontSize={CHART_FONT_SIZE - 3} fill={CHART_COLORS.suppressed} textAnchor="middle">
                {"<5"}
              </text>
            ) : null}
            {showLabel ? (
              <text x={centre(m.month)} y={HEIGHT - BOTTOM + 15} fontSize={CHART_FONT_SIZE - 1} fill={CHART_COLORS.muted} textAnchor="middle">
                {monthName.format(date)}
              </text>
            ) : null}
            {showYear ? (
              <text x={centre(m.month)} y={HEIGHT - BOTTOM + 30} fontSize={CHART_FONT_SIZE - 1} fill={CHART_COLORS.text} textAnchor="middle" fontWeight="bold">
                {m.month.slice(0, 4)}
              </text>
            ) : null}
          </g>
        );
      })}
      {raidedLine ? <path d={raidedLine} fill="none" stroke={CHART_COLORS.accent} strokeWidth={2.5} /> : null}
      {months.map((m) =>
        m.raided !== null ? <circle key={`${m.month}-point`} cx={centre(m.month)} cy={y(m.raided)} r={3} fill={CHART_COLORS.accent} /> : null,
      )}
    </svg>
  );
}
