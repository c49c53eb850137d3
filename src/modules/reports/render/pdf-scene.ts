// Draws a figure's scene (scene.ts) onto a pdfkit page as vectors: the same shapes the SVG writer
// emits for the DOCX images, so both renderings show one figure.
import type { FontWeight } from "./fonts.js";
import { fitToFont } from "./fonts.js";
import type { Paint, Scene } from "./scene.js";

export const PDF_FONTS: Record<FontWeight, string> = { regular: "body", semibold: "body-semibold", bold: "body-bold", italic: "body-italic" };

function paint(pdf: PDFKit.PDFDocument, p: Paint): void {
  if (p.stroke) {
    pdf.lineWidth(p.strokeWidth ?? 1).strokeColor(p.stroke);
    if (p.dash) pdf.dash(p.dash[0], { space: p.dash[1] });
  }
  if (p.fill && p.fill !== "none" && p.stroke) pdf.fillColor(p.fill).fillAndStroke();
  else if (p.fill && p.fill !== "none") pdf.fillColor(p.fill).fill();
  else if (p.stroke) pdf.stroke();
  if (p.dash) pdf.undash();
}

/** Draws the scene with its top-left corner at (x, y); leaves the text cursor where it was. */
export function drawScene(pdf: PDFKit.PDFDocument, scene: Scene, x: number, y: number): void {
  const cursor = { x: pdf.x, y: pdf.y };
  pdf.save();
  pdf.translate(x, y);
  pdf.lineJoin("round").lineCap("butt");
  for (const shape of scene.shapes) {
    switch (shape.kind) {
      case "rect":
        pdf.rect(shape.x, shape.y, shape.width, shape.height);
        paint(pdf, shape);
        break;
      case "line":
        pdf.moveTo(shape.x1, shape.y1).lineTo(shape.x2, shape.y2);
        paint(pdf, shape);
        break;
      case "polyline": {
        const [first, ...rest] = shape.points;
        if (!first) break;
        pdf.moveTo(first[0], first[1]);
        for (const [px, py] of rest) pdf.lineTo(px, py);
        paint(pdf, shape);
        break;
      }
      case "circle":
        pdf.circle(shape.cx, shape.cy, shape.r);
        paint(pdf, shape);
        break;
      case "path":
        if (shape.d) {
          pdf.path(shape.d);
          paint(pdf, shape);
        }
        break;
      case "text": {
        const text = fitToFont(shape.text);
        pdf.font(PDF_FONTS[shape.weight]).fontSize(shape.size).fillColor(shape.fill);
        const width = pdf.widthOfString(text);
        const dx = shape.anchor === "middle" ? -width / 2 : shape.anchor === "end" ? -width : 0;
        pdf.save();
        if (shape.rotate) pdf.rotate(-shape.rotate, { origin: [shape.x, shape.y] });
        pdf.text(text, shape.x + dx, shape.y, { lineBreak: false, baseline: "alphabetic" });
        pdf.restore();
        break;
      }
    }
  }
  pdf.restore();
  pdf.x = cursor.x;
  pdf.y = cursor.y;
}
