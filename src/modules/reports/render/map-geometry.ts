// The choropleth map as a scene (scene.ts): Natural Earth 1:50m country boundaries from the
// world-atlas package (read from node_modules, never fetched), read and projected by the same code as
// the web app's maps (src/lib/atlas.ts: Europe azimuthal equal-area centred on 12°E 52°N, the world
// Equal Earth), shaded in up to five classes of equal, rounded width, with "no data" apart. The PDF
// and the DOCX images draw this same scene.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoPath } from "d3-geo";
import { atlasKey as keyOfCountry, atlasShapes, mapProjection, type CountryShape, type WorldAtlas } from "../../../lib/atlas.js";
import type { Block } from "../document.js";
import { countryName, countryNumeric } from "./common.js";
import { decimalsFor, formatNumber, NO_DATA } from "./figure-data.js";
import { measureText } from "./fonts.js";
import type { Scene, Shape } from "./scene.js";
import { classOf, CLASS_COLOURS, mapClasses, NO_DATA_COLOUR, type MapClass } from "./scales.js";

export { classOf, CLASS_COLOURS, mapClasses, NO_DATA_COLOUR };

type MapBlock = Extract<Block, { type: "map" }>;

const SEA = "#f4f7fa";
const BORDER = "#ffffff";
const INK = "#1a1a1a";
const MUTED = "#595959";

let atlas: CountryShape[] | null = null;
function countryShapes(): CountryShape[] {
  if (!atlas) {
    const require = createRequire(import.meta.url);
    atlas = atlasShapes(JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8")) as WorldAtlas);
  }
  return atlas;
}

/** The atlas key of an alpha-2 code: its numeric code, or the shape's name for Kosovo (no ISO code). */
export function atlasKey(alpha2: string): string | undefined {
  return keyOfCountry(alpha2, countryNumeric);
}

/** The legend under the map: the unit, a swatch per class and "no data", and notes; laid out in rows. */
function mapLegend(unit: string, classes: MapClass[], notes: string[], width: number): { shapes: Shape[]; height: number } {
  const shapes: Shape[] = [];
  let y = 10;
  shapes.push({ kind: "text", x: 0, y, text: unit.charAt(0).toUpperCase() + unit.slice(1), size: 7.5, weight: "semibold", anchor: "start", fill: INK });
  y += 13;
  let x = 0;
  const swatch = (colour: string, label: string): void => {
    const itemWidth = 18 + measureText(label, 7.5) + 14;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += 13;
    }
    shapes.push({ kind: "rect", x, y: y - 7.5, width: 14, height: 9, fill: colour, stroke: "#8c8c8c", strokeWidth: 0.4 });
    shapes.push({ kind: "text", x: x + 18, y, text: label, size: 7.5, weight: "regular", anchor: "start", fill: INK });
    x += itemWidth;
  };
  for (const c of classes) swatch(c.colour, c.label);
  swatch(NO_DATA_COLOUR, NO_DATA);
  y += 12;
  for (const note of notes) {
    for (const line of wrap(note, width, 6.5)) {
      shapes.push({ kind: "text", x: 0, y, text: line, size: 6.5, weight: "italic", anchor: "start", fill: MUTED });
      y += 8.5;
    }
  }
  return { shapes, height: y };
}

/** The map drawn in a box of `width` × `height` points: the map above, its legend below. */
export function mapScene(map: MapBlock, width: number, height: number): Scene {
  const known = map.values.filter((v): v is { country: string; value: number } => v.value !== null);
  const classes = mapClasses(known.map((v) => v.value));
  const decimals = decimalsFor(known.map((v) => v.value));
  const valueByKey = new Map<string, number>();
  for (const v of known) {
    const key = atlasKey(v.country);
    if (key) valueByKey.set(key, v.value);
  }

  // The legend's height depends on its notes, which depend on what the map can show: lay out the
  // countries in a provisional frame first (the frame's size does not change which are visible).
  const legendFor = (hidden: typeof known) => {
    const notes: string[] = [];
    if (hidden.length > 0)
      notes.push(`Not visible at this scale: ${hidden.map((v) => `${countryName(v.country)} (${formatNumber(v.value, decimals)})`).join(", ")}.`);
    notes.push("Boundaries: Natural Earth 1:50m (world-atlas).");
    return mapLegend(map.unit, classes, notes, width);
  };
  const draft = legendFor([]);
  const frame: [[number, number], [number, number]] = [
    [0.5, 0.5],
    [width - 0.5, Math.max(40, height - draft.height - 8)],
  ];
  const [[x0, y0], [x1, y1]] = frame;
  const projection = mapProjection(map.extent, frame);
  const path = geoPath(projection).digits(1);

  const shapes: Shape[] = [];
  if (map.extent === "world") {
    shapes.push({ kind: "path", d: path({ type: "Sphere" }) ?? "", fill: SEA, stroke: "#8c8c8c", strokeWidth: 0.5 });
  } else {
    shapes.push({ kind: "rect", x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: SEA });
  }
  const drawn = new Set<string>();
  for (const country of countryShapes()) {
    const d = path(country.geometry);
    if (!d) continue;
    const value = valueByKey.get(country.key);
    if (value !== undefined) drawn.add(country.key);
    const fill = value === undefined ? NO_DATA_COLOUR : classOf(value, classes)!.colour;
    shapes.push({ kind: "path", d, fill, stroke: BORDER, strokeWidth: map.extent === "world" ? 0.2 : 0.35 });
  }
  if (map.extent === "europe") shapes.push({ kind: "rect", x: x0, y: y0, width: x1 - x0, height: y1 - y0, stroke: "#8c8c8c", strokeWidth: 0.5 });

  const legend = legendFor(known.filter((v) => !drawn.has(atlasKey(v.country) ?? "")));
  const top = y1 + 8;
  for (const shape of legend.shapes)
    shapes.push(shape.kind === "text" ? { ...shape, y: shape.y + top } : shape.kind === "rect" ? { ...shape, y: shape.y + top } : shape);

  const where = map.extent === "world" ? "the world" : "Europe";
  const listed = map.values.map((v) => `${countryName(v.country)}: ${v.value === null ? NO_DATA : formatNumber(v.value, decimals)}`).join("; ");
  return { width, height: Math.max(height, top + legend.height), shapes, description: `Map of ${where}, ${map.title}, shaded by ${map.unit}. ${listed}.` };
}

/** Words wrapped to a width at a size (for the legend's few lines). */
function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measureText(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
