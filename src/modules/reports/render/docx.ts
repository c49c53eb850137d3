// The DOCX rendering (the docx package): Word's own Title, Heading 1 and Caption styles, real tables
// whose header row repeats on each page, bulleted lists, footnote references as superscript links to
// a numbered Notes section (the document's own numbers, which Word footnotes would renumber), the
// sources with their links, and charts and maps as images drawn from the same scene as the PDF's
// (SVG with a PNG fallback). Every page's header and footer carry the handling marking, the footer
// "Page n of N", and both the watermark when the report holds synthetic records.
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from "docx";
import { SYNTHETIC_WATERMARK } from "../document.js";
import type { Block, Inline, ReportDocument, TableColumn } from "../document.js";
import { chartScene } from "./chart-geometry.js";
import { A4, documentByline, figureHeight, figureLabels, handlingBanner, kindLabel, PAGE_MARGINS, TEXT_WIDTH } from "./common.js";
import { sceneImages } from "./figure-images.js";
import { measureText as measureSourceSans, type FontWeight } from "./fonts.js";
import { mapScene } from "./map-geometry.js";
import { fitColumns } from "./table-layout.js";

const FONT = "Arial";
const NAVY = "1B3A5C";
const MUTED = "595959";
const WARNING = "B00020";
const HEADER_FILL = "E6ECF2";
const twips = (points: number): number => Math.round(points * 20);

const noteAnchor = (n: number): string => `note_${n}`;
const sourceAnchor = (n: number): string => `source_${n}`;

function inlineChildren(content: Inline[]): ParagraphChild[] {
  return content.map((inline) => {
    if (inline.type === "text") return new TextRun({ text: inline.text.replace(/\s*\n\s*/g, " "), bold: inline.strong ?? false });
    if (inline.type === "footnote") {
      return new InternalHyperlink({ anchor: noteAnchor(inline.n), children: [new TextRun({ text: String(inline.n), superScript: true, color: NAVY })] });
    }
    return new InternalHyperlink({ anchor: sourceAnchor(inline.n), children: [new TextRun({ text: `[${inline.n}]` })] });
  });
}

function captionChildren(label: string, title: string, footnote: number | undefined): ParagraphChild[] {
  const children: ParagraphChild[] = [new TextRun({ text: `${label}. `, color: NAVY }), new TextRun({ text: title })];
  if (footnote !== undefined) children.push(...inlineChildren([{ type: "footnote", n: footnote }]));
  return children;
}

function caption(label: string, title: string, footnote: number | undefined): Paragraph {
  return new Paragraph({ style: "Caption", keepNext: true, children: captionChildren(label, title, footnote) });
}

const rule = (size: number, color: string): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color });
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };

const CELL_SIZE = 8.5;
const CELL_PAD = 5;

// Word sets the text in Arial (or what the reader has instead, such as Liberation Sans or DejaVu
// Sans), which run up to a fifth wider than Source Sans 3, the font the widths are measured in.
const WIDER = 1.2;

/** Column widths in points, laid out as the PDF's are, with room for a wider font. */
function columnWidths(columns: TableColumn[], rows: { text: string; footnote?: number }[][]): number[] {
  const measureText = (text: string, size: number, weight: FontWeight): number => measureSourceSans(text, size, weight) * WIDER;
  const cells = (i: number): [string, FontWeight][] => [
    [columns[i]!.label, "bold"],
    ...rows.map((r): [string, FontWeight] => [`${r[i]?.text ?? ""}${r[i]?.footnote ?? ""}`, "regular"]),
  ];
  const natural = columns.map((_, i) => Math.max(...cells(i).map(([t, w]) => measureText(t, CELL_SIZE, w))) + 2 * CELL_PAD + 1);
  const floor = columns.map(
    (_, i) => Math.max(...cells(i).flatMap(([t, w]) => t.split(/\s+/).map((word) => measureText(word, CELL_SIZE, w)))) + 2 * CELL_PAD + 1,
  );
  return fitColumns(columns, natural, floor, TEXT_WIDTH);
}

