// A choropleth by country: Europe by default, the world on demand. Boundaries are Natural Earth
// 1:50m from the world-atlas package, loaded and projected by the code every map shares (lib/atlas.ts).
// The page decides what each country shows (a count class, a rate class, or hatching where no
// population figure is held) and where it links; every figure is also in the table beside the map,
// which is the keyboard's and screen reader's way in.
import { geoPath } from "d3-geo";
import { useEffect, useMemo, useState } from "react";
import { loadAtlas, screenProjection, type CountryShape } from "../../lib/atlas.js";
import { Link } from "../../lib/router.js";
import { HatchPattern, HatchSwatch, Swatch } from "../../components/Swatch.js";
import { MAP_EMPTY } from "./palette.js";

const WIDTH = 640;
const HEIGHT = 520;
const HATCH_ID = "map-no-population";

/** What one country shows: its fill (or hatching), what it says, and where it leads. */
export interface MapCell {
  fill: string | "hatch";
  label: string;
  href: string | null;
}

export interface MapLegendItem {
  fill: string | "hatch";
  label: string;
}

interface MapProps {
  view: "europe" | "world";
  /** By alpha-2 code; a country without a cell is drawn empty and left out of the keyboard order. */
  cells: Map<string, MapCell>;
  /** ISO 3166-1 numeric code ("276") → alpha-2 ("DE"). */
  alpha2ByNumeric: Map<string, string>;
  /** What the map shows, e.g. "incidents by country". */
  subject: string;
  legendLabel: string;
  legend: MapLegendItem[];
  /** Credits for the figures shown (e.g. the population's publisher), under the map. */
  credit?: string | null;
}

export function ChoroplethMap({ view, cells, alpha2ByNumeric, subject, legendLabel, legend, credit }: MapProps) {
  const [shapes, setShapes] = useState<CountryShape[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadAtlas().then(setShapes, () => setFailed(true));
  }, []);
  const paths = useMemo(() => {
    if (!shapes) return [];
    const path = geoPath(screenProjection(view, WIDTH, HEIGHT));
    return shapes.map((s) => ({ code: alpha2ByNumeric.get(s.key) ?? null, d: path(s.geometry) ?? "" })).filter((p) => p.d !== "");
  }, [shapes, view, alpha2ByNumeric]);
  const fillOf = (fill: string) => (fill === "hatch" ? `url(#${HATCH_ID})` : fill);

  if (failed) return <p className="muted">The map's boundaries could not be loaded; the table has every figure.</p>;
  if (!shapes)
    return (
      <p role="status" className="map-loading">
        Loading the map…
      </p>
    );
  return (
    <figure className="map">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="map-svg"
        role="group"
        aria-label={`Map of ${view === "world" ? "the world" : "Europe"}: ${subject}; countries with incidents link to them`}
      >
        <defs>
          <HatchPattern id={HATCH_ID} />
        </defs>
        <rect width={WIDTH} height={HEIGHT} className="map-sea" aria-hidden="true" />
        {paths.map((p, i) => {
          const cell = p.code ? cells.get(p.code) : undefined;
          const shape = <path d={p.d} fill={cell ? fillOf(cell.fill) : MAP_EMPTY} className="map-country" />;
          if (!cell) {
            return (
              <g key={i} aria-hidden="true">
                {shape}
              </g>
            );
          }
          if (!cell.href) {
            return (
              <g key={i} role="img" aria-label={cell.label}>
                {shape}
                <title>{cell.label}</title>
              </g>
            );
          }
          return (
            <Link key={i} to={cell.href} aria-label={cell.label} className="map-link">
              {shape}
              <title>{cell.label}</title>
            </Link>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend" aria-label={legendLabel}>
          {legend.map((item) => (
            <li key={item.label}>
              {item.fill === "hatch" ? <HatchSwatch /> : <Swatch colour={item.fill} />}
              {item.label}
            </li>
          ))}
        </ul>
        <p className="muted small">{credit ? `${credit} ` : ""}Boundaries: Natural Earth 1:50m via world-atlas.</p>
      </figcaption>
    </figure>
  );
}
