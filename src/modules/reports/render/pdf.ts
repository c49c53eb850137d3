// The PDF rendering (pdfkit, A4): a title block, real headings (also the PDF's outline), ruled tables
// whose header row repeats when a table breaks across pages, charts and the map drawn as vectors from
// the shared figure geometry, notes and sources. Every page carries the handling marking in its
// header and footer and "Page n of N"; when the report holds synthetic records, every page also
// carries the watermark as a banner line at the top and bottom and diagonally across the page.
// Text is set in Source Sans 3 (embedded, subset), so every character the reports use is drawn.
// The metadata's dates are the document's as-of time, so the same document gives the same bytes.
import PDFDocument from "pdfkit";
import { SYNTHETIC_WATERMARK } from "../document.js";
import type { Block, Inline, ReportDocument } from "../document.js";
import { chartScene } from "./chart-geometry.js";
import { asOfDate, documentByline, figureHeight, figureLabels, handlingBanner, kindLabel, PAGE_MARGINS, superscript } from "./common.js";
import { fitToFont, fontPath, textOutline, type FontWeight } from "./fonts.js";
import { mapScene } from "./map-geometry.js";
import { drawScene, PDF_FONTS } from "./pdf-scene.js";
import { PdfTable } from "./pdf-table.js";

const INK = "#1a1a1a";
const NAVY = "#1b3a5c";
const MUTED = "#595959";
const RULE = "#8c8c8c";
const WARNING = "#b00020";
const LINK = "#1f4f8f";
const BODY_SIZE = 10;
const LINE_GAP = 2.2;

export interface Run {
  text: string;
  weight?: FontWeight;
  size?: number;
  colour?: string;
  link?: string;
}

function inlineRuns(content: Inline[]): Run[] {
  return content.map((inline): Run => {
    if (inline.type === "text") return { text: inline.text.replace(/\s*\n\s*/g, " "), weight: inline.strong ? "semibold" : "regular" };
    if (inline.type === "footnote") return { text: superscript(inline.n), colour: NAVY };
    return { text: `[${inline.n}]` };
  });
}

/** Writes flowing content top to bottom, adding pages as needed. */
export class PdfWriter {
  constructor(readonly pdf: PDFKit.PDFDocument) {}

  get left(): number {
    return this.pdf.page.margins.left;
  }
  get width(): number {
    return this.pdf.page.width - this.pdf.page.margins.left - this.pdf.page.margins.right;
  }
  get bottom(): number {
    return this.pdf.page.height - this.pdf.page.margins.bottom;
  }
  get atTop(): boolean {
    return this.pdf.y <= this.pdf.page.margins.top + 0.5;
  }

  /** A new page unless `height` more points fit on this one. */
  need(height: number): void {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage();
  }

  gap(height: number): void {
    if (!this.atTop) this.pdf.y += height;
  }

  /** Rich text (several fonts in one paragraph) wrapped to `width` from `x`. */
  runs(runs: Run[], options: { x?: number; width?: number; size?: number; align?: "left" | "right" | "center" } = {}): void {
    const parts = runs.filter((r) => r.text !== "");
    const x = options.x ?? this.left;
    parts.forEach((run, i) => {
      this.pdf
        .font(PDF_FONTS[run.weight ?? "regular"])
        .fontSize(run.size ?? options.size ?? BODY_SIZE)
        .fillColor(run.colour ?? INK);
      const textOptions: PDFKit.Mixins.TextOptions = {
        width: options.width ?? this.width - (x - this.left),
        lineGap: LINE_GAP,
        continued: i < parts.length - 1,
        align: options.align ?? "left",
      };
      if (run.link) Object.assign(textOptions, { link: run.link, underline: false });
      if (i === 0) this.pdf.text(fitToFont(run.text), x, this.pdf.y, textOptions);
      else this.pdf.text(fitToFont(run.text), textOptions);
    });
    this.pdf.x = this.left;
  }

  /** Height of plain text in a font at a width (for keeping things together). */
  heightOf(text: string, width: number, weight: FontWeight = "regular", size = BODY_SIZE): number {
    this.pdf.font(PDF_FONTS[weight]).fontSize(size);
    return this.pdf.heightOfString(fitToFont(text), { width, lineGap: LINE_GAP });
  }

