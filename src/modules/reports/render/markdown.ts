// The canonical rendering: GitHub-flavoured Markdown. The handling marking opens and closes the text
// (inside the watermark when the report holds synthetic records, which then takes the first and
// last lines); footnotes are Markdown footnotes [^n] and citations [n] with a numbered Sources list,
// both numbered as the document numbers them. Charts and maps become tables of their values.
import { SYNTHETIC_WATERMARK } from "../document.js";
import type { Block, Inline, ReportDocument, TableColumn } from "../document.js";
import { documentByline, figureLabels, handlingBanner } from "./common.js";
import { chartTable, mapTable } from "./figure-data.js";

/** Escapes what Markdown would read as markup in running text. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, " ");
}

/** Escapes what would start a block (heading, list, quote, rule) at the start of a line. */
function escapeLineStart(text: string): string {
  return text.replace(/^(\s*)(\d+)([.)])(?=\s|$)/, "$1$2\\$3").replace(/^(\s*)([#>+=-])/, "$1\\$2");
}

function renderInline(content: Inline[]): string {
  let out = "";
  content.forEach((inline, i) => {
    if (inline.type === "text") {
      const text = escapeMarkdown(inline.text);
      if (!inline.strong || text.trim() === "") {
        out += text;
      } else {
        // Emphasis markers must hug the words: keep surrounding spaces outside them.
        const [, lead = "", body = "", trail = ""] = /^(\s*)(.*?)(\s*)$/s.exec(text) ?? [];
        out += `${lead}**${body}**${trail}`;
      }
    } else if (inline.type === "footnote") {
      out += `[^${inline.n}]`;
    } else {
      const next = content[i + 1];
      const nextText = next?.type === "text" ? next.text : "";
      // "[1](" would be a link and "[1]:" at a line start a link definition: escape those only.
      out += /^[(:[]/.test(nextText) ? `\\[${inline.n}\\]` : `[${inline.n}]`;
    }
  });
  return escapeLineStart(out.trim());
}

function cellText(text: string): string {
  return escapeMarkdown(text).trim() || " ";
}

function renderTable(columns: TableColumn[], rows: string[][]): string[] {
  const header = `| ${columns.map((c) => cellText(c.label)).join(" | ")} |`;
  const rule = `|${columns.map((c) => (c.align === "right" ? "---:" : "---")).join("|")}|`;
  return [header, rule, ...rows.map((r) => `| ${columns.map((_, i) => r[i] ?? "").join(" | ")} |`)];
}

const footnoteRef = (n: number | undefined): string => (n === undefined ? "" : `[^${n}]`);

function renderBlock(block: Block, label: string | undefined): string[] {
  switch (block.type) {
    case "paragraph":
      return [renderInline(block.content)];
    case "list":
      return [block.items.map((item) => `- ${renderInline(item)}`).join("\n")];
    case "table": {
      const rows = block.rows.map((row) => row.map((cell) => `${cellText(cell.text)}${footnoteRef(cell.footnote)}`));
      return [`**${label}. ${escapeMarkdown(block.caption)}**${footnoteRef(block.footnote)}`, renderTable(block.columns, rows).join("\n")];
    }
    case "chart": {
      const table = chartTable(block);
      const kind = block.kind === "bar" ? "Bar chart" : "Line chart";
      return [
        `**${label}. ${escapeMarkdown(block.title)}**${footnoteRef(block.footnote)}`,
        `*${kind} in the PDF and DOCX renderings; its values, in ${escapeMarkdown(block.unit)}:*`,
        renderTable(
          table.columns,
          table.rows.map((r) => r.map(cellText)),
        ).join("\n"),
      ];
    }
    case "map": {
      const table = mapTable(block);
      const where = block.extent === "world" ? "the world" : "Europe";
      return [
        `**${label}. ${escapeMarkdown(block.title)}**${footnoteRef(block.footnote)}`,
        `*Map of ${where} in the PDF and DOCX renderings; its values, in ${escapeMarkdown(block.unit)}:*`,
        renderTable(
          table.columns,
          table.rows.map((r) => r.map(cellText)),
        ).join("\n"),
      ];
    }
  }
}

function autolink(url: string): string {
  return /^https?:\/\/[^\s<>]+$/.test(url) ? `<${url}>` : escapeMarkdown(url);
}

/** The report as Markdown (the canonical form). */
export function renderMarkdown(doc: ReportDocument): string {
  const labels = figureLabels(doc);
  const banner = handlingBanner(doc.handling);
  const parts: string[] = [];
  if (doc.synthetic) parts.push(SYNTHETIC_WATERMARK);
  parts.push(banner, `# ${escapeMarkdown(doc.title)}`, `*${escapeMarkdown(documentByline(doc))}*`);
  if (doc.synthetic) parts.push(`> **${SYNTHETIC_WATERMARK}.** This report includes synthetic (demonstration) records.`);

  if (doc.summary.length > 0) {
    parts.push("## Summary", ...doc.summary.map(renderInline));
  }
  for (const section of doc.sections) {
    parts.push(`## ${escapeMarkdown(section.heading)}`);
    for (const block of section.blocks) parts.push(...renderBlock(block, labels.get(block)));
  }
  if (doc.citations.length > 0) {
    parts.push("## Sources", doc.citations.map((c) => `- [${c.n}] ${escapeMarkdown(c.text)}.${c.url ? ` ${autolink(c.url)}` : ""}`).join("\n"));
  }
  if (doc.credits.length > 0) {
    parts.push("## Credits", doc.credits.map((c) => `- ${escapeMarkdown(c)}`).join("\n"));
  }
  if (doc.footnotes.length > 0) {
    parts.push(doc.footnotes.map((f) => `[^${f.n}]: ${escapeMarkdown(f.text)}`).join("\n"));
  }
  parts.push(banner);
  if (doc.synthetic) parts.push(SYNTHETIC_WATERMARK);
  return `${parts.join("\n\n")}\n`;
}
