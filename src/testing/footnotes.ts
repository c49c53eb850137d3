// A check for the rule that every number in a document is footnoted (issue 10): reads a rendered
// Markdown report block by block and returns every paragraph, list item or table cell that states
// a figure with no note. What is not a figure: years, dates and times in words, "95%" (the level of
// an interval), "100,000" (a rate's base), record numbers ("No. 12"), and the numbering of notes,
// sources, tables and figures. A table is noted by a note on its caption or on every figure cell;
// a notable incident's description ("No. 12, 2 March 2019, ...: title.") is a record's own words,
// sourced by its citations, not a figure.
const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const NOT_FIGURES = [
  /\[\^\d+\]/g, // footnote references
  /\\?\[\d+\\?\]/g, // citations
  new RegExp(`\\b\\d{1,2} (${MONTHS}) \\d{4}\\b`, "g"),
  new RegExp(`\\b\\d{1,2} (${MONTHS})\\b`, "g"),
  new RegExp(`\\b(${MONTHS}) \\d{4}\\b`, "g"),
  /\b(19|20)\d{2}\b/g, // years
  /\b\d{2}:\d{2} UTC\b/g,
  /\b95%/g,
  /\b100,000\b/g,
  /\bNo\. \d+/g,
  /\b(Table|Figure|Map) \d+\b/g,
  /\bQ[1-4]\b/g,
];

function hasFigure(text: string): boolean {
  let rest = text;
  for (const pattern of NOT_FIGURES) rest = rest.replace(pattern, " ");
  return /\d/.test(rest);
}

const noted = (text: string) => /\[\^\d+\]/.test(text);
const cited = (text: string) => /(^|[^^\\])\[\d+\]/.test(text);

/** Every statement of a figure without a note, in the order it appears. */
export function unnotedFigures(markdown: string): string[] {
  const problems: string[] = [];
  let body = true;
  let captionNoted: boolean | null = null;
  for (const block of markdown.split(/\n{2,}/)) {
    if (/^## (Sources|Credits)\s*$/.test(block) || /^\[\^\d+\]:/.test(block)) {
      body = false;
      continue;
    }
    if (/^#{1,6} /.test(block)) {
      body = !/^## (Sources|Credits)/.test(block);
      continue;
    }
    if (!body) continue;
    // The byline and the notes under a chart's title are metadata, in italics.
    if (/^\*[^*].*\*$/s.test(block)) continue;
    if (/^\*\*[^*]+\*\*(\[\^\d+\])?$/.test(block)) {
      captionNoted = noted(block);
      continue;
    }
    if (block.startsWith("|")) {
      if (!captionNoted) {
        for (const line of block.split("\n").slice(2)) {
          for (const cell of line.split(/(?<!\\)\|/).slice(1, -1)) if (hasFigure(cell) && !noted(cell)) problems.push(cell.trim());
        }
      }
      captionNoted = null;
      continue;
    }
    const items = block.startsWith("- ") ? block.split(/\n(?=- )/) : [block];
    for (const item of items) if (hasFigure(item) && !noted(item) && !cited(item) && !/^- \*\*No\. \d+/.test(item)) problems.push(item);
  }
  return problems;
}
