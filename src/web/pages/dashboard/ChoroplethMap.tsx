// A choropleth of incident counts by country: Europe by default, the world on demand. Boundaries
// are Natural Earth 1:50m from the world-atlas package, bundled as a JSON asset (nothing is fetched
// from elsewhere). Countries with incidents are links to them; all figures are also in the table
// beside the map, which is the keyboard's and screen reader's way in.
import { geoAzimuthalEqualArea, geoEqualEarth, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { useEffect, useMemo, useState } from "react";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlasUrl from "world-atlas/countries-50m.json?url";
import { Link } from "../../lib/router.js";
import { Swatch } from "../../components/Swatch.js";
import { MAP_CLASSES, MAP_EMPTY, mapBreaks, mapColour } from "./palette.js";

const WIDTH = 640;
const HEIGHT = 520;

interface MapProps {
  view: "europe" | "world";
  /** Incidents by alpha-2 code. */
  counts: Map<string, number>;
  /** ISO 3166-1 numeric code ("276") → alpha-2 ("DE"). */
  alpha2ByNumeric: Map<string, string>;
  nameOf(code: string): string;
  hrefOf(code: string): string;
}

type CountryShape = { numeric: string; geometry: GeoPermissibleObjects };

let atlas: Promise<CountryShape[]> | null = null;
function loadAtlas(): Promise<CountryShape[]> {
  atlas ??= fetch(atlasUrl)
    .then((r) => r.json() as Promise<Topology<{ countries: GeometryCollection }>>)
    .then((topology) => {
      const collection = feature(topology, topology.objects.countries);
      return collection.features.map((f) => ({ numeric: String(f.id ?? ""), geometry: f as GeoPermissibleObjects }));
    });
  return atlas;
}

function projectionFor(view: "europe" | "world") {
  if (view === "world") return geoEqualEarth().fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], { type: "Sphere" });
  const corners: GeoPermissibleObjects = { type: "MultiPoint", coordinates: [[-11, 35], [40, 35], [-24, 66], [44, 71], [15, 71], [15, 34]] };
  return geoAzimuthalEqualArea().rotate([-12, -52]).fitExtent([[0, 0], [WIDTH, HEIGHT]], corners).clipExtent([[0, 0], [WIDTH, HEIGHT]]);
}

export function ChoroplethMap({ view, counts, alpha2ByNumeric, nameOf, hrefOf }: MapProps) {
  const [shapes, setShapes] = useState<CountryShape[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadAtlas().then(setShapes, () => setFailed(true));
  }, []);
  const paths = useMemo(() => {
    if (!shapes) return [];
    const path = geoPath(projectionFor(view));
    return shapes.map((s) => ({ code: alpha2ByNumeric.get(s.numeric.padStart(3, "0")) ?? null, d: path(s.geometry) ?? "" })).filter((p) => p.d !== "");
  }, [shapes, view, alpha2ByNumeric]);
  const max = Math.max(0, ...counts.values());
  const breaks = mapBreaks(max);

  if (failed) return <p className="muted">The map's boundaries could not be loaded; the table has every figure.</p>;
  if (!shapes) return <p role="status" className="map-loading">Loading the map…</p>;
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="map-svg" role="group" aria-label={`Map of ${view === "world" ? "the world" : "Europe"}: incidents by country; countries with incidents link to them`}>
        <rect width={WIDTH} height={HEIGHT} className="map-sea" aria-hidden="true" />
        {paths.map((p, i) => {
          const n = p.code ? (counts.get(p.code) ?? 0) : 0;
          const shape = <path d={p.d} fill={mapColour(n, breaks)} className="map-country" />;
          if (!p.code || n === 0) {
            return (
              <g key={i} aria-hidden="true">
                {shape}
              </g>
            );
          }
          const label = `${nameOf(p.code)}: ${n} incident${n === 1 ? "" : "s"}`;
          return (
            <Link key={i} to={hrefOf(p.code)} aria-label={label} className="map-link">
              {shape}
              <title>{label}</title>
            </Link>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend" aria-label="Map legend: incidents per country">
          <li>
            <Swatch colour={MAP_EMPTY} />
            none
          </li>
          {breaks.map((upper, i) => {
            const lower = i === 0 ? 1 : breaks[i - 1]! + 1;
            return (
              <li key={upper}>
                <Swatch colour={mapColour(upper, breaks)} />
                {lower === upper ? upper : `${lower}–${upper}`}
              </li>
            );
          })}
        </ul>
        <p className="muted small">Boundaries: Natural Earth 1:50m via world-atlas. Class colours: {MAP_CLASSES.length} shades of blue.</p>
      </figcaption>
    </figure>
  );
}
