// Column widths for a drawn table (PDF, DOCX), in points: each column's natural width (its widest
// cell) when the table fits, the spare width given to the text columns; when it does not fit, text
// columns wrap first and figures only if that is not enough, none below its longest word; past
// that every column shrinks alike (and long words break).
import type { TableColumn } from "../document.js";

export function fitColumns(columns: TableColumn[], natural: number[], floor: number[], available: number): number[] {
  const widths = [...natural];
  const total = (): number => widths.reduce((a, b) => a + b, 0);
  if (total() > available) {
    for (const shrinking of [columns.map((c) => c.align === "left"), columns.map(() => true)]) {
      const excess = total() - available;
      if (excess <= 0) break;
      const slack = widths.map((w, i) => (shrinking[i] ? Math.max(0, w - floor[i]!) : 0));
      const slackTotal = slack.reduce((a, b) => a + b, 0);
      if (slackTotal > 0) widths.forEach((w, i) => (widths[i] = w - (slack[i]! / slackTotal) * Math.min(excess, slackTotal)));
    }
    if (total() > available) {
      const scale = available / total();
      widths.forEach((w, i) => (widths[i] = w * scale));
    }
    return widths;
  }
  const extra = available - total();
  const growing = columns.map((c) => c.align === "left");
  const base = widths.reduce((sum, w, i) => sum + (growing[i] ? w : 0), 0);
  if (base > 0) widths.forEach((w, i) => (widths[i] = growing[i] ? w + (w / base) * extra : w));
  else widths.forEach((w, i) => (widths[i] = w + extra / widths.length));
  return widths;
}
