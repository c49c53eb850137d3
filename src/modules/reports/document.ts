// The report document: what a report says, independent of how it is rendered. The content builder
// (content.ts) makes one from the database; the renderers (render/*.ts) turn it into Markdown (the
// canonical form), a plain-text cable, PDF and DOCX. Freezing stores it as JSON with its SHA-256,
// so everything in it must be plain data (no Dates, no functions, no undefined) and its key order
// fixed by construction.
//
// Numbering: footnotes and source citations are numbered once, here, so every rendering numbers
// them the same way. A figure (table cell, chart, map, statement) refers to its footnote by
// number; a notable incident refers to its sources by citation number.
import type { HANDLING_MARKINGS } from "../../domain/vocabulary.js";

import type { ReportKind } from "../../domain/vocabulary.js";

export { REPORT_KINDS, type ReportKind } from "../../domain/vocabulary.js";

/** The watermark every page of every rendering carries when any included record is synthetic. */
export const SYNTHETIC_WATERMARK = "SYNTHETIC DATA — NOT REAL EVENTS";

export type HandlingMarking = (typeof HANDLING_MARKINGS)[number];

/** A run of inline content: text, a footnote reference (superscript number) or a citation ([n]). */
export type Inline = { type: "text"; text: string; strong?: boolean } | { type: "footnote"; n: number } | { type: "cite"; n: number };

export interface TableColumn {
  label: string;
  align: "left" | "right";
}

/** A table cell: its text as shown, and optionally the footnote that sources its figure. */
export interface TableCell {
  text: string;
  footnote?: number;
}

interface ChartPoint {
  /** The x label (a period such as 2024 or 2024-03, or a category code). */
  x: string;
  /** The value, or null where there is no figure (never drawn as 0). */
  y: number | null;
  /** The 95% interval, when the figure has one. */
  low?: number | null;
  high?: number | null;
}

interface ChartSeries {
  label: string;
  points: ChartPoint[];
}

export type Block =
  | { type: "paragraph"; content: Inline[] }
  | { type: "list"; items: Inline[][] }
  | { type: "table"; caption: string; columns: TableColumn[]; rows: TableCell[][]; footnote?: number }
  | {
      type: "chart";
      kind: "bar" | "line";
      title: string;
      /** What the y axis counts, e.g. "incidents" or "per 100,000 residents". */
      unit: string;
      series: ChartSeries[];
      footnote?: number;
    }
  | {
      type: "map";
      title: string;
      /** ISO 3166-1 alpha-2 → value; countries absent or null are drawn as "no data". */
      values: { country: string; value: number | null }[];
      unit: string;
      /** Which part of the world to frame: Europe (with the UK, EFTA), or the whole world. */
      extent: "europe" | "world";
      footnote?: number;
    };

export interface Section {
  /** Stable within a kind and template (used by the diff to pair sections across versions). */
  id: string;
  heading: string;
  blocks: Block[];
}

/** A footnote: what a figure counts, as of when, and from which sources. */
export interface Footnote {
  n: number;
  text: string;
}

/** A numbered source, cited as [n] by notable incidents. */
export interface Citation {
  n: number;
  text: string;
  url: string | null;
}

export interface ReportDocument {
  kind: ReportKind;
  /** The template and its version (the country report's structure changes from year to year). */
  template: { id: string; version: string };
  title: string;
  /** Cable SUBJECT (rendered in capitals in the cable). */
  subject: string;
  /** Cable TAGS, e.g. ["PHUM", "SMIG", "DE"]. */
  tags: string[];
  /** The most restrictive handling marking of any included record (UNCLASSIFIED when none). */
  handling: HandlingMarking;
  /** True when any included record is synthetic: every page of every rendering is watermarked. */
  synthetic: boolean;
  /** When the data were read (ISO 8601, UTC). */
  as_of: string;
  /** The parameters the report was made from, as given (countries, period, categories...). */
  parameters: Record<string, string | string[] | number | null>;
  /** Summary paragraphs (the cable's first numbered paragraphs). */
  summary: Inline[][];
  sections: Section[];
  footnotes: Footnote[];
  citations: Citation[];
  /** Credits for the publishers of official statistics used (SOURCES.md). */
  credits: string[];
}
