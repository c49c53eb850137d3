// The one typeface of the drawn renderings (PDF pages, and the chart and map images of the DOCX):
// Source Sans 3 (SIL OFL 1.1), whose TrueType files ship in the @expo-google-fonts/source-sans-3 npm
// package, so nothing is fetched and every machine draws with the same metrics. It covers what the
// reports use (em dash, "≤", "±", superscript digits, and the Latin, Greek and Cyrillic letters of
// European names such as Türkiye, Curaçao, Côte d'Ivoire); anything it lacks is replaced by
// `fitToFont` rather than drawn as an empty box. Text is measured here so the shared figure geometry
// lays out labels exactly as pdfkit and resvg will draw them.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as fontkit from "fontkit";

export type FontWeight = "regular" | "semibold" | "bold" | "italic";

const require = createRequire(import.meta.url);
const PACKAGE_DIR = dirname(require.resolve("@expo-google-fonts/source-sans-3/package.json"));
const FILES: Record<FontWeight, string> = {
  regular: "400Regular/SourceSans3_400Regular.ttf",
  semibold: "600SemiBold/SourceSans3_600SemiBold.ttf",
  bold: "700Bold/SourceSans3_700Bold.ttf",
  italic: "400Regular_Italic/SourceSans3_400Regular_Italic.ttf",
};

/** The family name renderers write into SVG (with fallbacks for viewers that lack it). */
export const FONT_FAMILY = "Source Sans 3";

/** Absolute path of the TrueType file of a weight. */
export function fontPath(weight: FontWeight): string {
  return join(PACKAGE_DIR, FILES[weight]);
}

export const ALL_FONT_PATHS: readonly string[] = (Object.keys(FILES) as FontWeight[]).map(fontPath);

const opened = new Map<FontWeight, fontkit.Font>();
function font(weight: FontWeight): fontkit.Font {
  let f = opened.get(weight);
  if (!f) {
    const file = fontkit.openSync(fontPath(weight));
    if (!("unitsPerEm" in file)) throw new Error(`${fontPath(weight)} is a font collection, not a font`);
    f = file;
    opened.set(weight, f);
  }
  return f;
}

/** Width of a text in points at a size, as the font lays it out (kerning included). */
export function measureText(text: string, size: number, weight: FontWeight = "regular"): number {
  const f = font(weight);
  return (f.layout(fitToFont(text)).advanceWidth / f.unitsPerEm) * size;
}

// What to draw for a character the font lacks: a close equivalent, never a missing-glyph box.
const SUBSTITUTES: Record<string, string> = {
  "\u00a0": " ", // no-break space: some fonts lack it; the layout treats it as a space anyway
  "\u202f": " ",
  "\u2011": "-",
  "\u2212": "-",
  "\u2264": "<=",
  "\u2265": ">=",
};

const fitted = new Map<string, string>();

/**
 * The text with every character the font cannot draw replaced: by its base letter when it is a
 * letter with diacritics the font lacks as one glyph (NFD), by a close equivalent, or by "?" as a
 * last resort. Characters the font has are kept as they are.
 */
export function fitToFont(text: string): string {
  const cached = fitted.get(text);
  if (cached !== undefined) return cached;
  const f = font("regular");
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 && ch !== "\n") continue; // control characters draw nothing
    if (f.hasGlyphForCodePoint(cp) || ch === "\n") {
      out += ch;
      continue;
    }
    const substitute = SUBSTITUTES[ch];
    if (substitute !== undefined) {
      out += substitute;
      continue;
    }
    const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
    out += base !== "" && [...base].every((c) => f.hasGlyphForCodePoint(c.codePointAt(0)!)) ? base : "?";
  }
  if (fitted.size < 10_000) fitted.set(text, out);
  return out;
}

/**
 * A text line as glyph outlines (an SVG path, baseline at y = 0, starting at x = 0) and its width.
 * For the PDF's diagonal watermark: drawn as a shape it marks the page without getting into the
 * text that is extracted, searched or read aloud (the banner lines carry it as text).
 */
export function textOutline(text: string, size: number, weight: FontWeight = "regular"): { d: string; width: number } {
  const f = font(weight);
  const run = f.layout(fitToFont(text));
  const scale = size / f.unitsPerEm;
  let x = 0;
  const parts: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i]!;
    parts.push(
      glyph.path
        .scale(scale, -scale)
        .translate(x + position.xOffset * scale, -position.yOffset * scale)
        .toSVG(),
    );
    x += position.xAdvance * scale;
  });
  return { d: parts.join(" "), width: x };
}