function table(columns: TableColumn[], rows: { text: string; footnote?: number }[][]): Table {
  const widths = columnWidths(columns, rows).map(twips);
  const cell = (content: ParagraphChild[], i: number, header: boolean, last: boolean): TableCell =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      children: [
        new Paragraph({
          alignment: columns[i]!.align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
          keepNext: !last,
          children: content,
          spacing: { before: 0, after: 0 },
        }),
      ],
      shading: header ? { type: ShadingType.CLEAR, fill: HEADER_FILL, color: "auto" } : undefined,
      margins: { top: twips(3), bottom: twips(3), left: twips(CELL_PAD), right: twips(CELL_PAD) },
      borders: {
        top: header ? rule(8, NAVY) : NONE,
        bottom: header ? rule(6, NAVY) : last ? rule(8, NAVY) : rule(3, "C8C8C8"),
        left: NONE,
        right: NONE,
      },
    });
  const size = CELL_SIZE * 2;
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell([new TextRun({ text: c.label, bold: true, size })], i, true, false)),
  });
  const bodyRows = rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: columns.map((_, i) => {
          const value = row[i];
          const content: ParagraphChild[] = [new TextRun({ text: value?.text ?? "", size })];
          if (value?.footnote !== undefined) content.push(...inlineChildren([{ type: "footnote", n: value.footnote }]));
          return cell(content, i, false, r === rows.length - 1);
        }),
      }),
  );
  return new Table({
    rows: [headerRow, ...bodyRows],
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

function figure(block: Extract<Block, { type: "chart" | "map" }>, label: string): Paragraph[] {
  // The PDF's text width and figure height, so the figure is the same drawing at the same size.
  const width = TEXT_WIDTH;
  const height = figureHeight(block, width);
  const scene = block.type === "chart" ? chartScene(block, width, height) : mapScene(block, width, height);
  const image = sceneImages(scene);
  const pixels = (points: number): number => Math.round((points * 96) / 72);
  // Caption and image in one paragraph, so no reader can set them on different pages.
  return [
    new Paragraph({
      style: "Caption",
      spacing: { after: twips(8) },
      children: [
        ...captionChildren(label, block.title, block.footnote),
        new TextRun({ break: 1 }),
        new ImageRun({
          type: "svg",
          data: image.svg,
          fallback: { type: "png", data: image.png },
          transformation: { width: pixels(image.width), height: pixels(image.height) },
          altText: { name: label, title: `${label}. ${block.title}`, description: image.description },
        }),
      ],
    }),
  ];
}

function blockContent(block: Block, label: string | undefined): (Paragraph | Table)[] {
  switch (block.type) {
    case "paragraph":
      return [new Paragraph({ children: inlineChildren(block.content) })];
    case "list":
      return block.items.map((item) => new Paragraph({ numbering: { reference: "bullets", level: 0 }, children: inlineChildren(item) }));
    case "table":
      return [
        caption(label ?? "Table", block.caption, block.footnote),
        table(block.columns, block.rows),
        new Paragraph({ spacing: { after: 0 }, children: [] }),
      ];
    case "chart":
    case "map":
      return figure(block, label ?? "Figure");
  }
}

function endMatter(doc: ReportDocument): Paragraph[] {
  const out: Paragraph[] = [];
  const hanging = { left: twips(22), hanging: twips(22) };
  if (doc.footnotes.length > 0) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Notes" }));
    for (const note of doc.footnotes) {
      out.push(
        new Paragraph({
          style: "NoteText",
          indent: hanging,
          tabStops: [{ type: TabStopType.LEFT, position: twips(22) }],
          children: [
            new Bookmark({ id: noteAnchor(note.n), children: [new TextRun({ text: String(note.n), bold: true, color: NAVY })] }),
            new TextRun({ text: `\t${note.text}` }),
          ],
        }),
      );
    }
  }
  if (doc.citations.length > 0) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Sources" }));
    for (const source of doc.citations) {
      const children: ParagraphChild[] = [
        new Bookmark({ id: sourceAnchor(source.n), children: [new TextRun({ text: `[${source.n}]`, bold: true, color: NAVY })] }),
        new TextRun({ text: `\t${source.text}.${source.url ? " " : ""}` }),
      ];
      if (source.url) children.push(new ExternalHyperlink({ link: source.url, children: [new TextRun({ text: source.url, style: "Hyperlink" })] }));
      out.push(new Paragraph({ style: "NoteText", indent: hanging, tabStops: [{ type: TabStopType.LEFT, position: twips(22) }], children }));
    }
  }
  if (doc.credits.length > 0) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Credits" }));
    for (const credit of doc.credits) out.push(new Paragraph({ numbering: { reference: "bullets", level: 0 }, children: [new TextRun(credit)] }));
  }
  return out;
}

