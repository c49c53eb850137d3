// What changed between two frozen versions of a report. Each document is flattened into labelled
// facts — every figure (a table cell, a chart point, a map value), every paragraph, footnote and
// citation — and the two sets are compared by label, so a change reads as "Incidents by category
// › SV Sexual violence › Incidents: 12 → 13" rather than as a line diff of JSON.
import type { Block, Inline, ReportDocument } from "./document.js";

export const CHANGE_KINDS = ["figure", "text", "footnote", "citation", "parameter"] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface ReportChange {
  kind: ChangeKind;
  /** Where: the section heading (or "Summary", "Notes", "Sources"). */
  section: string;
  /** What: e.g. "Incidents by category › SV Sexual violence › Rate per 100,000 (95% CI)". */
  label: string;
  /** null when the fact was added. */
  before: string | null;
  /** null when the fact was removed. */
  after: string | null;
}

interface Fact {
  kind: ChangeKind;
  section: string;
  label: string;
  value: string;
}

const SEP = " › ";
const inlineText = (content: Inline[]) => content.map((i) => (i.type === "text" ? i.text : i.type === "cite" ? `[${i.n}]` : `^${i.n}`)).join("");
const numberText = (n: number | null | undefined) => (n === null || n === undefined ? "no figure" : String(n));

function blockFacts(section: string, block: Block, index: number, add: (f: Fact) => void): void {
  switch (block.type) {
    case "paragraph":
      add({ kind: "text", section, label: `${section}${SEP}paragraph ${index + 1}`, value: inlineText(block.content) });
      return;
    case "list":
      block.items.forEach((item, i) => add({ kind: "text", section, label: `${section}${SEP}item ${i + 1}`, value: inlineText(item) }));
      return;
    case "table": {
      // The first column names the row; every other cell is a figure.
      const figures = block.columns.slice(1);
      for (const row of block.rows) {
        const key = row[0]?.text ?? "";
        figures.forEach((column, c) => {
          add({ kind: "figure", section, label: [section, block.caption, key, column.label].join(SEP), value: row[c + 1]?.text ?? "" });
        });
      }
      return;
    }
    case "chart":
      for (const series of block.series) {
        for (const point of series.points) {
          const interval =
            point.low !== undefined && point.low !== null && point.high !== undefined && point.high !== null ? ` (${point.low}–${point.high})` : "";
          add({ kind: "figure", section, label: [section, block.title, series.label, point.x].join(SEP), value: `${numberText(point.y)}${interval}` });
        }
      }
      return;
    case "map":
      for (const v of block.values) add({ kind: "figure", section, label: [section, block.title, v.country].join(SEP), value: numberText(v.value) });
      return;
  }
}

/** Every fact of a document, by label (a label met twice is numbered so nothing is lost). */
function facts(doc: ReportDocument): Map<string, Fact> {
  const result = new Map<string, Fact>();
  const add = (fact: Fact) => {
    let label = fact.label;
    for (let n = 2; result.has(label); n++) label = `${fact.label} (${n})`;
    result.set(label, { ...fact, label });
  };
  for (const [key, value] of Object.entries(doc.parameters)) {
    add({ kind: "parameter", section: "Parameters", label: `Parameters${SEP}${key}`, value: Array.isArray(value) ? value.join(", ") : String(value) });
  }
  add({ kind: "text", section: "Title", label: "Title", value: doc.title });
  doc.summary.forEach((p, i) => add({ kind: "text", section: "Summary", label: `Summary${SEP}paragraph ${i + 1}`, value: inlineText(p) }));
  for (const section of doc.sections) {
    section.blocks.forEach((block, i) => blockFacts(section.heading, block, i, add));
  }
  for (const f of doc.footnotes) add({ kind: "footnote", section: "Notes", label: `Notes${SEP}${f.n}`, value: f.text });
  for (const c of doc.citations) add({ kind: "citation", section: "Sources", label: `Sources${SEP}${c.n}`, value: c.url ? `${c.text} ${c.url}` : c.text });
  return result;
}

/**
 * A note names the data's as-of time, which moves with every change to any record in scope: a note
 * whose only difference is that time has not changed what it says, so it is not listed.
 */
function comparable(fact: Fact): string {
  return fact.kind === "footnote" ? fact.value.replace(/as of \d{4}-\d{2}-\d{2}T[0-9:.]+Z/g, "as of …") : fact.value;
}

/** The changes from `from` to `to`, figures first, in each document's order. */
export function diffReports(from: ReportDocument, to: ReportDocument): ReportChange[] {
  const before = facts(from);
  const after = facts(to);
  const changes: ReportChange[] = [];
  for (const [label, fact] of after) {
    const old = before.get(label);
    if (old === undefined) changes.push({ kind: fact.kind, section: fact.section, label, before: null, after: fact.value });
    else if (comparable(old) !== comparable(fact)) changes.push({ kind: fact.kind, section: fact.section, label, before: old.value, after: fact.value });
  }
  for (const [label, fact] of before) {
    if (!after.has(label)) changes.push({ kind: fact.kind, section: fact.section, label, before: fact.value, after: null });
  }
  const order: Record<ChangeKind, number> = { figure: 0, parameter: 1, text: 2, footnote: 3, citation: 4 };
  return changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => order[a.c.kind] - order[b.c.kind] || a.i - b.i)
    .map(({ c }) => c);
}
