// The one map projection and the one reading of the world atlas, shared by every map: the
// dashboard's and the report view's in the browser, and the PDF and DOCX renderers on the server
// (reports/render/map-geometry.ts). Pure (d3-geo and topojson-client only, no Node API), so the web
// bundle can import it: each side only gets the atlas's JSON its own way (a bundled asset fetched by
// src/web/lib/atlas.ts, or the file read from node_modules) and hands it to `atlasShapes`.
import { geoAzimuthalEqualArea, geoEqualEarth, type GeoPermissibleObjects, type GeoProjection } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export type MapExtent = "europe" | "world";

/** A frame on the page or screen: [[left, top], [right, bottom]]. */
export type Frame = [[number, number], [number, number]];

/** Natural Earth 1:50m countries as the world-atlas package ships them (countries-50m.json). */
export type WorldAtlas = Topology<{ countries: GeometryCollection<{ name: string }> }>;

export interface CountryShape {
  /** ISO 3166-1 numeric ("276"), or the atlas's name for the few shapes without one ("Kosovo"). */
  key: string;
  geometry: GeoPermissibleObjects;
}

/** Europe is centred on 12°E 52°N; an equal-area projection, so shaded areas compare fairly. */
export const EUROPE_CENTRE: [number, number] = [12, 52];

/** Points the Europe frame must show: Iceland, the North Cape, Gibraltar and Cyprus all in view. */
export const EUROPE_CORNERS: [number, number][] = [
  [-11, 35],
  [40, 35],
  [-24, 66],
  [44, 71],
  [15, 71],
  [15, 34],
];

/**
 * The projection of a map of `extent` fitted to `frame`. Europe: azimuthal equal-area around
 * EUROPE_CENTRE, framed by EUROPE_CORNERS and clipped to the frame (countries reach past it); the
 * world: Equal Earth, the whole sphere in the frame.
 */
export function mapProjection(extent: MapExtent, frame: Frame): GeoProjection {
  if (extent === "world") return geoEqualEarth().fitExtent(frame, { type: "Sphere" });
  const corners: GeoPermissibleObjects = { type: "MultiPoint", coordinates: EUROPE_CORNERS };
  return geoAzimuthalEqualArea().rotate([-EUROPE_CENTRE[0], -EUROPE_CENTRE[1]]).fitExtent(frame, corners).clipExtent(frame);
}

/** The atlas's countries, each keyed by its ISO numeric code (zero-padded) or, lacking one, its name. */
export function atlasShapes(topology: WorldAtlas): CountryShape[] {
  return feature(topology, topology.objects.countries).features.map((f) => ({
    key: f.id !== undefined ? String(f.id).padStart(3, "0") : (f.properties?.name ?? ""),
    geometry: f as GeoPermissibleObjects,
  }));
}

/** The atlas key of an alpha-2 code: its numeric code, or the shape's name for Kosovo (no ISO code). */
export function atlasKey(alpha2: string, numericOf: (alpha2: string) => string | undefined): string | undefined {
  return alpha2 === "XK" ? "Kosovo" : numericOf(alpha2);
}
