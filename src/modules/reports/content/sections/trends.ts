// Each category against the period before, as this document calls it (after the family's
// adjustment): an increase or a decrease only where significant, and "not compared" with the
// reason where the periods cannot be compared (one not over, no population, a break in series).
import { periodText } from "../../../figures/periods.js";
import { formatCount } from "../../../figures/words.js";
import type { Block, Inline } from "../../document.js";
import { cellOf, PREVIOUS, paragraph, text, type ReportContext } from "../context.js";
import { comparisonDetail, countryNote, verdictCell } from "../figure-text.js";
import { daysText } from "../notes.js";

export function trendsSection(ctx: ReportContext): Block[] {
  const { request, topCategories, periods } = ctx;
  const blocks: Block[] = [];
  const before = periodText(periods[PREVIOUS]);
  for (const country of request.countries) {
    const name = ctx.countryName(country);
    const note = countryNote(ctx, country);
    const label = request.countries.length > 1 ? `${name}: ` : "";
    const overall = ctx.comparison(country, null);
    if (overall.reason && /not over|cut short|one kind/.test(overall.reason)) {
      blocks.push(paragraph(text(`${label}Not compared with ${before}: ${overall.reason}.`), { type: "footnote", n: note }));
      continue;
    }
    const items: Inline[][] = [];
    for (const category of topCategories) {
      const a = cellOf(ctx, country, category, "all", PREVIOUS).count;
      const b = cellOf(ctx, country, category).count;
      if (a === 0 && b === 0) continue;
      const c = ctx.comparison(country, category);
      const called = c.reason
        ? `${formatCount(b)} against ${formatCount(a)}, ${comparisonDetail(c)}`
        : `${formatCount(b)} against ${formatCount(a)}, ${comparisonDetail(c)}: ${verdictCell(c)}`;
      items.push([text(`${category} ${ctx.categoryName(category)}: ${called}`), { type: "footnote", n: note }, text(".")]);
    }
    if (items.length === 0) {
      blocks.push(
        paragraph(text(`${label}No incidents were counted ${daysText(periods[1])} or ${daysText(periods[PREVIOUS])}: there is no change to report.`), {
          type: "footnote",
          n: note,
        }),
      );
      continue;
    }
    blocks.push(
      paragraph(
        text(
          `${label}Against ${before}. A change is called an increase or a decrease only when it is significant after the adjustment for the number of comparisons this document makes; small counts rarely allow it.`,
        ),
      ),
    );
    blocks.push({ type: "list", items });
  }
  return blocks;
}