/** The marking (and the watermark) as centred lines: outermost at the page edge, a rule towards the text. */
function bannerParagraphs(doc: ReportDocument, position: "header" | "footer"): Paragraph[] {
  const lines: { text: string; size: number; color?: string }[] = [{ text: handlingBanner(doc.handling), size: 19 }];
  if (doc.synthetic) lines.push({ text: SYNTHETIC_WATERMARK, size: 18, color: WARNING });
  if (position === "footer") lines.reverse();
  return lines.map(
    (line, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0 },
        border: position === "header" && i === lines.length - 1 ? { bottom: { style: BorderStyle.SINGLE, size: 4, color: "8C8C8C", space: 4 } } : {},
        children: [new TextRun({ text: line.text, bold: true, size: line.size, ...(line.color ? { color: line.color } : {}) })],
      }),
  );
}

function pageFooter(doc: ReportDocument): Footer {
  const pageLine = new Paragraph({
    style: "Footer",
    tabStops: [{ type: TabStopType.RIGHT, position: twips(TEXT_WIDTH) }],
    border: { top: { style: BorderStyle.SINGLE, size: 4, color: "8C8C8C", space: 4 } },
    spacing: { after: twips(4) },
    children: [
      new TextRun({ text: doc.title }),
      // The size and colour come from the Footer style too: some readers draw a field's result in
      // the paragraph's style rather than its run's.
      new TextRun({ children: ["\tPage ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES] }),
    ],
  });
  return new Footer({ children: [pageLine, ...bannerParagraphs(doc, "footer")] });
}

function pageHeader(doc: ReportDocument): Header {
  return new Header({ children: bannerParagraphs(doc, "header") });
}

/** The report as a DOCX file. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const labels = figureLabels(doc);
  const body: (Paragraph | Table)[] = [
    new Paragraph({ spacing: { after: twips(2) }, children: [new TextRun({ text: kindLabel(doc.kind).toUpperCase(), bold: true, size: 16, color: MUTED })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({ spacing: { after: twips(10) }, children: [new TextRun({ text: documentByline(doc, { kind: false }), size: 17, color: MUTED })] }),
  ];
  if (doc.synthetic) {
    body.push(
      new Paragraph({
        border: Object.fromEntries(["top", "bottom", "left", "right"].map((side) => [side, { style: BorderStyle.SINGLE, size: 8, color: WARNING, space: 4 }])),
        shading: { type: ShadingType.CLEAR, fill: "FDECEE", color: "auto" },
        children: [
          new TextRun({
            text: `${SYNTHETIC_WATERMARK}. This report includes synthetic (demonstration) records; its figures describe no real events.`,
            bold: true,
            color: WARNING,
            size: 18,
          }),
        ],
      }),
    );
  }
  if (doc.summary.length > 0) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: "Summary" }));
    for (const paragraph of doc.summary) body.push(new Paragraph({ children: inlineChildren(paragraph) }));
  }
  for (const section of doc.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: section.heading }));
    for (const block of section.blocks) body.push(...blockContent(block, labels.get(block)));
  }
  body.push(...endMatter(doc));

  const document = new Document({
    title: doc.title,
    subject: doc.subject,
    keywords: doc.tags.join(", "),
    creator: "Rapporteur",
    description: documentByline(doc),
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 }, paragraph: { spacing: { after: twips(6), line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 40, bold: true, color: NAVY }, paragraph: { spacing: { after: twips(6), line: 252, lineRule: LineRuleType.AUTO } } },
        heading1: {
          run: { font: FONT, size: 28, bold: true, color: NAVY },
          paragraph: {
            spacing: { before: twips(16), after: twips(8) },
            keepNext: true,
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: NAVY, space: 2 } },
          },
        },
        heading2: { run: { font: FONT, size: 22, bold: true, color: NAVY }, paragraph: { spacing: { before: twips(10), after: twips(4) }, keepNext: true } },
        hyperlink: { run: { color: "1F4F8F", underline: {} } },
      },
      paragraphStyles: [
        {
          id: "Caption",
          name: "caption",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { bold: true, size: 19 },
          paragraph: { spacing: { before: twips(10), after: twips(4) }, keepNext: true },
        },
        { id: "Footer", name: "footer", basedOn: "Normal", run: { size: 16, color: MUTED }, paragraph: { spacing: { after: 0 } } },
        { id: "NoteText", name: "Note Text", basedOn: "Normal", next: "NoteText", run: { size: 17 }, paragraph: { spacing: { after: twips(3) } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: "bullets",
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: "•",
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: twips(18), hanging: twips(12) } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(A4.width), height: twips(A4.height) },
            margin: {
              top: twips(PAGE_MARGINS.top),
              bottom: twips(PAGE_MARGINS.bottom),
              left: twips(PAGE_MARGINS.left),
              right: twips(PAGE_MARGINS.right),
              header: twips(22),
              footer: twips(18),
            },
          },
        },
        headers: { default: pageHeader(doc) },
        footers: { default: pageFooter(doc) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
