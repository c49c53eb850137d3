// A figure's scene as image files for the DOCX: SVG (Word 2016 and later draw it as vectors) and a
// PNG fallback for older readers, rasterised by resvg (a prebuilt binary from the npm registry) with
// the same embedded fonts as the PDF, never the machine's.
import { Resvg } from "@resvg/resvg-js";
import { ALL_FONT_PATHS, FONT_FAMILY } from "./fonts.js";
import { sceneToSvg, type Scene } from "./scene.js";

/** Pixels per point of the PNG fallback: 200 dpi, sharp in print. */
const PNG_SCALE = 200 / 72;

export interface FigureImage {
  svg: Buffer;
  png: Buffer;
  /** Size in points. */
  width: number;
  height: number;
  description: string;
}

export function sceneImages(scene: Scene): FigureImage {
  const svg = sceneToSvg(scene);
  const png = new Resvg(svg, {
    fitTo: { mode: "zoom", value: PNG_SCALE },
    background: "#ffffff",
    font: { fontFiles: [...ALL_FONT_PATHS], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  })
    .render()
    .asPng();
  return { svg: Buffer.from(svg, "utf8"), png, width: scene.width, height: scene.height, description: scene.description };
}
