/**
 * The case funnel (referred → accepted → raided → prosecuted → convicted): one centred bar per stage, its
 * width the stage's share of the referred cases, joined by the narrowing between stages. Drawn on the server
 * as plain SVG; the numbers are in a table beside it on the page. A null value is a suppressed small count.
 */
import { scaleLinear } from "d3-scale";
import { CHART_COLORS, CHART_FONT_SIZE, estimateTextWidth, fitText, svgId } from "./chart-kit";

export interface FunnelStage {
  key: string;
  label: string;
  value: number | null;
  valueLabel: string;
  /** The stage's share of the first stage, formatted (or "<5"). */
  shareLabel: string;
}

export interface FunnelChartProps {
  id: string;
  title: string;
  description: string;
  stages: FunnelStage[];
  width?: number;
}

const ROW = 46;
const BAR = 30;

export function FunnelChart({ id, title, description, stages, width = 640 }: FunnelChartProps) {
  const labelWidth = Math.min(Math.max(...stages.map((s) => estimateTextWidth(s.label, CHART_FONT_SIZE + 1))) + 8, width * 0.26);
  const shareWidth = Math.max(44, ...stages.map((s) => estimateTextWidth(s.shareLabel))) + 8;
  const left = labelWidth + 12;
  const right = width - shareWidth - 8;
  const centre = (left + right) / 2;
  const first = stages[0]?.value ?? 0;
  const span = scaleLinear().domain([0, Math.max(1, first)]).range([0, right - left]).clamp(true);
  const minimum = 6;
  const widths = stages.map((s) => (s.value === null ? minimum : s.value > 0 ? Math.max(minimum, span(s.value)) : 0));
  const height = stages.length * ROW + 4;
  const titleId = svgId(id, "title");
  const descId = svgId(id, "desc");

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
      {stages.slice(0, -1).map((stage, index) => {
        const topY = index * ROW + (ROW - BAR) / 2 + BAR;
        const bottomY = topY + (ROW - BAR);
        const a = widths[index]! / 2;
        const b = widths[index + 1]! / 2;
        if (a === 0 && b === 0) return null;
        return (
          <polygon
            key={`${stage.key}-join`}
            points={`${centre - a},${topY} ${centre + a},${topY} ${centre + b},${bottomY} ${centre - b},${bottomY}`}
            fill={CHART_COLORS.grid}
          />
        );
      })}
      {stages.map((stage, index) => {
        const y = index * ROW + (ROW - BAR) / 2;
        const baseline = y + BAR / 2 + (CHART_FONT_SIZE + 1) * 0.36;
        const w = widths[index]!;
        const color = stage.value === null ? CHART_COLORS.suppressed : CHART_COLORS.stages[index % CHART_COLORS.stages.length]!;
        const inside = estimateTextWidth(stage.valueLabel, CHART_FONT_SIZE + 1) + 12 < w;
        return (
          <g key={stage.key}>
            <title>{`${stage.label}: ${stage.valueLabel} (${stage.shareLabel})`}</title>
            <text x={labelWidth} y={baseline} fontSize={CHART_FONT_SIZE + 1} fill={CHART_COLORS.text} textAnchor="end" fontWeight="bold">
              {fitText(stage.label, labelWidth, CHART_FONT_SIZE + 1)}
            </text>
            {w > 0 ? <rect x={centre - w / 2} y={y} width={w} height={BAR} rx={3} fill={color} /> : null}
            <text
              x={inside ? centre : centre + w / 2 + 6}
              y={baseline}
              fontSize={CHART_FONT_SIZE + 1}
              fontWeight="bold"
              fill={inside ? (index === 0 ? CHART_COLORS.dark : "#ffffff") : CHART_COLORS.text}
              textAnchor={inside ? "middle" : "start"}
            >
              {stage.valueLabel}
            </text>
            <text x={width - 4} y={baseline} fontSize={CHART_FONT_SIZE} fill={CHART_COLORS.muted} textAnchor="end">
              {stage.shareLabel}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
