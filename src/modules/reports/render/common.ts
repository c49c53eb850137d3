// What every rendering says the same way: the handling marking's words, the line under the title,
// figure and table numbering, and country names. Kept here so Markdown, the cable, PDF and DOCX
// never disagree on a label or a number.
import { readCountries } from "../../../db/seed/seed.js";
import { describePeriod, parseReportPeriod } from "../../../domain/report-period.js";
import { countryName } from "../../figures/words.js";
import { timeText } from "../content/notes.js";
import type { Block, HandlingMarking, ReportDocument, ReportKind } from "../document.js";

/** "country report of 2025 (built-in)", "cable, revision 2": a template by its words, not its id. */
function templateText(template: ReportDocument["template"]): string {
  const year = /-(\d{4})$/.exec(template.id)?.[1];
  const name = year ? `country report of ${year}` : template.id === "cable" ? "cable" : template.id === "brief" ? "comparative brief" : template.id;
  return `${name} ${template.version === "builtin" ? "(built-in)" : `(revision ${template.version.replace(/^r/, "")})`}`;
}

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

/** "1 July 2025, 09:30 UTC" from an ISO 8601 UTC timestamp (the document's as_of): words, not a machine timestamp. */
export function formatAsOf(asOf: string): string {
  return timeText(asOf);
}

/** The as-of time as a Date (for document metadata); the Unix epoch when it does not parse. */
export function asOfDate(asOf: string): Date {
  const ms = Date.parse(asOf);
  return new Date(Number.isNaN(ms) ? 0 : ms);
}

/** "Countries: Germany · Period: 2025 · Categories: all", in words; the dates are the period's. */
function describeParameters(parameters: ReportDocument["parameters"]): string {
  const parts: string[] = [];
  // A post's answer to a tasking cites the tasking it answers (the cable's REF line).
  const ref = parameters["ref"];
  if (typeof ref === "string") parts.push(`Reference: ${ref}`);
  const countries = parameters["countries"];
  if (Array.isArray(countries)) parts.push(`${countries.length === 1 ? "Country" : "Countries"}: ${countries.map((c) => countryName(c)).join(", ")}`);
  const period = typeof parameters["period"] === "string" ? parseReportPeriod(parameters["period"]) : null;
  if (period && !("error" in period)) parts.push(`Period: ${describePeriod(period)}`);
  const categories = parameters["categories"];
  if (Array.isArray(categories)) parts.push(`Categories: ${categories.length === 0 ? "all" : categories.join(", ")}`);
  return parts.join(" · ");
}

/** The line under the title: kind (unless the rendering shows it apart), template, parameters, as-of time. */
export function documentByline(doc: ReportDocument, options: { kind?: boolean } = {}): string {
  const parts = options.kind === false ? [] : [kindLabel(doc.kind)];
  parts.push(`${parts.length ? "template" : "Template"} ${templateText(doc.template)}`);
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

let numerics: Map<string, string> | null = null;
function loadCountries(): void {
  numerics = new Map(readCountries().map((c) => [c.code, c.numeric_code]));
}

/** The ISO 3166 English name of an alpha-2 code (the figures module's, so every output names a country alike). */
export { countryName };

/** The ISO 3166-1 numeric code of an alpha-2 code ("DE" → "276"), as the world atlas keys countries. */
export function countryNumeric(code: string): string | undefined {
  if (!numerics) loadCountries();
  return numerics!.get(code);
}
