// A drawn figure as a list of vector shapes in points (1/72 inch), y downwards: what the chart and map
// geometry (chart-geometry.ts, map-geometry.ts) produce, and what the PDF renderer (pdfkit) and the
// SVG writer below both draw, so a figure looks the same in the PDF and in the DOCX.
import { FONT_FAMILY, fitToFont } from "./fonts.js";
import type { FontWeight } from "./fonts.js";

export interface Paint {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: [number, number];
}

export type Shape =
  | ({ kind: "rect"; x: number; y: number; width: number; height: number } & Paint)
  | ({ kind: "line"; x1: number; y1: number; x2: number; y2: number } & Paint)
  | ({ kind: "polyline"; points: [number, number][] } & Paint)
  | ({ kind: "circle"; cx: number; cy: number; r: number } & Paint)
  | ({ kind: "path"; d: string } & Paint)
  | {
      kind: "text";
      x: number;
      /** The baseline. */
      y: number;
      text: string;
      size: number;
      weight: FontWeight;
      anchor: "start" | "middle" | "end";
      fill: string;
      /** Degrees, counter-clockwise about (x, y); -90 reads bottom to top. */
      rotate?: number;
    };

export interface Scene {
  width: number;
  height: number;
  shapes: Shape[];
  /** A sentence or two saying what the figure shows (alternative text). */
  description: string;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

const n = (v: number): string => String(Math.round(v * 100) / 100);

function paintAttributes(p: Paint): string {
  const attrs = [`fill="${p.fill ?? "none"}"`];
  if (p.stroke) {
    attrs.push(`stroke="${p.stroke}"`, `stroke-width="${n(p.strokeWidth ?? 1)}"`);
    if (p.dash) attrs.push(`stroke-dasharray="${n(p.dash[0])} ${n(p.dash[1])}"`);
  }
  return attrs.join(" ");
}

const WEIGHTS: Record<FontWeight, string> = { regular: "400", semibold: "600", bold: "700", italic: "400" };

function shapeToSvg(shape: Shape): string {
  switch (shape.kind) {
    case "rect":
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}" ${paintAttributes(shape)}/>`;
    case "line":
      return `<line x1="${n(shape.x1)}" y1="${n(shape.y1)}" x2="${n(shape.x2)}" y2="${n(shape.y2)}" ${paintAttributes(shape)}/>`;
    case "polyline":
      return `<polyline points="${shape.points.map(([x, y]) => `${n(x)},${n(y)}`).join(" ")}" stroke-linejoin="round" ${paintAttributes(shape)}/>`;
    case "circle":
      return `<circle cx="${n(shape.cx)}" cy="${n(shape.cy)}" r="${n(shape.r)}" ${paintAttributes(shape)}/>`;
    case "path":
      return `<path d="${shape.d}" stroke-linejoin="round" ${paintAttributes(shape)}/>`;
    case "text": {
      const rotate = shape.rotate ? ` transform="rotate(${-shape.rotate} ${n(shape.x)} ${n(shape.y)})"` : "";
      const style = shape.weight === "italic" ? ` font-style="italic"` : "";
      return (
        `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.size)}" font-weight="${WEIGHTS[shape.weight]}"${style} ` +
        `text-anchor="${shape.anchor}" fill="${shape.fill}"${rotate}>${escapeXml(fitToFont(shape.text))}</text>`
      );
    }
  }
}

/** The scene as a standalone SVG document, sized in points, with its description as <title>. */
export function sceneToSvg(scene: Scene): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(scene.width)}pt" height="${n(scene.height)}pt" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" role="img" font-family="'${FONT_FAMILY}', Arial, sans-serif">`,
    `<title>${escapeXml(scene.description)}</title>`,
    `<rect width="${n(scene.width)}" height="${n(scene.height)}" fill="#ffffff"/>`,
    ...scene.shapes.map(shapeToSvg),
    `</svg>`,
  ].join("\n");
}
