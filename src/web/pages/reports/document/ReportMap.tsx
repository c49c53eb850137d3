// A report's choropleth, drawn as the dashboard draws its map: Natural Earth 1:50m boundaries from
// the world-atlas package, loaded and projected by the code every map shares (lib/atlas.ts, over
// src/lib/atlas.ts: Europe azimuthal equal-area centred on 12°E 52°N, the world Equal Earth). Classes and
// colours follow the PDF's map. The countries the report covers are outlined; one of them without a
// figure is "no data", never the lowest class. The SVG is one image whose text alternative states
// every figure, and the same figures are in a table below it.
import { geoPath } from "d3-geo";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { atlasKey, loadAtlas, screenProjection, type CountryShape } from "../../../lib/atlas.js";
import { Swatch } from "../../../components/Swatch.js";
import { classOf, decimalsFor, formatNumber, mapClasses, NO_DATA, NO_DATA_COLOUR, OUTSIDE_COLOUR, type MapBlock } from "./figures.js";

const WIDTH = 640;
const HEIGHT = 480;

interface MapProps {
  map: MapBlock;
  /** Alpha-2 → ISO 3166-1 numeric ("DE" → "276"). */
  numericOf(alpha2: string): string | undefined;
  nameOf(alpha2: string): string;
  note: ReactNode;
}

export function ReportMap({ map, numericOf, nameOf, note }: MapProps) {
  const [shapes, setShapes] = useState<CountryShape[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadAtlas().then(
      (loaded) => live && setShapes(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const known = map.values.filter((v): v is { country: string; value: number } => v.value !== null);
  const classes = mapClasses(known.map((v) => v.value));
  const decimals = decimalsFor(known.map((v) => v.value));
  const keyOf = (alpha2: string) => atlasKey(alpha2, numericOf);
  const covered = new Map(map.values.map((v) => [keyOf(v.country) ?? v.country, v.value]));
  const paths = useMemo(() => {
    if (!shapes) return [];
    const path = geoPath(screenProjection(map.extent, WIDTH, HEIGHT)).digits(1);
    return shapes.map((s) => ({ key: s.key, d: path(s.geometry) ?? "" })).filter((p) => p.d !== "");
  }, [shapes, map.extent]);
  const valueText = (value: number | null) => (value === null ? NO_DATA : formatNumber(value, decimals));
  const where = map.extent === "world" ? "the world" : "Europe";
  const description = `Map of ${where}: ${map.title}, shaded by ${map.unit}. ${map.values.map((v) => `${nameOf(v.country)}: ${valueText(v.value)}`).join("; ")}.`;
  const drawn = new Set(paths.map((p) => p.key));
  const hidden = shapes ? map.values.filter((v) => !drawn.has(keyOf(v.country) ?? "")) : [];

  return (
    <figure className="report-figure report-map">
      <figcaption className="report-figure-title">
        {map.title}
        {note}
      </figcaption>
      {failed ? (
        <p className="muted">The map's boundaries could not be loaded; the table below has every figure.</p>
      ) : !shapes ? (
        <p role="status" className="map-loading">
          Loading the map…
        </p>
      ) : (
        <div className="report-map-layout">
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="map-svg report-map-svg" role="img" aria-label={description}>
            <rect width={WIDTH} height={HEIGHT} className="map-sea" />
            {paths.map((p, i) => {
              const inReport = covered.has(p.key);
              const value = covered.get(p.key) ?? null;
              const fill = !inReport ? OUTSIDE_COLOUR : value === null ? NO_DATA_COLOUR : (classOf(value, classes)?.colour ?? NO_DATA_COLOUR);
              return <path key={i} d={p.d} fill={fill} className={inReport ? "map-country report-map-covered" : "map-country"} />;
            })}
          </svg>
          <div className="report-map-legend">
            <p className="report-map-unit">{map.unit.charAt(0).toUpperCase() + map.unit.slice(1)}</p>
            <ul className="legend legend-stacked" aria-label={`Map legend: ${map.unit}`}>
              {classes.map((c) => (
                <li key={c.label}>
                  <Swatch colour={c.colour} />
                  {c.label}
                </li>
              ))}
              {known.length < map.values.length ? (
                <li>
                  <Swatch colour={NO_DATA_COLOUR} />
                  {NO_DATA}
                </li>
              ) : null}
              <li>
                <Swatch colour={OUTSIDE_COLOUR} />
                not in this report
              </li>
            </ul>
            {hidden.length > 0 ? (
              <p className="muted small">Not visible at this scale: {hidden.map((v) => `${nameOf(v.country)} (${valueText(v.value)})`).join(", ")}.</p>
            ) : null}
            <p className="muted small">Boundaries: Natural Earth 1:50m (world-atlas).</p>
          </div>
        </div>
      )}
      <details className="chart-data">
        <summary>The map's figures as a table</summary>
        <table className="table table-compact report-table report-map-table">
          <caption className="visually-hidden">{map.title}</caption>
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col" className="numeric">
                {map.unit.charAt(0).toUpperCase() + map.unit.slice(1)}
              </th>
            </tr>
          </thead>
          <tbody>
            {map.values.map((v) => (
              <tr key={v.country}>
                <th scope="row">
                  {nameOf(v.country)} ({v.country})
                </th>
                <td className="numeric">{valueText(v.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