  heading(text: string): void {
    this.gap(14);
    this.need(this.heightOf(text, this.width, "semibold", 14) + 60);
    this.pdf.outline.addItem(fitToFont(text));
    this.runs([{ text, weight: "semibold", size: 14, colour: NAVY }]);
    const y = this.pdf.y + 1;
    this.pdf
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.6)
      .strokeColor(NAVY)
      .stroke();
    this.pdf.y = y + 7;
  }

  paragraph(content: Inline[]): void {
    this.gap(6);
    this.need(3 * (BODY_SIZE + LINE_GAP) + 2);
    this.runs(inlineRuns(content));
  }

  list(items: Inline[][]): void {
    this.gap(4);
    for (const item of items) {
      this.need(2 * (BODY_SIZE + LINE_GAP) + 2);
      const y = this.pdf.y;
      this.pdf
        .font(PDF_FONTS.regular)
        .fontSize(BODY_SIZE)
        .fillColor(NAVY)
        .text("•", this.left + 4, y, { lineBreak: false });
      this.pdf.y = y;
      this.runs(inlineRuns(item), { x: this.left + 16 });
      this.pdf.y += 3;
    }
  }

  caption(label: string, title: string, footnote: number | undefined): void {
    const runs: Run[] = [
      { text: `${label}. `, weight: "semibold", size: 9.5, colour: NAVY },
      { text: title, weight: "semibold", size: 9.5 },
    ];
    if (footnote !== undefined) runs.push({ text: superscript(footnote), size: 9.5, colour: NAVY });
    this.runs(runs);
    this.pdf.y += 4;
  }

  figure(block: Extract<Block, { type: "chart" | "map" }>, label: string): void {
    const width = this.width;
    const height = figureHeight(block, width);
    const scene = block.type === "chart" ? chartScene(block, width, height) : mapScene(block, width, height);
    this.gap(12);
    this.need(this.heightOf(`${label}. ${block.title}`, width, "semibold", 9.5) + 6 + scene.height);
    this.caption(label, block.title, block.footnote);
    drawScene(this.pdf, scene, this.left, this.pdf.y);
    this.pdf.y += scene.height + 4;
  }

  block(block: Block, label: string | undefined): void {
    switch (block.type) {
      case "paragraph":
        this.paragraph(block.content);
        return;
      case "list":
        this.list(block.items);
        return;
      case "table":
        this.gap(12);
        new PdfTable(this, block, label ?? "Table").draw();
        return;
      case "chart":
      case "map":
        this.figure(block, label ?? "Figure");
        return;
    }
  }
}

function titleBlock(out: PdfWriter, doc: ReportDocument): void {
  const { pdf } = out;
  out.runs([{ text: kindLabel(doc.kind).toUpperCase(), weight: "semibold", size: 8.5, colour: MUTED }]);
  pdf.y += 4;
  out.runs([{ text: doc.title, weight: "semibold", size: 20, colour: NAVY }]);
  pdf.y += 4;
  out.runs([{ text: documentByline(doc, { kind: false }), size: 8.5, colour: MUTED }]);
  pdf.y += 8;
  if (doc.synthetic) {
    const text = `${SYNTHETIC_WATERMARK}. This report includes synthetic (demonstration) records; its figures describe no real events.`;
    const height = out.heightOf(text, out.width - 16, "semibold", 9) + 10;
    pdf.rect(out.left, pdf.y, out.width, height).lineWidth(1).fillAndStroke("#fdecee", WARNING);
    const y = pdf.y;
    pdf.y += 5;
    out.runs([{ text, weight: "semibold", size: 9, colour: WARNING }], { x: out.left + 8, width: out.width - 16 });
    pdf.y = y + height + 8;
  }
  pdf
    .moveTo(out.left, pdf.y)
    .lineTo(out.left + out.width, pdf.y)
    .lineWidth(1.2)
    .strokeColor(NAVY)
    .stroke();
  pdf.y += 4;
}

function notesAndSources(out: PdfWriter, doc: ReportDocument): void {
  const { pdf } = out;
  const hanging = (lead: string, runs: Run[], indent: number): void => {
    const body = runs.map((r) => r.text).join("");
    out.need(Math.min(out.heightOf(body, out.width - indent, "regular", 8.5), 60) + 4);
    const y = pdf.y;
    pdf.font(PDF_FONTS.semibold).fontSize(8.5).fillColor(NAVY).text(lead, out.left, y, { lineBreak: false });
    pdf.y = y;
    out.runs(runs, { x: out.left + indent, size: 8.5 });
    pdf.y += 3.5;
  };
  if (doc.footnotes.length > 0) {
    out.heading("Notes");
    for (const note of doc.footnotes) hanging(String(note.n), [{ text: note.text }], 18);
  }
  if (doc.citations.length > 0) {
    out.heading("Sources");
    for (const source of doc.citations) {
      const runs: Run[] = [{ text: source.url ? `${source.text}. ` : `${source.text}.` }];
      if (source.url) runs.push({ text: source.url, colour: LINK, link: source.url });
      hanging(`[${source.n}]`, runs, 22);
    }
  }
  if (doc.credits.length > 0) {
    out.heading("Credits");
    out.list(doc.credits.map((c) => [{ type: "text", text: c }]));
  }
}

