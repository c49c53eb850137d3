// The plain-text cable: the handling marking line first and last (inside them the watermark lines
// when the report holds synthetic records), SUBJECT in capitals, TAGS, then numbered paragraphs each
// opened by its portion marking ("1. (SBU) Summary: ..."), the summary first; section headings in
// capitals between them; tables and figures as aligned fixed-width columns; footnotes as numbered
// notes "(n)" and sources cited [n] with a numbered list at the end. Every line is at most 80
// characters: words wrap, and only what cannot wrap (a long URL) is broken.
import { SYNTHETIC_WATERMARK } from "../document.js";
import type { Block, Inline, ReportDocument, TableColumn } from "../document.js";
import { figureLabels, formatAsOf, handlingBanner, portionMark } from "./common.js";
import { chartTable, mapTable } from "./figure-data.js";
import { layoutTable, width, wrapWords } from "./plain-layout.js";

export const CABLE_WIDTH = 80;
// Holds "note" and its number on one line while wrapping; written out as a plain space.
const NBSP = "\u00a0";

function inlineText(content: Inline[]): string {
  let out = "";
  for (const inline of content) {
    if (inline.type === "text") out += inline.text;
    else if (inline.type === "footnote") out += `${/\s$/.test(out) || out === "" ? "" : " "}(note${NBSP}${inline.n})`;
    else out += `${/[\s[]$/.test(out) || out === "" ? "" : " "}[${inline.n}]`;
  }
  return out.replace(/[ \t\r\n]+/g, " ").trim();
}

const noteRef = (n: number | undefined): string => (n === undefined ? "" : ` (note${NBSP}${n})`);

/** A table with, when any cell has a footnote, a last "Note" column naming its row's notes. */
function tableWithNotes(columns: TableColumn[], rows: { text: string; footnote?: number }[][]): { columns: TableColumn[]; rows: string[][] } {
  const notes = rows.map((row) => [...new Set(row.flatMap((c) => (c.footnote === undefined ? [] : [c.footnote])))]);
  const texts = rows.map((row) => columns.map((_, i) => row[i]?.text ?? ""));
  if (notes.every((n) => n.length === 0)) return { columns, rows: texts };
  return {
    columns: [...columns, { label: "Note", align: "right" }],
    rows: texts.map((row, i) => [...row, notes[i]!.join(", ")]),
  };
}

/** Writes the numbered paragraphs; `next()` gives each paragraph its number. */
class CableWriter {
  readonly lines: string[] = [];
  private number = 0;
  constructor(private readonly mark: string) {}

  blank(): void {
    if (this.lines.length > 0 && this.lines.at(-1) !== "") this.lines.push("");
  }

  raw(lines: string[]): void {
    this.lines.push(...lines);
  }

  wrapped(text: string, indent = 0): void {
    this.lines.push(...wrapWords(text, CABLE_WIDTH, { indent }));
  }

  paragraph(text: string): void {
    this.blank();
    const lead = `${++this.number}. ${this.mark}`;
    this.lines.push(...wrapWords(text ? `${lead} ${text}` : lead, CABLE_WIDTH));
  }

  heading(text: string): void {
    this.blank();
    this.wrapped(text.toUpperCase());
  }

  list(items: string[]): void {
    this.blank();
    for (const item of items) this.lines.push(...wrapWords(`-- ${item}`, CABLE_WIDTH, { indent: 3 }));
  }

  table(columns: TableColumn[], rows: string[][]): void {
    this.blank();
    this.lines.push(...layoutTable(columns, rows, CABLE_WIDTH));
  }
}

function writeBlock(out: CableWriter, block: Block, previous: Block | undefined, label: string | undefined): void {
  switch (block.type) {
    case "paragraph":
      out.paragraph(inlineText(block.content));
      return;
    case "list":
      // A list belongs to the paragraph before it; a list that opens a section gets its own number.
      if (previous?.type !== "paragraph" && previous?.type !== "list") out.paragraph("");
      out.list(block.items.map(inlineText));
      return;
    case "table": {
      out.paragraph(`${label}. ${block.caption}${noteRef(block.footnote)}:`);
      const table = tableWithNotes(block.columns, block.rows);
      out.table(table.columns, table.rows);
      return;
    }
    case "chart": {
      out.paragraph(`${label}. ${block.title}, in ${block.unit}${noteRef(block.footnote)}:`);
      const table = chartTable(block);
      out.table(table.columns, table.rows);
      return;
    }
    case "map": {
      out.paragraph(`${label}. ${block.title}, in ${block.unit}${noteRef(block.footnote)}:`);
      const table = mapTable(block);
      out.table(table.columns, table.rows);
      return;
    }
  }
}

/** The report as a plain-text cable. */
export function renderCable(doc: ReportDocument): string {
  const labels = figureLabels(doc);
  const banner = handlingBanner(doc.handling);
  const out = new CableWriter(portionMark(doc.handling));
  out.raw([banner]);
  if (doc.synthetic) out.raw([SYNTHETIC_WATERMARK]);
  out.blank();
  out.wrapped(`DATA AS OF: ${formatAsOf(doc.as_of)}`, 4);
  out.wrapped(`SUBJECT: ${doc.subject.toUpperCase()}`, 9);
  out.wrapped(`TAGS: ${doc.tags.join(", ")}`, 6);
  const ref = doc.parameters["ref"];
  if (typeof ref === "string") out.wrapped(`REF: ${ref}`, 5);

  doc.summary.forEach((content, i) => out.paragraph(i === 0 ? `Summary: ${inlineText(content)}` : inlineText(content)));
  for (const section of doc.sections) {
    out.heading(section.heading);
    section.blocks.forEach((block, i) => writeBlock(out, block, section.blocks[i - 1], labels.get(block)));
  }

  if (doc.footnotes.length > 0) {
    out.heading("Notes");
    for (const note of doc.footnotes) {
      out.blank();
      const lead = `(${note.n})`;
      out.wrapped(`${lead} ${note.text}`, width(lead) + 1);
    }
  }
  if (doc.citations.length > 0) {
    out.heading("Sources");
    for (const source of doc.citations) {
      out.blank();
      const lead = `[${source.n}]`;
      out.wrapped(`${lead} ${source.text}.${source.url ? ` ${source.url}` : ""}`, width(lead) + 1);
    }
  }
  if (doc.credits.length > 0) {
    out.heading("Credits");
    out.list(doc.credits);
  }
  out.blank();
  if (doc.synthetic) out.raw([SYNTHETIC_WATERMARK]);
  out.raw([banner]);
  return `${out.lines.join("\n").replaceAll(NBSP, " ")}\n`;
}
