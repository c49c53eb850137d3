// Where things are in a JSON text, for error messages that name a line: the line on which each
// element of a top-level array starts, and the line and column of a parse error.

/** 1-based line of each top-level array element (or [1] for a single top-level value). */
export function topLevelElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") line++;
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 0 && ch !== "[") return [line];
    if (depth === 1 && expectingValue && ch !== "]") {
      lines.push(line);
      expectingValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") {
      depth++;
      if (depth === 1) expectingValue = true;
    } else if (ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 1) expectingValue = true;
  }
  return lines;
}

/** "line L, column C" for a JSON.parse error, when the message gives a position. */
export function jsonErrorLocation(text: string, error: unknown): string | null {
  const message = error instanceof Error ? error.message : "";
  const explicit = /line (\d+) column (\d+)/.exec(message);
  if (explicit) return `line ${explicit[1]}, column ${explicit[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return null;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}