/** The marking (and watermark) in the header and footer, and "Page n of N", on every page. */
function decoratePages(pdf: PDFKit.PDFDocument, doc: ReportDocument): void {
  const range = pdf.bufferedPageRange();
  const banner = fitToFont(handlingBanner(doc.handling));
  const watermark = fitToFont(SYNTHETIC_WATERMARK);
  const title = fitToFont(doc.title);
  const diagonal = textOutline(SYNTHETIC_WATERMARK, 40, "bold");
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const { width, height } = pdf.page;
    const margins = { ...pdf.page.margins };
    pdf.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const left = margins.left;
    const right = width - margins.right;
    const centred = (text: string, y: number, weight: FontWeight, size: number, colour: string): void => {
      pdf.font(PDF_FONTS[weight]).fontSize(size).fillColor(colour);
      pdf.text(text, (width - pdf.widthOfString(text)) / 2, y, { lineBreak: false });
    };

    if (doc.synthetic) {
      pdf.save();
      pdf.rotate(-50, { origin: [width / 2, height / 2] });
      pdf.translate((width - diagonal.width) / 2, height / 2 + 14);
      pdf.path(diagonal.d).fillColor(WARNING).fillOpacity(0.1).fill();
      pdf.restore();
    }

    centred(banner, doc.synthetic ? 24 : 32, "bold", 9.5, INK);
    if (doc.synthetic) centred(watermark, 38, "bold", 9, WARNING);
    pdf.moveTo(left, 56).lineTo(right, 56).lineWidth(0.5).strokeColor(RULE).stroke();

    const footerTop = height - 58;
    pdf.moveTo(left, footerTop).lineTo(right, footerTop).lineWidth(0.5).strokeColor(RULE).stroke();
    const pageLabel = `Page ${i - range.start + 1} of ${range.count}`;
    pdf.font(PDF_FONTS.regular).fontSize(8).fillColor(MUTED);
    const pageWidth = pdf.widthOfString(pageLabel);
    pdf.text(pageLabel, right - pageWidth, footerTop + 6, { lineBreak: false });
    pdf.text(title, left, footerTop + 6, { lineBreak: false, width: right - left - pageWidth - 24, ellipsis: true, height: 10 });
    if (doc.synthetic) centred(watermark, height - 38, "bold", 9, WARNING);
    centred(banner, height - 25, "bold", 9.5, INK);
    pdf.page.margins = margins;
  }
}

function newDocument(doc: ReportDocument): PDFKit.PDFDocument {
  const created = asOfDate(doc.as_of);
  const pdf = new PDFDocument({
    size: "A4",
    margins: PAGE_MARGINS,
    bufferPages: true,
    displayTitle: true,
    lang: "en-GB",
    pdfVersion: "1.7",
    info: {
      Title: doc.title,
      Subject: doc.subject,
      Author: "Rapporteur",
      Keywords: doc.tags.join(", "),
      Creator: "Rapporteur",
      Producer: "Rapporteur (PDFKit)",
      CreationDate: created,
      ModDate: created,
    },
  });
  for (const weight of Object.keys(PDF_FONTS) as FontWeight[]) pdf.registerFont(PDF_FONTS[weight], fontPath(weight));
  pdf.font(PDF_FONTS.regular);
  return pdf;
}

/** The report as an A4 PDF. */
export function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = newDocument(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const out = new PdfWriter(pdf);
  const labels = figureLabels(doc);
  titleBlock(out, doc);
  if (doc.summary.length > 0) {
    out.heading("Summary");
    for (const paragraph of doc.summary) out.paragraph(paragraph);
  }
  for (const section of doc.sections) {
    out.heading(section.heading);
    for (const block of section.blocks) out.block(block, labels.get(block));
  }
  notesAndSources(out, doc);
  decoratePages(pdf, doc);
  pdf.end();
  return done;
}
