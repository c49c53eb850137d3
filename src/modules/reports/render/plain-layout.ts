// Fixed-width text layout for the cable: words wrapped to a width (a word longer than the width,
// such as a long URL, is the only thing broken mid-word) and tables as aligned columns that wrap
// their cells when the table would be too wide. Widths are counted in characters (code points).
import type { TableColumn } from "../document.js";

export const width = (text: string): number => [...text].length;

function hardBreak(word: string, size: number): string[] {
  const chars = [...word];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(""));
  return pieces;
}

/**
 * Lines of at most `max` characters. The first line has `first` characters before it (a paragraph
 * number), continuation lines `indent` spaces (included in the result).
 */
export function wrapWords(text: string, max: number, options: { first?: number; indent?: number } = {}): string[] {
  const indent = " ".repeat(options.indent ?? 0);
  const lines: string[] = [];
  let line = "";
  let room = max - (options.first ?? 0);
  const push = (): void => {
    lines.push(lines.length === 0 ? line : indent + line);
    line = "";
    room = max - indent.length;
  };
  // Only ASCII white space separates words: a no-break space (U+00A0) holds "note 3" together.
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    if (line && width(line) + 1 + width(word) <= room) {
      line += ` ${word}`;
      continue;
    }
    if (line) push();
    if (width(word) <= room) {
      line = word;
      continue;
    }
    const pieces = hardBreak(word, room);
    // The first piece fills this line; later ones wrap at the continuation width.
    const rest = hardBreak(pieces.slice(1).join(""), max - indent.length);
    line = pieces[0]!;
    for (const piece of rest) {
      push();
      line = piece;
    }
  }
  if (line || lines.length === 0) push();
  return lines;
}

const GAP = "  ";

/** A table as aligned columns at most `max` characters wide, a rule under the header row. */
export function layoutTable(columns: TableColumn[], rows: string[][], max: number): string[] {
  const natural = columns.map((c, i) => Math.max(width(c.label), ...rows.map((r) => width(r[i] ?? ""))));
  const widths = fitWidths(columns, rows, natural, max - GAP.length * (columns.length - 1));
  const render = (cells: string[]): string[] => {
    const wrapped = columns.map((_, i) => wrapWords(cells[i] ?? "", widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    const lines: string[] = [];
    for (let l = 0; l < height; l++) {
      const parts = columns.map((c, i) => {
        const text = wrapped[i]![l] ?? "";
        const pad = " ".repeat(Math.max(0, widths[i]! - width(text)));
        return c.align === "right" ? pad + text : text + pad;
      });
      lines.push(parts.join(GAP).trimEnd());
    }
    return lines;
  };
  const header = render(columns.map((c) => c.label));
  const rule = widths.map((w) => "-".repeat(w)).join(GAP);
  return [...header, rule, ...rows.flatMap(render)];
}

/**
 * Column widths that fit `room`: the natural widths when they fit; otherwise the widest columns give
 * up characters first (their cells then wrap), none below the longest word it holds unless even
 * that does not fit, and then none below 4.
 */
function fitWidths(columns: TableColumn[], rows: string[][], natural: number[], room: number): number[] {
  const widths = [...natural];
  const longestWord = columns.map((c, i) => Math.max(...[c.label, ...rows.map((r) => r[i] ?? "")].flatMap((t) => t.split(/[ \t\r\n]+/)).map(width)));
  const total = (): number => widths.reduce((a, b) => a + b, 0);
  for (const floor of [longestWord, columns.map(() => 4)]) {
    while (total() > room) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) {
        if (widths[i]! > floor[i]! && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
      }
      if (widest === -1) break;
      widths[widest] = widths[widest]! - 1;
    }
  }
  return widths;
}
