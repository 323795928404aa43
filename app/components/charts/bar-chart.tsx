/**
 * Horizontal bars, one row per item, drawn on the server (d3-scale for the geometry, plain SVG). An optional
 * second measure (e.g. "of which raided") is drawn over the first in a darker shade. The numbers are also in
 * a table beside the chart on the page; this SVG is role="img" with a title and a description.
 * A value of null is a suppressed small count (exports): no bar, its label (e.g. "<5") in grey.
 */
import { scaleLinear } from "d3-scale";
import type { Locale } from "~/lib/i18n";
import { CHART_COLORS, CHART_FONT_SIZE, estimateTextWidth, formatTick, svgId, wrapText } from "./chart-kit";

export interface BarChartDatum {
  key: string;
  label: string;
  value: number | null;
  /** The value as written at the end of the bar (formatted, or "<5"). */
  valueLabel: string;
  secondary?: number | null;
}

export interface BarChartProps {
  id: string;
  title: string;
  description: string;
  data: BarChartDatum[];
  locale: Locale;
  legend?: { primary: string; secondary?: string };
  width?: number;
}

/** Row height: roomier for a few rows, denser for many (e.g. 31 provinces). */
const rowHeight = (rows: number) => (rows > 14 ? 22 : 28);
const AXIS = 24;
const LEGEND = 28;

export function BarChart({ id, title, description, data, locale, legend, width = 640 }: BarChartProps) {
  const top = legend ? LEGEND : 6;
  const ROW = rowHeight(data.length);
  const BAR = Math.round(ROW * 0.64);
  const height = top + data.length * ROW + AXIS;
  const labelWidth = Math.min(Math.max(64, ...data.map((d) => estimateTextWidth(d.label))) + 4, width * 0.34);
  const valueWidth = Math.max(28, ...data.map((d) => estimateTextWidth(d.valueLabel))) + 10;
  const x0 = labelWidth + 12;
  const max = Math.max(1, ...data.map((d) => Math.max(d.value ?? 0, d.secondary ?? 0)));
  const x = scaleLinear().domain([0, max]).nice(4).range([x0, width - valueWidth]);
  const ticks = x.ticks(4).filter((tick) => Number.isInteger(tick));
  const hasSecondary = data.some((d) => d.secondary !== undefined);
  const titleId = svgId(id, "title");
  const descId = svgId(id, "desc");
  const plotBottom = top + data.length * ROW;

  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      className="chart-svg"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {legend ? <Legend x={x0} primary={legend.primary} secondary={hasSecondary ? legend.secondary : undefined} /> : null}
      <g>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={top} y2={plotBottom} stroke={CHART_COLORS.grid} strokeWidth={1} />
            <text x={x(tick)} y={plotBottom + 16} fontSize={CHART_FONT_SIZE - 1} fill={CHART_COLORS.muted} textAnchor="middle">
              {formatTick(tick, locale)}
            </text>
          </g>
        ))}
        <line x1={x0} x2={x0} y1={top} y2={plotBottom} stroke={CHART_COLORS.axis} strokeWidth={1} />
      </g>
      {data.map((d, index) => {
        const y = top + index * ROW + (ROW - BAR) / 2;
        const baseline = y + BAR / 2 + CHART_FONT_SIZE * 0.36;
        const end = d.value === null ? x0 : x(d.value);
        return (
          <g key={d.key}>
            <title>{`${d.label}: ${d.valueLabel}`}</title>
            <Label x={x0 - 8} baseline={baseline} text={d.label} width={labelWidth} twoLines={ROW >= 28} />
            {d.value !== null && d.value > 0 ? (
              <rect x={x0} y={y} width={Math.max(1, end - x0)} height={BAR} rx={2} fill={hasSecondary ? CHART_COLORS.primaryLight : CHART_COLORS.primary} />
            ) : null}
            {d.secondary != null && d.secondary > 0 ? (
              <rect x={x0} y={y + BAR * 0.2} width={Math.max(1, x(d.secondary) - x0)} height={BAR * 0.6} rx={1.5} fill={CHART_COLORS.primary} />
            ) : null}
            <text
              x={end + 6}
              y={baseline}
              fontSize={CHART_FONT_SIZE}
              fill={d.value === null ? CHART_COLORS.suppressed : CHART_COLORS.text}
              fontWeight={d.value === null ? undefined : "bold"}
            >
              {d.valueLabel}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A row's label, right-aligned before the axis: on two smaller lines when it is long and the row has room. */
function Label({ x, baseline, text, width, twoLines }: { x: number; baseline: number; text: string; width: number; twoLines: boolean }) {
  const lines = wrapText(text, width, CHART_FONT_SIZE, twoLines ? 2 : 1);
  if (lines.length === 1) {
    return (
      <text x={x} y={baseline} fontSize={CHART_FONT_SIZE} fill={CHART_COLORS.text} textAnchor="end">
        {lines[0]}
      </text>
    );
  }
  const size = CHART_FONT_SIZE - 1.5;
  const small = wrapText(text, width, size, 2);
  if (small.length === 1) {
    return (
      <text x={x} y={baseline - 0.5} fontSize={size} fill={CHART_COLORS.text} textAnchor="end">
        {small[0]}
      </text>
    );
  }
  return (
    <text x={x} y={baseline - size * 0.6} fontSize={size} fill={CHART_COLORS.text} textAnchor="end">
      <tspan x={x}>{small[0]}</tspan>
      <tspan x={x} dy={size * 1.15}>
        {small[1]}
      </tspan>
    </text>
  );
}

function Legend({ x, primary, secondary }: { x: number; primary: string; secondary?: string }) {
  const secondX = x + 22 + estimateTextWidth(primary, CHART_FONT_SIZE - 1) + 18;
  return (
    <g>
      <rect x={x} y={6} width={14} height={12} rx={2} fill={secondary ? CHART_COLORS.primaryLight : CHART_COLORS.primary} />
      <text x={x + 20} y={16} fontSize={CHART_FONT_SIZE - 1} fill={CHART_COLORS.muted}>
        {primary}
      </text>
      {secondary ? (
        <>
          <rect x={secondX} y={8.5} width={14} height={7} rx={1.5} fill={CHART_COLORS.primary} />
          <text x={secondX + 20} y={16} fontSize={CHART_FONT_SIZE - 1} fill={CHART_COLORS.muted}>
            {secondary}
          </text>
        </>
      ) : null}
    </g>
  );
}
