// What every rendering says the same way: the handling marking's words, the line under the title,
// figure and table numbering, and country names. Kept here so Markdown, the cable, PDF and DOCX
// never disagree on a label or a number.
import { readCountries } from "../../../db/seed/seed.js";
import type { Block, HandlingMarking, ReportDocument, ReportKind } from "../document.js";

/** The banner line of a handling marking (the same words as the web app's marking banner). */
export function handlingBanner(handling: HandlingMarking): string {
  return handling === "SBU" ? "SBU — SENSITIVE BUT UNCLASSIFIED" : "UNCLASSIFIED";
}

/** The portion marking that opens each numbered paragraph of a cable: "(SBU)" or "(U)". */
export function portionMark(handling: HandlingMarking): string {
  return handling === "SBU" ? "(SBU)" : "(U)";
}

const KIND_LABELS: Record<ReportKind, string> = {
  cable: "Post reporting cable",
  country: "Country report section",
  brief: "Comparative brief",
};

export function kindLabel(kind: ReportKind): string {
  return KIND_LABELS[kind];
}

/** "2025-07-01 09:30 UTC" from an ISO 8601 UTC timestamp (the document's as_of). */
export function formatAsOf(asOf: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(asOf);
  return match ? `${match[1]} ${match[2]} UTC` : asOf;
}

/** The as-of time as a Date (for document metadata); the Unix epoch when it does not parse. */
export function asOfDate(asOf: string): Date {
  const ms = Date.parse(asOf);
  return new Date(Number.isNaN(ms) ? 0 : ms);
}

function parameterValue(value: string | string[] | number | null): string {
  if (value === null) return "—";
  if (Array.isArray(value)) return value.length === 0 ? "all" : value.join(", ");
  return String(value);
}

/** "Country: DE · Period: 2025" from the parameters, in the document's key order. */
export function describeParameters(parameters: ReportDocument["parameters"]): string {
  return Object.entries(parameters)
    .map(([key, value]) => `${key.charAt(0).toUpperCase()}${key.slice(1).replaceAll("_", " ")}: ${parameterValue(value)}`)
    .join(" · ");
}

/** The line under the title: kind (unless the rendering shows it apart), template, parameters, as-of time. */
export function documentByline(doc: ReportDocument, options: { kind?: boolean } = {}): string {
  const parts = options.kind === false ? [] : [kindLabel(doc.kind)];
  const version = doc.template.version === "builtin" ? " (built-in)" : ` ${doc.template.version}`;
  parts.push(`${parts.length ? "template" : "Template"} ${doc.template.id}${version}`);
  const parameters = describeParameters(doc.parameters);
  if (parameters) parts.push(parameters);
  parts.push(`data as of ${formatAsOf(doc.as_of)}`);
  return parts.join(" · ");
}

/** A4 in points, and the margins the PDF and the DOCX share (the DOCX's images are drawn at the PDF's size). */
export const A4 = { width: 595.28, height: 841.89 };
export const PAGE_MARGINS = { top: 82, bottom: 78, left: 64, right: 64 };
export const TEXT_WIDTH = A4.width - PAGE_MARGINS.left - PAGE_MARGINS.right;

/** The height in points a chart or map is drawn at, for a width. */
export function figureHeight(block: Extract<Block, { type: "chart" | "map" }>, width: number): number {
  if (block.type === "chart") return 215;
  return Math.round(width * (block.extent === "world" ? 0.62 : 0.84));
}

const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
/** A footnote number as superscript digits ("12" → "¹²"), for renderings that draw text as given. */
export const superscript = (n: number): string => [...String(n)].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join("");

/** "Table 2", "Figure 1", "Map 1": numbered in document order, each kind on its own count. */
export function figureLabels(doc: ReportDocument): Map<Block, string> {
  const counts = { table: 0, figure: 0, map: 0 };
  const labels = new Map<Block, string>();
  for (const section of doc.sections) {
    for (const block of section.blocks) {
      if (block.type === "table") labels.set(block, `Table ${++counts.table}`);
      else if (block.type === "chart") labels.set(block, `Figure ${++counts.figure}`);
      else if (block.type === "map") labels.set(block, `Map ${++counts.map}`);
    }
  }
  return labels;
}

let names: Map<string, string> | null = null;
let numerics: Map<string, string> | null = null;
function loadCountries(): void {
  const countries = readCountries();
  names = new Map(countries.map((c) => [c.code, c.name]));
  names.set("XK", "Kosovo"); // no ISO code; XK is the user-assigned code publishers use
  numerics = new Map(countries.map((c) => [c.code, c.numeric_code]));
}

/** The ISO 3166 English name of an alpha-2 code ("TR" → "Türkiye"); the code itself when unknown. */
export function countryName(code: string): string {
  if (!names) loadCountries();
  return names!.get(code) ?? code;
}

/** The ISO 3166-1 numeric code of an alpha-2 code ("DE" → "276"), as the world atlas keys countries. */
export function countryNumeric(code: string): string | undefined {
  if (!numerics) loadCountries();
  return numerics!.get(code);
}
