// A report table on PDF pages: caption, a shaded header row, a rule under every row, figures aligned
// right. Columns take their natural widths and share the text width; text columns wrap when the
// table is too wide. A table that runs off the page goes on with "(continued)" and its header row.
import type { Block } from "../document.js";
import { superscript } from "./common.js";
import { fitToFont, type FontWeight } from "./fonts.js";
import type { PdfWriter } from "./pdf.js";
import { PDF_FONTS } from "./pdf-scene.js";
import { fitColumns } from "./table-layout.js";

type TableBlock = Extract<Block, { type: "table" }>;

const SIZE = 8.5;
const PAD_X = 5;
const PAD_Y = 3.5;
const LINE_GAP = 1.2;
const INK = "#1a1a1a";
const NAVY = "#1b3a5c";
const HEADER_FILL = "#e6ecf2";
const ROW_RULE = "#c8c8c8";

export class PdfTable {
  private widths: number[] = [];
  private readonly header: string[];
  private readonly rows: string[][];

  constructor(
    private readonly out: PdfWriter,
    private readonly block: TableBlock,
    private readonly label: string,
  ) {
    this.header = block.columns.map((c) => fitToFont(c.label));
    this.rows = block.rows.map((row) =>
      block.columns.map((_, i) => {
        const cell = row[i];
        return cell ? fitToFont(`${cell.text}${cell.footnote === undefined ? "" : superscript(cell.footnote)}`) : "";
      }),
    );
  }

  private get pdf(): PDFKit.PDFDocument {
    return this.out.pdf;
  }

  private textWidth(text: string, weight: FontWeight): number {
    return this.pdf.font(PDF_FONTS[weight]).fontSize(SIZE).widthOfString(text);
  }

  /** Natural widths (the widest cell), fitted to the text width (table-layout.ts). */
  private layout(): number[] {
    const available = this.out.width;
    const columns = this.block.columns;
    const cellsOf = (i: number): [string, FontWeight][] => [[this.header[i]!, "semibold"], ...this.rows.map((r): [string, FontWeight] => [r[i]!, "regular"])];
    const natural = columns.map((_, i) => Math.max(...cellsOf(i).map(([t, w]) => this.textWidth(t, w))) + 2 * PAD_X + 0.5);
    const floor = columns.map((_, i) => Math.max(...cellsOf(i).flatMap(([t, w]) => t.split(/\s+/).map((word) => this.textWidth(word, w)))) + 2 * PAD_X + 0.5);
    return fitColumns(columns, natural, floor, available);
  }

  private rowHeight(cells: string[], weight: FontWeight): number {
    this.pdf.font(PDF_FONTS[weight]).fontSize(SIZE);
    const heights = cells.map((text, i) => this.pdf.heightOfString(text || " ", { width: this.widths[i]! - 2 * PAD_X, lineGap: LINE_GAP }));
    return Math.max(...heights) + 2 * PAD_Y;
  }

  private rule(y: number, width: number, colour: string): void {
    const left = this.out.left;
    this.pdf
      .moveTo(left, y)
      .lineTo(left + this.widths.reduce((a, b) => a + b, 0), y)
      .lineWidth(width)
      .strokeColor(colour)
      .stroke();
  }

  private drawCells(cells: string[], y: number, weight: FontWeight, colour: string): void {
    let x = this.out.left;
    this.pdf.font(PDF_FONTS[weight]).fontSize(SIZE).fillColor(colour);
    cells.forEach((text, i) => {
      const width = this.widths[i]!;
      this.pdf.text(text, x + PAD_X, y + PAD_Y, { width: width - 2 * PAD_X, lineGap: LINE_GAP, align: this.block.columns[i]!.align });
      x += width;
    });
  }

  private drawHeader(): void {
    const y = this.pdf.y;
    const height = this.rowHeight(this.header, "semibold");
    this.pdf
      .rect(
        this.out.left,
        y,
        this.widths.reduce((a, b) => a + b, 0),
        height,
      )
      .fill(HEADER_FILL);
    this.rule(y, 0.9, NAVY);
    this.drawCells(this.header, y, "semibold", INK);
    this.rule(y + height, 0.6, NAVY);
    this.pdf.y = y + height;
  }

  draw(): void {
    this.widths = this.layout();
    const first = this.rows[0] ? this.rowHeight(this.rows[0], "regular") : 0;
    const caption = this.out.heightOf(`${this.label}. ${this.block.caption}`, this.out.width, "semibold", 9.5) + 4;
    this.out.need(caption + this.rowHeight(this.header, "semibold") + first + 2);
    this.out.caption(this.label, this.block.caption, this.block.footnote);
    this.drawHeader();
    this.rows.forEach((cells, r) => {
      const height = this.rowHeight(cells, "regular");
      if (this.pdf.y + height > this.out.bottom) {
        this.pdf.addPage();
        this.out.runs([{ text: `${this.label} (continued)`, weight: "italic", size: 8.5, colour: NAVY }]);
        this.pdf.y += 3;
        this.drawHeader();
      }
      const y = this.pdf.y;
      this.drawCells(cells, y, "regular", INK);
      const last = r === this.rows.length - 1;
      this.rule(y + height, last ? 0.9 : 0.35, last ? NAVY : ROW_RULE);
      this.pdf.y = y + height;
    });
    this.pdf.x = this.out.left;
    this.pdf.y += 6;
  }
}
