/**
 * The choropleth: the projected shapes (drawn on the server, ADR 0013) filled by class, each province a
 * link to its cities (focusable, named "Fujian: 1,234 gangs, 56 factories"), short labels where they fit,
 * the South China Sea inset, and an HTML legend giving the ranges. No script: links and CSS only.
 */
import { useTranslation } from "react-i18next";
import type { MapInset } from "~/domain/china-map";
import type { MapLayer } from "~/domain/statistics";
import type { MapView } from "./map-view";

interface ChoroplethMapProps {
  view: MapView;
  layer: MapLayer;
  width: number;
  height: number;
  inset: MapInset | null;
  title: string;
}

export function ChoroplethMap({ view, layer, width, height, inset, title }: ChoroplethMapProps) {
  const { t } = useTranslation();
  const titleId = "map-svg-title";
  return (
    <figure className="map-figure" data-layer={layer}>
      <svg
        className="map-svg"
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-labelledby={titleId}
        data-testid="choropleth"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={titleId}>{title}</title>
        {inset ? <rect className="map-inset-frame" x={inset.x} y={inset.y} width={inset.width} height={inset.height} /> : null}
        <g className="map-areas">
          {view.areas.map((area) =>
            area.href ? (
              <a key={area.code} href={area.href} className="map-area" aria-label={area.name} data-code={area.code} data-class={area.classIndex}>
                <title>{area.name}</title>
                <path d={area.d} fill={area.fill} />
              </a>
            ) : (
              <g key={area.code} className="map-area" role="img" aria-label={area.name} data-code={area.code} data-class={area.classIndex}>
                <title>{area.name}</title>
                <path d={area.d} fill={area.fill} />
              </g>
            ),
          )}
        </g>
        {inset?.decoration ? <path className="map-inset-decoration" d={inset.decoration} aria-hidden="true" /> : null}
        {inset ? <InsetCaption inset={inset} text={insetCaption(view, inset) ?? t("map.map.southChinaSea")} /> : null}
        <g className="map-labels" aria-hidden="true">
          {view.areas.map((area) =>
            area.label ? (
              <text
                key={area.code}
                x={area.label.x}
                y={area.label.y}
                fontSize={area.label.fontSize}
                className={area.label.light ? "map-label map-label-light" : "map-label"}
                textAnchor="middle"
                dominantBaseline="central"
              >
                {area.label.text}
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption className="map-caption">
        <MapLegend view={view} layer={layer} />
        <p className="map-source muted">{t("map.map.source")}</p>
      </figcaption>
    </figure>
  );
}

const CAPTION_SIZE = 12;

/** The name of the place drawn in the inset (Sansha), or null for the country's South China Sea islands. */
function insetCaption(view: MapView, inset: MapInset): string | null {
  return inset.placeCode ? (view.areas.find((area) => area.code === inset.placeCode)?.title ?? null) : null;
}

/** The inset's caption, on as many lines as its width needs (南海诸岛 on one, "South China Sea / Islands" on two). */
function InsetCaption({ inset, text }: { inset: MapInset; text: string }) {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last.length + 1 + word.length) * CAPTION_SIZE * 0.55 <= inset.width - 8) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const bottom = inset.y + inset.height - 7;
  return (
    <text className="map-inset-caption" fontSize={CAPTION_SIZE} textAnchor="middle" aria-hidden="true">
      {lines.map((line, index) => (
        <tspan key={index} x={inset.x + inset.width / 2} y={bottom - (lines.length - 1 - index) * (CAPTION_SIZE + 1)}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function MapLegend({ view, layer }: { view: MapView; layer: MapLayer }) {
  const { t } = useTranslation();
  const title = t(`map.legend.title.${view.drilled ? "province" : "country"}.${layer}`);
  return (
    <div className="map-legend" data-testid="map-legend">
      <p className="map-legend-title" id="map-legend-title">
        {title}
      </p>
      <ul aria-labelledby="map-legend-title">
        {view.legend.map((entry) => (
          <li key={entry.text}>
            <svg className="map-swatch" viewBox="0 0 18 12" aria-hidden="true">
              <rect width="18" height="12" fill={entry.colour} />
            </svg>
            <span>{entry.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
